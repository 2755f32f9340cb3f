package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.analysis.ProfileDiff;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.parse.Cni;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diff}: what a new profile file allows that the old one did not, and the reverse ({@link ProfileDiff}), on
 * what the exceptions select rather than on their text. Parse diagnostics of either file go to standard error.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two profile files by what they allow: what the new one newly allows and what it no"
                + " longer allows, per direction (CIDR set algebra, FQDN pattern containment, Cilium's entities).",
        footer = {"", "Examples:",
            "  kcs-cilium-rules diff old-profile.yaml new-profile.yaml",
            "  kcs-cilium-rules diff --fail-on-widening --format json old.yaml new.yaml",
            "", "An entry marked (partly allowed before) also covers peers the old profile allowed: the exact",
            "difference cannot be written as exception entries (all pods minus some namespaces, a pattern minus",
            "some names). A missing direction is unrestricted: it allows everything, like entity:all.",
            "", "Exit codes: 0 compared (1 with --fail-on-widening when the new profile allows more), 1 a list has"
                    + " errors, 2 bad usage or an unreadable file, 3 internal error."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The old profile file (YAML or JSON).")
    String beforeFile;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The new profile file (YAML or JSON).")
    String afterFile;

    @Option(names = "--fail-on-widening", description = "Exit with 1 when the new profile allows a peer the old one"
            + " did not (for CI gates).")
    boolean failOnWidening;

    @Option(names = "--cni", defaultValue = "cilium", paramLabel = "cilium|other", description = "cilium (default) or"
            + " other: with another CNI, entity:/endpoint:/service: entries are ignored with a warning.")
    Cni cni;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "The difference as"
            + " text (default) or as one json object; diagnostics on stderr likewise.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProfileOptions before = new ProfileOptions();
        before.profileFile = beforeFile;
        ProfileOptions after = new ProfileOptions();
        after.profileFile = afterFile;
        try {
            before.resolve();
            after.resolve();
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        RuleParser parser = RuleParser.lenient().withCni(cni);
        ProfileOptions.Parsed b = before.parse(err, parser, format);
        ProfileOptions.Parsed a = after.parse(err, parser, format);
        ProfileDiff diff = ProfileDiff.between(b.profile(), a.profile());
        if (format == Format.JSON) {
            out.println("{\"widening\":" + diff.isWidening() + ",\"ingress\":" + json(diff.ingress()) + ",\"egress\":"
                    + json(diff.egress()) + "}");
        } else {
            text(out, diff);
        }
        out.flush();
        err.flush();
        if (b.errors() || a.errors()) {
            return Main.INPUT_ERROR;
        }
        return failOnWidening && diff.isWidening() ? Main.INPUT_ERROR : 0;
    }

    private static void text(PrintWriter out, ProfileDiff diff) {
        if (diff.isEmpty() && !diff.ingress().restrictionChanged() && !diff.egress().restrictionChanged()) {
            out.println("no change in what the profile allows");
            return;
        }
        for (ProfileDiff.DirectionDiff d : List.of(diff.ingress(), diff.egress())) {
            String dir = d.direction().lowerName();
            String peer = d.direction() == Direction.INGRESS ? " from " : " to ";
            if (d.restrictionChanged()) {
                out.println(dir + (d.restrictedAfter() ? " is now restricted" : " is no longer restricted"));
            }
            if (!d.newlyAllowed().isEmpty()) {
                out.println("newly allows " + dir + peer + entries(d.newlyAllowed(), d.inexactNewlyAllowed()));
            }
            if (!d.noLongerAllowed().isEmpty()) {
                out.println("no longer allows " + dir + peer + entries(d.noLongerAllowed(),
                        d.inexactNoLongerAllowed()));
            }
        }
    }

    private static String entries(RuleSet rules, List<Rule> inexact) {
        return rules.rules().stream().map(r -> inexact.contains(r) ? r + " (partly allowed before)" : r.toString())
                .collect(Collectors.joining(", "));
    }

    private static String json(ProfileDiff.DirectionDiff d) {
        return "{\"restrictedBefore\":" + d.restrictedBefore() + ",\"restrictedAfter\":" + d.restrictedAfter()
                + ",\"newlyAllowed\":" + array(d.newlyAllowed().rules()) + ",\"noLongerAllowed\":"
                + array(d.noLongerAllowed().rules()) + ",\"inexactNewlyAllowed\":" + array(d.inexactNewlyAllowed())
                + ",\"inexactNoLongerAllowed\":" + array(d.inexactNoLongerAllowed()) + "}";
    }

    private static String array(List<Rule> rules) {
        return rules.stream().map(r -> "\"" + Diagnostics.escape(r.toString()) + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
