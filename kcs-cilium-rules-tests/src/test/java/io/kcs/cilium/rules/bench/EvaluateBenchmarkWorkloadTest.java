package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.eval.Packet;
import org.junit.jupiter.api.Test;

/** The evaluation benchmark compares equal work: the naive evaluator and ours agree on every benchmark packet. */
class EvaluateBenchmarkWorkloadTest {

    @Test
    void naiveAndCompiledEvaluatorsAgreeOnTheBenchmarkPackets() {
        EvaluateBenchmark b = new EvaluateBenchmark();
        b.setup();
        assertThat(b.rules.size()).isEqualTo(1000);
        int allowed = 0;
        for (Packet p : b.packets) {
            boolean ours = b.evaluator.evaluate(p, EvaluateBenchmark.NOW).allowed();
            assertThat(ours).as("%s", p).isEqualTo(EvaluateBenchmark.NaiveEvaluator.allowed(b.rules, p.remote()));
            allowed += ours ? 1 : 0;
        }
        assertThat(allowed).isBetween(b.packets.length / 4, b.packets.length * 3 / 4);
    }
}
