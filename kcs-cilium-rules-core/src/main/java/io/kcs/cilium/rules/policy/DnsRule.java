package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.Objects;

/**
 * One DNS L7 rule (Cilium's {@code PortRuleDNS}, an {@code FQDNSelector}): the DNS proxy allows queries whose name
 * matches {@code matchName} or {@code matchPattern}. The selector is an {@link FqdnSelector} (lower-cased, trailing
 * dot dropped; Cilium's pattern semantics), as in {@code toFQDNs}.
 *
 * <pre>{@code
 * DnsRule.matchPattern("*").toString();             // "dns{matchPattern=\"*\"}"
 * DnsRule.matchName("API.example.com.").toString(); // "dns{matchName=\"api.example.com\"}"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param selector the name or pattern
 */
public record DnsRule(FqdnSelector selector) {
    /** Checks for null. */
    public DnsRule {
        Objects.requireNonNull(selector, "selector");
    }

    /** {@code matchName}. @throws IllegalArgumentException as {@link FqdnSelector#matchName} */
    public static DnsRule matchName(String name) {
        return new DnsRule(FqdnSelector.matchName(name));
    }

    /** {@code matchPattern}. @throws IllegalArgumentException as {@link FqdnSelector#matchPattern} */
    public static DnsRule matchPattern(String pattern) {
        return new DnsRule(FqdnSelector.matchPattern(pattern));
    }

    @Override
    public String toString() {
        return "dns{" + (selector.isPattern() ? "matchPattern=" : "matchName=") + Checks.quote(selector.value()) + "}";
    }
}
