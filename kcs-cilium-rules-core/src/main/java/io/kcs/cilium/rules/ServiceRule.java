package io.kcs.cilium.rules;

import com.google.common.collect.ImmutableSortedMap;
import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An exception for Kubernetes services of one namespace, optionally narrowed by service labels, written
 * {@code service:<namespace>} or {@code service:<namespace>|<key>=<value>,<key>}.
 *
 * <p>Labels are matched as a Kubernetes label selector on the <em>Service's</em> labels: {@code key=value} requires
 * that value ({@code key=} requires the empty value), a key alone requires only that the key exists ({@code Exists}).
 * In Cilium (egress) this is {@code toServices: [{k8sServiceSelector: {namespace, selector}}]}; Cilium then allows
 * the pods backing each matching service. Cilium has no {@code fromServices}: for ingress the mapping uses the pods
 * of the namespace whose <em>pod</em> labels match, and says so with a warning.
 *
 * <p>Canonical text writes labels sorted by key, except that a key-only label whose key has a dot but no prefix
 * ({@code foo.bar}), or whose prefix is made only of digits and dots ({@code 10.0/x}), goes first: later in the list
 * such an item would be read as an entry of its own (an FQDN or a CIDR). For the same reason a rule may hold at most
 * one such label; the constructor rejects a second one.
 *
 * <pre>{@code
 * ServiceRule s = new ServiceRule("shop", Map.of("app", Optional.of("web"), "tier", Optional.empty()));
 * s.toString();  // "service:shop|app=web,tier"
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #labels()} is an immutable map ordered by key.
 *
 * @param namespace the services' namespace (RFC 1123 label)
 * @param labels label key to required value; an empty {@code Optional} means "key exists"
 */
public record ServiceRule(String namespace, Map<String, Optional<String>> labels) implements Rule {

    /**
     * @throws NullPointerException when an argument, a key or a value is null
     * @throws IllegalArgumentException when the namespace, a key or a value is not valid Kubernetes syntax, or when
     *     more than one key-only label has a dotted key without prefix or a digits-and-dots prefix (the
     *     exception-list grammar cannot write it)
     */
    public ServiceRule {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(labels, "labels");
        String reason = K8sNames.checkNamespace(namespace, 0, namespace.length());
        if (reason != null) {
            throw new IllegalArgumentException("invalid namespace " + Text.quote(namespace) + ": " + reason);
        }
        labels = ImmutableSortedMap.copyOf(labels);
        int dottedKeyOnly = 0;
        for (Map.Entry<String, Optional<String>> e : labels.entrySet()) {
            String key = e.getKey();
            String keyReason = K8sNames.checkLabelKey(key, 0, key.length());
            if (keyReason != null) {
                throw new IllegalArgumentException("invalid label key " + Text.quote(key) + ": " + keyReason);
            }
            Optional<String> value = Objects.requireNonNull(e.getValue(), "label value");
            if (value.isPresent()) {
                String v = value.get();
                String valueReason = K8sNames.checkLabelValue(v, 0, v.length());
                if (valueReason != null) {
                    throw new IllegalArgumentException("invalid value " + Text.quote(v) + " of label " + key + ": "
                            + valueReason);
                }
            } else if (K8sNames.mustComeFirstWhenKeyOnly(key) && ++dottedKeyOnly > 1) {
                throw new IllegalArgumentException("a service rule can hold at most one key-only label with a dotted"
                        + " key and no prefix or a digits-and-dots prefix (the exception-list grammar reads a second one"
                        + " as an entry of its own): " + labels.keySet());
            }
        }
    }

    /** A rule for every service of {@code namespace}. */
    public static ServiceRule of(String namespace) {
        return new ServiceRule(namespace, Map.of());
    }

    /** A rule for the services of {@code namespace} carrying every {@code key=value} of {@code matchLabels}. */
    public static ServiceRule withLabels(String namespace, Map<String, String> matchLabels) {
        ImmutableSortedMap.Builder<String, Optional<String>> b = ImmutableSortedMap.naturalOrder();
        matchLabels.forEach((k, v) -> b.put(k, Optional.of(v)));
        return new ServiceRule(namespace, b.build());
    }

    /**
     * {@code service:<namespace>}, then {@code |} and the labels joined by {@code ,} when there are any (a key-only
     * label that must come first, first; the rest by key).
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(32).append("service:").append(namespace);
        if (labels.isEmpty()) {
            return b.toString();
        }
        b.append('|');
        boolean first = true;
        for (Map.Entry<String, Optional<String>> e : labels.entrySet()) {
            if (e.getValue().isEmpty() && K8sNames.mustComeFirstWhenKeyOnly(e.getKey())) {
                b.append(e.getKey());
                first = false;
            }
        }
        for (Map.Entry<String, Optional<String>> e : labels.entrySet()) {
            if (e.getValue().isEmpty() && K8sNames.mustComeFirstWhenKeyOnly(e.getKey())) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(e.getKey());
            e.getValue().ifPresent(v -> b.append('=').append(v));
        }
        return b.toString();
    }
}
