package io.kcs.cilium.rules.oracle;

import com.google.re2j.Pattern;

/**
 * A test oracle for FQDN selectors, independent of {@code FqdnSelector}: Cilium's {@code pkg/fqdn/matchpattern}
 * turns a {@code matchPattern} into an anchored RE2 regular expression and matches it against the queried name
 * with a trailing dot; this class builds the same expression from the same rules and runs it with RE2/J (the Java
 * port of the engine Go's {@code regexp} package follows).
 *
 * <p>The translation, restated from Cilium's rules (not copied code): both sides are lower-cased and made fully
 * qualified (a trailing dot is added when missing). A pattern made only of {@code *} (optionally followed by one
 * {@code .}) matches the root {@code .} or one or more labels of {@code [-a-zA-Z0-9_]+} each followed by a dot.
 * Otherwise a leading run of two or more {@code *} followed by {@code .} becomes "one or more whole labels and a
 * dot"; every other run of {@code *} becomes {@code [-a-zA-Z0-9_]*}; every {@code .} is a literal dot; other
 * characters are literal.
 *
 * <p>What it does not do: no validation of the pattern (callers pass patterns {@code FqdnSelector} accepts), no Go
 * Unicode lower-casing beyond ASCII (callers keep letters ASCII), no caching. It is slow on purpose (one compile per
 * call) and exists for tests only.
 *
 * <pre>{@code
 * CiliumMatchPattern.regex("**.cilium.io");                 // ^([-a-zA-Z0-9_]+([.][-a-zA-Z0-9_]+)*)[.]cilium[.]io[.]$
 * CiliumMatchPattern.matches("*.cilium.io", "www.cilium.io"); // true
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class CiliumMatchPattern {

    private static final String DNS_CHAR = "[-a-zA-Z0-9_]";

    private CiliumMatchPattern() {
    }

    /** Whether Cilium's regex for {@code pattern} matches {@code name}. */
    public static boolean matches(String pattern, String name) {
        return Pattern.compile(regex(pattern)).matcher(qualify(asciiLower(name))).matches();
    }

    /** The anchored regular expression Cilium builds for {@code pattern}. */
    public static String regex(String pattern) {
        String p = asciiLower(pattern.strip());
        if (onlyStars(p)) {
            return "(^(" + DNS_CHAR + "+[.])+$)|(^[.]$)";
        }
        p = qualify(p);
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        int stars = 0;
        while (stars < p.length() && p.charAt(stars) == '*') {
            stars++;
        }
        if (stars >= 2 && stars < p.length() && p.charAt(stars) == '.') {
            re.append('(').append(DNS_CHAR).append("+([.]").append(DNS_CHAR).append("+)*)[.]");
            i = stars + 1;
        }
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                while (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    i++;
                }
                re.append(DNS_CHAR).append('*');
            } else if (c == '.') {
                re.append("[.]");
            } else {
                re.append(c);
            }
            i++;
        }
        return re.append('$').toString();
    }

    /** Stars, optionally followed by one dot (Cilium's "DNS wildcard" test). */
    private static boolean onlyStars(String p) {
        String s = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
        return !s.isEmpty() && s.chars().allMatch(c -> c == '*');
    }

    /** A fully qualified name: a trailing dot added when missing ("" becomes the root "."). */
    private static String qualify(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    private static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
