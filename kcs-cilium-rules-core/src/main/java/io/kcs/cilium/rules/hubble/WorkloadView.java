package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.hubble.HubbleFlow.Endpoint;
import io.kcs.cilium.rules.hubble.HubbleFlow.ServiceName;
import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns Hubble flows into {@link WorkloadFlow}s of one {@link Workload}: which side is the workload, who opened the
 * connection, and what the remote side is for Cilium's policy.
 *
 * <h2>Direction (semantics section 3)</h2>
 * A flow's {@code source}/{@code destination} are the packet's. The opener is the source of a request and the
 * destination of a reply ({@code is_reply: true}). The workload's direction is {@link Direction#EGRESS} when it is the
 * opener and {@link Direction#INGRESS} otherwise, so a reply from a peer the workload called is egress traffic (it
 * passes with its connection even when ingress is blocked). Hubble's {@code traffic_direction} is relative to the
 * endpoint that observed the packet (egress: the opener; ingress: the responder), which need not be the workload; it
 * decides only which side is meant when both sides are pods of the workload (the observed one; the opener when
 * the direction is unknown). An absent {@code is_reply} (Hubble leaves it unset on drop and policy-verdict events,
 * which policy only produces for requests) is read as a request. Flows in which neither side is the workload are
 * not the workload's ({@link #view} returns empty).
 *
 * <h2>The remote peer (Cilium {@code pkg/identity/numericidentity.go}, {@code pkg/labels})</h2>
 * In this order: {@code reserved:} labels ({@code kube-apiserver}, then {@code host}, {@code remote-node},
 * {@code health}, {@code init}, {@code ingress}, {@code unmanaged}, {@code world}/{@code world-ipv4}/
 * {@code world-ipv6}); else the numeric reserved identities 1 host, 2 world, 3 unmanaged, 4 health, 5 init,
 * 6 remote-node, 7 kube-apiserver, 8 ingress (the same numbers since Cilium 1.x), 9 world-ipv4 and 10 world-ipv6
 * (Cilium 1.15+, dual stack; earlier versions leave 9 and 10 unused); else a local-scope identity
 * (bits 24-31 = 1: a CIDR/FQDN identity, world; = 2: a remote node, bpf {@code IDENTITY_LOCAL_SCOPE_REMOTE_NODE});
 * else a namespace (the {@code namespace} field or the label {@code k8s:io.kubernetes.pod.namespace}) makes a
 * {@link Peer.Pod} with its valid {@code k8s:} labels; anything else (identity 0 or an unknown identity without a
 * namespace) is a world peer, as Cilium gives addresses it does not know the world identity. A world peer carries
 * the flow's names for its IP ({@code destination_names} / {@code source_names}); a kube-apiserver with
 * {@code reserved:world} is the external API server at its IP. A pod reached as a Service's backend
 * ({@code destination_service} or {@code source_service} of the remote side, same namespace) is
 * {@link Peer.Pod#viaService} with the Service's labels from the {@link ServiceCatalog} (none when unknown).
 *
 * <pre>{@code
 * WorkloadView view = WorkloadView.of(Workload.of("shop", Map.of("app", "web")), ServiceCatalog.empty());
 * Optional<WorkloadFlow> wf = view.view(flow);   // empty when the flow is not the workload's
 * }</pre>
 *
 * <p>Thread-safe; a view's results depend only on its workload, its catalog and the flow. It remembers the last
 * endpoints and addresses it saw (a bounded, lock-free memo keyed by instance, as a {@link FlowReader} gives equal
 * endpoints and addresses read from the same bytes as one instance), so that repeated peers are not built again.
 */
public final class WorkloadView {

    /** Numeric reserved identities, by number (index). */
    static final List<String> RESERVED_IDENTITIES = List.of("unknown", "host", "world", "unmanaged", "health",
            "init", "remote-node", "kube-apiserver", "ingress", "world-ipv4", "world-ipv6");

    private final Workload workload;
    private final ServiceCatalog services;
    private final SharedPeers shared = new SharedPeers();

    private WorkloadView(Workload workload, ServiceCatalog services) {
        this.workload = Objects.requireNonNull(workload, "workload");
        this.services = Objects.requireNonNull(services, "services");
    }

    /** A view for {@code workload}, with Service labels from {@code services}. */
    public static WorkloadView of(Workload workload, ServiceCatalog services) {
        return new WorkloadView(workload, services);
    }

    /** The workload. */
    public Workload workload() {
        return workload;
    }

    /** The Service labels used. */
    public ServiceCatalog services() {
        return services;
    }

    /** {@code flow} seen from the workload; empty when neither side is the workload. */
    public Optional<WorkloadFlow> view(HubbleFlow flow) {
        return Optional.ofNullable(view(flow, shared));
    }

    /** As {@link #view(HubbleFlow)}, null when not the workload's; pod peers are memoised in {@code cache}. */
    WorkloadFlow view(HubbleFlow flow, Peers cache) {
        boolean src = cache.matches(workload, flow.source());
        boolean dst = cache.matches(workload, flow.destination());
        if (!src && !dst) {
            return null;
        }
        boolean reply = flow.reply().orElse(false);
        boolean sourceIsOpener = !reply;
        boolean localIsSource;
        if (src && dst) {
            // both pods are the workload: the observed endpoint (egress: the opener, ingress: the responder)
            boolean observedIsOpener = flow.trafficDirection().orElse(Direction.EGRESS) == Direction.EGRESS;
            localIsSource = observedIsOpener == sourceIsOpener;
        } else {
            localIsSource = src;
        }
        boolean localIsOpener = localIsSource == sourceIsOpener;
        Direction direction = localIsOpener ? Direction.EGRESS : Direction.INGRESS;
        Endpoint remote = localIsSource ? flow.destination() : flow.source();
        IpAddress remoteIp = localIsSource ? flow.destinationIp() : flow.sourceIp();
        List<String> names = localIsSource ? flow.destinationNames() : flow.sourceNames();
        Optional<ServiceName> service = localIsSource ? flow.destinationService() : flow.sourceService();
        Peer peer = peer(remote, remoteIp, names, service, services, cache);
        return new WorkloadFlow(flow, direction, reply, peer, remoteIp);
    }

    /** What Cilium's policy sees of endpoint {@code e} at {@code ip}. */
    static Peer peer(Endpoint e, IpAddress ip, List<String> names, Optional<ServiceName> service,
            ServiceCatalog services, Peers cache) {
        List<String> labels = e.labels();
        int reserved = Labels.reserved(labels);
        if (reserved != 0) {
            boolean world = (reserved & Labels.WORLD) != 0;
            if ((reserved & Labels.KUBE_APISERVER) != 0) {
                return world ? Peer.kubeApiserver(ip) : Peer.kubeApiserver();
            }
            if ((reserved & Labels.HOST) != 0) {
                return Peer.host(ip);
            }
            if ((reserved & Labels.REMOTE_NODE) != 0) {
                return Peer.remoteNode(ip);
            }
            if ((reserved & Labels.HEALTH) != 0) {
                return Peer.health();
            }
            if ((reserved & Labels.INIT) != 0) {
                return Peer.init();
            }
            if ((reserved & Labels.INGRESS) != 0) {
                return Peer.ingress();
            }
            if ((reserved & Labels.UNMANAGED) != 0) {
                return Peer.unmanaged(ip);
            }
            if (world) {
                return world(ip, names, cache);
            }
        }
        long id = e.identity();
        if (id >= 1 && id < RESERVED_IDENTITIES.size()) {
            return switch ((int) id) {
                case 1 -> Peer.host(ip);
                case 3 -> Peer.unmanaged(ip);
                case 4 -> Peer.health();
                case 5 -> Peer.init();
                case 6 -> Peer.remoteNode(ip);
                case 7 -> Peer.kubeApiserver();
                case 8 -> Peer.ingress();
                default -> world(ip, names, cache); // 2, 9, 10
            };
        }
        long scope = id >>> 24;
        if (scope == 1) {
            return world(ip, names, cache);
        }
        if (scope == 2) {
            return Peer.remoteNode(ip);
        }
        String ns = e.namespace().isEmpty() ? Labels.k8sValue(labels, Labels.POD_NAMESPACE) : e.namespace();
        if (ns != null && !ns.isEmpty() && K8sNames.checkNamespace(ns, 0, ns.length()) == null) {
            Peer.Pod pod = cache.pod(e, ns);
            if (service.isPresent() && service.get().namespace().equals(ns)
                    && K8sNames.checkNamespace(service.get().name(), 0, service.get().name().length()) == null) {
                return pod.viaService(service.get().name(),
                        services.labels(ns, service.get().name()).orElse(Map.of()));
            }
            return pod;
        }
        return world(ip, names, cache);
    }

    private static Peer world(IpAddress ip, List<String> names, Peers cache) {
        return cache.world(ip, names);
    }

    private static Peer world(IpAddress ip, List<String> names) {
        if (names.isEmpty()) {
            return Peer.world(ip);
        }
        Set<String> s = new HashSet<>(names.size() * 2);
        s.addAll(names);
        return Peer.world(ip).withDnsNames(s);
    }

    /**
     * Memoised per endpoint, for one workload: whether it is the workload, and its pod peer; bounded. A reader gives
     * endpoints read from the same bytes as one instance, so the last endpoints seen are found by identity first
     * (a direct-mapped table), the others by equality. One per replay or learner; not thread-safe.
     */
    /** Memoised peers: whether an endpoint is the workload, its pod peer, the world peer at an address. */
    abstract static class Peers {
        /** {@code w.matches(e)}. */
        abstract boolean matches(Workload w, Endpoint e);

        /** The world peer at {@code ip} with {@code names}. */
        abstract Peer world(IpAddress ip, List<String> names);

        /** The pod peer of {@code e} (of namespace {@code ns}, valid). */
        abstract Peer.Pod pod(Endpoint e, String ns);
    }

    /**
     * The memo of {@link #view(HubbleFlow)}, shared by threads: direct-mapped tables of the last endpoints and
     * addresses seen (by identity) and of the last pod peers (by namespace and labels, which are all a pod peer is
     * made of), each entry an immutable record published whole; a lost race only costs a
     * recomputation. Lock-free and thread-safe; bounded.
     */
    static final class SharedPeers extends Peers {
        private static final int SLOTS = 256;
        private final AtomicReferenceArray<Seen> seen = new AtomicReferenceArray<>(SLOTS);
        private final AtomicReferenceArray<World> worlds = new AtomicReferenceArray<>(SLOTS);
        private final AtomicReferenceArray<Pod> pods = new AtomicReferenceArray<>(SLOTS);

        private record Seen(Endpoint endpoint, Workload workload, boolean isWorkload, Peer.Pod pod) { }

        private record World(IpAddress ip, List<String> names, Peer peer) { }

        private record Pod(int hash, String namespace, List<String> labels, Peer.Pod pod) { }

        @Override
        boolean matches(Workload w, Endpoint e) {
            int slot = System.identityHashCode(e) & (SLOTS - 1);
            Seen s = seen.getAcquire(slot);
            if (s == null || s.endpoint() != e || s.workload() != w) {
                s = new Seen(e, w, w.matches(e), null);
                seen.setRelease(slot, s);
            }
            return s.isWorkload();
        }

        @Override
        Peer world(IpAddress ip, List<String> names) {
            int slot = System.identityHashCode(ip) & (SLOTS - 1);
            World x = worlds.getAcquire(slot);
            if (x == null || x.ip() != ip || !x.names().equals(names)) {
                x = new World(ip, names, WorkloadView.world(ip, names));
                worlds.setRelease(slot, x);
            }
            return x.peer();
        }

        @Override
        Peer.Pod pod(Endpoint e, String ns) {
            int slot = System.identityHashCode(e) & (SLOTS - 1);
            Seen s = seen.getAcquire(slot);
            if (s != null && s.endpoint() == e && s.pod() != null) {
                return s.pod();
            }
            // another endpoint with the same namespace and labels (pods of one Deployment differ in ID and name)
            List<String> labels = e.labels();
            int hash = ns.hashCode() * 31 + labels.hashCode();
            int podSlot = hash & (SLOTS - 1);
            Pod known = pods.getAcquire(podSlot);
            Peer.Pod pod;
            if (known != null && known.hash() == hash && known.namespace().equals(ns) && known.labels().equals(labels)) {
                pod = known.pod();
            } else {
                pod = Peer.pod(ns, Labels.podLabels(labels));
                pods.setRelease(podSlot, new Pod(hash, ns, labels, pod));
            }
            if (s != null && s.endpoint() == e) {
                seen.setRelease(slot, new Seen(e, s.workload(), s.isWorkload(), pod));
            }
            return pod;
        }
    }

    static final class PeerCache extends Peers {
        static final int MAX = 10_000;
        private static final int SLOTS = 256;
        final Map<Endpoint, Peer.Pod> pods = new HashMap<>();
        private final Endpoint[] seen = new Endpoint[SLOTS];
        private final boolean[] isWorkload = new boolean[SLOTS];
        private final Peer.Pod[] seenPods = new Peer.Pod[SLOTS];
        private Workload workload;
        private final IpAddress[] worldIps = new IpAddress[SLOTS];
        private final List<?>[] worldNames = new List<?>[SLOTS];
        private final Peer[] worlds = new Peer[SLOTS];

        /** {@code w.matches(e)}, memoised for the last endpoints seen. */
        @Override
        boolean matches(Workload w, Endpoint e) {
            if (w != workload) {
                Arrays.fill(seen, null);
                workload = w;
            }
            int slot = System.identityHashCode(e) & (SLOTS - 1);
            if (seen[slot] != e) {
                seen[slot] = e;
                isWorkload[slot] = w.matches(e);
                seenPods[slot] = null;
            }
            return isWorkload[slot];
        }

        /** The world peer at {@code ip} with {@code names}, memoised for the last addresses seen. */
        @Override
        Peer world(IpAddress ip, List<String> names) {
            int slot = System.identityHashCode(ip) & (SLOTS - 1);
            Peer p = worlds[slot];
            if (worldIps[slot] != ip || !worldNames[slot].equals(names)) {
                p = WorkloadView.world(ip, names);
                worldIps[slot] = ip;
                worldNames[slot] = names;
                worlds[slot] = p;
            }
            return p;
        }

        /** The pod peer of {@code e} (of namespace {@code ns}, valid), memoised. */
        @Override
        Peer.Pod pod(Endpoint e, String ns) {
            int slot = System.identityHashCode(e) & (SLOTS - 1);
            boolean known = seen[slot] == e;
            Peer.Pod pod = known ? seenPods[slot] : null;
            if (pod == null) {
                pod = pods.get(e);
                if (pod == null) {
                    pod = Peer.pod(ns, Labels.podLabels(e.labels()));
                    if (pods.size() >= MAX) {
                        pods.clear();
                    }
                    pods.put(e, pod);
                }
                if (known) {
                    seenPods[slot] = pod;
                }
            }
            return pod;
        }
    }

    @Override
    public String toString() {
        return "WorkloadView[" + workload + "]";
    }
}
