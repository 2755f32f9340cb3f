package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code ingress} entry of a policy rule (Cilium's {@code api.IngressRule}): traffic from the {@link #from()}
 * peers to the ports of {@link #toPorts()} (any of them), or with the ICMP types of {@link #icmps()}, is allowed.
 *
 * <p>Semantics: peers are an OR; ports are an OR; a connection must match a peer AND (when given) a port rule or
 * ICMP rule. An entry with no peer field ({@link Peers#isUnrestricted()}) and no ports allows nothing but still
 * turns on default deny ({@code ingress: [{}]}); with ports it allows those ports from every peer. Entries of a
 * section are alternatives (OR).
 *
 * <pre>{@code
 * IngressRule r = new IngressRule(Peers.builder().endpoints(List.of(LabelSelector.of(Map.of("app", "web")))).build(),
 *         List.of(PortRule.of(List.of(PortProtocol.tcp(80)))), List.of(), Optional.empty());
 * r.toString();   // "ingress{from=endpoints=[{any:app=web}] toPorts=[toPorts{ports=[80/TCP]}]}"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param from the peers
 * @param toPorts port rules, written order kept
 * @param icmps ICMP rules, written order kept
 * @param authentication the authentication mode, when given
 */
public record IngressRule(Peers from, List<PortRule> toPorts, List<IcmpRule> icmps,
        Optional<AuthenticationMode> authentication) {

    /** @throws IllegalArgumentException when {@code from} has services (Cilium has no {@code fromServices}) */
    public IngressRule {
        Objects.requireNonNull(from, "from");
        if (from.services().isPresent()) {
            throw new IllegalArgumentException("an ingress rule has no services (Cilium has no fromServices)");
        }
        toPorts = Checks.list(toPorts, "toPorts");
        icmps = Checks.list(icmps, "icmps");
        Objects.requireNonNull(authentication, "authentication");
    }

    /** Peers with ports. */
    public static IngressRule of(Peers from, List<PortRule> toPorts) {
        return new IngressRule(from, toPorts, List.of(), Optional.empty());
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
        authentication.ifPresent(a -> parts.add("authentication=" + a.ciliumName()));
        return "ingress{" + String.join(" ", parts) + "}";
    }
}
