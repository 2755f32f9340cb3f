package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which peers Cilium's non-label peer kinds select: entities, CIDRs, FQDNs and services. The one implementation
 * shared by the runtime-profile evaluator ({@link PolicyEvaluator}) and the CiliumNetworkPolicy engine
 * ({@code io.kcs.cilium.rules.policy.PolicyEngine}), so the two cannot drift apart.
 *
 * <ul>
 *   <li>Entities ({@code pkg/policy/api/entity.go}, {@code pkg/labels/labels.go}): {@link #entityBits(Peer)} gives
 *       the set of entities that select a peer, as a bit set over {@link Entity#ordinal()}.
 *   <li>CIDRs select only peers outside the cluster ({@code pkg/policy/api/ingress.go}: "CIDR rules do not apply
 *       to traffic where both endpoints are managed by Cilium"): a world peer or an external API server by its IP,
 *       and with {@code policy-cidr-match-mode=nodes} the host and remote nodes by their IP.
 *       {@link #cidrAddress(Peer, CiliumAgentConfig)} gives that IP.
 *   <li>FQDNs select world IPs the DNS proxy saw in answers ({@code pkg/fqdn}); {@link #fqdnNames} gives the names
 *       a peer is known by at {@code now}: its own names (a world peer's {@code dnsNames}) and the cache's.
 *   <li>Services ({@code toServices}): a pod reached as a backend of a Service in a namespace; Cilium turns the
 *       Service's selector into an endpoint selector, so the pod is selected however it is addressed.
 *       {@link #serviceOf(Peer)} gives that Service.
 * </ul>
 *
 * <pre>{@code
 * PeerSelection.cidrAddress(Peer.pod("shop", Map.of()), config);           // Optional.empty(): never pods
 * PeerSelection.selects(Entity.WORLD, Peer.world(IpAddress.parse("203.0.113.7")));  // true
 * }</pre>
 *
 * <p>What it does not do: label selectors (the policy engine matches Cilium identity labels itself), ports, or
 * any lookup beyond the given {@link DnsCache}. Stateless and thread-safe.
 */
public final class PeerSelection {

    private static final int IN_CLUSTER = bits(Entity.CLUSTER, Entity.CLUSTER_MESH, Entity.ALL);
    private static final int WORLD4 = bits(Entity.WORLD, Entity.WORLD_IPV4, Entity.ALL);
    private static final int WORLD6 = bits(Entity.WORLD, Entity.WORLD_IPV6, Entity.ALL);

    private PeerSelection() {
    }

    private static int bits(Entity... entities) {
        int b = 0;
        for (Entity e : entities) {
            b |= 1 << e.ordinal();
        }
        return b;
    }

    /**
     * The entities that select {@code peer}, one bit per {@link Entity#ordinal()}: a pod is {@code cluster},
     * {@code cluster-mesh} and {@code all}; a world peer {@code world}, its family's {@code world-ipv4/6} and
     * {@code all}; a reserved in-cluster peer its own entity plus {@code cluster}, {@code cluster-mesh},
     * {@code all}; an external API server also the world entities of its family. {@code none} selects nothing.
     */
    public static int entityBits(Peer peer) {
        Objects.requireNonNull(peer, "peer");
        if (peer instanceof Peer.Pod) {
            return IN_CLUSTER;
        }
        if (peer instanceof Peer.World w) {
            return w.address().isIpv4() ? WORLD4 : WORLD6;
        }
        if (peer instanceof Peer.Unmanaged) {
            return IN_CLUSTER | bits(Entity.UNMANAGED);
        }
        if (peer instanceof Peer.Host) {
            return IN_CLUSTER | bits(Entity.HOST);
        }
        if (peer instanceof Peer.RemoteNode) {
            return IN_CLUSTER | bits(Entity.REMOTE_NODE);
        }
        if (peer instanceof Peer.KubeApiserver k) {
            int b = IN_CLUSTER | bits(Entity.KUBE_APISERVER);
            if (k.externalIp().isPresent()) {
                b |= k.externalIp().get().isIpv4() ? WORLD4 : WORLD6;
            }
            return b;
        }
        if (peer instanceof Peer.Ingress) {
            return IN_CLUSTER | bits(Entity.INGRESS);
        }
        if (peer instanceof Peer.Health) {
            return IN_CLUSTER | bits(Entity.HEALTH);
        }
        return IN_CLUSTER | bits(Entity.INIT);
    }

    /** Whether {@code entity} selects {@code peer} (see {@link #entityBits(Peer)}). */
    public static boolean selects(Entity entity, Peer peer) {
        return (entityBits(peer) & (1 << entity.ordinal())) != 0;
    }

    /**
     * The IP that CIDR rules may match for {@code peer}: a world peer's address, an external API server's address,
     * and with {@code policy-cidr-match-mode=nodes} a node's IP; empty for everything else (pods, reserved
     * in-cluster identities), which CIDR rules never select.
     */
    public static Optional<IpAddress> cidrAddress(Peer peer, CiliumAgentConfig config) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(config, "config");
        if (peer instanceof Peer.World w) {
            return Optional.of(w.address());
        }
        if (peer instanceof Peer.KubeApiserver k) {
            return k.externalIp();
        }
        if (config.cidrRulesSelectNodes() && (peer instanceof Peer.Host || peer instanceof Peer.RemoteNode)) {
            return peer.ip();
        }
        return Optional.empty();
    }

    /**
     * The IP that toFQDNs rules look up in the DNS cache: a world peer's or an external API server's address;
     * empty for in-cluster peers, which toFQDNs never selects.
     */
    public static Optional<IpAddress> fqdnAddress(Peer peer) {
        Objects.requireNonNull(peer, "peer");
        if (peer instanceof Peer.World w) {
            return Optional.of(w.address());
        }
        if (peer instanceof Peer.KubeApiserver k) {
            return k.externalIp();
        }
        return Optional.empty();
    }

    /** The names a world peer carries itself ({@link Peer.World#dnsNames()}); empty for every other peer. */
    public static Set<String> ownNames(Peer peer) {
        return peer instanceof Peer.World w ? w.dnsNames() : Set.of();
    }

    /**
     * The names toFQDNs rules see for {@code peer} at {@code now}: {@link #ownNames(Peer)} first, then the cache's
     * live names for {@link #fqdnAddress(Peer)}. Empty for in-cluster peers.
     */
    public static Set<String> fqdnNames(Peer peer, DnsCache dns, Instant now) {
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(now, "now");
        Optional<IpAddress> ip = fqdnAddress(peer);
        if (ip.isEmpty()) {
            return Set.of();
        }
        Set<String> own = ownNames(peer);
        Set<String> cached = dns.namesFor(ip.get(), now);
        if (own.isEmpty()) {
            return cached;
        }
        if (cached.isEmpty()) {
            return own;
        }
        java.util.TreeSet<String> all = new java.util.TreeSet<>(own);
        all.addAll(cached);
        return java.util.Collections.unmodifiableSet(all);
    }

    /** The Service a pod peer is reached through ({@link Peer.Pod#service()}); empty for other peers. */
    public static Optional<Peer.Service> serviceOf(Peer peer) {
        return peer instanceof Peer.Pod p ? p.service() : Optional.empty();
    }

    /**
     * Whether a {@code toServices} selection of Services in {@code namespace} whose labels satisfy
     * {@code labelsMatch} selects {@code peer}: a pod of that namespace reached through such a Service.
     */
    public static boolean selectedByService(Peer peer, String namespace,
            java.util.function.Predicate<Map<String, String>> labelsMatch) {
        return peer instanceof Peer.Pod p && p.namespace().equals(namespace) && p.service().isPresent()
                && labelsMatch.test(p.service().get().labels());
    }
}
