package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.internal.K8sNames;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Cilium label strings as Hubble prints them, {@code source:key=value}. Static, pure, thread-safe; not API. */
final class Labels {

    /** Cilium's namespace label (without its {@code k8s:} source). */
    static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";

    private Labels() {}

    /** The value of the {@code k8s:} label {@code key} (also written without a source), or null. */
    static String k8sValue(List<String> labels, String key) {
        for (int i = 0, n = labels.size(); i < n; i++) {
            String l = labels.get(i);
            int from = l.startsWith("k8s:") ? 4 : 0;
            int eq = l.indexOf('=', from);
            int end = eq < 0 ? l.length() : eq;
            if (end - from == key.length() && l.startsWith(key, from)) {
                return eq < 0 ? "" : l.substring(eq + 1);
            }
        }
        return null;
    }

    /** Whether a {@code reserved:name} label is present. */
    static boolean hasReserved(List<String> labels, String name) {
        for (int i = 0, n = labels.size(); i < n; i++) {
            String l = labels.get(i);
            if (l.length() == 9 + name.length() && l.startsWith("reserved:") && l.startsWith(name, 9)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any {@code reserved:} label is present. */
    static boolean anyReserved(List<String> labels) {
        for (int i = 0, n = labels.size(); i < n; i++) {
            if (labels.get(i).startsWith("reserved:")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pod labels: every {@code k8s:} label (source dropped) that is valid Kubernetes syntax; labels of other
     * sources and invalid ones are left out.
     */
    static Map<String, String> podLabels(List<String> labels) {
        TreeMap<String, String> out = new TreeMap<>();
        for (int i = 0, n = labels.size(); i < n; i++) {
            String l = labels.get(i);
            if (!l.startsWith("k8s:")) {
                continue;
            }
            int eq = l.indexOf('=', 4);
            String k = eq < 0 ? l.substring(4) : l.substring(4, eq);
            String v = eq < 0 ? "" : l.substring(eq + 1);
            if (K8sNames.checkLabelKey(k, 0, k.length()) == null && K8sNames.checkLabelValue(v, 0, v.length()) == null) {
                out.put(k, v);
            }
        }
        return out;
    }
}
