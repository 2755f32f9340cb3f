package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.common.Diagnostic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final IpAddress W4 = IpAddress.parse("203.0.113.7");
    private static final IpAddress W6 = IpAddress.parse("2001:db8::7");

    private static PolicyEvaluator egressOnly(String exceptions) {
        return PolicyEvaluator.compile(RuntimeProfile.builder().restrictEgress(RuleSet.parse(exceptions)).build(),
                CiliumAgentConfig.defaults(), DnsCache.create());
    }

    private static PolicyEvaluator both(String exceptions) {
        RuleSet rs = RuleSet.parse(exceptions);
        return PolicyEvaluator.compile(RuntimeProfile.builder().restrictEgress(rs).restrictIngress(rs).build(),
                CiliumAgentConfig.defaults(), DnsCache.create());
    }

    private static boolean out(PolicyEvaluator ev, Peer peer) {
        return ev.evaluate(Connection.outbound(peer).request(), NOW).allowed();
    }

    /** Every peer kind, named. */
    static Map<String, Peer> peers() {
        Map<String, Peer> m = new java.util.LinkedHashMap<>();
        m.put("pod", Peer.pod("shop", Map.of("app", "web")));
        m.put("world4", Peer.world(W4));
        m.put("world6", Peer.world(W6));
        m.put("unmanaged", Peer.unmanaged(IpAddress.parse("10.0.0.9")));
        m.put("host", Peer.host());
        m.put("remote-node", Peer.remoteNode());
        m.put("kube-apiserver", Peer.kubeApiserver());
        m.put("kube-apiserver-external", Peer.kubeApiserver(W4));
        m.put("ingress", Peer.ingress());
        m.put("health", Peer.health());
        m.put("init", Peer.init());
        return m;
    }

    /** Entity -> the peer kinds it selects (semantics.md §2 entity table). */
    static Map<Entity, Set<String>> expected() {
        Set<String> inCluster = Set.of("pod", "unmanaged", "host", "remote-node", "kube-apiserver",
                "kube-apiserver-external", "ingress", "health", "init");
        Map<Entity, Set<String>> m = new java.util.EnumMap<>(Entity.class);
        m.put(Entity.ALL, peers().keySet());
        m.put(Entity.WORLD, Set.of("world4", "world6", "kube-apiserver-external"));
        m.put(Entity.WORLD_IPV4, Set.of("world4", "kube-apiserver-external"));
        m.put(Entity.WORLD_IPV6, Set.of("world6"));
        m.put(Entity.CLUSTER, inCluster);
        m.put(Entity.CLUSTER_MESH, inCluster);
        m.put(Entity.HOST, Set.of("host"));
        m.put(Entity.INIT, Set.of("init"));
        m.put(Entity.INGRESS, Set.of("ingress"));
        m.put(Entity.UNMANAGED, Set.of("unmanaged"));
        m.put(Entity.REMOTE_NODE, Set.of("remote-node"));
        m.put(Entity.HEALTH, Set.of("health"));
        m.put(Entity.NONE, Set.of());
        m.put(Entity.KUBE_APISERVER, Set.of("kube-apiserver", "kube-apiserver-external"));
        return m;
    }

    static Stream<Arguments> entityTable() {
        List<Arguments> out = new ArrayList<>();
        for (Entity e : Entity.values()) {
            for (Map.Entry<String, Peer> p : peers().entrySet()) {
                for (Direction d : Direction.values()) {
                    out.add(Arguments.of(e, p.getKey(), p.getValue(), d, expected().get(e).contains(p.getKey())));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "entity:{0} vs {1} ({3}) -> {4}")
    @MethodSource("entityTable")
    void everyEntitySelectsExactlyItsPeers(Entity entity, String name, Peer peer, Direction d, boolean selected) {
        PolicyEvaluator ev = both("entity:" + entity.ciliumName());
        Connection c = d == Direction.EGRESS ? Connection.outbound(peer) : Connection.inbound(peer);
        Verdict v = ev.evaluate(c.request(), NOW);
        assertThat(v.allowed()).isEqualTo(selected);
        assertThat(v.trafficDirection()).isEqualTo(d);
        assertThat(v.reason()).isEqualTo(selected ? Reason.EXCEPTION_MATCHED : Reason.NO_EXCEPTION_MATCHED);
        assertThat(v.matchedRule().map(Object::toString)).isEqualTo(
                selected ? java.util.Optional.of("entity:" + entity.ciliumName()) : java.util.Optional.empty());
    }

    @Nested
    class Cidrs {

        @Test
        void selectOnlyPeersOutsideTheCluster() {
            PolicyEvaluator ev = both("0.0.0.0/0, ::/0");
            assertThat(out(ev, Peer.world(W4))).isTrue();
            assertThat(out(ev, Peer.world(W6))).isTrue();
            assertThat(out(ev, Peer.kubeApiserver(W4))).isTrue();
            assertThat(out(ev, Peer.unmanaged(W4))).isFalse();
            assertThat(out(ev, Peer.host(W4))).isFalse();
            assertThat(out(ev, Peer.remoteNode(W4))).isFalse();
            assertThat(out(ev, Peer.pod("shop", Map.of()))).isFalse();
            assertThat(out(ev, Peer.kubeApiserver())).isFalse();
        }

        @Test
        void selectNodeIpsWithNodesMatchMode() {
            PolicyEvaluator ev = PolicyEvaluator.compile(
                    RuntimeProfile.builder().restrictEgress(RuleSet.parse("192.0.2.0/24")).build(),
                    CiliumAgentConfig.fromOptions(Map.of("policy-cidr-match-mode", "nodes")), DnsCache.create());
            assertThat(out(ev, Peer.host(IpAddress.parse("192.0.2.1")))).isTrue();
            assertThat(out(ev, Peer.remoteNode(IpAddress.parse("192.0.2.2")))).isTrue();
            assertThat(out(ev, Peer.remoteNode(IpAddress.parse("198.51.100.2")))).isFalse();
            assertThat(out(ev, Peer.host())).isFalse();
            assertThat(out(ev, Peer.unmanaged(IpAddress.parse("192.0.2.3")))).isFalse();
        }

        @Test
        void areFamilyStrict() {
            PolicyEvaluator ev = egressOnly("::ffff:203.0.113.0/120, 0.0.0.0/1");
            assertThat(out(ev, Peer.world(W4))).isFalse();
            assertThat(out(ev, Peer.world(IpAddress.parse("::ffff:203.0.113.7")))).isTrue();
            assertThat(out(ev, Peer.world(IpAddress.parse("1.2.3.4")))).isTrue();
            assertThat(out(ev, Peer.world(IpAddress.parse("::102:304")))).isFalse();
        }

        @Test
        void reportTheLongestMatchingPrefix() {
            PolicyEvaluator ev = egressOnly("10.0.0.0/8, 10.1.0.0/16, 2001:db8::/32, 2001:db8:1::/48");
            Verdict v = ev.evaluate(Connection.outbound(Peer.world(IpAddress.parse("10.1.2.3"))).request(), NOW);
            assertThat(v.matchedRule().orElseThrow().toString()).isEqualTo("10.1.0.0/16");
            assertThat(v.explanation()).contains("10.1.0.0/16").contains("columns 13-23");
            Verdict v6 = ev.evaluate(Connection.outbound(Peer.world(IpAddress.parse("2001:db8:1::9"))).request(),
                    NOW);
            assertThat(v6.matchedRule().orElseThrow().toString()).isEqualTo("2001:db8:1::/48");
            Verdict v8 = ev.evaluate(Connection.outbound(Peer.world(IpAddress.parse("10.200.0.1"))).request(), NOW);
            assertThat(v8.matchedRule().orElseThrow().toString()).isEqualTo("10.0.0.0/8");
        }
    }

    @Nested
    class Fqdns {

        @Test
        void matchNamesTheDnsCacheHoldsWhileTheTtlLasts() {
            DnsCache dns = DnsCache.create();
            dns.observe("api.example.com", List.of(W4), Duration.ofSeconds(30), NOW);
            PolicyEvaluator ev = PolicyEvaluator.compile(
                    RuntimeProfile.builder().restrictEgress(RuleSet.parse("*.example.com")).build(),
                    CiliumAgentConfig.defaults(), dns);
            Packet p = Connection.outbound(Peer.world(W4)).request();
            assertThat(ev.evaluate(p, NOW.plusSeconds(29)).allowed()).isTrue();
            assertThat(ev.evaluate(p, NOW.plusSeconds(30)).allowed()).isFalse();
            assertThat(ev.evaluate(p, NOW.minusSeconds(1)).allowed()).isFalse(); // before the answer was observed
            assertThat(ev.evaluate(p, NOW.minusSeconds(3600)).allowed()).isFalse();
        }

        @Test
        void matchThePeersOwnDnsNames() {
            PolicyEvaluator ev = egressOnly("api.example.com, **.svc.example.org");
            assertThat(out(ev, Peer.world(W4).withDnsNames(Set.of("API.example.com.")))).isTrue();
            assertThat(out(ev, Peer.world(W4).withDnsNames(Set.of("a.b.svc.example.org")))).isTrue();
            assertThat(out(ev, Peer.world(W4).withDnsNames(Set.of("svc.example.org")))).isFalse();
            assertThat(out(ev, Peer.world(W4))).isFalse();
        }

        @Test
        void neverSelectPodsOrInClusterPeers() {
            PolicyEvaluator ev = egressOnly("*");
            assertThat(out(ev, Peer.world(W4).withDnsNames(Set.of("x.y")))).isTrue();
            assertThat(out(ev, Peer.pod("shop", Map.of()))).isFalse();
            assertThat(out(ev, Peer.host())).isFalse();
            assertThat(out(ev, Peer.kubeApiserver())).isFalse();
        }

        @Test
        void exactNamesAloneSelectTheirNameOnly() {
            PolicyEvaluator ev = egressOnly("api.example.com");
            Verdict v = ev.evaluate(
                    Connection.outbound(Peer.world(W4).withDnsNames(Set.of("api.example.com"))).request(), NOW);
            assertThat(v.allowed()).isTrue();
            assertThat(v.matchedRule().orElseThrow().toString()).isEqualTo("api.example.com");
            assertThat(out(ev, Peer.world(W4).withDnsNames(Set.of("apx.example.com")))).isFalse();
        }

        @Test
        void exactNamesSelectTheIpsTheDnsCacheHolds() {
            DnsCache dns = DnsCache.create();
            dns.observe("api.example.com", List.of(W4), Duration.ofSeconds(30), NOW);
            dns.observe("apx.example.com", List.of(W6), Duration.ofSeconds(30), NOW);
            PolicyEvaluator ev = PolicyEvaluator.compile(
                    RuntimeProfile.builder().restrictEgress(RuleSet.parse("api.example.com")).build(),
                    CiliumAgentConfig.defaults(), dns);
            Verdict v = ev.evaluate(Connection.outbound(Peer.world(W4)).request(), NOW.plusSeconds(1));
            assertThat(v.allowed()).isTrue();
            assertThat(v.matchedRule().orElseThrow().toString()).isEqualTo("api.example.com");
            assertThat(ev.evaluate(Connection.outbound(Peer.world(W6)).request(), NOW.plusSeconds(1)).allowed())
                    .isFalse();
        }

        @Test
        void exactNamesAreReportedBeforePatternsForCachedIpsToo() {
            DnsCache dns = DnsCache.create();
            dns.observe("api.example.com", List.of(W4), Duration.ofSeconds(30), NOW);
            PolicyEvaluator ev = PolicyEvaluator.compile(
                    RuntimeProfile.builder().restrictEgress(RuleSet.parse("*.example.com, api.example.com")).build(),
                    CiliumAgentConfig.defaults(), dns);
            Verdict v = ev.evaluate(Connection.outbound(Peer.world(W4)).request(), NOW);
            assertThat(v.matchedRule().orElseThrow().toString()).isEqualTo("api.example.com");
        }

        @Test
        void reportExactNamesBeforePatterns() {
            PolicyEvaluator ev = egressOnly("*.example.com, api.example.com");
            Verdict v = ev.evaluate(
                    Connection.outbound(Peer.world(W4).withDnsNames(Set.of("api.example.com"))).request(), NOW);
            assertThat(v.matchedRule().orElseThrow().toString()).isEqualTo("api.example.com");
        }

        @Test
        void needTheL7Proxy() {
            RuntimeProfile p = RuntimeProfile.builder().restrictEgress(RuleSet.parse("10.0.0.0/8, *.example.com"))
                    .build();
            CiliumAgentConfig noProxy = CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", "false"));
            assertThatThrownBy(() -> PolicyEvaluator.compile(p, noProxy, DnsCache.create()))
                    .isInstanceOf(PolicyNotApplicableException.class)
                    .satisfies(e -> {
                        List<Diagnostic> d = ((PolicyNotApplicableException) e).diagnostics();
                        assertThat(d).extracting(Diagnostic::code)
                                .containsExactly(ApplicabilityCodes.FQDN_NEEDS_L7_PROXY);
                        assertThat(d.get(0).start()).isEqualTo(12);
                        assertThat(d.get(0).end()).isEqualTo(25);
                    });
            RuntimeProfile cidrOnly = RuntimeProfile.builder().restrictEgress(RuleSet.parse("10.0.0.0/8")).build();
            assertThat(PolicyEvaluator.compile(cidrOnly, noProxy, DnsCache.create()).diagnostics()).isEmpty();
        }

        @Test
        void areNotApplicableOnIngress() {
            RuntimeProfile p = RuntimeProfile.builder().restrictIngress(RuleSet.parse("api.example.com")).build();
            assertThatThrownBy(() -> PolicyEvaluator.compile(p, CiliumAgentConfig.defaults(), DnsCache.create()))
                    .isInstanceOf(PolicyNotApplicableException.class)
                    .hasMessageContaining(ApplicabilityCodes.FQDN_IN_INGRESS);
        }
    }

    @Nested
    class PodsAndServices {

        @Test
        void endpointSelectsEveryPodOfItsNamespace() {
            PolicyEvaluator ev = both("endpoint:pay");
            assertThat(out(ev, Peer.pod("pay", Map.of()))).isTrue();
            assertThat(out(ev, Peer.pod("pay", Map.of("app", "x")))).isTrue();
            assertThat(out(ev, Peer.pod("shop", Map.of()))).isFalse();
            assertThat(ev.evaluate(Connection.inbound(Peer.pod("pay", Map.of())).request(), NOW).allowed()).isTrue();
        }

        @Test
        void egressServiceMatchesTheServicesLabelsWithExistsForKeyOnly() {
            PolicyEvaluator ev = egressOnly("service:shop|app=db,tier");
            Peer.Pod pod = Peer.pod("shop", Map.of("app", "postgres"));
            assertThat(out(ev, pod.viaService("db", Map.of("app", "db", "tier", "backend")))).isTrue();
            assertThat(out(ev, pod.viaService("db", Map.of("app", "db", "tier", "")))).isTrue();
            assertThat(out(ev, pod.viaService("db", Map.of("app", "db")))).isFalse();
            assertThat(out(ev, pod.viaService("db", Map.of("app", "cache", "tier", "x")))).isFalse();
            assertThat(out(ev, pod)).isFalse();
            assertThat(out(ev, Peer.pod("other", Map.of()).viaService("db", Map.of("app", "db", "tier", "x"))))
                    .isFalse();
        }

        @Test
        void serviceWithoutLabelsSelectsEveryServiceOfTheNamespace() {
            PolicyEvaluator ev = egressOnly("service:shop");
            assertThat(out(ev, Peer.pod("shop", Map.of()).viaService("any", Map.of()))).isTrue();
        }

        @Test
        void emptyValueRequiresTheEmptyValue() {
            PolicyEvaluator ev = egressOnly("service:shop|tier=");
            assertThat(out(ev, Peer.pod("shop", Map.of()).viaService("s", Map.of("tier", "")))).isTrue();
            assertThat(out(ev, Peer.pod("shop", Map.of()).viaService("s", Map.of("tier", "x")))).isFalse();
        }

        @Test
        void ingressServiceMatchesPodLabelsWithAWarning() {
            RuntimeProfile p = RuntimeProfile.builder().restrictIngress(RuleSet.parse("service:shop|app=web")).build();
            PolicyEvaluator ev = PolicyEvaluator.compile(p, CiliumAgentConfig.defaults(), DnsCache.create());
            assertThat(ev.diagnostics()).extracting(Diagnostic::code)
                    .containsExactly(ApplicabilityCodes.SERVICE_IN_INGRESS);
            assertThat(ev.evaluate(Connection.inbound(Peer.pod("shop", Map.of("app", "web"))).request(), NOW)
                    .allowed()).isTrue();
            assertThat(ev.evaluate(Connection.inbound(Peer.pod("shop", Map.of("app", "db"))).request(), NOW)
                    .allowed()).isFalse();
        }
    }

    @Nested
    class Bundling {

        @Test
        void repliesOfAnAllowedEgressConnectionPassThoughIngressBlocksEverything() {
            PolicyEvaluator ev = PolicyEvaluator.compile(RuntimeProfile.builder().restrictIngress(RuleSet.empty())
                    .restrictEgress(RuleSet.parse("10.0.0.0/8")).build(), CiliumAgentConfig.defaults(),
                    DnsCache.create());
            Connection c = Connection.outbound(Peer.world(IpAddress.parse("10.1.2.3")));
            Verdict reply = ev.evaluate(c.reply(), NOW);
            assertThat(reply.allowed()).isTrue();
            assertThat(reply.trafficDirection()).isEqualTo(Direction.EGRESS);
            assertThat(reply.reason()).isEqualTo(Reason.REPLY_OF_ALLOWED_CONNECTION);
            assertThat(reply.matchedRule().orElseThrow().toString()).isEqualTo("10.0.0.0/8");
            Verdict in = ev.evaluate(Connection.inbound(Peer.world(IpAddress.parse("10.1.2.3"))).request(), NOW);
            assertThat(in.allowed()).isFalse();
            assertThat(in.explanation()).contains("ingress exception list is empty");
        }

        @Test
        void repliesOfAnAllowedInboundConnectionLeaveThoughEgressBlocksEverything() {
            PolicyEvaluator ev = PolicyEvaluator.compile(RuntimeProfile.builder().restrictEgress(RuleSet.empty())
                    .build(), CiliumAgentConfig.defaults(), DnsCache.create());
            Verdict reply = ev.evaluate(Connection.inbound(Peer.world(W4)).reply(), NOW);
            assertThat(reply.allowed()).isTrue();
            assertThat(reply.trafficDirection()).isEqualTo(Direction.INGRESS);
            assertThat(reply.reason()).isEqualTo(Reason.REPLY_OF_ALLOWED_CONNECTION);
        }

        @Test
        void repliesOfADeniedConnectionAreDenied() {
            PolicyEvaluator ev = egressOnly("10.0.0.0/8");
            Verdict v = ev.evaluate(Connection.outbound(Peer.world(W4)).reply(), NOW);
            assertThat(v.allowed()).isFalse();
            assertThat(v.reason()).isEqualTo(Reason.REPLY_OF_DENIED_CONNECTION);
        }

        @Test
        void unrestrictedDirectionsAllowEverything() {
            PolicyEvaluator ev = PolicyEvaluator.compile(RuntimeProfile.unrestricted(), CiliumAgentConfig.defaults(),
                    DnsCache.create());
            for (Peer p : peers().values()) {
                for (Connection c : List.of(Connection.inbound(p), Connection.outbound(p))) {
                    assertThat(ev.evaluate(c.request(), NOW).reason()).isEqualTo(Reason.UNRESTRICTED);
                    assertThat(ev.evaluate(c.reply(), NOW).allowed()).isTrue();
                }
            }
        }

        @Test
        void verdictsAreSharedNotAllocated() {
            PolicyEvaluator ev = egressOnly("10.0.0.0/8, entity:host");
            Packet p = Connection.outbound(Peer.world(IpAddress.parse("10.9.9.9"))).request();
            assertThat(ev.evaluate(p, NOW)).isSameAs(ev.evaluate(p, NOW));
            Packet h = Connection.outbound(Peer.host()).request();
            assertThat(ev.evaluate(h, NOW)).isSameAs(ev.evaluate(h, NOW));
        }
    }

    @ParameterizedTest(name = "{0} for {1} -> {2}")
    @MethodSource("entityReports")
    void theReportedEntitySelectsThePeer(String exceptions, String peerName, String reported) {
        PolicyEvaluator ev = egressOnly(exceptions);
        Verdict v = ev.evaluate(Connection.outbound(peers().get(peerName)).request(), NOW);
        assertThat(v.matchedRule().map(Object::toString)).contains(reported);
        assertThat(v.explanation()).contains("exception " + reported + " (egress list");
    }

    static Stream<Arguments> entityReports() {
        return Stream.of(
                // the first entity in list order that selects the peer, never an earlier one that does not
                Arguments.of("entity:host, entity:world", "world4", "entity:world"),
                Arguments.of("entity:host, entity:world", "host", "entity:host"),
                Arguments.of("entity:world, entity:host", "host", "entity:host"),
                Arguments.of("entity:health, entity:cluster", "pod", "entity:cluster"),
                Arguments.of("entity:remote-node, entity:cluster, entity:all", "ingress", "entity:cluster"),
                Arguments.of("entity:world-ipv6, entity:world-ipv4", "world4", "entity:world-ipv4"),
                Arguments.of("entity:world-ipv4, entity:world-ipv6", "world6", "entity:world-ipv6"),
                Arguments.of("entity:init, entity:kube-apiserver", "kube-apiserver", "entity:kube-apiserver"),
                Arguments.of("entity:kube-apiserver, entity:world", "kube-apiserver-external",
                        "entity:kube-apiserver"));
    }

    @Test
    void explanationsNameTheRuleAndItsPosition() {
        PolicyEvaluator ev = egressOnly("entity:host, endpoint:pay");
        Verdict v = ev.evaluate(Connection.outbound(Peer.pod("pay", Map.of())).request(), NOW);
        assertThat(v.explanation()).isEqualTo(
                "Allowed: egress is restricted and exception endpoint:pay (egress list, columns 14-25) matches the"
                        + " peer.");
        PolicyEvaluator built = PolicyEvaluator.compile(RuntimeProfile.builder()
                .restrictEgress(RuleSet.of(new io.kcs.cilium.rules.EntityRule(Entity.HOST))).build(),
                CiliumAgentConfig.defaults(), DnsCache.create());
        assertThat(built.evaluate(Connection.outbound(Peer.host()).request(), NOW).explanation())
                .contains("(exception 1 of the egress list)");
    }
}
