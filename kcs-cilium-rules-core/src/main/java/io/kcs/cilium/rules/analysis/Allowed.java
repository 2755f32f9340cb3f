package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one direction of a profile allows, by the identity each kind of exception reads: in-cluster atoms (see
 * {@link Lattice}), the addresses outside the cluster, the namespaces whose pods are all allowed, service selectors
 * per namespace, and FQDN selectors (egress only: on ingress Cilium cannot apply them, they allow nothing).
 * Package-private; immutable once built.
 */
final class Allowed {

    final Direction direction;
    final int atoms;
    final CidrSet world;
    final Set<String> namespaces;
    final Map<String, List<ServiceRule>> services;
    final FqdnIndex fqdn;
    final boolean everyAddress;

    private Allowed(Direction direction, int atoms, CidrSet world, Set<String> namespaces,
            Map<String, List<ServiceRule>> services, FqdnIndex fqdn) {
        this.direction = direction;
        this.atoms = atoms;
        this.world = world;
        this.namespaces = namespaces;
        this.services = services;
        this.fqdn = fqdn;
        this.everyAddress = world.coversAllIpv4() && world.coversAllIpv6();
    }

    /** The addresses outside the cluster {@code rules} allow (CIDRs and world entities). */
    static CidrSet worldOf(Iterable<Rule> rules) {
        List<Cidr> cidrs = new ArrayList<>();
        CidrSet entityWorld = CidrSet.empty();
        for (Rule r : rules) {
            if (r instanceof CidrRule c) {
                cidrs.add(c.cidr());
            } else if (r instanceof EntityRule e && !Lattice.world(e.entity()).isEmpty()) {
                entityWorld = entityWorld.union(Lattice.world(e.entity()));
            }
        }
        CidrSet world = CidrSet.of(cidrs);
        return entityWorld.isEmpty() ? world : world.union(entityWorld);
    }

    /** What {@code rules} allow in {@code direction}. */
    static Allowed of(Direction direction, Iterable<Rule> rules) {
        int atoms = 0;
        List<Cidr> cidrs = new ArrayList<>();
        CidrSet entityWorld = CidrSet.empty();
        Set<String> namespaces = new HashSet<>();
        Map<String, List<ServiceRule>> services = new HashMap<>();
        FqdnIndex fqdn = new FqdnIndex();
        for (Rule r : rules) {
            if (r instanceof CidrRule c) {
                cidrs.add(c.cidr());
            } else if (r instanceof EntityRule e) {
                atoms |= Lattice.atoms(e.entity());
                CidrSet w = Lattice.world(e.entity());
                if (!w.isEmpty()) {
                    entityWorld = entityWorld.union(w);
                }
            } else if (r instanceof EndpointRule e) {
                namespaces.add(e.namespace());
            } else if (r instanceof ServiceRule s) {
                services.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(s);
            } else if (r instanceof FqdnRule f && direction == Direction.EGRESS) {
                fqdn.add(f.selector());
            }
        }
        CidrSet world = CidrSet.of(cidrs);
        if (!entityWorld.isEmpty()) {
            world = world.union(entityWorld);
        }
        return new Allowed(direction, atoms, world, namespaces, services, fqdn);
    }

    boolean hasPodRules() {
        return !namespaces.isEmpty() || !services.isEmpty();
    }

    /** Whether every peer {@code r} selects (in this direction) is allowed here. */
    boolean covers(Rule r) {
        if (r instanceof CidrRule c) {
            return world.contains(c.cidr());
        }
        if (r instanceof EntityRule e) {
            return (Lattice.atoms(e.entity()) & ~atoms) == 0 && Lattice.world(e.entity()).difference(world).isEmpty();
        }
        if ((atoms & Lattice.PODS) != 0 && (r instanceof EndpointRule || r instanceof ServiceRule)) {
            return true;
        }
        if (r instanceof EndpointRule e) {
            return namespaces.contains(e.namespace());
        }
        if (r instanceof ServiceRule s) {
            if (namespaces.contains(s.namespace())) {
                return true;
            }
            for (ServiceRule t : services.getOrDefault(s.namespace(), List.of())) {
                if (Lattice.selectorContains(t, s)) {
                    return true;
                }
            }
            return false;
        }
        FqdnRule f = (FqdnRule) r;
        return direction == Direction.INGRESS || everyAddress || fqdn.covers(f.selector());
    }

    /**
     * Whether some peer {@code r} selects is allowed here through the same kind of identity (pods for endpoint and
     * service rules, names for FQDN rules); used to mark a newly allowed entry that is not wholly new.
     */
    boolean overlapsSameKind(Rule r) {
        if (r instanceof EndpointRule e) {
            return (atoms & Lattice.PODS) != 0 || namespaces.contains(e.namespace())
                    || services.containsKey(e.namespace());
        }
        if (r instanceof ServiceRule s) {
            if ((atoms & Lattice.PODS) != 0 || namespaces.contains(s.namespace())) {
                return true;
            }
            for (ServiceRule t : services.getOrDefault(s.namespace(), List.of())) {
                if (Lattice.selectorsOverlap(t, s)) {
                    return true;
                }
            }
            return false;
        }
        if (r instanceof FqdnRule f) {
            return direction == Direction.EGRESS && fqdn.overlaps(f.selector());
        }
        return false;
    }
}
