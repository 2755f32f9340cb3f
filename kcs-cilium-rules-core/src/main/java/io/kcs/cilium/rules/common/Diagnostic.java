package io.kcs.cilium.rules.common;

import java.util.Objects;

/**
 * One finding about an exception list: severity, a stable code (see {@link DiagnosticCodes}), the range of the
 * offending text and a message.
 *
 * <p>{@code start} and {@code end} are offsets in the original text (UTF-16 code units, as {@link String#charAt}
 * counts; {@code end} exclusive) covering the offending entry or the offending part of it; the range of a
 * diagnostic about the whole input covers the whole input. The message names the offending text (quoted, cut to 64
 * characters, non-printable characters escaped) and says what was expected, with a "did you mean" hint where one is
 * known. Tools should branch on {@link #code()}, never on the message wording.
 *
 * <pre>{@code
 * Diagnostic d = RuleParser.lenient().parse("10.0.0.0/8, 010.1.2.3").diagnostics().get(0);
 * d.code();   // "invalid-ipv4"
 * d.start();  // 12
 * d.end();    // 15  (the octet "010")
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity ERROR or WARNING
 * @param code stable kebab-case code, e.g. {@code invalid-ipv4}
 * @param start first offending offset, {@code >= 0}
 * @param end offset after the offending text, {@code >= start}
 * @param message human-readable explanation
 */
public record Diagnostic(Severity severity, String code, int start, int end, String message) {

    /**
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when {@code start < 0} or {@code end < start}
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /** Whether this is an {@link Severity#ERROR}. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code ERROR invalid-ipv4 at 12-15: message}. */
    @Override
    public String toString() {
        return severity + " " + code + " at " + start + "-" + end + ": " + message;
    }
}
