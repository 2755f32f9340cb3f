package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Who may reach whom on which ports: every ordered pair of distinct workloads traced by a {@link PolicyEngine} on
 * each port the destination offers (its {@link Probe}s), as a compact bit matrix; {@link #trace(int, int, int)}
 * re-traces one cell with its explanation.
 *
 * <pre>{@code
 * ConnectivityMap map = ConnectivityMap.of(engine, List.of(web, db), ConnectivityMap::namedPortProbes, now, 1);
 * map.allowed(0, 1, 0);        // may web reach db on db's first port?
 * map.reachable();             // every allowed (source, destination, probe)
 * }</pre>
 *
 * <p>What it does not do: no L7 requests, no replies (they skip policy), no pairs of a workload with itself.
 * Immutable after {@link #of}; thread-safe.
 */
public final class ConnectivityMap {

    /** At most this many workloads (a bound on the matrix size). */
    public static final int MAX_WORKLOADS = 10_000;
    /** At most this many probes per destination. */
    public static final int MAX_PROBES = 64;

    /**
     * One port a destination is probed on.
     *
     * @param protocol the L4 protocol
     * @param port the port, or the ICMP type
     */
    public record Probe(Protocol protocol, int port) {
        /** @throws IllegalArgumentException when the port is outside 0-65535 */
        public Probe {
            Objects.requireNonNull(protocol, "protocol");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("probe port " + port + " is outside 0-65535");
            }
        }

        /** A TCP probe. */
        public static Probe tcp(int port) {
            return new Probe(Protocol.TCP, port);
        }

        @Override
        public String toString() {
            return port + "/" + protocol.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One allowed flow of the map.
     *
     * @param source index of the source workload
     * @param destination index of the destination workload
     * @param probe the port
     */
    public record Reach(int source, int destination, Probe probe) {
    }

    private final PolicyEngine engine;
    private final List<Peer> workloads;
    private final List<List<Probe>> probes;
    private final Instant now;
    private final int[] offsets; // first bit of destination j's probes within a source row
    private final int rowBits;
    private final BitSet allowed;

    private ConnectivityMap(PolicyEngine engine, List<Peer> workloads, List<List<Probe>> probes, Instant now,
            BitSet allowed, int[] offsets, int rowBits) {
        this.engine = engine;
        this.workloads = workloads;
        this.probes = probes;
        this.now = now;
        this.allowed = allowed;
        this.offsets = offsets;
        this.rowBits = rowBits;
    }

    /** The TCP probes of a pod's named container ports (sorted by port), none for other peers. */
    public static List<Probe> namedPortProbes(Peer peer) {
        if (!(peer instanceof Peer.Pod p)) {
            return List.of();
        }
        return p.namedPorts().values().stream().distinct().sorted().map(Probe::tcp).toList();
    }

    /** The same probes for every destination. */
    public static ConnectivityMap of(PolicyEngine engine, Collection<? extends Peer> workloads, List<Probe> probes,
            Instant now) {
        List<Probe> copy = List.copyOf(probes);
        return of(engine, workloads, p -> copy, now, 1);
    }

    /**
     * Traces every ordered pair of distinct workloads on each of the destination's probes.
     *
     * @param probesOf the ports each destination is probed on (at most {@link #MAX_PROBES})
     * @param threads how many threads trace (1: the caller's thread only; more: a pool of that many threads, made
     *     and shut down by this call); the map is the same for every count
     * @throws IllegalArgumentException when there are more than {@link #MAX_WORKLOADS} workloads, too many probes,
     *     or {@code threads < 1}
     */
    public static ConnectivityMap of(PolicyEngine engine, Collection<? extends Peer> workloads,
            Function<? super Peer, List<Probe>> probesOf, Instant now, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " is below 1");
        }
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(probesOf, "probesOf");
        Objects.requireNonNull(now, "now");
        if (threads == 1 || workloads.size() < 2) {
            return of(engine, workloads, probesOf, now, Runnable::run, 1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return of(engine, workloads, probesOf, now, pool, threads);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Traces every ordered pair of distinct workloads on each of the destination's probes, in {@code parallelism}
     * parts (by rows of sources, a few per thread) run on {@code executor}; the caller waits for them. The map is the
     * same for every executor and parallelism ({@link PolicyEngine#allows} is thread-safe).
     *
     * <pre>{@code
     * ExecutorService pool = Executors.newFixedThreadPool(4);
     * ConnectivityMap map = ConnectivityMap.of(engine, workloads, ConnectivityMap::namedPortProbes, now, pool, 4);
     * }</pre>
     *
     * @param probesOf the ports each destination is probed on (at most {@link #MAX_PROBES})
     * @param executor runs the parts (e.g. a fixed pool; {@code Runnable::run} runs them on the caller's thread)
     * @param parallelism how many threads the executor is expected to give (1 or more): the work is split into
     *     about four parts per thread so that uneven rows even out
     * @throws IllegalArgumentException when there are more than {@link #MAX_WORKLOADS} workloads, too many probes,
     *     or {@code parallelism < 1}
     * @throws java.util.concurrent.RejectedExecutionException when the executor refuses a part
     * @throws IllegalStateException when interrupted while waiting
     */
    public static ConnectivityMap of(PolicyEngine engine, Collection<? extends Peer> workloads,
            Function<? super Peer, List<Probe>> probesOf, Instant now, Executor executor, int parallelism) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(probesOf, "probesOf");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(executor, "executor");
        List<Peer> peers = List.copyOf(workloads);
        if (peers.size() > MAX_WORKLOADS) {
            throw new IllegalArgumentException(peers.size() + " workloads, more than " + MAX_WORKLOADS);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is below 1");
        }
        List<List<Probe>> probes = new ArrayList<>(peers.size());
        int[] offsets = new int[peers.size() + 1];
        for (int j = 0; j < peers.size(); j++) {
            List<Probe> p = List.copyOf(probesOf.apply(peers.get(j)));
            if (p.size() > MAX_PROBES) {
                throw new IllegalArgumentException(peers.get(j).describe() + " has " + p.size()
                        + " probes, more than " + MAX_PROBES);
            }
            probes.add(p);
            offsets[j + 1] = offsets[j] + p.size();
        }
        int rowBits = offsets[peers.size()];
        if ((long) rowBits * peers.size() > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(peers.size() + " workloads with " + rowBits
                    + " probes in all: more cells than a map holds (" + Integer.MAX_VALUE + ")");
        }
        BitSet allowed = new BitSet((int) Math.min(Integer.MAX_VALUE, (long) rowBits * peers.size()));
        if (parallelism == 1 || peers.size() < 2) {
            fill(engine, peers, probes, offsets, rowBits, now, 0, peers.size(), allowed);
        } else {
            List<CompletableFuture<BitSet>> parts = new ArrayList<>();
            int chunk = Math.max(1, peers.size() / (parallelism * 4));
            for (int from = 0; from < peers.size(); from += chunk) {
                int f = from;
                int t = Math.min(peers.size(), from + chunk);
                parts.add(CompletableFuture.supplyAsync(() -> {
                    BitSet part = new BitSet();
                    fill(engine, peers, probes, offsets, rowBits, now, f, t, part);
                    return part;
                }, executor));
            }
            try {
                for (CompletableFuture<BitSet> part : parts) {
                    allowed.or(part.get());
                }
            } catch (InterruptedException e) {
                parts.forEach(p -> p.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while tracing the connectivity map", e);
            } catch (ExecutionException e) {
                parts.forEach(p -> p.cancel(true));
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
        return new ConnectivityMap(engine, peers, List.copyOf(probes), now, allowed, offsets, rowBits);
    }

    private static void fill(PolicyEngine engine, List<Peer> peers, List<List<Probe>> probes, int[] offsets,
            int rowBits, Instant now, int from, int to, BitSet out) {
        for (int i = from; i < to; i++) {
            Peer src = peers.get(i);
            for (int j = 0; j < peers.size(); j++) {
                if (i == j) {
                    continue;
                }
                Peer dst = peers.get(j);
                List<Probe> ps = probes.get(j);
                for (int k = 0; k < ps.size(); k++) {
                    Probe p = ps.get(k);
                    if (engine.allows(src, dst, p.protocol(), p.port(), now)) {
                        out.set(i * rowBits + offsets[j] + k);
                    }
                }
            }
        }
    }

    /** The workloads, in the order given (indices of the other methods). */
    public List<Peer> workloads() {
        return workloads;
    }

    /** The probes of destination {@code j}. */
    public List<Probe> probes(int destination) {
        return probes.get(destination);
    }

    /**
     * Whether workload {@code source} may open a flow to {@code destination} on its probe {@code probe}.
     *
     * @throws IndexOutOfBoundsException when an index is out of range
     */
    public boolean allowed(int source, int destination, int probe) {
        Objects.checkIndex(source, workloads.size());
        Objects.checkIndex(destination, workloads.size());
        Objects.checkIndex(probe, probes.get(destination).size());
        return source != destination && allowed.get(source * rowBits + offsets[destination] + probe);
    }

    /** The full trace of one cell, with its explanation (traced again). */
    public Trace trace(int source, int destination, int probe) {
        Probe p = probes.get(destination).get(probe);
        return engine.trace(workloads.get(source), workloads.get(destination), p.protocol(), p.port(), now);
    }

    /** Every allowed (source, destination, probe), by source, then destination, then probe. */
    public List<Reach> reachable() {
        List<Reach> out = new ArrayList<>();
        for (int b = allowed.nextSetBit(0); b >= 0; b = allowed.nextSetBit(b + 1)) {
            int i = b / rowBits;
            int rest = b % rowBits;
            int j = 0;
            while (offsets[j + 1] <= rest) {
                j++;
            }
            out.add(new Reach(i, j, probes.get(j).get(rest - offsets[j])));
        }
        return out;
    }

    /** How many (source, destination, probe) cells the map has. */
    public long cells() {
        return (long) rowBits * workloads.size() - selfCells();
    }

    private long selfCells() {
        long n = 0;
        for (int j = 0; j < workloads.size(); j++) {
            n += probes.get(j).size();
        }
        return n;
    }

    /** How many cells are allowed. */
    public int allowedCount() {
        return allowed.cardinality();
    }

    @Override
    public String toString() {
        return "ConnectivityMap[" + workloads.size() + " workloads, " + allowedCount() + "/" + cells()
                + " allowed]";
    }
}
