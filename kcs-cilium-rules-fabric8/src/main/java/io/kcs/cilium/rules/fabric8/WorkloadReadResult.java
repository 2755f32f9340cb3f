package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link WorkloadReader} read from Kubernetes manifests: the workloads (as the {@link Peer.Pod}s a
 * {@link io.kcs.cilium.rules.policy.ConnectivityMap} traces), the Services, the namespaces' labels, the nodes, and a
 * diagnostic for everything it refused or ignored.
 *
 * <p>What it does not do: it holds no fabric8 objects and no text; an object with an ERROR diagnostic is in none of
 * the lists (refused whole).
 *
 * <pre>{@code
 * WorkloadReadResult r = WorkloadReader.read(yaml);
 * r.diagnostics().forEach(System.err::println);
 * ConnectivityMap map = ConnectivityMap.of(engine, r.peers(), probes, now, 1);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param workloads the workloads, sorted by namespace, kind and name
 * @param services the Services, sorted by namespace and name
 * @param namespaces each namespace's labels (of its Namespace manifest, plus {@code kubernetes.io/metadata.name}),
 *     for every namespace a Namespace manifest or a workload names, sorted by name
 * @param nodes the nodes, sorted by name
 * @param diagnostics what was refused (ERROR) or ignored (WARNING), in input order
 */
public record WorkloadReadResult(List<WorkloadReader.Workload> workloads, List<Service> services,
        Map<String, Map<String, String>> namespaces, List<Node> nodes, List<WorkloadDiagnostic> diagnostics) {

    /**
     * Copies the lists and maps.
     *
     * @throws NullPointerException when a component or element is null
     */
    public WorkloadReadResult {
        workloads = List.copyOf(workloads);
        services = List.copyOf(services);
        TreeMap<String, Map<String, String>> ns = new TreeMap<>();
        namespaces.forEach((k, v) -> ns.put(k, Map.copyOf(v)));
        namespaces = java.util.Collections.unmodifiableMap(ns);
        nodes = List.copyOf(nodes);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether no diagnostic is an ERROR (warnings allowed). */
    public boolean valid() {
        return diagnostics.stream().noneMatch(WorkloadDiagnostic::isError);
    }

    /** The workloads' peers, in order. */
    public List<Peer.Pod> peers() {
        return workloads.stream().map(WorkloadReader.Workload::peer).toList();
    }

    /**
     * A Service: what {@code toServices} and a pod's backing Service need.
     *
     * @param namespace its namespace
     * @param name its name
     * @param labels its own labels
     * @param selector its {@code spec.selector} (empty: a Service without selector, which backs no workload here)
     */
    public record Service(String namespace, String name, Map<String, String> labels, Map<String, String> selector) {
        /**
         * Copies the maps.
         *
         * @throws NullPointerException when a component is null
         */
        public Service {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
            selector = Map.copyOf(selector);
        }
    }

    /**
     * A node: what host policies ({@code nodeSelector}), {@code fromNodes}/{@code toNodes} (with
     * {@code enable-node-selector-labels}) and CIDR rules with {@code policy-cidr-match-mode=nodes} select.
     *
     * @param name its name
     * @param labels its labels
     * @param addresses its {@code InternalIP} and {@code ExternalIP} addresses, in {@code status.addresses} order
     */
    public record Node(String name, Map<String, String> labels, List<IpAddress> addresses) {
        /**
         * Copies the map and list.
         *
         * @throws NullPointerException when a component is null
         */
        public Node {
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
            addresses = List.copyOf(addresses);
        }

        /** This node as the local host of a pod on it ({@code reserved:host}), with its first address. */
        public Peer.Host asHost() {
            return new Peer.Host(firstAddress(), labels);
        }

        /** This node as seen from a pod on another node ({@code reserved:remote-node}), with its first address. */
        public Peer.RemoteNode asRemoteNode() {
            return new Peer.RemoteNode(firstAddress(), labels);
        }

        private Optional<IpAddress> firstAddress() {
            return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses.get(0));
        }
    }
}
