package io.kcs.cilium.rules.fqdn;

import io.kcs.cilium.rules.internal.FqdnSyntax;
import io.kcs.cilium.rules.internal.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Cilium {@code toFQDNs} selector: an exact DNS name ({@code matchName}) or a wildcard pattern
 * ({@code matchPattern}), validated as Cilium's CRD validates it and matched exactly as Cilium's
 * {@code pkg/fqdn/matchpattern} does.
 *
 * <p>Matching rules (Cilium 1.19+): both sides are lower-cased and given a trailing dot. A pattern made only of
 * {@code *} (optionally with a trailing dot) matches the root {@code .} and every name whose labels are non-empty
 * runs of {@code [-a-zA-Z0-9_]}. Otherwise {@code .} is literal; a leading run of two or more {@code *} followed by
 * {@code .} stands for one or more whole labels; every other run of {@code *} stands for zero or more
 * {@code [-a-zA-Z0-9_]} characters inside one label (it never crosses a dot). The match is anchored at both ends.
 * Lower-casing follows Go's {@code strings.ToLower}, so the Kelvin sign U+212A and U+0130 in a queried name match
 * {@code k} and {@code i}.
 *
 * <ul>
 *   <li>{@code *.cilium.io} matches {@code www.cilium.io}, not {@code cilium.io}, not {@code a.b.cilium.io};
 *   <li>{@code *cilium.io} matches {@code cilium.io} and {@code subcilium.io}, not {@code www.cilium.io};
 *   <li>{@code **.cilium.io} matches {@code a.cilium.io} and {@code a.b.cilium.io}, not {@code cilium.io}.
 * </ul>
 *
 * <p>Length: at most 254 characters without the trailing dot. Cilium appends the dot before it checks its limit of
 * 255 ({@code matchpattern.MaxFQDNLength}), so a 255-character value would be refused by the agent and select
 * nothing; a pattern made only of {@code *} gets no dot and may have 255.
 *
 * <p>What it does not do: no DNS lookups, no regular expressions (matching is a single left-to-right pass per label
 * with no backtracking across labels, bounded by the length limit), no IDN/punycode conversion. A pattern
 * without {@code *} is the exact name it spells, so {@code matchPattern("a.b")} equals {@code matchName("a.b")}
 * (Cilium matches them identically), which keeps the text form unambiguous.
 *
 * <pre>{@code
 * FqdnSelector s = FqdnSelector.parse("*.Example.COM.");
 * s.value();                      // "*.example.com"
 * s.isPattern();                  // true
 * s.matches("API.example.com");   // true
 * s.matches("example.com");       // false
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@link #matches} allocates nothing.
 */
public final class FqdnSelector {

    private final String value;
    private final boolean pattern;
    /** The compiled matcher, made on first use (parsing alone never pays for it); racy but idempotent. */
    private volatile Compiled compiled;

    private FqdnSelector(String value) {
        this.value = value;
        this.pattern = value.indexOf('*') >= 0;
    }

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            c = new Compiled(value);
            compiled = c;
        }
        return c;
    }

    /** The matcher of a value: a match-all flag, a multi-label prefix flag and the labels after it. */
    private static final class Compiled {
        final boolean matchAll;
        final boolean multiLabelPrefix;
        final Label[] labels;

        Compiled(String value) {
            boolean all = true;
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) != '*') {
                    all = false;
                    break;
                }
            }
            this.matchAll = all;
            int stars = 0;
            while (stars < value.length() && value.charAt(stars) == '*') {
                stars++;
            }
            this.multiLabelPrefix = !all && stars >= 2 && value.charAt(stars) == '.';
            String rest = multiLabelPrefix ? value.substring(stars + 1) : value;
            this.labels = all ? new Label[0] : splitLabels(rest);
        }
    }

    /**
     * An exact-name selector. The name is lower-cased and a trailing dot is dropped.
     *
     * @throws IllegalArgumentException when the name is empty, longer than 254 characters without the trailing dot
     *     (Cilium appends the dot and then refuses more than 255 characters), contains a character
     *     outside {@code [-a-zA-Z0-9_.]} (so also {@code *}), starts with a dot, has an empty label, or is made only
     *     of digits and dots (an IPv4 address)
     */
    public static FqdnSelector matchName(String name) {
        return create(name, false);
    }

    /**
     * A wildcard-pattern selector; a pattern without {@code *} is the exact name it spells.
     *
     * @throws IllegalArgumentException as {@link #matchName}, with {@code *} allowed; a pattern made only of
     *     {@code *}, which Cilium leaves without a dot, may have 255 characters
     */
    public static FqdnSelector matchPattern(String pattern) {
        return create(pattern, true);
    }

    /**
     * A pattern when {@code text} contains {@code *}, else a name.
     *
     * @throws IllegalArgumentException as {@link #matchPattern}
     */
    public static FqdnSelector parse(String text) {
        return create(text, true);
    }

    /** Whether {@link #parse} accepts {@code text}. */
    public static boolean isValid(String text) {
        Objects.requireNonNull(text, "text");
        return FqdnSyntax.check(text, 0, text.length(), true) == null;
    }

    private static FqdnSelector create(String text, boolean allowStar) {
        Objects.requireNonNull(text, "text");
        String reason = FqdnSyntax.check(text, 0, text.length(), allowStar);
        if (reason != null) {
            throw new IllegalArgumentException("invalid FQDN " + (allowStar ? "pattern " : "name ")
                    + Text.quote(text) + ": " + reason);
        }
        return fromValid(text, 0, text.length());
    }

    private static FqdnSelector fromValid(CharSequence s, int from, int to) {
        if (s.charAt(to - 1) == '.') {
            to--;
        }
        return new FqdnSelector(s.subSequence(from, to).toString().toLowerCase(Locale.ROOT));
    }

    /** The normalised value: lower case, no trailing dot (what is written to {@code matchName}/{@code matchPattern}). */
    public String value() {
        return value;
    }

    /** Whether this is a {@code matchPattern} (the value contains {@code *}). */
    public boolean isPattern() {
        return pattern;
    }

    /** Whether this pattern is made only of {@code *}, matching every well-formed name. */
    public boolean isMatchAll() {
        return compiled().matchAll;
    }

    /**
     * Whether Cilium would select {@code dnsName} with this selector. The name may have a trailing dot and any case;
     * a name with characters outside {@code [-a-zA-Z0-9_.]} (after Go lower-casing) matches nothing.
     */
    public boolean matches(String dnsName) {
        Objects.requireNonNull(dnsName, "dnsName");
        int n = dnsName.length();
        if (n > 0 && dnsName.charAt(n - 1) == '.') {
            n--;
        }
        // Every character must be a DNS character or a dot; count labels meanwhile (the virtual trailing dot ends
        // the last label, so the root "." has one empty label and zero characters).
        int nameLabels = 1;
        boolean emptyLabel = n == 0;
        char prev = '.';
        for (int i = 0; i < n; i++) {
            char c = goLower(dnsName.charAt(i));
            if (c == '.') {
                nameLabels++;
                if (prev == '.') {
                    emptyLabel = true;
                }
            } else if (!FqdnSyntax.isDnsChar(c)) {
                return false;
            }
            prev = c;
        }
        if (n > 0 && prev == '.') {
            emptyLabel = true;
        }
        Compiled c = compiled();
        if (c.matchAll) {
            return n == 0 || !emptyLabel;
        }
        Label[] labels = c.labels;
        int k = labels.length;
        int skip;
        if (c.multiLabelPrefix) {
            if (nameLabels < k + 1) {
                return false;
            }
            skip = nameLabels - k;
        } else {
            if (nameLabels != k) {
                return false;
            }
            skip = 0;
        }
        int pos = 0;
        for (int l = 0; l < nameLabels; l++) {
            int end = pos;
            while (end < n && dnsName.charAt(end) != '.') {
                end++;
            }
            if (l < skip) {
                if (end == pos) {
                    return false; // the "**." prefix stands for non-empty labels only
                }
            } else if (!labels[l - skip].matches(dnsName, pos, end)) {
                return false;
            }
            pos = end + 1;
        }
        return true;
    }

    /** Go's {@code unicode.ToLower} where it yields ASCII: A–Z, the Kelvin sign and U+0130. */
    static char goLower(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        if (c == '\u212A') {
            return 'k';
        }
        if (c == '\u0130') {
            return 'i';
        }
        return c;
    }

    private static Label[] splitLabels(String s) {
        List<Label> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                out.add(new Label(s.substring(start, i)));
                start = i + 1;
            }
        }
        return out.toArray(new Label[0]);
    }

    /** One pattern label: literal chunks between runs of {@code *}. */
    private static final class Label {
        private final String literal; // the whole label when it has no '*'
        private final String[] chunks; // null when no '*'

        Label(String text) {
            if (text.indexOf('*') < 0) {
                literal = text;
                chunks = null;
                return;
            }
            literal = null;
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == '*') {
                    parts.add(text.substring(start, i));
                    while (i + 1 < text.length() && text.charAt(i + 1) == '*') {
                        i++;
                    }
                    start = i + 1;
                }
            }
            chunks = parts.toArray(new String[0]);
        }

        /** Whether name[from, to) (characters known to be DNS characters) matches this label. */
        boolean matches(String name, int from, int to) {
            if (chunks == null) {
                return to - from == literal.length() && regionEquals(name, from, literal);
            }
            String first = chunks[0];
            String last = chunks[chunks.length - 1];
            if (to - from < first.length() + last.length()) {
                return false;
            }
            if (!regionEquals(name, from, first) || !regionEquals(name, to - last.length(), last)) {
                return false;
            }
            int pos = from + first.length();
            int limit = to - last.length();
            for (int c = 1; c < chunks.length - 1; c++) {
                String chunk = chunks[c];
                int found = -1;
                for (int i = pos; i + chunk.length() <= limit; i++) {
                    if (regionEquals(name, i, chunk)) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    return false;
                }
                pos = found + chunk.length();
            }
            return true;
        }

        private static boolean regionEquals(String name, int at, String lowerLiteral) {
            for (int i = 0; i < lowerLiteral.length(); i++) {
                if (goLower(name.charAt(at + i)) != lowerLiteral.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FqdnSelector f && f.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The normalised value, which is also the canonical entry text. */
    @Override
    public String toString() {
        return value;
    }
}
