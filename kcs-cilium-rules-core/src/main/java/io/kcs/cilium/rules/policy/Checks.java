package io.kcs.cilium.rules.policy;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Argument checks and normalisation shared by the policy records. Package-private, stateless. */
final class Checks {

    /** Upper bound for any free-text component (descriptions, header values, regexes): 64 KiB. */
    static final int MAX_TEXT = 65_536;

    /** Upper bound for the number of elements in any list or map component. */
    static final int MAX_ELEMENTS = 100_000;

    private Checks() {
    }

    static String text(String value, String what) {
        return text(value, what, MAX_TEXT);
    }

    static String text(String value, String what, int max) {
        Objects.requireNonNull(value, what);
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " has " + value.length() + " characters, more than " + max);
        }
        return value;
    }

    static String nonEmpty(String value, String what, int max) {
        text(value, what, max);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    static Optional<String> optionalText(Optional<String> value, String what) {
        Objects.requireNonNull(value, what);
        value.ifPresent(v -> text(v, what));
        return value;
    }

    static <T> List<T> list(Collection<? extends T> values, String what) {
        Objects.requireNonNull(values, what);
        if (values.size() > MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " has " + values.size() + " elements, more than "
                    + MAX_ELEMENTS);
        }
        // List.copyOf refuses a null element (an immutable list, which has none, is returned as it is); no
        // iteration or interface type test of our own (those cost more than the copy on the reader's path)
        try {
            return List.copyOf(values);
        } catch (NullPointerException e) {
            throw new NullPointerException(what + " contains null");
        }
    }

    /** A sorted, duplicate-free immutable copy (set-like components). */
    static <T> List<T> sortedSet(Collection<? extends T> values, Comparator<? super T> order, String what) {
        List<T> copy = list(values, what);
        int size = copy.size();
        if (size < 2) {
            return copy;
        }
        // already sorted without duplicates (the usual case): the copy is the set
        boolean ascending = true;
        for (int i = 1; i < size && ascending; i++) {
            ascending = order.compare(copy.get(i - 1), copy.get(i)) < 0;
        }
        if (ascending) {
            return copy;
        }
        @SuppressWarnings("unchecked")
        T[] arr = (T[]) copy.toArray();
        Arrays.sort(arr, order);
        int n = 1;
        for (int i = 1; i < arr.length; i++) {
            if (order.compare(arr[n - 1], arr[i]) != 0) {
                arr[n++] = arr[i];
            }
        }
        return n == arr.length ? List.of(arr) : List.of(Arrays.copyOf(arr, n));
    }

    /** A key-sorted immutable copy of a string map. */
    static Map<String, String> sortedMap(Map<String, String> values, String what) {
        Objects.requireNonNull(values, what);
        if (values.size() > MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " has " + values.size() + " entries, more than "
                    + MAX_ELEMENTS);
        }
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, () -> what + " contains a null key");
            Objects.requireNonNull(v, () -> what + " contains a null value for " + k);
            copy.put(text(k, what + " key"), text(v, what + " value"));
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
