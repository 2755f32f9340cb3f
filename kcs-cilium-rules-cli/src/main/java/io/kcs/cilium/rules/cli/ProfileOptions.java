package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The profile options shared by translate, explain and diagram: --ingress/--egress lists or --profile FILE. */
final class ProfileOptions {

    @Option(names = "--egress", description = "Egress exception list: restricts egress to these exceptions.")
    String egress;

    @Option(names = "--ingress", description = "Ingress exception list: restricts ingress to these exceptions.")
    String ingress;

    @Option(names = "--profile", description = "A profile file (YAML or JSON) with ingress and/or egress lists"
            + " instead of --ingress/--egress.")
    String profileFile;

    /** The parsed profile: null lists are unrestricted directions. */
    record Parsed(RuntimeProfile profile, RuleSet ingress, RuleSet egress, boolean errors, boolean warnings) {}

    /**
     * Reads the lists from the options or the profile file.
     *
     * @throws IllegalArgumentException on a usage problem (both kinds of input, an unreadable or malformed file)
     */
    void resolve() {
        if (profileFile == null) {
            return;
        }
        if (egress != null || ingress != null) {
            throw new IllegalArgumentException("give --profile or --ingress/--egress, not both");
        }
        ProfileFile.Lists lists = ProfileFile.read(profileFile);
        ingress = lists.ingress();
        egress = lists.egress();
    }

    /** Whether no direction is restricted. */
    boolean isEmpty() {
        return ingress == null && egress == null;
    }

    /** Parses the lists with {@code parser}, printing their diagnostics to {@code err}. */
    Parsed parse(PrintWriter err, RuleParser parser) {
        return parse(err, parser, Format.TEXT);
    }

    /** Parses the lists with {@code parser}, printing their diagnostics to {@code err} in {@code format}. */
    Parsed parse(PrintWriter err, RuleParser parser, Format format) {
        boolean errors = false;
        boolean warnings = false;
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        RuleSet in = null;
        RuleSet eg = null;
        if (ingress != null) {
            ParseResult r = parser.parse(ingress);
            errors |= Diagnostics.report(err, format, "ingress", ingress, r.diagnostics());
            warnings |= r.diagnostics().stream().anyMatch(d -> !d.isError());
            in = r.rules();
            b.restrictIngress(in);
        }
        if (egress != null) {
            ParseResult r = parser.parse(egress);
            errors |= Diagnostics.report(err, format, "egress", egress, r.diagnostics());
            warnings |= r.diagnostics().stream().anyMatch(d -> !d.isError());
            eg = r.rules();
            b.restrictEgress(eg);
        }
        return new Parsed(b.build(), in, eg, errors, warnings);
    }
}
