package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exact containment of Cilium FQDN selectors: whether every DNS name one selector matches is also matched by another
 * selector, or by the union of several, with a witness name when it is not.
 *
 * <p>Names are the ones a resolver returns: one or more non-empty labels of {@code [-a-z0-9_]} separated by dots, of
 * any length (the trailing dot and case do not matter, as in {@link FqdnSelector#matches}). Cilium's matcher also
 * lets {@code *} match an empty label ({@code *.cilium.io} matches {@code .cilium.io.}); such names never come out
 * of a DNS answer, so they are not part of the universe here. Matching is {@link FqdnSelector}'s (Cilium 1.19+):
 * {@code *} is any run of label characters inside one label, a leading {@code **.} is one or more whole labels, a
 * selector made only of {@code *} matches every name.
 *
 * <pre>{@code
 * FqdnSelector name = FqdnSelector.parse("api.example.com");
 * FqdnSelector one = FqdnSelector.parse("*.example.com");
 * FqdnSelector many = FqdnSelector.parse("**.example.com");
 * FqdnContainment.contains(one, name);   // true
 * FqdnContainment.contains(many, one);   // true
 * FqdnContainment.contains(one, many);   // false
 * FqdnContainment.witnessOutside(many, List.of(one));  // Optional["a.a.example.com"] (some such name)
 * }</pre>
 *
 * <p>How: the selectors are compiled to small automata over the characters of a name (no regular expressions) and
 * the product of the inner selector's automaton with the subset automaton of the covering selectors is searched
 * breadth first over the characters that occur in any selector plus one character that occurs in none (all other
 * characters behave alike). A first guess (each run of {@code *} written as that unused character) settles most
 * questions without the search. The search is exact; it is bounded by {@link #MAX_STATES} product states and 32 MiB
 * of states in all (fewer states when thousands of selectors are compared at once), which no realistic question
 * reaches (a pair of selectors needs at most a few hundred states). When the bound is reached the
 * answer is the safe one for its use: {@link #covers} says {@code false} (so a diff lists the selector, a lint does
 * not call it redundant) and {@link #witnessOutside} is empty.
 *
 * <p>What it does not do: no DNS lookups, no IDN. Stateless and thread-safe.
 */
public final class FqdnContainment {

    /** The most product states one question explores before giving up (see the class comment). */
    public static final int MAX_STATES = 20_000;

    /**
     * The most 64-bit words all explored states may hold together (32 MiB): with many covering selectors each state
     * is larger, so fewer states are explored before giving up.
     */
    static final long MAX_WORDS = 4_000_000;

    private FqdnContainment() {}

    /** Whether every name {@code inner} matches, {@code outer} matches too. */
    public static boolean contains(FqdnSelector outer, FqdnSelector inner) {
        Objects.requireNonNull(outer, "outer");
        Objects.requireNonNull(inner, "inner");
        if (outer.equals(inner) || outer.isMatchAll()) {
            return true;
        }
        if (!inner.isPattern()) {
            return outer.matches(inner.value());
        }
        return covers(List.of(outer), inner);
    }

    /**
     * Whether every name {@code inner} matches is matched by at least one of {@code outers} (the union may cover
     * what no single one does: {@code *.x.io} and {@code **.*.x.io} together cover {@code **.x.io}). {@code false}
     * when the search bound is reached.
     */
    public static boolean covers(Collection<FqdnSelector> outers, FqdnSelector inner) {
        Objects.requireNonNull(outers, "outers");
        Objects.requireNonNull(inner, "inner");
        for (FqdnSelector o : outers) {
            if (o.isMatchAll() || o.equals(inner) || (!inner.isPattern() && o.matches(inner.value()))) {
                return true;
            }
        }
        if (!inner.isPattern() || outers.isEmpty()) {
            return false;
        }
        Optional<String> quick = instance(inner, outers);
        if (quick.isPresent() && outers.stream().noneMatch(o -> o.matches(quick.get()))) {
            return false; // a name of inner that no outer matches
        }
        return search(inner, outers, true) == Outcome.NONE;
    }

    /**
     * A name that {@code inner} matches and none of {@code outers} matches; empty when there is none (or the search
     * bound is reached). The name is the first guess (each run of {@code *} written as a character no selector uses)
     * when that works, else one of the shortest.
     */
    public static Optional<String> witnessOutside(FqdnSelector inner, Collection<FqdnSelector> outers) {
        Objects.requireNonNull(outers, "outers");
        Objects.requireNonNull(inner, "inner");
        Optional<String> quick = instance(inner, outers);
        if (quick.isPresent() && outers.stream().noneMatch(o -> o.matches(quick.get()))) {
            return quick;
        }
        Result r = search(inner, outers, true);
        return r instanceof Witness w ? Optional.of(w.name) : Optional.empty();
    }

    /**
     * Whether some name is matched both by {@code a} and by at least one of {@code others}. {@code true} when the
     * search bound is reached (the safe answer for "does it overlap").
     */
    public static boolean overlaps(FqdnSelector a, Collection<FqdnSelector> others) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(others, "others");
        if (others.isEmpty()) {
            return false;
        }
        Optional<String> quick = instance(a, others);
        if (quick.isPresent() && others.stream().anyMatch(o -> o.matches(quick.get()))) {
            return true;
        }
        Result r = search(a, others, false);
        return r != Outcome.NONE;
    }

    /** A name matched by both {@code a} and {@code b}, when there is one. */
    public static Optional<String> commonName(FqdnSelector a, FqdnSelector b) {
        for (FqdnSelector[] pair : new FqdnSelector[][] {{a, b}, {b, a}}) {
            Optional<String> quick = instance(pair[0], List.of(pair[1]));
            if (quick.isPresent() && pair[1].matches(quick.get())) {
                return quick;
            }
        }
        Result r = search(Objects.requireNonNull(a, "a"), List.of(Objects.requireNonNull(b, "b")), false);
        return r instanceof Witness w ? Optional.of(w.name) : Optional.empty();
    }

    /**
     * A name {@code s} matches, made by writing one character that no selector involved uses for each run of
     * {@code *} (and one label for a {@code **.} prefix); empty when every label character is used. Such a name is
     * matched by another selector only through that selector's own stars, which makes it a good first guess for a
     * witness before the exact search.
     */
    private static Optional<String> instance(FqdnSelector s, Collection<FqdnSelector> others) {
        boolean[] used = new boolean[128];
        Search.mark(used, s.value());
        for (FqdnSelector o : others) {
            Search.mark(used, o.value());
        }
        char fresh = 0;
        for (char c : LABEL_CHARS) {
            if (!used[c]) {
                fresh = c;
                break;
            }
        }
        if (fresh == 0) {
            return Optional.empty();
        }
        String v = s.value();
        StringBuilder b = new StringBuilder(v.length() + 2);
        int i = 0;
        int stars = 0;
        while (stars < v.length() && v.charAt(stars) == '*') {
            stars++;
        }
        if (stars == v.length()) {
            return Optional.of(String.valueOf(fresh));
        }
        if (stars >= 2 && v.charAt(stars) == '.') {
            b.append(fresh).append('.');
            i = stars + 1;
        }
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '*') {
                b.append(fresh);
                while (i < v.length() && v.charAt(i) == '*') {
                    i++;
                }
            } else {
                b.append(c);
                i++;
            }
        }
        return Optional.of(b.toString());
    }

    // ------------------------------------------------------------------------------------------ the search

    private sealed interface Result permits Outcome, Witness {}

    private enum Outcome implements Result { NONE, GAVE_UP }

    private record Witness(String name) implements Result {}

    private static Result search(FqdnSelector inner, Collection<FqdnSelector> outers, boolean containment) {
        return Search.run(inner, outers, containment);
    }

    private static final class Search {
        private Search() {}

        static Result run(FqdnSelector inner, Collection<FqdnSelector> outers, boolean containment) {
            Nfa a = Nfa.of(List.of(inner));
            Nfa b = Nfa.of(outers);
            char[] alphabet = alphabet(inner, outers);
            int aw = a.words();
            int bw = b.words();
            long maxStates = Math.min(MAX_STATES, MAX_WORDS / (aw + bw + 1));
            long[] start = new long[aw + bw + 1];
            a.initial(start, 0);
            b.initial(start, aw);
            start[aw + bw] = 0; // universe state: 0 = a label character is needed, 1 = inside a label
            Map<Key, Integer> seen = new HashMap<>();
            List<long[]> states = new ArrayList<>();
            List<Integer> parent = new ArrayList<>();
            List<Character> via = new ArrayList<>();
            seen.put(new Key(start), 0);
            states.add(start);
            parent.add(-1);
            via.add('\0');
            for (int head = 0; head < states.size(); head++) {
                long[] s = states.get(head);
                boolean inLabel = s[aw + bw] == 1;
                if (inLabel && a.accepts(s, 0)) {
                    boolean bAccepts = b.accepts(s, aw);
                    if (containment != bAccepts) {
                        return new Witness(trace(head, parent, via));
                    }
                }
                for (char c : alphabet) {
                    long u = s[aw + bw];
                    long nextU;
                    if (c == '.') {
                        if (u != 1) {
                            continue; // an empty label: outside the universe
                        }
                        nextU = 0;
                    } else {
                        nextU = 1;
                    }
                    long[] n = new long[aw + bw + 1];
                    if (!a.step(s, 0, c, n, 0)) {
                        continue; // the inner selector is dead: nothing below is matched by it
                    }
                    boolean bAlive = b.step(s, aw, c, n, aw);
                    if (!containment && !bAlive) {
                        continue; // no outer selector can match any longer: no common name below
                    }
                    n[aw + bw] = nextU;
                    Key k = new Key(n);
                    if (!seen.containsKey(k)) {
                        if (states.size() >= maxStates) {
                            return Outcome.GAVE_UP;
                        }
                        seen.put(k, states.size());
                        states.add(n);
                        parent.add(head);
                        via.add(c);
                    }
                }
            }
            return Outcome.NONE;
        }

        private static String trace(int node, List<Integer> parent, List<Character> via) {
            StringBuilder b = new StringBuilder();
            for (int i = node; parent.get(i) >= 0; i = parent.get(i)) {
                b.append(via.get(i));
            }
            return b.reverse().toString();
        }

        /** The characters of every selector, the dot, and one label character that none of them uses. */
        private static char[] alphabet(FqdnSelector inner, Collection<FqdnSelector> outers) {
            boolean[] used = new boolean[128];
            mark(used, inner.value());
            for (FqdnSelector o : outers) {
                mark(used, o.value());
            }
            used['*'] = false;
            used['.'] = true;
            StringBuilder b = new StringBuilder();
            for (char c = 0; c < 128; c++) {
                if (used[c]) {
                    b.append(c);
                }
            }
            for (char c : LABEL_CHARS) {
                if (!used[c]) {
                    b.append(c);
                    break;
                }
            }
            return b.toString().toCharArray();
        }

        static void mark(boolean[] used, String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 128) {
                    used[c] = true;
                }
            }
        }
    }

    /** The characters of a label after lower-casing. */
    private static final char[] LABEL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private static boolean isLabelChar(char c) {
        return c != '.';
    }

    /** A product state as a map key. */
    private static final class Key {
        private final long[] bits;
        private final int hash;

        Key(long[] bits) {
            this.bits = bits;
            this.hash = Arrays.hashCode(bits);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.bits, bits);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The union of several selectors as one nondeterministic automaton over name characters. States are numbered;
     * every epsilon move goes from a state to the next one, so one ascending sweep closes a set.
     */
    private static final class Nfa {
        static final byte LIT = 0;    // on lit[s] -> s+1
        static final byte STAR = 1;   // on a label character -> s; epsilon -> s+1
        static final byte ACCEPT = 2; // accepting, no moves
        static final byte ANY = 3;    // accepting; on anything -> s (a selector made only of '*')
        static final byte M0 = 4;     // "**." prefix: on a label character -> s+1
        static final byte M1 = 5;     // on a label character -> s; on '.' -> s+1
        static final byte M2 = 6;     // on a label character -> s-1; epsilon -> s+1

        final byte[] kind;
        final char[] lit;
        final int[] starts;
        final int size;

        private Nfa(byte[] kind, char[] lit, int[] starts, int size) {
            this.kind = kind;
            this.lit = lit;
            this.starts = starts;
            this.size = size;
        }

        static Nfa of(Collection<FqdnSelector> selectors) {
            int cap = 0;
            for (FqdnSelector s : selectors) {
                cap += s.value().length() + 4;
            }
            byte[] kind = new byte[cap];
            char[] lit = new char[cap];
            int[] starts = new int[selectors.size()];
            int n = 0;
            int k = 0;
            for (FqdnSelector sel : selectors) {
                starts[k++] = n;
                String v = sel.value();
                if (sel.isMatchAll()) {
                    kind[n++] = ANY;
                    continue;
                }
                int stars = 0;
                while (stars < v.length() && v.charAt(stars) == '*') {
                    stars++;
                }
                int i = 0;
                if (stars >= 2 && stars < v.length() && v.charAt(stars) == '.') {
                    kind[n++] = M0;
                    kind[n++] = M1;
                    kind[n++] = M2;
                    i = stars + 1;
                }
                while (i < v.length()) {
                    char c = v.charAt(i);
                    if (c == '*') {
                        kind[n++] = STAR;
                        while (i < v.length() && v.charAt(i) == '*') {
                            i++;
                        }
                    } else {
                        kind[n] = LIT;
                        lit[n++] = c;
                        i++;
                    }
                }
                kind[n++] = ACCEPT;
            }
            return new Nfa(kind, lit, starts, n);
        }

        int words() {
            return (size + 63) >>> 6;
        }

        void initial(long[] into, int offset) {
            for (int s : starts) {
                into[offset + (s >>> 6)] |= 1L << s;
            }
            close(into, offset);
        }

        /** Epsilon closure in place: one ascending sweep (epsilon moves only go to the next state). */
        void close(long[] set, int offset) {
            for (int s = 0; s < size; s++) {
                if ((set[offset + (s >>> 6)] & (1L << s)) != 0 && (kind[s] == STAR || kind[s] == M2)) {
                    set[offset + ((s + 1) >>> 6)] |= 1L << (s + 1);
                }
            }
        }

        boolean accepts(long[] set, int offset) {
            for (int w = 0; w < words(); w++) {
                long bits = set[offset + w];
                while (bits != 0) {
                    int s = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (kind[s] == ACCEPT || kind[s] == ANY) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Moves the set at {@code from[fromOffset..]} on {@code c} into {@code to[toOffset..]}; whether non-empty. */
        boolean step(long[] from, int fromOffset, char c, long[] to, int toOffset) {
            boolean label = isLabelChar(c);
            boolean any = false;
            for (int w = 0; w < words(); w++) {
                long bits = from[fromOffset + w];
                while (bits != 0) {
                    int s = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int t = -1;
                    switch (kind[s]) {
                        case LIT -> t = lit[s] == c ? s + 1 : -1;
                        case STAR, ANY -> t = label || kind[s] == ANY ? s : -1;
                        case M0 -> t = label ? s + 1 : -1;
                        case M1 -> t = label ? s : s + 1;
                        case M2 -> t = label ? s - 1 : -1;
                        default -> t = -1;
                    }
                    if (t >= 0) {
                        to[toOffset + (t >>> 6)] |= 1L << t;
                        any = true;
                    }
                }
            }
            if (any) {
                close(to, toOffset);
            }
            return any;
        }
    }
}
