package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.Mapped;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.hubble.LearnedProfile;
import io.kcs.cilium.rules.hubble.LearnedProfile.Suggestion;
import io.kcs.cilium.rules.hubble.ProfileLearner;
import io.kcs.cilium.rules.hubble.WorkloadView;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code learn}: suggest the smallest runtime profile that lets a workload's observed Hubble flows through.
 *
 * <p>Writes the profile as a profile file (YAML, every exception commented with the flows it covers; readable by
 * {@code --profile}) or as the CiliumNetworkPolicy the mapper writes for it. Exit code 0, or 1 when lines were
 * malformed or the policy has mapping errors.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = "Learn a runtime profile from a workload's Hubble flows: entities for reserved peers,"
                + " endpoint:/service: for pods, FQDN names (generalised to *.parent with enough siblings) and"
                + " CIDRs (aggregated to a prefix with enough hosts) for the world. Replaying the same flows"
                + " against the result denies nothing.",
        footer = {"", "Flows Cilium dropped are not learned from unless --include-dropped.",
            "", "Examples:",
            "  kcs-cilium-rules learn --flows flows.jsonl --namespace shop \\",
            "      --selector app=web > web.yaml",
            "  kcs-cilium-rules replay --flows flows.jsonl --namespace shop \\",
            "      --selector app=web --profile web.yaml",
            "  kcs-cilium-rules learn --flows flows.jsonl.gz --namespace shop \\",
            "      --selector app=web --min-shared 5 --ipv4-prefix 16 \\",
            "      --output cnp --name web-learned > web-cnp.yaml",
            "", "Exit codes: 0 learned, 1 some lines were malformed (reported on stderr, skipped) or the policy"
                    + " has mapping errors, 2 bad usage, 3 internal or I/O error."})
final class LearnCommand implements Callable<Integer> {

    /** What {@code learn} writes. */
    enum Output {
        /** A profile file. */
        PROFILE,
        /** A CiliumNetworkPolicy. */
        CNP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    FlowInput input = new FlowInput();

    @Option(names = "--agent-option", paramLabel = "KEY=VALUE", description = "A cilium-config option (repeatable),"
            + " e.g. enable-l7-proxy=false (then no FQDN exceptions are learned).")
    List<String> agentOptions = new ArrayList<>();

    @Option(names = "--cilium-version", defaultValue = MappingOptions.NEWEST_CILIUM_VERSION, paramLabel = "1.N",
            description = "Target Cilium version for --output cnp (default ${DEFAULT-VALUE}).")
    String ciliumVersion;

    @Option(names = "--min-shared", paramLabel = "K", defaultValue = "3", description = "Sibling names that make"
            + " *.parent, and hosts that make a prefix CIDR (default ${DEFAULT-VALUE}).")
    int minShared;

    @Option(names = "--ipv4-prefix", paramLabel = "BITS", defaultValue = "24", description = "IPv4 aggregation prefix"
            + " (default ${DEFAULT-VALUE}).")
    int ipv4Prefix;

    @Option(names = "--ipv6-prefix", paramLabel = "BITS", defaultValue = "64", description = "IPv6 aggregation prefix"
            + " (default ${DEFAULT-VALUE}).")
    int ipv6Prefix;

    @Option(names = "--include-dropped", description = "Also learn from flows Cilium dropped.")
    boolean includeDropped;

    @Option(names = "--directions", paramLabel = "ingress,egress", split = ",", defaultValue = "ingress,egress",
            description = "The directions to restrict (default both; the other stays unrestricted).")
    List<String> directions = new ArrayList<>();

    @Option(names = "--output", paramLabel = "profile|cnp", defaultValue = "profile", description = "profile"
            + " (default): a profile file; cnp: the CiliumNetworkPolicy for it.")
    Output output;

    @Option(names = "--name", description = "Name of the CiliumNetworkPolicy (--output cnp; default"
            + " learned-profile).")
    String name;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "text (default) or"
            + " json: the profile and its suggestions as one JSON object (with --output profile); diagnostics and"
            + " malformed lines as JSON lines on stderr.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        WorkloadView view = input.view(spec);
        MappingOptions mapping;
        try {
            mapping = MappingOptions.defaults().withCiliumVersion(ciliumVersion)
                    .withAgentConfig(io.kcs.cilium.rules.agent.CiliumAgentConfig.fromOptions(
                            AgentOptions.parse(agentOptions)));
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        ProfileLearner.Options options;
        try {
            boolean in = false;
            boolean eg = false;
            for (String d : directions) {
                switch (d.strip().toLowerCase(Locale.ROOT)) {
                    case "ingress" -> in = true;
                    case "egress" -> eg = true;
                    default -> throw new IllegalArgumentException("--directions takes ingress and/or egress, got \""
                            + d + "\"");
                }
            }
            options = ProfileLearner.Options.defaults().withMinShared(minShared).withPrefixes(ipv4Prefix, ipv6Prefix)
                    .withIncludeDropped(includeDropped).withRestricted(in, eg);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        if (output != Output.CNP && name != null) {
            throw Main.usage(spec, "--name applies to --output cnp");
        }
        if (output == Output.CNP && format == Format.JSON) {
            throw Main.usage(spec, "--output cnp writes YAML; --format json applies to --output profile");
        }
        ProfileLearner learner = ProfileLearner.create(view, mapping.agentConfig(), options);
        InputStream in = input.open(spec);
        FlowInput.Summary summary;
        try {
            summary = input.read(in, err, format, learner::accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LearnedProfile lp = learner.result();
        boolean errors = summary.malformed() > 0;
        if (output == Output.CNP) {
            String policyName = name == null ? "learned-profile" : name;
            Mapped<CiliumNetworkPolicy> cnp;
            try {
                cnp = CiliumPolicyMapper.create(mapping).toNetworkPolicy(lp.profile(), view.workload().namespace(),
                        policyName, view.workload().labels());
            } catch (IllegalArgumentException e) {
                throw Main.usage(spec, e.getMessage());
            }
            for (Diagnostic d : cnp.diagnostics()) {
                Diagnostics.reportUnplaced(err, format, "policy", d);
                errors |= d.isError();
            }
            out.print(CiliumPolicies.toYaml(cnp.value()));
        } else if (format == Format.JSON) {
            out.println(json(lp, summary, view));
        } else {
            out.print(profileYaml(lp, summary, view, input.sourceName()));
        }
        out.flush();
        err.flush();
        return errors ? Main.INPUT_ERROR : 0;
    }

    /** The profile file: each exception a quoted item, commented with the flows it covers. */
    static String profileYaml(LearnedProfile lp, FlowInput.Summary s, WorkloadView view, String source) {
        StringBuilder b = new StringBuilder();
        b.append("# learned by kcs-cilium-rules learn from ").append(source).append(": ").append(lp.flowsLearned())
                .append(" flows of ").append(view.workload()).append(" (").append(s.lines()).append(" lines, ")
                .append(lp.droppedFlowsIgnored()).append(" dropped flows not learned from, ")
                .append(lp.flowsOfOtherWorkloads()).append(" flows of other workloads)\n");
        for (Direction d : Direction.values()) {
            Optional<RuleSet> rules = lp.profile().exceptions(d);
            if (rules.isEmpty()) {
                b.append("# ").append(d.lowerName()).append(": not restricted\n");
                continue;
            }
            if (rules.get().isEmpty()) {
                b.append(d.lowerName()).append(": []   # no flows seen: blocks all ").append(d.lowerName())
                        .append('\n');
                continue;
            }
            b.append(d.lowerName()).append(":\n");
            for (Suggestion sg : lp.suggestions()) {
                if (sg.direction() != d) {
                    continue;
                }
                b.append("  - \"").append(Diagnostics.escape(sg.rule().toString())).append("\"   # ")
                        .append(sg.reason()).append("; ").append(sg.flows()).append(sg.flows() == 1 ? " flow" : " flows")
                        .append(", ").append(sg.lines().size() == 1 ? "line " : "lines ")
                        .append(lines(sg)).append('\n');
            }
        }
        return b.toString();
    }

    private static String lines(Suggestion s) {
        List<Long> l = s.lines();
        String shown = l.subList(0, Math.min(l.size(), 10)).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        return shown + (l.size() > 10 || !s.linesComplete() ? ", ..." : "");
    }

    private static String json(LearnedProfile lp, FlowInput.Summary s, WorkloadView view) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("workload", view.workload().toString());
        o.put("lines", s.lines());
        o.put("flows", s.flows());
        o.put("malformedLines", s.malformed());
        o.put("flowsLearned", lp.flowsLearned());
        o.put("droppedFlowsIgnored", lp.droppedFlowsIgnored());
        o.put("flowsOfOtherWorkloads", lp.flowsOfOtherWorkloads());
        ObjectNode profile = o.putObject("profile");
        for (Direction d : Direction.values()) {
            lp.profile().exceptions(d).ifPresent(rs -> {
                ArrayNode a = profile.putArray(d.lowerName());
                rs.forEach(r -> a.add(r.toString()));
            });
        }
        ArrayNode sugg = o.putArray("suggestions");
        for (Suggestion sg : lp.suggestions()) {
            ObjectNode n = sugg.addObject();
            n.put("direction", sg.direction().lowerName());
            n.put("exception", sg.rule().toString());
            n.put("reason", sg.reason());
            n.put("flows", sg.flows());
            ArrayNode lines = n.putArray("lines");
            sg.lines().forEach(lines::add);
            n.put("linesComplete", sg.linesComplete());
        }
        return o.toString();
    }
}
