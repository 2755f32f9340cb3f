package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code toFQDNs} entry (Cilium's {@code api.FQDNSelector}): {@code matchName} and/or {@code matchPattern}, kept
 * exactly as written (Cilium does not rewrite them; it lower-cases and adds the trailing dot only when matching).
 *
 * <p>Cilium refuses both fields in one {@code toFQDNs} entry and checks the characters; the policy reader reports
 * that, this record holds what was written. An empty string is "not given" (Cilium tests the length). When both are
 * given, Cilium's {@code ToRegex} uses {@code matchName}; {@link #selector()} does the same.
 *
 * <pre>{@code
 * FqdnMatch.name("API.example.com").selector();   // Optional[api.example.com] (an FqdnSelector)
 * FqdnMatch.pattern("*.example.com").toString();  // "matchPattern=\"*.example.com\""
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param matchName the exact name, when given
 * @param matchPattern the wildcard pattern, when given
 */
public record FqdnMatch(Optional<String> matchName, Optional<String> matchPattern) implements Comparable<FqdnMatch> {

    /** Longest text kept for either field (Cilium's CRD caps both at 255; longer text is refused here). */
    public static final int MAX_LENGTH = 1024;

    /** Drops empty strings (not given) and checks the size. */
    public FqdnMatch {
        matchName = given(matchName, "matchName");
        matchPattern = given(matchPattern, "matchPattern");
    }

    static Optional<String> given(Optional<String> value, String what) {
        Checks.optionalText(value, what);
        value.ifPresent(v -> Checks.text(v, what, MAX_LENGTH));
        return value.filter(v -> !v.isEmpty());
    }

    /** {@code matchName: name}. */
    public static FqdnMatch name(String name) {
        return new FqdnMatch(Optional.of(name), Optional.empty());
    }

    /** {@code matchPattern: pattern}. */
    public static FqdnMatch pattern(String pattern) {
        return new FqdnMatch(Optional.empty(), Optional.of(pattern));
    }

    /**
     * The entry for a selector: {@code matchPattern} when it is a pattern, else {@code matchName}, with the selector's
     * canonical text (lower case, no trailing dot).
     */
    public static FqdnMatch of(FqdnSelector selector) {
        return selector.isPattern() ? pattern(selector.value()) : name(selector.value());
    }

    /**
     * The matcher Cilium uses: {@code matchName} when given, else {@code matchPattern}; empty when neither is given
     * or the text is outside what {@link FqdnSelector} accepts (e.g. a name made only of digits and dots, which
     * Cilium's character check lets through).
     */
    public Optional<FqdnSelector> selector() {
        return selector(matchName, matchPattern);
    }

    static Optional<FqdnSelector> selector(Optional<String> matchName, Optional<String> matchPattern) {
        try {
            if (matchName.isPresent()) {
                return Optional.of(FqdnSelector.matchName(matchName.get()));
            }
            return matchPattern.map(FqdnSelector::matchPattern);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String format(Optional<String> matchName, Optional<String> matchPattern) {
        List<String> parts = new ArrayList<>(2);
        matchName.ifPresent(n -> parts.add("matchName=" + Checks.quote(n)));
        matchPattern.ifPresent(p -> parts.add("matchPattern=" + Checks.quote(p)));
        return String.join(" ", parts);
    }

    /** Orders by canonical text. */
    @Override
    public int compareTo(FqdnMatch o) {
        return toString().compareTo(o.toString());
    }

    /** {@code matchName="..."} and/or {@code matchPattern="..."}; empty text when neither. */
    @Override
    public String toString() {
        return format(matchName, matchPattern);
    }
}
