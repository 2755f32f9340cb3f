package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Instant;

/**
 * Prints retained heap: per tracked connection half of {@link EventAggregator} (200,000 keys), and per prefix of
 * {@code CidrSet} and IPAddress's trie (the 65,536-prefix {@link CidrSetBenchmark} workload); heap used after GC. A measurement to run by hand, not a test:
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
        events = null;
        agg = null;

        java.util.List<io.kcs.cilium.rules.net.Cidr> cidrs = CidrSetBenchmark.workload(65_536, new java.util.Random(7));
        long b0 = used();
        io.kcs.cilium.rules.net.CidrSet set = io.kcs.cilium.rules.net.CidrSet.of(cidrs);
        long b1 = used();
        inet.ipaddr.format.util.DualIPv4v6Tries trie = new inet.ipaddr.format.util.DualIPv4v6Tries();
        for (io.kcs.cilium.rules.net.Cidr c : cidrs) {
            trie.add(new inet.ipaddr.IPAddressString(c.toString()).getAddress());
        }
        long b2 = used();
        System.out.printf("CidrSet: %d prefixes, %.1f bytes per prefix (heap), %.1f (footprintBytes)%n", cidrs.size(),
                (b1 - b0) / (double) cidrs.size(), set.footprintBytes() / (double) cidrs.size());
        System.out.printf("IPAddress DualIPv4v6Tries: %.1f bytes per prefix (heap)%n", (b2 - b1) / (double) cidrs.size());
        if (trie.size() < 0) {
            System.out.println(set);
        }
    }
}
