package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FQDN selectors indexed for coverage questions: exact names in a hash set and by last label, patterns by their last
 * label when it is literal (a name can only be matched by a pattern with the same last label, or one whose last label
 * has a {@code *}). Package-private, not thread-safe while being built, read-only afterwards.
 */
final class FqdnIndex {

    private final Set<String> names = new HashSet<>();
    private final Map<String, List<FqdnSelector>> namesByLast = new HashMap<>();
    private final Map<String, List<FqdnSelector>> patternsByLast = new HashMap<>();
    private final List<FqdnSelector> wildLast = new ArrayList<>();
    private FqdnSelector matchAll;
    private int size;

    FqdnIndex() {}

    FqdnIndex(Collection<FqdnSelector> selectors) {
        selectors.forEach(this::add);
    }

    void add(FqdnSelector s) {
        size++;
        if (!s.isPattern()) {
            if (names.add(s.value())) {
                namesByLast.computeIfAbsent(lastLabel(s.value()), k -> new ArrayList<>()).add(s);
            }
        } else if (s.isMatchAll()) {
            if (matchAll == null) {
                matchAll = s;
            }
        } else {
            String last = lastLabel(s.value());
            if (last.indexOf('*') >= 0) {
                wildLast.add(s);
            } else {
                patternsByLast.computeIfAbsent(last, k -> new ArrayList<>()).add(s);
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The last label of a normalised value (after the last dot). */
    static String lastLabel(String value) {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? value : value.substring(dot + 1);
    }

    /** A selector of this index matching the (well-formed) name, if any. */
    FqdnSelector matcherOf(String name) {
        if (names.contains(name)) {
            return FqdnSelector.matchName(name);
        }
        if (matchAll != null) {
            return matchAll;
        }
        List<FqdnSelector> bucket = patternsByLast.get(lastLabel(name));
        if (bucket != null) {
            for (FqdnSelector p : bucket) {
                if (p.matches(name)) {
                    return p;
                }
            }
        }
        for (FqdnSelector p : wildLast) {
            if (p.matches(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The selectors of this index that may share a name with the pattern {@code p}: names it matches, patterns with
     * a compatible last label whose literal labels, aligned from the end, do not differ.
     */
    List<FqdnSelector> candidatesFor(FqdnSelector p) {
        List<FqdnSelector> out = new ArrayList<>();
        if (matchAll != null) {
            out.add(matchAll);
        }
        String last = lastLabel(p.value());
        if (last.indexOf('*') < 0) {
            addNames(out, namesByLast.get(last), p);
            addPatterns(out, patternsByLast.get(last), p);
        } else {
            for (List<FqdnSelector> bucket : namesByLast.values()) {
                addNames(out, bucket, p);
            }
            for (List<FqdnSelector> bucket : patternsByLast.values()) {
                addPatterns(out, bucket, p);
            }
        }
        addPatterns(out, wildLast, p);
        return out;
    }

    private static void addNames(List<FqdnSelector> out, List<FqdnSelector> bucket, FqdnSelector p) {
        if (bucket != null) {
            for (FqdnSelector n : bucket) {
                if (p.matches(n.value())) {
                    out.add(n);
                }
            }
        }
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
        boolean ma = la.length > 0 && isMultiPrefix(la[0]);
        boolean mb = lb.length > 0 && isMultiPrefix(lb[0]);
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
        if (matchAll != null) {
            return true;
        }
        if (!s.isPattern()) {
            return matcherOf(s.value()) != null;
        }
        if (s.isMatchAll()) {
            return true; // any selector of the index matches some name, which '*' matches too
        }
        List<FqdnSelector> c = candidatesFor(s);
        for (FqdnSelector x : c) {
            if (!x.isPattern()) {
                return true; // candidates' names are matched by s
            }
        }
        return !c.isEmpty() && FqdnContainment.overlaps(s, c);
    }

    private List<FqdnSelector> all() {
        List<FqdnSelector> out = new ArrayList<>();
        namesByLast.values().forEach(out::addAll);
        patternsByLast.values().forEach(out::addAll);
        out.addAll(wildLast);
        return out;
    }
}
