package io.kcs.cilium.rules.internal;

/**
 * Validation of FQDN names and patterns as Cilium's CRD accepts them. Not API: this package is not exported.
 *
 * <p>Names follow {@code ^([-a-zA-Z0-9_]+[.]?)+$}, patterns {@code ^([-a-zA-Z0-9_*]+[.]?)+$} (Cilium CRD
 * {@code toFQDNs}); the normalised value (lower case, no trailing dot) is at most {@link #MAX_LENGTH} characters.
 * A text made only of digits and dots is an IPv4 attempt, never an FQDN.
 */
public final class FqdnSyntax {

    /** Longest {@code matchName} / {@code matchPattern} (Cilium CRD {@code maxLength}, {@code MaxFQDNLength}). */
    public static final int MAX_LENGTH = 255;

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
        char prev = '.';
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
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
        if (length > MAX_LENGTH) {
            return "DNS name is " + length + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        return null;
    }
}
