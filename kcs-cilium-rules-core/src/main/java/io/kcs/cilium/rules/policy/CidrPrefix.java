package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.net.Cidr;
import java.util.Objects;

/**
 * A CIDR as written in a policy ({@code fromCIDR}/{@code toCIDR} entries, a CIDR set's {@code cidr} and
 * {@code except}): the original text, kept so the policy can be written back exactly, and the parsed prefix
 * ({@link Cidr}, host bits masked as Cilium masks them).
 *
 * <p>Equality compares the text too: {@code 10.0.0.1/8} and {@code 10.0.0.0/8} are different entries with the same
 * {@link #cidr()}.
 *
 * <pre>{@code
 * CidrPrefix p = CidrPrefix.parse("10.1.2.3/16");
 * p.text();    // "10.1.2.3/16"
 * p.cidr();    // 10.1.0.0/16
 * p.hasHostBits();   // true
 * CidrPrefix.parse("192.0.2.7").cidr();   // 192.0.2.7/32
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param text the text as written
 * @param cidr the prefix it denotes
 */
public record CidrPrefix(String text, Cidr cidr) implements Comparable<CidrPrefix> {

    /** @throws IllegalArgumentException when {@code text} does not parse to {@code cidr} */
    public CidrPrefix {
        Checks.nonEmpty(text, "CIDR text", 64);
        Objects.requireNonNull(cidr, "cidr");
        if (cidr == FROM_TEXT) { // parse(text): the text is scanned once, here
            cidr = Cidr.parse(text);
        } else {
            Cidr parsed;
            try {
                parsed = Cidr.parse(text); // one scan; an invalid text is refused below
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            if (parsed == null || !parsed.equals(cidr)) {
                throw new IllegalArgumentException("CIDR text " + Checks.quote(text) + " does not denote " + cidr);
            }
        }
    }

    /**
     * Parses strict CIDR text (a bare address is a host prefix) with {@link Cidr#parse}.
     *
     * @throws IllegalArgumentException when the text is not a CIDR
     */
    public static CidrPrefix parse(String text) {
        Objects.requireNonNull(text, "text");
        Checks.nonEmpty(text, "CIDR text", 64);
        return new CidrPrefix(text, FROM_TEXT);
    }

    /**
     * A private marker (compared by identity, never exposed: the constructor replaces it) asking the constructor to
     * parse the text itself, so that {@link #parse} scans it once instead of twice.
     */
    private static final Cidr FROM_TEXT = Cidr.parse("0.0.0.0/0");

    /** Whether the text has a {@code /length} (Cilium's {@code cidr} of a CIDR set requires one). */
    public boolean hasLength() {
        return text.indexOf('/') >= 0;
    }

    /** Whether the written address has host bits set (so {@link #cidr()} differs from the text). */
    public boolean hasHostBits() {
        return hasLength() && !cidr.toString().equals(text);
    }

    /** Orders by prefix, then text. */
    @Override
    public int compareTo(CidrPrefix o) {
        int c = cidr.compareTo(o.cidr);
        return c != 0 ? c : text.compareTo(o.text);
    }

    /** The text as written. */
    @Override
    public String toString() {
        return text;
    }
}
