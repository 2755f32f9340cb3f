package io.kcs.cilium.rules.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * their pods; Namespaces for their labels, Services for {@code toServices}, Nodes for host policies.
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
 *   <li>pod IP (Pods only): {@code status.podIP}, else the first of {@code status.podIPs} (a peer has one IP; the
 *   others are reported as ignored);</li>
 *   <li>Services, for {@code toServices}: the first Service by name in the pod's namespace whose non-empty
 *   {@code spec.selector} is contained in the pod's labels (a {@link Peer.Pod} backs one Service; our choice);</li>
 *   <li>Nodes: name, labels and {@code InternalIP}/{@code ExternalIP} addresses, as {@link WorkloadReadResult.Node}s
 *   ({@link WorkloadReadResult.Node#asHost()}, {@link WorkloadReadResult.Node#asRemoteNode()}).</li>
 * </ul>
 *
 * <p>Bad input gives a {@link WorkloadDiagnostic}, never an exception: an object that cannot be read exactly (YAML
 * aliases, duplicate keys, an empty list item, a label Kubernetes refuses, a port outside 1-65535, a number where a
 * string belongs...) is refused whole with an ERROR; anything ignored (a kind not in {@link #KINDS}, a pod's second
 * IP, an object replaced by a later one of the same kind and name) gets a WARNING. Nothing is dropped silently.
 * Fields are read as Kubernetes types them: {@code containerPort: "80"} is refused, not converted.
 *
 * <p>What it does not do: no node placement (which node a workload's pods run on, so no {@code host} versus
 * {@code remote-node} per pair), no owner references (a ReplicaSet owned by a Deployment of the same manifests is a
 * second workload with the same labels), no {@code hostNetwork} identities (such a pod is reported and read as a
 * pod), no defaulting beyond the above.
 *
 * <p>The entry points before the diagnostics, {@link #parse(String, String)} and {@link #read(List)}, are kept and
 * deprecated: they still throw {@link IllegalArgumentException} (now with the first ERROR's text); use
 * {@link #read(String)}, {@link #readResources(List)} or {@link #readDocuments(List)}.
 *
 * <pre>{@code
 * WorkloadReadResult r = WorkloadReader.read(Files.readString(Path.of("manifests.yaml")));
 * r.diagnostics().forEach(System.err::println);   // e.g. ERROR invalid-port at deployments/shop/web: ...
 * ConnectivityMap map = ConnectivityMap.of(engine, r.peers(), probesOfEachPeer, now, 1);
 * }</pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class WorkloadReader {

    /** The kinds read: the workloads, and Namespace, Service and Node for their identities. */
    public static final Set<String> KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Job", "CronJob", "Namespace", "Service", "Node");

    /** At most this many workloads ({@link ConnectivityMap#MAX_WORKLOADS}). */
    public static final int MAX_WORKLOADS = ConnectivityMap.MAX_WORKLOADS;

    /** At most this many objects (documents or resources) are read; the rest gets one {@code too-many} ERROR. */
    public static final int MAX_OBJECTS = 100_000;

    /** At most this many containers and this many ports per container are read (Kubernetes has no limit). */
    public static final int MAX_CONTAINERS = 1_024;

    private static final List<String> KIND_NAMES = List.of("Pod", "Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job", "CronJob", "Namespace", "Service", "Node");
    private static final List<String> KIND_LOWER = KIND_NAMES.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    private static final ObjectMapper JSON = new ObjectMapper();

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
     * Reads the manifests of a YAML (or JSON) text: any number of documents separated by {@code ---}, Lists by their
     * items, strictly ({@link YamlDocuments}); never throws for any text.
     *
     * @throws NullPointerException when {@code yaml} is null
     */
    public static WorkloadReadResult read(String yaml) {
        return readDocuments(YamlDocuments.read(yaml));
    }

    /**
     * Reads documents from {@link YamlDocuments#read(String)} (of one or several texts); a diagnostic's
     * {@link WorkloadDiagnostic#input()} is the index in {@code documents} and its line is that document's.
     *
     * @throws NullPointerException when {@code documents} or an element is null
     */
    public static WorkloadReadResult readDocuments(List<YamlDocuments.Document> documents) {
        Reading r = new Reading();
        for (int i = 0; i < documents.size(); i++) {
            YamlDocuments.Document d = Objects.requireNonNull(documents.get(i), "document");
            if (!r.room(i)) {
                break;
            }
            for (YamlDocuments.Problem p : d.problems()) {
                r.out.add(new WorkloadDiagnostic(Severity.ERROR, p.code(), i, d.id(), p.path(), p.line(),
                        p.message()));
            }
            int index = i;
            d.object().ifPresent(o -> r.object(new Obj(index, d.id(), o, d)));
        }
        return r.result();
    }

    /**
     * Reads fabric8 resources (typed, such as {@link io.fabric8.kubernetes.api.model.apps.Deployment}, or
     * {@link io.fabric8.kubernetes.api.model.GenericKubernetesResource}); other kinds are ignored with a WARNING.
     *
     * @throws NullPointerException when {@code resources} or an element is null
     */
    public static WorkloadReadResult readResources(List<? extends HasMetadata> resources) {
        Reading r = new Reading();
        for (int i = 0; i < resources.size(); i++) {
            HasMetadata h = Objects.requireNonNull(resources.get(i), "resource");
            if (!r.room(i)) {
                break;
            }
            JsonNode tree;
            try {
                tree = JSON.valueToTree(h);
            } catch (IllegalArgumentException e) {
                r.out.add(new WorkloadDiagnostic(Severity.ERROR, WorkloadDiagnostic.INVALID_STRUCTURE, i,
                        "resource-" + (i + 1), "", 0, "cannot be written as JSON: " + e.getMessage()));
                continue;
            }
            if (tree instanceof ObjectNode o) {
                if (!o.has("kind") && h.getKind() != null) {
                    o.put("kind", h.getKind());
                }
                r.object(new Obj(i, "resource-" + (i + 1), o, null));
            }
        }
        return r.result();
    }

    /**
     * Reads one YAML document of a kind in {@link #KINDS} into fabric8's model class.
     *
     * @return empty for another kind
     * @throws IllegalArgumentException naming line and column when the document is not valid YAML of its kind
     * @deprecated lenient (Jackson's YAML: aliases, duplicate keys and type coercions pass) and throwing; use
     *     {@link #read(String)}, which reads the text strictly and reports every problem as a diagnostic
     */
    @Deprecated
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
            case "Node" -> Node.class;
            default -> null;
        };
        return type == null ? Optional.empty() : Optional.of(CiliumPolicies.fromYaml(yaml, type));
    }

    /**
     * The workloads of {@code resources}, sorted by namespace, kind and name; other kinds are ignored.
     *
     * @throws IllegalArgumentException with the first ERROR diagnostic of {@link #readResources(List)}
     * @deprecated throws at the first problem; use {@link #readResources(List)}, which reports every problem
     */
    @Deprecated
    public static List<Workload> read(List<? extends HasMetadata> resources) {
        WorkloadReadResult r = readResources(resources);
        r.diagnostics().stream().filter(WorkloadDiagnostic::isError).findFirst().ifPresent(d -> {
            throw new IllegalArgumentException(d.where() + ": " + d.message());
        });
        return r.workloads();
    }

    /** The peers of the workloads, in order. */
    public static List<Peer.Pod> peers(List<Workload> workloads) {
        return workloads.stream().map(Workload::peer).toList();
    }

    /** One object to read: where it came from and its tree. */
    private record Obj(int input, String place, ObjectNode tree, YamlDocuments.Document doc) {
        int line(String path) {
            return doc == null ? 0 : doc.lineOf(path);
        }
    }

    /** A workload read, before the namespaces and Services are known. */
    private record Pending(Obj obj, String kind, String namespace, String name, Map<String, String> labels,
            String account, Map<String, Integer> named, List<ConnectivityMap.Probe> probes, Optional<IpAddress> ip) {
    }

    /** Thrown to refuse an object at its first ERROR. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }

    /** One reading: the objects so far and the diagnostics. Not thread-safe; one per call. */
    private static final class Reading {
        final List<WorkloadDiagnostic> out = new ArrayList<>();
        final Map<String, Pending> workloads = new LinkedHashMap<>();
        final Map<String, WorkloadReadResult.Service> services = new LinkedHashMap<>();
        final Map<String, Map<String, String>> namespaces = new HashMap<>();
        final Map<String, WorkloadReadResult.Node> nodes = new LinkedHashMap<>();
        final Map<String, Obj> seen = new HashMap<>();
        private Obj at;
        private String object;

        boolean room(int index) {
            if (index < MAX_OBJECTS) {
                return true;
            }
            out.add(new WorkloadDiagnostic(Severity.ERROR, WorkloadDiagnostic.TOO_MANY, -1, "", "", 0, "more than "
                    + MAX_OBJECTS + " objects, the limit; the rest is not read"));
            return false;
        }

        private void report(Severity s, String code, String path, String message) {
            out.add(new WorkloadDiagnostic(s, code, at.input(), object, path, at.line(path), message));
        }

        private Refused refuse(String code, String path, String message) {
            report(Severity.ERROR, code, path, message);
            return new Refused();
        }

        void object(Obj o) {
            at = o;
            object = o.place();
            try {
                read(o.tree());
            } catch (Refused r) {
                // reported
            }
        }

        private void read(ObjectNode t) {
            JsonNode kindNode = t.path("kind");
            if (!kindNode.isTextual() || kindNode.asText().isEmpty()) {
                throw refuse(WorkloadDiagnostic.MISSING_KIND, "kind", "no kind (a string such as Deployment); the"
                        + " object is not read");
            }
            String kind = kindNode.asText();
            if (!KINDS.contains(kind)) {
                String hint = Hints.closest(kind, KIND_LOWER).map(k -> " (did you mean "
                        + KIND_NAMES.get(KIND_LOWER.indexOf(k)) + "?)").orElse("");
                report(Severity.WARNING, WorkloadDiagnostic.IGNORED_KIND, "kind", "kind " + YamlDocuments.quote(
                        kind) + " is not read, the object is ignored" + hint + "; read are " + String.join(", ",
                        KIND_NAMES));
                return;
            }
            emptyItems(t, "");
            boolean clusterScoped = kind.equals("Namespace") || kind.equals("Node");
            String name = name(t, kind.equals("Namespace"));
            String ns = clusterScoped ? "" : namespace(t);
            object = clusterScoped ? plural(kind) + "/" + name : plural(kind) + "/" + ns + "/" + name;
            Obj earlier = seen.put(object, at);
            if (earlier != null) {
                switch (kind) {
                    case "Namespace" -> namespaces.remove(name);
                    case "Node" -> nodes.remove(name);
                    case "Service" -> services.remove(object);
                    default -> workloads.remove(object);
                }
                out.add(new WorkloadDiagnostic(Severity.WARNING, WorkloadDiagnostic.DUPLICATE_OBJECT,
                        earlier.input(), object, "", earlier.line(""), "replaced by a later object of the same kind"
                        + " and name (input " + (at.input() + 1) + "); kubectl apply keeps the last one"));
            }
            switch (kind) {
                case "Namespace" -> namespaces.put(name, labels(t, "metadata.labels"));
                case "Node" -> nodes.put(name, node(t, name));
                case "Service" -> services.put(object, new WorkloadReadResult.Service(ns, name,
                        labels(t, "metadata.labels"), labels(t, "spec.selector")));
                default -> workloads.put(object, workload(t, kind, ns, name));
            }
        }

        /** Refuses the object at its first list item with nothing in it. */
        private void emptyItems(JsonNode n, String path) {
            if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    String p = path + "[" + i + "]";
                    if (n.get(i).isNull()) {
                        throw refuse(WorkloadDiagnostic.EMPTY_LIST_ITEM, p, "list item " + i + " of " + path
                                + " has nothing in it; remove the lone \"-\" or give the item");
                    }
                    emptyItems(n.get(i), p);
                }
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    emptyItems(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                }
            }
        }

        /** {@code pods}, {@code deployments}...: the resource name of a kind in {@link #KINDS}. */
        private static String plural(String kind) {
            return kind.toLowerCase(Locale.ROOT) + "s";
        }

        private static JsonNode at(JsonNode t, String path) {
            JsonNode n = t;
            for (String part : path.split("\\.")) {
                n = n.path(part);
            }
            return n;
        }

        /** The string at {@code path}: empty when absent or null; refused when not a string. */
        private Optional<String> text(JsonNode t, String path) {
            JsonNode n = at(t, path);
            if (n.isMissingNode() || n.isNull()) {
                return Optional.empty();
            }
            if (!n.isTextual()) {
                throw refuse(WorkloadDiagnostic.INVALID_STRUCTURE, path, path + " is " + type(n) + ", not a string;"
                        + " quote it");
            }
            return Optional.of(n.asText());
        }

        /** An object at {@code path}, or missing/null: empty; refused when something else. */
        private Optional<JsonNode> map(JsonNode t, String path) {
            JsonNode n = at(t, path);
            if (n.isMissingNode() || n.isNull()) {
                return Optional.empty();
            }
            if (!n.isObject()) {
                throw refuse(WorkloadDiagnostic.INVALID_STRUCTURE, path, path + " is " + type(n) + ", not a map");
            }
            return Optional.of(n);
        }

        private List<JsonNode> list(JsonNode n, String path, int max) {
            if (n.isMissingNode() || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw refuse(WorkloadDiagnostic.INVALID_STRUCTURE, path, path + " is " + type(n) + ", not a list");
            }
            if (n.size() > max) {
                throw refuse(WorkloadDiagnostic.TOO_MANY, path, path + " has " + n.size() + " items, more than "
                        + max + ", the limit");
            }
            List<JsonNode> items = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isObject()) {
                    throw refuse(WorkloadDiagnostic.INVALID_STRUCTURE, path + "[" + i + "]", path + "[" + i + "] is "
                            + type(n.get(i)) + ", not a map");
                }
                items.add(n.get(i));
            }
            return items;
        }

        private static String type(JsonNode n) {
            return n.isTextual() ? "a string" : n.isNumber() ? "a number" : n.isBoolean() ? "a boolean (true,"
                    + " false, yes, no, on, off)" : n.isArray() ? "a list" : n.isObject() ? "a map" : "null";
        }

        private String name(JsonNode t, boolean namespace) {
            map(t, "metadata");
            String name = text(t, "metadata.name").filter(s -> !s.isEmpty()).orElseThrow(() -> refuse(
                    WorkloadDiagnostic.INVALID_NAME, "metadata.name", "no metadata.name; the object is not read"));
            (namespace ? KubernetesNames.namespaceProblem(name) : KubernetesNames.objectNameProblem(name))
                    .ifPresent(p -> {
                throw refuse(WorkloadDiagnostic.INVALID_NAME, "metadata.name", "metadata.name "
                        + KubernetesNames.quote(name) + ": " + p);
            });
            return name;
        }

        private String namespace(JsonNode t) {
            String ns = text(t, "metadata.namespace").filter(s -> !s.isEmpty()).orElse("default");
            KubernetesNames.namespaceProblem(ns).ifPresent(p -> {
                throw refuse(WorkloadDiagnostic.INVALID_NAME, "metadata.namespace", "metadata.namespace "
                        + KubernetesNames.quote(ns) + ": " + p);
            });
            return ns;
        }

        /** The string-to-string map at {@code path} (labels or a selector), each key and value checked. */
        private Map<String, String> labels(JsonNode t, String path) {
            Optional<JsonNode> m = map(t, path);
            if (m.isEmpty()) {
                return Map.of();
            }
            Map<String, String> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.get().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                JsonNode v = e.getValue();
                if (!v.isTextual()) {
                    throw refuse(WorkloadDiagnostic.INVALID_LABEL, p, "label " + KubernetesNames.quote(e.getKey())
                            + " has " + type(v) + " as its value; label values are strings, quote it ("
                            + (v.isNull() ? "\"\"" : "\"" + v.asText() + "\"") + ")");
                }
                KubernetesNames.labelKeyProblem(e.getKey()).ifPresent(problem -> {
                    throw refuse(WorkloadDiagnostic.INVALID_LABEL, p, "label key " + KubernetesNames.quote(
                            e.getKey()) + ": " + problem);
                });
                if (!v.asText().isEmpty()) {
                    KubernetesNames.labelValueProblem(v.asText()).ifPresent(problem -> {
                        throw refuse(WorkloadDiagnostic.INVALID_LABEL, p, "label value " + KubernetesNames.quote(
                                v.asText()) + ": " + problem);
                    });
                }
                out.put(e.getKey(), v.asText());
            }
            return out;
        }

        private WorkloadReadResult.Node node(JsonNode t, String name) {
            Map<String, String> labels = labels(t, "metadata.labels");
            List<IpAddress> addresses = new ArrayList<>();
            List<JsonNode> items = list(at(t, "status.addresses"), "status.addresses", MAX_CONTAINERS);
            for (int i = 0; i < items.size(); i++) {
                String p = "status.addresses[" + i + "]";
                String type = text(items.get(i), "type").orElse("");
                if (type.equals("InternalIP") || type.equals("ExternalIP")) {
                    addresses.add(ip(text(items.get(i), "address").orElse(""), p + ".address"));
                }
            }
            return new WorkloadReadResult.Node(name, labels, addresses);
        }

        private IpAddress ip(String text, String path) {
            try {
                return IpAddress.parse(text);
            } catch (IllegalArgumentException e) {
                throw refuse(WorkloadDiagnostic.INVALID_IP, path, path + " " + KubernetesNames.quote(text)
                        + " is not an IP address: " + e.getMessage());
            }
        }

        private Pending workload(JsonNode t, String kind, String ns, String name) {
            String prefix = switch (kind) {
                case "Pod" -> "";
                case "CronJob" -> "spec.jobTemplate.spec.template.";
                default -> "spec.template.";
            };
            if (!prefix.isEmpty() && map(t, prefix.substring(0, prefix.length() - 1)).isEmpty()) {
                throw refuse(WorkloadDiagnostic.MISSING_TEMPLATE, prefix.substring(0, prefix.length() - 1),
                        "a " + kind + " without its pod template; the workload is not read");
            }
            Map<String, String> labels = labels(t, prefix + "metadata.labels");
            String spec = prefix + "spec";
            map(t, spec);
            if (at(t, spec + ".hostNetwork").asBoolean(false)) {
                report(Severity.WARNING, WorkloadDiagnostic.IGNORED_FIELD, spec + ".hostNetwork", "hostNetwork"
                        + " pods have the host's identity in Cilium (reserved:host), not their labels; traced as a"
                        + " pod with its labels");
            }
            String account = text(t, spec + ".serviceAccountName").filter(s -> !s.isEmpty())
                    .or(() -> text(t, spec + ".serviceAccount").filter(s -> !s.isEmpty())).orElse("default");
            Map<String, Integer> named = new TreeMap<>();
            LinkedHashSet<ConnectivityMap.Probe> probes = new LinkedHashSet<>();
            List<JsonNode> containers = list(at(t, spec + ".containers"), spec + ".containers", MAX_CONTAINERS);
            for (int c = 0; c < containers.size(); c++) {
                String cp = spec + ".containers[" + c + "].ports";
                List<JsonNode> ports = list(containers.get(c).path("ports"), cp, MAX_CONTAINERS);
                for (int i = 0; i < ports.size(); i++) {
                    String pp = cp + "[" + i + "]";
                    JsonNode port = ports.get(i).path("containerPort");
                    if (!port.isInt() || port.asInt() < 1 || port.asInt() > 65_535) {
                        throw refuse(WorkloadDiagnostic.INVALID_PORT, pp + ".containerPort", "containerPort "
                                + (port.isMissingNode() ? "is missing" : port.isTextual() ? KubernetesNames.quote(
                                port.asText()) + " is a string" : port.toString() + " is not a number 1-65535")
                                + "; give a number 1-65535");
                    }
                    String protoText = text(ports.get(i), "protocol").orElse("TCP");
                    Protocol proto = switch (protoText) {
                        case "TCP" -> Protocol.TCP;
                        case "UDP" -> Protocol.UDP;
                        case "SCTP" -> Protocol.SCTP;
                        default -> throw refuse(WorkloadDiagnostic.INVALID_PORT, pp + ".protocol", "protocol "
                                + KubernetesNames.quote(protoText) + " is not TCP, UDP or SCTP (upper case, as"
                                + " Kubernetes takes it)");
                    };
                    Optional<String> portName = text(ports.get(i), "name").filter(s -> !s.isEmpty());
                    if (portName.isPresent()) {
                        named.put(portName.get(), port.asInt());
                    }
                    probes.add(new ConnectivityMap.Probe(proto, port.asInt()));
                }
            }
            Optional<IpAddress> ip = Optional.empty();
            if (kind.equals("Pod")) {
                ip = text(t, "status.podIP").filter(s -> !s.isEmpty()).map(s -> ip(s, "status.podIP"));
                List<JsonNode> ips = list(at(t, "status.podIPs"), "status.podIPs", MAX_CONTAINERS);
                for (int i = 0; i < ips.size(); i++) {
                    String p = "status.podIPs[" + i + "].ip";
                    IpAddress a = ip(text(ips.get(i), "ip").orElse(""), p);
                    if (ip.isEmpty()) {
                        ip = Optional.of(a);
                    } else if (!ip.get().equals(a)) {
                        report(Severity.WARNING, WorkloadDiagnostic.IGNORED_FIELD, p, "pod IP " + a + " is not"
                                + " used: a peer has one IP (" + ip.get() + ")");
                    }
                }
            }
            return new Pending(at, kind, ns, name, labels, account, named, List.copyOf(probes), ip);
        }

        WorkloadReadResult result() {
            Map<String, Map<String, String>> nsLabels = new TreeMap<>();
            namespaces.forEach((n, l) -> {
                Map<String, String> m = new TreeMap<>(l);
                m.put("kubernetes.io/metadata.name", n);
                nsLabels.put(n, m);
            });
            Map<String, TreeMap<String, WorkloadReadResult.Service>> byNamespace = new HashMap<>();
            for (WorkloadReadResult.Service s : services.values()) {
                byNamespace.computeIfAbsent(s.namespace(), k -> new TreeMap<>()).put(s.name(), s);
            }
            List<Workload> out = new ArrayList<>();
            for (Pending p : workloads.values()) {
                if (out.size() == MAX_WORKLOADS) {
                    this.out.add(new WorkloadDiagnostic(Severity.ERROR, WorkloadDiagnostic.TOO_MANY, -1, "", "", 0,
                            "more than " + MAX_WORKLOADS + " workloads, the limit; the rest is not read"));
                    break;
                }
                Map<String, String> nl = nsLabels.computeIfAbsent(p.namespace(), n -> Map.of(
                        "kubernetes.io/metadata.name", n));
                at = p.obj();
                object = plural(p.kind()) + "/" + p.namespace() + "/" + p.name();
                try {
                    Peer.Pod pod = Peer.pod(p.namespace(), p.labels()).withNamespaceLabels(nl)
                            .withServiceAccount(p.account()).withNamedPorts(p.named());
                    if (p.ip().isPresent()) {
                        pod = pod.withIp(p.ip().get());
                    }
                    for (WorkloadReadResult.Service s : byNamespace.getOrDefault(p.namespace(), new TreeMap<>())
                            .values()) {
                        if (!s.selector().isEmpty() && p.labels().entrySet().containsAll(s.selector().entrySet())) {
                            pod = pod.viaService(s.name(), s.labels());
                            break;
                        }
                    }
                    out.add(new Workload(p.kind(), p.namespace(), p.name(), pod, p.probes()));
                } catch (IllegalArgumentException e) {
                    report(Severity.ERROR, WorkloadDiagnostic.INVALID_IDENTITY, "", "not a valid identity: "
                            + e.getMessage());
                }
            }
            out.sort(Comparator.comparing(Workload::namespace).thenComparing(Workload::kind)
                    .thenComparing(Workload::name));
            List<WorkloadReadResult.Service> svc = new ArrayList<>(services.values());
            svc.sort(Comparator.comparing(WorkloadReadResult.Service::namespace)
                    .thenComparing(WorkloadReadResult.Service::name));
            List<WorkloadReadResult.Node> nd = new ArrayList<>(nodes.values());
            nd.sort(Comparator.comparing(WorkloadReadResult.Node::name));
            return new WorkloadReadResult(out, svc, nsLabels, nd, this.out);
        }
    }
}
