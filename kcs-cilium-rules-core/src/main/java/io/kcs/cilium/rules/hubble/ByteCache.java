package io.kcs.cilium.rules.hubble;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bounded map from short byte strings to values (open addressing, linear probing), emptied when full: what a
 * {@link FastJsonTokens} read from the same bytes before (field names, labels, addresses, endpoints). The key is
 * copied on insertion. Not API; mutable and not thread-safe (one per reader).
 *
 * @param <V> the value type
 */
final class ByteCache<V> {

    private final int maxEntries;
    private final int maxKeyLength;
    private final int mask;
    private final byte[][] keys;
    private final int[] hashes;
    private final Object[] values;
    private int size;
    // the key of the last get() that missed, for put()
    private byte[] missBytes;
    private int missFrom;
    private int missTo;
    private int missHash;

    /** A cache of at most {@code maxEntries} (a power of two) keys of at most {@code maxKeyLength} bytes. */
    ByteCache(int maxEntries, int maxKeyLength) {
        this.maxEntries = maxEntries;
        this.maxKeyLength = maxKeyLength;
        this.mask = maxEntries * 2 - 1;
        this.keys = new byte[maxEntries * 2][];
        this.hashes = new int[maxEntries * 2];
        this.values = new Object[maxEntries * 2];
    }

    /** The value for {@code b[from, to)}, null when there is none (then {@link #put} stores one for that key). */
    @SuppressWarnings("unchecked")
    V get(byte[] b, int from, int to) {
        missBytes = null;
        if (to - from > maxKeyLength) {
            return null;
        }
        int h = hash(b, from, to);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            byte[] k = keys[slot];
            if (k == null) {
                break;
            }
            if (hashes[slot] == h && Arrays.equals(k, 0, k.length, b, from, to)) {
                return (V) values[slot];
            }
        }
        missBytes = b;
        missFrom = from;
        missTo = to;
        missHash = h;
        return null;
    }

    /** Stores {@code value} for the key of the last {@link #get} that missed (nothing when the key was too long). */
    void put(V value) {
        if (missBytes == null) {
            return;
        }
        if (size == maxEntries) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            size = 0;
        }
        int slot = missHash & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = Arrays.copyOfRange(missBytes, missFrom, missTo);
        hashes[slot] = missHash;
        values[slot] = value;
        size++;
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

    /** Entries held. */
    int size() {
        return size;
    }
}
