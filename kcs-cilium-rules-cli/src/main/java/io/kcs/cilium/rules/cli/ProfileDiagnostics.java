package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.EndpointSelectors;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Prints diagnostics computed from a whole profile (the mapping's, the evaluator's) in the compiler format, under the
 * list they point into. Their offsets point into the ingress or the egress list without saying which; the owner is
 * found by computing the same diagnostics for the ingress list alone.
 */
final class ProfileDiagnostics {

    /** Whether the printed diagnostics had errors or warnings. */
    record Found(boolean errors, boolean warnings) {}

    private ProfileDiagnostics() {}

    /**
     * Prints {@code all} (the diagnostics of the whole profile) to {@code err}; {@code of} computes the same
     * diagnostics for another profile.
     */
    static Found print(PrintWriter err, Format format, ProfileOptions.Parsed parsed, List<Diagnostic> all,
            Function<RuntimeProfile, List<Diagnostic>> of) {
        List<Diagnostic> ingressOnly = parsed.ingress() == null || all.isEmpty() ? List.of()
                : of.apply(RuntimeProfile.builder().restrictIngress(parsed.ingress()).build());
        boolean errors = false;
        boolean warnings = false;
        for (Diagnostic d : all) {
            errors |= d.isError();
            warnings |= !d.isError();
            if (d.code().equals(EndpointSelectors.EMPTY)) {
                Diagnostics.reportUnplaced(err, format, "selector", d);
            } else if (ingressOnly.contains(d) || parsed.egress() == null) {
                Diagnostics.report(err, format, "ingress", text(parsed.ingress()), List.of(d));
            } else {
                Diagnostics.report(err, format, "egress", text(parsed.egress()), List.of(d));
            }
        }
        return new Found(errors, warnings);
    }

    private static String text(RuleSet rules) {
        return rules == null ? "" : rules.sourceText().orElse("");
    }
}
