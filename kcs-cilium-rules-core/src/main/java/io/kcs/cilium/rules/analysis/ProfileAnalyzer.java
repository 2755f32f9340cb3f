package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.eval.Applicability;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Guardrails for runtime profiles, for admission controllers and reviewers: "is this profile dangerous?" answered on
 * what the exceptions allow, not on their text (a check for the string {@code 0.0.0.0/0} misses
 * {@code 0.0.0.0/1, 128.0.0.0/1}; a broad entity such as {@code remote-node} silently reopens a boundary).
 *
 * <p>The findings, with their codes ({@link FindingCodes}) and default severities:
 * <ul>
 *   <li>ERROR {@code covers-all-addresses}: the exceptions of one direction together allow every IPv4 or every
 *       IPv6 address (CIDR set algebra over CIDRs and the world entities; split covers are caught);
 *   <li>WARNING {@code broad-entity}: an entity of {@link AnalysisOptions#broadEntities()}, naming what it opens;
 *   <li>WARNING {@code cidr-overlaps-cluster}: a CIDR overlapping the cluster ranges (Cilium's CIDR rules never
 *       select pods, nodes or services, so that part allows nothing in the cluster);
 *   <li>WARNING {@code cidr-too-broad}: a CIDR shorter than the configured floor;
 *   <li>INFO {@code redundant-entry}: an entry the others already cover, naming the cover ({@code 10.1.0.0/16}
 *       under {@code 10.0.0.0/8}, {@code api.example.com} under {@code *.example.com}, {@code endpoint:ns} under
 *       {@code entity:cluster}, a CIDR under {@code entity:world}); removing every reported entry at once changes
 *       nothing;
 *   <li>WARNING {@code fqdn-match-all}: the FQDN pattern {@code *} on egress;
 *   <li>the applicability diagnostics of {@link Applicability#check} with their own codes and severities
 *       ({@code fqdn-in-ingress}, {@code fqdn-needs-l7-proxy}: ERROR; {@code service-in-ingress}: WARNING).
 * </ul>
 * Severities can be changed per code ({@link AnalysisOptions#withSeverity}). Findings come ingress first, then egress;
 * within a direction the direction-wide {@code covers-all-addresses} first, then by the position of the entry in the
 * list, then in the order of {@link FindingCodes#ALL}. An unrestricted direction has no findings (it restricts
 * nothing; a reviewer sees that from the profile itself).
 *
 * <pre>{@code
 * ProfileAnalyzer analyzer = ProfileAnalyzer.create(AnalysisOptions.defaults()
 *         .withClusterCidrs(CidrSet.parse("10.244.0.0/16, 10.96.0.0/12")));
 * List<Finding> findings = analyzer.analyze(RuntimeProfile.builder()
 *         .restrictEgress(RuleSet.parse("0.0.0.0/1, 128.0.0.0/1, entity:remote-node")).build());
 * // ERROR covers-all-addresses; WARNING cidr-overlaps-cluster and cidr-too-broad (0.0.0.0/1);
 * // WARNING cidr-too-broad (128.0.0.0/1); WARNING broad-entity (entity:remote-node)
 * }</pre>
 *
 * <p>What it does not do: no DNS lookups, nothing about ports or L7 rules; it judges one profile alone (for a change,
 * see {@link ProfileDiff}). Immutable and thread-safe. Cost: about linear in the number of exceptions (CIDRs are sorted
 * once; FQDN patterns are compared only with patterns sharing their last label).
 */
public final class ProfileAnalyzer {

    private final AnalysisOptions options;

    private ProfileAnalyzer(AnalysisOptions options) {
        this.options = options;
    }

    /** An analyzer with {@code options}. */
    public static ProfileAnalyzer create(AnalysisOptions options) {
        return new ProfileAnalyzer(Objects.requireNonNull(options, "options"));
    }

    /** The options this analyzer uses. */
    public AnalysisOptions options() {
        return options;
    }

    /** Every finding about {@code profile}, in the order described in the class comment. */
    public List<Finding> analyze(RuntimeProfile profile) {
        Objects.requireNonNull(profile, "profile");
        List<Finding> out = new ArrayList<>();
        for (Direction d : Direction.values()) {
            Optional<RuleSet> rs = profile.exceptions(d);
            if (rs.isPresent()) {
                analyze(d, rs.get(), out);
            }
        }
        return List.copyOf(out);
    }

    private Finding finding(String code, Severity documented, Direction d, List<Rule> rules, String message) {
        return new Finding(options.severityOf(code, documented), code, d, rules, message);
    }

    private void analyze(Direction d, RuleSet rs, List<Finding> out) {
        List<Rule> rules = rs.rules();
        Map<Integer, Redundancy.Covered> redundant = Redundancy.find(rules, d);
        coversAll(d, rules, Allowed.worldOf(rules), redundant).ifPresent(out::add);

        Map<Rule, List<Finding>> applicability = applicability(d, rs);
        String dir = d.lowerName();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r instanceof EntityRule e && options.broadEntities().contains(e.entity())) {
                out.add(finding(FindingCodes.BROAD_ENTITY, Severity.WARNING, d, List.of(r), r + " opens " + dir
                        + " to " + opens(e.entity())));
            }
            if (r instanceof CidrRule c) {
                Cidr cidr = c.cidr();
                if (!options.clusterCidrs().isEmpty() && options.clusterCidrs().intersects(cidr)) {
                    List<Cidr> overlap = CidrSet.of(cidr).intersection(options.clusterCidrs()).minimal();
                    out.add(finding(FindingCodes.CIDR_OVERLAPS_CLUSTER, Severity.WARNING, d, List.of(r), r
                            + " overlaps the cluster's own ranges (" + list(overlap) + "); Cilium's CIDR rules never"
                            + " select pods, nodes or services, so that part allows nothing inside the cluster (use"
                            + " endpoint:, service: or entity: exceptions for in-cluster peers)"));
                }
                int floor = cidr.isIpv4() ? options.minPrefixLengthIpv4() : options.minPrefixLengthIpv6();
                if (floor > 0 && cidr.prefixLength() < floor) {
                    out.add(finding(FindingCodes.CIDR_TOO_BROAD, Severity.WARNING, d, List.of(r), r + " is broader"
                            + " than the /" + floor + " floor for " + (cidr.isIpv4() ? "IPv4" : "IPv6") + ": it opens "
                            + dir + " to " + count(cidr) + " addresses outside the cluster"));
                }
            }
            Redundancy.Covered cov = redundant.get(i);
            if (cov != null) {
                List<Rule> involved = new ArrayList<>();
                involved.add(r);
                involved.addAll(cov.covers());
                out.add(finding(FindingCodes.REDUNDANT_ENTRY, Severity.INFO, d, involved, cov.covers().isEmpty()
                        ? r + " selects nothing; removing it changes nothing"
                        : r + " is already allowed by " + list(cov.covers()) + "; removing it changes nothing"));
            }
            if (r instanceof FqdnRule f && d == Direction.EGRESS && f.selector().isMatchAll()) {
                out.add(finding(FindingCodes.FQDN_MATCH_ALL, Severity.WARNING, d, List.of(r), r + " allows every DNS"
                        + " name: egress to any address a DNS answer names, close to the whole internet for a"
                        + " workload that resolves names"));
            }
            List<Finding> a = applicability.get(r);
            if (a != null) {
                out.addAll(a);
            }
        }
    }

    /** The applicability diagnostics of one direction, by the rule they are about. */
    private Map<Rule, List<Finding>> applicability(Direction d, RuleSet rs) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        RuntimeProfile alone = (d == Direction.INGRESS ? b.restrictIngress(rs) : b.restrictEgress(rs)).build();
        List<Diagnostic> diagnostics = Applicability.check(alone, options.agentConfig());
        Map<Rule, List<Finding>> out = new HashMap<>();
        if (diagnostics.isEmpty()) {
            return out;
        }
        // Applicability reports, in list order, each FQDN rule on ingress or without the L7 proxy and each service
        // rule on ingress: pair its diagnostics with those rules in order.
        List<Rule> subjects = new ArrayList<>();
        for (Rule r : rs) {
            if ((r instanceof FqdnRule && (d == Direction.INGRESS || !options.agentConfig().enableL7Proxy()))
                    || (r instanceof ServiceRule && d == Direction.INGRESS)) {
                subjects.add(r);
            }
        }
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic diag = diagnostics.get(i);
            List<Rule> about = subjects.size() == diagnostics.size() ? List.of(subjects.get(i)) : List.of();
            Finding f = finding(diag.code(), diag.severity(), d, about, diag.message());
            out.computeIfAbsent(about.isEmpty() ? rs.rules().get(rs.size() - 1) : about.get(0),
                    k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    private Optional<Finding> coversAll(Direction d, List<Rule> rules, CidrSet world,
            Map<Integer, Redundancy.Covered> redundant) {
        boolean v4 = world.coversAllIpv4();
        boolean v6 = world.coversAllIpv6();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        CidrSet need = (v4 ? Lattice.ALL_IPV4 : CidrSet.empty()).union(v6 ? Lattice.ALL_IPV6 : CidrSet.empty());
        List<Rule> entities = new ArrayList<>();
        CidrSet byEntities = CidrSet.empty();
        for (Rule r : rules) {
            if (r instanceof EntityRule e && !Lattice.world(e.entity()).intersection(need).isEmpty()) {
                entities.add(r);
                byEntities = byEntities.union(Lattice.world(e.entity()));
            }
        }
        List<Rule> involved = new ArrayList<>(entities);
        if (!need.difference(byEntities).isEmpty()) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i) instanceof CidrRule c && !redundant.containsKey(i) && need.contains(c.cidr())) {
                    involved.add(rules.get(i));
                }
            }
        }
        String families = v4 && v6 ? "every IPv4 and every IPv6 address" : v4 ? "every IPv4 address"
                : "every IPv6 address";
        String how = involved.size() == 1 ? involved.get(0) + " allows " + families
                : list(involved) + " together allow " + families;
        return Optional.of(finding(FindingCodes.COVERS_ALL_ADDRESSES, Severity.ERROR, d, involved, d.lowerName()
                + " is open to the whole internet" + (v4 && v6 ? "" : v4 ? " over IPv4" : " over IPv6") + ": " + how
                + " outside the cluster"));
    }

    /** What an entity opens, in words. */
    static String opens(Entity e) {
        return switch (e) {
            case ALL -> "every peer: every pod, node and endpoint of the cluster and every address outside it";
            case WORLD -> "every address outside the cluster, IPv4 and IPv6: the whole internet";
            case WORLD_IPV4 -> "every IPv4 address outside the cluster: the whole IPv4 internet";
            case WORLD_IPV6 -> "every IPv6 address outside the cluster: the whole IPv6 internet";
            case CLUSTER -> "every peer inside the cluster: " + Lattice.describeAtoms(Lattice.CLUSTER);
            case CLUSTER_MESH -> "every peer inside the cluster and every pod of every connected cluster";
            case NONE -> "nothing";
            default -> Lattice.describeAtoms(Lattice.atoms(e));
        };
    }

    private static String count(Cidr c) {
        int bits = (c.isIpv4() ? 32 : 128) - c.prefixLength();
        if (bits < 31) {
            return String.format("%,d", 1L << bits);
        }
        return "2^" + bits;
    }

    /** Up to five items joined by ", ", then "and N more". */
    static String list(List<?> items) {
        if (items.size() <= 5) {
            return items.stream().map(Object::toString).collect(Collectors.joining(", "));
        }
        return items.subList(0, 5).stream().map(Object::toString).collect(Collectors.joining(", ")) + " and "
                + (items.size() - 5) + " more";
    }

    @Override
    public String toString() {
        return "ProfileAnalyzer[" + options + "]";
    }

}
