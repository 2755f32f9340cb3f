package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Cilium endpoint selector ({@code EndpointSelector}): {@code matchLabels} and {@code matchExpressions} over
 * source-qualified label keys, matched against an endpoint's {@link Labels}.
 *
 * <p>Semantics, from Cilium's {@code pkg/policy/api/selector.go} and {@code pkg/policy/types/requirements.go}:
 * <ul>
 *   <li>Keys are qualified once, as {@code EndpointSelector.Sanitize} does: a key without a source is {@code any:}
 *   ({@code app} becomes {@code any:app}, {@code io.kubernetes.pod.namespace} becomes
 *   {@code any:io.kubernetes.pod.namespace}); {@code $host} becomes {@code reserved:host}; a written source is kept.
 *   So {@code app} and {@code any:app} give equal selectors.</li>
 *   <li>An {@code any:} key matches a label of that key from any source ({@code any:app} matches {@code k8s:app},
 *   {@code container:app} and also {@code reserved:app}); any other source must be equal ({@code k8s:app} does not
 *   match {@code container:app}; {@code reserved:host} matches only the reserved label {@code host}). A
 *   {@code cidr:} key matches CIDR labels whose prefix it contains.</li>
 *   <li>Every {@code matchLabels} entry (an equality) and every requirement must hold (AND). The empty selector
 *   ({@code {}}) has no requirement and selects every endpoint ({@link #isEmpty}, Cilium's {@code IsWildcard}).
 *   Cilium has no "selects nothing" selector; a requirement set can of course be unsatisfiable.</li>
 * </ul>
 *
 * <p>Canonical form: {@code matchLabels} sorted by key, requirements sorted (key, operator, values) and
 * deduplicated, so selectors that differ only in order or in how a key's missing source is written are equal.
 * A {@code matchLabels} key given twice (e.g. {@code app} and {@code any:app}) with different values is refused;
 * Cilium would keep one of them depending on Go map order.
 *
 * <p>What it does not do: it does not check that keys and values are valid Kubernetes label text (the policy
 * reader reports that as Cilium's {@code ValidateLabelSelector} would), and it does not add the policy's namespace
 * (the reader does, as Cilium's {@code ParseToCiliumRule}).
 *
 * <pre>{@code
 * LabelSelector s = LabelSelector.of(Map.of("app", "web"),
 *         List.of(LabelSelectorRequirement.notIn("k8s:env", "dev")));
 * s.toString();                                                  // "{any:app=web,k8s:env notin (dev)}"
 * s.matches(Labels.parse("k8s:app=web", "k8s:env=prod"));        // true
 * s.matches(Labels.parse("container:app=web", "k8s:env=dev"));   // false (env is dev)
 * LabelSelector.all().matches(Labels.empty());                   // true
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@code equals}/{@code hashCode} compare the canonical form. The
 * canonical text ({@link #toString()}) is made on first use and kept, as {@code String} keeps its hash: a selector
 * that is only built and matched never formats it.
 */
public final class LabelSelector implements Comparable<LabelSelector> {

    /** Most entries ({@code matchLabels} plus {@code matchExpressions}) in one selector. */
    public static final int MAX_REQUIREMENTS = 10_000;

    private static final LabelSelector ALL = new LabelSelector(SortedLabelMap.EMPTY, List.of());

    private final SortedLabelMap matchLabels;
    private final List<LabelSelectorRequirement> matchExpressions;
    /** The matchLabels keys as labels, for {@link #matches}; made on first use (an immutable holder, racy-safe). */
    private KeyLabels keyLabels;
    /** The canonical text, made on first use (racy single-check: a String is immutable). */
    private String text;
    /** {@code text.hashCode()}, computed without making the text; 0 until computed. */
    private int hash;

    /** The matchLabels keys parsed to labels (final fields: safely published even through a data race). */
    private static final class KeyLabels {
        final Label[] keys;

        KeyLabels(SortedLabelMap labels) {
            Label[] k = new Label[labels.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = Label.parseSelectLabel(labels.keyAt(i));
            }
            this.keys = k;
        }
    }

    private LabelSelector(SortedLabelMap matchLabels, List<LabelSelectorRequirement> matchExpressions) {
        this.matchLabels = matchLabels;
        this.matchExpressions = matchExpressions;
    }

    /** The empty selector {@code {}}: selects every endpoint. */
    public static LabelSelector all() {
        return ALL;
    }

    /**
     * The selector with these {@code matchLabels} and {@code matchExpressions}, keys qualified and sorted.
     *
     * @throws IllegalArgumentException when a key is empty or contains {@code =}, a value is longer than
     *     {@value Label#MAX_VALUE_LENGTH}, two {@code matchLabels} keys qualify to the same key with different
     *     values, or there are more than {@value #MAX_REQUIREMENTS} entries
     */
    public static LabelSelector of(Map<String, String> matchLabels, Collection<LabelSelectorRequirement> matchExpressions) {
        Objects.requireNonNull(matchLabels, "matchLabels");
        Objects.requireNonNull(matchExpressions, "matchExpressions");
        if ((long) matchLabels.size() + matchExpressions.size() > MAX_REQUIREMENTS) {
            throw new IllegalArgumentException("selector has " + (matchLabels.size() + matchExpressions.size())
                    + " entries, more than " + MAX_REQUIREMENTS);
        }
        int n = matchLabels.size();
        String[] keys = new String[n];
        String[] values = new String[n];
        Map<String, String> seen = n > 8 ? new java.util.HashMap<>(2 * n) : null;
        int count = 0;
        boolean sorted = true;
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "matchLabels contains a null key");
            String value = Objects.requireNonNull(e.getValue(), () -> "matchLabels value of " + key + " is null");
            Checks.text(value, "matchLabels value", Label.MAX_VALUE_LENGTH);
            String extended = qualifiedKey(key);
            // a key given twice (app and any:app): the same value is kept once, different values are refused
            String previous;
            if (seen != null) {
                previous = seen.put(extended, value);
            } else {
                int at = indexOf(keys, count, extended);
                previous = at >= 0 ? values[at] : null;
            }
            if (previous != null) {
                if (!previous.equals(value)) {
                    throw new IllegalArgumentException("matchLabels gives " + extended + " two values, "
                            + Checks.quote(previous) + " and " + Checks.quote(value));
                }
                continue;
            }
            if (count > 0 && sorted && keys[count - 1].compareTo(extended) > 0) {
                sorted = false;
            }
            keys[count] = extended;
            values[count++] = value;
        }
        if (count == 0 && matchExpressions.isEmpty()) {
            return ALL;
        }
        SortedLabelMap labels = count == 0 ? SortedLabelMap.EMPTY : sortedMap(keys, values, count, sorted);
        List<LabelSelectorRequirement> exprs = matchExpressions.isEmpty() ? List.of()
                : Checks.sortedSet(matchExpressions, LabelSelectorRequirement::compareTo, "matchExpressions");
        return new LabelSelector(labels, exprs);
    }

    private static int indexOf(String[] keys, int count, String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static SortedLabelMap sortedMap(String[] keys, String[] values, int count, boolean sorted) {
        String[] k = count == keys.length ? keys : Arrays.copyOf(keys, count);
        String[] v = count == values.length ? values : Arrays.copyOf(values, count);
        if (!sorted) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> k[a].compareTo(k[b]));
            String[] sk = new String[count];
            String[] sv = new String[count];
            for (int i = 0; i < count; i++) {
                sk[i] = k[order[i]];
                sv[i] = v[order[i]];
            }
            return new SortedLabelMap(sk, sv);
        }
        return new SortedLabelMap(k, v);
    }

    /**
     * The extended key ({@code source:key}) of a selector key as {@link LabelSelectorRequirement#qualify} reads it;
     * a key already written {@code source:key} is returned as it is, without parsing.
     *
     * @throws IllegalArgumentException as {@link LabelSelectorRequirement#qualify}
     */
    static String qualifiedKey(String key) {
        int colon = key.indexOf(':');
        if (colon > 0 && colon <= Label.MAX_SOURCE_LENGTH && key.charAt(0) != '$'
                && key.length() - colon - 1 >= 1 && key.length() - colon - 1 <= Label.MAX_KEY_LENGTH
                && key.indexOf('=') < 0) {
            return key; // the Label constructor would accept source and key as they are
        }
        return LabelSelectorRequirement.qualify(key).extendedKey();
    }

    /** The selector with only these {@code matchLabels}. @throws IllegalArgumentException as {@link #of(Map, Collection)} */
    public static LabelSelector of(Map<String, String> matchLabels) {
        return of(matchLabels, List.of());
    }

    /** The selector with only these requirements. @throws IllegalArgumentException as {@link #of(Map, Collection)} */
    public static LabelSelector of(LabelSelectorRequirement... matchExpressions) {
        return of(Map.of(), Arrays.asList(matchExpressions));
    }

    /**
     * The selector matching exactly these labels' values ({@code matchLabels} of their extended keys), as Cilium's
     * {@code NewESFromLabels}.
     *
     * @throws IllegalArgumentException as {@link #of(Map, Collection)}
     */
    public static LabelSelector ofLabels(Label... labels) {
        TreeMap<String, String> map = new TreeMap<>();
        for (Label l : labels) {
            String previous = map.put(l.extendedKey(), l.value());
            if (previous != null && !previous.equals(l.value())) {
                throw new IllegalArgumentException("labels give " + l.extendedKey() + " two values");
            }
        }
        return of(map);
    }

    /** The {@code matchLabels}, source-qualified keys in sorted order. */
    public Map<String, String> matchLabels() {
        return matchLabels;
    }

    /** The {@code matchExpressions}, source-qualified, sorted, without duplicates. */
    public List<LabelSelectorRequirement> matchExpressions() {
        return matchExpressions;
    }

    /** Whether this is the empty selector {@code {}}, which selects every endpoint (Cilium's {@code IsWildcard}). */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /**
     * Whether the selector has an entry ({@code matchLabels} or expression, any operator) on {@code key}, qualified as
     * the selector's keys are (Cilium's {@code HasKey} after sanitising): {@code hasKey("app")} looks for
     * {@code any:app}, {@code hasKey("k8s:app")} for {@code k8s:app}.
     */
    public boolean hasKey(String key) {
        String qualified = qualifiedKey(Objects.requireNonNull(key, "key"));
        if (matchLabels.containsKey(qualified)) {
            return true;
        }
        for (LabelSelectorRequirement r : matchExpressions) {
            if (r.key().hasExtendedKey(qualified)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy with {@code key: value} added to {@code matchLabels} (as Cilium's {@code AddMatch}, used to inject the
     * policy's namespace); an existing entry for the same qualified key is replaced.
     *
     * @throws IllegalArgumentException when the key or value is invalid as in {@link #of(Map, Collection)}
     */
    public LabelSelector withMatchLabel(String key, String value) {
        TreeMap<String, String> map = new TreeMap<>(matchLabels);
        map.put(LabelSelectorRequirement.qualify(key).extendedKey(), Objects.requireNonNull(value, "value"));
        return of(map, matchExpressions);
    }

    /** A copy with one more requirement (Cilium's {@code AddMatchExpression}). */
    public LabelSelector withMatchExpression(LabelSelectorRequirement requirement) {
        List<LabelSelectorRequirement> list = new ArrayList<>(matchExpressions);
        list.add(Objects.requireNonNull(requirement, "requirement"));
        return of(matchLabels, list);
    }

    /** Whether the endpoint with these labels is selected: every {@code matchLabels} entry and requirement holds. */
    public boolean matches(Labels labels) {
        Objects.requireNonNull(labels, "labels");
        Label[] keys = keyLabels();
        for (int i = 0; i < keys.length; i++) {
            Label found = labels.find(keys[i]);
            if (found == null || !found.value().equals(matchLabels.valueAt(i))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private Label[] keyLabels() {
        KeyLabels k = keyLabels;
        if (k == null) {
            k = new KeyLabels(matchLabels);
            keyLabels = k;
        }
        return k.keys;
    }

    /**
     * Orders by canonical text ({@code toString().compareTo(o.toString())}, same sign), compared character by
     * character over the parts without making either text.
     */
    @Override
    public int compareTo(LabelSelector o) {
        if (this == o) {
            return 0;
        }
        String a = text;
        String b = o.text;
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        TextCursor x = new TextCursor(this);
        TextCursor y = new TextCursor(o);
        while (true) {
            int c = x.next();
            int d = y.next();
            if (c != d) {
                return c < 0 ? -1 : d < 0 ? 1 : c - d;
            }
            if (c < 0) {
                return 0;
            }
        }
    }

    /**
     * The characters of {@link #format}'s text, read part by part ({@code {}, each entry's key, {@code =}, value or
     * a requirement's parts, the commas, {@code }}}) without joining them. One per comparison; not thread-safe.
     */
    private static final class TextCursor {
        private final LabelSelector s;
        private final int labels;
        private final int entries;
        /** The entry whose parts come next; -1 before the opening brace, {@code entries} for the closing one. */
        private int entry = -1;
        /** The next part of the entry; -1 is the comma before it. */
        private int part;
        private String segment = "";
        private int pos;

        TextCursor(LabelSelector s) {
            this.s = s;
            this.labels = s.matchLabels.size();
            this.entries = labels + s.matchExpressions.size();
        }

        /** The next character, or -1 at the end. */
        int next() {
            while (pos >= segment.length()) {
                String n = nextSegment();
                if (n == null) {
                    return -1;
                }
                segment = n;
                pos = 0;
            }
            return segment.charAt(pos++);
        }

        private String nextSegment() {
            if (entry < 0) {
                entry = 0;
                part = 0;
                return "{";
            }
            if (entry >= entries) {
                if (entry == entries) {
                    entry++;
                    return "}";
                }
                return null;
            }
            if (part < 0) {
                part = 0;
                return ",";
            }
            String p;
            int count;
            if (entry < labels) {
                count = 3;
                p = part == 0 ? s.matchLabels.keyAt(entry) : part == 1 ? "=" : s.matchLabels.valueAt(entry);
            } else {
                LabelSelectorRequirement r = s.matchExpressions.get(entry - labels);
                count = r.textParts();
                p = r.textPart(part);
            }
            if (++part >= count) {
                entry++;
                part = -1;
            }
            return p;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof LabelSelector other && matchLabels.equals(other.matchLabels)
                && matchExpressions.equals(other.matchExpressions);
    }

    /** The hash code of the canonical text ({@code toString().hashCode()}), computed without making the text. */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = textHash();
            hash = h;
        }
        return h;
    }

    /**
     * The canonical text: {@code {}} for the empty selector, else {@code {k=v,...,requirement,...}} with
     * {@code matchLabels} first, in Kubernetes selector syntax ({@code k in (a,b)}, {@code k notin (a)}, {@code k},
     * {@code !k}); keys are source-qualified. Values are written raw (label values cannot contain {@code ,} or
     * {@code )}).
     */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = format();
            text = t;
        }
        return t;
    }

    /** {@code String.hashCode} of {@link #format}'s text, char by char. */
    private int textHash() {
        int h = '{';
        boolean first = true;
        for (int i = 0; i < matchLabels.size(); i++) {
            if (!first) {
                h = 31 * h + ',';
            }
            first = false;
            h = hash(31 * hash(h, matchLabels.keyAt(i)) + '=', matchLabels.valueAt(i));
        }
        for (LabelSelectorRequirement r : matchExpressions) {
            if (!first) {
                h = 31 * h + ',';
            }
            first = false;
            h = r.textHash(h);
        }
        return 31 * h + '}';
    }

    /**
     * Continues a {@code String.hashCode} computation over the characters of {@code s}: {@code h * 31^n + hash(s)}
     * (int arithmetic wraps as {@code String.hashCode}'s does), using the string's own cached hash.
     */
    static int hash(int h, String s) {
        int p = 1;
        int base = 31;
        for (int n = s.length(); n > 0; n >>= 1) {
            if ((n & 1) != 0) {
                p *= base;
            }
            base *= base;
        }
        return h * p + s.hashCode();
    }

    private String format() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (int i = 0; i < matchLabels.size(); i++) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(matchLabels.keyAt(i)).append('=').append(matchLabels.valueAt(i));
        }
        for (LabelSelectorRequirement r : matchExpressions) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(r);
        }
        return sb.append('}').toString();
    }
}
