package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Connection;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.PolicyNotApplicableException;
import io.kcs.cilium.rules.eval.Verdict;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code explain}: evaluate one connection against a profile and say why it passes or not. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Evaluate one connection against a runtime profile: verdict, bundled direction and the"
                + " exception that matched (with its position), or why nothing matched.",
        footer = {"", "Peers (exactly one): --to IP, --from IP, --to-pod NS[/k=v,...], --from-pod NS[/k=v,...],"
                + " --to-entity NAME, --from-entity NAME (host, remote-node, kube-apiserver, ingress, health, init).",
            "", "Examples:",
            "  kcs-cilium-rules explain --egress '*.example.com' --to 203.0.113.7 --dns api.example.com=203.0.113.7",
            "  kcs-cilium-rules explain --ingress '' --egress '10.0.0.0/8' --to 10.1.2.3 --reply",
            "  kcs-cilium-rules explain --egress 'service:db|app=pg' --to-pod db/role=primary --via-service app=pg",
            "", "Exit codes: 0 evaluated (allowed or denied), 1 the profile has errors or Cilium could not apply it,"
                    + " 2 bad usage."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions lists = new ProfileOptions();

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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            lists.resolve();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Instant now = Instant.now();
        Connection connection;
        DnsCache cache = DnsCache.create();
        try {
            connection = connection();
            for (String d : dns) {
                int eq = d.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--dns takes name=IP, got \"" + d + "\"");
                }
                cache.observe(d.substring(0, eq).trim(), List.of(IpAddress.parse(d.substring(eq + 1).trim())),
                        Duration.ofHours(1), now);
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("try: kcs-cilium-rules explain --help");
            return 2;
        }
        ProfileOptions.Parsed parsed = lists.parse(err, RuleParser.lenient());
        boolean errors = parsed.errors();
        PolicyEvaluator evaluator;
        try {
            evaluator = PolicyEvaluator.compile(parsed.profile(), CiliumAgentConfig.defaults(), cache);
        } catch (PolicyNotApplicableException e) {
            for (Diagnostic d : e.diagnostics()) {
                err.println("profile: " + d.severity() + " [" + d.code() + "] " + d.message());
            }
            return 1;
        }
        Verdict v = evaluator.evaluate(reply ? connection.reply() : connection.request(), now);
        out.println((v.allowed() ? "ALLOWED" : "DENIED") + " " + v.trafficDirection().lowerName() + " traffic ("
                + (reply ? "reply" : "request") + " of a connection " + (connection.direction().lowerName()
                        .equals("egress") ? "the workload opened" : "the peer opened") + "), reason "
                + v.reason());
        out.println("peer: " + connection.remote().describe());
        v.matchedRule().ifPresent(r -> out.println("exception: " + r));
        out.println(v.explanation());
        out.flush();
        return errors ? 1 : 0;
    }

    private Connection connection() {
        List<Connection> given = new ArrayList<>();
        if (to != null) {
            given.add(Connection.outbound(Peer.world(IpAddress.parse(to))));
        }
        if (from != null) {
            given.add(Connection.inbound(Peer.world(IpAddress.parse(from))));
        }
        if (toPod != null) {
            given.add(Connection.outbound(pod(toPod)));
        }
        if (fromPod != null) {
            given.add(Connection.inbound(pod(fromPod)));
        }
        if (toEntity != null) {
            given.add(Connection.outbound(entity(toEntity)));
        }
        if (fromEntity != null) {
            given.add(Connection.inbound(entity(fromEntity)));
        }
        if (given.size() != 1) {
            throw new IllegalArgumentException("give exactly one peer (--to, --from, --to-pod, --from-pod,"
                    + " --to-entity or --from-entity)");
        }
        return given.get(0);
    }

    private Peer pod(String text) {
        int slash = text.indexOf('/');
        String ns = slash < 0 ? text : text.substring(0, slash);
        Peer.Pod pod = Peer.pod(ns.trim(), labels(slash < 0 ? "" : text.substring(slash + 1)));
        return viaService == null ? pod : pod.viaService("service", labels(viaService));
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : text.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("labels take key=value, got \"" + kv + "\"");
            }
            out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return out;
    }

    private static Peer entity(String name) {
        return switch (name) {
            case "host" -> Peer.host();
            case "remote-node" -> Peer.remoteNode();
            case "kube-apiserver" -> Peer.kubeApiserver();
            case "ingress" -> Peer.ingress();
            case "health" -> Peer.health();
            case "init" -> Peer.init();
            default -> throw new IllegalArgumentException("unknown entity peer \"" + name
                    + "\" (expected host, remote-node, kube-apiserver, ingress, health or init)");
        };
    }
}
