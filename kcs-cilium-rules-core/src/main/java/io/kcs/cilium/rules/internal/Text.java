package io.kcs.cilium.rules.internal;

/**
 * Character classes and message helpers shared by the parsers. Not API: this package is not exported.
 *
 * <p>All methods are static, pure and thread-safe.
 */
public final class Text {

    /** Longest excerpt of user text quoted in a message; longer text is cut with an ellipsis. */
    public static final int MAX_EXCERPT = 64;

    private Text() {}

    /** ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return. */
    public static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Index of the first non-space character in {@code [from, to)}, or {@code to}. */
    public static int skipSpace(CharSequence s, int from, int to) {
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** Index after the last non-space character in {@code [from, to)}, or {@code from}. */
    public static int trimEnd(CharSequence s, int from, int to) {
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Index of {@code c} in {@code [from, to)}, or -1. */
    public static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code [from, to)} contains a space character. */
    public static int indexOfSpace(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isSpace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** ASCII letter or digit. */
    public static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Whether {@code [from, to)} equals {@code word} exactly. */
    public static boolean regionEquals(CharSequence s, int from, int to, String word) {
        int n = word.length();
        if (to - from != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(from + i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code [from, to)} equals {@code word} ignoring ASCII case. */
    public static boolean regionEqualsIgnoreCase(CharSequence s, int from, int to, String word) {
        int n = word.length();
        if (to - from != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (toLowerAscii(s.charAt(from + i)) != toLowerAscii(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case; other characters unchanged. */
    public static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** A character for a message: {@code 'x'} when printable ASCII, else {@code U+XXXX}. */
    public static String describeChar(char c) {
        if (c >= 0x21 && c < 0x7F) {
            return "'" + c + "'";
        }
        if (c == ' ') {
            return "a space";
        }
        return String.format("U+%04X", (int) c);
    }

    /**
     * Quotes {@code s[from, to)} for a message: double quotes, non-printable and non-ASCII characters escaped as
     * {@code \}{@code uXXXX}, cut to {@link #MAX_EXCERPT} characters with {@code …}.
     */
    public static String quote(CharSequence s, int from, int to) {
        StringBuilder b = new StringBuilder(Math.min(to - from, MAX_EXCERPT) + 8);
        b.append('"');
        int end = Math.min(to, from + MAX_EXCERPT);
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        if (end < to) {
            b.append('…');
        }
        return b.append('"').toString();
    }

    /** Quotes a whole string, see {@link #quote(CharSequence, int, int)}. */
    public static String quote(CharSequence s) {
        return quote(s, 0, s.length());
    }

    /**
     * Levenshtein distance between {@code a} and {@code b}, or {@code limit + 1} when it is larger than
     * {@code limit} or either string is longer than 64 characters (bounded work for hints on hostile input).
     */
    public static int editDistance(CharSequence a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        if (n > 64 || m > 64 || Math.abs(n - m) > limit) {
            return limit + 1;
        }
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], limit + 1);
    }
}
