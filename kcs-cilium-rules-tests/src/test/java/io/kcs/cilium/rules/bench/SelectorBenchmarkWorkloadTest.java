package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.Labels;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The selector benchmark runs the real workload: its selector is the intended one, a good share of the pods is
 * selected and a good share is not, and every answer agrees with a direct reading of the pod's labels.
 */
class SelectorBenchmarkWorkloadTest {

    private static boolean expected(Labels pod) {
        Optional<Label> tier = pod.get("tier");
        return pod.contains(Label.k8s("io.kubernetes.pod.namespace", "shop")) && pod.contains(Label.k8s("app", "web"))
                && pod.contains(Label.k8s("app.kubernetes.io/filler-0", "v0"))
                && tier.isPresent() && (tier.get().value().equals("fe") || tier.get().value().equals("be"))
                && pod.get("canary").isEmpty();
    }

    @Test
    void theBenchmarkMatchesRealPodsBothWays() {
        SelectorBenchmark b = new SelectorBenchmark();
        b.setup();
        assertThat(b.selector.toString()).isEqualTo("{any:app=web,any:app.kubernetes.io/filler-0=v0,"
                + "k8s:io.kubernetes.pod.namespace=shop,!any:canary,any:tier in (be,fe)}");
        assertThat(b.build()).isEqualTo(b.selector);
        int hits = 0;
        for (int i = 0; i < SelectorBenchmark.PODS; i++) {
            b.next = i;
            boolean got = b.match();
            assertThat(got).as("pod %d %s", i, b.pods[i]).isEqualTo(expected(b.pods[i]));
            hits += got ? 1 : 0;
        }
        assertThat(hits).isBetween(SelectorBenchmark.PODS / 10, SelectorBenchmark.PODS * 9 / 10);
        assertThat(b.next).isZero();
    }
}
