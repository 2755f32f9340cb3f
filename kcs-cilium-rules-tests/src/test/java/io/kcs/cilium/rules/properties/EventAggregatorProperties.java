package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.events.AggregatedEvent;
import io.kcs.cilium.rules.events.AggregationLevel;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.EventVerdict;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.events.ReportReason;
import io.kcs.cilium.rules.events.TcpFlag;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Laws of event aggregation over random event sequences (seeded). Every report reason must be reached by the
 * generators (asserted after the run).
 */
class EventAggregatorProperties {

    private static final Map<ReportReason, AtomicLong> REASONS = new java.util.EnumMap<>(ReportReason.class);
    private static final AtomicLong REPORTS = new AtomicLong();

    static {
        for (ReportReason reason : ReportReason.values()) {
            REASONS.put(reason, new AtomicLong());
        }
    }

    private static AggregatedEvent counted(AggregatedEvent a) {
        REPORTS.incrementAndGet();
        REASONS.get(a.reason()).incrementAndGet();
        return a;
    }

    @AfterAll
    static void everyReportReasonWasReached() {
        long n = REPORTS.get();
        System.out.println("EventAggregatorProperties coverage over " + n + " reports: " + REASONS);
        for (ReportReason reason : ReportReason.values()) {
            assertThat((double) REASONS.get(reason).get() / n).as("fraction of %s among %d reports", reason, n)
                    .isGreaterThanOrEqualTo(0.001);
        }
    }

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static AggregationSettings settings(Random r) {
        AggregationLevel level = AggregationLevel.values()[r.nextInt(5)];
        Set<TcpFlag> flags = EnumSet.noneOf(TcpFlag.class);
        for (TcpFlag f : TcpFlag.values()) {
            if (r.nextInt(3) == 0) {
                flags.add(f);
            }
        }
        return AggregationSettings.of(level, Duration.ofMillis(r.nextInt(8000)), flags);
    }

    /** A random event sequence over a few connections, timestamps mostly increasing with some jitter. */
    private static List<NetworkEvent> events(Random r) {
        int n = r.nextInt(200);
        List<NetworkEvent> out = new ArrayList<>(n);
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(1500);
            long at = r.nextInt(10) == 0 ? Math.max(0, t - r.nextInt(4000)) : t;
            int conn = r.nextInt(4);
            boolean reply = r.nextBoolean();
            Protocol p = conn == 3 ? Protocol.UDP : Protocol.TCP;
            NetworkEvent.Builder b = NetworkEvent.builder().timestamp(T0.plusMillis(at)).protocol(p)
                    .trafficDirection(conn % 2 == 0 ? Direction.EGRESS : Direction.INGRESS).reply(reply)
                    .verdict(r.nextInt(15) == 0 ? EventVerdict.DROPPED : EventVerdict.FORWARDED);
            if (p == Protocol.TCP) {
                int bits = 0;
                for (TcpFlag f : TcpFlag.values()) {
                    if (r.nextInt(f == TcpFlag.ACK ? 2 : 12) == 0) {
                        bits |= f.bit();
                    }
                }
                b.flagBits(bits);
            }
            IpAddress a = IpAddress.ofIpv4(0x0A000001 + conn);
            IpAddress s = IpAddress.ofIpv4(0x0A0000FE);
            if (reply) {
                b.source(s, 80).destination(a, 1000 + conn);
            } else {
                b.source(a, 1000 + conn).destination(s, 80);
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void countsAreConservedForAnyEventSequence() {
        qt().withExamples(10_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            EventAggregator agg = EventAggregator.create(settings(r), 1 + r.nextInt(40));
            List<NetworkEvent> events = events(r);
            long counted = 0;
            for (NetworkEvent e : events) {
                for (AggregatedEvent a : agg.offer(e)) {
                    counted(a);
                    assertThat(a.count()).isPositive();
                    assertThat(a.first()).isBeforeOrEqualTo(a.last());
                    counted += a.count();
                }
                if (r.nextInt(50) == 0) {
                    for (AggregatedEvent a : agg.flush()) {
                        counted += counted(a).count();
                    }
                }
            }
            for (AggregatedEvent a : agg.flush()) {
                counted += counted(a).count();
            }
            assertThat(counted).isEqualTo(events.size());
        });
    }

    /** The connection half an event or a report stands for, from the opener's side. */
    private static String half(NetworkEvent e) {
        return e.openerAddress() + " " + e.openerPort() + " " + e.responderAddress() + " " + e.responderPort() + " "
                + e.protocol() + " " + e.reply() + " " + e.trafficDirection();
    }

    /**
     * Events over connections that differ in one part of the tuple at a time (opener or responder address, either
     * port, protocol, half), with IPv4 addresses and ports above 2^31 and 2^15 and IPv6 addresses: every report,
     * including idle, evicted and flushed ones rebuilt from the key, stands for exactly the events of its half.
     */
    @Test
    void countsAreConservedPerConnectionHalf() {
        IpAddress[] openers = {IpAddress.parse("203.0.113.250"), IpAddress.parse("10.0.0.1"),
            IpAddress.parse("2001:db8::8000:1")};
        IpAddress[] responders = {IpAddress.parse("198.51.100.200"), IpAddress.parse("2001:db8::ffff")};
        int[] openerPorts = {40000, 65535};
        int[] responderPorts = {53, 443};
        qt().withExamples(10_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            AggregationSettings s = settings(r);
            EventAggregator agg = EventAggregator.create(s, 1 + r.nextInt(12));
            Map<String, Long> offered = new HashMap<>();
            Map<String, Long> reported = new HashMap<>();
            long t = 0;
            int n = r.nextInt(150);
            for (int i = 0; i < n; i++) {
                t += r.nextInt(1500);
                boolean v6 = r.nextInt(4) == 0;
                IpAddress a = v6 ? openers[2] : openers[r.nextInt(2)];
                IpAddress b = v6 ? responders[1] : responders[0];
                int ap = openerPorts[r.nextInt(2)];
                int bp = responderPorts[r.nextInt(2)];
                boolean reply = r.nextBoolean();
                Protocol protocol = r.nextInt(3) == 0 ? Protocol.UDP : Protocol.TCP;
                NetworkEvent.Builder e = NetworkEvent.builder().timestamp(T0.plusMillis(t)).protocol(protocol)
                        .trafficDirection(r.nextInt(4) == 0 ? Direction.INGRESS : Direction.EGRESS).reply(reply)
                        .verdict(r.nextInt(30) == 0 ? EventVerdict.DROPPED : EventVerdict.FORWARDED);
                if (protocol == Protocol.TCP) {
                    e.flagBits(r.nextInt(20) == 0 ? TcpFlag.FIN.bit() : r.nextInt(3) == 0 ? TcpFlag.PSH.bit() : 0);
                }
                NetworkEvent event = (reply ? e.source(b, bp).destination(a, ap) : e.source(a, ap).destination(b, bp))
                        .build();
                offered.merge(half(event), 1L, Long::sum);
                for (AggregatedEvent x : agg.offer(event)) {
                    reported.merge(half(counted(x).event()), x.count(), Long::sum);
                }
            }
            for (AggregatedEvent x : agg.flush()) {
                reported.merge(half(counted(x).event()), x.count(), Long::sum);
            }
            assertThat(reported).isEqualTo(offered);
        });
    }

    @Test
    void mergedReportsOfAKeyAreNeverCloserThanTheInterval() {
        qt().withExamples(10_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            AggregationSettings s = settings(r).withLevel(AggregationLevel.MEDIUM);
            EventAggregator agg = EventAggregator.create(s);
            Map<String, Instant> lastReport = new HashMap<>();
            List<NetworkEvent> events = events(r);
            events.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
            for (NetworkEvent e : events) {
                for (AggregatedEvent a : agg.offer(e)) {
                    counted(a);
                    NetworkEvent ev = a.event();
                    String key = ev.openerAddress() + ":" + ev.openerPort() + ">" + ev.responderAddress() + ":"
                            + ev.responderPort() + "/" + ev.protocol() + "/" + ev.reply();
                    if (a.reason() == ReportReason.INTERVAL_ELAPSED) {
                        Instant previous = lastReport.get(key);
                        assertThat(previous).isNotNull();
                        assertThat(Duration.between(previous, ev.timestamp())).isGreaterThan(
                                Duration.ofSeconds(s.intervalSeconds()));
                    }
                    if (a.reason() == ReportReason.CONNECTION_CLOSED || a.reason() == ReportReason.IDLE_EXPIRED) {
                        lastReport.remove(key);
                    } else if (a.reason() != ReportReason.DROPPED) {
                        lastReport.put(key, ev.timestamp());
                    }
                }
            }
        });
    }
}
