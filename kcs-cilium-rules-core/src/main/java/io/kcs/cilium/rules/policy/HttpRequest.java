package io.kcs.cilium.rules.policy;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request to trace through L7 rules ({@link PolicyEngine#trace(io.kcs.cilium.rules.eval.Peer,
 * io.kcs.cilium.rules.eval.Peer, io.kcs.cilium.rules.net.Protocol, int, java.time.Instant, HttpRequest)}): method,
 * path (with the query string, as Envoy's {@code :path}), optional host ({@code :authority}) and headers.
 *
 * <p>Header names are case-insensitive (stored lower case); at most {@link #MAX_HEADERS} headers and
 * {@link #MAX_TEXT} characters per field.
 *
 * <pre>{@code
 * HttpRequest r = HttpRequest.parse("GET /admin").withHost("shop.example.com").withHeader("X-Token", "t");
 * r.method();   // "GET"
 * }</pre>
 *
 * <p>What it does not do: no body, no HTTP parsing beyond "METHOD PATH". Immutable and thread-safe.
 *
 * @param method the request method, e.g. {@code GET}
 * @param path the request path with its query string, e.g. {@code /admin?x=1}
 * @param host the {@code Host} / {@code :authority}, when given
 * @param headers header names (lower case) to values
 */
public record HttpRequest(String method, String path, Optional<String> host, Map<String, String> headers) {

    /** At most this many characters per field. */
    public static final int MAX_TEXT = 8_192;
    /** At most this many headers. */
    public static final int MAX_HEADERS = 256;

    /** @throws IllegalArgumentException when a field is empty where it may not be, or too long */
    public HttpRequest {
        method = check(method, "method");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("HTTP method is empty");
        }
        path = check(path, "path");
        Objects.requireNonNull(host, "host");
        host.ifPresent(h -> check(h, "host"));
        Objects.requireNonNull(headers, "headers");
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException(headers.size() + " headers, more than " + MAX_HEADERS);
        }
        TreeMap<String, String> h = new TreeMap<>();
        headers.forEach((k, v) -> {
            String name = check(k, "header name").toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty header name");
            }
            h.put(name, check(v, "header value"));
        });
        headers = Collections.unmodifiableMap(h);
    }

    private static String check(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.length() > MAX_TEXT) {
            throw new IllegalArgumentException("HTTP " + what + " has " + s.length() + " characters, more than "
                    + MAX_TEXT);
        }
        return s;
    }

    /** A request without host and headers. */
    public static HttpRequest of(String method, String path) {
        return new HttpRequest(method, path, Optional.empty(), Map.of());
    }

    /**
     * Parses {@code "METHOD PATH"} (one space or more between), e.g. {@code "GET /admin"}.
     *
     * @throws IllegalArgumentException naming the text when it is not two words
     */
    public static HttpRequest parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("HTTP request \"" + (text.length() > 64 ? text.substring(0, 64) + "..."
                    : text) + "\": expected METHOD PATH, e.g. \"GET /admin\"");
        }
        return of(parts[0], parts[1]);
    }

    /** A copy with the host. */
    public HttpRequest withHost(String value) {
        return new HttpRequest(method, path, Optional.of(value), headers);
    }

    /** A copy with one more header (replacing one of the same name). */
    public HttpRequest withHeader(String name, String value) {
        TreeMap<String, String> h = new TreeMap<>(headers);
        h.put(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT), value);
        return new HttpRequest(method, path, host, h);
    }

    @Override
    public String toString() {
        return method + " " + path + host.map(h -> " (host " + h + ")").orElse("");
    }
}
