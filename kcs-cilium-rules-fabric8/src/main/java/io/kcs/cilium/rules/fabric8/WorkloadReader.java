package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Workloads of Kubernetes manifests as the {@link Peer.Pod}s a {@link ConnectivityMap} traces: one per Pod,
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob (its pod template), with the identity Cilium gives
 * their pods.
 *
 * <ul>
 *   <li>labels: the pod template's {@code metadata.labels}; namespace: {@code metadata.namespace}, or
 *   {@code default} when absent (as {@code kubectl apply} without {@code -n});</li>
 *   <li>namespace labels: the labels of the Namespace manifest of that name, plus
 *   {@code kubernetes.io/metadata.name=<name>}, which the API server sets on every namespace (also when no
 *   Namespace manifest is given);</li>
 *   <li>service account: {@code serviceAccountName}, else the deprecated {@code serviceAccount}, else
 *   {@code default} (the API server's default);</li>
 *   <li>named ports and probed ports: the containers' {@code ports} ({@code name} → {@code containerPort}; protocol
 *   TCP when absent); init containers are not counted;</li>
 *   <li>Services, for {@code toServices}: the first Service by name in the pod's namespace whose non-empty
 *   {@code spec.selector} is contained in the pod's labels (a {@link Peer.Pod} backs one Service; our choice).</li>
 * </ul>
 *
 * <p>What it does not do: no pod IPs, no node placement, no owner references (a ReplicaSet owned by a Deployment
 * of the same manifests is a second workload with the same labels), no other kinds (they are ignored).
 *
 * <pre>{@code
 * List<WorkloadReader.Workload> w = WorkloadReader.read(List.of(deployment, namespace, service));
 * ConnectivityMap map = ConnectivityMap.of(engine, WorkloadReader.peers(w), probesOfEachPeer, now, 1);
 * }</pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class WorkloadReader {

    /** The kinds read as workloads, and Namespace and Service for their identities. */
    public static final Set<String> KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Job", "CronJob", "Namespace", "Service");

    /** At most this many workloads ({@link ConnectivityMap#MAX_WORKLOADS}). */
    public static final int MAX_WORKLOADS = ConnectivityMap.MAX_WORKLOADS;

    /**
     * One workload.
     *
     * @param kind the manifest kind, e.g. {@code Deployment}
     * @param namespace its namespace
     * @param name its {@code metadata.name}
     * @param peer its pods' identity
     * @param ports the container ports, in order, without duplicates (the probes of a connectivity map)
     */
    public record Workload(String kind, String namespace, String name, Peer.Pod peer,
            List<ConnectivityMap.Probe> ports) {
        /** Copies the ports. */
        public Workload {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(peer, "peer");
            ports = List.copyOf(ports);
        }

        /** {@code kind/namespace/name}, e.g. {@code Deployment/shop/web}. */
        public String id() {
            return kind + "/" + namespace + "/" + name;
        }
    }

    private WorkloadReader() {}

    /**
     * Reads one YAML document of a kind in {@link #KINDS} into fabric8's model class.
     *
     * @return empty for another kind
     * @throws IllegalArgumentException naming line and column when the document is not valid YAML of its kind
     */
    public static Optional<HasMetadata> parse(String kind, String yaml) {
        Class<? extends HasMetadata> type = switch (kind) {
            case "Pod" -> Pod.class;
            case "Deployment" -> Deployment.class;
            case "StatefulSet" -> StatefulSet.class;
            case "DaemonSet" -> DaemonSet.class;
            case "ReplicaSet" -> ReplicaSet.class;
            case "Job" -> Job.class;
            case "CronJob" -> CronJob.class;
            case "Namespace" -> Namespace.class;
            case "Service" -> Service.class;
            default -> null;
        };
        return type == null ? Optional.empty() : Optional.of(CiliumPolicies.fromYaml(yaml, type));
    }

    /**
     * The workloads of {@code resources}, sorted by namespace, kind and name; other kinds are ignored.
     *
     * @throws IllegalArgumentException naming the resource when a workload has no name, labels Cilium cannot
     *     take, a port outside 1-65535, or when there are more than {@link #MAX_WORKLOADS} workloads
     */
    public static List<Workload> read(List<? extends HasMetadata> resources) {
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        Map<String, TreeMap<String, Service>> services = new HashMap<>();
        for (HasMetadata r : resources) {
            if (r instanceof Namespace ns && name(ns.getMetadata()).isPresent()) {
                namespaceLabels.put(ns.getMetadata().getName(), labels(ns.getMetadata()));
            } else if (r instanceof Service s && name(s.getMetadata()).isPresent()) {
                services.computeIfAbsent(namespace(s.getMetadata()), k -> new TreeMap<>())
                        .put(s.getMetadata().getName(), s);
            }
        }
        List<Workload> out = new ArrayList<>();
        for (HasMetadata r : resources) {
            Optional<PodTemplateSpec> template = template(r);
            if (template.isEmpty()) {
                continue;
            }
            if (out.size() == MAX_WORKLOADS) {
                throw new IllegalArgumentException("more than " + MAX_WORKLOADS + " workloads");
            }
            String kind = r.getKind() == null ? r.getClass().getSimpleName() : r.getKind();
            String name = name(r.getMetadata()).orElseThrow(() -> new IllegalArgumentException(kind
                    + " without metadata.name"));
            String ns = namespace(r.getMetadata());
            String id = kind + "/" + ns + "/" + name;
            try {
                out.add(workload(kind, ns, name, template.get(), namespaceLabels, services));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(id + ": " + e.getMessage());
            }
        }
        out.sort(Comparator.comparing(Workload::namespace).thenComparing(Workload::kind)
                .thenComparing(Workload::name));
        return List.copyOf(out);
    }

    /** The peers of the workloads, in order. */
    public static List<Peer.Pod> peers(List<Workload> workloads) {
        return workloads.stream().map(Workload::peer).toList();
    }

    private static Workload workload(String kind, String ns, String name, PodTemplateSpec template,
            Map<String, Map<String, String>> namespaceLabels, Map<String, TreeMap<String, Service>> services) {
        Map<String, String> labels = labels(template.getMetadata());
        Map<String, String> nsLabels = new TreeMap<>(namespaceLabels.getOrDefault(ns, Map.of()));
        nsLabels.put("kubernetes.io/metadata.name", ns);
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        String account = spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()
                ? spec.getServiceAccountName() : spec.getServiceAccount() != null && !spec.getServiceAccount()
                        .isEmpty() ? spec.getServiceAccount() : "default";
        Map<String, Integer> named = new TreeMap<>();
        LinkedHashSet<ConnectivityMap.Probe> probes = new LinkedHashSet<>();
        for (Container c : spec.getContainers() == null ? List.<Container>of() : spec.getContainers()) {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                Integer port = p.getContainerPort();
                if (port == null || port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("container " + c.getName() + ": containerPort " + port
                            + " is outside 1-65535");
                }
                if (p.getName() != null && !p.getName().isEmpty()) {
                    named.put(p.getName(), port);
                }
                probes.add(new ConnectivityMap.Probe(protocol(p.getProtocol()), port));
            }
        }
        Peer.Pod pod = Peer.pod(ns, labels).withNamespaceLabels(nsLabels).withServiceAccount(account)
                .withNamedPorts(named);
        for (Service s : services.getOrDefault(ns, new TreeMap<>()).values()) {
            Map<String, String> selector = s.getSpec() == null || s.getSpec().getSelector() == null ? Map.of()
                    : s.getSpec().getSelector();
            if (!selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet())) {
                pod = pod.viaService(s.getMetadata().getName(), labels(s.getMetadata()));
                break;
            }
        }
        return new Workload(kind, ns, name, pod, List.copyOf(probes));
    }

    private static Protocol protocol(String text) {
        if (text == null || text.isEmpty()) {
            return Protocol.TCP;
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> throw new IllegalArgumentException("unknown container port protocol \"" + text + "\"");
        };
    }

    private static Optional<PodTemplateSpec> template(HasMetadata r) {
        if (r instanceof Pod p) {
            return Optional.of(new PodTemplateSpec(p.getMetadata(), p.getSpec()));
        } else if (r instanceof Deployment d) {
            return Optional.ofNullable(d.getSpec() == null ? null : d.getSpec().getTemplate());
        } else if (r instanceof StatefulSet s) {
            return Optional.ofNullable(s.getSpec() == null ? null : s.getSpec().getTemplate());
        } else if (r instanceof DaemonSet s) {
            return Optional.ofNullable(s.getSpec() == null ? null : s.getSpec().getTemplate());
        } else if (r instanceof ReplicaSet s) {
            return Optional.ofNullable(s.getSpec() == null ? null : s.getSpec().getTemplate());
        } else if (r instanceof Job j) {
            return Optional.ofNullable(j.getSpec() == null ? null : j.getSpec().getTemplate());
        } else if (r instanceof CronJob c) {
            return Optional.ofNullable(c.getSpec() == null || c.getSpec().getJobTemplate() == null
                    || c.getSpec().getJobTemplate().getSpec() == null ? null
                            : c.getSpec().getJobTemplate().getSpec().getTemplate());
        }
        return Optional.empty();
    }

    private static Optional<String> name(ObjectMeta meta) {
        return meta == null || meta.getName() == null || meta.getName().isEmpty() ? Optional.empty()
                : Optional.of(meta.getName());
    }

    private static String namespace(ObjectMeta meta) {
        return meta == null || meta.getNamespace() == null || meta.getNamespace().isEmpty() ? "default"
                : meta.getNamespace();
    }

    private static Map<String, String> labels(ObjectMeta meta) {
        if (meta == null || meta.getLabels() == null) {
            return Map.of();
        }
        meta.getLabels().forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("label " + k + " of " + meta.getName() + " has no value");
            }
        });
        return Map.copyOf(meta.getLabels());
    }
}
