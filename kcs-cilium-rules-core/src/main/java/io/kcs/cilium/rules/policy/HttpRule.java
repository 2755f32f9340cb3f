package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP L7 rule (Cilium's {@code PortRuleHTTP}), kept as data: every given part must match (AND); the rules of a
 * port rule are alternatives (OR). {@code method}, {@code path} and {@code host} are Envoy (RE2) regular
 * expressions, anchored; this type does not compile or check them (the policy reader does).
 *
 * <pre>{@code
 * HttpRule.of("GET", "/api/.*").toString();   // "http{method=\"GET\" path=\"/api/.*\"}"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param method the method regex; empty: any method
 * @param path the path regex; empty: any path
 * @param host the host regex; empty: any host
 * @param headers headers that must be present, {@code Name} or {@code Name: value}, in written order
 * @param headerMatches header matches, in written order
 */
public record HttpRule(Optional<String> method, Optional<String> path, Optional<String> host, List<String> headers,
        List<HeaderMatch> headerMatches) {

    /** Copies the lists. */
    public HttpRule {
        Checks.optionalText(method, "method");
        Checks.optionalText(path, "path");
        Checks.optionalText(host, "host");
        headers = Checks.list(headers, "headers");
        headers.forEach(h -> Checks.text(h, "header"));
        headerMatches = Checks.list(headerMatches, "headerMatches");
    }

    /** A rule on method and path; empty text means "not given". */
    public static HttpRule of(String method, String path) {
        return new HttpRule(nonEmpty(method), nonEmpty(path), Optional.empty(), List.of(), List.of());
    }

    private static Optional<String> nonEmpty(String s) {
        return Objects.requireNonNull(s, "text").isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Whether the rule has no condition (it allows every request). */
    public boolean isEmpty() {
        return method.isEmpty() && path.isEmpty() && host.isEmpty() && headers.isEmpty() && headerMatches.isEmpty();
    }

    @Override
    public String toString() {
        Collection<String> parts = new ArrayList<>();
        method.ifPresent(m -> parts.add("method=" + Checks.quote(m)));
        path.ifPresent(p -> parts.add("path=" + Checks.quote(p)));
        host.ifPresent(h -> parts.add("host=" + Checks.quote(h)));
        if (!headers.isEmpty()) {
            parts.add("headers=" + headers.stream().map(Checks::quote).toList());
        }
        if (!headerMatches.isEmpty()) {
            parts.add("headerMatches=" + headerMatches);
        }
        return "http{" + String.join(" ", parts) + "}";
    }
}
