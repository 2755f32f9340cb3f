package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rules} of a {@link PortRule} (Cilium's {@code L7Rules}), kept as data for a later engine: HTTP, Kafka,
 * DNS, or a generic L7 parser ({@code l7proto} with key/value rules, Cilium 1.16–1.19). Cilium allows one kind per
 * port rule (the policy reader checks); this record holds whatever was written. Rules of one kind are alternatives
 * (OR); their written order is kept.
 *
 * <pre>{@code
 * L7Rules.dns(List.of(DnsRule.matchPattern("*"))).toString();   // "rules{dns=[dns{matchPattern=\"*\"}]}"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param http HTTP rules
 * @param kafka Kafka rules
 * @param dns DNS rules
 * @param l7Proto the generic L7 parser's name
 * @param l7 the generic rules, each a key/value map (sorted by key)
 */
public record L7Rules(List<HttpRule> http, List<KafkaRule> kafka, List<DnsRule> dns, Optional<String> l7Proto,
        List<Map<String, String>> l7) {

    private static final L7Rules EMPTY = new L7Rules(List.of(), List.of(), List.of(), Optional.empty(), List.of());

    /** Copies the lists; the generic maps are copied sorted by key. */
    public L7Rules {
        http = Checks.list(http, "http");
        kafka = Checks.list(kafka, "kafka");
        dns = Checks.list(dns, "dns");
        Checks.optionalText(l7Proto, "l7proto");
        List<Map<String, String>> copy = new ArrayList<>();
        for (Map<String, String> m : Checks.list(l7, "l7")) {
            copy.add(Checks.sortedMap(m, "l7 rule"));
        }
        l7 = List.copyOf(copy);
    }

    /** No rules. */
    public static L7Rules empty() {
        return EMPTY;
    }

    /** HTTP rules only. */
    public static L7Rules http(List<HttpRule> rules) {
        return new L7Rules(rules, List.of(), List.of(), Optional.empty(), List.of());
    }

    /** DNS rules only. */
    public static L7Rules dns(List<DnsRule> rules) {
        return new L7Rules(List.of(), List.of(), rules, Optional.empty(), List.of());
    }

    /** Whether there is no rule of any kind (Cilium's {@code L7Rules.IsEmpty}). */
    public boolean isEmpty() {
        return http.isEmpty() && kafka.isEmpty() && dns.isEmpty() && l7Proto.isEmpty() && l7.isEmpty();
    }

    /** Whether there are DNS rules. */
    public boolean hasDns() {
        return !dns.isEmpty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!http.isEmpty()) {
            parts.add("http=" + http);
        }
        if (!kafka.isEmpty()) {
            parts.add("kafka=" + kafka);
        }
        if (!dns.isEmpty()) {
            parts.add("dns=" + dns);
        }
        l7Proto.ifPresent(p -> parts.add("l7proto=" + Checks.quote(p)));
        if (!l7.isEmpty()) {
            parts.add("l7=" + l7);
        }
        return "rules{" + String.join(" ", parts) + "}";
    }
}
