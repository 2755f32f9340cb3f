package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.policy.Outcome;
import io.kcs.cilium.rules.policy.PolicyEngine;
import io.kcs.cilium.rules.policy.PolicyRule;
import io.kcs.cilium.rules.policy.Trace;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine benchmark runs the real workload: 5,000 rules from 1,000 policies, flows that reach every outcome,
 * and the engine's indexed subject lookup agrees with the benchmark's naive scan (written independently of the
 * engine) on whether each pod's egress and ingress are enforced.
 */
class PolicyEngineBenchmarkWorkloadTest {

    @Test
    void theBenchmarkTracesAMixedWorkloadAndTheIndexAgreesWithTheNaiveScan() {
        PolicyEngineBenchmark b = new PolicyEngineBenchmark();
        b.setup();
        assertThat(b.rules).hasSize(5_000);
        assertThat(b.rules.stream().map(r -> r.origin().qualifiedName()).distinct().count()).isEqualTo(1_000);
        PolicyEngine compiled = b.compile();
        assertThat(compiled.rules()).hasSize(5_000);
        Map<Outcome, Integer> egress = new EnumMap<>(Outcome.class);
        Map<Outcome, Integer> ingress = new EnumMap<>(Outcome.class);
        int allowed = 0;
        for (int i = 0; i < b.flows.length; i++) {
            b.next = i;
            Trace t = b.trace();
            PolicyEngineBenchmark.Flow f = b.flows[i];
            assertThat(compiled.trace(f.source(), f.destination(), f.protocol(), f.port(), PolicyEngineBenchmark.NOW))
                    .isEqualTo(t);
            egress.merge(t.egress().outcome(), 1, Integer::sum);
            ingress.merge(t.ingress().outcome(), 1, Integer::sum);
            allowed += t.allowed() ? 1 : 0;
            assertThat(t.egress().outcome() != Outcome.NOT_APPLICABLE && t.egress().outcome() != Outcome.NOT_ENFORCED)
                    .as("egress enforced for %s", f.source())
                    .isEqualTo(naiveEnforced(b, b.labels[i][0], f.source(), true));
            assertThat(t.ingress().outcome() != Outcome.NOT_APPLICABLE
                    && t.ingress().outcome() != Outcome.NOT_ENFORCED)
                    .as("ingress enforced for %s", f.destination())
                    .isEqualTo(naiveEnforced(b, b.labels[i][1], f.destination(), false));
            b.next = i;
            assertThat(b.naiveSubjectScan()).isGreaterThanOrEqualTo(0);
        }
        System.out.println("PolicyEngineBenchmark workload: egress " + egress + " ingress " + ingress + " allowed "
                + allowed + "/" + b.flows.length);
        assertThat(egress.getOrDefault(Outcome.ALLOWED, 0)).isGreaterThan(20);
        assertThat(egress.getOrDefault(Outcome.DEFAULT_DENIED, 0)).isGreaterThan(100);
        assertThat(ingress.getOrDefault(Outcome.DENIED_BY_RULE, 0)).isGreaterThan(20);
        assertThat(ingress.getOrDefault(Outcome.ALLOWED, 0)).isGreaterThan(5);
        assertThat(allowed).isBetween(b.flows.length / 20, b.flows.length * 19 / 20);
    }

    private static boolean naiveEnforced(PolicyEngineBenchmark b, io.kcs.cilium.rules.policy.Labels l, Peer p,
            boolean egress) {
        if (!(p instanceof Peer.Pod pod)) {
            return false;
        }
        for (PolicyRule r : b.rules) {
            if (r.origin().namespace().orElse(pod.namespace()).equals(pod.namespace())
                    && r.subject().selector().matches(l) && (egress ? r.restrictsEgress() : r.restrictsIngress())) {
                return true;
            }
        }
        return false;
    }
}
