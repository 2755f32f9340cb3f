package io.kcs.cilium.rules.events;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Merges identical network events as Cilium's datapath does with {@code monitor-aggregation} ({@code medium} and
 * above), so that event counts match what Hubble shows, without ever losing a count.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@code none}, {@code lowest}, {@code low}: every event is reported with count 1. Drops are always reported
 *       with count 1 and never merged, at every level.
 *   <li>{@code medium}, {@code maximum}: events are keyed by connection 5-tuple (as seen from the opener) and reply
 *       half. The first event of a key reports ({@link ReportReason#NEW_CONNECTION}). A later event reports only when
 *       the interval has passed since the key's last report ({@code lastReport + interval < now} in whole seconds, as
 *       {@code bpf/lib/conntrack.h} compares them), or it carries a report flag the key has not seen yet, or it is a
 *       TCP FIN or RST, which closes the connection half and ends the key. Otherwise it is merged: counted in the
 *       key's next report.
 *   <li>Time comes only from event timestamps (replays are deterministic); an event older than the key's last report
 *       is merged, never a negative interval.
 *   <li>Conservation: the counts of everything {@link #offer} and {@link #flush} return add up to the number of
 *       events offered. A key idle for longer than the interval, measured against the latest timestamp offered so
 *       far ({@code lastSeen + interval < latest} in whole seconds, the comparison of reports), is expired and its
 *       merged count reported ({@link ReportReason#IDLE_EXPIRED}) by the next {@code offer} or {@code flush},
 *       whichever key that offer is for; a late event of an untracked key that is already idle by that measure is
 *       reported and not kept. When more than {@code maxConnections} keys are tracked, the least recently active is
 *       evicted and its merged count reported ({@link ReportReason#EVICTED}).
 * </ul>
 *
 * <pre>{@code
 * EventAggregator agg = EventAggregator.create(AggregationSettings.helmDefaults());
 * agg.offer(syn);    // [NEW_CONNECTION x1]
 * agg.offer(data1);  // []  (merged)
 * agg.offer(data2);  // []  (merged)
 * agg.offer(fin);    // [CONNECTION_CLOSED x3]
 * }</pre>
 *
 * <p>What it does not do: no wall clock, no threads of its own, no per-CPU races of the datapath (it is exact).
 * Thread-safe: {@link #offer} may be called concurrently; keys are spread over lock stripes. Memory is bounded by
 * {@code maxConnections} (about 130 bytes per tracked key).
 */
public final class EventAggregator {

    /** Default bound on tracked connection halves. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1 << 20;

    private static final int MAX_STRIPES = 256;
    private static final int FIN_RST = TcpFlag.FIN.bit() | TcpFlag.RST.bit();
    private static final long NANOS = 1_000_000_000L;

    private final AggregationSettings settings;
    private final boolean aggregates;
    private final long interval; // whole seconds
    private final int reportMask;
    private final int maxPerStripe;
    private final Stripe[] stripes;
    private final int stripeMask;
    private final AtomicLong latestSecond = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong earliestDeadline = new AtomicLong(Long.MAX_VALUE);

    private EventAggregator(AggregationSettings settings, int maxConnections) {
        this.settings = settings;
        this.aggregates = settings.level().aggregates();
        this.interval = settings.intervalSeconds();
        this.reportMask = settings.reportFlagBits();
        // as many lock stripes as keep at least 64 keys per stripe, up to 256
        int n = Integer.highestOneBit(Math.max(1, Math.min(MAX_STRIPES, maxConnections / 64)));
        this.stripes = new Stripe[n];
        this.stripeMask = n - 1;
        this.maxPerStripe = Math.max(1, maxConnections / n);
        for (int i = 0; i < n; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** An aggregator with {@value #DEFAULT_MAX_CONNECTIONS} tracked connection halves at most. */
    public static EventAggregator create(AggregationSettings settings) {
        return create(settings, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * An aggregator tracking at most about {@code maxConnections} connection halves (split evenly over up to 256
     * lock stripes, each evicting on its own, so the bound is rounded down to a multiple of the stripe count).
     *
     * @throws IllegalArgumentException when {@code maxConnections < 1}
     */
    public static EventAggregator create(AggregationSettings settings, int maxConnections) {
        Objects.requireNonNull(settings, "settings");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1: " + maxConnections);
        }
        return new EventAggregator(settings, maxConnections);
    }

    /** The settings. */
    public AggregationSettings settings() {
        return settings;
    }

    /** The number of connection halves currently tracked. */
    public int trackedConnections() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    /**
     * Takes one event; returns the reports it causes: none (merged), its own report, and reports of keys that
     * expired or were evicted meanwhile.
     */
    public List<AggregatedEvent> offer(NetworkEvent event) {
        Objects.requireNonNull(event, "event");
        long nanos = event.epochNanos();
        long second = Math.floorDiv(nanos, NANOS);
        long latest = advance(second);
        AggregatedEvent own;
        List<AggregatedEvent> side = null;
        if (event.verdict() == EventVerdict.DROPPED) {
            own = new AggregatedEvent(event, 1, nanos, nanos, event.flagBits(), ReportReason.DROPPED);
        } else if (!aggregates) {
            own = new AggregatedEvent(event, 1, nanos, nanos, event.flagBits(), ReportReason.NOT_AGGREGATED);
        } else {
            Key k = Key.of(event);
            Stripe s = stripes[(k.hash >>> 16) & stripeMask];
            synchronized (s) {
                Node n = s.find(k);
                if (n == null) {
                    if (s.size >= maxPerStripe) {
                        Node victim = s.lruHead;
                        s.remove(victim);
                        if (victim.pending > 0) {
                            side = add(side, pendingReport(victim, ReportReason.EVICTED));
                        }
                    }
                    own = new AggregatedEvent(event, 1, nanos, nanos, event.flagBits(), ReportReason.NEW_CONNECTION);
                    if (!closes(event)) {
                        n = new Node(k, second, event.flagBits() & reportMask, nanos);
                        s.insert(n);
                    }
                } else {
                    own = update(s, n, event, nanos, second);
                }
                s.refreshDeadline(interval, earliestDeadline);
            }
        }
        if (latest > earliestDeadline.get()) {
            side = expire(side, latest);
        }
        if (side == null) {
            return own == null ? List.of() : List.of(own);
        }
        if (own != null) {
            side.add(0, own);
        }
        return side;
    }

    /** Updates a known key; returns its report or null when merged. Under the stripe lock. */
    private AggregatedEvent update(Stripe s, Node n, NetworkEvent event, long nanos, long second) {
        int bits = event.flagBits();
        int seen = n.flagsSeen | (bits & reportMask);
        ReportReason reason = null;
        if (closes(event)) {
            reason = ReportReason.CONNECTION_CLOSED;
        } else if (n.lastReportSecond + interval < second) {
            reason = ReportReason.INTERVAL_ELAPSED;
        } else if (seen != n.flagsSeen) {
            reason = ReportReason.NEW_FLAG;
        }
        long seenBefore = n.lastSeenNanos;
        n.lastSeenNanos = Math.max(seenBefore, nanos);
        // The activity list is ordered by whole seconds, which is all expiry and eviction look at: a key already
        // moved this second stays where it is (saves three cache misses per event).
        boolean move = Math.floorDiv(n.lastSeenNanos, NANOS) != Math.floorDiv(seenBefore, NANOS);
        if (reason == null) {
            if (n.pending == 0) {
                n.firstNanos = nanos;
                n.lastNanos = nanos;
            } else {
                n.firstNanos = Math.min(n.firstNanos, nanos);
                n.lastNanos = Math.max(n.lastNanos, nanos);
            }
            n.pending++;
            n.pendingFlags |= bits;
            if (move) {
                s.touch(n);
            }
            return null;
        }
        long first = n.pending == 0 ? nanos : Math.min(n.firstNanos, nanos);
        long last = n.pending == 0 ? nanos : Math.max(n.lastNanos, nanos);
        AggregatedEvent report = new AggregatedEvent(event, n.pending + 1, first, last, n.pendingFlags | bits, reason);
        if (reason == ReportReason.CONNECTION_CLOSED) {
            s.remove(n);
        } else {
            n.pending = 0;
            n.pendingFlags = 0;
            n.lastReportSecond = second;
            n.flagsSeen = seen;
            if (move) {
                s.touch(n);
            }
        }
        return report;
    }

    private static boolean closes(NetworkEvent e) {
        return e.protocol() == Protocol.TCP && (e.flagBits() & FIN_RST) != 0;
    }

    /** Raises the latest second seen; returns it. Writes the shared counter only when time advances. */
    private long advance(long second) {
        long cur = latestSecond.get();
        return second > cur ? latestSecond.accumulateAndGet(second, Math::max) : cur;
    }

    /** Expires idle keys of every stripe against {@code now} (whole seconds). */
    private List<AggregatedEvent> expire(List<AggregatedEvent> out, long now) {
        earliestDeadline.set(Long.MAX_VALUE);
        for (Stripe s : stripes) {
            synchronized (s) {
                Node n = s.lruHead;
                while (n != null && Math.floorDiv(n.lastSeenNanos, NANOS) + interval < now) {
                    Node next = n.lruNext;
                    s.remove(n);
                    if (n.pending > 0) {
                        out = add(out, pendingReport(n, ReportReason.IDLE_EXPIRED));
                    }
                    n = next;
                }
                s.refreshDeadline(interval, earliestDeadline);
            }
        }
        return out;
    }

    /**
     * Reports every merged count still pending (reason {@link ReportReason#FLUSHED}) and every key that has expired;
     * keys stay tracked with nothing pending.
     */
    public List<AggregatedEvent> flush() {
        List<AggregatedEvent> out = expire(null, latestSecond.get());
        for (Stripe s : stripes) {
            synchronized (s) {
                for (Node n = s.lruHead; n != null; n = n.lruNext) {
                    if (n.pending > 0) {
                        out = add(out, pendingReport(n, ReportReason.FLUSHED));
                        n.pending = 0;
                        n.pendingFlags = 0;
                    }
                }
            }
        }
        return out == null ? List.of() : out;
    }

    private static List<AggregatedEvent> add(List<AggregatedEvent> list, AggregatedEvent e) {
        List<AggregatedEvent> l = list == null ? new ArrayList<>(2) : list;
        l.add(e);
        return l;
    }

    private static AggregatedEvent pendingReport(Node n, ReportReason reason) {
        return new AggregatedEvent(n.rebuild(), n.pending, n.firstNanos, n.lastNanos, n.pendingFlags, reason);
    }

    @Override
    public String toString() {
        return "EventAggregator[" + settings + ", tracked=" + trackedConnections() + "]";
    }

    /** A connection half: opener and responder address and port, protocol, reply half. */
    private static final class Key {
        final long a0;
        final long a1;
        final long b0;
        final long b1;
        final long meta;
        final int hash;

        private Key(long a0, long a1, long b0, long b1, long meta) {
            this.a0 = a0;
            this.a1 = a1;
            this.b0 = b0;
            this.b1 = b1;
            this.meta = meta;
            long h = a0 * 0x9E3779B97F4A7C15L + a1;
            h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b0;
            h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL + b1;
            h = (h ^ (h >>> 32)) * 0x9E3779B97F4A7C15L + meta;
            h ^= h >>> 33;
            this.hash = (int) (h ^ (h >>> 17));
        }

        static Key of(NetworkEvent e) {
            IpAddress a = e.openerAddress();
            IpAddress b = e.responderAddress();
            long meta = ((long) e.openerPort() << 48) | ((long) e.responderPort() << 32)
                    | (e.protocol().ordinal() << 8) | (e.reply() ? 1 : 0) | (a.isIpv4() ? 2 : 0)
                    | (e.trafficDirection() == Direction.EGRESS ? 4 : 0);
            return new Key(a.high(), a.low(), b.high(), b.low(), meta);
        }

        boolean same(Node n) {
            return n.hash == hash && n.a1 == a1 && n.b1 == b1 && n.meta == meta && n.a0 == a0 && n.b0 == b0;
        }
    }

    /** State of one tracked connection half. */
    private static final class Node {
        final long a0;
        final long a1;
        final long b0;
        final long b1;
        final long meta;
        final int hash;
        Node chain;
        Node lruPrev;
        Node lruNext;
        long lastReportSecond;
        int flagsSeen;
        int pendingFlags;
        long pending;
        long firstNanos;
        long lastNanos;
        long lastSeenNanos;

        Node(Key k, long second, int flagsSeen, long nanos) {
            this.a0 = k.a0;
            this.a1 = k.a1;
            this.b0 = k.b0;
            this.b1 = k.b1;
            this.meta = k.meta;
            this.hash = k.hash;
            this.lastReportSecond = second;
            this.flagsSeen = flagsSeen;
            this.lastSeenNanos = nanos;
        }

        /** The key's latest merged event, rebuilt from the key (flags: the merged events' flags). */
        NetworkEvent rebuild() {
            boolean v4 = (meta & 2) != 0;
            IpAddress opener = v4 ? IpAddress.ofIpv4((int) a1) : IpAddress.ofIpv6(a0, a1);
            IpAddress responder = v4 ? IpAddress.ofIpv4((int) b1) : IpAddress.ofIpv6(b0, b1);
            int openerPort = (int) (meta >>> 48) & 0xFFFF;
            int responderPort = (int) (meta >>> 32) & 0xFFFF;
            boolean reply = (meta & 1) != 0;
            Protocol protocol = Protocol.values()[(int) (meta >>> 8) & 0xFF];
            NetworkEvent.Builder b = NetworkEvent.builder()
                    .timestamp(java.time.Instant.ofEpochSecond(Math.floorDiv(lastNanos, NANOS),
                            Math.floorMod(lastNanos, NANOS)))
                    .protocol(protocol)
                    .trafficDirection((meta & 4) != 0 ? Direction.EGRESS : Direction.INGRESS)
                    .reply(reply)
                    .verdict(EventVerdict.FORWARDED)
                    .flagBits(protocol == Protocol.TCP ? pendingFlags : 0);
            if (reply) {
                b.source(responder, responderPort).destination(opener, openerPort);
            } else {
                b.source(opener, openerPort).destination(responder, responderPort);
            }
            return b.build();
        }
    }

    /** A chained hash table of nodes with a least-recently-active list. Guarded by its own monitor. */
    private static final class Stripe {
        // padding keeps stripes (and their monitors) on separate cache lines
        long p0, p1, p2, p3, p4, p5, p6, p7;
        Node[] table = new Node[64];
        int size;
        int growAt = 48; // three quarters of the table
        Node lruHead;
        Node lruTail;
        long q0, q1, q2, q3, q4, q5, q6, q7;

        Node find(Key k) {
            for (Node n = table[k.hash & (table.length - 1)]; n != null; n = n.chain) {
                if (k.same(n)) {
                    return n;
                }
            }
            return null;
        }

        void insert(Node n) {
            if (size == growAt) {
                grow();
            }
            int i = n.hash & (table.length - 1);
            n.chain = table[i];
            table[i] = n;
            size++;
            appendLru(n);
        }

        void remove(Node n) {
            int i = n.hash & (table.length - 1);
            Node prev = null;
            for (Node c = table[i]; c != null; prev = c, c = c.chain) {
                if (c == n) {
                    if (prev == null) {
                        table[i] = c.chain;
                    } else {
                        prev.chain = c.chain;
                    }
                    size--;
                    break;
                }
            }
            unlinkLru(n);
        }

        void touch(Node n) {
            if (lruTail != n) {
                unlinkLru(n);
                appendLru(n);
            }
        }

        private void appendLru(Node n) {
            n.lruPrev = lruTail;
            n.lruNext = null;
            if (lruTail == null) {
                lruHead = n;
            } else {
                lruTail.lruNext = n;
            }
            lruTail = n;
        }

        private void unlinkLru(Node n) {
            if (n.lruPrev == null) {
                lruHead = n.lruNext;
            } else {
                n.lruPrev.lruNext = n.lruNext;
            }
            if (n.lruNext == null) {
                lruTail = n.lruPrev;
            } else {
                n.lruNext.lruPrev = n.lruPrev;
            }
            n.lruPrev = null;
            n.lruNext = null;
        }

        private void grow() {
            Node[] old = table;
            Node[] t = new Node[old.length * 2];
            for (Node head : old) {
                Node n = head;
                while (n != null) {
                    Node next = n.chain;
                    int i = n.hash & (t.length - 1);
                    n.chain = t[i];
                    t[i] = n;
                    n = next;
                }
            }
            table = t;
            growAt <<= 1;
        }

        /** Publishes this stripe's earliest expiry second into {@code global} (a lower bound over stripes). */
        void refreshDeadline(long interval, AtomicLong global) {
            if (lruHead != null) {
                long d = Math.floorDiv(lruHead.lastSeenNanos, NANOS) + interval;
                if (d < global.get()) { // writes the shared deadline only when it moves
                    global.accumulateAndGet(d, Math::min);
                }
            }
        }
    }
}
