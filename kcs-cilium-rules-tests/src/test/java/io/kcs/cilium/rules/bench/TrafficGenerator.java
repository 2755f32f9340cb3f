package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.events.EventVerdict;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.events.TcpFlag;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Instant;

/**
 * Endless, deterministic TCP traffic in time order for the aggregation benchmark: {@code slots} concurrently open
 * connections from distinct client addresses to one server, visited round robin, one event every
 * {@code stepNanos} of simulated time (so time always advances and intervals elapse). Each connection opens
 * (SYN, SYN+ACK), exchanges ACK+PSH data in both halves for a random 10 to 2,000 packets, and then closes with FIN on
 * both halves (86%), RST (10%), or goes silent without closing (4%, so that idle expiry reports it); 1% of data
 * packets are dropped. A closed or abandoned connection's slot opens a new connection on the next client port.
 *
 * <p>With 10,000 slots and a 20 us step, each connection sends every 200 ms of simulated time, so a 5 s
 * aggregation interval merges about 25 packets per connection half between interval reports. Not thread-safe: one
 * generator per thread.
 */
final class TrafficGenerator {

    private static final IpAddress SERVER = IpAddress.parse("10.96.0.10");
    private static final int SERVER_PORT = 443;
    private static final int SYN = TcpFlag.SYN.bit();
    private static final int SYN_ACK = TcpFlag.SYN.bit() | TcpFlag.ACK.bit();
    private static final int DATA = TcpFlag.ACK.bit() | TcpFlag.PSH.bit();
    private static final int FIN = TcpFlag.FIN.bit() | TcpFlag.ACK.bit();
    private static final int RST = TcpFlag.RST.bit();

    private final IpAddress[] clients;
    private final int[] port;
    private final int[] sent;
    private final int[] length;
    private final int[] ending; // 0 FIN, 1 RST, 2 silent
    private final long stepNanos;
    private long nanos;
    private long seed;
    private int next;

    /**
     * @param thread distinguishes the client address range of concurrent generators (10.{thread+1}.x.x)
     */
    TrafficGenerator(int thread, int slots, long stepNanos, Instant start) {
        this.clients = new IpAddress[slots];
        this.port = new int[slots];
        this.sent = new int[slots];
        this.length = new int[slots];
        this.ending = new int[slots];
        this.stepNanos = stepNanos;
        this.nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        this.seed = 0x9E3779B97F4A7C15L * (thread + 1);
        for (int i = 0; i < slots; i++) {
            clients[i] = IpAddress.ofIpv4(0x0A000000 | ((thread + 1) & 0xFF) << 16 | i);
            port[i] = 30_000 + (i % 1000) * 30;
            open(i);
        }
    }

    private long random() {
        long x = seed;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        seed = x;
        return x >>> 1;
    }

    private void open(int i) {
        sent[i] = 0;
        length[i] = 10 + (int) (random() % 1991);
        long e = random() % 100;
        ending[i] = e < 86 ? 0 : e < 96 ? 1 : 2;
        port[i] = port[i] >= 65_000 ? 30_000 + i % 1000 : port[i] + 1;
    }

    /** The next event, 1 step of simulated time after the previous one. */
    NetworkEvent next() {
        int i = next;
        next = i + 1 == clients.length ? 0 : i + 1;
        nanos += stepNanos;
        int k = sent[i]++;
        int n = length[i];
        int end = ending[i];
        boolean reply;
        int flags;
        EventVerdict verdict = EventVerdict.FORWARDED;
        if (k == 0) {
            reply = false;
            flags = SYN;
        } else if (k == 1) {
            reply = true;
            flags = SYN_ACK;
        } else if (end == 0 && k >= n - 2) {
            reply = k == n - 1;
            flags = FIN;
        } else if (end == 1 && k == n - 2) {
            reply = false;
            flags = RST;
        } else {
            reply = (k & 1) == 1;
            flags = DATA;
            if (random() % 100 == 0) {
                verdict = EventVerdict.DROPPED;
            }
        }
        NetworkEvent.Builder b = NetworkEvent.builder()
                .timestamp(Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L))
                .protocol(Protocol.TCP).flagBits(flags).trafficDirection(Direction.EGRESS).reply(reply)
                .verdict(verdict);
        NetworkEvent e = (reply ? b.source(SERVER, SERVER_PORT).destination(clients[i], port[i])
                : b.source(clients[i], port[i]).destination(SERVER, SERVER_PORT)).build();
        if (k == (end == 1 ? n - 2 : n - 1)) {
            open(i); // after FIN on both halves, after the RST (the reply half idles out), or silently
        }
        return e;
    }
}
