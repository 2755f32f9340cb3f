package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.KubernetesNames;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The syntax of Cilium endpoint-selector labels ({@code matchLabels} keys and values), checked with the same rules
 * the exception-list parser applies to service labels: a key is an optional Cilium source ({@code k8s:} or
 * {@code any:}, the sources that select pods; no source means {@code any:}), then a Kubernetes label key (an optional
 * DNS-subdomain prefix of at most 253 characters and {@code /}, then a name of at most 63 characters of letters,
 * digits, {@code -}, {@code _} and {@code .}, starting and ending with a letter or digit); a value is empty or such a
 * name.
 *
 * <p>What it does not do: it does not check that a label exists on any pod, nor does it accept the
 * {@code reserved:}, {@code cidr:} or other Cilium sources, which do not select pods.
 *
 * <pre>{@code
 * EndpointSelectors.problem("app", "web");          // Optional.empty()
 * EndpointSelectors.problem("bad key", "web");      // Optional["invalid endpoint selector label \"bad key=web\": ..."]
 * EndpointSelectors.requireValid(Map.of("k8s:app", "web"));   // a sorted copy
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class EndpointSelectors {

    /**
     * WARNING diagnostic code of {@link CiliumPolicyMapper}: the endpoint selector is empty, so the policy applies to
     * every pod of the namespace (or, cluster-wide, to every endpoint of the cluster).
     */
    public static final String EMPTY = "empty-endpoint-selector";

    private EndpointSelectors() {}

    /**
     * Why {@code key=value} is not a valid endpoint-selector label, or empty when it is.
     *
     * @throws NullPointerException never: a null key or value is reported as a problem
     */
    public static Optional<String> problem(String key, String value) {
        String text = key + "=" + value;
        String label = "invalid endpoint selector label " + KubernetesNames.quote(text) + ": ";
        if (key == null || value == null) {
            return Optional.of(label + "null " + (key == null ? "key" : "value"));
        }
        String name = key;
        int colon = key.indexOf(':');
        if (colon >= 0) {
            String source = key.substring(0, colon);
            if (!source.equals("k8s") && !source.equals("any")) {
                return Optional.of(label + "unknown label source " + KubernetesNames.quote(source) + " (expected k8s: or any:, the"
                        + " sources that select pods, or no source)");
            }
            name = key.substring(colon + 1);
        }
        Optional<String> reason = KubernetesNames.labelKeyProblem(name);
        if (reason.isEmpty()) {
            reason = KubernetesNames.labelValueProblem(value);
        }
        return reason.map(r -> label + r);
    }

    /**
     * An unmodifiable sorted copy of {@code labels} after checking every label.
     *
     * @throws IllegalArgumentException naming the first invalid label (in key order) and why it is invalid
     * @throws NullPointerException when {@code labels} is null
     */
    public static Map<String, String> requireValid(Map<String, String> labels) {
        TreeMap<String, String> sorted = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator
                .<String>naturalOrder()));
        sorted.putAll(labels);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            Optional<String> p = problem(e.getKey(), e.getValue());
            if (p.isPresent()) {
                throw new IllegalArgumentException(p.get());
            }
        }
        TreeMap<String, String> copy = new TreeMap<>();
        copy.putAll(sorted);
        return java.util.Collections.unmodifiableSortedMap(copy);
    }
}
