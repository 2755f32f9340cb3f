package io.kcs.cilium.rules.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FQDN containment against brute force: every name of a finite universe (1 to 3 labels of 1 to 3 characters over
 * {@code a, b, c}) is matched with {@link FqdnSelector#matches} (Cilium's matchpattern semantics, itself checked
 * against an RE2/J oracle in {@code CiliumMatchPatternTest}). Patterns use only {@code a} and {@code b}, so
 * {@code c} plays the character no pattern mentions. When containment says no, its witness must be a name the inner
 * selector matches and no outer one does; when it says yes, no name of the universe may contradict it, and when it
 * says no with a witness inside the universe, brute force must find a counterexample too.
 */
class FqdnContainmentProperties {

    private static final int EXAMPLES = 400;
    private static final List<String> UNIVERSE = universe();
    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();
    private static final AtomicLong RUNS = new AtomicLong();

    private static List<String> universe() {
        List<String> labels = new ArrayList<>();
        for (int len = 1; len <= 3; len++) {
            int n = (int) Math.pow(3, len);
            for (int i = 0; i < n; i++) {
                StringBuilder b = new StringBuilder();
                for (int k = 0, x = i; k < len; k++, x /= 3) {
                    b.append("abc".charAt(x % 3));
                }
                labels.add(b.toString());
            }
        }
        List<String> names = new ArrayList<>(labels);
        List<String> two = new ArrayList<>();
        for (String x : labels) {
            for (String y : labels) {
                two.add(x + "." + y);
            }
        }
        names.addAll(two);
        for (String x : labels) {
            for (String y : two) {
                names.add(x + "." + y);
            }
        }
        return List.copyOf(names);
    }

    @BeforeAll
    static void universeSize() {
        assertThat(UNIVERSE).hasSize(39 + 39 * 39 + 39 * 39 * 39);
    }

    @AfterAll
    static void generatorsReachEveryCase() {
        long n = RUNS.get();
        System.out.println("FqdnContainmentProperties over " + n + " questions: " + SEEN);
        for (String c : List.of("contained", "not-contained", "witness-in-universe", "multi-label-inner",
                "multi-label-outer", "union-covers-no-single-does", "match-all")) {
            assertThat((double) SEEN.getOrDefault(c, new AtomicLong()).get() / n).as("fraction %s of %d", c, n)
                    .isGreaterThanOrEqualTo(0.02);
        }
    }

    private static void seen(String c) {
        SEEN.computeIfAbsent(c, k -> new AtomicLong()).incrementAndGet();
    }

    /** A label of the pattern language: literals over a, b with runs of '*' (often just '*'). */
    private static String label(Random r) {
        int kind = r.nextInt(6);
        if (kind == 0) {
            return "*";
        }
        StringBuilder b = new StringBuilder();
        int len = 1 + r.nextInt(3);
        for (int i = 0; i < len; i++) {
            int c = r.nextInt(kind == 1 ? 2 : 4);
            b.append(c == 3 ? "*" : c == 2 ? (i == 0 ? "a" : "*") : "ab".substring(c, c + 1));
        }
        return b.toString();
    }

    static FqdnSelector pattern(Random r) {
        if (r.nextInt(40) == 0) {
            return FqdnSelector.parse("*");
        }
        int labels = 1 + r.nextInt(r.nextInt(4) == 0 ? 3 : 2);
        StringBuilder b = new StringBuilder();
        if (r.nextInt(4) == 0) {
            b.append("**.");
        }
        for (int i = 0; i < labels; i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(label(r));
        }
        return FqdnSelector.parse(b.toString());
    }

    private static boolean inUniverse(String name) {
        String[] labels = name.split("\\.", -1);
        if (labels.length > 3) {
            return false;
        }
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(ch -> ch == 'a' || ch == 'b' || ch == 'c')) {
                return false;
            }
        }
        return true;
    }

    private static boolean bruteCovers(List<FqdnSelector> outers, FqdnSelector inner) {
        for (String n : UNIVERSE) {
            if (inner.matches(n) && outers.stream().noneMatch(o -> o.matches(n))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void containmentAgreesWithBruteForceMatching() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            FqdnSelector drawn = pattern(r);
            List<FqdnSelector> outers = new ArrayList<>();
            if (r.nextInt(6) == 0 && !drawn.isMatchAll()) {
                // a split of a multi-label pattern: **.R = *.R + **.*.R = *.R + *.*.R + **.*.*.R (one part may go)
                String rest = drawn.value().startsWith("**.") ? drawn.value().substring(3) : drawn.value();
                drawn = FqdnSelector.parse("**." + rest);
                List<String> parts = r.nextBoolean() ? List.of("*." + rest, "**.*." + rest)
                        : List.of("*." + rest, "*.*." + rest, "**.*.*." + rest);
                int drop = r.nextInt(4) == 0 ? r.nextInt(parts.size()) : -1;
                for (int i = 0; i < parts.size(); i++) {
                    if (i != drop) {
                        outers.add(FqdnSelector.parse(parts.get(i)));
                    }
                }
            } else {
                int k = r.nextInt(3) == 0 ? 2 + r.nextInt(3) : 1;
                for (int i = 0; i < k; i++) {
                    outers.add(pattern(r));
                }
            }
            FqdnSelector inner = drawn;
            if (r.nextInt(5) == 0) {
                outers.add(FqdnSelector.parse(inner.value().replace("*", r.nextBoolean() ? "a" : "ab")));
            }
            RUNS.incrementAndGet();
            boolean covers = FqdnContainment.covers(outers, inner);
            boolean brute = bruteCovers(outers, inner);
            if (inner.value().startsWith("**.")) {
                seen("multi-label-inner");
            }
            if (outers.stream().anyMatch(o -> o.value().startsWith("**."))) {
                seen("multi-label-outer");
            }
            if (inner.isMatchAll() || outers.stream().anyMatch(FqdnSelector::isMatchAll)) {
                seen("match-all");
            }
            if (covers) {
                seen("contained");
                assertThat(brute).as("%s covered by %s, but a universe name is not", inner, outers).isTrue();
                assertThat(FqdnContainment.witnessOutside(inner, outers)).isEmpty();
                if (outers.size() > 1 && outers.stream().noneMatch(o -> FqdnContainment.contains(o, inner))) {
                    seen("union-covers-no-single-does");
                }
            } else {
                seen("not-contained");
                String w = FqdnContainment.witnessOutside(inner, outers).orElseThrow();
                assertThat(inner.matches(w)).as("witness %s of %s", w, inner).isTrue();
                assertThat(outers).as("witness %s", w).noneMatch(o -> o.matches(w));
                if (inUniverse(w)) {
                    seen("witness-in-universe");
                    assertThat(brute).as("%s not covered by %s (witness %s)", inner, outers, w).isFalse();
                }
            }
            if (outers.size() == 1) {
                assertThat(FqdnContainment.contains(outers.get(0), inner)).isEqualTo(covers);
            }
        });
    }

    @Test
    void overlapAgreesWithBruteForceMatching() {
        qt().withExamples(EXAMPLES / 2).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            FqdnSelector a = pattern(r);
            FqdnSelector b = pattern(r);
            boolean overlaps = FqdnContainment.overlaps(a, List.of(b));
            boolean brute = UNIVERSE.stream().anyMatch(n -> a.matches(n) && b.matches(n));
            if (brute) {
                assertThat(overlaps).as("%s and %s share a universe name", a, b).isTrue();
            }
            if (overlaps) {
                String common = FqdnContainment.commonName(a, b).orElseThrow();
                assertThat(a.matches(common) && b.matches(common)).as(common).isTrue();
            }
        });
    }
}
