package io.kcs.cilium.rules.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * A DNS query to trace through DNS L7 rules ({@code toPorts[].rules.dns}) with
 * {@link PolicyEngine#trace(io.kcs.cilium.rules.eval.Peer, io.kcs.cilium.rules.eval.Peer,
 * io.kcs.cilium.rules.net.Protocol, int, java.time.Instant, DnsQuery)}: the queried name, normalised as Cilium's DNS
 * proxy compares it (lower case, no trailing dot).
 *
 * <pre>{@code
 * DnsQuery q = DnsQuery.of("API.example.com.");
 * q.name();   // "api.example.com"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the queried name
 */
public record DnsQuery(String name) {

    /** The longest DNS name (RFC 1035 and Cilium's CRD). */
    public static final int MAX_NAME_LENGTH = 255;

    /** @throws IllegalArgumentException when the name is empty or longer than {@link #MAX_NAME_LENGTH} */
    public DnsQuery {
        Objects.requireNonNull(name, "name");
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("DNS query name \"" + (name.length() > 64 ? name.substring(0, 64)
                    + "..." : name) + "\": expected 1-" + MAX_NAME_LENGTH + " characters");
        }
        name = n.toLowerCase(Locale.ROOT);
    }

    /** The query for {@code name}. */
    public static DnsQuery of(String name) {
        return new DnsQuery(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
