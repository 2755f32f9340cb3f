package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.events.AggregatedEvent;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.EventVerdict;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.events.ReportReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The aggregation benchmark's traffic really exercises the aggregator: replayed through it for 60 simulated seconds,
 * it yields every kind of report, counts are conserved exactly, and most events are merged (as in steady traffic).
 */
class AggregatorBenchmarkWorkloadTest {

    @Test
    void theBenchmarkTrafficProducesEveryKindOfReportAndConservesCounts() {
        EventAggregator agg = EventAggregator.create(AggregationSettings.helmDefaults());
        TrafficGenerator gen = new TrafficGenerator(0, AggregatorBenchmark.CONNECTIONS, AggregatorBenchmark.STEP_NANOS,
                AggregatorBenchmark.START);
        int events = 3_000_000; // 60 s of simulated time at one event per 20 us
        Map<ReportReason, Long> reports = new EnumMap<>(ReportReason.class);
        long counted = 0;
        long dropped = 0;
        NetworkEvent last = null;
        for (int i = 0; i < events; i++) {
            NetworkEvent e = gen.next();
            if (last != null && e.epochNanos() <= last.epochNanos()) {
                throw new AssertionError("time went back at event " + i); // time always advances
            }
            last = e;
            if (e.verdict() == EventVerdict.DROPPED) {
                dropped++;
            }
            for (AggregatedEvent r : agg.offer(e)) {
                reports.merge(r.reason(), 1L, Long::sum);
                counted += r.count();
            }
        }
        long beforeFlush = counted;
        List<AggregatedEvent> rest = agg.flush();
        for (AggregatedEvent r : rest) {
            counted += r.count();
        }
        assertThat(counted).isEqualTo(events);
        assertThat(last.epochNanos() - AggregatorBenchmark.START.getEpochSecond() * 1_000_000_000L)
                .isEqualTo(events * AggregatorBenchmark.STEP_NANOS);
        for (ReportReason r : List.of(ReportReason.NEW_CONNECTION, ReportReason.NEW_FLAG,
                ReportReason.INTERVAL_ELAPSED, ReportReason.CONNECTION_CLOSED, ReportReason.IDLE_EXPIRED,
                ReportReason.DROPPED)) {
            assertThat(reports.getOrDefault(r, 0L)).as("reports of kind %s in %s", r, reports).isPositive();
        }
        assertThat(reports.get(ReportReason.DROPPED)).isEqualTo(dropped);
        assertThat(dropped).isBetween(events / 200L, events / 50L); // about 1% of data packets
        long total = reports.values().stream().mapToLong(Long::longValue).sum();
        // steady traffic: most events are merged, but far from all
        assertThat(total).isBetween(events / 50L, events / 3L);
        assertThat(beforeFlush).isGreaterThan(events / 2L); // the reports during the run carry most counts
        // about two halves per open connection, plus recently ended ones not yet expired: bounded, not growing
        assertThat(agg.trackedConnections()).isBetween(AggregatorBenchmark.CONNECTIONS,
                3 * AggregatorBenchmark.CONNECTIONS);
        assertThat(agg.flush()).isEmpty(); // nothing left pending
    }
}
