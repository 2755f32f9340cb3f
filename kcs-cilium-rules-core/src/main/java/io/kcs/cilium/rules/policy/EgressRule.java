package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code egress} entry of a policy rule (Cilium's {@code api.EgressRule}): traffic to the {@link #to()} peers or
 * the {@link #toFqdns()} names, on the ports of {@link #toPorts()} (any of them) or the ICMP types of
 * {@link #icmps()}, is allowed.
 *
 * <p>Semantics as {@link IngressRule}; {@code toFQDNs} is one more peer field (OR with the others), selecting only
 * IPs the DNS proxy saw in answers; entries are kept as written ({@link FqdnMatch}), as a set (sorted by text,
 * deduplicated). {@code toFQDNs}
 * given but empty is kept apart from omitted, as for {@link Peers}.
 *
 * <pre>{@code
 * EgressRule dns = new EgressRule(Peers.builder().endpoints(List.of(LabelSelector.of(Map.of(
 *         "k8s:io.kubernetes.pod.namespace", "kube-system", "k8s:k8s-app", "kube-dns")))).build(),
 *         Optional.empty(),
 *         List.of(PortRule.of(List.of(PortProtocol.udp(53)), L7Rules.dns(List.of(DnsRule.matchPattern("*"))))),
 *         List.of(), Optional.empty());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param to the peers
 * @param toFqdns {@code toFQDNs}, when given
 * @param toPorts port rules, written order kept
 * @param icmps ICMP rules, written order kept
 * @param authentication the authentication mode, when given
 */
public record EgressRule(Peers to, Optional<List<FqdnMatch>> toFqdns, List<PortRule> toPorts,
        List<IcmpRule> icmps, Optional<AuthenticationMode> authentication) {

    /** Copies the lists. */
    public EgressRule {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toFqdns, "toFqdns");
        toFqdns = toFqdns.map(l -> Checks.sortedSet(l, Comparator.naturalOrder(), "toFQDNs"));
        toPorts = Checks.list(toPorts, "toPorts");
        icmps = Checks.list(icmps, "icmps");
        Objects.requireNonNull(authentication, "authentication");
    }

    /** Peers with ports. */
    public static EgressRule of(Peers to, List<PortRule> toPorts) {
        return new EgressRule(to, Optional.empty(), toPorts, List.of(), Optional.empty());
    }

    /** The FQDN selectors, or an empty list when omitted. */
    public List<FqdnMatch> fqdnList() {
        return toFqdns.orElse(List.of());
    }

    /** Whether no peer field and no {@code toFQDNs} is given (every peer). */
    public boolean isPeerUnrestricted() {
        return to.isUnrestricted() && toFqdns.isEmpty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!(to.isUnrestricted() && toFqdns.isPresent())) {
            parts.add("to=" + to);
        }
        toFqdns.ifPresent(f -> parts.add("toFQDNs=" + f));
        if (!toPorts.isEmpty()) {
            parts.add("toPorts=" + toPorts);
        }
        if (!icmps.isEmpty()) {
            parts.add("icmps=" + icmps);
        }
        authentication.ifPresent(a -> parts.add("authentication=" + a.ciliumName()));
        return "egress{" + String.join(" ", parts) + "}";
    }
}
