package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The semantic difference of two runtime profiles: per direction, what the new profile allows that the old one did
 * not ({@code newlyAllowed}) and the reverse ({@code noLongerAllowed}), computed on what the exceptions select, not on
 * their text. Reordering, splitting {@code 10.0.0.0/8} into {@code 10.0.0.0/9, 10.128.0.0/9} or adding
 * {@code api.example.com} next to {@code *.example.com} is no change at all.
 *
 * <h2>What a direction allows</h2>
 * A restricted direction allows exactly the peers its exceptions select, by Cilium's semantics (see
 * {@code PolicyEvaluator}); an unrestricted direction allows every peer, which is what {@code entity:all} allows, and
 * the diff computes with that: a direction that becomes unrestricted newly allows everything it did not allow
 * before ({@code entity:all} when it blocked everything), and {@link DirectionDiff#restrictedBefore()} /
 * {@link DirectionDiff#restrictedAfter()} say that the restriction itself changed. FQDN exceptions on ingress allow
 * nothing (Cilium cannot apply them; {@link ProfileAnalyzer} reports them), and the agent is assumed to run with its
 * defaults (L7 proxy on, CIDRs do not select nodes).
 *
 * <h2>How the difference is written</h2>
 * Each kind of peer identity is compared with its own algebra:
 * <ul>
 *   <li>addresses outside the cluster (CIDRs, {@code world}, {@code world-ipv4/6}, the world part of {@code all}):
 *       exact CIDR set difference, written as the minimal CIDR list ({@code entity:world} when it is every address);
 *   <li>in-cluster identities: the entity lattice of Cilium's {@code entity.go} ({@code host} is inside
 *       {@code cluster}, {@code world-ipv4} inside {@code world}, everything inside {@code all});
 *   <li>pods: {@code endpoint:ns} inside a pod-selecting entity, {@code service:ns|labels} inside {@code endpoint:ns}
 *       and inside a service of the same namespace with fewer requirements;
 *   <li>DNS names (egress): FQDN containment ({@link FqdnContainment}; {@code api.example.com} is inside
 *       {@code *.example.com}, which is inside {@code **.example.com}), against the union of the other side's
 *       selectors; every FQDN is inside a direction that allows every address.
 * </ul>
 * {@code newlyAllowed} is <em>complete</em>: every peer the new profile allows and the old did not is selected by an
 * entry of it. Its entries are the exact difference where the grammar can write it. Where it cannot, the entry of
 * the new profile is listed whole and also named in {@link DirectionDiff#inexactNewlyAllowed()}: all pods of the
 * cluster minus some namespaces (written {@code entity:cluster}), {@code endpoint:ns} minus some services,
 * a service minus an overlapping one, an FQDN pattern minus some names. Within one kind of identity, the entries not
 * named inexact select no peer the old profile allowed. Across kinds the diff does not look: a world address newly
 * allowed by a CIDR may have been reachable before through an FQDN whose DNS answer named it, and an external API
 * server is both {@code kube-apiserver} and a world address.
 *
 * <pre>{@code
 * RuntimeProfile before = RuntimeProfile.builder().restrictEgress(RuleSet.parse("10.0.0.0/8, *.example.com")).build();
 * RuntimeProfile after = RuntimeProfile.builder()
 *         .restrictEgress(RuleSet.parse("10.0.0.0/8, 10.2.0.0/16, api.example.com, 192.0.2.0/24, *.example.org"))
 *         .build();
 * ProfileDiff diff = ProfileDiff.between(before, after);
 * diff.egress().newlyAllowed();    // 192.0.2.0/24, *.example.org
 * diff.egress().noLongerAllowed(); // *.example.com
 * diff.isWidening();               // true
 * diff.summary();                  // "newly allows egress to 192.0.2.0/24, *.example.org; no longer allows egress to *.example.com"
 * }</pre>
 *
 * <p>What it does not do: no DNS lookups, no ports. Immutable and thread-safe.
 */
public final class ProfileDiff {

    private final RuntimeProfile before;
    private final RuntimeProfile after;
    private final DirectionDiff ingress;
    private final DirectionDiff egress;

    private ProfileDiff(RuntimeProfile before, RuntimeProfile after) {
        this.before = before;
        this.after = after;
        this.ingress = compare(Direction.INGRESS, before, after);
        this.egress = compare(Direction.EGRESS, before, after);
    }

    /**
     * The difference from {@code before} to {@code after}.
     *
     * @throws NullPointerException when an argument is null
     */
    public static ProfileDiff between(RuntimeProfile before, RuntimeProfile after) {
        return new ProfileDiff(Objects.requireNonNull(before, "before"), Objects.requireNonNull(after, "after"));
    }

    /**
     * The difference of one direction.
     *
     * @param direction the direction
     * @param restrictedBefore whether the old profile restricted it
     * @param restrictedAfter whether the new profile restricts it
     * @param newlyAllowed entries selecting every peer allowed after and not before (see {@link ProfileDiff})
     * @param noLongerAllowed entries selecting every peer allowed before and not after
     * @param inexactNewlyAllowed the entries of {@code newlyAllowed} that also select peers allowed before, because
     *     the exact difference cannot be written as exception entries
     * @param inexactNoLongerAllowed likewise for {@code noLongerAllowed}
     */
    public record DirectionDiff(Direction direction, boolean restrictedBefore, boolean restrictedAfter,
            RuleSet newlyAllowed, RuleSet noLongerAllowed, List<Rule> inexactNewlyAllowed,
            List<Rule> inexactNoLongerAllowed) {

        /** @throws NullPointerException when a component is null */
        public DirectionDiff {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(newlyAllowed, "newlyAllowed");
            Objects.requireNonNull(noLongerAllowed, "noLongerAllowed");
            inexactNewlyAllowed = List.copyOf(inexactNewlyAllowed);
            inexactNoLongerAllowed = List.copyOf(inexactNoLongerAllowed);
        }

        /** Whether the new profile allows some peer the old did not. */
        public boolean isWidening() {
            return !newlyAllowed.isEmpty();
        }

        /** Whether nothing changed in what this direction allows. */
        public boolean isEmpty() {
            return newlyAllowed.isEmpty() && noLongerAllowed.isEmpty();
        }

        /** Whether the restriction itself changed (restricted to unrestricted or back). */
        public boolean restrictionChanged() {
            return restrictedBefore != restrictedAfter;
        }
    }

    /** The ingress difference. */
    public DirectionDiff ingress() {
        return ingress;
    }

    /** The egress difference. */
    public DirectionDiff egress() {
        return egress;
    }

    /** The difference of {@code direction}. */
    public DirectionDiff direction(Direction direction) {
        return Objects.requireNonNull(direction, "direction") == Direction.INGRESS ? ingress : egress;
    }

    /** The old profile. */
    public RuntimeProfile before() {
        return before;
    }

    /** The new profile. */
    public RuntimeProfile after() {
        return after;
    }

    /** Whether the new profile allows, in some direction, a peer the old one did not. */
    public boolean isWidening() {
        return ingress.isWidening() || egress.isWidening();
    }

    /** Whether both profiles allow exactly the same peers in both directions. */
    public boolean isEmpty() {
        return ingress.isEmpty() && egress.isEmpty();
    }

    /**
     * One line for people: {@code "newly allows egress to 10.2.0.0/16, *.example.org; no longer allows ingress from
     * endpoint:monitoring"}, or {@code "no change in what the profile allows"}. Restriction changes are named
     * ({@code "egress is no longer restricted"}).
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (DirectionDiff d : List.of(ingress, egress)) {
            String dir = d.direction().lowerName();
            String peer = d.direction() == Direction.INGRESS ? " from " : " to ";
            if (d.restrictedBefore() && !d.restrictedAfter()) {
                parts.add(dir + " is no longer restricted");
            } else if (!d.restrictedBefore() && d.restrictedAfter()) {
                parts.add(dir + " is now restricted");
            }
            if (!d.newlyAllowed().isEmpty()) {
                parts.add("newly allows " + dir + peer + d.newlyAllowed());
            }
            if (!d.noLongerAllowed().isEmpty()) {
                parts.add("no longer allows " + dir + peer + d.noLongerAllowed());
            }
        }
        return parts.isEmpty() ? "no change in what the profile allows" : String.join("; ", parts);
    }

    @Override
    public String toString() {
        return "ProfileDiff[" + summary() + "]";
    }

    // ------------------------------------------------------------------------------------------ computation

    private static final RuleSet EVERYTHING = RuleSet.of(new EntityRule(Entity.ALL));

    private static DirectionDiff compare(Direction d, RuntimeProfile before, RuntimeProfile after) {
        Optional<RuleSet> b = before.exceptions(d);
        Optional<RuleSet> a = after.exceptions(d);
        RuleSet bRules = b.orElse(EVERYTHING);
        RuleSet aRules = a.orElse(EVERYTHING);
        Allowed aAllowed = Allowed.of(d, aRules);
        Allowed bAllowed = Allowed.of(d, bRules);
        Pieces newly = difference(d, aRules, aAllowed, bAllowed);
        Pieces gone = difference(d, bRules, bAllowed, aAllowed);
        return new DirectionDiff(d, b.isPresent(), a.isPresent(), newly.rules, gone.rules, newly.inexact,
                gone.inexact);
    }

    /** Entries with the exceptions of a difference, and which of them are inexact. */
    private record Pieces(RuleSet rules, List<Rule> inexact) {}

    /** What {@code plus} (whose model is {@code a}) allows and the profile modelled by {@code b} does not. */
    private static Pieces difference(Direction d, RuleSet plus, Allowed a, Allowed b) {
        List<Rule> pieces = new ArrayList<>();
        Set<Rule> inexact = new HashSet<>();

        CidrSet worldNew = a.world.difference(b.world);
        int atomsNew = a.atoms & ~b.atoms;
        boolean everyAddressNew = worldNew.coversAllIpv4() && worldNew.coversAllIpv6();
        boolean podsNew = (atomsNew & Lattice.PODS) != 0;
        boolean meshNew = (atomsNew & Lattice.MESH_PODS) != 0;
        boolean podsPartlyBefore = b.hasPodRules();

        if (atomsNew == Lattice.ALL_ATOMS && everyAddressNew) {
            Rule all = new EntityRule(Entity.ALL);
            pieces.add(all);
            if (podsPartlyBefore) {
                inexact.add(all);
            }
        } else {
            if (everyAddressNew) {
                pieces.add(new EntityRule(Entity.WORLD));
            } else {
                for (Cidr c : worldNew.minimal()) {
                    pieces.add(new CidrRule(c));
                }
            }
            if (podsNew || meshNew) {
                Rule cluster = new EntityRule(meshNew ? Entity.CLUSTER_MESH : Entity.CLUSTER);
                pieces.add(cluster);
                int clusterPart = meshNew ? Lattice.CLUSTER_MESH : Lattice.CLUSTER;
                if ((b.atoms & clusterPart) != 0 || (podsNew && podsPartlyBefore)) {
                    inexact.add(cluster);
                }
            } else {
                for (Entity e : Entity.values()) {
                    int atom = Lattice.atoms(e);
                    if (Integer.bitCount(atom) == 1 && (atom & Lattice.RESERVED & atomsNew) != 0) {
                        pieces.add(new EntityRule(e));
                    }
                }
            }
        }
        if ((a.atoms & Lattice.PODS) == 0) {
            // pod rules of plus, when plus does not allow every pod (else the entity above covers them)
            for (Rule r : plus) {
                if ((r instanceof EndpointRule || r instanceof ServiceRule) && !b.covers(r)) {
                    pieces.add(r);
                    if (b.overlapsSameKind(r)) {
                        inexact.add(r);
                    }
                }
            }
        }
        if (d == Direction.EGRESS && !a.everyAddress && !b.everyAddress) {
            for (Rule r : plus) {
                if (r instanceof FqdnRule f && !b.fqdn.covers(f.selector())) {
                    pieces.add(r);
                    if (b.overlapsSameKind(r)) {
                        inexact.add(r);
                    }
                }
            }
        }
        // drop pieces that other pieces cover (a name under a newly allowed pattern, a service under its endpoint)
        Map<Integer, Redundancy.Covered> covered = Redundancy.find(pieces, d);
        Set<Rule> kept = new LinkedHashSet<>();
        List<Rule> keptInexact = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (!covered.containsKey(i) && kept.add(pieces.get(i)) && inexact.contains(pieces.get(i))) {
                keptInexact.add(pieces.get(i));
            }
        }
        return new Pieces(RuleSet.of(kept), keptInexact);
    }
}
