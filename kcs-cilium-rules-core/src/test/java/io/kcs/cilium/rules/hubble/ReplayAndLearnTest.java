package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.PolicyNotApplicableException;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.hubble.ConnectionPolicy.Decision;
import io.kcs.cilium.rules.hubble.LearnedProfile.Suggestion;
import io.kcs.cilium.rules.hubble.ReplayReport.Counts;
import io.kcs.cilium.rules.hubble.ReplayReport.DeniedConnection;
import io.kcs.cilium.rules.net.IpAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replay and learning on the hand-written fixture {@code hubble/flows.jsonl} (workload shop/app=web). */
class ReplayAndLearnTest {

    static final CiliumAgentConfig DEFAULTS = CiliumAgentConfig.defaults();
    static final WorkloadView VIEW = WorkloadView.of(Workload.of("shop", Map.of("app", "web")),
            ServiceCatalog.empty().with("shop", "db", Map.of("app", "db")));
    static List<HubbleFlow> flows;

    @BeforeAll
    static void read() throws IOException {
        flows = HubbleFlowsTest.readAll(HubbleFlowsTest.fixture(), new ArrayList<>());
    }

    static RuntimeProfile profile(String ingress, String egress) {
        return RuntimeProfile.builder().restrictIngress(RuleSet.parse(ingress)).restrictEgress(RuleSet.parse(egress))
                .build();
    }

    static ReplayReport replay(RuntimeProfile p, WorkloadView view, List<HubbleFlow> input) {
        TrafficReplay r = TrafficReplay.forProfile(p, DEFAULTS, view);
        input.forEach(r::accept);
        return r.report();
    }

    @Test
    void countsPerDirectionListsDeniedConnectionsAndKeepsTodaysDropsApart() {
        ReplayReport r = replay(profile("endpoint:shop",
                "api.example.com, cdn.example.net, entity:kube-apiserver, endpoint:kube-system"), VIEW, flows);
        // egress: lines 1+2 (one connection and its reply), 3 (DNS from kube-dns), 4 (cdn via the DNS answer),
        // 10 (kube-apiserver) allowed; 6 (db), 7 (IPv6 world), 8 (host), 11, 12 denied
        assertThat(r.egress()).isEqualTo(new Counts(5, 5, 4, 5));
        assertThat(r.ingress()).isEqualTo(new Counts(1, 0, 1, 0));
        assertThat(r.droppedIngress()).isEqualTo(new Counts(0, 1, 0, 1)); // line 9: dropped today, denied too
        assertThat(r.droppedEgress()).isEqualTo(new Counts(0, 0, 0, 0));
        assertThat(r.deniedConnections()).extracting(DeniedConnection::firstLine).containsExactly(6L, 7L, 8L, 11L,
                12L);
        DeniedConnection db = r.deniedConnections().get(0);
        assertThat(db.direction()).isEqualTo(Direction.EGRESS);
        assertThat(db.remoteIp()).isEqualTo(IpAddress.parse("10.0.3.3"));
        assertThat(db.remotePort()).isEqualTo(5432);
        assertThat(db.localPort()).isEqualTo(40003);
        assertThat(db.peer()).isEqualTo("pod shop/{app=postgres, io.kubernetes.pod.namespace=shop} via service db");
        assertThat(db.explanation()).isEqualTo("Denied: egress is restricted and no egress exception matches the"
                + " peer.");
        assertThat(db.flows()).isEqualTo(1);
        assertThat(r.topDeniedPeers()).hasSize(5);
        assertThat(r.flowsOfOtherWorkloads()).isEqualTo(1);
        assertThat(r.dnsAnswers()).isEqualTo(1);
        assertThat(r.connectionsExact()).isTrue();
        assertThat(r.deniesNothing()).isFalse();
    }

    @Test
    void repliesPassWithTheirConnectionAndAreCountedOnce() {
        List<HubbleFlow> first = flows.subList(0, 2); // request and reply of one connection
        ReplayReport allowed = replay(profile("", "api.example.com"), VIEW, first);
        assertThat(allowed.egress()).isEqualTo(new Counts(2, 0, 1, 0));
        assertThat(allowed.ingress()).isEqualTo(new Counts(0, 0, 0, 0)); // ingress blocks all, the reply still enters
        ReplayReport denied = replay(profile("", "cdn.example.net"), VIEW, first);
        assertThat(denied.egress()).isEqualTo(new Counts(0, 2, 0, 1));
        assertThat(denied.deniedConnections()).singleElement().satisfies(c -> assertThat(c.flows()).isEqualTo(2));
        assertThat(denied.topDeniedPeers()).singleElement().satisfies(p -> {
            assertThat(p.connections()).isEqualTo(1);
            assertThat(p.flows()).isEqualTo(2);
        });
    }

    @Test
    void dnsAnswersSelectOnlyFromTheirObservationUntilTheirTtlEnds() {
        HubbleFlow dns = flows.get(2); // 10:00:01, ttl 30
        HubbleFlow cdn = flows.get(3); // 10:00:02
        RuntimeProfile p = profile("", "cdn.example.net");
        assertThat(replay(p, VIEW, List.of(dns, cdn)).egress().flowsDenied()).isEqualTo(1); // the DNS flow itself
        assertThat(replay(p, VIEW, List.of(cdn)).egress().flowsDenied()).isEqualTo(1); // no answer seen
        HubbleFlow late = withTime(cdn, "2026-03-01T10:00:31Z"); // the answer expired (exclusive end)
        HubbleFlow inTime = withTime(cdn, "2026-03-01T10:00:30.999999999Z");
        assertThat(replay(p, VIEW, List.of(dns, late)).deniedConnections()).extracting(DeniedConnection::firstLine)
                .containsExactly(3L, 4L);
        assertThat(replay(p, VIEW, List.of(dns, inTime)).deniedConnections()).extracting(DeniedConnection::firstLine)
                .containsExactly(3L);
    }

    static HubbleFlow withTime(HubbleFlow f, String time) {
        return new HubbleFlow(f.line(), java.time.Instant.parse(time), f.verdict(), f.dropReason(), f.sourceIp(),
                f.destinationIp(), f.protocol(), f.sourcePort(), f.destinationPort(), f.tcpFlags(), f.icmpType(),
                f.icmpCode(), f.trafficDirection(), f.reply(), f.source(), f.destination(), f.sourceNames(),
                f.destinationNames(), f.sourceService(), f.destinationService(), f.dns(), f.nodeName(), f.l7());
    }

    @Test
    void replayDecisionsAreTheEvaluatorsDecisions() {
        RuntimeProfile p = profile("endpoint:shop, 192.0.2.0/24", "*.example.com, 198.51.100.0/24, entity:host");
        TrafficReplay replay = TrafficReplay.forProfile(p, DEFAULTS, VIEW);
        DnsCache mirror = DnsCache.create();
        PolicyEvaluator direct = PolicyEvaluator.compile(p, DEFAULTS, mirror);
        for (HubbleFlow f : flows) {
            Optional<WorkloadFlow> wf = VIEW.view(f);
            Optional<Decision> d = replay.accept(f);
            assertThat(d.isPresent()).isEqualTo(wf.isPresent());
            if (wf.isPresent()) {
                if (wf.get().direction() == Direction.EGRESS && f.dns().isPresent()) {
                    TrafficReplay.feed(mirror, f.dns().get(), f);
                }
                var v = direct.evaluate(wf.get().packet(), f.time());
                assertThat(d.get()).isEqualTo(new Decision(v.allowed(), v.explanation()));
            }
        }
    }

    @Test
    void aProfileTheAgentCannotApplyIsRefusedWithItsDiagnostics() {
        assertThatThrownBy(() -> TrafficReplay.forProfile(profile("api.example.com", ""), DEFAULTS, VIEW))
                .isInstanceOf(PolicyNotApplicableException.class);
    }

    @Test
    void limitsBoundTheListingsButNotTheCounts() {
        TrafficReplay r = TrafficReplay.forProfile(profile("", ""), DEFAULTS, VIEW,
                TrafficReplay.Options.defaults().withMaxListedDenied(2).withTopPeers(1).withMaxTrackedConnections(3));
        flows.forEach(r::accept);
        ReplayReport report = r.report();
        assertThat(report.deniedConnections()).hasSize(2);
        assertThat(report.topDeniedPeers()).hasSize(1);
        assertThat(report.connectionsExact()).isFalse();
        assertThat(report.egress().flowsDenied()).isEqualTo(10);
        assertThat(report.deniedConnectionsNotListed() + 2).isEqualTo(report.egress().connectionsDenied()
                + report.ingress().connectionsDenied());
    }

    // ------------------------------------------------------------------------------------------ learning

    static LearnedProfile learn(WorkloadView view, CiliumAgentConfig config, ProfileLearner.Options o,
            List<HubbleFlow> input) {
        ProfileLearner l = ProfileLearner.create(view, config, o);
        input.forEach(l::accept);
        return l.result();
    }

    @Test
    void learnsEntitiesEndpointsServicesNamesAndHostsAndTheReplayDeniesNothing() {
        LearnedProfile lp = learn(VIEW, DEFAULTS, ProfileLearner.Options.defaults(), flows);
        assertThat(lp.profile().ingressExceptions()).contains(RuleSet.parse("endpoint:shop"));
        assertThat(lp.profile().egressExceptions().orElseThrow().toString()).isEqualTo("entity:host,"
                + " entity:kube-apiserver, endpoint:kube-system, service:shop|app=db, api.example.com,"
                + " cdn.example.net, login.example.com, 192.0.2.200/32, 2001:db8::1/128");
        assertThat(lp.flowsLearned()).isEqualTo(11);
        assertThat(lp.droppedFlowsIgnored()).isEqualTo(1);
        assertThat(lp.flowsOfOtherWorkloads()).isEqualTo(1);
        Suggestion api = lp.suggestions().stream().filter(s -> s.rule().toString().equals("api.example.com"))
                .findFirst().orElseThrow();
        assertThat(api.lines()).containsExactly(1L, 2L);
        assertThat(api.flows()).isEqualTo(2);
        assertThat(api.linesComplete()).isTrue();
        Suggestion cdn = lp.suggestions().stream().filter(s -> s.rule().toString().equals("cdn.example.net"))
                .findFirst().orElseThrow();
        assertThat(cdn.lines()).containsExactly(4L); // named through the DNS answer of line 3
        assertThat(lp.suggestions()).allSatisfy(s -> assertThat(s.lines()).isNotEmpty());
        assertThat(replay(lp.profile(), VIEW, flows).deniesNothing()).isTrue();
    }

    @Test
    void generalisesSiblingNamesAndSharedPrefixesOnlyFromKOn() {
        ProfileLearner.Options k2 = ProfileLearner.Options.defaults().withMinShared(2);
        LearnedProfile lp = learn(VIEW, DEFAULTS, k2, flows);
        String egress = lp.profile().egressExceptions().orElseThrow().toString();
        assertThat(egress).contains("*.example.com").doesNotContain("api.example.com").doesNotContain("login.");
        Suggestion star = lp.suggestions().stream().filter(s -> s.rule().toString().equals("*.example.com"))
                .findFirst().orElseThrow();
        assertThat(star.lines()).containsExactly(1L, 2L, 12L);
        assertThat(star.reason()).startsWith("2 sibling names under example.com");
        assertThat(replay(lp.profile(), VIEW, flows).deniesNothing()).isTrue();

        ProfileLearner.Options hosts1 = ProfileLearner.Options.defaults().withMinShared(1).withPrefixes(24, 64);
        String agg = learn(VIEW, DEFAULTS, hosts1, flows).profile().egressExceptions().orElseThrow().toString();
        assertThat(agg).contains("192.0.2.0/24").contains("2001:db8::/64");
        // K = 1 never generalises a name to a public suffix: *.net and *.com are not suggested
        assertThat(agg).contains("*.example.com").contains("*.example.net").doesNotContain("*.com,");
    }

    @Test
    void siblingsUnderAPublicSuffixAreNotGeneralised() {
        HubbleFlow base = flows.get(11); // login.example.com
        List<HubbleFlow> input = new ArrayList<>();
        for (String n : List.of("a.co.uk", "b.co.uk", "c.co.uk")) {
            input.add(withNames(base, List.of(n)));
        }
        String egress = learn(VIEW, DEFAULTS, ProfileLearner.Options.defaults(), input).profile().egressExceptions()
                .orElseThrow().toString();
        assertThat(egress).isEqualTo("a.co.uk, b.co.uk, c.co.uk");
    }

    static HubbleFlow withNames(HubbleFlow f, List<String> names) {
        return new HubbleFlow(f.line(), f.time(), f.verdict(), f.dropReason(), f.sourceIp(), f.destinationIp(),
                f.protocol(), f.sourcePort(), f.destinationPort(), f.tcpFlags(), f.icmpType(), f.icmpCode(),
                f.trafficDirection(), f.reply(), f.source(), f.destination(), f.sourceNames(), names,
                f.sourceService(), f.destinationService(), f.dns(), f.nodeName(), f.l7());
    }

    @Test
    void withoutTheL7ProxyNamesBecomeAddressesAndDroppedFlowsAreLearnedOnlyWhenAsked() {
        CiliumAgentConfig noProxy = CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", "false"));
        LearnedProfile lp = learn(VIEW, noProxy, ProfileLearner.Options.defaults().withIncludeDropped(true), flows);
        String egress = lp.profile().egressExceptions().orElseThrow().toString();
        assertThat(egress).doesNotContain("example").contains("203.0.113.7/32").contains("198.51.100.10/32");
        assertThat(lp.profile().ingressExceptions().orElseThrow().toString())
                .isEqualTo("endpoint:shop, 192.0.2.66/32");
        TrafficReplay r = TrafficReplay.forProfile(lp.profile(), noProxy, VIEW);
        flows.forEach(r::accept);
        assertThat(r.report().deniesNothing()).isTrue();
        assertThat(r.report().droppedIngress().flowsDenied()).isZero();
    }

    @Test
    void aServiceOfUnknownLabelsBecomesTheEndpointRuleAndUnrestrictedDirectionsStaySo() {
        WorkloadView noCatalog = WorkloadView.of(VIEW.workload(), ServiceCatalog.empty());
        LearnedProfile lp = learn(noCatalog, DEFAULTS, ProfileLearner.Options.defaults().withRestricted(false, true),
                flows);
        assertThat(lp.profile().ingressExceptions()).isEmpty();
        assertThat(lp.profile().egressExceptions().orElseThrow().toString()).contains("endpoint:shop")
                .doesNotContain("service:");
        assertThat(lp.suggestions()).filteredOn(s -> s.rule().toString().equals("endpoint:shop")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("service db has no known labels"));
        assertThat(replay(lp.profile(), noCatalog, flows).deniesNothing()).isTrue();
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> ProfileLearner.Options.defaults().withMinShared(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProfileLearner.Options.defaults().withPrefixes(33, 64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrafficReplay.Options.defaults().withTopPeers(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
