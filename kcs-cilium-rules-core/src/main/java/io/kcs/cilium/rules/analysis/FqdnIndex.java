package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FQDN selectors indexed for coverage questions by their literal suffix: the labels at the end that have no
 * {@code *} ({@code team5.example.com} for {@code *.team5.example.com}; the whole value for a name; empty when the last
 * label has a {@code *}). Labels align from the end in every selector (a {@code **.} prefix only adds labels in
 * front), so two selectors can share a name only when one literal suffix is a label suffix of the other. Each entry is
 * filed under every label suffix of its literal suffix, so the candidates for a question are a few map lookups.
 * Package-private; not thread-safe while being built, read-only afterwards.
 */
final class FqdnIndex {

    private final Set<String> names = new HashSet<>();
    /** Names filed under every label suffix of the name ("" for all). */
    private final Map<String, List<FqdnSelector>> namesUnder = new HashMap<>();
    /** Patterns by their own literal suffix. */
    private final Map<String, List<FqdnSelector>> patternsAt = new HashMap<>();
    /** Patterns filed under every label suffix of their literal suffix ("" for all). */
    private final Map<String, List<FqdnSelector>> patternsUnder = new HashMap<>();
    private FqdnSelector matchAll;
    private int size;

    FqdnIndex() {}

    void add(FqdnSelector s) {
        size++;
        if (!s.isPattern()) {
            if (names.add(s.value())) {
                for (String suffix : labelSuffixes(s.value())) {
                    namesUnder.computeIfAbsent(suffix, k -> new ArrayList<>()).add(s);
                }
            }
        } else if (s.isMatchAll()) {
            if (matchAll == null) {
                matchAll = s;
            }
        } else {
            String literal = literalSuffix(s.value());
            patternsAt.computeIfAbsent(literal, k -> new ArrayList<>()).add(s);
            for (String suffix : labelSuffixes(literal)) {
                patternsUnder.computeIfAbsent(suffix, k -> new ArrayList<>()).add(s);
            }
        }
    }

    /** The labels at the end of {@code value} without {@code *}, joined by dots ("" when the last label has one). */
    static String literalSuffix(String value) {
        int end = value.length();
        int start = end;
        for (int i = value.length() - 1; i >= -1; i--) {
            if (i < 0 || value.charAt(i) == '.') {
                String label = value.substring(i + 1, end);
                if (label.indexOf('*') >= 0) {
                    break;
                }
                start = i + 1;
                end = i;
            }
        }
        return start >= value.length() ? "" : value.substring(start);
    }

    /** "", then every label suffix of {@code s}: for {@code a.b.c}: "", "c", "b.c", "a.b.c". */
    static List<String> labelSuffixes(String s) {
        List<String> out = new ArrayList<>();
        out.add("");
        if (s.isEmpty()) {
            return out;
        }
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) == '.') {
                out.add(s.substring(i + 1));
            }
        }
        out.add(s);
        return out;
    }

    /** A selector of this index matching the (well-formed) name, if any. */
    FqdnSelector matcherOf(String name) {
        if (names.contains(name)) {
            return FqdnSelector.matchName(name);
        }
        if (matchAll != null) {
            return matchAll;
        }
        for (String suffix : labelSuffixes(name)) {
            List<FqdnSelector> bucket = patternsAt.get(suffix);
            if (bucket != null) {
                for (FqdnSelector p : bucket) {
                    if (p.matches(name)) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The selectors of this index that may share a name with the pattern {@code p} (not made only of {@code *}):
     * the names it matches, and the patterns whose literal suffix is compatible with its own and whose literal labels,
     * aligned from the end, do not differ; the selector made only of {@code *} when there is one.
     */
    List<FqdnSelector> candidatesFor(FqdnSelector p) {
        List<FqdnSelector> out = new ArrayList<>();
        if (matchAll != null) {
            out.add(matchAll);
        }
        String literal = literalSuffix(p.value());
        for (FqdnSelector n : namesUnder.getOrDefault(literal, List.of())) {
            if (p.matches(n.value())) {
                out.add(n);
            }
        }
        List<String> shorter = labelSuffixes(literal);
        for (int i = 0; i < shorter.size() - 1; i++) {
            addPatterns(out, patternsAt.get(shorter.get(i)), p);
        }
        addPatterns(out, patternsUnder.get(literal), p);
        return out;
    }

    private static void addPatterns(List<FqdnSelector> out, List<FqdnSelector> bucket, FqdnSelector p) {
        if (bucket != null) {
            for (FqdnSelector q : bucket) {
                if (mayOverlap(p, q)) {
                    out.add(q);
                }
            }
        }
    }

    /**
     * A quick necessary condition for two patterns (neither made only of {@code *}) to share a name: the label
     * counts can agree, and no two labels aligned from the end are both literal and different.
     */
    static boolean mayOverlap(FqdnSelector a, FqdnSelector b) {
        String[] la = labels(a.value());
        String[] lb = labels(b.value());
        boolean ma = isMultiPrefix(la[0]);
        boolean mb = isMultiPrefix(lb[0]);
        int ka = ma ? la.length - 1 : la.length;
        int kb = mb ? lb.length - 1 : lb.length;
        if (!ma && !mb && ka != kb) {
            return false;
        }
        if (ma && !mb && kb < ka + 1) {
            return false;
        }
        if (mb && !ma && ka < kb + 1) {
            return false;
        }
        for (int i = 1; i <= Math.min(ka, kb); i++) {
            String x = la[la.length - i];
            String y = lb[lb.length - i];
            if (x.indexOf('*') < 0 && y.indexOf('*') < 0 && !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMultiPrefix(String label) {
        if (label.length() < 2) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }

    private static String[] labels(String value) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }

    /** Whether every name {@code s} matches is matched by this index's selectors. */
    boolean covers(FqdnSelector s) {
        if (matchAll != null) {
            return true;
        }
        if (!s.isPattern()) {
            return matcherOf(s.value()) != null;
        }
        if (s.isMatchAll()) {
            return FqdnContainment.covers(all(), s);
        }
        List<FqdnSelector> c = candidatesFor(s);
        return !c.isEmpty() && FqdnContainment.covers(c, s);
    }

    /** Whether some name {@code s} matches is matched by this index's selectors. */
    boolean overlaps(FqdnSelector s) {
        if (size == 0) {
            return false;
        }
        if (matchAll != null || s.isMatchAll()) {
            return true; // every selector matches some name, which '*' matches too
        }
        if (!s.isPattern()) {
            return matcherOf(s.value()) != null;
        }
        List<FqdnSelector> c = candidatesFor(s);
        for (FqdnSelector x : c) {
            if (!x.isPattern()) {
                return true; // the candidate names are matched by s
            }
        }
        return !c.isEmpty() && FqdnContainment.overlaps(s, c);
    }

    private List<FqdnSelector> all() {
        List<FqdnSelector> out = new ArrayList<>(namesUnder.getOrDefault("", List.of()));
        out.addAll(patternsUnder.getOrDefault("", List.of()));
        return out;
    }
}
