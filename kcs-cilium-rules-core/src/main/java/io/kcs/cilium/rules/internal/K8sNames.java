package io.kcs.cilium.rules.internal;

/**
 * Kubernetes name syntax: namespaces (RFC 1123 labels) and label keys and values. Not API: this package is not
 * exported. All methods return null when the text is valid, else the reason.
 */
public final class K8sNames {

    /** Longest namespace name (RFC 1123 label). */
    public static final int MAX_NAMESPACE = 63;
    /** Longest label name part and label value. */
    public static final int MAX_LABEL_NAME = 63;
    /** Longest label key prefix (a DNS subdomain). */
    public static final int MAX_LABEL_PREFIX = 253;
    /** Longest RFC 1123 subdomain (object names). */
    public static final int MAX_SUBDOMAIN = 253;

    private K8sNames() {}

    /** RFC 1123 label: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
    public static String checkNamespace(CharSequence s, int from, int to) {
        if (from == to) {
            return "empty namespace";
        }
        if (to - from > MAX_NAMESPACE) {
            return "namespace is " + (to - from) + " characters long; at most " + MAX_NAMESPACE + " are allowed";
        }
        return checkDnsLabel(s, from, to, "namespace");
    }

    /**
     * RFC 1123 subdomain (Kubernetes object names): dot-separated RFC 1123 labels, at most 253 characters;
     * {@code what} names the text in the reason.
     */
    public static String checkSubdomain(CharSequence s, int from, int to, String what) {
        if (from == to) {
            return "empty " + what;
        }
        if (to - from > MAX_SUBDOMAIN) {
            return what + " is " + (to - from) + " characters long; at most " + MAX_SUBDOMAIN + " are allowed";
        }
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (i == labelStart) {
                    return "empty part (\"..\", or '.' at the start or end) in " + what;
                }
                String r = checkDnsLabel(s, labelStart, i, what);
                if (r != null) {
                    return r;
                }
                labelStart = i + 1;
            }
        }
        return null;
    }

    private static String checkDnsLabel(CharSequence s, int from, int to, String what) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > from && i < to - 1);
            if (!ok) {
                if (c >= 'A' && c <= 'Z') {
                    return what + " must be lower case, found " + Text.describeChar(c);
                }
                if (c == '-') {
                    return what + " must start and end with a letter or digit";
                }
                return "character " + Text.describeChar(c) + " is not allowed in a " + what
                        + " (expected a-z, 0-9 and '-')";
            }
        }
        return null;
    }

    /** A label key: optional DNS-subdomain prefix and {@code /}, then a name. */
    public static String checkLabelKey(CharSequence s, int from, int to) {
        if (from == to) {
            return "empty label key";
        }
        int slash = Text.indexOf(s, '/', from, to);
        int nameFrom = from;
        if (slash >= 0) {
            if (slash == from) {
                return "empty label key prefix before '/'";
            }
            if (slash - from > MAX_LABEL_PREFIX) {
                return "label key prefix is " + (slash - from) + " characters long; at most " + MAX_LABEL_PREFIX
                        + " are allowed";
            }
            int labelStart = from;
            for (int i = from; i <= slash; i++) {
                if (i == slash || s.charAt(i) == '.') {
                    if (i == labelStart) {
                        return "empty label in label key prefix";
                    }
                    String r = checkDnsLabel(s, labelStart, i, "label key prefix");
                    if (r != null) {
                        return r;
                    }
                    labelStart = i + 1;
                }
            }
            nameFrom = slash + 1;
            if (nameFrom == to) {
                return "empty label name after '/'";
            }
        }
        return checkLabelName(s, nameFrom, to, "label name");
    }

    /** A label value: empty, or a label name. */
    public static String checkLabelValue(CharSequence s, int from, int to) {
        return from == to ? null : checkLabelName(s, from, to, "label value");
    }

    private static String checkLabelName(CharSequence s, int from, int to, String what) {
        if (to - from > MAX_LABEL_NAME) {
            return what + " is " + (to - from) + " characters long; at most " + MAX_LABEL_NAME + " are allowed";
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean alnum = Text.isAlnum(c);
            if (!alnum && !(c == '-' || c == '_' || c == '.')) {
                return "character " + Text.describeChar(c) + " is not allowed in a " + what
                        + " (expected letters, digits, '-', '_' and '.')";
            }
            if (!alnum && (i == from || i == to - 1)) {
                return what + " must start and end with a letter or digit";
            }
        }
        return null;
    }

    /**
     * Whether a key-only label with this key would end a service label list if it were not first (comma rule (b) and
     * (c)): it has a dot and no prefix ({@code foo.bar}), or its prefix is made only of digits and dots, which makes
     * it CIDR-shaped ({@code 0.0/x}). Such a label can only be written first.
     */
    public static boolean mustComeFirstWhenKeyOnly(CharSequence key) {
        int slash = Text.indexOf(key, '/', 0, key.length());
        if (slash < 0) {
            return Text.indexOf(key, '.', 0, key.length()) >= 0;
        }
        for (int i = 0; i < slash; i++) {
            char c = key.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return slash > 0;
    }
}
