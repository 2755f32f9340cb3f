package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.bench.HubbleFlowGenerator;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.eval.Verdict;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.hubble.ConnectionPolicy.Decision;
import io.kcs.cilium.rules.hubble.HubbleFlow;
import io.kcs.cilium.rules.hubble.HubbleFlows;
import io.kcs.cilium.rules.hubble.LearnedProfile;
import io.kcs.cilium.rules.hubble.LineResult;
import io.kcs.cilium.rules.hubble.ProfileLearner;
import io.kcs.cilium.rules.hubble.ReplayReport;
import io.kcs.cilium.rules.hubble.ServiceCatalog;
import io.kcs.cilium.rules.hubble.TrafficReplay;
import io.kcs.cilium.rules.hubble.Workload;
import io.kcs.cilium.rules.hubble.WorkloadFlow;
import io.kcs.cilium.rules.hubble.WorkloadView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Laws of the Hubble replay and learner over random flow sets of {@link HubbleFlowGenerator} (seeded): replaying
 * the flows a profile was learned from denies none of them, whatever the generalisation settings; a replay's
 * decisions are the decisions of a {@link PolicyEvaluator} compiled directly over a DNS cache this test feeds itself.
 * How often the interesting cases occur is asserted after the run.
 */
class HubbleProperties {

    private static final Map<String, AtomicLong> LEARN = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> REPLAY = new ConcurrentHashMap<>();
    private static final AtomicLong LEARN_RUNS = new AtomicLong();
    private static final AtomicLong DECISIONS = new AtomicLong();
    private static final int EXAMPLES = 300;

    static final WorkloadView VIEW = WorkloadView.of(Workload.of("shop", Map.of("app", "web")),
            ServiceCatalog.empty().with("shop", "db", Map.of("app", "db")));
    static final CiliumAgentConfig NO_PROXY = CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", "false"));
    static final CiliumAgentConfig NODES = CiliumAgentConfig.fromOptions(Map.of("policy-cidr-match-mode", "nodes"));

    @AfterAll
    static void theGeneratorsReachEveryInterestingCase() {
        long runs = LEARN_RUNS.get();
        System.out.println("HubbleProperties learn coverage over " + runs + " runs: " + LEARN);
        for (String c : List.of("wildcard-name", "prefix-cidr", "host-cidr", "service-rule", "endpoint-rule",
                "entity-rule", "exact-name", "name-from-dns-answer", "reply", "dropped", "ingress-world",
                "other-workload", "no-l7-proxy")) {
            assertThat((double) LEARN.getOrDefault(c, new AtomicLong()).get() / runs)
                    .as("fraction of learning runs with %s among %d", c, runs).isGreaterThanOrEqualTo(0.05);
        }
        long n = DECISIONS.get();
        System.out.println("HubbleProperties replay coverage over " + n + " decisions: " + REPLAY);
        for (String c : List.of("allowed", "denied", "reply", "allowed-by-dns-answer", "ingress", "egress")) {
            // a flow allowed only through a DNS answer needs a named scenario, a live TTL and a matching FQDN
            // exception drawn into the profile: about 1% of decisions
            assertThat((double) REPLAY.getOrDefault(c, new AtomicLong()).get() / n)
                    .as("fraction of decisions %s among %d", c, n)
                    .isGreaterThanOrEqualTo(c.equals("allowed-by-dns-answer") ? 0.003 : 0.02);
        }
    }

    private static void count(Map<String, AtomicLong> m, String key) {
        m.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static List<HubbleFlow> flows(long seed, int lines) {
        List<HubbleFlow> out = new ArrayList<>();
        long n = 0;
        for (String line : new HubbleFlowGenerator(seed).lines(lines)) {
            LineResult r = HubbleFlows.parseLine(line, ++n);
            assertThat(r.kind()).as(line).isEqualTo(LineResult.Kind.FLOW);
            out.add(r.flow().orElseThrow());
        }
        return out;
    }

    @Test
    void replayingTheFlowsAProfileWasLearnedFromDeniesNone() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<HubbleFlow> flows = flows(seed, 5 + r.nextInt(60));
            int k = 1 + r.nextInt(4);
            boolean includeDropped = r.nextInt(3) == 0;
            CiliumAgentConfig config = switch (r.nextInt(4)) {
                case 0 -> NO_PROXY;
                case 1 -> NODES;
                default -> CiliumAgentConfig.defaults();
            };
            ProfileLearner.Options options = ProfileLearner.Options.defaults().withMinShared(k)
                    .withPrefixes(20 + r.nextInt(13), 56 + r.nextInt(73)).withIncludeDropped(includeDropped);
            ProfileLearner learner = ProfileLearner.create(VIEW, config, options);
            flows.forEach(learner::accept);
            LearnedProfile lp = learner.result();

            TrafficReplay replay = TrafficReplay.forProfile(lp.profile(), config, VIEW);
            flows.forEach(replay::accept);
            ReplayReport report = replay.report();
            assertThat(report.deniedConnections()).as("%s", lp.profile()).isEmpty();
            assertThat(report.deniesNothing()).isTrue();
            if (includeDropped) {
                assertThat(report.droppedIngress().flowsDenied() + report.droppedEgress().flowsDenied()).isZero();
            }
            // every suggestion covers at least one flow, and the flows it lists are the workload's
            assertThat(lp.suggestions()).allSatisfy(s -> {
                assertThat(s.flows()).isPositive();
                assertThat(s.lines()).isNotEmpty().allSatisfy(l -> assertThat(l).isBetween(1L, (long) flows.size()));
            });
            coverage(lp, flows, config);
        });
    }

    private static void coverage(LearnedProfile lp, List<HubbleFlow> flows, CiliumAgentConfig config) {
        LEARN_RUNS.incrementAndGet();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LearnedProfile.Suggestion s : lp.suggestions()) {
            if (s.rule() instanceof FqdnRule f) {
                seen.add(f.selector().isPattern() ? "wildcard-name" : "exact-name");
                if (s.reason().startsWith("world peer named") && s.lines().stream().anyMatch(l ->
                        flows.get((int) (l - 1)).destinationNames().isEmpty()
                                && flows.get((int) (l - 1)).sourceNames().isEmpty())) {
                    seen.add("name-from-dns-answer");
                }
            } else if (s.rule() instanceof CidrRule c) {
                seen.add(c.cidr().isHost() ? "host-cidr" : "prefix-cidr");
                if (s.direction() == Direction.INGRESS) {
                    seen.add("ingress-world");
                }
            } else if (s.rule() instanceof ServiceRule) {
                seen.add("service-rule");
            } else {
                seen.add(s.rule().getClass() == io.kcs.cilium.rules.EndpointRule.class ? "endpoint-rule"
                        : "entity-rule");
            }
        }
        for (HubbleFlow f : flows) {
            Optional<WorkloadFlow> wf = VIEW.view(f);
            if (wf.isEmpty()) {
                seen.add("other-workload");
            } else if (wf.get().reply()) {
                seen.add("reply");
            }
            if (f.dropped()) {
                seen.add("dropped");
            }
        }
        if (config == NO_PROXY) {
            seen.add("no-l7-proxy");
        }
        seen.forEach(c -> count(LEARN, c));
    }

    private static final List<String> INGRESS_POOL = List.of("endpoint:shop", "endpoint:db", "entity:host",
            "entity:world", "entity:cluster", "198.51.100.0/28", "203.0.113.7/32", "2001:db8::/120",
            "entity:kube-apiserver", "entity:remote-node", "service:shop|app=frontend");
    private static final List<String> EGRESS_POOL = List.of("endpoint:shop", "endpoint:kube-system",
            "service:shop|app=db", "entity:host", "entity:world-ipv6", "198.51.100.0/26", "203.0.113.0/29",
            "2001:db8::/122", "*.example.com", "x.example.org", "**.co.uk", "entity:kube-apiserver", "entity:init",
            "entity:health", "entity:unmanaged", "entity:ingress");

    private static RuleSet pick(Random r, List<String> pool) {
        List<String> out = new ArrayList<>();
        for (String s : pool) {
            if (r.nextInt(3) == 0) {
                out.add(s);
            }
        }
        return RuleSet.parse(String.join(", ", out));
    }

    @Test
    void replayDecisionsAreTheDecisionsOfADirectlyCompiledEvaluator() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            RuntimeProfile.Builder b = RuntimeProfile.builder();
            if (r.nextInt(4) != 0) {
                b.restrictIngress(pick(r, INGRESS_POOL));
            }
            if (r.nextInt(4) != 0) {
                b.restrictEgress(pick(r, EGRESS_POOL));
            }
            RuntimeProfile profile = b.build();
            CiliumAgentConfig config = r.nextBoolean() ? CiliumAgentConfig.defaults() : NODES;
            TrafficReplay replay = TrafficReplay.forProfile(profile, config, VIEW);
            DnsCache mirror = DnsCache.create();
            PolicyEvaluator direct = PolicyEvaluator.compile(profile, config, mirror);
            PolicyEvaluator withoutDns = PolicyEvaluator.compile(profile, config, DnsCache.create());
            for (HubbleFlow f : flows(seed, 10 + r.nextInt(40))) {
                Optional<WorkloadFlow> wf = VIEW.view(f);
                Optional<Decision> d = replay.accept(f);
                assertThat(d.isPresent()).isEqualTo(wf.isPresent());
                if (wf.isEmpty()) {
                    continue;
                }
                // the oracle's own DNS feed: answers of connections the workload opened, at the flow's time
                if (wf.get().direction() == Direction.EGRESS && f.dns().isPresent()) {
                    HubbleFlow.DnsAnswer a = f.dns().get();
                    mirror.observe(a.query(), a.ips(), Duration.ofSeconds(a.ttl()), f.time());
                }
                Verdict v = direct.evaluate(wf.get().packet(), f.time());
                assertThat(d.get()).isEqualTo(new Decision(v.allowed(), v.explanation()));
                DECISIONS.incrementAndGet();
                count(REPLAY, v.allowed() ? "allowed" : "denied");
                count(REPLAY, wf.get().direction().lowerName());
                if (wf.get().reply()) {
                    count(REPLAY, "reply");
                }
                if (v.allowed() && !withoutDns.evaluate(wf.get().packet(), f.time()).allowed()
                        && wf.get().remote() instanceof Peer.World w && w.dnsNames().isEmpty()) {
                    count(REPLAY, "allowed-by-dns-answer");
                }
            }
        });
    }
}
