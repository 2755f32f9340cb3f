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

    /** Bits of {@link #reserved}: a {@code reserved:} label is present, */
    static final int ANY_RESERVED = 1;
    /** ... {@code reserved:world}, {@code world-ipv4} or {@code world-ipv6}, */
    static final int WORLD = 1 << 1;
    /** ... {@code reserved:kube-apiserver}, and so on. */
    static final int KUBE_APISERVER = 1 << 2;
    static final int HOST = 1 << 3;
    static final int REMOTE_NODE = 1 << 4;
    static final int HEALTH = 1 << 5;
    static final int INIT = 1 << 6;
    static final int INGRESS = 1 << 7;
    static final int UNMANAGED = 1 << 8;

    /** The {@code reserved:} labels present, as bits ({@link #ANY_RESERVED}, {@link #WORLD}, ...), in one pass. */
    static int reserved(List<String> labels) {
        int bits = 0;
        for (int i = 0, n = labels.size(); i < n; i++) {
            String l = labels.get(i);
            if (!l.startsWith("reserved:")) {
                continue;
            }
            bits |= ANY_RESERVED;
            if (is(l, "world") || is(l, "world-ipv4") || is(l, "world-ipv6")) {
                bits |= WORLD;
            } else if (is(l, "kube-apiserver")) {
                bits |= KUBE_APISERVER;
            } else if (is(l, "host")) {
                bits |= HOST;
            } else if (is(l, "remote-node")) {
                bits |= REMOTE_NODE;
            } else if (is(l, "health")) {
                bits |= HEALTH;
            } else if (is(l, "init")) {
                bits |= INIT;
            } else if (is(l, "ingress")) {
                bits |= INGRESS;
            } else if (is(l, "unmanaged")) {
                bits |= UNMANAGED;
            }
        }
        return bits;
    }

    /** Whether {@code l} (which starts with {@code reserved:}) is {@code reserved:name}. */
    private static boolean is(String l, String name) {
        return l.length() == 9 + name.length() && l.startsWith(name, 9);
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
