package io.kcs.cilium.rules.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * The agent option {@code policy-enforcement}: when the agent enforces policy on an endpoint's direction
 * ({@code pkg/option/config.go} {@code DefaultEnforcement}, {@code AlwaysEnforce}, {@code NeverEnforce};
 * applied in {@code pkg/policy/repository.go} {@code computePolicyEnforcementAndRules}).
 *
 * <p>What it does not do: it does not cover the host firewall switch ({@code enable-host-firewall}), which
 * Cilium checks before this mode: without it, the host endpoint is never enforced.
 *
 * <pre>{@code
 * PolicyEnforcement.parse("always");   // Optional[ALWAYS]
 * PolicyEnforcement.parse("Always");   // Optional.empty(): CiliumAgentConfig lower-cases first
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum PolicyEnforcement {
    /** A direction is enforced once a rule selecting the endpoint has default deny on for it (the default). */
    DEFAULT("default"),
    /** Every endpoint is enforced in both directions, with default deny, whether or not a rule selects it. */
    ALWAYS("always"),
    /** No endpoint is enforced; deny rules do not apply either. */
    NEVER("never");

    private final String ciliumName;

    PolicyEnforcement(String ciliumName) {
        this.ciliumName = ciliumName;
    }

    /** The option value as Cilium spells it. */
    public String ciliumName() {
        return ciliumName;
    }

    /** The mode named {@code text} exactly as Cilium spells it, or empty. */
    public static Optional<PolicyEnforcement> parse(String text) {
        Objects.requireNonNull(text, "text");
        for (PolicyEnforcement p : values()) {
            if (p.ciliumName.equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
