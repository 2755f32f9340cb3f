package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.eval.Peer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security-identity labels Cilium gives a peer, which endpoint, subject and node selectors match
 * ({@code pkg/labels/labels.go}, {@code pkg/k8s/apis/cilium.io/const.go}).
 *
 * <p>A pod: its labels with source {@code k8s}, {@code k8s:io.kubernetes.pod.namespace}, the namespace's labels as
 * {@code k8s:io.cilium.k8s.namespace.labels.<key>}, {@code k8s:io.cilium.k8s.policy.serviceaccount} when known and
 * {@code k8s:io.cilium.k8s.policy.cluster}. A reserved identity: {@code reserved:<name>} (an external API server
 * also {@code reserved:world}); the host and remote nodes also their node labels with source {@code k8s}. A pod
 * label that collides with a derived key is dropped, as Cilium filters such labels. Stateless.
 */
final class IdentityLabels {

    static final String NAMESPACE = "io.kubernetes.pod.namespace";
    static final String SERVICE_ACCOUNT = "io.cilium.k8s.policy.serviceaccount";
    static final String CLUSTER = "io.cilium.k8s.policy.cluster";
    static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";

    private IdentityLabels() {
    }

    static Labels of(Peer peer, String clusterName) {
        Map<String, Label> out = new LinkedHashMap<>();
        if (peer instanceof Peer.Pod p) {
            put(out, Label.k8s(NAMESPACE, p.namespace()));
            put(out, Label.k8s(CLUSTER, clusterName));
            p.serviceAccount().ifPresent(sa -> put(out, Label.k8s(SERVICE_ACCOUNT, sa)));
            for (Map.Entry<String, String> e : p.namespaceLabels().entrySet()) {
                put(out, Label.k8s(NAMESPACE_LABELS + e.getKey(), e.getValue()));
            }
            for (Map.Entry<String, String> e : p.labels().entrySet()) {
                out.putIfAbsent(e.getKey(), Label.k8s(e.getKey(), e.getValue()));
            }
        } else if (peer instanceof Peer.Host h) {
            put(out, Label.reserved("host"));
            nodeLabels(out, h.nodeLabels());
        } else if (peer instanceof Peer.RemoteNode r) {
            put(out, Label.reserved("remote-node"));
            nodeLabels(out, r.nodeLabels());
        } else if (peer instanceof Peer.World) {
            put(out, Label.reserved("world"));
        } else if (peer instanceof Peer.KubeApiserver k) {
            put(out, Label.reserved("kube-apiserver"));
            if (k.externalIp().isPresent()) {
                put(out, Label.reserved("world"));
            }
        } else if (peer instanceof Peer.Unmanaged) {
            put(out, Label.reserved("unmanaged"));
        } else if (peer instanceof Peer.Ingress) {
            put(out, Label.reserved("ingress"));
        } else if (peer instanceof Peer.Health) {
            put(out, Label.reserved("health"));
        } else {
            put(out, Label.reserved("init"));
        }
        return Labels.of(out.values());
    }

    private static void put(Map<String, Label> out, Label l) {
        out.put(l.key(), l);
    }

    private static void nodeLabels(Map<String, Label> out, Map<String, String> labels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            out.putIfAbsent(e.getKey(), Label.k8s(e.getKey(), e.getValue()));
        }
    }
}
