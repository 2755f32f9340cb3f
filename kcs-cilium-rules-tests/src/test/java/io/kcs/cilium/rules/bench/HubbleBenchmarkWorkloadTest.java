package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.hubble.HubbleFlow;
import io.kcs.cilium.rules.hubble.ReplayReport;
import io.kcs.cilium.rules.hubble.WorkloadFlow;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Hubble benchmark does real work: its lines are realistic (every field Hubble prints for a trace event, about
 * 700-1,000 bytes), they all parse, most are the workload's, the replayed profile has 1,000 exceptions and both
 * allows and denies a fair share (both verdicts occur in both directions' counts), every flow is an event, DNS answers are fed, and the benchmark methods return what the flows say.
 */
class HubbleBenchmarkWorkloadTest {

    @Test
    void theBenchmarkReadsMapsAndReplaysARealWorkload() throws IOException {
        HubbleBenchmark b = new HubbleBenchmark();
        b.setup();
        assertThat(b.input.length / HubbleBenchmark.LINES).as("mean line length").isBetween(600, 1200);
        long mine = Arrays.stream(b.flows).map(f -> b.view.view(f)).filter(Optional::isPresent).count();
        assertThat(mine).isGreaterThan(HubbleBenchmark.LINES * 8L / 10);
        assertThat(b.readAndMap()).isEqualTo((int) mine);
        assertThat(b.profile.egressExceptions().orElseThrow().size()).isEqualTo(1000);

        int allowed = b.replay();
        ReplayReport r = b.replay.report();
        long decided = r.ingress().flows() + r.egress().flows() + r.droppedIngress().flows()
                + r.droppedEgress().flows();
        assertThat(decided).isEqualTo(mine);
        assertThat(allowed).isEqualTo((int) (r.ingress().flowsAllowed() + r.egress().flowsAllowed()
                + r.droppedIngress().flowsAllowed() + r.droppedEgress().flowsAllowed()));
        assertThat((double) allowed / mine).as("allowed share").isBetween(0.5, 0.95);
        assertThat(r.ingress().flowsDenied()).isPositive();
        assertThat(r.ingress().flowsAllowed()).isPositive();
        assertThat(r.egress().flowsAllowed()).isPositive();
        assertThat(mine - allowed).as("denied flows").isPositive();
        // every flow has a direction, so every flow is also an event
        assertThat(Arrays.stream(b.flows).filter(f -> f.toEvent().isPresent()).count())
                .isEqualTo(HubbleBenchmark.LINES);
        assertThat(r.dnsAnswers()).isGreaterThan(100);
        assertThat(r.deniedConnections()).isNotEmpty();
        long replies = Arrays.stream(b.flows).map(f -> b.view.view(f)).flatMap(Optional::stream)
                .filter(WorkloadFlow::reply).count();
        assertThat(replies).isGreaterThan(mine / 10);
        // a second pass over the same flows (the benchmark's steady state) decides the same way
        assertThat(b.replay()).isEqualTo(allowed);
        HubbleFlow any = b.flows[0];
        assertThat(any.nodeName()).isEqualTo("kind-worker");
    }
}
