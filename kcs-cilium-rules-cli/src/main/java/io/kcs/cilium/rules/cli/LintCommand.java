package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.analysis.AnalysisOptions;
import io.kcs.cilium.rules.analysis.Finding;
import io.kcs.cilium.rules.analysis.ProfileAnalyzer;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.common.TextSpan;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.parse.Cni;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lint}: the guardrail findings of {@link ProfileAnalyzer} about a profile (the whole internet allowed, broad
 * entities, CIDRs overlapping the cluster or broader than a floor, redundant entries, FQDN problems), printed like
 * compiler diagnostics on standard output. Parse diagnostics go to standard error as in the other commands.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Find what a runtime profile opens: the whole internet, broad entities, CIDRs that overlap the"
                + " cluster or are broader than a floor, redundant entries, FQDN entries Cilium cannot apply.",
        footer = {"", "Examples:",
            "  kcs-cilium-rules lint --egress '0.0.0.0/1, 128.0.0.0/1, entity:remote-node'",
            "  kcs-cilium-rules lint --profile p.yaml --cluster-cidrs 10.96.0.0/12 \\",
            "      --cluster-cidrs 10.244.0.0/16 --broad-entity world --broad-entity host",
            "  kcs-cilium-rules lint --profile p.yaml --format json --min-prefix 16,48",
            "", "Finding codes: covers-all-addresses (error), broad-entity, cidr-overlaps-cluster, cidr-too-broad,",
            "fqdn-match-all, service-in-ingress (warnings), redundant-entry (info), fqdn-in-ingress,",
            "fqdn-needs-l7-proxy (errors). See the README's Analysis section.",
            "", "Exit codes: 0 no error finding (warnings and infos allowed), 1 an error finding or a list error,"
                    + " 2 bad usage, 3 internal error."})
final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions lists = new ProfileOptions();

    @Option(names = "--cluster-cidrs", paramLabel = "CIDR[,CIDR...]", description = "The cluster's pod, service and"
            + " node ranges (repeatable); CIDR exceptions overlapping them get cidr-overlaps-cluster.")
    List<String> clusterCidrs = new ArrayList<>();

    @Option(names = "--min-prefix", paramLabel = "IPV4,IPV6", defaultValue = "8,32", description = "Prefix-length"
            + " floor per family (default ${DEFAULT-VALUE}; 0 turns a family off): shorter CIDRs get cidr-too-broad.")
    String minPrefix;

    @Option(names = "--broad-entity", paramLabel = "ENTITY", description = "An entity reported as broad-entity"
            + " (repeatable; replaces the default all, world, cluster, cluster-mesh, remote-node).")
    List<String> broadEntities = new ArrayList<>();

    @Option(names = "--agent-option", paramLabel = "KEY=VALUE", description = "A cilium-config option (repeatable),"
            + " e.g. enable-l7-proxy=false.")
    List<String> agentOptions = new ArrayList<>();

    @Option(names = "--cni", defaultValue = "cilium", paramLabel = "cilium|other", description = "cilium (default) or"
            + " other: with another CNI, entity:/endpoint:/service: entries are ignored with a warning.")
    Cni cni;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Findings as text"
            + " (default, compiler style) or json (one object per line).")
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
        if (lists.isEmpty()) {
            throw Main.usage(spec, "give --egress and/or --ingress, or --profile FILE");
        }
        AnalysisOptions options = options();
        ProfileOptions.Parsed parsed = lists.parse(err, RuleParser.lenient().withCni(cni), format);
        List<Finding> findings = ProfileAnalyzer.create(options).analyze(parsed.profile());
        int[] counts = new int[Severity.values().length];
        for (Finding f : findings) {
            counts[f.severity().ordinal()]++;
            print(out, parsed, f);
        }
        if (format == Format.TEXT) {
            out.println("lint: " + plural(counts[Severity.ERROR.ordinal()], "error") + ", "
                    + plural(counts[Severity.WARNING.ordinal()], "warning") + ", "
                    + plural(counts[Severity.INFO.ordinal()], "info"));
        }
        out.flush();
        err.flush();
        return parsed.errors() || counts[Severity.ERROR.ordinal()] > 0 ? Main.INPUT_ERROR : 0;
    }

    private AnalysisOptions options() {
        AnalysisOptions o = AnalysisOptions.defaults();
        if (!clusterCidrs.isEmpty()) {
            try {
                o = o.withClusterCidrs(CidrSet.parse(String.join(",", clusterCidrs)));
            } catch (IllegalArgumentException e) {
                throw Main.usage(spec, "--cluster-cidrs: " + e.getMessage());
            }
        }
        String[] floors = minPrefix.split(",", -1);
        try {
            if (floors.length != 2) {
                throw new NumberFormatException();
            }
            o = o.withMinPrefixLength(Integer.parseInt(floors[0].trim()), Integer.parseInt(floors[1].trim()));
        } catch (NumberFormatException e) {
            throw Main.usage(spec, "--min-prefix takes IPV4,IPV6 prefix lengths such as 8,32, got \""
                    + ProfileFile.Text.quote(minPrefix) + "\"");
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, "--min-prefix: " + e.getMessage());
        }
        if (!broadEntities.isEmpty()) {
            EnumSet<Entity> set = EnumSet.noneOf(Entity.class);
            for (String name : broadEntities) {
                Optional<Entity> e = Entity.fromCiliumName(name.trim());
                if (e.isEmpty()) {
                    List<String> known = java.util.Arrays.stream(Entity.values()).map(Entity::ciliumName).toList();
                    throw Main.usage(spec, "--broad-entity: unknown entity \"" + ProfileFile.Text.quote(name) + "\""
                            + ProfileFile.Text.didYouMean(name, known));
                }
                set.add(e.get());
            }
            o = o.withBroadEntities(set);
        }
        Map<String, String> agent;
        try {
            agent = AgentOptions.parse(agentOptions);
            o = o.withAgentConfig(CiliumAgentConfig.fromOptions(agent));
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, "--agent-option: " + e.getMessage());
        }
        return o;
    }

    /** One finding: located at its first rule (file line and item, or list column with a caret). */
    private void print(PrintWriter out, ProfileOptions.Parsed parsed, Finding f) {
        Direction d = f.direction();
        String list = d.lowerName();
        RuleSet rules = d == Direction.INGRESS ? parsed.ingress() : parsed.egress();
        Rule subject = f.rules().isEmpty() ? null : f.rules().get(0);
        Optional<String> place = subject == null ? Optional.empty() : parsed.placeOf(d, subject);
        Optional<TextSpan> span = subject == null || rules == null ? Optional.empty() : rules.spanOf(subject);
        String text = rules == null ? "" : rules.sourceText().orElse("");
        TextSpan s = span.orElse(new TextSpan(0, 0));
        Diagnostic diag = new Diagnostic(f.severity(), f.code(), s.start(), s.end(), f.message());
        if (format == Format.JSON) {
            String base = Diagnostics.json(list, diag);
            out.println(base.substring(0, base.length() - 1)
                    + place.map(p -> ",\"place\":\"" + Diagnostics.escape(p) + "\"").orElse("")
                    + ",\"rules\":[" + f.rules().stream().map(r -> "\"" + Diagnostics.escape(r.toString()) + "\"")
                            .collect(Collectors.joining(",")) + "]}");
        } else if (place.isPresent()) {
            Diagnostics.printOne(out, place.get() + ": ", "", diag);
        } else if (span.isPresent()) {
            Diagnostics.print(out, list, text, List.of(diag));
        } else {
            Diagnostics.reportUnplaced(out, Format.TEXT, list, diag);
        }
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
    }
}
