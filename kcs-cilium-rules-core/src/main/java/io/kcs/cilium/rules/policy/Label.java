package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.net.Cidr;
import java.util.Objects;
import java.util.Optional;

/**
 * One Cilium label: a source, a key and a value, as in Cilium's {@code pkg/labels.Label}. Written
 * {@code source:key=value} ({@code k8s:app=web}, {@code reserved:host}, {@code cidr:10.0.0.0/8}).
 *
 * <p>The source says where a label comes from. Cilium's sources are {@value #SOURCE_K8S}, {@value #SOURCE_ANY}
 * (in selectors: any source), {@value #SOURCE_UNSPEC} (no source given), {@value #SOURCE_RESERVED} (Cilium's
 * built-in identities: {@code host}, {@code world}, {@code health}...), {@value #SOURCE_CIDR}, {@value #SOURCE_FQDN},
 * {@value #SOURCE_CONTAINER}, {@value #SOURCE_CNI}, {@value #SOURCE_GENERATED}, {@value #SOURCE_CIDR_GROUP},
 * {@value #SOURCE_NODE} and {@value #SOURCE_DIRECTORY}; any other non-empty source without {@code :} is kept as
 * written.
 *
 * <p>Two parsers, named after Cilium's: {@link #parse} is {@code labels.ParseLabel} (a label without a source gets
 * {@value #SOURCE_UNSPEC}) and {@link #parseSelectLabel} is {@code labels.ParseSelectLabel} (a label without a source
 * gets {@value #SOURCE_ANY}, which is how selector keys are read). Both split the source at the <em>first</em>
 * {@code :} and the value at the first {@code =}, so a key such as {@code io.kubernetes.pod.namespace} or
 * {@code app.kubernetes.io/name} (dots and slashes, no colon) has no source, and neither has {@code :app} (an
 * empty source, as Cilium's {@code parseSource} reads it); a leading {@code $} means {@value #SOURCE_RESERVED}
 * ({@code $host} is {@code reserved:host}).
 *
 * <p>What it does not do: it does not validate the key or value as a Kubernetes label (the policy reader does, as
 * Cilium's {@code ValidateLabelSelector}); matching is {@link #hasKeyOf} / {@link Labels} / {@link LabelSelector}.
 *
 * <pre>{@code
 * Label.parse("k8s:app=web");                        // source k8s, key app, value web
 * Label.parse("app");                                // source unspec, key app, value ""
 * Label.parseSelectLabel("app").source();            // "any"
 * Label.parse("$host");                              // reserved:host
 * Label.parse("k8s:io.kubernetes.pod.namespace=prod").toString(); // "k8s:io.kubernetes.pod.namespace=prod"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source the source, non-empty, without {@code :}
 * @param key the key, non-empty, without {@code =}
 * @param value the value, possibly empty
 */
public record Label(String source, String key, String value) implements Comparable<Label> {

    /** Labels from Kubernetes (pod and namespace labels). */
    public static final String SOURCE_K8S = "k8s";
    /** In a selector: a label of any source. */
    public static final String SOURCE_ANY = "any";
    /** A label written without a source. */
    public static final String SOURCE_UNSPEC = "unspec";
    /** Cilium's reserved identities ({@code reserved:host}, {@code reserved:world}, ...). */
    public static final String SOURCE_RESERVED = "reserved";
    /** CIDR identities; the key is a prefix, IPv6 written with {@code -} for {@code :}. */
    public static final String SOURCE_CIDR = "cidr";
    /** CIDR group labels. */
    public static final String SOURCE_CIDR_GROUP = "cidrgroup";
    /** FQDN identities. */
    public static final String SOURCE_FQDN = "fqdn";
    /** Container runtime labels. */
    public static final String SOURCE_CONTAINER = "container";
    /** CNI labels. */
    public static final String SOURCE_CNI = "cni";
    /** Cilium-generated labels. */
    public static final String SOURCE_GENERATED = "gen";
    /** Node labels (host policies). */
    public static final String SOURCE_NODE = "node";
    /** Labels of policies read from a directory. */
    public static final String SOURCE_DIRECTORY = "directory";

    /** Longest source accepted. */
    public static final int MAX_SOURCE_LENGTH = 63;
    /** Longest key accepted: a DNS-subdomain prefix (253), {@code /}, a name (63). */
    public static final int MAX_KEY_LENGTH = 317;
    /** Longest value accepted (Kubernetes limits label values to 63; other sources may be longer). */
    public static final int MAX_VALUE_LENGTH = 4096;

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException when the source is empty, contains {@code :} or is longer than
     *     {@value #MAX_SOURCE_LENGTH}; the key is empty, contains {@code =} or is longer than {@value #MAX_KEY_LENGTH};
     *     the value is longer than {@value #MAX_VALUE_LENGTH}
     */
    public Label {
        Checks.nonEmpty(source, "label source", MAX_SOURCE_LENGTH);
        Checks.nonEmpty(key, "label key", MAX_KEY_LENGTH);
        Checks.text(value, "label value", MAX_VALUE_LENGTH);
        if (source.indexOf(':') >= 0) {
            throw new IllegalArgumentException("label source " + Checks.quote(source) + " contains ':'");
        }
        if (key.indexOf('=') >= 0) {
            throw new IllegalArgumentException("label key " + Checks.quote(key) + " contains '='");
        }
    }

    /** The label {@code source:key=value}. @throws IllegalArgumentException as the constructor */
    public static Label of(String source, String key, String value) {
        return new Label(source, key, value);
    }

    /** The label {@code source:key} with an empty value. @throws IllegalArgumentException as the constructor */
    public static Label of(String source, String key) {
        return new Label(source, key, "");
    }

    /** The reserved label of a Cilium identity name, e.g. {@code reserved:host}. */
    public static Label reserved(String name) {
        return new Label(SOURCE_RESERVED, name, "");
    }

    /** A {@value #SOURCE_K8S} label. */
    public static Label k8s(String key, String value) {
        return new Label(SOURCE_K8S, key, value);
    }

    /**
     * Parses {@code [source:]key[=value]} as Cilium's {@code labels.ParseLabel}: no source gives
     * {@value #SOURCE_UNSPEC}; {@code $name} is {@code reserved:name}; {@code reserved:=name} is {@code reserved:name}.
     *
     * @throws IllegalArgumentException when the key is empty (Cilium's {@code Label.IsValid}) or a part is too long
     */
    public static Label parse(CharSequence text) {
        return parse(text, SOURCE_UNSPEC);
    }

    /**
     * Parses as Cilium's {@code labels.ParseSelectLabel}, the reading of selector keys: like {@link #parse}, but no
     * source gives {@value #SOURCE_ANY}.
     *
     * @throws IllegalArgumentException as {@link #parse}
     */
    public static Label parseSelectLabel(CharSequence text) {
        return parse(text, SOURCE_ANY);
    }

    private static Label parse(CharSequence text, String defaultSource) {
        Objects.requireNonNull(text, "text");
        String s = Checks.text(text.toString(), "label text",
                MAX_SOURCE_LENGTH + 1 + MAX_KEY_LENGTH + 1 + MAX_VALUE_LENGTH);
        String source;
        String rest;
        if (!s.isEmpty() && s.charAt(0) == '$') {
            source = SOURCE_RESERVED;
            rest = s.substring(1);
        } else {
            int colon = s.indexOf(':');
            if (colon < 0) {
                source = "";
                rest = s;
            } else {
                source = s.substring(0, colon); // empty (":app"): no source, as Cilium's parseSource
                rest = s.substring(colon + 1);
            }
        }
        String key;
        String value = "";
        int eq = rest.indexOf('=');
        if (eq < 0) {
            key = rest;
        } else if (eq == 0 && source.equals(SOURCE_RESERVED)) {
            key = rest.substring(1);
        } else {
            key = rest.substring(0, eq);
            value = rest.substring(eq + 1);
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("label " + Checks.quote(s) + " has no key");
        }
        return new Label(source.isEmpty() ? defaultSource : source, key, value);
    }

    /** Whether {@link #parse} accepts {@code text}. */
    public static boolean isValid(CharSequence text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code source:key}, Cilium's {@code GetExtendedKey}. */
    public String extendedKey() {
        return source + ":" + key;
    }

    /** Whether {@link #extendedKey()} equals {@code extended}, without making the extended key. */
    boolean hasExtendedKey(String extended) {
        return extended.length() == source.length() + 1 + key.length() && extended.startsWith(source)
                && extended.charAt(source.length()) == ':' && extended.endsWith(key);
    }

    /** Whether the source is {@value #SOURCE_ANY}. */
    public boolean isAnySource() {
        return source.equals(SOURCE_ANY);
    }

    /**
     * The prefix of a {@value #SOURCE_CIDR} label's key ({@code 10.0.0.0/8}, {@code 2001-db8--/32} with {@code -} for
     * {@code :}), as Cilium's {@code keyToPrefix}; empty for other sources or a key that is not a prefix with a length.
     */
    public Optional<Cidr> cidrPrefix() {
        if (!source.equals(SOURCE_CIDR) || key.indexOf('/') < 0) {
            return Optional.empty();
        }
        String text = key.replace('-', ':');
        return Cidr.isValid(text) ? Optional.of(Cidr.parse(text)) : Optional.empty();
    }

    /**
     * Whether this label (of an endpoint) has the key that {@code selectorKey} asks for, as Cilium's
     * {@code Label.HasKey}: the sources must be equal unless the selector key's source is {@value #SOURCE_ANY}; two
     * {@value #SOURCE_CIDR} labels match when the selector's prefix contains this label's prefix; otherwise the keys
     * must be equal. Values are not compared.
     */
    public boolean hasKeyOf(Label selectorKey) {
        Objects.requireNonNull(selectorKey, "selectorKey");
        if (!selectorKey.isAnySource() && !source.equals(selectorKey.source)) {
            return false;
        }
        if (selectorKey.source.equals(SOURCE_CIDR) && source.equals(SOURCE_CIDR)) {
            Optional<Cidr> wanted = selectorKey.cidrPrefix();
            Optional<Cidr> mine = cidrPrefix();
            return wanted.isPresent() && mine.isPresent() && wanted.get().contains(mine.get());
        }
        return key.equals(selectorKey.key);
    }

    /** Orders by key, then source, then value (Cilium sorts label arrays by key). */
    @Override
    public int compareTo(Label o) {
        int c = key.compareTo(o.key);
        if (c == 0) {
            c = source.compareTo(o.source);
        }
        return c != 0 ? c : value.compareTo(o.value);
    }

    /** {@code source:key=value}, or {@code source:key} when the value is empty (Cilium's {@code Label.String}). */
    @Override
    public String toString() {
        return value.isEmpty() ? source + ":" + key : source + ":" + key + "=" + value;
    }
}
