package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.eval.Packet;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import org.junit.jupiter.api.Test;

/**
 * The evaluation benchmark compares equal work: on every benchmark packet, the compiled evaluator, the naive scan
 * and a freshly compiled evaluator (the {@code compile} contender) give the same answer, through the benchmark
 * methods themselves.
 */
class EvaluateBenchmarkWorkloadTest {

    @Test
    void everyContenderAgreesOnEveryBenchmarkPacket() {
        EvaluateBenchmark b = new EvaluateBenchmark();
        b.setup();
        assertThat(b.rules.size()).isEqualTo(1000);
        PolicyEvaluator compiled = b.compile();
        int allowed = 0;
        for (int i = 0; i < b.packets.length; i++) {
            Packet p = b.packets[i];
            boolean naive = EvaluateBenchmark.NaiveEvaluator.allowed(b.rules, p.remote());
            b.next = i;
            assertThat(b.evaluate()).as("%s", p).isEqualTo(naive);
            b.next = i;
            assertThat(b.naiveLinearScan()).as("%s", p).isEqualTo(naive);
            assertThat(compiled.evaluate(p, EvaluateBenchmark.NOW)).isEqualTo(b.evaluator.evaluate(p,
                    EvaluateBenchmark.NOW));
            allowed += naive ? 1 : 0;
        }
        assertThat(allowed).isBetween(b.packets.length / 4, b.packets.length * 3 / 4);
    }
}
