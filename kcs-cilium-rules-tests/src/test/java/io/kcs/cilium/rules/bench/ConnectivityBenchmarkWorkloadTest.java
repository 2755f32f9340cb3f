package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import io.kcs.cilium.rules.policy.Outcome;
import io.kcs.cilium.rules.policy.PolicyKind;
import io.kcs.cilium.rules.policy.Trace;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The connectivity benchmark runs the real workload of issue 12: 500 workloads in 20 namespaces, each probed on one
 * port (249,500 cells), a few hundred CNP and CCNP rules, a map in which some cells are allowed, some default-denied
 * and some denied by a deny rule, and every sampled cell is the verdict of a full trace.
 */
class ConnectivityBenchmarkWorkloadTest {

    @Test
    void theBenchmarkMapsFiveHundredWorkloadsOnOnePortEachWithEveryOutcome() {
        ConnectivityBenchmark b = new ConnectivityBenchmark();
        b.setup();
        assertThat(b.workloads).hasSize(500);
        assertThat(b.workloads.stream().map(Peer.Pod::namespace).distinct().count()).isEqualTo(20);
        long identities = new HashSet<>(b.workloads).size();
        assertThat(identities).as("some workloads share an identity").isBetween(400L, 499L);
        assertThat(b.rules.size()).isBetween(200, 400);
        assertThat(b.rules.stream().filter(r -> r.origin().kind() == PolicyKind.CCNP).count()).isGreaterThan(5);
        assertThat(b.rules.stream().filter(r -> !r.ingressDeny().isEmpty() || !r.egressDeny().isEmpty()).count())
                .isGreaterThanOrEqualTo(3);

        ConnectivityMap m = b.map1();
        assertThat(m.workloads()).hasSize(500);
        for (int j = 0; j < 500; j++) {
            assertThat(m.probes(j)).hasSize(1);
        }
        assertThat(m.cells()).isEqualTo(500L * 499);
        assertThat(m.allowedCount()).isBetween((int) (m.cells() / 50), (int) (m.cells() / 2));

        // sampled cells: the bit is the full trace's verdict, and every interesting outcome occurs
        Map<Outcome, Integer> egress = new EnumMap<>(Outcome.class);
        Map<Outcome, Integer> ingress = new EnumMap<>(Outcome.class);
        Random r = new Random(7);
        int allowed = 0;
        for (int n = 0; n < 4_000; n++) {
            int i = r.nextInt(500);
            int j = r.nextInt(500);
            if (i == j) {
                continue;
            }
            Trace t = m.trace(i, j, 0);
            assertThat(m.allowed(i, j, 0)).as("cell %d -> %d", i, j).isEqualTo(t.allowed());
            egress.merge(t.egress().outcome(), 1, Integer::sum);
            ingress.merge(t.ingress().outcome(), 1, Integer::sum);
            allowed += t.allowed() ? 1 : 0;
        }
        System.out.println("ConnectivityBenchmark workload: " + m + "; sampled egress " + egress + " ingress "
                + ingress + " allowed " + allowed);
        assertThat(allowed).isGreaterThan(40);
        assertThat(ingress.getOrDefault(Outcome.ALLOWED, 0)).isGreaterThan(40);
        assertThat(ingress.getOrDefault(Outcome.DEFAULT_DENIED, 0)).isGreaterThan(400);
        assertThat(ingress.getOrDefault(Outcome.DENIED_BY_RULE, 0)).isGreaterThan(20);
        assertThat(egress.getOrDefault(Outcome.DENIED_BY_RULE, 0)).isGreaterThan(5);
        assertThat(egress.getOrDefault(Outcome.ALLOWED, 0)).isGreaterThan(40);
        assertThat(egress.getOrDefault(Outcome.DEFAULT_DENIED, 0)).isGreaterThan(400);

        assertThat(b.map2().reachable()).as("two threads, the same map").isEqualTo(m.reachable());
    }
}
