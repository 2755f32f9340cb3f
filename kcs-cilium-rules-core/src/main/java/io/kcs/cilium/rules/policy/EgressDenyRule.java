package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code egressDeny} entry (Cilium's {@code api.EgressDenyRule}): traffic to the peers on the ports (or ICMP
 * types) is denied, whatever any allow rule says. No {@code toFQDNs}, no L7, no authentication.
 *
 * <pre>{@code
 * new EgressDenyRule(Peers.builder().cidrs(List.of(CidrPrefix.parse("169.254.169.254/32"))).build(),
 *         List.of(), List.of()).toString();   // "egressDeny{to=cidrs=[169.254.169.254/32]}"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param to the peers
 * @param toPorts port rules, written order kept
 * @param icmps ICMP rules, written order kept
 */
public record EgressDenyRule(Peers to, List<PortDenyRule> toPorts, List<IcmpRule> icmps) {

    /** Copies the lists. */
    public EgressDenyRule {
        Objects.requireNonNull(to, "to");
        toPorts = Checks.list(toPorts, "toPorts");
        icmps = Checks.list(icmps, "icmps");
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("to=" + to);
        if (!toPorts.isEmpty()) {
            parts.add("toPorts=" + toPorts);
        }
        if (!icmps.isEmpty()) {
            parts.add("icmps=" + icmps);
        }
        return "egressDeny{" + String.join(" ", parts) + "}";
    }
}
