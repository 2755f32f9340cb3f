package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The entity lattice of Cilium's {@code pkg/policy/api/entity.go} as sets of peer "atoms", and the containment of
 * label selectors. Package-private; the one place these facts live for the analyzer and the diff.
 *
 * <p>Atoms are the in-cluster peer classes no CIDR can select: the reserved identities {@code host},
 * {@code remote-node}, {@code ingress}, {@code health}, {@code init}, {@code unmanaged}, {@code kube-apiserver}, the
 * pods of the local cluster and the pods of connected clusters. Addresses outside the cluster are not atoms but a
 * {@link CidrSet} (the world part): {@code world} is every address, {@code world-ipv4}/{@code world-ipv6} one family.
 * As in {@code entity.go}: {@code cluster} = the seven reserved identities and the local pods (not world);
 * {@code cluster-mesh} = {@code cluster} and the pods of connected clusters; {@code all} = everything.
 */
final class Lattice {

    static final int HOST = 1;
    static final int REMOTE_NODE = 1 << 1;
    static final int INGRESS = 1 << 2;
    static final int HEALTH = 1 << 3;
    static final int INIT = 1 << 4;
    static final int UNMANAGED = 1 << 5;
    static final int KUBE_APISERVER = 1 << 6;
    static final int PODS = 1 << 7;
    static final int MESH_PODS = 1 << 8;

    static final int RESERVED = HOST | REMOTE_NODE | INGRESS | HEALTH | INIT | UNMANAGED | KUBE_APISERVER;
    static final int CLUSTER = RESERVED | PODS;
    static final int CLUSTER_MESH = CLUSTER | MESH_PODS;
    static final int ALL_ATOMS = CLUSTER_MESH;

    static final CidrSet ALL_IPV4 = CidrSet.of(Cidr.of(IpAddress.ofIpv4(0), 0));
    static final CidrSet ALL_IPV6 = CidrSet.of(Cidr.of(IpAddress.ofIpv6(0, 0), 0));
    static final CidrSet ALL_ADDRESSES = ALL_IPV4.union(ALL_IPV6);

    private static final Map<Entity, Integer> ATOMS = atoms();

    private Lattice() {}

    private static Map<Entity, Integer> atoms() {
        Map<Entity, Integer> m = new EnumMap<>(Entity.class);
        m.put(Entity.ALL, ALL_ATOMS);
        m.put(Entity.WORLD, 0);
        m.put(Entity.WORLD_IPV4, 0);
        m.put(Entity.WORLD_IPV6, 0);
        m.put(Entity.CLUSTER, CLUSTER);
        m.put(Entity.HOST, HOST);
        m.put(Entity.INIT, INIT);
        m.put(Entity.INGRESS, INGRESS);
        m.put(Entity.UNMANAGED, UNMANAGED);
        m.put(Entity.REMOTE_NODE, REMOTE_NODE);
        m.put(Entity.HEALTH, HEALTH);
        m.put(Entity.NONE, 0);
        m.put(Entity.KUBE_APISERVER, KUBE_APISERVER);
        m.put(Entity.CLUSTER_MESH, CLUSTER_MESH);
        return m;
    }

    /** The in-cluster atoms {@code e} selects. */
    static int atoms(Entity e) {
        return ATOMS.get(e);
    }

    /** The addresses outside the cluster {@code e} selects. */
    static CidrSet world(Entity e) {
        return switch (e) {
            case ALL, WORLD -> ALL_ADDRESSES;
            case WORLD_IPV4 -> ALL_IPV4;
            case WORLD_IPV6 -> ALL_IPV6;
            default -> CidrSet.empty();
        };
    }

    /** Whether {@code e} selects nothing at all ({@code none}). */
    static boolean selectsNothing(Entity e) {
        return atoms(e) == 0 && world(e).isEmpty();
    }

    /**
     * Whether every label map {@code inner} selects, {@code outer} selects too: each requirement of {@code outer} is
     * implied by one of {@code inner} (same key and value; a key-only requirement by any requirement on that key).
     * Label values are unbounded, so a union of selectors covers one only when a single one does.
     */
    static boolean selectorContains(ServiceRule outer, ServiceRule inner) {
        if (!outer.namespace().equals(inner.namespace())) {
            return false;
        }
        for (Map.Entry<String, Optional<String>> req : outer.labels().entrySet()) {
            Optional<String> have = inner.labels().get(req.getKey());
            if (have == null || (req.getValue().isPresent() && !req.getValue().equals(have))) {
                return false;
            }
        }
        return true;
    }

    /** Whether some label map is selected by both: same namespace and no key required with two different values. */
    static boolean selectorsOverlap(ServiceRule a, ServiceRule b) {
        if (!a.namespace().equals(b.namespace())) {
            return false;
        }
        for (Map.Entry<String, Optional<String>> req : a.labels().entrySet()) {
            Optional<String> other = b.labels().get(req.getKey());
            if (other != null && req.getValue().isPresent() && other.isPresent() && !req.getValue().equals(other)) {
                return false;
            }
        }
        return true;
    }

    /** Words for the atoms, e.g. {@code "the local node, every pod of the cluster"}. */
    static String describeAtoms(int atoms) {
        StringBuilder b = new StringBuilder();
        add(b, atoms, HOST, "the local node (host-network pods included)");
        add(b, atoms, REMOTE_NODE, "every other node (host-network pods included)");
        add(b, atoms, KUBE_APISERVER, "the Kubernetes API server");
        add(b, atoms, INGRESS, "Cilium's ingress/Gateway proxy");
        add(b, atoms, HEALTH, "cilium-health endpoints");
        add(b, atoms, INIT, "endpoints whose identity is not resolved yet");
        add(b, atoms, UNMANAGED, "endpoints Cilium does not manage");
        add(b, atoms, PODS, "every pod of every namespace");
        add(b, atoms, MESH_PODS, "every pod of every connected cluster");
        return b.toString();
    }

    private static void add(StringBuilder b, int atoms, int atom, String words) {
        if ((atoms & atom) != 0) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(words);
        }
    }
}
