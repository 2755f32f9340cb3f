package io.kcs.cilium.rules.policy;

import static io.kcs.cilium.rules.policy.Rules.cnp;
import static io.kcs.cilium.rules.policy.Rules.endpoints;
import static io.kcs.cilium.rules.policy.Rules.in;
import static io.kcs.cilium.rules.policy.Rules.pods;
import static io.kcs.cilium.rules.policy.Rules.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ConnectivityMap}: cells agree with {@link PolicyEngine#trace}, one thread or several. */
class ConnectivityMapTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eachCellIsTheTraceVerdict() {
        PolicyEngine e = PolicyEngine.compile(List.of(cnp("db", "pg", pods("db", "app", "pg")).ingress(List.of(
                in(endpoints(pods("shop", "app", "web")), tcp(5432)))).build()), CiliumAgentConfig.defaults(),
                DnsCache.create());
        Peer.Pod web = Peer.pod("shop", Map.of("app", "web")).withNamedPorts(Map.of("http", 8080));
        Peer.Pod api = Peer.pod("shop", Map.of("app", "api")).withNamedPorts(Map.of("http", 8080));
        Peer.Pod pg = Peer.pod("db", Map.of("app", "pg")).withNamedPorts(Map.of("pg", 5432, "metrics", 9187));
        ConnectivityMap m = ConnectivityMap.of(e, List.of(web, api, pg), ConnectivityMap::namedPortProbes, NOW, 1);
        assertThat(m.probes(2)).containsExactly(ConnectivityMap.Probe.tcp(5432), ConnectivityMap.Probe.tcp(9187));
        assertThat(m.allowed(0, 2, 0)).isTrue();
        assertThat(m.allowed(0, 2, 1)).isFalse();
        assertThat(m.allowed(1, 2, 0)).isFalse();
        assertThat(m.allowed(2, 0, 0)).isTrue();
        assertThat(m.cells()).isEqualTo(2 + 2 + 2 * 2);
        assertThat(m.reachable()).contains(new ConnectivityMap.Reach(0, 2, ConnectivityMap.Probe.tcp(5432)))
                .doesNotContain(new ConnectivityMap.Reach(1, 2, ConnectivityMap.Probe.tcp(5432)))
                .hasSize(m.allowedCount());
        assertThat(m.trace(1, 2, 0).explanation()).contains("default-denied");
        assertThatThrownBy(() -> m.allowed(0, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ConnectivityMap.of(e, List.of(web), p -> List.of(), NOW, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }

    @Test
    void severalThreadsGiveTheSameMapAsOne() {
        Random r = new Random(5);
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String ns = "n" + r.nextInt(4);
            rules.add(cnp(ns, "p" + i, pods(ns, "app", "a" + r.nextInt(5))).ingress(List.of(in(endpoints(
                    pods("n" + r.nextInt(4), "app", "a" + r.nextInt(5))), tcp(80 + r.nextInt(2))))).build());
        }
        PolicyEngine e = PolicyEngine.compile(rules, CiliumAgentConfig.defaults(), DnsCache.create());
        List<Peer> w = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            for (int a = 0; a < 5; a++) {
                w.add(Peer.pod("n" + n, Map.of("app", "a" + a)));
            }
        }
        List<ConnectivityMap.Probe> probes = List.of(ConnectivityMap.Probe.tcp(80), ConnectivityMap.Probe.tcp(81));
        ConnectivityMap one = ConnectivityMap.of(e, w, probes, NOW);
        ConnectivityMap three = ConnectivityMap.of(e, w, p -> probes, NOW, 3);
        assertThat(three.reachable()).isEqualTo(one.reachable());
        assertThat(one.allowedCount()).isBetween(20, (int) one.cells() - 20);
        for (ConnectivityMap.Reach reach : one.reachable()) {
            assertThat(e.trace(w.get(reach.source()), w.get(reach.destination()), Protocol.TCP,
                    reach.probe().port(), NOW).allowed()).isTrue();
        }
    }
}
