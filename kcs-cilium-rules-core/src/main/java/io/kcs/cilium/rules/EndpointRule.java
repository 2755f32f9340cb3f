package io.kcs.cilium.rules;

import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import java.util.Objects;

/**
 * An exception for every pod of one namespace, written {@code endpoint:<namespace>}. In a CiliumNetworkPolicy it
 * is a {@code toEndpoints}/{@code fromEndpoints} selector on {@code k8s:io.kubernetes.pod.namespace}.
 *
 * <p>It does not select the host, nodes or anything outside the cluster, only pods.
 *
 * <pre>{@code
 * new EndpointRule("payments").toString();  // "endpoint:payments"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param namespace a Kubernetes namespace name (RFC 1123 label, at most 63 characters)
 */
public record EndpointRule(String namespace) implements Rule {

    /**
     * @throws NullPointerException when {@code namespace} is null
     * @throws IllegalArgumentException when it is not an RFC 1123 label
     */
    public EndpointRule {
        Objects.requireNonNull(namespace, "namespace");
        String reason = K8sNames.checkNamespace(namespace, 0, namespace.length());
        if (reason != null) {
            throw new IllegalArgumentException("invalid namespace " + Text.quote(namespace) + ": " + reason);
        }
    }

    /** {@code endpoint:<namespace>}. */
    @Override
    public String toString() {
        return "endpoint:" + namespace;
    }
}
