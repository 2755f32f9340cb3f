package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.events.AggregatedEvent;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.NetworkEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code EventAggregator.offer} on live traffic, Helm defaults (medium, 5 s, all flags): each thread's
 * {@link TrafficGenerator} keeps 10,000 TCP connections open, advances simulated time 20 us per event, opens,
 * closes (FIN, RST), abandons and drops, so that every kind of report occurs (new connection, new flag, interval
 * elapsed, closed, idle expired, dropped). A fresh aggregator and fresh generators start every iteration.
 *
 * <p>Each operation builds one event and offers it; {@code generateOnly} measures building alone, so the
 * aggregator's own cost is the difference. The secondary result {@code reports} is the rate of reports returned
 * (same unit as the score), {@code reportedEvents} the rate of events those reports account for.
 * Reported in operations per microsecond (x1e6 for events per second).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AggregatorBenchmark {

    static final int CONNECTIONS = 10_000;
    static final long STEP_NANOS = 20_000;
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    EventAggregator aggregator;
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Iteration)
    public void setup() {
        aggregator = EventAggregator.create(AggregationSettings.helmDefaults());
    }

    /** One generator per thread, each with its own client address range; restarted every iteration. */
    @State(Scope.Thread)
    public static class Traffic {
        TrafficGenerator generator;
        int thread = -1;

        @Setup(Level.Iteration)
        public void setup(AggregatorBenchmark bench) {
            if (thread < 0) {
                thread = bench.threads.getAndIncrement();
            }
            generator = new TrafficGenerator(thread, CONNECTIONS, STEP_NANOS, START);
        }
    }

    /** Report counters, per thread, summed by JMH and shown as rates beside the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Reports {
        public long reports;
        public long reportedEvents;

        @Setup(Level.Iteration)
        public void clear() {
            reports = 0;
            reportedEvents = 0;
        }

        void add(List<AggregatedEvent> out) {
            int n = out.size();
            if (n != 0) {
                reports += n;
                for (int i = 0; i < n; i++) {
                    reportedEvents += out.get(i).count();
                }
            }
        }
    }

    @Benchmark
    @Threads(1)
    public void offerOneThread(Traffic traffic, Reports reports) {
        reports.add(aggregator.offer(traffic.generator.next()));
    }

    @Benchmark
    @Threads(2)
    public void offerTwoThreads(Traffic traffic, Reports reports) {
        reports.add(aggregator.offer(traffic.generator.next()));
    }

    /** Building the event alone: the baseline to subtract from {@code offerOneThread}. */
    @Benchmark
    @Threads(1)
    public NetworkEvent generateOnly(Traffic traffic) {
        return traffic.generator.next();
    }
}
