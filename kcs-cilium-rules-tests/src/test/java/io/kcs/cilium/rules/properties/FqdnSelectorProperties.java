package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.oracle.CiliumMatchPattern;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code FqdnSelector.matches} against an independent oracle, Cilium's matchpattern regular expression run by RE2/J
 * ({@link CiliumMatchPattern}). Names are drawn from the pattern itself (an instance of it, an instance with one
 * character changed, with a label added or removed, with a bad character or an empty label), so that matches and
 * near misses with the same label count are both frequent; the generator's coverage of each case is asserted.
 */
class FqdnSelectorProperties {

    private static final int EXAMPLES = 10_000;
    private static final String ALPHABET = "abAB0-_";

    /** The interesting cases a run must reach. */
    enum Case {
        MATCH, NEAR_MISS_SAME_LABEL_COUNT, MULTI_LABEL_MATCH_SKIPPING_TWO_OR_MORE, MULTI_LABEL_MISS,
        MATCH_ALL_PATTERN, WILDCARD_INSIDE_LABEL_MATCH, BAD_NAME, UPPER_CASE_NAME
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
        // QuickTheories may run a few examples fewer than asked (seen: one in 10,000): require 99% of the requested
        assertThat(n).isGreaterThanOrEqualTo(EXAMPLES * 4L * 99 / 100);
        Map<Case, Double> minimum = Map.of(Case.MATCH, 0.20, Case.NEAR_MISS_SAME_LABEL_COUNT, 0.10,
                Case.MULTI_LABEL_MATCH_SKIPPING_TWO_OR_MORE, 0.02, Case.MULTI_LABEL_MISS, 0.02,
                Case.MATCH_ALL_PATTERN, 0.02, Case.WILDCARD_INSIDE_LABEL_MATCH, 0.05, Case.BAD_NAME, 0.02,
                Case.UPPER_CASE_NAME, 0.10);
        System.out.println("FqdnSelectorProperties coverage over " + n + " checks: " + HITS);
        for (Case c : Case.values()) {
            assertThat((double) HITS.get(c).get() / n).as("fraction of %s among %d checks", c, n)
                    .isGreaterThanOrEqualTo(minimum.get(c));
        }
    }

    private static String label(Random r, int maxLength) {
        StringBuilder b = new StringBuilder();
        int len = 1 + r.nextInt(maxLength);
        for (int i = 0; i < len; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A pattern FqdnSelector accepts: labels with stars at random places, sometimes a "**." prefix or only stars. */
    static String pattern(Random r) {
        if (r.nextInt(25) == 0) {
            return "*".repeat(1 + r.nextInt(3)) + (r.nextBoolean() ? "." : "");
        }
        while (true) {
            StringBuilder b = new StringBuilder();
            if (r.nextInt(4) == 0) {
                b.append("*".repeat(2 + r.nextInt(2))).append('.');
            }
            int labels = 1 + r.nextInt(3);
            for (int l = 0; l < labels; l++) {
                if (l > 0) {
                    b.append('.');
                }
                String lab = label(r, 4);
                int stars = r.nextInt(3) == 0 ? r.nextInt(3) : 0;
                StringBuilder withStars = new StringBuilder(lab);
                for (int s = 0; s < stars; s++) {
                    withStars.insert(r.nextInt(withStars.length() + 1), r.nextInt(5) == 0 ? "**" : "*");
                }
                b.append(withStars);
            }
            if (r.nextInt(5) == 0) {
                b.append('.');
            }
            String p = b.toString();
            if (FqdnSelector.isValid(p)) {
                return p;
            }
        }
    }

    /** A name the pattern matches: every star run replaced by a few DNS characters, "**." by 1 to 4 labels. */
    static String instance(String pattern, Random r) {
        String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder b = new StringBuilder();
        int i = 0;
        int stars = 0;
        while (stars < p.length() && p.charAt(stars) == '*') {
            stars++;
        }
        if (stars == p.length()) { // match-all: any well-formed name
            List<String> labels = new ArrayList<>();
            for (int l = r.nextInt(4); l >= 0; l--) {
                labels.add(label(r, 5));
            }
            return String.join(".", labels);
        }
        if (stars >= 2 && p.charAt(stars) == '.') {
            for (int l = 1 + r.nextInt(4); l > 0; l--) {
                b.append(label(r, 3)).append('.');
            }
            i = stars + 1;
        }
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*') {
                while (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    i++;
                }
                int n = r.nextInt(3);
                for (int k = 0; k < n; k++) {
                    b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Names near {@code pattern}: its instance, and the instance with one thing changed. */
    static List<String> names(String pattern, Random r) {
        String hit = instance(pattern, r);
        List<String> out = new ArrayList<>();
        out.add(r.nextBoolean() ? hit : hit + ".");
        // one character replaced by another DNS character: same labels, often a miss
        int at = r.nextInt(hit.length());
        if (hit.charAt(at) != '.') {
            out.add(hit.substring(0, at) + "xyz".charAt(r.nextInt(3)) + hit.substring(at + 1));
        } else {
            out.add(hit + "x");
        }
        // a label added in front, or the first label removed
        int dot = hit.indexOf('.');
        out.add(r.nextBoolean() || dot < 0 ? label(r, 3) + "." + hit : hit.substring(dot + 1));
        switch (r.nextInt(5)) {
            case 0: out.add(hit + "..");
                break;
            case 1: out.add(hit.replaceFirst("\\.", ".."));
                break;
            case 2: out.add(hit.substring(0, at) + " é/*".charAt(r.nextInt(4)) + hit.substring(at));
                break;
            case 3: out.add(r.nextBoolean() ? "" : ".");
                break;
            default: out.add(instance(pattern, r).toUpperCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static int labelCount(String s) {
        String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return t.isEmpty() ? 0 : t.split("\\.", -1).length;
    }

    private static boolean wellFormed(String name) {
        String t = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return t.isEmpty() || t.matches("[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*");
    }

    private static void count(String pattern, String name, boolean matched) {
        FqdnSelector s = FqdnSelector.parse(pattern);
        String value = s.value();
        boolean multi = value.matches("\\*{2,}\\..*");
        CHECKED.incrementAndGet();
        if (matched) {
            HITS.get(Case.MATCH).incrementAndGet();
        }
        if (!wellFormed(name)) {
            HITS.get(Case.BAD_NAME).incrementAndGet();
        }
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            HITS.get(Case.UPPER_CASE_NAME).incrementAndGet();
        }
        if (s.isMatchAll()) {
            HITS.get(Case.MATCH_ALL_PATTERN).incrementAndGet();
            return;
        }
        int patternLabels = labelCount(multi ? value.substring(value.indexOf('.') + 1) : value);
        if (!matched && !multi && wellFormed(name) && labelCount(name) == patternLabels) {
            HITS.get(Case.NEAR_MISS_SAME_LABEL_COUNT).incrementAndGet();
        }
        if (multi && matched && labelCount(name) >= patternLabels + 2) {
            HITS.get(Case.MULTI_LABEL_MATCH_SKIPPING_TWO_OR_MORE).incrementAndGet();
        }
        if (multi && !matched && wellFormed(name) && labelCount(name) > patternLabels) {
            HITS.get(Case.MULTI_LABEL_MISS).incrementAndGet();
        }
        if (matched && !multi && value.contains("*")) {
            HITS.get(Case.WILDCARD_INSIDE_LABEL_MATCH).incrementAndGet();
        }
    }

    @Test
    void matchesExactlyWhereCiliumsRegexMatches() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            String pattern = pattern(r);
            FqdnSelector selector = FqdnSelector.parse(pattern);
            for (String name : names(pattern, r)) {
                boolean expected = CiliumMatchPattern.matches(pattern, name);
                assertThat(selector.matches(name)).as("%s matches %s (regex %s)", pattern, name,
                        CiliumMatchPattern.regex(pattern)).isEqualTo(expected);
                count(pattern, name, expected);
            }
        });
    }

    @Test
    void theNormalisedValueMatchesAsThePatternText() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            String pattern = pattern(r);
            FqdnSelector reparsed = FqdnSelector.parse(FqdnSelector.parse(pattern).value());
            for (String name : names(pattern, r)) {
                assertThat(reparsed.matches(name)).as("%s / %s", pattern, name)
                        .isEqualTo(CiliumMatchPattern.matches(pattern, name));
            }
        });
    }
}
