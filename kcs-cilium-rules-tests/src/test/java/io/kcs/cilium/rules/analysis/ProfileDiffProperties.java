package io.kcs.cilium.rules.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Connection;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The diff is exact, checked by evaluation with {@link PolicyEvaluator} (the oracle: it never calls the analysis
 * package). For random profile pairs and random peers in a small space where rules and peers meet often:
 * <ul>
 *   <li>complete: a peer the new profile allows and the old did not is allowed by {@code newlyAllowed};
 *   <li>sound: a peer allowed by the exact entries of {@code newlyAllowed} (those not named inexact) was not allowed
 *       before, for peers with one kind of identity (pods, reserved identities, world addresses, and world peers
 *       with one DNS name compared by name); cross-kind overlaps are documented as outside the diff;
 *   <li>{@code noLongerAllowed} is the reverse diff, and {@code between(p, p)} is empty.
 * </ul>
 * How often each kind of difference occurs is asserted after the run.
 */
class ProfileDiffProperties {

    private static final int EXAMPLES = 1000;
    private static final int PEERS = 40;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final DnsCache NO_DNS = DnsCache.create();
    private static final CiliumAgentConfig AGENT = CiliumAgentConfig.defaults();
    private static final List<String> NAMESPACES = List.of("shop", "pay", "db");
    private static final List<String> NAMES = List.of("a.x.io", "b.x.io", "a.b.x.io", "ab.x.io", "x.io", "b.y.io");
    private static final List<String> FQDNS = List.of("a.x.io", "b.x.io", "a.b.x.io", "*.x.io", "**.x.io", "a*.x.io",
            "*b.x.io", "**.b.x.io", "*.y.io", "*");
    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();
    private static final AtomicLong RUNS = new AtomicLong();

    @AfterAll
    static void everyKindOfDifferenceOccurs() {
        long n = RUNS.get();
        System.out.println("ProfileDiffProperties over " + n + " profile pairs: " + SEEN);
        for (String c : List.of("newly-allowed-peer", "newly-allowed-pod", "newly-allowed-world",
                "newly-allowed-by-name", "newly-allowed-reserved", "cidr-piece", "fqdn-piece", "entity-piece",
                "endpoint-piece", "service-piece", "inexact", "became-unrestricted", "became-restricted", "no-change",
                "equal-but-rewritten")) {
            assertThat((double) SEEN.getOrDefault(c, new AtomicLong()).get() / n).as("fraction %s of %d", c, n)
                    .isGreaterThanOrEqualTo(0.01);
        }
    }

    private static void seen(String c) {
        SEEN.computeIfAbsent(c, k -> new AtomicLong()).incrementAndGet();
    }

    private static IpAddress address(Random r) {
        if (r.nextInt(4) == 0) {
            return IpAddress.ofIpv6(0x20010db800000000L, r.nextInt(16));
        }
        return IpAddress.ofIpv4(0x0A000000 | (r.nextInt(4) << 8) | r.nextInt(16));
    }

    private static Cidr cidr(Random r) {
        IpAddress a = address(r);
        int len = a.isIpv4() ? 20 + r.nextInt(13) : 120 + r.nextInt(9);
        if (r.nextInt(25) == 0) {
            len = r.nextInt(2);
        }
        return Cidr.of(a, len);
    }

    private static Map<String, Optional<String>> selector(Random r) {
        Map<String, Optional<String>> l = new HashMap<>();
        if (r.nextBoolean()) {
            l.put("app", r.nextBoolean() ? Optional.of("web") : Optional.empty());
        }
        if (r.nextInt(3) == 0) {
            l.put("tier", r.nextBoolean() ? Optional.of("backend") : Optional.empty());
        }
        return l;
    }

    private static Rule rule(Random r, boolean egress) {
        return switch (r.nextInt(egress ? 7 : 6)) {
            case 0, 1 -> new CidrRule(cidr(r));
            case 2 -> new EntityRule(Entity.values()[r.nextInt(Entity.values().length)]);
            case 3 -> new EndpointRule(NAMESPACES.get(r.nextInt(NAMESPACES.size())));
            case 4, 5 -> new ServiceRule(NAMESPACES.get(r.nextInt(NAMESPACES.size())), selector(r));
            default -> new FqdnRule(FqdnSelector.parse(FQDNS.get(r.nextInt(FQDNS.size()))));
        };
    }

    private static Optional<RuleSet> rules(Random r, boolean egress) {
        if (r.nextInt(8) == 0) {
            return Optional.empty();
        }
        List<Rule> out = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.add(rule(r, egress));
        }
        return Optional.of(RuleSet.of(out));
    }

    /** A second profile near the first: some entries kept, some dropped, some new. */
    private static Optional<RuleSet> mutate(Random r, Optional<RuleSet> rs, boolean egress) {
        if (r.nextInt(25) == 0) {
            return Optional.empty(); // the direction becomes (or stays) unrestricted
        }
        if (r.nextInt(10) == 0) {
            return rules(r, egress);
        }
        if (rs.isEmpty()) {
            return r.nextInt(3) == 0 ? rules(r, egress) : rs;
        }
        List<Rule> out = new ArrayList<>();
        for (Rule x : rs.get()) {
            if (r.nextInt(4) != 0) {
                out.add(x);
            }
        }
        int add = r.nextInt(3);
        for (int i = 0; i < add; i++) {
            out.add(rule(r, egress));
        }
        return Optional.of(RuleSet.of(out));
    }

    private static RuntimeProfile profile(Optional<RuleSet> in, Optional<RuleSet> eg) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        in.ifPresent(b::restrictIngress);
        eg.ifPresent(b::restrictEgress);
        return b.build();
    }

    private static Map<String, String> labels(Random r) {
        Map<String, String> m = new HashMap<>();
        if (r.nextBoolean()) {
            m.put("app", r.nextBoolean() ? "web" : "db");
        }
        if (r.nextBoolean()) {
            m.put("tier", r.nextBoolean() ? "" : "backend");
        }
        return m;
    }

    private static Peer peer(Random r) {
        return switch (r.nextInt(10)) {
            case 0, 1 -> {
                Peer.Pod p = Peer.pod(NAMESPACES.get(r.nextInt(NAMESPACES.size())), labels(r));
                yield r.nextBoolean() ? p.viaService("svc", labels(r)) : p;
            }
            case 2, 3, 4 -> {
                Peer.World w = Peer.world(address(r));
                yield r.nextBoolean() ? w.withDnsNames(Set.of(NAMES.get(r.nextInt(NAMES.size())))) : w;
            }
            case 5 -> Peer.unmanaged(address(r));
            case 6 -> r.nextBoolean() ? Peer.host() : Peer.remoteNode();
            case 7 -> r.nextBoolean() ? Peer.kubeApiserver() : Peer.kubeApiserver(address(r));
            case 8 -> r.nextBoolean() ? Peer.ingress() : Peer.health();
            default -> Peer.init();
        };
    }

    private static PolicyEvaluator compile(RuntimeProfile p) {
        return PolicyEvaluator.compile(p, AGENT, NO_DNS);
    }

    private static boolean allows(PolicyEvaluator p, Direction d, Peer peer) {
        Connection c = d == Direction.EGRESS ? Connection.outbound(peer) : Connection.inbound(peer);
        return p.evaluate(c.request(), NOW).allowed();
    }

    private static RuntimeProfile only(Direction d, RuleSet rs) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        return (d == Direction.INGRESS ? b.restrictIngress(rs) : b.restrictEgress(rs)).build();
    }

    @Test
    void theDiffIsExactByEvaluation() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Optional<RuleSet> bi = rules(r, false);
            Optional<RuleSet> be = rules(r, true);
            RuntimeProfile before = profile(bi, be);
            RuntimeProfile after = profile(mutate(r, bi, false), mutate(r, be, true));
            ProfileDiff diff = ProfileDiff.between(before, after);
            ProfileDiff reverse = ProfileDiff.between(after, before);
            RUNS.incrementAndGet();
            for (Direction d : Direction.values()) {
                ProfileDiff.DirectionDiff dd = diff.direction(d);
                assertThat(dd.noLongerAllowed()).isEqualTo(reverse.direction(d).newlyAllowed());
                assertThat(dd.inexactNoLongerAllowed()).isEqualTo(reverse.direction(d).inexactNewlyAllowed());
                count(dd);
                PolicyEvaluator newly = compile(only(d, dd.newlyAllowed()));
                PolicyEvaluator exact = compile(only(d, RuleSet.of(dd.newlyAllowed().rules().stream()
                        .filter(x -> !dd.inexactNewlyAllowed().contains(x)).toList())));
                PolicyEvaluator was = compile(before);
                PolicyEvaluator is = compile(after);
                for (int i = 0; i < PEERS; i++) {
                    Peer p = peer(r);
                    boolean b = allows(was, d, p);
                    boolean a = allows(is, d, p);
                    if (a && !b) {
                        seen("newly-allowed-peer");
                        seen(p instanceof Peer.Pod ? "newly-allowed-pod" : p instanceof Peer.World w
                                ? (w.dnsNames().isEmpty() ? "newly-allowed-world" : "newly-allowed-by-name")
                                : "newly-allowed-reserved");
                        assertThat(allows(newly, d, p)).as("%s: %s allowed after, not before, not in newly allowed"
                                + " %s", diff, p.describe(), dd.newlyAllowed()).isTrue();
                    }
                    if (p instanceof Peer.KubeApiserver k && k.externalIp().isPresent()) {
                        continue; // both kube-apiserver and a world address: across kinds, see ProfileDiff
                    }
                    if (p instanceof Peer.World w && !w.dnsNames().isEmpty()) {
                        Peer bare = Peer.world(w.address());
                        boolean exactByName = allows(exact, d, p) && !allows(exact, d, bare);
                        boolean beforeByName = b && !allows(was, d, bare);
                        assertThat(exactByName && beforeByName).as("%s: %s allowed by name before and by the exact"
                                + " part of %s", diff, p.describe(), dd.newlyAllowed()).isFalse();
                        p = bare;
                        b = allows(was, d, p);
                    }
                    if (allows(exact, d, p)) {
                        assertThat(b).as("%s: %s allowed before and by the exact part of %s (inexact %s)", diff,
                                p.describe(), dd.newlyAllowed(), dd.inexactNewlyAllowed()).isFalse();
                    }
                }
            }
            if (diff.isEmpty()) {
                seen("no-change");
                if (!before.equals(after)) {
                    seen("equal-but-rewritten");
                }
            }
            assertThat(diff.isWidening()).isEqualTo(!diff.ingress().newlyAllowed().isEmpty()
                    || !diff.egress().newlyAllowed().isEmpty());
        });
    }

    private static void count(ProfileDiff.DirectionDiff dd) {
        for (Rule x : dd.newlyAllowed()) {
            seen(x instanceof CidrRule ? "cidr-piece" : x instanceof FqdnRule ? "fqdn-piece"
                    : x instanceof EntityRule ? "entity-piece" : x instanceof EndpointRule ? "endpoint-piece"
                    : "service-piece");
        }
        if (!dd.inexactNewlyAllowed().isEmpty()) {
            seen("inexact");
        }
        if (dd.restrictedBefore() && !dd.restrictedAfter()) {
            seen("became-unrestricted");
        }
        if (!dd.restrictedBefore() && dd.restrictedAfter()) {
            seen("became-restricted");
        }
    }

    @Test
    void aProfileDiffedWithItselfIsEmpty() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            RuntimeProfile p = profile(rules(r, false), rules(r, true));
            ProfileDiff d = ProfileDiff.between(p, p);
            assertThat(d.isEmpty()).as("%s", d).isTrue();
            assertThat(d.isWidening()).isFalse();
            // the same peers in another order and with redundant entries is still no change
            RuntimeProfile shuffled = profile(p.ingressExceptions().map(ProfileDiffProperties::shuffle),
                    p.egressExceptions().map(ProfileDiffProperties::shuffle));
            assertThat(ProfileDiff.between(p, shuffled).isEmpty()).isTrue();
        });
    }

    private static RuleSet shuffle(RuleSet rs) {
        List<Rule> l = new ArrayList<>(rs.rules());
        java.util.Collections.reverse(l);
        return RuleSet.of(l);
    }
}
