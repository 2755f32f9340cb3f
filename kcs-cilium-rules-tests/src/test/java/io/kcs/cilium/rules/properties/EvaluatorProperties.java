package io.kcs.cilium.rules.properties;

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
import io.kcs.cilium.rules.eval.Connection;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.Reason;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.eval.Verdict;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Laws of policy evaluation over random profiles, peers and connections (seeded scenarios). How often each kind of
 * exception decides a verdict in {@link #aProfileAllowsExactlyWhatOneOfItsExceptionsAllowsAlone} is asserted after
 * the run.
 */
class EvaluatorProperties {

    private static final Map<String, AtomicLong> DECIDED_BY = new java.util.concurrent.ConcurrentHashMap<>();
    private static final AtomicLong DECISIONS = new AtomicLong();

    @AfterAll
    static void everyKindOfExceptionDecidedVerdicts() {
        long n = DECISIONS.get();
        System.out.println("EvaluatorProperties coverage over " + n + " verdicts: " + DECIDED_BY);
        for (String kind : List.of("CidrRule", "EntityRule", "EndpointRule", "ServiceRule", "FqdnRule", "denied",
                "reported-after-a-non-selecting-rule")) {
            assertThat((double) DECIDED_BY.getOrDefault(kind, new AtomicLong()).get() / n)
                    .as("fraction of verdicts decided by %s among %d", kind, n).isGreaterThanOrEqualTo(0.02);
        }
    }

    private static final int EXAMPLES = 10_000;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> NAMESPACES = List.of("shop", "pay", "db");
    private static final List<String> NAMES = List.of("api.example.com", "www.example.com", "a.b.example.org",
            "cdn.test");

    /** Addresses in a small space so that rules and peers meet often. */
    private static IpAddress address(Random r) {
        if (r.nextInt(4) == 0) {
            return IpAddress.ofIpv6(0x20010db800000000L | r.nextInt(4), r.nextInt(16));
        }
        return IpAddress.ofIpv4(0x0A000000 | (r.nextInt(4) << 8) | r.nextInt(16));
    }

    private static Cidr cidr(Random r) {
        IpAddress a = address(r);
        int len = a.isIpv4() ? 20 + r.nextInt(13) : 56 + r.nextInt(73);
        if (r.nextInt(20) == 0) {
            len = 0;
        }
        return Cidr.of(a, len);
    }

    private static Map<String, String> labels(Random r) {
        Map<String, String> m = new java.util.HashMap<>();
        if (r.nextBoolean()) {
            m.put("app", r.nextBoolean() ? "web" : "db");
        }
        if (r.nextBoolean()) {
            m.put("tier", r.nextBoolean() ? "" : "backend");
        }
        return m;
    }

    private static Rule rule(Random r, boolean egress) {
        switch (r.nextInt(egress ? 6 : 5)) {
            case 0:
            case 1:
                return new CidrRule(cidr(r));
            case 2:
                return new EntityRule(Entity.values()[r.nextInt(Entity.values().length)]);
            case 3:
                return new EndpointRule(NAMESPACES.get(r.nextInt(NAMESPACES.size())));
            case 4: {
                Map<String, Optional<String>> l = new java.util.HashMap<>();
                if (r.nextBoolean()) {
                    l.put("app", r.nextBoolean() ? Optional.of("web") : Optional.empty());
                }
                if (r.nextBoolean()) {
                    l.put("tier", r.nextBoolean() ? Optional.of("backend") : Optional.empty());
                }
                return new ServiceRule(NAMESPACES.get(r.nextInt(NAMESPACES.size())), l);
            }
            default:
                String[] patterns = {"*.example.com", "**.example.org", "api.example.com", "*", "cdn.*"};
                return new FqdnRule(FqdnSelector.parse(patterns[r.nextInt(patterns.length)]));
        }
    }

    private static RuleSet rules(Random r, boolean egress) {
        List<Rule> out = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.add(rule(r, egress));
        }
        return RuleSet.of(out);
    }

    private static Peer peer(Random r) {
        switch (r.nextInt(9)) {
            case 0: {
                Peer.Pod p = Peer.pod(NAMESPACES.get(r.nextInt(NAMESPACES.size())), labels(r));
                return r.nextBoolean() ? p.viaService("svc", labels(r)) : p;
            }
            case 1:
            case 2: {
                Peer.World w = Peer.world(address(r));
                return r.nextBoolean() ? w.withDnsNames(Set.of(NAMES.get(r.nextInt(NAMES.size())))) : w;
            }
            case 3:
                return Peer.unmanaged(address(r));
            case 4:
                return r.nextBoolean() ? Peer.host() : Peer.host(address(r));
            case 5:
                return r.nextBoolean() ? Peer.remoteNode() : Peer.remoteNode(address(r));
            case 6:
                return r.nextBoolean() ? Peer.kubeApiserver() : Peer.kubeApiserver(address(r));
            case 7:
                return Peer.ingress();
            default:
                return r.nextBoolean() ? Peer.health() : Peer.init();
        }
    }

    private static DnsCache dns(Random r) {
        DnsCache c = DnsCache.create();
        for (int i = 0; i < 3; i++) {
            c.observe(NAMES.get(r.nextInt(NAMES.size())), List.of(address(r)), Duration.ofSeconds(r.nextInt(20)),
                    NOW.minusSeconds(10));
        }
        return c;
    }

    private static CiliumAgentConfig config(Random r) {
        return r.nextBoolean() ? CiliumAgentConfig.defaults()
                : CiliumAgentConfig.fromOptions(Map.of("policy-cidr-match-mode", "nodes"));
    }

    private static RuntimeProfile profile(Random r, RuleSet ingress, RuleSet egress) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        if (ingress != null) {
            b.restrictIngress(ingress);
        }
        if (egress != null) {
            b.restrictEgress(egress);
        }
        return b.build();
    }

    @Test
    void anAllowedRequestsReplyIsAllowedAndBundledWithTheOpener() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            PolicyEvaluator ev = PolicyEvaluator.compile(profile(r, r.nextBoolean() ? rules(r, false) : null,
                    r.nextBoolean() ? rules(r, true) : null), config(r), dns(r));
            Peer p = peer(r);
            for (Connection c : List.of(Connection.inbound(p), Connection.outbound(p))) {
                Verdict req = ev.evaluate(c.request(), NOW);
                Verdict rep = ev.evaluate(c.reply(), NOW);
                assertThat(req.trafficDirection()).isEqualTo(c.direction());
                assertThat(rep.trafficDirection()).isEqualTo(c.direction());
                assertThat(rep.allowed()).isEqualTo(req.allowed());
                assertThat(rep.reason()).isEqualTo(req.allowed() ? Reason.REPLY_OF_ALLOWED_CONNECTION
                        : Reason.REPLY_OF_DENIED_CONNECTION);
                assertThat(rep.matchedRule()).isEqualTo(req.matchedRule());
            }
        });
    }

    /** A peer the rule is meant to select (sometimes it does not, e.g. a service rule on a pod without a service). */
    private static Peer aimedAt(Rule rule, Random r) {
        if (rule instanceof EndpointRule e) {
            return Peer.pod(e.namespace(), labels(r));
        }
        if (rule instanceof ServiceRule s) {
            Map<String, String> l = new java.util.HashMap<>(labels(r));
            s.labels().forEach((k, v) -> l.put(k, v.orElse("any")));
            Peer.Pod pod = Peer.pod(s.namespace(), l);
            return r.nextInt(4) == 0 ? pod : pod.viaService("svc", l);
        }
        if (rule instanceof CidrRule c) {
            IpAddress a = c.cidr().address();
            int len = c.cidr().prefixLength();
            return Peer.world(a.isIpv4() ? IpAddress.ofIpv4(a.ipv4Bits() | (r.nextInt() & ~Cidr.ipv4Mask(len)))
                    : IpAddress.ofIpv6(a.high() | (r.nextLong() & ~Cidr.highMask(len)),
                            a.low() | (r.nextLong() & ~Cidr.lowMask(len))));
        }
        if (rule instanceof FqdnRule f) {
            String name = f.selector().isPattern()
                    ? FqdnSelectorProperties.instance(f.selector().value(), r).toLowerCase(java.util.Locale.ROOT)
                    : f.selector().value();
            return Peer.world(address(r)).withDnsNames(Set.of(name));
        }
        return peer(r);
    }

    /**
     * Decomposition: a restricted direction allows a peer iff at least one of its exceptions, alone, allows it, and
     * the reported exception is one that allows it alone (never, say, an earlier entity that does not select the
     * peer, or a pattern when the exact name is what matched).
     */
    @Test
    void aProfileAllowsExactlyWhatOneOfItsExceptionsAllowsAlone() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            boolean egress = r.nextBoolean();
            RuleSet rs = rules(r, egress);
            CiliumAgentConfig config = config(r);
            DnsCache dns = dns(r);
            PolicyEvaluator ev = PolicyEvaluator.compile(egress ? profile(r, null, rs) : profile(r, rs, null),
                    config, dns);
            Peer p = rs.isEmpty() || r.nextBoolean() ? peer(r) : aimedAt(rs.rules().get(r.nextInt(rs.size())), r);
            Connection c = egress ? Connection.outbound(p) : Connection.inbound(p);
            Verdict v = ev.evaluate(c.request(), NOW);
            List<Rule> selecting = new ArrayList<>();
            for (Rule rule : rs) {
                RuleSet alone = RuleSet.of(List.of(rule));
                PolicyEvaluator single = PolicyEvaluator.compile(egress ? profile(r, null, alone)
                        : profile(r, alone, null), config, dns);
                if (single.evaluate(c.request(), NOW).allowed()) {
                    selecting.add(rule);
                }
            }
            assertThat(v.allowed()).as("%s for %s", rs, p).isEqualTo(!selecting.isEmpty());
            DECISIONS.incrementAndGet();
            if (v.allowed()) {
                Rule reported = v.matchedRule().orElseThrow();
                assertThat(selecting).as("%s for %s", rs, p).contains(reported);
                assertThat(v.explanation()).contains(reported.toString());
                DECIDED_BY.computeIfAbsent(reported.getClass().getSimpleName(), k -> new AtomicLong())
                        .incrementAndGet();
                if (rs.rules().indexOf(reported) > 0 && !selecting.contains(rs.rules().get(0))) {
                    DECIDED_BY.computeIfAbsent("reported-after-a-non-selecting-rule", k -> new AtomicLong())
                            .incrementAndGet();
                }
                if (reported instanceof EntityRule) {
                    // entities come last, and among them the first in list order
                    assertThat(selecting).as("%s for %s", rs, p).allMatch(x -> x instanceof EntityRule);
                    assertThat(reported).isEqualTo(selecting.get(0));
                }
            } else {
                assertThat(v.matchedRule()).isEmpty();
                DECIDED_BY.computeIfAbsent("denied", k -> new AtomicLong()).incrementAndGet();
            }
        });
    }

    @Test
    void anUnrestrictedDirectionAllowsEveryPacket() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            boolean restrictIngress = r.nextBoolean();
            RuntimeProfile profile = restrictIngress ? profile(r, rules(r, false), null)
                    : profile(r, null, rules(r, true));
            PolicyEvaluator ev = PolicyEvaluator.compile(profile, config(r), dns(r));
            Peer p = peer(r);
            Connection free = restrictIngress ? Connection.outbound(p) : Connection.inbound(p);
            assertThat(ev.evaluate(free.request(), NOW).reason()).isEqualTo(Reason.UNRESTRICTED);
            assertThat(ev.evaluate(free.reply(), NOW).allowed()).isTrue();
        });
    }

    @Test
    void addingAnExceptionNeverTurnsAnAllowIntoADeny() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            boolean egress = r.nextBoolean();
            RuleSet base = rules(r, egress);
            List<Rule> more = new ArrayList<>(base.rules());
            more.add(rule(r, egress));
            CiliumAgentConfig config = config(r);
            DnsCache dns = dns(r);
            PolicyEvaluator before = PolicyEvaluator.compile(egress ? profile(r, null, base) : profile(r, base, null),
                    config, dns);
            RuleSet bigger = RuleSet.of(more);
            PolicyEvaluator after = PolicyEvaluator.compile(
                    egress ? profile(r, null, bigger) : profile(r, bigger, null), config, dns);
            Peer p = peer(r);
            Connection c = egress ? Connection.outbound(p) : Connection.inbound(p);
            if (before.evaluate(c.request(), NOW).allowed()) {
                assertThat(after.evaluate(c.request(), NOW).allowed()).isTrue();
            }
        });
    }

    @Test
    void worldPeersAreAllowedExactlyWhenACidrContainsThem() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Rule> cidrs = new ArrayList<>();
            int n = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                cidrs.add(new CidrRule(cidr(r)));
            }
            RuleSet rs = RuleSet.of(cidrs);
            boolean egress = r.nextBoolean();
            PolicyEvaluator ev = PolicyEvaluator.compile(egress ? profile(r, null, rs) : profile(r, rs, null),
                    CiliumAgentConfig.defaults(), DnsCache.create());
            IpAddress ip = address(r);
            Connection c = egress ? Connection.outbound(Peer.world(ip)) : Connection.inbound(Peer.world(ip));
            Verdict v = ev.evaluate(c.request(), NOW);
            boolean contained = rs.rulesOf(CidrRule.class).stream().anyMatch(cr -> cr.cidr().contains(ip));
            assertThat(v.allowed()).isEqualTo(contained);
            if (contained) {
                Cidr matched = ((CidrRule) v.matchedRule().orElseThrow()).cidr();
                assertThat(matched.contains(ip)).isTrue();
                assertThat(rs.rulesOf(CidrRule.class).stream().filter(cr -> cr.cidr().contains(ip))
                        .mapToInt(cr -> cr.cidr().prefixLength()).max().orElseThrow())
                        .isEqualTo(matched.prefixLength());
            }
            assertThat(v.trafficDirection()).isEqualTo(egress ? Direction.EGRESS : Direction.INGRESS);
        });
    }
}
