package io.kcs.cilium.rules.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One {@code matchExpressions} entry of a {@link LabelSelector}: a source-qualified key, an operator and values.
 *
 * <p>The key is read as Cilium's {@code EndpointSelector.Sanitize} and {@code labels.ParseSelectLabel} read it: a
 * key without a source ({@code app}, {@code io.kubernetes.pod.namespace}) is {@code any:} and so matches a label of
 * any source; {@code k8s:app} matches only {@code k8s} labels; {@code $host} is {@code reserved:host}. Values are a
 * set (sorted, duplicates dropped), as Kubernetes treats them.
 *
 * <p>What it does not do: it does not check that keys and values are valid Kubernetes label text (the policy reader
 * does, with a diagnostic); it accepts only the shape the operator needs.
 *
 * <pre>{@code
 * LabelSelectorRequirement r = LabelSelectorRequirement.of("tier", LabelSelectorOperator.IN, List.of("b", "a", "b"));
 * r.key();          // any:tier (a Label with an empty value)
 * r.values();       // [a, b]
 * r.matches(Labels.parse("k8s:tier=a"));   // true
 * r.toString();     // "any:tier in (a,b)"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param key the source-qualified key, a {@link Label} whose value is empty
 * @param operator the operator
 * @param values the values: at least one for {@code In}/{@code NotIn}, none for {@code Exists}/{@code DoesNotExist}
 */
public record LabelSelectorRequirement(Label key, LabelSelectorOperator operator, List<String> values)
        implements Comparable<LabelSelectorRequirement> {

    /** Most values in one requirement. */
    public static final int MAX_VALUES = 10_000;

    private static final Comparator<LabelSelectorRequirement> ORDER = (a, b) -> {
        int c = a.key.source().compareTo(b.key.source());
        if (c == 0) {
            c = a.key.key().compareTo(b.key.key());
        }
        if (c == 0) {
            c = a.operator.compareTo(b.operator);
        }
        for (int i = 0; c == 0 && i < Math.min(a.values.size(), b.values.size()); i++) {
            c = a.values.get(i).compareTo(b.values.get(i));
        }
        return c != 0 ? c : Integer.compare(a.values.size(), b.values.size());
    };

    /**
     * Normalises the values (sorted, deduplicated) and checks the shape.
     *
     * @throws IllegalArgumentException when the key has a value, {@code In}/{@code NotIn} has no value,
     *     {@code Exists}/{@code DoesNotExist} has values, or there are more than {@value #MAX_VALUES} values
     */
    public LabelSelectorRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        if (!key.value().isEmpty()) {
            throw new IllegalArgumentException("requirement key " + key + " must not carry a value");
        }
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("requirement on " + key.extendedKey() + " has " + values.size()
                    + " values, more than " + MAX_VALUES);
        }
        values = Checks.sortedSet(values, Comparator.naturalOrder(), "values");
        for (String v : values) {
            Checks.text(v, "requirement value", Label.MAX_VALUE_LENGTH);
        }
        if (operator.takesValues() && values.isEmpty()) {
            throw new IllegalArgumentException("operator " + operator.k8sName() + " on " + key.extendedKey()
                    + " needs at least one value");
        }
        if (!operator.takesValues() && !values.isEmpty()) {
            throw new IllegalArgumentException("operator " + operator.k8sName() + " on " + key.extendedKey()
                    + " takes no values, got " + values);
        }
    }

    /**
     * A requirement on a key as written in a policy ({@code "app"}, {@code "k8s:app"}, {@code "$host"}); the key is
     * qualified with {@link Label#parseSelectLabel}.
     *
     * @throws IllegalArgumentException when the key is empty, has a {@code =}, or as the constructor
     */
    public static LabelSelectorRequirement of(String key, LabelSelectorOperator operator, List<String> values) {
        return new LabelSelectorRequirement(qualify(key), operator, values);
    }

    /** {@code key Exists}. */
    public static LabelSelectorRequirement exists(String key) {
        return of(key, LabelSelectorOperator.EXISTS, List.of());
    }

    /** {@code key DoesNotExist}. */
    public static LabelSelectorRequirement doesNotExist(String key) {
        return of(key, LabelSelectorOperator.DOES_NOT_EXIST, List.of());
    }

    /** {@code key In values}. */
    public static LabelSelectorRequirement in(String key, String... values) {
        return of(key, LabelSelectorOperator.IN, List.of(values));
    }

    /** {@code key NotIn values}. */
    public static LabelSelectorRequirement notIn(String key, String... values) {
        return of(key, LabelSelectorOperator.NOT_IN, List.of(values));
    }

    static Label qualify(String key) {
        Objects.requireNonNull(key, "key");
        if (key.indexOf('=') >= 0) {
            throw new IllegalArgumentException("selector key " + Checks.quote(key) + " contains '='");
        }
        return Label.parseSelectLabel(key);
    }

    /**
     * Whether the labels satisfy this requirement, as Cilium's {@code MatchesRequirement}: the label is looked up with
     * {@link Labels#lookup}; {@code In}: found and its value is listed; {@code NotIn}: not found or its value is not
     * listed; {@code Exists}: found; {@code DoesNotExist}: not found.
     */
    public boolean matches(Labels labels) {
        Objects.requireNonNull(labels, "labels");
        Label found = labels.find(key);
        return switch (operator) {
            case IN -> found != null && java.util.Collections.binarySearch(values, found.value()) >= 0;
            case NOT_IN -> found == null || java.util.Collections.binarySearch(values, found.value()) < 0;
            case EXISTS -> found != null;
            case DOES_NOT_EXIST -> found == null;
        };
    }

    /** Orders by source, key, operator, then values (element by element). */
    @Override
    public int compareTo(LabelSelectorRequirement o) {
        return ORDER.compare(this, o);
    }

    /** Continues {@code String.hashCode} of a text ending in {@code h} over {@link #toString()}'s characters. */
    int textHash(int h) {
        switch (operator) {
            case DOES_NOT_EXIST -> h = 31 * h + '!';
            default -> { }
        }
        h = 31 * LabelSelector.hash(h, key.source()) + ':';
        h = LabelSelector.hash(h, key.key());
        String op = switch (operator) {
            case IN -> " in (";
            case NOT_IN -> " notin (";
            default -> null;
        };
        if (op != null) {
            h = LabelSelector.hash(h, op);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    h = 31 * h + ',';
                }
                h = LabelSelector.hash(h, values.get(i));
            }
            h = 31 * h + ')';
        }
        return h;
    }

    /**
     * The number of parts of {@link #toString()}'s text as {@link #textPart} gives them: {@code !} (or nothing),
     * source, {@code :}, key, then for {@code In}/{@code NotIn} the operator, the values with commas between them and
     * {@code )}.
     */
    int textParts() {
        return operator == LabelSelectorOperator.IN || operator == LabelSelectorOperator.NOT_IN
                ? 4 + 1 + 2 * values.size() - 1 + 1 : 4;
    }

    /** Part {@code i} of {@link #toString()}'s text (see {@link #textParts}); the parts joined are that text. */
    String textPart(int i) {
        switch (i) {
            case 0:
                return operator == LabelSelectorOperator.DOES_NOT_EXIST ? "!" : "";
            case 1:
                return key.source();
            case 2:
                return ":";
            case 3:
                return key.key();
            case 4:
                return operator == LabelSelectorOperator.IN ? " in (" : " notin (";
            default:
                int k = i - 5;
                if (k == 2 * values.size() - 1) {
                    return ")";
                }
                return (k & 1) == 0 ? values.get(k >> 1) : ",";
        }
    }

    /** Kubernetes selector syntax: {@code k in (a,b)}, {@code k notin (a)}, {@code k}, {@code !k}. */
    @Override
    public String toString() {
        String k = key.extendedKey();
        return switch (operator) {
            case IN -> k + " in (" + String.join(",", values) + ")";
            case NOT_IN -> k + " notin (" + String.join(",", values) + ")";
            case EXISTS -> k;
            case DOES_NOT_EXIST -> "!" + k;
        };
    }
}
