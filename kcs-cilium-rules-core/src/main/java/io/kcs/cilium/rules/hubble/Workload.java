package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.hubble.HubbleFlow.Endpoint;
import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The workload a profile is for, chosen as Kubernetes chooses pods: its namespace and a label selector
 * ({@code matchLabels}: every given label must be on the pod with the same value). A flow endpoint is the workload
 * when its namespace (the {@code namespace} field, or the label {@code k8s:io.kubernetes.pod.namespace}) is
 * {@link #namespace()} and its {@code k8s:} labels include {@link #labels()}. An empty selector selects every pod of
 * the namespace.
 *
 * <pre>{@code
 * Workload w = Workload.of("shop", Map.of("app", "web"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Workload {

    private final String namespace;
    private final Map<String, String> labels;
    private final String namespaceLabel; // k8s:io.kubernetes.pod.namespace=<namespace>
    private final String[] wanted; // k8s:key=value, per selector label
    private final String[] wantedBare; // key=value (labels printed without a source)
    private final String[] keys;

    /**
     * The workload of {@code namespace} selected by {@code labels}; keys may carry Cilium's {@code k8s:} or
     * {@code any:} source, which is dropped.
     *
     * @throws IllegalArgumentException when the namespace or a label is not valid Kubernetes syntax
     */
    private Workload(String namespace, Map<String, String> labels) {
        Objects.requireNonNull(namespace, "namespace");
        String reason = K8sNames.checkNamespace(namespace, 0, namespace.length());
        if (reason != null) {
            throw new IllegalArgumentException("invalid namespace " + Text.quote(namespace) + ": " + reason);
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "label key");
            String v = Objects.requireNonNull(e.getValue(), "label value");
            if (k.startsWith("k8s:") || k.startsWith("any:")) {
                k = k.substring(4);
            }
            String r = K8sNames.checkLabelKey(k, 0, k.length());
            if (r == null) {
                r = K8sNames.checkLabelValue(v, 0, v.length());
            }
            if (r != null) {
                throw new IllegalArgumentException("invalid label " + Text.quote(k) + "=" + Text.quote(v) + ": " + r);
            }
            out.put(k, v);
        }
        this.namespace = namespace;
        this.labels = Collections.unmodifiableMap(out);
        this.namespaceLabel = "k8s:" + Labels.POD_NAMESPACE + "=" + namespace;
        this.wanted = new String[out.size()];
        this.wantedBare = new String[out.size()];
        this.keys = new String[out.size()];
        int i = 0;
        for (Map.Entry<String, String> e : out.entrySet()) {
            keys[i] = e.getKey();
            wantedBare[i] = e.getKey() + "=" + e.getValue();
            wanted[i] = "k8s:" + wantedBare[i];
            i++;
        }
    }

    /**
     * The workload of {@code namespace} selected by {@code labels}.
     *
     * @throws IllegalArgumentException when the namespace or a label is not valid Kubernetes syntax
     */
    public static Workload of(String namespace, Map<String, String> labels) {
        return new Workload(namespace, labels);
    }

    /** The namespace. */
    public String namespace() {
        return namespace;
    }

    /** The selector, sources dropped, sorted by key. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Whether {@code e} is (a pod of) this workload. */
    public boolean matches(Endpoint e) {
        List<String> l = e.labels();
        String ns = e.namespace();
        if (ns.isEmpty() ? !contains(l, namespaceLabel, namespaceLabel.substring(4)) : !ns.equals(namespace)) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (!contains(l, wanted[i], wantedBare[i])
                    && !(wantedBare[i].length() == keys[i].length() + 1 && "".equals(Labels.k8sValue(l, keys[i])))) {
                return false; // (an empty value may also be printed as a bare key)
            }
        }
        return true;
    }

    private static boolean contains(List<String> labels, String a, String b) {
        for (int i = 0, n = labels.size(); i < n; i++) {
            String s = labels.get(i);
            if (s.equals(a) || s.equals(b)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Workload w && w.namespace.equals(namespace) && w.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return namespace.hashCode() * 31 + labels.hashCode();
    }

    @Override
    public String toString() {
        return namespace + "/" + labels;
    }
}
