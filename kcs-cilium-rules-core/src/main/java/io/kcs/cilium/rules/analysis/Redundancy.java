package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the entries of one direction that the others already cover, by sequential elimination: entries are visited
 * from the most specific kind to the broadest (CIDRs, services, endpoints, FQDN names, FQDN patterns, entities from
 * the narrowest), and an entry is redundant when the union of the entries still kept, other than itself, allows
 * every peer it allows. Each elimination keeps the union unchanged, so removing every reported entry at once changes
 * nothing the direction allows, and no kept entry is covered by the others kept. Package-private.
 */
final class Redundancy {

    /** A redundant entry: its index in the list, and the kept entries that cover it (empty for entity:none). */
    record Covered(int index, Rule rule, List<Rule> covers) {}

    private Redundancy() {}

    /** The redundant entries of {@code rules} in {@code direction}, by index. */
    static Map<Integer, Covered> find(List<Rule> rules, Direction direction) {
        int n = rules.size();
        boolean[] gone = new boolean[n];
        Map<Integer, Covered> out = new HashMap<>();
        List<Integer> cidrs = new ArrayList<>();
        List<Integer> entities = new ArrayList<>();
        List<Integer> endpoints = new ArrayList<>();
        List<Integer> services = new ArrayList<>();
        List<Integer> names = new ArrayList<>();
        List<Integer> patterns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Rule r = rules.get(i);
            if (r instanceof CidrRule) {
                cidrs.add(i);
            } else if (r instanceof EntityRule) {
                entities.add(i);
            } else if (r instanceof EndpointRule) {
                endpoints.add(i);
            } else if (r instanceof ServiceRule) {
                services.add(i);
            } else if (r instanceof FqdnRule f) {
                (f.selector().isPattern() ? patterns : names).add(i);
            }
        }
        // entities that select all pods, and the world part of entities, before anything is eliminated
        Integer podEntity = null;
        for (int i : entities) {
            Entity e = ((EntityRule) rules.get(i)).entity();
            if ((Lattice.atoms(e) & Lattice.PODS) != 0 && (podEntity == null
                    || Lattice.atoms(e) < Lattice.atoms(((EntityRule) rules.get(podEntity)).entity()))) {
                podEntity = i;
            }
        }

        // 1. CIDRs: covered by a world entity of their family, or by a strictly containing CIDR
        Cidr[] cidrOf = new Cidr[n];
        for (int i : cidrs) {
            cidrOf[i] = ((CidrRule) rules.get(i)).cidr();
        }
        cidrs.sort((x, y) -> cidrOf[x].compareTo(cidrOf[y])); // IPv4 first, by address, shorter first
        List<Integer> worldEntities = new ArrayList<>();
        for (int i : entities) {
            if (!Lattice.world(((EntityRule) rules.get(i)).entity()).isEmpty()) {
                worldEntities.add(i);
            }
        }
        List<Integer> stack = new ArrayList<>();
        for (int i : cidrs) {
            Cidr c = cidrOf[i];
            while (!stack.isEmpty() && !cidrOf[stack.get(stack.size() - 1)].contains(c)) {
                stack.remove(stack.size() - 1);
            }
            Integer worldEntity = worldEntities.isEmpty() ? null : narrowestWorldEntity(rules, worldEntities, c);
            if (worldEntity != null) {
                eliminate(out, gone, rules, i, List.of(rules.get(worldEntity)));
            } else if (!stack.isEmpty()) {
                eliminate(out, gone, rules, i, List.of(rules.get(stack.get(stack.size() - 1))));
            }
            stack.add(i);
        }

        // 2. services: by a pod entity, the endpoint rule of their namespace, or a service with a weaker selector
        Map<String, Integer> endpointOf = new HashMap<>();
        for (int i : endpoints) {
            endpointOf.put(((EndpointRule) rules.get(i)).namespace(), i);
        }
        Map<String, List<Integer>> servicesByNs = new HashMap<>();
        for (int i : services) {
            servicesByNs.computeIfAbsent(((ServiceRule) rules.get(i)).namespace(), k -> new ArrayList<>()).add(i);
        }
        for (int i : services) {
            ServiceRule s = (ServiceRule) rules.get(i);
            if (podEntity != null) {
                eliminate(out, gone, rules, i, List.of(rules.get(podEntity)));
            } else if (endpointOf.containsKey(s.namespace())) {
                eliminate(out, gone, rules, i, List.of(rules.get(endpointOf.get(s.namespace()))));
            } else {
                Integer best = null;
                for (int j : servicesByNs.get(s.namespace())) {
                    ServiceRule t = (ServiceRule) rules.get(j);
                    if (j != i && Lattice.selectorContains(t, s)
                            && (best == null || t.labels().size() < ((ServiceRule) rules.get(best)).labels().size())) {
                        best = j;
                    }
                }
                if (best != null) {
                    eliminate(out, gone, rules, i, List.of(rules.get(best)));
                }
            }
        }

        // 3. endpoints: by a pod entity
        if (podEntity != null) {
            for (int i : endpoints) {
                eliminate(out, gone, rules, i, List.of(rules.get(podEntity)));
            }
        }

        // 4. FQDN (egress only; on ingress they allow nothing and the applicability error says so)
        if (direction == Direction.EGRESS && !(names.isEmpty() && patterns.isEmpty())) {
            List<Rule> everyAddress = everyAddressCover(rules, gone, cidrs, entities);
            if (!everyAddress.isEmpty()) {
                for (int i : names) {
                    eliminate(out, gone, rules, i, everyAddress);
                }
                for (int i : patterns) {
                    eliminate(out, gone, rules, i, everyAddress);
                }
            } else {
                FqdnIndex patternIndex = new FqdnIndex();
                Map<FqdnSelector, Integer> indexOf = new HashMap<>();
                for (int i : patterns) {
                    FqdnSelector s = ((FqdnRule) rules.get(i)).selector();
                    patternIndex.add(s);
                    indexOf.put(s, i);
                }
                for (int i : names) {
                    FqdnSelector by = patternIndex.matcherOf(((FqdnRule) rules.get(i)).selector().value());
                    if (by != null) {
                        eliminate(out, gone, rules, i, List.of(rules.get(indexOf.get(by))));
                    }
                }
                FqdnIndex pool = new FqdnIndex();
                Map<FqdnSelector, Integer> at = new HashMap<>();
                List<Integer> matchAll = new ArrayList<>();
                for (int i : names) {
                    if (!gone[i]) {
                        FqdnSelector s = ((FqdnRule) rules.get(i)).selector();
                        pool.add(s);
                        at.put(s, i);
                    }
                }
                for (int i : patterns) {
                    FqdnSelector s = ((FqdnRule) rules.get(i)).selector();
                    if (s.isMatchAll()) {
                        matchAll.add(i);
                    } else {
                        pool.add(s);
                    }
                    at.put(s, i);
                }
                // patterns: later ones first, so that of two patterns matching the same names the first is kept
                for (int p = patterns.size() - 1; p >= 0; p--) {
                    int i = patterns.get(p);
                    FqdnSelector s = ((FqdnRule) rules.get(i)).selector();
                    List<FqdnSelector> candidates = new ArrayList<>();
                    for (int j : matchAll) {
                        if (j != i && !gone[j]) {
                            candidates.add(((FqdnRule) rules.get(j)).selector());
                        }
                    }
                    if (s.isMatchAll()) {
                        for (int j : names) {
                            if (!gone[j]) {
                                candidates.add(((FqdnRule) rules.get(j)).selector());
                            }
                        }
                        for (int j : patterns) {
                            FqdnSelector o = ((FqdnRule) rules.get(j)).selector();
                            if (j != i && !gone[j] && !o.isMatchAll()) {
                                candidates.add(o);
                            }
                        }
                    } else {
                        for (FqdnSelector c : pool.candidatesFor(s)) {
                            int j = at.get(c);
                            if (j != i && !gone[j]) {
                                candidates.add(c);
                            }
                        }
                    }
                    if (!candidates.isEmpty() && FqdnContainment.covers(candidates, s)) {
                        List<Rule> by = new ArrayList<>();
                        for (FqdnSelector c : candidates) {
                            if (!c.isPattern() || FqdnContainment.commonName(s, c).isPresent()) {
                                by.add(rules.get(at.get(c)));
                            }
                        }
                        eliminate(out, gone, rules, i, by);
                    }
                }
            }
        }

        // 5. entities, narrowest first
        entities.sort(Comparator.comparingInt((Integer i) -> size(((EntityRule) rules.get(i)).entity())));
        for (int i : entities) {
            Entity e = ((EntityRule) rules.get(i)).entity();
            if (Lattice.selectsNothing(e)) {
                eliminate(out, gone, rules, i, List.of());
                continue;
            }
            int atoms = 0;
            List<Cidr> keptCidrs = new ArrayList<>();
            CidrSet world = CidrSet.empty();
            List<Rule> by = new ArrayList<>();
            for (int j : entities) {
                if (j != i && !gone[j]) {
                    Entity o = ((EntityRule) rules.get(j)).entity();
                    atoms |= Lattice.atoms(o);
                    world = world.union(Lattice.world(o));
                    if ((Lattice.atoms(o) & Lattice.atoms(e)) != 0
                            || !Lattice.world(o).intersection(Lattice.world(e)).isEmpty()) {
                        by.add(rules.get(j));
                    }
                }
            }
            CidrSet need = Lattice.world(e);
            if (!need.isEmpty() && !need.difference(world).isEmpty()) {
                for (int j : cidrs) {
                    if (!gone[j]) {
                        keptCidrs.add(((CidrRule) rules.get(j)).cidr());
                    }
                }
                world = world.union(CidrSet.of(keptCidrs));
                if (need.difference(world).isEmpty()) {
                    for (int j : cidrs) {
                        if (!gone[j] && need.intersects(((CidrRule) rules.get(j)).cidr())) {
                            by.add(rules.get(j));
                        }
                    }
                }
            }
            if ((Lattice.atoms(e) & ~atoms) == 0 && need.difference(world).isEmpty()) {
                eliminate(out, gone, rules, i, by);
            }
        }
        return out;
    }

    private static void eliminate(Map<Integer, Covered> out, boolean[] gone, List<Rule> rules, int i, List<Rule> by) {
        if (!gone[i]) {
            gone[i] = true;
            out.put(i, new Covered(i, rules.get(i), List.copyOf(by)));
        }
    }

    /** The number of peer classes an entity selects, for ordering narrowest first. */
    private static int size(Entity e) {
        int world = switch (e) {
            case ALL, WORLD -> 2;
            case WORLD_IPV4, WORLD_IPV6 -> 1;
            default -> 0;
        };
        return Integer.bitCount(Lattice.atoms(e)) + 3 * world;
    }

    /** The narrowest world entity of {@code entities} whose addresses include {@code c}, or null. */
    private static Integer narrowestWorldEntity(List<Rule> rules, List<Integer> entities, Cidr c) {
        Integer best = null;
        for (int i : entities) {
            Entity e = ((EntityRule) rules.get(i)).entity();
            if (Lattice.world(e).contains(c) && (best == null || size(e) < size(((EntityRule) rules.get(best)).entity()))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The kept entries that together allow every IPv4 and every IPv6 address (every FQDN selects only addresses
     * outside the cluster, so they cover it), or empty.
     */
    private static List<Rule> everyAddressCover(List<Rule> rules, boolean[] gone, List<Integer> cidrs,
            List<Integer> entities) {
        List<Cidr> kept = new ArrayList<>();
        List<Rule> by = new ArrayList<>();
        CidrSet world = CidrSet.empty();
        for (int i : entities) {
            CidrSet w = Lattice.world(((EntityRule) rules.get(i)).entity());
            if (!w.isEmpty()) {
                world = world.union(w);
                by.add(rules.get(i));
            }
        }
        for (int i : cidrs) {
            if (!gone[i]) {
                kept.add(((CidrRule) rules.get(i)).cidr());
                by.add(rules.get(i));
            }
        }
        world = world.union(CidrSet.of(kept));
        return world.coversAllIpv4() && world.coversAllIpv6() ? by : List.of();
    }
}
