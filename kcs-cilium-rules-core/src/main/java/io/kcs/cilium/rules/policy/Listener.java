package io.kcs.cilium.rules.policy;

import java.util.Objects;

/**
 * A {@code listener} reference of a {@link PortRule} (Cilium's {@code api.Listener}): traffic is redirected to a
 * named Envoy listener defined in a CiliumEnvoyConfig. Data only.
 *
 * <pre>{@code
 * new Listener("CiliumEnvoyConfig", "my-envoy", "http-listener", 0).toString();
 * // "CiliumEnvoyConfig/my-envoy/http-listener"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param envoyConfigKind {@code CiliumEnvoyConfig} or {@code CiliumClusterwideEnvoyConfig} (kept as written)
 * @param envoyConfigName the name of the Envoy config resource
 * @param name the listener's name, non-empty
 * @param priority the priority, 0–65535 (0: Cilium's default, 100; Cilium 1.17+ reads it as uint8, 1.16 as uint16;
 *     the policy reader checks the line's range)
 */
public record Listener(String envoyConfigKind, String envoyConfigName, String name, int priority) {
    /** @throws IllegalArgumentException when the name is empty, the priority outside 0–65535, or text too long */
    public Listener {
        Checks.text(envoyConfigKind, "envoyConfig kind", 253);
        Checks.text(envoyConfigName, "envoyConfig name", 253);
        Checks.nonEmpty(name, "listener name", 253);
        if (priority < 0 || priority > 65_535) {
            throw new IllegalArgumentException("listener priority " + priority + " is outside 0-65535");
        }
    }

    /** {@code kind/config/name}. */
    @Override
    public String toString() {
        return envoyConfigKind + "/" + envoyConfigName + "/" + name;
    }
}
