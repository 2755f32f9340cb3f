package io.kcs.cilium.rules.fabric8;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * "Did you mean" suggestions: the known word nearest to a misspelt one by Levenshtein distance (insertions,
 * deletions and substitutions of one {@code char} each cost 1). The library's diagnostics and the command line's
 * messages share this one implementation; each caller keeps its own threshold of what is close enough
 * ({@link #closest(String, List)} is the library's: at most 2 edits, case-insensitive).
 *
 * <p>What it does not do: no phonetic or keyboard-distance matching, no transpositions counted as one edit, no
 * Unicode normalisation (it compares UTF-16 {@code char}s); only the first {@link #MAX_WORD_LENGTH} characters of a
 * word are compared, so that a long input costs at most {@code MAX_WORD_LENGTH} times the known word's length.
 *
 * <pre>{@code
 * Hints.nearest("egres", List.of("ingress", "egress"));      // Optional[Nearest[word=egress, distance=1]]
 * Hints.closest("Worldd", List.of("world", "cluster"));      // Optional[world] (case-insensitive, <= 2 edits)
 * Hints.distance("kitten", "sitting");                       // 3
 * }</pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class Hints {

    /** Characters of a word compared at most; the rest of a longer word is ignored by {@link #nearest}. */
    public static final int MAX_WORD_LENGTH = 64;

    /** The library's threshold: a suggestion at most this many edits away ({@link #closest}). */
    public static final int MAX_CLOSEST_DISTANCE = 2;

    /**
     * A known word and its edit distance from the word looked up.
     *
     * @param word the known word
     * @param distance its Levenshtein distance from the (cut) word looked up, at least 0
     */
    public record Nearest(String word, int distance) {
        /**
         * @throws NullPointerException when {@code word} is null
         * @throws IllegalArgumentException for a negative distance
         */
        public Nearest {
            Objects.requireNonNull(word, "word");
            if (distance < 0) {
                throw new IllegalArgumentException("distance " + distance + " is negative");
            }
        }
    }

    private Hints() {}

    /**
     * The first of {@code known} at the smallest edit distance from {@code word} (cut to {@link #MAX_WORD_LENGTH}
     * characters), however far; empty only when {@code known} is empty. Callers apply their own threshold.
     *
     * @throws NullPointerException when {@code word}, {@code known} or an element is null
     */
    public static Optional<Nearest> nearest(String word, List<String> known) {
        Objects.requireNonNull(word, "word");
        return nearestOf(word.length() > MAX_WORD_LENGTH ? word.substring(0, MAX_WORD_LENGTH) : word, known);
    }

    private static Optional<Nearest> nearestOf(String w, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(w, Objects.requireNonNull(k, "known word"));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Nearest(best, bestDistance));
    }

    /**
     * The library's suggestion: the first of {@code known} nearest to {@code word} lower-cased, when at most
     * {@link #MAX_CLOSEST_DISTANCE} edits away; none for a null or empty word or one longer than
     * {@link #MAX_WORD_LENGTH} characters.
     */
    public static Optional<String> closest(String word, List<String> known) {
        if (word == null || word.isEmpty() || word.length() > MAX_WORD_LENGTH) {
            return Optional.empty();
        }
        return nearestOf(word.toLowerCase(Locale.ROOT), known).filter(n -> n.distance() <= MAX_CLOSEST_DISTANCE)
                .map(Nearest::word);
    }

    /**
     * The Levenshtein distance of {@code a} and {@code b} (whole strings; time and memory proportional to their
     * lengths' product and {@code b}'s length).
     *
     * @throws NullPointerException when either is null
     */
    public static int distance(CharSequence a, CharSequence b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
