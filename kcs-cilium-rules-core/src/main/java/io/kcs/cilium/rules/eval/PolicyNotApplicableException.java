package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by {@link PolicyEvaluator#compile} when Cilium could not apply a runtime profile with the given agent
 * configuration, i.e. when {@link Applicability#check} reports an error (for example FQDN exceptions with
 * {@code enable-l7-proxy=false}, which the product reports as a connection error). It carries every diagnostic of
 * that check, errors and warnings, with codes from {@link ApplicabilityCodes}; the fabric8 mapper reports the same
 * diagnostics for the same profile.
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicyNotApplicableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Diagnostic> diagnostics;

    /** @param diagnostics every diagnostic of the failed compilation */
    public PolicyNotApplicableException(List<Diagnostic> diagnostics) {
        super(message(Objects.requireNonNull(diagnostics, "diagnostics")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every diagnostic, errors and warnings. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String message(List<Diagnostic> diagnostics) {
        StringBuilder b = new StringBuilder("Cilium cannot apply this runtime profile:");
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                b.append("\n  ").append(d.code()).append(": ").append(d.message());
            }
        }
        return b.toString();
    }
}
