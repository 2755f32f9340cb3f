package io.kcs.cilium.rules.hubble;

import java.util.Arrays;

/**
 * A bounded map from the text of JSON objects to what was read from them (the endpoints of a {@link FastJsonTokens}),
 * found from the start of an object without first looking for its end: a JSON object ends at its own closing brace,
 * so when the bytes of a remembered object stand at the start of a line's object, that object is the remembered one.
 * Entries are grouped by a hash of the object's first bytes up to its first closing brace (at most
 * {@value #HEAD} bytes; those bytes always lie inside the object), so finding one costs a hash of a few words and a
 * compare of the candidates' bytes. A {@link ByteKeyTable}.
 *
 * <p>What it does not do: it does not check that a key is a complete JSON object; the caller puts only objects it
 * read whole. Not API; mutable and not thread-safe (one per reader).
 *
 * @param <V> the value type
 */
final class ObjectCache<V> extends ByteKeyTable {

    /** The most bytes of an object's start that are hashed. */
    static final int HEAD = 32;

    private int matched; // the length of the key the last find() returned
    private byte[] matchedKey; // that key

    /** A cache of at most {@code maxEntries} (a power of two) objects of at most {@code maxKeyLength} bytes. */
    ObjectCache(int maxEntries, int maxKeyLength) {
        super(maxEntries, maxKeyLength);
    }

    /**
     * The value of the remembered object whose bytes stand at {@code b[from, ...)} (not beyond {@code end}), null
     * when none does; {@link #matchedLength()} is then the length of its text.
     */
    @SuppressWarnings("unchecked")
    V find(byte[] b, int from, int end) {
        int h = head(b, from, end);
        int room = end - from;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            byte[] k = keys[slot];
            if (k == null) {
                return null;
            }
            if (hashes[slot] == h && k.length <= room && Arrays.equals(k, 0, k.length, b, from, from + k.length)) {
                matched = k.length;
                matchedKey = k;
                return (V) values[slot];
            }
        }
    }

    /** The length of the key that the last successful {@link #find} matched. */
    int matchedLength() {
        return matched;
    }

    /** The key that the last successful {@link #find} matched (not to be changed). */
    byte[] matchedKey() {
        return matchedKey;
    }

    /** Remembers {@code value} for the object {@code b[from, to)}: false (nothing done) when it is too long. */
    boolean put(byte[] b, int from, int to, V value) {
        if (to - from > maxKeyLength) {
            return false;
        }
        store(head(b, from, to), b, from, to, value);
        return true;
    }

    /**
     * A hash of {@code b[from, ...)} up to and with the first {@code '}'}, at most {@value #HEAD} bytes and not
     * beyond {@code end}: the same for an object and for any text that starts with it.
     */
    static int head(byte[] b, int from, int end) {
        int to = Math.min(end, from + HEAD);
        for (int i = from; i < to; i++) {
            if (b[i] == '}') {
                to = i + 1;
                break;
            }
        }
        return ByteCache.hash(b, from, to);
    }
}
