package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LabelSelector#matches} against a brute-force oracle written here from Cilium's documented rules (a key
 * without a source means any source; an explicit source must be equal; Kubernetes operator semantics), over small
 * alphabets of keys, sources and values so that hits, misses and source mismatches are all frequent. The oracle
 * works on the raw text triples, not on {@link Label}/{@link Labels}. Coverage of each case is asserted.
 */
class LabelSelectorProperties {

    private static final int EXAMPLES = 5_000;
    private static final String[] KEYS = {"app", "tier", "env"};
    private static final String[] LABEL_SOURCES = {"k8s", "container", "reserved", "unspec"};
    private static final String[] SELECTOR_PREFIXES = {"", "any:", "k8s:", "container:", "reserved:"};
    private static final String[] VALUES = {"a", "b", ""};

    enum Case {
        MATCH, NO_MATCH, EMPTY_SELECTOR, IN_TRUE, IN_FALSE, NOT_IN_TRUE, NOT_IN_FALSE, EXISTS_TRUE, EXISTS_FALSE,
        DOES_NOT_EXIST_TRUE, DOES_NOT_EXIST_FALSE, EQUALS_TRUE, EQUALS_FALSE, SOURCE_MISMATCH
    }

    private static final Map<Case, AtomicLong> HITS = new EnumMap<>(Case.class);
    private static final AtomicLong CHECKED = new AtomicLong();

    static {
        for (Case c : Case.values()) {
            HITS.put(c, new AtomicLong());
        }
    }

    @AfterAll
    static void theGeneratorReachedEveryInterestingCase() {
        long n = CHECKED.get();
        assertThat(n).isGreaterThanOrEqualTo(EXAMPLES * 99L / 100);
        System.out.println("LabelSelectorProperties coverage over " + n + " checks: " + HITS);
        Map<Case, Double> minimum = new EnumMap<>(Case.class);
        for (Case c : Case.values()) {
            minimum.put(c, 0.03);
        }
        minimum.put(Case.MATCH, 0.15);
        minimum.put(Case.NO_MATCH, 0.15);
        for (Case c : Case.values()) {
            assertThat((double) HITS.get(c).get() / n).as("fraction of %s among %d checks", c, n)
                    .isGreaterThanOrEqualTo(minimum.get(c));
        }
    }

    /** A raw endpoint label: source, key, value (the oracle's own representation). */
    record Raw(String source, String key, String value) {
    }

    /** A raw selector entry; op "=" is a matchLabels entry. */
    record Entry(String rawKey, String op, List<String> values) {
    }

    static List<Raw> endpoint(Random r) {
        List<Raw> out = new ArrayList<>();
        for (String k : KEYS) {
            if (r.nextInt(3) != 0) {
                out.add(new Raw(LABEL_SOURCES[r.nextInt(LABEL_SOURCES.length)], k, VALUES[r.nextInt(VALUES.length)]));
            }
        }
        return out;
    }

    static List<Entry> selector(Random r) {
        List<Entry> out = new ArrayList<>();
        if (r.nextInt(12) == 0) {
            return out;
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String key = SELECTOR_PREFIXES[r.nextInt(SELECTOR_PREFIXES.length)] + KEYS[r.nextInt(KEYS.length)];
            String op = List.of("=", "In", "NotIn", "Exists", "DoesNotExist").get(r.nextInt(5));
            List<String> values = new ArrayList<>();
            if (op.equals("=")) {
                values.add(VALUES[r.nextInt(VALUES.length)]);
            } else if (op.equals("In") || op.equals("NotIn")) {
                int m = 1 + r.nextInt(2);
                for (int j = 0; j < m; j++) {
                    values.add(VALUES[r.nextInt(VALUES.length)]);
                }
            }
            out.add(new Entry(key, op, values));
        }
        return out;
    }

    /** The oracle's lookup: the label with the key whose source equals the selector's, any source for none/any. */
    static Raw find(List<Raw> labels, String rawKey) {
        int colon = rawKey.indexOf(':');
        String source = colon < 0 ? "any" : rawKey.substring(0, colon);
        String key = colon < 0 ? rawKey : rawKey.substring(colon + 1);
        for (Raw l : labels) {
            if (l.key.equals(key) && (source.equals("any") || source.equals(l.source))) {
                return l;
            }
        }
        return null;
    }

    static boolean oracle(List<Entry> selector, List<Raw> labels) {
        for (Entry e : selector) {
            if (!oracle(e, labels)) {
                return false;
            }
        }
        return true;
    }

    static boolean oracle(Entry e, List<Raw> labels) {
        Raw found = find(labels, e.rawKey);
        return switch (e.op) {
            case "=" -> found != null && found.value.equals(e.values.get(0));
            case "In" -> found != null && e.values.contains(found.value);
            case "NotIn" -> found == null || !e.values.contains(found.value);
            case "Exists" -> found != null;
            case "DoesNotExist" -> found == null;
            default -> throw new AssertionError(e.op);
        };
    }

    /** Builds the model selector; null when two matchLabels entries name one key with different values. */
    static LabelSelector build(List<Entry> entries) {
        Map<String, String> matchLabels = new LinkedHashMap<>();
        Map<String, String> qualified = new HashMap<>();
        List<LabelSelectorRequirement> exprs = new ArrayList<>();
        for (Entry e : entries) {
            if (e.op.equals("=")) {
                String q = e.rawKey.contains(":") ? e.rawKey : "any:" + e.rawKey;
                String previous = qualified.put(q, e.values.get(0));
                if (previous != null && !previous.equals(e.values.get(0))) {
                    return null;
                }
                matchLabels.put(e.rawKey, e.values.get(0));
            } else {
                exprs.add(LabelSelectorRequirement.of(e.rawKey, LabelSelectorOperator.fromName(e.op).orElseThrow(),
                        e.values));
            }
        }
        return LabelSelector.of(matchLabels, exprs);
    }

    static Labels labels(List<Raw> raws) {
        List<Label> list = new ArrayList<>();
        for (Raw raw : raws) {
            list.add(Label.of(raw.source, raw.key, raw.value));
        }
        return Labels.of(list);
    }

    private static void count(List<Entry> entries, List<Raw> raws, boolean result) {
        CHECKED.incrementAndGet();
        HITS.get(result ? Case.MATCH : Case.NO_MATCH).incrementAndGet();
        if (entries.isEmpty()) {
            HITS.get(Case.EMPTY_SELECTOR).incrementAndGet();
        }
        for (Entry e : entries) {
            boolean holds = oracle(e, raws);
            Case c = switch (e.op) {
                case "=" -> holds ? Case.EQUALS_TRUE : Case.EQUALS_FALSE;
                case "In" -> holds ? Case.IN_TRUE : Case.IN_FALSE;
                case "NotIn" -> holds ? Case.NOT_IN_TRUE : Case.NOT_IN_FALSE;
                case "Exists" -> holds ? Case.EXISTS_TRUE : Case.EXISTS_FALSE;
                default -> holds ? Case.DOES_NOT_EXIST_TRUE : Case.DOES_NOT_EXIST_FALSE;
            };
            HITS.get(c).incrementAndGet();
            String bareKey = e.rawKey.substring(e.rawKey.indexOf(':') + 1);
            boolean keyPresent = raws.stream().anyMatch(l -> l.key.equals(bareKey));
            if (keyPresent && find(raws, e.rawKey) == null) {
                HITS.get(Case.SOURCE_MISMATCH).incrementAndGet();
            }
        }
    }

    @Test
    void matchingAgreesWithTheOracle() {
        qt().withExamples(EXAMPLES).withFixedSeed(20261202L).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Raw> raws = endpoint(r);
            List<Entry> entries = selector(r);
            LabelSelector s = build(entries);
            if (s == null) {
                entries = List.of();
                s = LabelSelector.all();
            }
            boolean expected = oracle(entries, raws);
            count(entries, raws, expected);
            assertThat(s.matches(labels(raws))).as("%s matches %s", s, raws).isEqualTo(expected);
        });
    }

    @Test
    void entryOrderDoesNotChangeTheSelector() {
        qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Entry> entries = selector(r);
            LabelSelector s = build(entries);
            if (s == null) {
                return;
            }
            List<Entry> shuffled = new ArrayList<>(entries);
            Collections.shuffle(shuffled, r);
            LabelSelector t = build(shuffled);
            assertThat(t).isEqualTo(s);
            assertThat(t.hashCode()).isEqualTo(s.hashCode());
            assertThat(t.toString()).isEqualTo(s.toString());
            // rebuilding from the canonical parts is a fixpoint (Cilium's Sanitize is idempotent)
            assertThat(LabelSelector.of(s.matchLabels(), s.matchExpressions())).isEqualTo(s);
        });
    }

    @Test
    void labelSetsAreIndependentOfInputOrderAndDefendTheirCopies() {
        qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Raw> raws = endpoint(r);
            List<Label> list = new ArrayList<>(labels(raws).asList());
            Collections.shuffle(list, r);
            Labels a = Labels.of(list);
            list.add(Label.of("k8s", "extra", "x"));
            assertThat(a).isEqualTo(labels(raws));
            assertThat(a.get("extra")).isEmpty();
        });
    }

    enum FormCase {
        EMPTY, UNSORTED_INPUT, SAME_KEY_SAME_VALUE, SAME_KEY_TWO_VALUES, MORE_THAN_EIGHT_LABELS, EXPRESSIONS,
        EQUAL_PAIR, UNEQUAL_PAIR
    }

    private static final Map<FormCase, AtomicLong> FORM_HITS = new EnumMap<>(FormCase.class);
    private static final AtomicLong FORM_CHECKED = new AtomicLong();

    static {
        for (FormCase c : FormCase.values()) {
            FORM_HITS.put(c, new AtomicLong());
        }
    }

    @AfterAll
    static void theFormGeneratorReachedEveryCase() {
        long n = FORM_CHECKED.get();
        System.out.println("LabelSelectorProperties canonical form over " + n + " checks: " + FORM_HITS);
        for (FormCase c : FormCase.values()) {
            assertThat((double) FORM_HITS.get(c).get() / n).as("fraction of %s among %d checks", c, n)
                    .isGreaterThanOrEqualTo(0.03);
        }
    }

    private static final String[] MANY_KEYS = {"app", "tier", "env", "a.b/c", "zone", "team", "k", "io.x/y", "b",
        "role", "v"};

    /** A map of up to 12 raw keys (mixed sources) in random order, and the values. */
    static Map<String, String> rawLabels(Random r) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = r.nextInt(4) == 0 ? 0 : r.nextInt(3) == 0 ? 9 + r.nextInt(4) : 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.put(SELECTOR_PREFIXES[r.nextInt(SELECTOR_PREFIXES.length)] + MANY_KEYS[r.nextInt(MANY_KEYS.length)],
                    VALUES[r.nextInt(2)]);
        }
        return out;
    }

    /** The oracle of matchLabels: keys qualified as Cilium's Sanitize does, in a TreeMap; null on a conflict. */
    static java.util.TreeMap<String, String> oracleLabels(Map<String, String> raw) {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String k = e.getKey();
            String q = k.startsWith(":") ? "any" + k : k.contains(":") ? k : "any:" + k;
            String previous = out.put(q, e.getValue());
            if (previous != null && !previous.equals(e.getValue())) {
                return null;
            }
        }
        return out;
    }

    /**
     * The canonical form: matchLabels equal the oracle's sorted, qualified map (and iterate in its order), a key
     * given twice with two values is refused, {@code hashCode} is the canonical text's, equality is equality of the
     * text, and {@code compareTo} orders as the text.
     */
    @Test
    void theCanonicalFormAgreesWithTheOracle() {
        qt().withExamples(3_000).withFixedSeed(20261203L).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            FORM_CHECKED.incrementAndGet();
            Map<String, String> raw = rawLabels(r);
            List<LabelSelectorRequirement> exprs = new ArrayList<>();
            for (Entry e : selector(r)) {
                if (!e.op.equals("=") && r.nextBoolean()) {
                    exprs.add(LabelSelectorRequirement.of(e.rawKey, LabelSelectorOperator.fromName(e.op)
                            .orElseThrow(), e.values));
                }
            }
            java.util.TreeMap<String, String> expected = oracleLabels(raw);
            List<String> qualifiedInOrder = new ArrayList<>();
            for (String k : raw.keySet()) {
                qualifiedInOrder.add(k.contains(":") ? k : "any:" + k);
            }
            java.util.Set<String> distinct = new java.util.HashSet<>(qualifiedInOrder);
            if (distinct.size() < qualifiedInOrder.size()) {
                FORM_HITS.get(expected == null ? FormCase.SAME_KEY_TWO_VALUES : FormCase.SAME_KEY_SAME_VALUE)
                        .incrementAndGet();
            }
            List<String> sortedCopy = new ArrayList<>(qualifiedInOrder);
            Collections.sort(sortedCopy);
            if (!sortedCopy.equals(qualifiedInOrder)) {
                FORM_HITS.get(FormCase.UNSORTED_INPUT).incrementAndGet();
            }
            if (raw.size() > 8) {
                FORM_HITS.get(FormCase.MORE_THAN_EIGHT_LABELS).incrementAndGet();
            }
            if (!exprs.isEmpty()) {
                FORM_HITS.get(FormCase.EXPRESSIONS).incrementAndGet();
            }
            if (expected == null) {
                org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                        .isThrownBy(() -> LabelSelector.of(raw, exprs)).withMessageContaining("two values");
                return;
            }
            LabelSelector s = LabelSelector.of(raw, exprs);
            if (s.isEmpty()) {
                FORM_HITS.get(FormCase.EMPTY).incrementAndGet();
            }
            assertThat(s.matchLabels()).isEqualTo(expected);
            assertThat(expected).isEqualTo(s.matchLabels());
            assertThat(s.matchLabels().hashCode()).isEqualTo(expected.hashCode());
            assertThat(s.matchLabels().toString()).isEqualTo(expected.toString());
            assertThat(new ArrayList<>(s.matchLabels().keySet())).containsExactlyElementsOf(expected.keySet());
            for (String k : MANY_KEYS) {
                assertThat(s.matchLabels().get("any:" + k)).isEqualTo(expected.get("any:" + k));
                assertThat(s.hasKey(k)).isEqualTo(expected.containsKey("any:" + k)
                        || exprs.stream().anyMatch(x -> x.key().extendedKey().equals("any:" + k)));
            }
            assertThat(s.hashCode()).isEqualTo(s.toString().hashCode());
            // a second selector, often equal (the same entries in another order), to compare with
            Map<String, String> shuffled = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(raw.keySet());
            Collections.shuffle(keys, r);
            for (String k : keys) {
                shuffled.put(k, raw.get(k));
            }
            LabelSelector t = r.nextBoolean() ? LabelSelector.of(shuffled, exprs)
                    : LabelSelector.of(rawLabels(r).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                            e -> e.getKey().contains(":") ? e.getKey() : "any:" + e.getKey(), Map.Entry::getValue,
                            (a, b) -> a)), List.of());
            boolean sameText = s.toString().equals(t.toString());
            FORM_HITS.get(sameText ? FormCase.EQUAL_PAIR : FormCase.UNEQUAL_PAIR).incrementAndGet();
            assertThat(s.equals(t)).isEqualTo(sameText);
            assertThat(Integer.signum(s.compareTo(t))).isEqualTo(Integer.signum(s.toString().compareTo(
                    t.toString())));
            if (sameText) {
                assertThat(t.hashCode()).isEqualTo(s.hashCode());
            }
        });
    }

    enum OrderCase {
        LESS, EQUAL, GREATER, KEY_PREFIX, LABELS_VS_EXPRESSIONS, ONE_IS_PREFIX, EMPTY_SIDE
    }

    private static final Map<OrderCase, AtomicLong> ORDER_HITS = new EnumMap<>(OrderCase.class);
    private static final AtomicLong ORDER_CHECKED = new AtomicLong();

    static {
        for (OrderCase c : OrderCase.values()) {
            ORDER_HITS.put(c, new AtomicLong());
        }
    }

    @AfterAll
    static void theOrderGeneratorReachedEveryCase() {
        long n = ORDER_CHECKED.get();
        System.out.println("LabelSelectorProperties order over " + n + " checks: " + ORDER_HITS);
        assertThat(n).isGreaterThanOrEqualTo(3_000);
        for (OrderCase c : OrderCase.values()) {
            assertThat((double) ORDER_HITS.get(c).get() / n).as("fraction of %s among %d checks", c, n)
                    .isGreaterThanOrEqualTo(0.02);
        }
    }

    /** Keys that are prefixes of one another and sort differently from their texts' next characters. */
    private static final String[] ORDER_KEYS = {"a", "a.b", "a-b", "ab", "a/b", "b", "k8s:a", "any:a", "k8s:a.b",
        "reserved:host", "x:a"};
    private static final String[] ORDER_VALUES = {"", "a", "a.b", "b", "x=y", "}", " ", "a,b"};

    private static LabelSelector orderSelector(Random r) {
        Map<String, String> labels = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            labels.putIfAbsent(ORDER_KEYS[r.nextInt(ORDER_KEYS.length)], ORDER_VALUES[r.nextInt(ORDER_VALUES.length)]);
        }
        List<LabelSelectorRequirement> exprs = new ArrayList<>();
        int m = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0;
        for (int i = 0; i < m; i++) {
            String key = ORDER_KEYS[r.nextInt(ORDER_KEYS.length)];
            LabelSelectorOperator op = LabelSelectorOperator.values()[r.nextInt(LabelSelectorOperator.values().length)];
            List<String> values = new ArrayList<>();
            if (op == LabelSelectorOperator.IN || op == LabelSelectorOperator.NOT_IN) {
                int k = 1 + r.nextInt(3);
                for (int j = 0; j < k; j++) {
                    values.add(ORDER_VALUES[1 + r.nextInt(ORDER_VALUES.length - 1)]);
                }
            }
            exprs.add(LabelSelectorRequirement.of(key, op, values));
        }
        try {
            return LabelSelector.of(labels, exprs);
        } catch (IllegalArgumentException e) {
            return LabelSelector.of(Map.of(), exprs); // two keys qualifying alike with two values
        }
    }

    /**
     * {@code compareTo} orders as the canonical text, also when neither text has been made yet (it then compares the
     * parts without making them): the sign of {@code a.compareTo(b)} is that of
     * {@code a.toString().compareTo(b.toString())}, on fresh selectors whose keys are prefixes of one another.
     */
    @Test
    void compareToOrdersAsTheTextWithoutMakingIt() {
        qt().withExamples(4_000).withFixedSeed(20261204L).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            long seedA = r.nextLong();
            long seedB = r.nextInt(8) == 0 ? seedA : r.nextLong();
            LabelSelector a = orderSelector(new Random(seedA));
            LabelSelector b = orderSelector(new Random(seedB));
            int fresh = Integer.signum(a.compareTo(b));
            int reverse = Integer.signum(b.compareTo(a));
            // fresh copies for the texts, so that the comparisons above ran on selectors without a text
            String ta = orderSelector(new Random(seedA)).toString();
            String tb = orderSelector(new Random(seedB)).toString();
            int expected = Integer.signum(ta.compareTo(tb));
            ORDER_CHECKED.incrementAndGet();
            ORDER_HITS.get(expected < 0 ? OrderCase.LESS : expected == 0 ? OrderCase.EQUAL : OrderCase.GREATER)
                    .incrementAndGet();
            if (!a.matchLabels().isEmpty() && !b.matchLabels().isEmpty()) {
                String ka = a.matchLabels().keySet().iterator().next();
                String kb = b.matchLabels().keySet().iterator().next();
                if (!ka.equals(kb) && (ka.startsWith(kb) || kb.startsWith(ka))) {
                    ORDER_HITS.get(OrderCase.KEY_PREFIX).incrementAndGet();
                }
            }
            if (a.matchLabels().isEmpty() != b.matchLabels().isEmpty() && !a.isEmpty() && !b.isEmpty()) {
                ORDER_HITS.get(OrderCase.LABELS_VS_EXPRESSIONS).incrementAndGet();
            }
            if (!ta.equals(tb) && (ta.startsWith(tb.substring(0, tb.length() - 1))
                    || tb.startsWith(ta.substring(0, ta.length() - 1)))) {
                ORDER_HITS.get(OrderCase.ONE_IS_PREFIX).incrementAndGet();
            }
            if (a.isEmpty() || b.isEmpty()) {
                ORDER_HITS.get(OrderCase.EMPTY_SIDE).incrementAndGet();
            }
            assertThat(fresh).as("%s vs %s", ta, tb).isEqualTo(expected);
            assertThat(reverse).as("%s vs %s", tb, ta).isEqualTo(-expected);
            // and with the texts made: the same order
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(fresh);
            a.toString();
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(fresh);
            b.toString();
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(fresh);
        });
    }
}
