package io.kcs.cilium.rules.internal;

/**
 * Validation of FQDN names and patterns as Cilium's CRD accepts them. Not API: this package is not exported.
 *
 * <p>Names follow {@code ^([-a-zA-Z0-9_]+[.]?)+$}, patterns {@code ^([-a-zA-Z0-9_*]+[.]?)+$} (Cilium CRD
 * {@code toFQDNs}); the normalised value (lower case, no trailing dot) is at most {@link #MAX_LENGTH} characters,
 * or {@link #MAX_MATCH_ALL_LENGTH} when it is made only of {@code *}. A text made only of digits and dots is an IPv4
 * attempt, never an FQDN.
 */
public final class FqdnSyntax {

    /**
     * Cilium's limit on a {@code matchName} / {@code matchPattern} as its agent checks it: the CRD {@code maxLength}
     * and {@code pkg/fqdn/matchpattern.MaxFQDNLength}.
     */
    public static final int CILIUM_MAX_LENGTH = 255;
    /**
     * Longest normalised value (no trailing dot): Cilium appends the trailing dot ({@code matchpattern.Sanitize},
     * {@code dns.FQDN}) before it checks {@link #CILIUM_MAX_LENGTH}, so a 255-character value would be refused by the
     * agent and select nothing.
     */
    public static final int MAX_LENGTH = CILIUM_MAX_LENGTH - 1;
    /** Longest value made only of {@code *}: Cilium keeps such a match-all pattern without adding a dot. */
    public static final int MAX_MATCH_ALL_LENGTH = CILIUM_MAX_LENGTH;

    private FqdnSyntax() {}

    /** Whether {@code c} is in Cilium's DNS character group {@code [-a-zA-Z0-9_]}. */
    public static boolean isDnsChar(char c) {
        return Text.isAlnum(c) || c == '-' || c == '_';
    }

    /**
     * Checks {@code s[from, to)}.
     *
     * @return null when valid, else the reason (naming the offending character or part)
     */
    public static String check(CharSequence s, int from, int to, boolean allowStar) {
        if (from == to) {
            return "empty name";
        }
        boolean onlyDigitsAndDots = true;
        boolean onlyStars = true;
        char prev = '.';
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '*' && !(c == '.' && i == to - 1)) {
                onlyStars = false;
            }
            if (c == '.') {
                if (prev == '.') {
                    return i == from ? "a DNS name must not start with '.'" : "empty label (\"..\") in DNS name";
                }
            } else if (c == '*') {
                if (!allowStar) {
                    return "'*' is only allowed in a pattern (matchPattern)";
                }
                onlyDigitsAndDots = false;
            } else if (isDnsChar(c)) {
                if (c < '0' || c > '9') {
                    onlyDigitsAndDots = false;
                }
            } else {
                return "character " + Text.describeChar(c) + " is not allowed in a DNS name (expected letters, digits,"
                        + " '-', '_', '.'" + (allowStar ? " or '*'" : "") + ")";
            }
            prev = c;
        }
        if (onlyDigitsAndDots) {
            return "a name made only of digits and dots is an IPv4 address attempt, not a DNS name";
        }
        int length = to - from - (s.charAt(to - 1) == '.' ? 1 : 0);
        if (onlyStars ? length > MAX_MATCH_ALL_LENGTH : length > MAX_LENGTH) {
            return onlyStars
                    ? "match-all pattern is " + length + " characters long; at most " + MAX_MATCH_ALL_LENGTH
                            + " are allowed"
                    : "DNS name is " + length + " characters long without the trailing dot; at most " + MAX_LENGTH
                            + " are allowed (Cilium adds the trailing dot and refuses more than "
                            + CILIUM_MAX_LENGTH + " characters)";
        }
        return null;
    }
}
