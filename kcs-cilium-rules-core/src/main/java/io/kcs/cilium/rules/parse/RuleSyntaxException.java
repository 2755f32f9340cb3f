package io.kcs.cilium.rules.parse;

import io.kcs.cilium.rules.common.Diagnostic;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by a strict parse when an exception list has at least one error. It carries <em>all</em> diagnostics of
 * the text (errors and warnings), so a caller can report every problem at once; the message lists every error with
 * its position.
 *
 * <pre>{@code
 * try {
 *     RuleSet.parse("10.0.0.0/33, entity:wrld");
 * } catch (RuleSyntaxException e) {
 *     e.diagnostics();  // invalid-prefix-length at 9-11, unknown-entity at 19-23 (did you mean "world"?)
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe (the diagnostics list is unmodifiable).
 */
public final class RuleSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<Diagnostic> diagnostics;

    /**
     * @param diagnostics every diagnostic of the parse; at least one should be an error
     */
    public RuleSyntaxException(List<Diagnostic> diagnostics) {
        super(message(Objects.requireNonNull(diagnostics, "diagnostics")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every diagnostic of the failed parse, errors and warnings, in text order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String message(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        StringBuilder b = new StringBuilder();
        b.append("invalid exception list: ").append(errors).append(errors == 1 ? " error" : " errors");
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                b.append("\n  ").append(d.code()).append(" at ").append(d.start()).append('-').append(d.end())
                        .append(": ").append(d.message());
            }
        }
        return b.toString();
    }
}
