package io.kcs.cilium.rules.policy;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable string map over two parallel arrays sorted by key (natural order, no duplicates): iteration in key
 * order, lookups by binary search, {@code equals}/{@code hashCode}/{@code toString} as every {@link Map}. The map of
 * a {@link LabelSelector}'s {@code matchLabels}: cheaper to build than a {@code TreeMap} for the few entries a
 * selector has. Package-private; immutable and thread-safe (the arrays are never written after construction).
 */
final class SortedLabelMap extends AbstractMap<String, String> {

    static final SortedLabelMap EMPTY = new SortedLabelMap(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;

    /** Takes the arrays (sorted by key, no duplicate key, no null); the caller no longer writes them. */
    SortedLabelMap(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    String keyAt(int i) {
        return keys[i];
    }

    String valueAt(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    private int index(Object key) {
        return key instanceof String s ? Arrays.binarySearch(keys, s) : -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return index(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = index(key);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof SortedLabelMap other) {
            return Arrays.equals(keys, other.keys) && Arrays.equals(values, other.values);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < keys.length; i++) {
            h += keys[i].hashCode() ^ values[i].hashCode();
        }
        return h;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
