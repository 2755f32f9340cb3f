package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Collections;

/**
 * The remote side of a connection, seen from the workload, described by what Cilium knows of it: its identity
 * (pod labels, a reserved identity such as host or world) and, for peers outside the cluster, its IP.
 *
 * <p>The kinds and the entities that select them (Cilium {@code pkg/policy/api/entity.go}):
 * <ul>
 *   <li>{@link Pod}: {@code cluster}, {@code cluster-mesh}, {@code all}; endpoint and service exceptions;
 *   <li>{@link World}: {@code world}, {@code world-ipv4}/{@code world-ipv6} by family, {@code all}; CIDR and FQDN
 *       exceptions;
 *   <li>{@link Unmanaged}: {@code unmanaged}, {@code cluster}, {@code cluster-mesh}, {@code all};
 *   <li>{@link Host}, {@link RemoteNode}, {@link Ingress}, {@link Health}, {@link Init}: their entity,
 *       {@code cluster}, {@code cluster-mesh}, {@code all}; host and remote nodes also CIDR exceptions with
 *       {@code policy-cidr-match-mode=nodes} when their IP is given;
 *   <li>{@link KubeApiserver}: {@code kube-apiserver}, {@code cluster}, {@code cluster-mesh}, {@code all}; an
 *       external API server (with an IP) is also world (entities, CIDR and FQDN exceptions).
 * </ul>
 *
 * <pre>{@code
 * Peer db = Peer.pod("shop", Map.of("app", "postgres")).viaService("db", Map.of("app", "db"));
 * Peer api = Peer.world(IpAddress.parse("203.0.113.7")).withDnsNames(Set.of("api.example.com"));
 * }</pre>
 *
 * <p>What it does not do: no lookups of any kind; a pod is in the local cluster. All kinds are immutable records,
 * thread-safe.
 */
public sealed interface Peer
        permits Peer.Pod, Peer.World, Peer.Unmanaged, Peer.Host, Peer.RemoteNode, Peer.KubeApiserver, Peer.Ingress,
                Peer.Health, Peer.Init {

    /**
     * A pod of the local cluster.
     *
     * @throws IllegalArgumentException when the namespace or a label is not valid Kubernetes syntax
     */
    static Pod pod(String namespace, Map<String, String> labels) {
        return new Pod(namespace, labels, Optional.empty());
    }

    /** A peer outside the cluster. */
    static World world(IpAddress ip) {
        return new World(ip, Set.of());
    }

    /** An in-cluster endpoint Cilium does not manage. */
    static Unmanaged unmanaged(IpAddress ip) {
        return new Unmanaged(ip);
    }

    /** The local node (and host-network pods). */
    static Host host() {
        return new Host(Optional.empty());
    }

    /** The local node with its IP (selected by CIDR exceptions only with {@code policy-cidr-match-mode=nodes}). */
    static Host host(IpAddress nodeIp) {
        return new Host(Optional.of(nodeIp));
    }

    /** Another node of the cluster. */
    static RemoteNode remoteNode() {
        return new RemoteNode(Optional.empty());
    }

    /** Another node with its IP (selected by CIDR exceptions only with {@code policy-cidr-match-mode=nodes}). */
    static RemoteNode remoteNode(IpAddress nodeIp) {
        return new RemoteNode(Optional.of(nodeIp));
    }

    /** The Kubernetes API server running in the cluster. */
    static KubeApiserver kubeApiserver() {
        return new KubeApiserver(Optional.empty());
    }

    /** An API server outside the cluster at {@code externalIp} (also a world peer). */
    static KubeApiserver kubeApiserver(IpAddress externalIp) {
        return new KubeApiserver(Optional.of(externalIp));
    }

    /** Cilium's Envoy ingress / Gateway identity. */
    static Ingress ingress() {
        return new Ingress();
    }

    /** A cilium-health endpoint. */
    static Health health() {
        return new Health();
    }

    /** An endpoint whose identity is not resolved yet. */
    static Init init() {
        return new Init();
    }

    /** The peer's IP when it has one Cilium matches CIDRs against. */
    Optional<IpAddress> ip();

    /** A short description for messages, e.g. {@code pod shop/{app=web}} or {@code world 203.0.113.7}. */
    String describe();

    /**
     * A pod, optionally reached as a backend of a Service (whose own labels service exceptions match), with what
     * Cilium derives its identity from ({@code pkg/k8s/utils} and {@code pkg/policy/api}): the pod labels, the
     * namespace, the namespace's labels ({@code k8s:io.cilium.k8s.namespace.labels.<key>}), the service account
     * ({@code k8s:io.cilium.k8s.policy.serviceaccount}); plus its named container ports (what a policy's named port
     * resolves to on this pod) and its IP (for display and workload maps; CIDR rules never select pods, so
     * {@link #ip()} stays empty).
     *
     * <pre>{@code
     * Peer.Pod db = Peer.pod("db", Map.of("app", "postgres"))
     *         .withNamespaceLabels(Map.of("team", "data"))
     *         .withServiceAccount("postgres")
     *         .withNamedPorts(Map.of("pg", 5432))
     *         .withIp(IpAddress.parse("10.0.1.7"));
     * }</pre>
     *
     * @param namespace the pod's namespace
     * @param labels the pod's labels
     * @param service the Service selecting this pod, when the connection concerns it
     * @param namespaceLabels the labels of the pod's namespace (empty when unknown)
     * @param serviceAccount the pod's service account, when known
     * @param namedPorts container port names (IANA service names, lower case) to port numbers
     * @param podIp the pod's IP, when known
     */
    record Pod(String namespace, Map<String, String> labels, Optional<Service> service,
            Map<String, String> namespaceLabels, Optional<String> serviceAccount, Map<String, Integer> namedPorts,
            Optional<IpAddress> podIp) implements Peer {

        /** At most this many named ports per pod (a bound on input size; port numbers are 1-65535). */
        public static final int MAX_NAMED_PORTS = 1_024;

        /**
         * @throws IllegalArgumentException when the namespace, a label, the service account or a named port is not
         *     valid Kubernetes syntax, or there are more than {@link #MAX_NAMED_PORTS} named ports
         */
        public Pod {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(serviceAccount, "serviceAccount");
            Objects.requireNonNull(podIp, "podIp");
            String reason = K8sNames.checkNamespace(namespace, 0, namespace.length());
            if (reason != null) {
                throw new IllegalArgumentException("invalid namespace " + Text.quote(namespace) + ": " + reason);
            }
            labels = checkedLabels(labels);
            namespaceLabels = checkedLabels(namespaceLabels);
            serviceAccount.ifPresent(sa -> {
                if (sa.isEmpty() || sa.length() > 253 || !sa.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
                    throw new IllegalArgumentException("invalid service account " + Text.quote(sa)
                            + ": expected a DNS subdomain (lower case, at most 253 characters)");
                }
            });
            namedPorts = checkedPorts(namedPorts);
        }

        /** A pod with only a namespace and labels (the form {@link Peer#pod} makes). */
        public Pod(String namespace, Map<String, String> labels, Optional<Service> service) {
            this(namespace, labels, service, Map.of(), Optional.empty(), Map.of(), Optional.empty());
        }

        /**
         * This pod as a backend of the Service {@code name} (same namespace) carrying {@code serviceLabels}: egress
         * service exceptions match those labels, however the pod is addressed (ClusterIP or pod IP), as Cilium
         * turns a matching Service's selector into an endpoint selector.
         */
        public Pod viaService(String name, Map<String, String> serviceLabels) {
            return new Pod(namespace, labels, Optional.of(new Service(name, serviceLabels)), namespaceLabels,
                    serviceAccount, namedPorts, podIp);
        }

        /** A copy whose namespace carries {@code labels} (selected by {@code io.cilium.k8s.namespace.labels.*}). */
        public Pod withNamespaceLabels(Map<String, String> labels) {
            return new Pod(namespace, this.labels, service, labels, serviceAccount, namedPorts, podIp);
        }

        /** A copy running as service account {@code name} (selected by {@code io.cilium.k8s.policy.serviceaccount}). */
        public Pod withServiceAccount(String name) {
            return new Pod(namespace, labels, service, namespaceLabels, Optional.of(Objects.requireNonNull(name,
                    "name")), namedPorts, podIp);
        }

        /** A copy with named container ports ({@code name -> port}), which named ports in policies resolve to. */
        public Pod withNamedPorts(Map<String, Integer> ports) {
            return new Pod(namespace, labels, service, namespaceLabels, serviceAccount, ports, podIp);
        }

        /** A copy with the pod's IP. */
        public Pod withIp(IpAddress ip) {
            return new Pod(namespace, labels, service, namespaceLabels, serviceAccount, namedPorts,
                    Optional.of(Objects.requireNonNull(ip, "ip")));
        }

        /** Always empty: CIDR rules never select pods; the pod's own IP is {@link #podIp()}. */
        @Override
        public Optional<IpAddress> ip() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "pod " + namespace + "/" + labels + service.map(s -> " via service " + s.name()).orElse("");
        }
    }

    /**
     * A Kubernetes Service, by name and labels.
     *
     * @param name the Service name (RFC 1123 label)
     * @param labels the Service's own labels
     */
    record Service(String name, Map<String, String> labels) {

        /** @throws IllegalArgumentException when the name or a label is not valid Kubernetes syntax */
        public Service {
            Objects.requireNonNull(name, "name");
            String reason = K8sNames.checkNamespace(name, 0, name.length());
            if (reason != null) {
                throw new IllegalArgumentException("invalid service name " + Text.quote(name) + ": "
                        + reason.replace("namespace", "service name"));
            }
            labels = checkedLabels(labels);
        }
    }

    /**
     * A peer outside the cluster.
     *
     * @param ip its address
     * @param dnsNames names known for it from the flow itself (lower case, no trailing dot)
     */
    record World(IpAddress address, Set<String> dnsNames) implements Peer {

        /** @throws NullPointerException when an argument or a name is null */
        public World {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(dnsNames, "dnsNames");
            TreeSet<String> names = new TreeSet<>();
            for (String n : dnsNames) {
                String name = Objects.requireNonNull(n, "dns name");
                if (name.endsWith(".")) {
                    name = name.substring(0, name.length() - 1);
                }
                names.add(name.toLowerCase(Locale.ROOT));
            }
            dnsNames = Collections.unmodifiableSet(names);
        }

        /** This peer with DNS names known from the flow (in addition to what the DNS cache knows). */
        public World withDnsNames(Set<String> names) {
            return new World(address, names);
        }

        @Override
        public Optional<IpAddress> ip() {
            return Optional.of(address);
        }

        @Override
        public String describe() {
            return "world " + address + (dnsNames.isEmpty() ? "" : " " + dnsNames);
        }
    }

    /**
     * An in-cluster endpoint not managed by Cilium.
     *
     * @param address its address (not world: CIDR exceptions do not select it)
     */
    record Unmanaged(IpAddress address) implements Peer {

        /** @throws NullPointerException when the address is null */
        public Unmanaged {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public Optional<IpAddress> ip() {
            return Optional.of(address);
        }

        @Override
        public String describe() {
            return "unmanaged endpoint " + address;
        }
    }

    /**
     * The local node.
     *
     * @param nodeIp its IP when known
     * @param nodeLabels the node's Kubernetes labels (empty when unknown)
     */
    record Host(Optional<IpAddress> nodeIp, Map<String, String> nodeLabels) implements Peer {

        /** @throws IllegalArgumentException when a node label is not valid Kubernetes syntax */
        public Host {
            Objects.requireNonNull(nodeIp, "nodeIp");
            nodeLabels = checkedLabels(nodeLabels);
        }

        /** A node without labels. */
        public Host(Optional<IpAddress> nodeIp) {
            this(nodeIp, Map.of());
        }

        /**
         * A copy carrying the node's Kubernetes labels, which host policies ({@code nodeSelector}) and, with
         * {@code enable-node-selector-labels}, {@code fromNodes} / {@code toNodes} select.
         */
        public Host withNodeLabels(Map<String, String> labels) {
            return new Host(nodeIp, labels);
        }

        @Override
        public Optional<IpAddress> ip() {
            return nodeIp;
        }

        @Override
        public String describe() {
            return "host" + nodeIp.map(ip -> " " + ip).orElse("") + (nodeLabels.isEmpty() ? "" : " " + nodeLabels);
        }
    }

    /**
     * Another node.
     *
     * @param nodeIp its IP when known
     * @param nodeLabels the node's Kubernetes labels (empty when unknown)
     */
    record RemoteNode(Optional<IpAddress> nodeIp, Map<String, String> nodeLabels) implements Peer {

        /** @throws IllegalArgumentException when a node label is not valid Kubernetes syntax */
        public RemoteNode {
            Objects.requireNonNull(nodeIp, "nodeIp");
            nodeLabels = checkedLabels(nodeLabels);
        }

        /** A node without labels. */
        public RemoteNode(Optional<IpAddress> nodeIp) {
            this(nodeIp, Map.of());
        }

        /**
         * A copy carrying the node's Kubernetes labels, which host policies ({@code nodeSelector}) and, with
         * {@code enable-node-selector-labels}, {@code fromNodes} / {@code toNodes} select.
         */
        public RemoteNode withNodeLabels(Map<String, String> labels) {
            return new RemoteNode(nodeIp, labels);
        }

        @Override
        public Optional<IpAddress> ip() {
            return nodeIp;
        }

        @Override
        public String describe() {
            return "remote node" + nodeIp.map(ip -> " " + ip).orElse("") + (nodeLabels.isEmpty() ? "" : " " + nodeLabels);
        }
    }

    /**
     * The Kubernetes API server.
     *
     * @param externalIp its IP when it runs outside the cluster
     */
    record KubeApiserver(Optional<IpAddress> externalIp) implements Peer {

        /** @throws NullPointerException when the optional is null */
        public KubeApiserver {
            Objects.requireNonNull(externalIp, "externalIp");
        }

        @Override
        public Optional<IpAddress> ip() {
            return externalIp;
        }

        @Override
        public String describe() {
            return "kube-apiserver" + externalIp.map(ip -> " (external " + ip + ")").orElse("");
        }
    }

    /** Cilium's ingress identity. */
    record Ingress() implements Peer {
        @Override
        public Optional<IpAddress> ip() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "ingress";
        }
    }

    /** A cilium-health endpoint. */
    record Health() implements Peer {
        @Override
        public Optional<IpAddress> ip() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "health";
        }
    }

    /** An endpoint whose identity is not resolved yet. */
    record Init() implements Peer {
        @Override
        public Optional<IpAddress> ip() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "init";
        }
    }

    private static Map<String, Integer> checkedPorts(Map<String, Integer> ports) {
        Objects.requireNonNull(ports, "namedPorts");
        if (ports.size() > Pod.MAX_NAMED_PORTS) {
            throw new IllegalArgumentException(ports.size() + " named ports, more than " + Pod.MAX_NAMED_PORTS);
        }
        TreeMap<String, Integer> out = new TreeMap<>();
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "port name");
            int port = Objects.requireNonNull(e.getValue(), "port number");
            if (name.isEmpty() || name.length() > 15 || !name.matches("([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*")) {
                throw new IllegalArgumentException("invalid port name " + Text.quote(name)
                        + ": expected an IANA service name (1-15 letters, digits and inner single hyphens)");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + name + "=" + port + " is outside 1-65535");
            }
            out.put(name.toLowerCase(Locale.ROOT), port);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> checkedLabels(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "label key");
            String v = Objects.requireNonNull(e.getValue(), "label value");
            String reason = K8sNames.checkLabelKey(k, 0, k.length());
            if (reason == null) {
                reason = K8sNames.checkLabelValue(v, 0, v.length());
            }
            if (reason != null) {
                throw new IllegalArgumentException("invalid label " + Text.quote(k) + "=" + Text.quote(v) + ": "
                        + reason);
            }
            out.put(k, v);
        }
        return Collections.unmodifiableMap(out);
    }
}
