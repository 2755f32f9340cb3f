package io.kcs.cilium.rules;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.Objects;

/**
 * An exception for DNS names: Cilium {@code toFQDNs} with {@code matchName} or {@code matchPattern}. Egress only;
 * it selects the IPs that the agent's DNS proxy saw in answers for matching names, and it needs the L7 proxy
 * ({@code --enable-l7-proxy}, on by default) and a DNS rule for the same endpoint.
 *
 * <pre>{@code
 * new FqdnRule(FqdnSelector.parse("*.example.com")).toString();  // "*.example.com"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param selector the name or pattern
 */
public record FqdnRule(FqdnSelector selector) implements Rule {

    /** @throws NullPointerException when {@code selector} is null */
    public FqdnRule {
        Objects.requireNonNull(selector, "selector");
    }

    /** The normalised name or pattern, e.g. {@code api.example.com}. */
    @Override
    public String toString() {
        return selector.value();
    }
}
