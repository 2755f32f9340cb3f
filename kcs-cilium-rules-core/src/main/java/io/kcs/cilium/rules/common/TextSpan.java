package io.kcs.cilium.rules.common;

/**
 * A range of offsets in a source text: {@code start} inclusive, {@code end} exclusive, in UTF-16 code units as
 * {@link String#charAt} counts.
 *
 * <pre>{@code
 * RuleSet rs = RuleSet.parse("10.0.0.0/8, *.example.com");
 * rs.spanOf(1);  // Optional[TextSpan[start=12, end=25]]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param start first offset, {@code >= 0}
 * @param end offset after the last character, {@code >= start}
 */
public record TextSpan(int start, int end) {

    /** @throws IllegalArgumentException when {@code start < 0} or {@code end < start} */
    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** {@code start-end}, e.g. {@code 12-25}. */
    @Override
    public String toString() {
        return start + "-" + end;
    }
}
