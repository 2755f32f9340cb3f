package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code ingressDeny} entry (Cilium's {@code api.IngressDenyRule}): traffic from the peers to the ports (or
 * ICMP types) is denied, whatever any allow rule says. No L7, no authentication. Peers and ports combine as in
 * {@link IngressRule}.
 *
 * <pre>{@code
 * new IngressDenyRule(Peers.builder().entities(List.of(Entity.WORLD)).build(), List.of(), List.of()).toString();
 * // "ingressDeny{from=entities=[world]}"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param from the peers
 * @param toPorts port rules, written order kept
 * @param icmps ICMP rules, written order kept
 */
public record IngressDenyRule(Peers from, List<PortDenyRule> toPorts, List<IcmpRule> icmps) {

    /** @throws IllegalArgumentException when {@code from} has services */
    public IngressDenyRule {
        Objects.requireNonNull(from, "from");
        if (from.services().isPresent()) {
            throw new IllegalArgumentException("an ingress deny rule has no services (Cilium has no fromServices)");
        }
        toPorts = Checks.list(toPorts, "toPorts");
        icmps = Checks.list(icmps, "icmps");
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("from=" + from);
        if (!toPorts.isEmpty()) {
            parts.add("toPorts=" + toPorts);
        }
        if (!icmps.isEmpty()) {
            parts.add("icmps=" + icmps);
        }
        return "ingressDeny{" + String.join(" ", parts) + "}";
    }
}
