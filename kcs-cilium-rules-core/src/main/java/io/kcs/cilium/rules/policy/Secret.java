package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a Kubernetes Secret (Cilium's {@code api.Secret}), by namespace and name. Data only: the library
 * never reads secrets.
 *
 * <pre>{@code
 * new Secret(Optional.of("shop"), "tls-cert").toString();   // "shop/tls-cert"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param namespace the namespace, empty for the policy's (or Cilium's default) namespace
 * @param name the secret's name, non-empty
 */
public record Secret(Optional<String> namespace, String name) {
    /** @throws IllegalArgumentException when the name is empty or a part is longer than 253 characters */
    public Secret {
        Objects.requireNonNull(namespace, "namespace");
        namespace.ifPresent(ns -> Checks.text(ns, "secret namespace", 253));
        Checks.nonEmpty(name, "secret name", 253);
    }

    /** {@code namespace/name} or {@code name}. */
    @Override
    public String toString() {
        return namespace.map(ns -> ns + "/" + name).orElse(name);
    }
}
