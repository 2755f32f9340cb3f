package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.eval.Direction;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.events.Protocol;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Instant;

/**
 * Prints the retained heap per tracked connection half of {@link EventAggregator} (heap used after GC, with and
 * without 200,000 tracked keys). A measurement to run by hand, not a test:
 * {@code java -cp <test classpath> io.kcs.cilium.rules.bench.FootprintReport}.
 */
public final class FootprintReport {

    private FootprintReport() {}

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) {
        int keys = 200_000;
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        IpAddress server = IpAddress.parse("10.96.0.10");
        NetworkEvent[] events = new NetworkEvent[keys];
        for (int i = 0; i < keys; i++) {
            events[i] = NetworkEvent.builder().timestamp(t0).protocol(Protocol.UDP)
                    .source(IpAddress.ofIpv4(0x0A000000 + i), 5353).destination(server, 53)
                    .trafficDirection(Direction.EGRESS).build();
        }
        long before = used();
        EventAggregator agg = EventAggregator.create(AggregationSettings.helmDefaults());
        for (NetworkEvent e : events) {
            agg.offer(e);
        }
        for (NetworkEvent e : events) { // a merged event pending on every key
            agg.offer(e);
        }
        long after = used();
        System.out.printf("EventAggregator: %d keys, %.1f bytes per tracked connection half%n",
                agg.trackedConnections(), (after - before) / (double) agg.trackedConnections());
        if (events.length == 0) {
            System.out.println(agg);
        }
    }
}
