package io.kcs.cilium.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * A Cilium entity: a class of peers without an individual identity, as named in Cilium's
 * {@code pkg/policy/api/entity.go} and written after {@code entity:} in an exception list.
 *
 * <p>Names are lower case and case-sensitive, exactly as Cilium accepts them. Three entities are valid in Cilium's
 * Go code but not in the {@code CiliumNetworkPolicy} CRD's enum (an API server rejects them): {@link #WORLD_IPV4},
 * {@link #WORLD_IPV6} and {@link #CLUSTER_MESH} (Cilium 1.20+); see {@link #inCrdEnum()}.
 *
 * <p>What it does not do: it does not say which peers an entity selects (that is policy evaluation).
 *
 * <pre>{@code
 * Entity.fromCiliumName("kube-apiserver");  // Optional[KUBE_APISERVER]
 * Entity.REMOTE_NODE.ciliumName();          // "remote-node"
 * Entity.fromCiliumName("World");           // Optional.empty(): names are case-sensitive
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Entity {
    /** Every peer. */
    ALL("all", true),
    /** Everything outside the cluster, both families. */
    WORLD("world", true),
    /** Outside the cluster, IPv4 only (not in the CRD enum). */
    WORLD_IPV4("world-ipv4", false),
    /** Outside the cluster, IPv6 only (not in the CRD enum). */
    WORLD_IPV6("world-ipv6", false),
    /** Every in-cluster peer: host, remote nodes, init, ingress, health, unmanaged, kube-apiserver and all pods. */
    CLUSTER("cluster", true),
    /** The local node, including host-network pods. */
    HOST("host", true),
    /** Endpoints whose identity is not resolved yet. */
    INIT("init", true),
    /** Cilium's Envoy ingress / Gateway identity. */
    INGRESS("ingress", true),
    /** In-cluster endpoints not managed by Cilium. */
    UNMANAGED("unmanaged", true),
    /** Every other node of the cluster. */
    REMOTE_NODE("remote-node", true),
    /** cilium-health endpoints. */
    HEALTH("health", true),
    /** Nothing. */
    NONE("none", true),
    /** The Kubernetes API server, in-cluster or external. */
    KUBE_APISERVER("kube-apiserver", true),
    /** The cluster plus pods of every connected cluster (Cilium 1.20+, not in the CRD enum). */
    CLUSTER_MESH("cluster-mesh", false);

    private static final Entity[] VALUES = values();

    private final String ciliumName;
    private final boolean inCrdEnum;

    Entity(String ciliumName, boolean inCrdEnum) {
        this.ciliumName = ciliumName;
        this.inCrdEnum = inCrdEnum;
    }

    /** The name Cilium uses, e.g. {@code "remote-node"}. */
    public String ciliumName() {
        return ciliumName;
    }

    /** Whether the {@code cilium.io/v2} CRD's {@code toEntities}/{@code fromEntities} enum lists this entity. */
    public boolean inCrdEnum() {
        return inCrdEnum;
    }

    /** The entity Cilium calls {@code name} (exact, case-sensitive), or empty. */
    public static Optional<Entity> fromCiliumName(String name) {
        Objects.requireNonNull(name, "name");
        for (Entity e : VALUES) {
            if (e.ciliumName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The canonical entry text, {@code entity:<name>}. */
    public String entryText() {
        return "entity:" + ciliumName;
    }
}
