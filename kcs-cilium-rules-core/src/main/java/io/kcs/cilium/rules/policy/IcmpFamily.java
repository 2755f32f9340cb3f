package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code family} of an {@link IcmpField}: {@code IPv4} (ICMP; also what an omitted family means) or {@code IPv6}
 * (ICMPv6), as Cilium's {@code api.IPv4Family} / {@code IPv6Family}.
 *
 * <pre>{@code
 * IcmpFamily.parse("IPv6");   // Optional[IPV6]
 * IcmpFamily.parse("");       // Optional[IPV4] (Cilium's default)
 * IcmpFamily.parse("ipv6");   // Optional.empty(): case-sensitive, as Cilium
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum IcmpFamily {
    /** ICMP for IPv4. */
    IPV4("IPv4"),
    /** ICMPv6. */
    IPV6("IPv6");

    private final String ciliumName;

    IcmpFamily(String ciliumName) {
        this.ciliumName = ciliumName;
    }

    /** {@code "IPv4"} or {@code "IPv6"}. */
    public String ciliumName() {
        return ciliumName;
    }

    /** The family written {@code text} (exact); empty text is {@link #IPV4}. */
    public static Optional<IcmpFamily> parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return Optional.of(IPV4);
        }
        for (IcmpFamily f : values()) {
            if (f.ciliumName.equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
