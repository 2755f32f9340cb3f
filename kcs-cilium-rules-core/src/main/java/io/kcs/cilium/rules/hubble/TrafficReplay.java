package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.PolicyNotApplicableException;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.hubble.ConnectionPolicy.Decision;
import io.kcs.cilium.rules.hubble.ReplayReport.Counts;
import io.kcs.cilium.rules.hubble.ReplayReport.DeniedConnection;
import io.kcs.cilium.rules.hubble.ReplayReport.PeerCount;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What-if replay: observed Hubble flows of one workload against a candidate policy, before it is enforced. Each flow
 * is seen from the workload ({@link WorkloadView}: egress when the workload opened the connection, replies with
 * their connection) and decided by the candidate ({@link ConnectionPolicy}, e.g. a compiled {@link RuntimeProfile});
 * the {@link ReplayReport} counts per direction what would be allowed and denied, names the peers denied most, and
 * lists every denied connection with its explanation. Flows Cilium already dropped are counted apart (what the
 * cluster blocks today vs what the candidate would block), and flows of other workloads are skipped and counted.
 *
 * <p>DNS: the answers in L7 DNS flows ({@code l7.dns.ips}, with {@code ttl}) of connections the workload opened are
 * fed to the replay's {@link DnsCache} at the flow's time, before later flows are decided, so FQDN exceptions select
 * exactly the addresses Cilium's DNS proxy would have learned by then. Flows should come in time order (Hubble's
 * order).
 *
 * <p>Pluggable: {@link #forProfile} replays against a runtime profile; {@link #create} against any
 * {@link ConnectionPolicy} built over the replay's DNS cache, which is how a policy-set engine (a
 * {@code PolicyEngine} for CiliumNetworkPolicies, when there is one) plugs in without changing the replay.
 *
 * <pre>{@code
 * TrafficReplay replay = TrafficReplay.forProfile(profile, CiliumAgentConfig.defaults(),
 *         WorkloadView.of(Workload.of("shop", Map.of("app", "web")), ServiceCatalog.empty()));
 * try (FlowReader r = HubbleFlows.open(in, problems::add)) {
 *     for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
 *         replay.accept(f.get());
 *     }
 * }
 * ReplayReport report = replay.report();
 * }</pre>
 *
 * <p>Memory is bounded by {@link Options}: tracked connections, listed denied connections and tracked peers; beyond
 * those, counts go on and the report says what was not tracked. Mutable and not thread-safe: one replay per thread.
 */
public final class TrafficReplay {

    private final WorkloadView view;
    private final DnsCache dns;
    private final ConnectionPolicy policy;
    private final Options options;
    private final WorkloadView.PeerCache peers = new WorkloadView.PeerCache();
    private final Map<ConnKey, ConnState> connections = new HashMap<>();
    private final ConnKey probe = new ConnKey(); // the key looked up; a copy is stored
    private final Map<PeerKey, long[]> deniedPeers = new HashMap<>();
    private final List<DeniedAcc> denied = new ArrayList<>();
    private final long[][] counts = new long[4][4]; // [dropped*2 + egress][flowsAllowed, flowsDenied, connA, connD]
    private long deniedNotListed;
    private boolean exact = true;
    private long others;
    private long dnsAnswers;
    private long dnsRefused;

    private TrafficReplay(WorkloadView view, DnsCache dns, ConnectionPolicy policy, Options options) {
        this.view = view;
        this.dns = dns;
        this.policy = policy;
        this.options = options;
    }

    /**
     * A replay against {@code profile} on an agent with {@code config}.
     *
     * @throws PolicyNotApplicableException when the profile cannot be applied with that configuration
     */
    public static TrafficReplay forProfile(RuntimeProfile profile, CiliumAgentConfig config, WorkloadView view) {
        return forProfile(profile, config, view, Options.defaults());
    }

    /**
     * A replay against {@code profile} with {@code options}.
     *
     * @throws PolicyNotApplicableException when the profile cannot be applied with that configuration
     */
    public static TrafficReplay forProfile(RuntimeProfile profile, CiliumAgentConfig config, WorkloadView view,
            Options options) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(config, "config");
        return create(view, cache -> ConnectionPolicy.of(PolicyEvaluator.compile(profile, config, cache)), options);
    }

    /**
     * A replay against the policy {@code policyOverCache} builds over the replay's (initially empty) DNS cache.
     *
     * @throws NullPointerException when an argument is null or the function returns null
     */
    public static TrafficReplay create(WorkloadView view, Function<DnsCache, ConnectionPolicy> policyOverCache,
            Options options) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(options, "options");
        DnsCache cache = DnsCache.create();
        ConnectionPolicy policy = Objects.requireNonNull(policyOverCache.apply(cache), "policy");
        return new TrafficReplay(view, cache, policy, options);
    }

    /** The DNS cache fed from the replayed flows. */
    public DnsCache dnsCache() {
        return dns;
    }

    /**
     * Replays one flow: feeds its DNS answers, decides it, counts it. Returns the decision, empty when the flow is
     * not the workload's.
     */
    public Optional<Decision> accept(HubbleFlow flow) {
        WorkloadFlow wf = view.view(Objects.requireNonNull(flow, "flow"), peers);
        if (wf == null) {
            others++;
            return Optional.empty();
        }
        feedDns(wf);
        Decision d = policy.decide(wf.packet(), flow.time());
        count(wf, d);
        return Optional.of(d);
    }

    private void feedDns(WorkloadFlow wf) {
        Optional<HubbleFlow.DnsAnswer> a = wf.flow().dns();
        if (a.isEmpty() || a.get().ips().isEmpty() || wf.direction() != Direction.EGRESS) {
            return;
        }
        dnsAnswers++;
        if (!feed(dns, a.get(), wf.flow())) {
            dnsRefused++;
        }
    }

    /** Feeds one answer; false when the cache refuses it. Shared with {@link ProfileLearner}. */
    static boolean feed(DnsCache dns, HubbleFlow.DnsAnswer a, HubbleFlow flow) {
        try {
            dns.observe(a.query(), a.ips(), Duration.ofSeconds(a.ttl()), flow.time());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void count(WorkloadFlow wf, Decision d) {
        HubbleFlow f = wf.flow();
        boolean dropped = f.dropped();
        boolean egress = wf.direction() == Direction.EGRESS;
        long[] c = counts[(dropped ? 2 : 0) + (egress ? 1 : 0)];
        c[d.allowed() ? 0 : 1]++;
        IpAddress local = wf.sourceIsLocal() ? f.sourceIp() : f.destinationIp();
        probe.set(dropped, wf.direction(), f.protocol(), local, wf.localPort(), wf.remoteIp(), wf.remotePort());
        ConnState state = connections.get(probe);
        if (state == null) {
            c[d.allowed() ? 2 : 3]++;
            state = new ConnState(d.allowed());
            if (connections.size() < options.maxTrackedConnections()) {
                connections.put(probe.copy(), state);
            } else {
                exact = false;
            }
            if (!d.allowed() && !dropped) {
                String peer = wf.remote().describe();
                long[] pc = deniedPeers.get(new PeerKey(wf.direction(), peer));
                if (pc == null && deniedPeers.size() < options.maxTrackedPeers()) {
                    pc = new long[2];
                    deniedPeers.put(new PeerKey(wf.direction(), peer), pc);
                }
                if (pc != null) {
                    pc[0]++;
                }
                if (denied.size() < options.maxListedDenied()) {
                    state.denied = new DeniedAcc(wf, peer, d.explanation());
                    denied.add(state.denied);
                } else {
                    deniedNotListed++;
                }
                state.peerCounts = pc;
            }
        }
        if (!d.allowed() && !dropped) {
            if (state.denied != null) {
                state.denied.flows++;
            }
            if (state.peerCounts != null) {
                state.peerCounts[1]++;
            }
        }
    }

    /** The report of everything replayed so far. */
    public ReplayReport report() {
        List<PeerCount> top = new ArrayList<>();
        deniedPeers.forEach((k, v) -> top.add(new PeerCount(k.direction, k.peer, v[0], v[1])));
        top.sort(Comparator.comparingLong(PeerCount::connections).reversed()
                .thenComparing(Comparator.comparingLong(PeerCount::flows).reversed())
                .thenComparing(PeerCount::peer));
        List<DeniedConnection> list = new ArrayList<>(denied.size());
        for (DeniedAcc a : denied) {
            list.add(a.toRecord());
        }
        return new ReplayReport(counts(0), counts(1), counts(2), counts(3),
                top.subList(0, Math.min(top.size(), options.topPeers())), list, deniedNotListed, exact, others,
                dnsAnswers, dnsRefused);
    }

    private Counts counts(int i) {
        long[] c = counts[i];
        return new Counts(c[0], c[1], c[2], c[3]);
    }

    /**
     * Limits of a replay.
     *
     * <p>Immutable and thread-safe.
     *
     * @param maxTrackedConnections distinct connections remembered (default 1,000,000, about 100 MB at most)
     * @param maxListedDenied denied connections listed in the report (default 10,000)
     * @param maxTrackedPeers distinct denied peers counted (default 100,000)
     * @param topPeers peers in {@link ReplayReport#topDeniedPeers()} (default 10)
     */
    public record Options(int maxTrackedConnections, int maxListedDenied, int maxTrackedPeers, int topPeers) {

        /** @throws IllegalArgumentException when a limit is negative */
        public Options {
            if ((maxTrackedConnections | maxListedDenied | maxTrackedPeers | topPeers) < 0) {
                throw new IllegalArgumentException("limits must be 0 or more");
            }
        }

        /** The defaults. */
        public static Options defaults() {
            return new Options(1_000_000, 10_000, 100_000, 10);
        }

        /** These options listing at most {@code n} denied connections. */
        public Options withMaxListedDenied(int n) {
            return new Options(maxTrackedConnections, n, maxTrackedPeers, topPeers);
        }

        /** These options with {@code n} top peers. */
        public Options withTopPeers(int n) {
            return new Options(maxTrackedConnections, maxListedDenied, maxTrackedPeers, n);
        }

        /** These options tracking at most {@code n} connections. */
        public Options withMaxTrackedConnections(int n) {
            return new Options(n, maxListedDenied, maxTrackedPeers, topPeers);
        }
    }

    /**
     * A connection: the 5-tuple seen from the workload, its direction and whether Cilium dropped it; hash kept. The
     * replay's probe is set for each flow and copied only when stored, so a lookup allocates nothing.
     */
    private static final class ConnKey {
        private int bits; // dropped, direction, protocol
        private int ports;
        private IpAddress local;
        private IpAddress remote;
        private int hash;

        void set(boolean dropped, Direction direction, Protocol protocol, IpAddress local, int localPort,
                IpAddress remote, int remotePort) {
            this.bits = (dropped ? 1 : 0) | direction.ordinal() << 1 | protocol.ordinal() << 2;
            this.ports = localPort << 16 | remotePort;
            this.local = local;
            this.remote = remote;
            this.hash = ((bits * 31 + ports) * 31 + local.hashCode()) * 31 + remote.hashCode();
        }

        ConnKey copy() {
            ConnKey k = new ConnKey();
            k.bits = bits;
            k.ports = ports;
            k.local = local;
            k.remote = remote;
            k.hash = hash;
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConnKey k && k.hash == hash && k.bits == bits && k.ports == ports
                    && k.local.equals(local) && k.remote.equals(remote);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record PeerKey(Direction direction, String peer) {}

    private static final class ConnState {
        final boolean allowed;
        DeniedAcc denied;
        long[] peerCounts;

        ConnState(boolean allowed) {
            this.allowed = allowed;
        }
    }

    private static final class DeniedAcc {
        final WorkloadFlow first;
        final String peer;
        final String explanation;
        long flows;

        DeniedAcc(WorkloadFlow first, String peer, String explanation) {
            this.first = first;
            this.peer = peer;
            this.explanation = explanation;
        }

        DeniedConnection toRecord() {
            HubbleFlow f = first.flow();
            return new DeniedConnection(first.direction(), peer, f.protocol(), first.remoteIp(), first.remotePort(),
                    first.localPort(), f.line(), f.time(), flows, explanation);
        }
    }

    @Override
    public String toString() {
        return "TrafficReplay[" + view + "]";
    }
}
