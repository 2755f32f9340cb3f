package io.kcs.cilium.rules.hubble;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bounded map from short byte strings to values (a {@link ByteKeyTable}): what a {@link FastJsonTokens} read from
 * the same bytes before (field names, labels, addresses; endpoints are in an {@link ObjectCache}). Keys of up to 16
 * bytes compare as two words. Not API; mutable and not thread-safe (one per reader).
 *
 * @param <V> the value type
 */
final class ByteCache<V> extends ByteKeyTable {

    private final int[] lengths;
    private final long[] words0;
    private final long[] words1;
    // the key of the last get() that missed, for put()
    private byte[] missBytes;
    private int missFrom;
    private int missTo;
    private int missHash;
    private long missWord0;
    private long missWord1;

    /** A cache of at most {@code maxEntries} (a power of two) keys of at most {@code maxKeyLength} bytes. */
    ByteCache(int maxEntries, int maxKeyLength) {
        super(maxEntries, maxKeyLength);
        this.lengths = new int[maxEntries * 2];
        this.words0 = new long[maxEntries * 2];
        this.words1 = new long[maxEntries * 2];
    }

    /** The value for {@code b[from, to)}, null when there is none (then {@link #put} stores one for that key). */
    @SuppressWarnings("unchecked")
    V get(byte[] b, int from, int to) {
        missBytes = null;
        int n = to - from;
        if (n > maxKeyLength) {
            return null;
        }
        // the first 16 bytes as two words (zero beyond the key): keys of up to 16 bytes compare as words
        long w0;
        long w1;
        if (from + 16 <= b.length) {
            w0 = (long) LONGS.get(b, from);
            w1 = (long) LONGS.get(b, from + 8);
            if (n < 16) {
                if (n <= 8) {
                    w0 &= n == 8 ? -1L : (1L << (8 * n)) - 1;
                    w1 = 0;
                } else {
                    w1 &= (1L << (8 * (n - 8))) - 1;
                }
            }
        } else {
            w0 = 0;
            w1 = 0;
            for (int i = 0; i < n && i < 16; i++) {
                long x = (long) (b[from + i] & 0xFF) << (8 * (i & 7));
                if (i < 8) {
                    w0 |= x;
                } else {
                    w1 |= x;
                }
            }
        }
        int h = n <= 16 ? mix(w0, w1, n) : hash(b, from, to);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            byte[] k = keys[slot];
            if (k == null) {
                break;
            }
            if (hashes[slot] == h && lengths[slot] == n && words0[slot] == w0 && words1[slot] == w1
                    && (n <= 16 || Arrays.equals(k, 16, n, b, from + 16, to))) {
                return (V) values[slot];
            }
        }
        missBytes = b;
        missFrom = from;
        missTo = to;
        missHash = h;
        missWord0 = w0;
        missWord1 = w1;
        return null;
    }

    private static int mix(long w0, long w1, int n) {
        long h = (w0 * 0x9E37_79B9_7F4A_7C15L + n) ^ w1 * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h ^ h >>> 29 ^ h >>> 47);
    }

    /** Stores {@code value} for the key of the last {@link #get} that missed (nothing when the key was too long). */
    void put(V value) {
        if (missBytes == null) {
            return;
        }
        int slot = store(missHash, missBytes, missFrom, missTo, value);
        lengths[slot] = missTo - missFrom;
        words0[slot] = missWord0;
        words1[slot] = missWord1;
        missBytes = null;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A hash of {@code b[from, to)}, eight bytes at a time. */
    static int hash(byte[] b, int from, int to) {
        int n = to - from;
        long h = n * 0x9E37_79B9_7F4A_7C15L;
        if (n >= 8) {
            int i = from;
            for (; i <= to - 8; i += 8) {
                h = (h ^ (long) LONGS.get(b, i)) * 0xC2B2_AE3D_27D4_EB4FL;
            }
            if (i < to) {
                h = (h ^ (long) LONGS.get(b, to - 8)) * 0xC2B2_AE3D_27D4_EB4FL; // the last 8, overlapping
            }
        } else {
            long w = 0;
            for (int i = from; i < to; i++) {
                w = w << 8 | (b[i] & 0xFF);
            }
            h = (h ^ w) * 0xC2B2_AE3D_27D4_EB4FL;
        }
        return (int) (h ^ h >>> 29 ^ h >>> 47);
    }
}
