package io.kcs.cilium.rules.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ArrayList;

/**
 * L7 rule evaluation for the engine: which proxy a port rule redirects to, and whether an HTTP request or a DNS
 * query is allowed by its rules.
 *
 * <p>HTTP ({@code pkg/policy/api/http.go}, enforced by Envoy): method, path and host are RE2 regular expressions
 * matched against the whole value (Envoy {@code safe_regex}); an omitted field matches everything; {@code headers}
 * entries {@code "Name"} require the header, {@code "Name: value"} (or {@code "Name value"}) require that exact
 * value; {@code headerMatches} require the exact value unless a mismatch action is set (then a mismatch is logged or
 * rewritten, not refused). A request is allowed when one rule matches all its fields. DNS
 * ({@code pkg/policy/api/fqdn.go}): {@code matchName} exact, {@code matchPattern} with Cilium's wildcards. Kafka and
 * generic {@code l7proto} rules are reported, not evaluated. Policy regexes are compiled with RE2/J (linear time,
 * as Go's regexp), never {@code java.util.regex}, once when the engine is compiled; an invalid regex matches
 * nothing. One instance per port rule; immutable and thread-safe.
 */
final class L7 {

    private final PortRule portRule;
    private final List<CompiledHttp> http;

    L7(PortRule portRule) {
        this.portRule = portRule;
        List<CompiledHttp> list = new ArrayList<>();
        for (HttpRule h : portRule.rules().map(L7Rules::http).orElse(List.of())) {
            list.add(new CompiledHttp(h));
        }
        this.http = List.copyOf(list);
    }

    /** An HTTP rule with its regexes compiled (empty: the regex is invalid and matches nothing). */
    private static final class CompiledHttp {
        final HttpRule rule;
        final Optional<Optional<Pattern>> method;
        final Optional<Optional<Pattern>> path;
        final Optional<Optional<Pattern>> host;

        CompiledHttp(HttpRule rule) {
            this.rule = rule;
            this.method = rule.method().map(L7::compile);
            this.path = rule.path().map(L7::compile);
            this.host = rule.host().map(L7::compile);
        }
    }

    /** The proxy a port rule with L7 rules or a listener redirects to. */
    static String proxyKind(PortRule pr) {
        if (pr.listener().isPresent() && !pr.hasL7Rules()) {
            return "envoy";
        }
        L7Rules r = pr.rules().orElse(L7Rules.empty());
        if (!r.http().isEmpty()) {
            return "http";
        }
        if (!r.kafka().isEmpty()) {
            return "kafka";
        }
        if (!r.dns().isEmpty()) {
            return "dns";
        }
        return r.l7Proto().orElse("envoy");
    }

    /**
     * Whether the port rule's L7 rules allow the request: empty when refused; {@code ""} when no request is given
     * (L4 view) or the rule kind is not evaluated; otherwise the matching rule, e.g. {@code rules.http[1]}.
     */
    Optional<String> evaluate(L7Request req) {
        if (req.isNone()) {
            return Optional.of("");
        }
        L7Rules r = portRule.rules().orElse(L7Rules.empty());
        if (req.http.isPresent()) {
            if (r.http().isEmpty()) {
                return r.dns().isEmpty() && r.kafka().isEmpty() ? Optional.of("") : Optional.empty();
            }
            for (int i = 0; i < http.size(); i++) {
                if (matches(http.get(i), req.http.get())) {
                    return Optional.of("rules.http[" + i + "] " + http.get(i).rule);
                }
            }
            return Optional.empty();
        }
        if (r.dns().isEmpty()) {
            return r.http().isEmpty() && r.kafka().isEmpty() ? Optional.of("") : Optional.empty();
        }
        String name = req.dns.orElseThrow().name();
        List<DnsRule> rules = r.dns();
        for (int i = 0; i < rules.size(); i++) {
            Optional<FqdnSelector> s = rules.get(i).selector();
            if (s.isPresent() && s.get().matches(name)) {
                return Optional.of("rules.dns[" + i + "] " + rules.get(i));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(CompiledHttp c, HttpRequest req) {
        HttpRule rule = c.rule;
        if (c.method.isPresent() && !full(c.method.get(), req.method())) {
            return false;
        }
        if (c.path.isPresent() && !full(c.path.get(), req.path())) {
            return false;
        }
        if (c.host.isPresent() && (req.host().isEmpty() || !full(c.host.get(), req.host().get()))) {
            return false;
        }
        for (String h : rule.headers()) {
            if (!headerPresent(h, req)) {
                return false;
            }
        }
        for (HeaderMatch m : rule.headerMatches()) {
            if (m.mismatch().isPresent()) {
                continue;
            }
            String actual = req.headers().get(m.name().toLowerCase(Locale.ROOT));
            if (actual == null || (m.value().isPresent() && !m.value().get().equals(actual))) {
                return false;
            }
        }
        return true;
    }

    /** Cilium's header strings: "Name", "Name: value" or "Name value" (pkg/policy/api/http.go). */
    private static boolean headerPresent(String spec, HttpRequest req) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        int space = s.indexOf(' ');
        int cut = colon >= 0 ? colon : space;
        String name = (cut < 0 ? s : s.substring(0, cut)).trim().toLowerCase(Locale.ROOT);
        String actual = req.headers().get(name);
        if (actual == null) {
            return false;
        }
        return cut < 0 || actual.equals(s.substring(cut + 1).trim());
    }

    private static boolean full(Optional<Pattern> p, String input) {
        return p.isPresent() && p.get().matches(input);
    }

    private static Optional<Pattern> compile(String regex) {
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }
}
