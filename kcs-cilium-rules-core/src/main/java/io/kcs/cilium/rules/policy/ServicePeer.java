package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code toServices} entry (Cilium's {@code api.Service}): a Kubernetes Service by name
 * ({@link ByName}, {@code k8sService}) or Services by label ({@link BySelector}, {@code k8sServiceSelector}). An
 * empty namespace means the policy's namespace for a CNP (Cilium fills it in) and every namespace for a CCNP.
 * Services are not resolved here.
 *
 * <pre>{@code
 * new ServicePeer.ByName("kubernetes", Optional.of("default")).toString();   // "k8sService=default/kubernetes"
 * }</pre>
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface ServicePeer extends Comparable<ServicePeer> permits ServicePeer.ByName, ServicePeer.BySelector {

    /** The namespace, when given. */
    Optional<String> namespace();

    /** Orders by canonical text. */
    @Override
    default int compareTo(ServicePeer o) {
        return toString().compareTo(o.toString());
    }

    /**
     * A Service by name.
     *
     * @param serviceName the Service's name, non-empty
     * @param namespace its namespace
     */
    record ByName(String serviceName, Optional<String> namespace) implements ServicePeer {
        /** @throws IllegalArgumentException when the name is empty or a part over 253 characters */
        public ByName {
            Checks.nonEmpty(serviceName, "serviceName", 253);
            Objects.requireNonNull(namespace, "namespace");
            namespace.ifPresent(ns -> Checks.text(ns, "namespace", 253));
        }

        @Override
        public String toString() {
            return "k8sService=" + namespace.map(ns -> ns + "/").orElse("") + serviceName;
        }
    }

    /**
     * Services whose labels match a selector.
     *
     * @param selector the selector over Service labels
     * @param namespace their namespace
     */
    record BySelector(LabelSelector selector, Optional<String> namespace) implements ServicePeer {
        /** @throws IllegalArgumentException when the namespace is over 253 characters */
        public BySelector {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(namespace, "namespace");
            namespace.ifPresent(ns -> Checks.text(ns, "namespace", 253));
        }

        @Override
        public String toString() {
            return "k8sServiceSelector=" + namespace.map(ns -> ns + "/").orElse("") + selector;
        }
    }
}
