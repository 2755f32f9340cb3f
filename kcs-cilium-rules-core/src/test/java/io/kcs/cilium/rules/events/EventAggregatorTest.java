package io.kcs.cilium.rules.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EventAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final IpAddress CLIENT = IpAddress.parse("10.0.0.1");
    private static final IpAddress SERVER = IpAddress.parse("10.0.0.2");

    private static NetworkEvent tcp(double seconds, boolean reply, TcpFlag... flags) {
        Instant t = T0.plusNanos((long) (seconds * 1e9));
        NetworkEvent.Builder b = NetworkEvent.builder().timestamp(t).protocol(Protocol.TCP).flags(flags)
                .trafficDirection(Direction.EGRESS).reply(reply);
        return (reply ? b.source(SERVER, 443).destination(CLIENT, 40000)
                : b.source(CLIENT, 40000).destination(SERVER, 443)).build();
    }

    private static NetworkEvent udp(double seconds, int clientPort) {
        return NetworkEvent.builder().timestamp(T0.plusNanos((long) (seconds * 1e9))).protocol(Protocol.UDP)
                .source(CLIENT, clientPort).destination(SERVER, 53).trafficDirection(Direction.EGRESS).build();
    }

    /** Offers events and returns the (reason, count) of every report in order, after a final flush. */
    private static List<String> run(AggregationSettings settings, NetworkEvent... events) {
        EventAggregator agg = EventAggregator.create(settings);
        List<String> out = new ArrayList<>();
        for (NetworkEvent e : events) {
            for (AggregatedEvent a : agg.offer(e)) {
                out.add(a.reason() + " x" + a.count());
            }
        }
        for (AggregatedEvent a : agg.flush()) {
            out.add(a.reason() + " x" + a.count());
        }
        return out;
    }

    private static final AggregationSettings MEDIUM_ALL = AggregationSettings.helmDefaults();
    private static final AggregationSettings MEDIUM_AGENT_FLAGS = AggregationSettings.of(AggregationLevel.MEDIUM,
            Duration.ofSeconds(5), EnumSet.of(TcpFlag.SYN, TcpFlag.FIN, TcpFlag.RST));

    /**
     * Reports of keys that are no longer offered (idle, flushed, evicted) rebuild their event from the key: the
     * addresses and ports must come back exactly, including IPv4 addresses and ports with the high bit set.
     */
    @Nested
    class PendingReportsRebuildTheirTuple {

        private final IpAddress opener = IpAddress.parse("203.0.113.250");
        private final IpAddress responder = IpAddress.parse("198.51.100.129");

        private NetworkEvent event(double seconds, boolean reply, IpAddress a, IpAddress b, int aPort, int bPort) {
            NetworkEvent.Builder e = NetworkEvent.builder().timestamp(T0.plusNanos((long) (seconds * 1e9)))
                    .protocol(Protocol.UDP).trafficDirection(Direction.INGRESS).reply(reply);
            return (reply ? e.source(b, bPort).destination(a, aPort) : e.source(a, aPort).destination(b, bPort))
                    .build();
        }

        @Test
        void idleReportsCarryTheOriginalIpv4Tuple() {
            for (boolean reply : List.of(false, true)) {
                EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
                agg.offer(event(0, reply, opener, responder, 65535, 40001));
                NetworkEvent merged = event(1, reply, opener, responder, 65535, 40001);
                agg.offer(merged);
                List<AggregatedEvent> r = agg.offer(event(9, reply, opener, responder, 1, 2));
                assertThat(r).hasSize(2);
                assertThat(r.get(1).reason()).isEqualTo(ReportReason.IDLE_EXPIRED);
                assertThat(r.get(1).event()).isEqualTo(merged);
            }
        }

        @Test
        void flushedReportsCarryTheOriginalTupleOfEitherFamily() {
            IpAddress v6a = IpAddress.parse("2001:db8:ffff::ffff:ffff");
            IpAddress v6b = IpAddress.parse("fe80::8000:1");
            for (boolean reply : List.of(false, true)) {
                for (List<IpAddress> pair : List.of(List.of(opener, responder), List.of(v6a, v6b))) {
                    EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
                    agg.offer(event(0, reply, pair.get(0), pair.get(1), 33000, 443));
                    NetworkEvent merged = event(0.5, reply, pair.get(0), pair.get(1), 33000, 443);
                    agg.offer(merged);
                    List<AggregatedEvent> f = agg.flush();
                    assertThat(f).hasSize(1);
                    assertThat(f.get(0).reason()).isEqualTo(ReportReason.FLUSHED);
                    assertThat(f.get(0).event()).isEqualTo(merged);
                }
            }
        }

        @Test
        void evictedReportsCarryTheOriginalIpv4Tuple() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS, 1);
            agg.offer(event(0, false, opener, responder, 50000, 53));
            NetworkEvent merged = event(0.1, false, opener, responder, 50000, 53);
            agg.offer(merged);
            List<AggregatedEvent> r = agg.offer(event(0.2, false, responder, opener, 53, 50000));
            assertThat(r).extracting(AggregatedEvent::reason)
                    .containsExactly(ReportReason.NEW_CONNECTION, ReportReason.EVICTED);
            assertThat(r.get(1).event()).isEqualTo(merged);
        }

        private NetworkEvent tcpFrom(double seconds, int port, TcpFlag... flags) {
            return NetworkEvent.builder().timestamp(T0.plusNanos((long) (seconds * 1e9))).protocol(Protocol.TCP)
                    .trafficDirection(Direction.EGRESS).source(opener, port).destination(responder, 443).flags(flags)
                    .build();
        }

        @Test
        void flushedTcpReportsCarryTheMergedFlags() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            agg.offer(tcpFrom(0, 40000, TcpFlag.SYN));
            agg.offer(tcpFrom(0.1, 40000, TcpFlag.ACK));
            agg.offer(tcpFrom(0.2, 40000, TcpFlag.PSH, TcpFlag.ACK));
            List<AggregatedEvent> f = agg.flush();
            assertThat(f).hasSize(1);
            assertThat(f.get(0).event()).isEqualTo(tcpFrom(0.2, 40000, TcpFlag.PSH, TcpFlag.ACK));
            assertThat(f.get(0).flags()).containsExactlyInAnyOrder(TcpFlag.PSH, TcpFlag.ACK);
        }

        @Test
        void keysWithNothingPendingLeaveSilently() {
            EventAggregator evicting = EventAggregator.create(MEDIUM_AGENT_FLAGS, 1);
            evicting.offer(tcpFrom(0, 40000, TcpFlag.SYN));
            assertThat(evicting.offer(tcpFrom(0.1, 40001, TcpFlag.SYN))).extracting(AggregatedEvent::reason)
                    .containsExactly(ReportReason.NEW_CONNECTION);
            EventAggregator idle = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            idle.offer(tcpFrom(0, 40000, TcpFlag.SYN));
            assertThat(idle.offer(tcpFrom(8, 40001, TcpFlag.SYN))).extracting(AggregatedEvent::reason)
                    .containsExactly(ReportReason.NEW_CONNECTION);
            assertThat(idle.trackedConnections()).isEqualTo(1);
        }

        @Test
        void aReportWithNothingMergedSpansOnlyItsOwnEvent() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            agg.offer(tcpFrom(0, 40000, TcpFlag.SYN));
            agg.offer(tcpFrom(0.3, 40000, TcpFlag.ACK)); // merged
            List<AggregatedEvent> first = agg.offer(tcpFrom(4.9, 40000, TcpFlag.ACK)); // merged
            assertThat(first).isEmpty();
            List<AggregatedEvent> r = agg.offer(tcpFrom(6, 40000, TcpFlag.ACK));
            assertThat(r).extracting(a -> a.reason() + " x" + a.count()).containsExactly("INTERVAL_ELAPSED x3");
            assertThat(r.get(0).first()).isEqualTo(T0.plusMillis(300));
            List<AggregatedEvent> again = agg.offer(tcpFrom(10, 40000, TcpFlag.ACK));
            assertThat(again).isEmpty();
            List<AggregatedEvent> alone = agg.offer(tcpFrom(10.5, 40000, TcpFlag.FIN));
            assertThat(alone).extracting(a -> a.reason() + " x" + a.count()).containsExactly("CONNECTION_CLOSED x2");
            assertThat(alone.get(0).first()).isEqualTo(T0.plusSeconds(10));
            assertThat(alone.get(0).last()).isEqualTo(T0.plusMillis(10_500));
        }

        @Test
        void aReportAfterAnIntervalWithNothingMergedHasItsOwnTimes() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            agg.offer(tcpFrom(0, 40000, TcpFlag.SYN));
            agg.offer(tcpFrom(0.3, 40000, TcpFlag.ACK)); // merged, then reported with the interval report below
            assertThat(agg.offer(tcpFrom(6, 40000, TcpFlag.ACK))).hasSize(1);
            // nothing pending now; a later interval report and an out-of-order close stand for themselves only
            List<AggregatedEvent> later = agg.offer(tcpFrom(12, 40000, TcpFlag.ACK));
            assertThat(later).extracting(a -> a.reason() + " x" + a.count()).containsExactly("INTERVAL_ELAPSED x1");
            assertThat(later.get(0).first()).isEqualTo(T0.plusSeconds(12));
            assertThat(later.get(0).last()).isEqualTo(T0.plusSeconds(12));
            List<AggregatedEvent> close = agg.offer(tcpFrom(0.2, 40000, TcpFlag.RST));
            assertThat(close).extracting(a -> a.reason() + " x" + a.count()).containsExactly("CONNECTION_CLOSED x1");
            assertThat(close.get(0).first()).isEqualTo(T0.plusMillis(200));
            assertThat(close.get(0).last()).isEqualTo(T0.plusMillis(200));
        }

        @Test
        void aReportedEventAlsoMakesItsKeyTheMostRecentlyActive() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS, 2);
            agg.offer(tcpFrom(0.0, 1, TcpFlag.ACK));
            agg.offer(tcpFrom(0.1, 2, TcpFlag.ACK));
            agg.offer(tcpFrom(0.2, 2, TcpFlag.ACK)); // merged: port 2 has one pending
            assertThat(agg.offer(tcpFrom(1.0, 1, TcpFlag.SYN))).extracting(AggregatedEvent::reason)
                    .containsExactly(ReportReason.NEW_FLAG);
            List<AggregatedEvent> r = agg.offer(tcpFrom(1.1, 3, TcpFlag.ACK));
            assertThat(r).extracting(a -> a.reason() + " x" + a.count() + " port " + a.event().sourcePort())
                    .containsExactly("NEW_CONNECTION x1 port 3", "EVICTED x1 port 2");
        }

        @Test
        void theCapHoldsAcrossManyStripes() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS, 1024);
            long counted = 0;
            for (int port = 1; port <= 5000; port++) {
                for (AggregatedEvent a : agg.offer(tcpFrom(0, port, TcpFlag.ACK))) {
                    counted += a.count();
                }
                assertThat(agg.trackedConnections()).isLessThanOrEqualTo(1024);
            }
            assertThat(agg.trackedConnections()).isGreaterThan(512);
            assertThat(counted).isEqualTo(5000);
        }

        @Test
        void theResponderPortIsPartOfTheKey() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            assertThat(agg.offer(event(0, false, opener, responder, 40000, 53))).hasSize(1);
            assertThat(agg.offer(event(0.1, false, opener, responder, 40000, 54)))
                    .extracting(AggregatedEvent::reason).containsExactly(ReportReason.NEW_CONNECTION);
            assertThat(agg.trackedConnections()).isEqualTo(2);
        }

        @Test
        void everyPartOfTheFiveTupleAndTheHalfIsPartOfTheKey() {
            NetworkEvent base = event(0, false, opener, responder, 40000, 53);
            List<NetworkEvent> others = List.of(
                    event(0.1, false, IpAddress.parse("203.0.113.251"), responder, 40000, 53),
                    event(0.1, false, opener, IpAddress.parse("198.51.100.130"), 40000, 53),
                    event(0.1, false, opener, responder, 40001, 53),
                    event(0.1, false, opener, responder, 40000, 54),
                    event(0.1, true, opener, responder, 40000, 53),
                    NetworkEvent.builder().timestamp(T0).protocol(Protocol.TCP).trafficDirection(Direction.INGRESS)
                            .source(opener, 40000).destination(responder, 53).build(),
                    NetworkEvent.builder().timestamp(T0).protocol(Protocol.UDP).trafficDirection(Direction.EGRESS)
                            .source(opener, 40000).destination(responder, 53).build());
            for (NetworkEvent other : others) {
                EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
                agg.offer(base);
                assertThat(agg.offer(other)).as("%s", other).extracting(AggregatedEvent::reason)
                        .containsExactly(ReportReason.NEW_CONNECTION);
            }
            EventAggregator same = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            same.offer(base);
            assertThat(same.offer(event(0.1, false, opener, responder, 40000, 53))).isEmpty();
        }
    }

    @Nested
    class Scenarios {

        @Test
        void aHandshakeAndDataWithinTheIntervalReportOncePerNewFlag() {
            List<String> r = run(MEDIUM_ALL,
                    tcp(0.0, false, TcpFlag.SYN),
                    tcp(0.1, true, TcpFlag.SYN, TcpFlag.ACK),
                    tcp(0.2, false, TcpFlag.ACK),
                    tcp(0.3, false, TcpFlag.PSH, TcpFlag.ACK),
                    tcp(0.4, true, TcpFlag.ACK),
                    tcp(0.5, false, TcpFlag.PSH, TcpFlag.ACK),
                    tcp(0.6, false, TcpFlag.PSH, TcpFlag.ACK),
                    tcp(0.7, true, TcpFlag.PSH, TcpFlag.ACK));
            // request half: SYN new, ACK new flag, PSH new flag, then 2 merged; reply half: SYN+ACK new, ACK merged,
            // PSH new flag (carrying the merged ACK)
            assertThat(r).containsExactly("NEW_CONNECTION x1", "NEW_CONNECTION x1", "NEW_FLAG x1", "NEW_FLAG x1",
                    "NEW_FLAG x2", "FLUSHED x2");
        }

        @Test
        void withAgentFlagsDataIsMergedUntilTheIntervalPasses() {
            List<String> r = run(MEDIUM_AGENT_FLAGS,
                    tcp(0.0, false, TcpFlag.SYN),
                    tcp(1.0, false, TcpFlag.ACK),
                    tcp(2.0, false, TcpFlag.PSH, TcpFlag.ACK),
                    tcp(5.9, false, TcpFlag.ACK),   // second 5: 0 + 5 < 5 is false: merged
                    tcp(6.0, false, TcpFlag.ACK),   // second 6: reported with the 3 merged
                    tcp(7.0, false, TcpFlag.ACK),
                    tcp(8.0, false, TcpFlag.FIN, TcpFlag.ACK));
            assertThat(r).containsExactly("NEW_CONNECTION x1", "INTERVAL_ELAPSED x4", "CONNECTION_CLOSED x2");
        }

        @Test
        void finAndRstCloseTheKey() {
            List<String> r = run(MEDIUM_AGENT_FLAGS,
                    tcp(0.0, false, TcpFlag.SYN),
                    tcp(0.1, false, TcpFlag.ACK),
                    tcp(0.2, false, TcpFlag.RST),
                    tcp(0.3, false, TcpFlag.ACK),   // a new key after the close
                    tcp(0.4, false, TcpFlag.ACK));
            assertThat(r).containsExactly("NEW_CONNECTION x1", "CONNECTION_CLOSED x2", "NEW_CONNECTION x1",
                    "FLUSHED x1");
        }

        @Test
        void udpIsKeyedByFiveTuple() {
            List<String> r = run(MEDIUM_ALL, udp(0, 5000), udp(1, 5000), udp(2, 5001), udp(3, 5000), udp(4, 5001));
            assertThat(r).containsExactly("NEW_CONNECTION x1", "NEW_CONNECTION x1", "FLUSHED x2", "FLUSHED x1");
        }

        @Test
        void dropsAreAlwaysReportedAndNeverMerged() {
            NetworkEvent drop = NetworkEvent.builder().timestamp(T0).protocol(Protocol.UDP).source(CLIENT, 5000)
                    .destination(SERVER, 53).trafficDirection(Direction.EGRESS).verdict(EventVerdict.DROPPED).build();
            assertThat(run(MEDIUM_ALL, drop, drop, drop)).containsExactly("DROPPED x1", "DROPPED x1", "DROPPED x1");
        }

        @Test
        void levelsBelowMediumReportEveryEvent() {
            for (AggregationLevel level : List.of(AggregationLevel.NONE, AggregationLevel.LOWEST, AggregationLevel.LOW)) {
                assertThat(run(MEDIUM_ALL.withLevel(level), udp(0, 1), udp(0, 1), udp(0, 1)))
                        .containsExactly("NOT_AGGREGATED x1", "NOT_AGGREGATED x1", "NOT_AGGREGATED x1");
            }
            assertThat(run(MEDIUM_ALL.withLevel(AggregationLevel.MAXIMUM), udp(0, 1), udp(0, 1)))
                    .containsExactly("NEW_CONNECTION x1", "FLUSHED x1");
        }

        @Test
        void aCustomIntervalIsUsedInWholeSeconds() {
            AggregationSettings tenSeconds = AggregationSettings.of(AggregationLevel.MEDIUM, Duration.ofMillis(10_900),
                    EnumSet.noneOf(TcpFlag.class));
            assertThat(run(tenSeconds, udp(0, 1), udp(10.5, 1), udp(11.0, 1)))
                    .containsExactly("NEW_CONNECTION x1", "INTERVAL_ELAPSED x2");
            AggregationSettings subSecond = AggregationSettings.of(AggregationLevel.MEDIUM, Duration.ofMillis(500),
                    EnumSet.noneOf(TcpFlag.class));
            assertThat(run(subSecond, udp(0, 1), udp(0.9, 1), udp(1.0, 1)))
                    .containsExactly("NEW_CONNECTION x1", "INTERVAL_ELAPSED x2");
        }

        @Test
        void customFlagsDecideWhatReports() {
            AggregationSettings onlyPsh = AggregationSettings.of(AggregationLevel.MEDIUM, Duration.ofSeconds(5),
                    EnumSet.of(TcpFlag.PSH));
            assertThat(run(onlyPsh, tcp(0, false, TcpFlag.SYN), tcp(0.1, false, TcpFlag.ACK),
                    tcp(0.2, false, TcpFlag.PSH), tcp(0.3, false, TcpFlag.PSH)))
                    .containsExactly("NEW_CONNECTION x1", "NEW_FLAG x2", "FLUSHED x1");
        }

        @Test
        void bothHalvesOfAConnectionAreKeptApart() {
            List<String> r = run(MEDIUM_AGENT_FLAGS, tcp(0, false), tcp(0.1, true), tcp(0.2, false),
                    tcp(0.3, true), tcp(0.4, true));
            assertThat(r).containsExactly("NEW_CONNECTION x1", "NEW_CONNECTION x1", "FLUSHED x1", "FLUSHED x2");
        }

        @Test
        void outOfOrderTimestampsAreMergedWithoutNegativeIntervals() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            assertThat(agg.offer(udp(10, 1))).hasSize(1);
            assertThat(agg.offer(udp(2, 1))).isEmpty();
            List<AggregatedEvent> f = agg.flush();
            assertThat(f).hasSize(1);
            assertThat(f.get(0).first()).isEqualTo(T0.plusSeconds(2));
            assertThat(f.get(0).last()).isEqualTo(T0.plusSeconds(2));
        }

        @Test
        void idleKeysReportTheirMergedCountAtTheNextOffer() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            agg.offer(udp(0, 1));
            agg.offer(udp(1, 1));
            agg.offer(udp(2, 1));
            List<AggregatedEvent> r = agg.offer(udp(8, 2));
            assertThat(r).extracting(a -> a.reason() + " x" + a.count())
                    .containsExactly("NEW_CONNECTION x1", "IDLE_EXPIRED x2");
            AggregatedEvent idle = r.get(1);
            assertThat(idle.event().sourcePort()).isEqualTo(1);
            assertThat(idle.first()).isEqualTo(T0.plusSeconds(1));
            assertThat(idle.last()).isEqualTo(T0.plusSeconds(2));
            assertThat(agg.trackedConnections()).isEqualTo(1);
        }

        /** Reason and count of each report, with the client port of its event. */
        private List<String> described(List<AggregatedEvent> reports) {
            return reports.stream().map(a -> a.reason() + " x" + a.count() + " port " + a.event().sourcePort())
                    .toList();
        }

        @Test
        void aKeyIdleForExactlyTheIntervalIsKeptAndOneSecondMoreExpiresIt() {
            // idle expiry compares like the report interval: lastSeen + interval < latest, in whole seconds
            // (5 s here); the rows differ only in the second of the last event
            assertThat(run(MEDIUM_AGENT_FLAGS, udp(0, 1), udp(0.5, 1), udp(5.9, 2)))
                    .containsExactly("NEW_CONNECTION x1", "NEW_CONNECTION x1", "FLUSHED x1");
            assertThat(run(MEDIUM_AGENT_FLAGS, udp(0, 1), udp(0.5, 1), udp(6.0, 2)))
                    .containsExactly("NEW_CONNECTION x1", "NEW_CONNECTION x1", "IDLE_EXPIRED x1");
        }

        @Test
        void aLateEventOfAnUntrackedKeyThatIsAlreadyIdleIsReportedAndNotKept() {
            // the latest timestamp is 10 s; port 1's events at 1 s and 1.5 s are idle for more than 5 s by then:
            // each is reported on its own and nothing stays pending. The second row differs only in the times of
            // port 1's events (6 s and 6.5 s: not idle), so they merge and the flush reports them.
            EventAggregator late = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            assertThat(described(late.offer(udp(10, 2)))).containsExactly("NEW_CONNECTION x1 port 2");
            assertThat(described(late.offer(udp(1, 1)))).containsExactly("NEW_CONNECTION x1 port 1");
            assertThat(late.trackedConnections()).isEqualTo(1);
            assertThat(described(late.offer(udp(1.5, 1)))).containsExactly("NEW_CONNECTION x1 port 1");
            assertThat(late.flush()).isEmpty();

            EventAggregator recent = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            assertThat(described(recent.offer(udp(10, 2)))).containsExactly("NEW_CONNECTION x1 port 2");
            assertThat(described(recent.offer(udp(6, 1)))).containsExactly("NEW_CONNECTION x1 port 1");
            assertThat(recent.trackedConnections()).isEqualTo(2);
            assertThat(recent.offer(udp(6.5, 1))).isEmpty();
            assertThat(described(recent.flush())).containsExactly("FLUSHED x1 port 1");
        }

        @Test
        void everyIdleKeyIsReportedByTheNextOfferAfterAnEarlierExpiry() {
            // ports 1 and 1000 each have one merged event; the offer at 6 s expires port 1 (idle since 0 s) and
            // keeps port 1000 (idle since 3 s); the offer at 9 s (port 2's, merged) must report port 1000, whatever
            // keys share a lock stripe (here ports 2 and 1000 do not, so only the expiry at 6 s can have kept port
            // 1000's deadline)
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            agg.offer(udp(0, 1));
            agg.offer(udp(0.5, 1));
            agg.offer(udp(3, 1000));
            agg.offer(udp(3.5, 1000));
            assertThat(described(agg.offer(udp(6, 2))))
                    .containsExactly("NEW_CONNECTION x1 port 2", "IDLE_EXPIRED x1 port 1");
            assertThat(described(agg.offer(udp(8.9, 2)))).isEmpty();
            assertThat(described(agg.offer(udp(9, 2)))).containsExactly("IDLE_EXPIRED x1 port 1000");
            assertThat(described(agg.flush())).containsExactly("FLUSHED x2 port 2");
        }

        @Test
        void farBelowTheBoundNothingIsEvictedWhicheverPartOfTheKeyVaries() {
            // 1,024 connection halves are 16 lock stripes of 64; 256 keys (each offered twice, so that an eviction
            // would be reported) that differ in one part only must spread over the stripes
            IpAddress v6 = IpAddress.parse("2001:db8::1");
            List<java.util.function.IntFunction<NetworkEvent.Builder>> varying = List.of(
                    i -> NetworkEvent.builder().source(CLIENT, 1024 + i).destination(SERVER, 53),
                    i -> NetworkEvent.builder().source(CLIENT, 40000).destination(SERVER, 1024 + i),
                    i -> NetworkEvent.builder().source(IpAddress.ofIpv4(0x0A000000 + i), 40000)
                            .destination(SERVER, 53),
                    i -> NetworkEvent.builder().source(CLIENT, 40000)
                            .destination(IpAddress.ofIpv4(0xC0A80000 + i), 53),
                    i -> NetworkEvent.builder().source(IpAddress.ofIpv6(v6.high() + ((long) i << 16), v6.low()), 40000)
                            .destination(v6, 53),
                    i -> NetworkEvent.builder().source(v6, 40000)
                            .destination(IpAddress.ofIpv6(v6.high() + ((long) i << 16), v6.low()), 53),
                    i -> NetworkEvent.builder().source(v6, 40000)
                            .destination(IpAddress.ofIpv6(v6.high(), v6.low() + ((long) i << 40)), 53));
            for (int part = 0; part < varying.size(); part++) {
                EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS, 1024);
                List<ReportReason> reasons = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < 256; i++) {
                        NetworkEvent e = varying.get(part).apply(i).timestamp(T0.plusMillis(round * 100))
                                .protocol(Protocol.UDP).trafficDirection(Direction.EGRESS).build();
                        agg.offer(e).forEach(a -> reasons.add(a.reason()));
                    }
                }
                assertThat(reasons).as("part %d", part).doesNotContain(ReportReason.EVICTED).hasSize(256);
                assertThat(agg.trackedConnections()).as("part %d", part).isEqualTo(256);
            }
        }

        @Test
        void theCapEvictsTheLeastRecentlyActiveKeyWithItsCount() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS, 16);
            long counted = 0;
            int offered = 0;
            for (int round = 0; round < 3; round++) {
                for (int port = 0; port < 200; port++) {
                    for (AggregatedEvent a : agg.offer(udp(round * 0.1, port))) {
                        counted += a.count();
                    }
                    offered++;
                }
            }
            assertThat(agg.trackedConnections()).isLessThanOrEqualTo(16);
            for (AggregatedEvent a : agg.flush()) {
                counted += a.count();
            }
            assertThat(counted).isEqualTo(offered);
        }

        @Test
        void theCapEvictsTheLeastRecentlyActiveKeyAndReportsItsTupleAndCount() {
            // one stripe of 2 keys: port 1 and port 2 each get a merged event; port 1 is active again a second later,
            // so port 2 is the least recently active key when port 3 arrives
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS, 2);
            agg.offer(udp(0.0, 1));
            agg.offer(udp(0.1, 1));
            agg.offer(udp(0.2, 2));
            agg.offer(udp(0.3, 2));
            assertThat(agg.offer(udp(1.0, 1))).isEmpty();
            List<AggregatedEvent> r = agg.offer(udp(1.1, 3));
            assertThat(r).extracting(a -> a.reason() + " x" + a.count() + " port " + a.event().sourcePort())
                    .containsExactly("NEW_CONNECTION x1 port 3", "EVICTED x1 port 2");
            assertThat(r.get(1).event()).isEqualTo(udp(0.3, 2));
            assertThat(agg.flush()).extracting(a -> a.reason() + " x" + a.count() + " port " + a.event().sourcePort())
                    .containsExactly("FLUSHED x2 port 1");
        }

        @Test
        void theLeastRecentlyActiveKeyIsEvictedEvenWhenItWasInsertedLast() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS, 2);
            agg.offer(udp(0.0, 1));
            agg.offer(udp(0.1, 2));
            agg.offer(udp(0.2, 2));
            agg.offer(udp(1.0, 1)); // port 1 moves behind port 2
            List<AggregatedEvent> r = agg.offer(udp(1.1, 3));
            assertThat(r).extracting(a -> a.reason() + " x" + a.count() + " port " + a.event().sourcePort())
                    .containsExactly("NEW_CONNECTION x1 port 3", "EVICTED x1 port 2");
        }

        @Test
        void reportsCarryTheAccumulatedFlags() {
            EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
            agg.offer(tcp(0, false, TcpFlag.SYN));
            agg.offer(tcp(0.1, false, TcpFlag.ACK));
            agg.offer(tcp(0.2, false, TcpFlag.PSH, TcpFlag.ACK));
            List<AggregatedEvent> r = agg.offer(tcp(0.3, false, TcpFlag.FIN));
            assertThat(r.get(0).flags()).containsExactlyInAnyOrder(TcpFlag.ACK, TcpFlag.PSH, TcpFlag.FIN);
            assertThat(r.get(0).count()).isEqualTo(3);
        }
    }

    @Test
    void settingsComeFromAgentOptions() {
        AggregationSettings s = AggregationSettings.fromOptions(Map.of("monitor-aggregation", "Maximum",
                "monitor-aggregation-interval", "1m30s", "monitor-aggregation-flags", "all"));
        assertThat(s.level()).isEqualTo(AggregationLevel.MAXIMUM);
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.reportFlags()).hasSize(8);
        assertThat(AggregationSettings.agentDefaults().level()).isEqualTo(AggregationLevel.NONE);
        assertThat(AggregationSettings.agentDefaults().reportFlags())
                .containsExactlyInAnyOrder(TcpFlag.SYN, TcpFlag.FIN, TcpFlag.RST);
        assertThat(AggregationSettings.helmDefaults().level()).isEqualTo(AggregationLevel.MEDIUM);
        assertThat(AggregationSettings.helmDefaults().reportFlags()).isEqualTo(Set.of(TcpFlag.values()));
        assertThat(AggregationSettings.fromOptions(Map.of("monitor-aggregation-interval", "1500ms")).intervalSeconds())
                .isEqualTo(1);
        assertThatThrownBy(() -> AggregationSettings.fromOptions(Map.of("monitor-aggregation-flags", "syn,xyz")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xyz");
    }

    @Test
    void eventsAreEqualOnlyWhenEveryPartIsEqual() {
        NetworkEvent.Builder b = NetworkEvent.builder().timestamp(T0).protocol(Protocol.TCP).source(CLIENT, 1)
                .destination(SERVER, 2).trafficDirection(Direction.EGRESS).flagBits(0xFF);
        NetworkEvent e = b.build();
        assertThat(e).isEqualTo(b.build()).hasSameHashCodeAs(b.build());
        assertThat(e.flagBits()).isEqualTo(0xFF);
        assertThat(e).isNotEqualTo(b.flagBits(0x7F).build());
        assertThat(e).isNotEqualTo(b.flagBits(0xFF).timestamp(T0.plusNanos(1)).build());
        assertThat(e).isNotEqualTo(b.timestamp(T0).source(SERVER, 1).build());
        assertThat(e).isNotEqualTo(b.source(CLIENT, 1).destination(SERVER, 3).build());
        assertThat(e).isNotEqualTo(b.destination(SERVER, 2).reply(true).build());
        assertThat(e).isEqualTo(b.reply(false).build());
    }

    @Test
    void eventsValidateTheirParts() {
        assertThatThrownBy(() -> NetworkEvent.builder().timestamp(T0).protocol(Protocol.UDP).flags(TcpFlag.SYN)
                .source(CLIENT, 1).destination(SERVER, 2).trafficDirection(Direction.EGRESS).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkEvent.builder().timestamp(T0).protocol(Protocol.UDP)
                .source(CLIENT, 1).destination(IpAddress.parse("::1"), 2).trafficDirection(Direction.EGRESS).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkEvent.builder().source(CLIENT, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkEvent.builder().build()).isInstanceOf(IllegalStateException.class);
        NetworkEvent reply = tcp(0, true, TcpFlag.ACK);
        assertThat(reply.openerAddress()).isEqualTo(CLIENT);
        assertThat(reply.openerPort()).isEqualTo(40000);
    }

    @Tag("concurrency") // seconds of thread interleaving; excluded from mutation testing (see README)
    @Test
    void conservesCountsUnderConcurrency() throws Exception {
        EventAggregator agg = EventAggregator.create(MEDIUM_AGENT_FLAGS);
        int threads = 4;
        int perThread = 1_000_000;
        int connections = 10_000;
        NetworkEvent[] events = new NetworkEvent[connections * 4];
        for (int i = 0; i < events.length; i++) {
            int c = i % connections;
            int kind = i / connections;
            events[i] = NetworkEvent.builder().timestamp(T0.plusMillis(kind * 2500L)).protocol(Protocol.TCP)
                    .flags(kind == 0 ? new TcpFlag[] {TcpFlag.SYN} : new TcpFlag[] {TcpFlag.ACK})
                    .source(IpAddress.ofIpv4(0x0A000000 + c), 1024 + (c % 50000)).destination(SERVER, 443)
                    .trafficDirection(Direction.EGRESS).reply(kind == 3).build();
        }
        AtomicLong counted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7919;
                fs.add(pool.submit(() -> {
                    long local = 0;
                    for (int i = 0; i < perThread; i++) {
                        for (AggregatedEvent a : agg.offer(events[(offset + i) % events.length])) {
                            local += a.count();
                        }
                    }
                    counted.addAndGet(local);
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (AggregatedEvent a : agg.flush()) {
            counted.addAndGet(a.count());
        }
        assertThat(counted.get()).isEqualTo((long) threads * perThread);
    }
}
