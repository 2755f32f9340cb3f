package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.parse.Cni;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code diagram}: the profile as a Mermaid flowchart, workload in the middle, allowed peers by direction. */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = "Print the runtime profile as a Mermaid flowchart: the workload in the middle, the peers"
                + " ingress allows on the left, the peers egress allows on the right.",
        footer = {"", "Examples:",
            "  kcs-cilium-rules diagram --selector app=web \\",
            "      --ingress 'entity:ingress' --egress '10.0.0.0/8, *.x.io'",
            "  kcs-cilium-rules diagram --profile profile.yaml --format json",
            "", "--format json writes the diagnostics as JSON lines on stderr; the diagram stays Mermaid.",
            "", "Exit codes: 0 printed, 1 the lists have errors (the diagram shows the valid exceptions), 2 bad usage,"
                    + " 3 internal error."})
final class DiagramCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions lists = new ProfileOptions();

    @Option(names = "--selector", paramLabel = "KEY=VALUE[,...]", description = "Workload labels shown in its box"
            + " (repeatable), checked as translate checks them.")
    List<String> selector = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Diagnostics on stderr as text (default) or json (one object per line).")
    Format format;

    @Option(names = "--cni", defaultValue = "cilium", paramLabel = "cilium|other", description = "cilium (default) or"
            + " other: with another CNI, entity:/endpoint:/service: entries are ignored with a warning.")
    Cni cni;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            lists.resolve();
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        Map<String, String> labels = Labels.selector(spec, "--selector", selector);
        ProfileOptions.Parsed parsed = lists.parse(err, RuleParser.lenient().withCni(cni), format);
        boolean errors = parsed.errors();
        RuleSet in = parsed.ingress();
        RuleSet eg = parsed.egress();
        out.println("flowchart LR");
        out.println("  workload([\"" + text(labels.isEmpty() ? "workload" : "workload " + labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")))
                + "\"])");
        section(out, "ingress", "i", in, true);
        section(out, "egress", "e", eg, false);
        out.flush();
        return errors ? 1 : 0;
    }

    private static void section(PrintWriter out, String direction, String prefix, RuleSet rules, boolean inbound) {
        if (rules == null) {
            out.println("  " + prefix + "any[\"any peer (" + direction + " unrestricted)\"]");
            out.println(inbound ? "  " + prefix + "any -.-> workload" : "  workload -.-> " + prefix + "any");
            return;
        }
        out.println("  subgraph " + direction + "[\"" + direction + " allows only\"]");
        if (rules.isEmpty()) {
            out.println("    " + prefix + "none[\"nothing: default deny\"]");
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.rules().get(i);
            out.println("    " + prefix + i + "[\"" + text(kind(r) + r) + "\"]");
        }
        out.println("  end");
        for (int i = 0; i < rules.size(); i++) {
            out.println(inbound ? "  " + prefix + i + " --> workload" : "  workload --> " + prefix + i);
        }
        if (rules.isEmpty()) {
            out.println(inbound ? "  " + prefix + "none -. blocked .-> workload" : "  workload -. blocked .-> " + prefix
                    + "none");
        }
    }

    private static String kind(Rule r) {
        String name = r.getClass().getSimpleName();
        return switch (name) {
            case "CidrRule" -> "CIDR ";
            case "FqdnRule" -> "DNS ";
            default -> "";
        };
    }

    /** Mermaid label text: quotes, pipes and angle brackets as entity codes. */
    private static String text(String s) {
        return s.replace("\"", "#quot;").replace("|", "#124;").replace("<", "#lt;").replace(">", "#gt;");
    }
}
