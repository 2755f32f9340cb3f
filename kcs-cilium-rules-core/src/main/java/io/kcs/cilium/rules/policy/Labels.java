package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable label set of an endpoint (its security identity's labels), with constant-time lookup by key, as
 * Cilium's {@code labels.Labels} / {@code LabelArray}.
 *
 * <p>Like Cilium's {@code Labels} map, which is keyed by the key alone, a set holds at most one label per key:
 * {@code k8s:app=web} and {@code container:app=db} cannot both be in one set (the factories refuse it, rather than
 * keep one silently as a Go map would). Iteration order is {@link Label#compareTo} (by key).
 *
 * <p>What it does not do: it does not derive labels (no namespace labels from a pod, no {@code reserved:} labels from
 * an IP); the caller lists every label.
 *
 * <pre>{@code
 * Labels pod = Labels.parse("k8s:app=web", "k8s:io.kubernetes.pod.namespace=shop");
 * pod.lookup(Label.parseSelectLabel("app"));          // Optional[k8s:app=web] (any source)
 * pod.lookup(Label.parseSelectLabel("container:app")); // Optional.empty (source differs)
 * pod.toString();                                      // "[k8s:app=web k8s:io.kubernetes.pod.namespace=shop]"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; equality is by the set of labels.
 */
public final class Labels {

    private static final Labels EMPTY = new Labels(new Label[0]);

    private final Label[] sorted;
    private final Map<String, Label> byKey;
    private final Label[] cidrLabels;

    private Labels(Label[] sorted) {
        this.sorted = sorted;
        Map<String, Label> map = new HashMap<>(sorted.length * 2);
        List<Label> cidrs = new ArrayList<>();
        for (Label l : sorted) {
            map.put(l.key(), l);
            if (l.source().equals(Label.SOURCE_CIDR)) {
                cidrs.add(l);
            }
        }
        this.byKey = map;
        this.cidrLabels = cidrs.toArray(new Label[0]);
    }

    /** The empty set. */
    public static Labels empty() {
        return EMPTY;
    }

    /**
     * The set of {@code labels}; an exact duplicate is kept once.
     *
     * @throws IllegalArgumentException when two labels have the same key but differ in source or value, or there are
     *     more than 100,000 labels
     */
    public static Labels of(Collection<Label> labels) {
        List<Label> copy = Checks.list(labels, "labels");
        if (copy.isEmpty()) {
            return EMPTY;
        }
        Label[] arr = copy.toArray(new Label[0]);
        Arrays.sort(arr);
        int n = 0;
        for (Label l : arr) {
            if (n > 0 && arr[n - 1].key().equals(l.key())) {
                if (arr[n - 1].equals(l)) {
                    continue;
                }
                throw new IllegalArgumentException("labels " + arr[n - 1] + " and " + l
                        + " have the same key; an endpoint has at most one label per key");
            }
            arr[n++] = l;
        }
        return new Labels(Arrays.copyOf(arr, n));
    }

    /** The set of {@code labels}. @throws IllegalArgumentException as {@link #of(Collection)} */
    public static Labels of(Label... labels) {
        return of(Arrays.asList(labels));
    }

    /**
     * Parses each text with {@link Label#parse} (no source means {@value Label#SOURCE_UNSPEC}).
     *
     * @throws IllegalArgumentException when a text is not a label, or as {@link #of(Collection)}
     */
    public static Labels parse(String... texts) {
        List<Label> list = new ArrayList<>(texts.length);
        for (String t : texts) {
            list.add(Label.parse(t));
        }
        return of(list);
    }

    /** The labels, sorted by key. */
    public List<Label> asList() {
        return List.of(sorted);
    }

    /** The number of labels. */
    public int size() {
        return sorted.length;
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** Whether the set contains exactly this label. */
    public boolean contains(Label label) {
        Objects.requireNonNull(label, "label");
        return label.equals(byKey.get(label.key()));
    }

    /** The label with exactly this key, whatever its source. */
    public Optional<Label> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * The label a selector key refers to, as Cilium's {@code LabelArray.LookupLabel}: see {@link Label#hasKeyOf} (the
     * source must be equal unless the selector's is {@value Label#SOURCE_ANY}; a {@value Label#SOURCE_CIDR} selector
     * key finds a CIDR label whose prefix it contains; the first such label in key order). The selector's value is
     * ignored.
     */
    public Optional<Label> lookup(Label selectorKey) {
        Objects.requireNonNull(selectorKey, "selectorKey");
        return Optional.ofNullable(find(selectorKey));
    }

    /** {@link #lookup} without the Optional, for the matching loops; null when not found. */
    Label find(Label selectorKey) {
        if (selectorKey.source().equals(Label.SOURCE_CIDR)) {
            for (Label l : cidrLabels) {
                if (l.hasKeyOf(selectorKey)) {
                    return l;
                }
            }
            return null;
        }
        Label l = byKey.get(selectorKey.key());
        return l != null && l.hasKeyOf(selectorKey) ? l : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && Arrays.equals(sorted, other.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    /** {@code [l1 l2 ...]} in key order, as Cilium's {@code LabelArray.String}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(sorted[i]);
        }
        return sb.append(']').toString();
    }
}
