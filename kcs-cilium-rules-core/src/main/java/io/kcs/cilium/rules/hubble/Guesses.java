package io.kcs.cilium.rules.hubble;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What text came last in a context, to check before scanning: for a {@link FastJsonTokens}, the field name that
 * followed a field name, and the string value of a field. A slot holds the context (a number), the bytes seen (with
 * the string's closing quote) and what was read from them. Lines in
 * the same shape as the ones before find most of their texts so, with one compare of up to {@value #WORDS} words.
 *
 * <p>What it does not do: it never decides anything about the bytes besides their equality with the bytes learned;
 * the caller learns only what it read. Not API; mutable and not thread-safe (one per reader).
 *
 * @param <V> what was read from the bytes
 */
final class Guesses<V> {

    /** Texts of up to this many words compare as words; longer ones byte for byte. */
    static final int WORDS = 3;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int mask;
    private final int[] keys;
    private final Object[] values;
    private final int[] lengths;
    private final long[] words; // WORDS a slot: the bytes, zero beyond the length
    private final long[] masks; // WORDS a slot: the bytes that count
    private final byte[][] bytes; // texts longer than WORDS words

    /** A table of {@code slots} (a power of two) guesses. */
    Guesses(int slots) {
        this.mask = slots - 1;
        this.keys = new int[slots];
        this.values = new Object[slots];
        this.lengths = new int[slots];
        this.words = new long[slots * WORDS];
        this.masks = new long[slots * WORDS];
        this.bytes = new byte[slots][];
    }

    /** The slot of the context {@code key}. */
    int slot(int key) {
        int h = key * 0x9E37_79B9;
        return (h ^ h >>> 16) & mask;
    }

    /**
     * What was learned in {@code slot} for the context {@code key} when its bytes stand at
     * {@code b[from, ...)} (not beyond {@code end}); null otherwise. {@link #length(int)} is then their length.
     */
    @SuppressWarnings("unchecked")
    V match(int slot, int key, byte[] b, int from, int end) {
        Object v = values[slot];
        if (v == null || keys[slot] != key) {
            return null;
        }
        int n = lengths[slot];
        if (n > end - from) {
            return null;
        }
        if (from + WORDS * 8 <= end && n <= WORDS * 8) {
            int w = slot * WORDS;
            long d = ((long) LONGS.get(b, from) ^ words[w]) & masks[w]
                    | ((long) LONGS.get(b, from + 8) ^ words[w + 1]) & masks[w + 1]
                    | ((long) LONGS.get(b, from + 16) ^ words[w + 2]) & masks[w + 2];
            return d == 0 ? (V) v : null;
        }
        byte[] k = bytes[slot];
        return Arrays.equals(k, 0, n, b, from, from + n) ? (V) v : null;
    }

    /** The length of the bytes learned in {@code slot}. */
    int length(int slot) {
        return lengths[slot];
    }

    /** Learns that {@code value} was read from {@code b[from, to)} in the context {@code key}. */
    void learn(int slot, int key, V value, byte[] b, int from, int to) {
        int n = to - from;
        keys[slot] = key;
        values[slot] = value;
        lengths[slot] = n;
        byte[] k = bytes[slot];
        if (k == null || k.length < n) {
            k = new byte[Math.max(n, WORDS * 8)];
            bytes[slot] = k;
        }
        System.arraycopy(b, from, k, 0, n);
        int w = slot * WORDS;
        for (int i = 0; i < WORDS; i++) {
            int have = Math.min(8, Math.max(0, n - 8 * i)); // bytes of this word that count
            long m = have == 8 ? -1L : (1L << (8 * have)) - 1;
            masks[w + i] = m;
            words[w + i] = have == 0 ? 0 : (long) LONGS.get(k, 8 * i) & m;
        }
    }
}
