package io.kcs.cilium.rules;

import io.kcs.cilium.rules.common.TextSpan;

import io.kcs.cilium.rules.parse.RuleParser;
import io.kcs.cilium.rules.parse.RuleSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered list of distinct exception rules: what one direction of a runtime profile still allows.
 *
 * <p>Duplicates are removed, keeping the first occurrence; order is otherwise preserved and is part of equality
 * (two sets are equal when they hold equal rules in the same order). {@link #toString()} is the canonical
 * exception-list text, entries separated by {@code ", "}, and {@code RuleSet.parse(set.toString())} equals
 * {@code set}. To keep that true, a one-label FQDN name that directly follows a service rule with labels is written
 * with a trailing dot ({@code service:shop|app=web, localhost.}): without it the comma rule would read it as a label.
 *
 * <p>A set parsed from text remembers the text and the span of each rule ({@link #spanOf(int)}), so that
 * explanations can point at the entry; this does not take part in equality.
 *
 * <p>What it does not do: it does not evaluate or compile anything (see the evaluation package), and it is not a
 * set in the {@link java.util.Set} sense (order matters for equality).
 *
 * <pre>{@code
 * RuleSet rs = RuleSet.parse("10.0.0.1/8, *.Example.com, entity:world, 10.0.0.0/8");
 * rs.toString();  // "10.0.0.0/8, *.example.com, entity:world" (masked, normalised, duplicate removed)
 * rs.size();      // 3
 * RuleSet.parse("").isEmpty();  // true
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RuleSet implements Iterable<Rule> {

    private static final RuleSet EMPTY = new RuleSet(List.of());

    private final List<Rule> rules;
    private final String sourceText; // null when the rules were not read from text
    private final int[] spans; // start and end per rule, or null
    private int hash;

    private RuleSet(List<Rule> rules) {
        this(rules, null, null);
    }

    private RuleSet(List<Rule> rules, String sourceText, int[] spans) {
        this.rules = rules;
        this.sourceText = sourceText;
        this.spans = spans;
    }

    /**
     * Parses an exception list strictly: {@code RuleParser.strict().parse(text).rules()}. The empty string is a
     * valid, empty list.
     *
     * @throws RuleSyntaxException carrying every diagnostic when the text has an error
     */
    public static RuleSet parse(CharSequence text) {
        return RuleParser.strict().parse(text).rules();
    }

    /**
     * The rules of {@code rules} in iteration order, duplicates removed (first occurrence kept).
     *
     * @throws NullPointerException when the collection or an element is null
     */
    public static RuleSet of(Collection<? extends Rule> rules) {
        Objects.requireNonNull(rules, "rules");
        int n = rules.size();
        if (n == 0) {
            return EMPTY;
        }
        if (n == 1) {
            return new RuleSet(List.of(rules.iterator().next()));
        }
        List<Rule> out = new ArrayList<>(n);
        if (n <= 8) {
            for (Rule r : rules) {
                if (!out.contains(Objects.requireNonNull(r, "rule"))) {
                    out.add(r);
                }
            }
        } else {
            Set<Rule> seen = new HashSet<>(n * 2);
            for (Rule r : rules) {
                if (seen.add(Objects.requireNonNull(r, "rule"))) {
                    out.add(r);
                }
            }
        }
        return new RuleSet(Collections.unmodifiableList(out));
    }

    /**
     * The rules read from {@code sourceText}, each with the span of text it came from (used in explanations and
     * diagnostics). Duplicates are removed as by {@link #of(Collection)}, keeping the first occurrence and its span.
     * The source does not take part in equality.
     *
     * @throws IllegalArgumentException when the lists differ in size or a span lies outside the text
     */
    public static RuleSet of(List<? extends Rule> rules, String sourceText, List<TextSpan> spans) {
        Objects.requireNonNull(sourceText, "sourceText");
        if (rules.size() != spans.size()) {
            throw new IllegalArgumentException(rules.size() + " rules but " + spans.size() + " spans");
        }
        for (TextSpan span : spans) {
            if (span.end() > sourceText.length()) {
                throw new IllegalArgumentException("span " + span + " outside a text of length " + sourceText.length());
            }
        }
        if (rules.isEmpty()) {
            return EMPTY;
        }
        RuleSet plain = of(rules);
        int[] kept = new int[2 * plain.size()];
        Set<Rule> seen = new HashSet<>();
        int k = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (seen.add(rules.get(i))) {
                kept[k++] = spans.get(i).start();
                kept[k++] = spans.get(i).end();
            }
        }
        return new RuleSet(plain.rules, sourceText, kept);
    }

    /**
     * The rules read from {@code sourceText}, with {@code spans} holding the start and end offset of each rule (two
     * ints per rule). Like {@link #of(List, String, List)} without a {@link TextSpan} object per rule: the list and
     * the array are copied, every span is checked, and duplicates are removed keeping the first occurrence and its
     * span. This is what {@code RuleParser} uses; it trusts nothing it is given.
     *
     * @throws IllegalArgumentException when {@code spans.length != 2 * rules.size()} or a span is not a range
     *     {@code 0 <= start <= end <= sourceText.length()}
     * @throws NullPointerException when an argument or a rule is null
     */
    public static RuleSet of(List<? extends Rule> rules, String sourceText, int[] spans) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(spans, "spans");
        int n = rules.size();
        if (spans.length != 2 * n) {
            throw new IllegalArgumentException(n + " rules need " + 2 * n + " span offsets, not " + spans.length);
        }
        int length = sourceText.length();
        for (int i = 0; i < spans.length; i += 2) {
            if (spans[i] < 0 || spans[i + 1] < spans[i] || spans[i + 1] > length) {
                throw new IllegalArgumentException("span " + spans[i] + "-" + spans[i + 1]
                        + " is not a range inside a text of length " + length);
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        Rule[] kept = new Rule[n];
        int[] keptSpans = new int[2 * n];
        int k = 0;
        if (n <= 8) {
            outer:
            for (int i = 0; i < n; i++) {
                Rule r = Objects.requireNonNull(rules.get(i), "rule");
                for (int j = 0; j < k; j++) {
                    if (kept[j].equals(r)) {
                        continue outer;
                    }
                }
                keptSpans[2 * k] = spans[2 * i];
                keptSpans[2 * k + 1] = spans[2 * i + 1];
                kept[k++] = r;
            }
        } else {
            // open addressing on the rules' hash codes: no entry objects, one int table
            int cap = Integer.highestOneBit(n * 2 - 1) << 1;
            int[] table = new int[cap]; // index + 1 of a kept rule, 0 = free
            int mask = cap - 1;
            for (int i = 0; i < n; i++) {
                Rule r = Objects.requireNonNull(rules.get(i), "rule");
                int h = r.hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                boolean duplicate = false;
                while (table[slot] != 0) {
                    if (kept[table[slot] - 1].equals(r)) {
                        duplicate = true;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
                if (!duplicate) {
                    table[slot] = k + 1;
                    keptSpans[2 * k] = spans[2 * i];
                    keptSpans[2 * k + 1] = spans[2 * i + 1];
                    kept[k++] = r;
                }
            }
        }
        List<Rule> list = k == n ? List.of(kept) : List.of(Arrays.copyOf(kept, k));
        return new RuleSet(list, sourceText, k == n ? keptSpans : Arrays.copyOf(keptSpans, 2 * k));
    }

    /** The rules, duplicates removed. */
    public static RuleSet of(Rule... rules) {
        return of(List.of(rules));
    }

    /** The empty set. */
    public static RuleSet empty() {
        return EMPTY;
    }

    /** The rules in order; an unmodifiable list. */
    public List<Rule> rules() {
        return rules;
    }

    /** The rules of one kind, in order, e.g. {@code rulesOf(CidrRule.class)}. */
    public <T extends Rule> List<T> rulesOf(Class<T> kind) {
        Objects.requireNonNull(kind, "kind");
        List<T> out = new ArrayList<>();
        for (Rule r : rules) {
            if (kind.isInstance(r)) {
                out.add(kind.cast(r));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The text these rules were read from, when they were. */
    public Optional<String> sourceText() {
        return Optional.ofNullable(sourceText);
    }

    /** The span of source text rule {@code index} was read from, when it was read from text. */
    public Optional<TextSpan> spanOf(int index) {
        Objects.checkIndex(index, rules.size());
        return spans == null ? Optional.empty() : Optional.of(new TextSpan(spans[2 * index], spans[2 * index + 1]));
    }

    /** The span of source text an equal rule was read from, when it is in this set and was read from text. */
    public Optional<TextSpan> spanOf(Rule rule) {
        int i = rules.indexOf(rule);
        return i < 0 ? Optional.empty() : spanOf(i);
    }

    /** Whether there is no rule. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The number of rules. */
    public int size() {
        return rules.size();
    }

    /** Whether an equal rule is in this set. */
    public boolean contains(Rule rule) {
        return rules.contains(rule);
    }

    @Override
    public Iterator<Rule> iterator() {
        return rules.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof RuleSet r && r.rules.equals(rules));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = rules.hashCode();
            hash = h;
        }
        return h;
    }

    /** The canonical exception-list text: each rule's canonical text, separated by {@code ", "}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(rules.size() * 16);
        Rule previous = null;
        for (Rule r : rules) {
            if (previous != null) {
                b.append(", ");
            }
            b.append(r);
            if (previous instanceof ServiceRule s && !s.labels().isEmpty() && r instanceof FqdnRule f
                    && f.selector().value().indexOf('.') < 0 && !f.selector().isPattern()) {
                b.append('.');
            }
            previous = r;
        }
        return b.toString();
    }
}
