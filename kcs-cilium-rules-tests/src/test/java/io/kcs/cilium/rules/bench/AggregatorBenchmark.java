package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.events.AggregatedEvent;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.events.Protocol;
import io.kcs.cilium.rules.events.TcpFlag;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code EventAggregator.offer} throughput on 10,000 active TCP connections (both halves), Helm defaults (medium,
 * 5s, all flags): events of already-known connections within the interval, so most are merged, as in steady traffic.
 * Reported in operations per microsecond; x1e6 for events per second. One and two threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AggregatorBenchmark {

    static final int CONNECTIONS = 10_000;

    EventAggregator aggregator;
    NetworkEvent[] events;

    /** Per-thread cursor so that threads walk the events independently. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) (Thread.currentThread().getId() * 7919);
    }

    @Setup
    public void setup() {
        aggregator = EventAggregator.create(AggregationSettings.helmDefaults());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        IpAddress server = IpAddress.parse("10.96.0.10");
        events = new NetworkEvent[CONNECTIONS * 4];
        for (int i = 0; i < events.length; i++) {
            int c = i % CONNECTIONS;
            boolean reply = (i / CONNECTIONS) % 2 == 1;
            IpAddress client = IpAddress.ofIpv4(0x0A010000 + c);
            NetworkEvent.Builder b = NetworkEvent.builder().timestamp(t0.plusMillis(i % 1000)).protocol(Protocol.TCP)
                    .flags(TcpFlag.ACK, TcpFlag.PSH).trafficDirection(Direction.EGRESS).reply(reply);
            events[i] = (reply ? b.source(server, 443).destination(client, 30000 + c % 30000)
                    : b.source(client, 30000 + c % 30000).destination(server, 443)).build();
        }
        for (NetworkEvent e : events) { // every connection half is known before measuring
            aggregator.offer(e);
        }
    }

    @Benchmark
    @Threads(1)
    public List<AggregatedEvent> offerOneThread(Cursor cursor) {
        int i = cursor.next++;
        return aggregator.offer(events[Math.floorMod(i, events.length)]);
    }

    @Benchmark
    @Threads(2)
    public List<AggregatedEvent> offerTwoThreads(Cursor cursor) {
        int i = cursor.next++;
        return aggregator.offer(events[Math.floorMod(i, events.length)]);
    }
}
