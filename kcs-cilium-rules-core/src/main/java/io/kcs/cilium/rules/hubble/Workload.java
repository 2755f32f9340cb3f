package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.hubble.HubbleFlow.Endpoint;
import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import java.util.Collections;
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
 *
 * @param namespace the namespace (RFC 1123 label)
 * @param labels the selector; keys may carry Cilium's {@code k8s:} or {@code any:} source, which is dropped
 */
public record Workload(String namespace, Map<String, String> labels) {

    /** @throws IllegalArgumentException when the namespace or a label is not valid Kubernetes syntax */
    public Workload {
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
        labels = Collections.unmodifiableMap(out);
    }

    /** The workload of {@code namespace} selected by {@code labels}. */
    public static Workload of(String namespace, Map<String, String> labels) {
        return new Workload(namespace, labels);
    }

    /** Whether {@code e} is (a pod of) this workload. */
    public boolean matches(Endpoint e) {
        String ns = e.namespace();
        if (ns.isEmpty()) {
            ns = Labels.k8sValue(e.labels(), Labels.POD_NAMESPACE);
            if (ns == null) {
                return false;
            }
        }
        if (!ns.equals(namespace)) {
            return false;
        }
        for (Map.Entry<String, String> want : labels.entrySet()) {
            if (!want.getValue().equals(Labels.k8sValue(e.labels(), want.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return namespace + "/" + labels;
    }
}
