package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.Optional;

/**
 * One DNS L7 rule (Cilium's {@code PortRuleDNS}, the same shape as {@code FQDNSelector}): the DNS proxy allows
 * queries whose name matches. Kept exactly as written; unlike {@code toFQDNs}, Cilium accepts both fields or
 * neither in a DNS rule (then matching uses {@code matchName} when given, else {@code matchPattern}).
 *
 * <pre>{@code
 * DnsRule.matchPattern("*").toString();                    // "dns{matchPattern=\"*\"}"
 * DnsRule.matchName("api.example.com").selector();          // Optional[api.example.com]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param matchName the exact name, when given (empty text means not given)
 * @param matchPattern the pattern, when given (empty text means not given)
 */
public record DnsRule(Optional<String> matchName, Optional<String> matchPattern) {

    /** Drops empty strings and checks the size (at most {@value FqdnMatch#MAX_LENGTH} characters each). */
    public DnsRule {
        matchName = FqdnMatch.given(matchName, "matchName");
        matchPattern = FqdnMatch.given(matchPattern, "matchPattern");
    }

    /** {@code matchName: name}. */
    public static DnsRule matchName(String name) {
        return new DnsRule(Optional.of(name), Optional.empty());
    }

    /** {@code matchPattern: pattern}. */
    public static DnsRule matchPattern(String pattern) {
        return new DnsRule(Optional.empty(), Optional.of(pattern));
    }

    /** The rule for a selector, as {@link FqdnMatch#of(FqdnSelector)}. */
    public static DnsRule of(FqdnSelector selector) {
        FqdnMatch m = FqdnMatch.of(selector);
        return new DnsRule(m.matchName(), m.matchPattern());
    }

    /** The matcher, as {@link FqdnMatch#selector()}. */
    public Optional<FqdnSelector> selector() {
        return FqdnMatch.selector(matchName, matchPattern);
    }

    @Override
    public String toString() {
        return "dns{" + FqdnMatch.format(matchName, matchPattern) + "}";
    }
}
