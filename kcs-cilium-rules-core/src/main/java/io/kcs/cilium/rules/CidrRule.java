package io.kcs.cilium.rules;

import io.kcs.cilium.rules.net.Cidr;
import java.util.Objects;

/**
 * An exception for a CIDR: in Cilium, peers <em>outside the cluster</em> whose address is inside the prefix
 * ({@code toCIDR}/{@code fromCIDR}). It never selects pods, the host or other nodes, even when their addresses are
 * inside the prefix (only with the agent option {@code policy-cidr-match-mode=nodes} does it select nodes).
 *
 * <pre>{@code
 * new CidrRule(Cidr.parse("10.0.0.0/8")).toString();  // "10.0.0.0/8"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param cidr the prefix, host bits already cleared
 */
public record CidrRule(Cidr cidr) implements Rule {

    /** @throws NullPointerException when {@code cidr} is null */
    public CidrRule {
        Objects.requireNonNull(cidr, "cidr");
    }

    /** The prefix text with its length, e.g. {@code 192.0.2.7/32}. */
    @Override
    public String toString() {
        return cidr.toString();
    }
}
