package io.kcs.cilium.rules.hubble;

import java.util.Arrays;

/**
 * The open-addressing table under {@link ByteCache} and {@link ObjectCache}: keys (copied bytes), their hashes and
 * values in twice as many slots as entries, probed linearly from the hash; emptied when full, so its memory is
 * bounded. Not API; mutable and not thread-safe (one per reader).
 */
abstract class ByteKeyTable {

    final int maxEntries;
    final int maxKeyLength;
    final int mask;
    final byte[][] keys;
    final int[] hashes;
    final Object[] values;
    private int size;

    /** A table of at most {@code maxEntries} (a power of two) keys of at most {@code maxKeyLength} bytes. */
    ByteKeyTable(int maxEntries, int maxKeyLength) {
        this.maxEntries = maxEntries;
        this.maxKeyLength = maxKeyLength;
        this.mask = maxEntries * 2 - 1;
        this.keys = new byte[maxEntries * 2][];
        this.hashes = new int[maxEntries * 2];
        this.values = new Object[maxEntries * 2];
    }

    /**
     * Stores {@code value} for the key {@code b[from, to)} of hash {@code hash} (emptying the table first when it is
     * full): the slot it took.
     */
    final int store(int hash, byte[] b, int from, int to, Object value) {
        if (size == maxEntries) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            size = 0;
        }
        int slot = hash & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = Arrays.copyOfRange(b, from, to);
        hashes[slot] = hash;
        values[slot] = value;
        size++;
        return slot;
    }

    /** Entries held. */
    final int size() {
        return size;
    }
}
