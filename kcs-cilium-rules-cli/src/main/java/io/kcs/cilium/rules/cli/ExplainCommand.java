package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.eval.Connection;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.PolicyNotApplicableException;
import io.kcs.cilium.rules.eval.Verdict;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.common.Diagnostic;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code explain}: evaluate one connection against a profile and say why it passes or not.
 *
 * <p>Exit code 0 means allowed and 1 denied (or the profile has errors), so that scripts can test a connection
 * with {@code if kcs-cilium-rules explain ...; then}.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Evaluate one connection against a runtime profile: verdict, bundled direction and the"
                + " exception that matched (with its position), or why nothing matched.",
        footer = {"", "Peers (exactly one): --to IP, --from IP, --to-pod NS[/k=v,...], --from-pod NS[/k=v,...],"
                + " --to-entity NAME, --from-entity NAME (host, remote-node, kube-apiserver, ingress, health, init).",
            "", "Examples:",
            "  kcs-cilium-rules explain --egress '*.example.com' \\",
            "      --to 203.0.113.7 --dns api.example.com=203.0.113.7",
            "  kcs-cilium-rules explain --ingress '' --egress '10.0.0.0/8' \\",
            "      --to 10.1.2.3 --reply",
            "  kcs-cilium-rules explain --egress 'service:db|app=pg' \\",
            "      --to-pod db/role=primary --via-service app=pg --format json",
            "  kcs-cilium-rules explain --egress 'api.example.com' --to 203.0.113.7 \\",
            "      --agent-option enable-l7-proxy=false",
            "", "--format json writes the verdict as one JSON object on stdout (verdict, allowed, trafficDirection,"
                    + " packet, reason, peer, explanation, and exception, list, column, endColumn when an exception"
                    + " matched; columns are 1-based; verdict not-applicable when Cilium could not apply the profile)"
                    + " and the diagnostics as JSON lines on stderr.",
            "", "Exit codes: 0 allowed, 1 denied, or the profile has errors (the verdict is for its valid"
                    + " exceptions) or Cilium could not apply it, 2 bad usage, 3 internal error."})
final class ExplainCommand implements Callable<Integer> {

    /** Mapping codes that depend on the Cilium version (the evaluator reports the others). */
    private static final Set<String> VERSION_CODES = Set.of(CiliumPolicyMapper.ENTITY_REPLACED,
            CiliumPolicyMapper.ENTITY_UNSUPPORTED, CiliumPolicyMapper.PATTERN_BEFORE_1_19);

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions lists = new ProfileOptions();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--to", description = "The workload opens a connection to this IP outside the cluster.")
    String to;

    @Option(names = "--from", description = "A peer outside the cluster at this IP opens a connection.")
    String from;

    @Option(names = "--to-pod", description = "The workload connects to a pod: NAMESPACE[/key=value,...].")
    String toPod;

    @Option(names = "--from-pod", description = "A pod connects to the workload: NAMESPACE[/key=value,...].")
    String fromPod;

    @Option(names = "--via-service", description = "The pod backs a Service with these labels: key=value,...")
    String viaService;

    @Option(names = {"--to-entity", "--entity"}, description = "The workload connects to an entity peer.")
    String toEntity;

    @Option(names = "--from-entity", description = "An entity peer connects to the workload.")
    String fromEntity;

    @Option(names = "--dns", description = "A DNS answer the proxy saw: name=IP (repeatable).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--reply", description = "Evaluate a reply packet instead of the request.")
    boolean reply;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default) or json: the verdict as one"
            + " JSON object, diagnostics as JSON lines.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            lists.resolve();
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        Instant now = Instant.now();
        Connection connection = connection();
        DnsCache cache = DnsCache.create();
        for (String d : dns) {
            int eq = d.indexOf('=');
            if (eq <= 0) {
                throw Main.usage(spec, "--dns takes name=IP, got \"" + d + "\"");
            }
            try {
                String name = d.substring(0, eq).trim();
                if (FqdnSelector.parse(name).isPattern()) {
                    throw new IllegalArgumentException("a DNS answer is for a name, not a pattern");
                }
                cache.observe(name, List.of(IpAddress.parse(d.substring(eq + 1).trim())), Duration.ofHours(1), now);
            } catch (IllegalArgumentException e) {
                throw Main.usage(spec, "--dns \"" + d + "\": " + e.getMessage());
            }
        }
        MappingOptions options = engine.mappingOptions(spec);
        ProfileOptions.Parsed parsed = lists.parse(err, engine.parser(), format);
        boolean errors = parsed.errors();
        CiliumPolicyMapper mapper = CiliumPolicyMapper.create(options);
        errors |= ProfileDiagnostics.print(err, format, parsed, versionDiagnostics(mapper, parsed.profile()),
                p -> versionDiagnostics(mapper, p)).errors();
        PolicyEvaluator evaluator;
        try {
            evaluator = PolicyEvaluator.compile(parsed.profile(), options.agentConfig(), cache);
        } catch (PolicyNotApplicableException e) {
            ProfileDiagnostics.print(err, format, parsed, e.diagnostics(), p -> applicability(p, options));
            if (format == Format.TEXT) {
                err.println("no verdict: Cilium could not apply this profile");
            } else {
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("verdict", "not-applicable");
                o.put("allowed", false);
                out.println(o);
                out.flush();
            }
            err.flush();
            return Main.INPUT_ERROR;
        }
        ProfileDiagnostics.print(err, format, parsed, evaluator.diagnostics(), p -> applicability(p, options));
        err.flush();
        Verdict v = evaluator.evaluate(reply ? connection.reply() : connection.request(), now);
        if (format == Format.JSON) {
            out.println(json(v, connection, parsed));
        } else {
            out.println((v.allowed() ? "ALLOWED" : "DENIED") + " " + v.trafficDirection().lowerName() + " traffic ("
                    + (reply ? "reply" : "request") + " of a connection " + (connection.direction()
                            == Direction.EGRESS ? "the workload opened" : "the peer opened") + "), reason "
                    + v.reason());
            out.println("peer: " + connection.remote().describe());
            v.matchedRule().ifPresent(r -> out.println("exception: " + r + position(v, r, parsed)));
            out.println(v.explanation());
        }
        out.flush();
        return errors || !v.allowed() ? Main.INPUT_ERROR : 0;
    }

    /** Where the matched exception is, as {@code " at egress:13"} (1-based column), when it was parsed. */
    private static String position(Verdict v, Rule r, ProfileOptions.Parsed parsed) {
        Optional<String> place = parsed.placeOf(v.trafficDirection(), r);
        if (place.isPresent()) {
            return " at " + place.get();
        }
        RuleSet list = v.trafficDirection() == Direction.EGRESS ? parsed.egress() : parsed.ingress();
        return list == null ? "" : list.spanOf(r).map(span -> " at " + v.trafficDirection().lowerName() + ":"
                + (span.start() + 1)).orElse("");
    }

    private static List<Diagnostic> versionDiagnostics(CiliumPolicyMapper mapper, RuntimeProfile profile) {
        return mapper.toClusterwidePolicy(profile, "explain", Map.of()).diagnostics().stream()
                .filter(d -> VERSION_CODES.contains(d.code())).toList();
    }

    private static List<Diagnostic> applicability(RuntimeProfile profile, MappingOptions options) {
        try {
            return PolicyEvaluator.compile(profile, options.agentConfig(), DnsCache.create()).diagnostics();
        } catch (PolicyNotApplicableException e) {
            return e.diagnostics();
        }
    }

    private String json(Verdict v, Connection connection, ProfileOptions.Parsed parsed) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("verdict", v.allowed() ? "allowed" : "denied");
        o.put("allowed", v.allowed());
        o.put("trafficDirection", v.trafficDirection().lowerName());
        o.put("packet", reply ? "reply" : "request");
        o.put("opener", connection.direction() == Direction.EGRESS ? "workload" : "peer");
        o.put("reason", v.reason().name());
        o.put("peer", connection.remote().describe());
        v.matchedRule().ifPresent(r -> {
            o.put("exception", r.toString());
            parsed.placeOf(v.trafficDirection(), r).ifPresent(place -> o.put("place", place));
            RuleSet list = v.trafficDirection() == Direction.EGRESS ? parsed.egress() : parsed.ingress();
            if (list != null) {
                o.put("list", v.trafficDirection().lowerName());
                list.spanOf(r).ifPresent(span -> {
                    o.put("column", span.start() + 1);
                    o.put("endColumn", span.end());
                });
            }
        });
        o.put("explanation", v.explanation());
        return o.toString();
    }

    private Connection connection() {
        List<Connection> given = new ArrayList<>();
        if (to != null) {
            given.add(Connection.outbound(Peer.world(ip("--to", to))));
        }
        if (from != null) {
            given.add(Connection.inbound(Peer.world(ip("--from", from))));
        }
        if (toPod != null) {
            given.add(Connection.outbound(pod("--to-pod", toPod)));
        }
        if (fromPod != null) {
            given.add(Connection.inbound(pod("--from-pod", fromPod)));
        }
        if (toEntity != null) {
            given.add(Connection.outbound(entity(toEntity)));
        }
        if (fromEntity != null) {
            given.add(Connection.inbound(entity(fromEntity)));
        }
        if (given.size() != 1) {
            throw Main.usage(spec, "give exactly one peer (--to, --from, --to-pod, --from-pod,"
                    + " --to-entity or --from-entity)");
        }
        return given.get(0);
    }

    private IpAddress ip(String option, String text) {
        try {
            return IpAddress.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, option + ": " + e.getMessage());
        }
    }

    private Peer pod(String option, String text) {
        int slash = text.indexOf('/');
        String ns = Labels.namespace(spec, option, slash < 0 ? text : text.substring(0, slash));
        Peer.Pod pod = Peer.pod(ns, Labels.podLabels(spec, option, slash < 0 ? "" : text.substring(slash + 1)));
        return viaService == null ? pod : pod.viaService("service", Labels.podLabels(spec, "--via-service",
                viaService));
    }

    private Peer entity(String name) {
        return switch (name) {
            case "host" -> Peer.host();
            case "remote-node" -> Peer.remoteNode();
            case "kube-apiserver" -> Peer.kubeApiserver();
            case "ingress" -> Peer.ingress();
            case "health" -> Peer.health();
            case "init" -> Peer.init();
            default -> throw Main.usage(spec, "unknown entity peer \"" + name
                    + "\" (expected host, remote-node, kube-apiserver, ingress, health or init)");
        };
    }
}
