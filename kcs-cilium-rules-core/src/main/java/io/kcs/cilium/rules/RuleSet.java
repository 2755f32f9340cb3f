package io.kcs.cilium.rules;

import io.kcs.cilium.rules.parse.RuleParser;
import io.kcs.cilium.rules.parse.RuleSyntaxException;
import java.util.ArrayList;
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
     * For the parser only: {@code rules} are distinct and unmodifiable, {@code spans} holds start and end per rule;
     * both are taken as they are (no copy, no duplicate check). Not API.
     */
    public static RuleSet ofParsed(List<Rule> rules, int[] spans, String sourceText) {
        return rules.isEmpty() ? EMPTY : new RuleSet(rules, sourceText, spans);
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
