package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The labels of Kubernetes Services, by namespace and name. Hubble flows name the Service a connection went through
 * ({@code destination_service {name, namespace}}) but not its labels, which {@code service:ns|labels} exceptions
 * match; this catalog supplies them. A Service missing from the catalog is known by name only: its backends are
 * still pods of its namespace (matched by {@code endpoint:ns}), and {@link ProfileLearner} suggests
 * {@code endpoint:ns} for them.
 *
 * <pre>{@code
 * ServiceCatalog c = ServiceCatalog.empty().with("shop", "db", Map.of("app", "db"));
 * c.labels("shop", "db");   // Optional[{app=db}]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param services labels by {@code namespace/name}
 */
public record ServiceCatalog(Map<String, Map<String, String>> services) {

    private static final ServiceCatalog EMPTY = new ServiceCatalog(Map.of());

    /** @throws IllegalArgumentException when a key is not {@code namespace/name} or a label is invalid */
    public ServiceCatalog {
        TreeMap<String, Map<String, String>> out = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> e : services.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "key");
            int slash = key.indexOf('/');
            if (slash < 0 || K8sNames.checkNamespace(key, 0, slash) != null
                    || K8sNames.checkNamespace(key, slash + 1, key.length()) != null) {
                throw new IllegalArgumentException("a service is named namespace/name (RFC 1123 labels), not "
                        + Text.quote(key));
            }
            TreeMap<String, String> labels = new TreeMap<>();
            for (Map.Entry<String, String> l : e.getValue().entrySet()) {
                String k = l.getKey();
                String v = l.getValue();
                String r = K8sNames.checkLabelKey(k, 0, k.length());
                if (r == null) {
                    r = K8sNames.checkLabelValue(v, 0, v.length());
                }
                if (r != null) {
                    throw new IllegalArgumentException("invalid label " + Text.quote(k) + "=" + Text.quote(v)
                            + " of service " + key + ": " + r);
                }
                labels.put(k, v);
            }
            out.put(key, Collections.unmodifiableMap(labels));
        }
        services = Collections.unmodifiableMap(out);
    }

    /** A catalog without services. */
    public static ServiceCatalog empty() {
        return EMPTY;
    }

    /** This catalog with the Service {@code namespace/name} carrying {@code labels}. */
    public ServiceCatalog with(String namespace, String name, Map<String, String> labels) {
        TreeMap<String, Map<String, String>> m = new TreeMap<>(services);
        m.put(namespace + "/" + name, labels);
        return new ServiceCatalog(m);
    }

    /** The labels of Service {@code namespace/name}, when known. */
    public Optional<Map<String, String>> labels(String namespace, String name) {
        return Optional.ofNullable(services.get(namespace + "/" + name));
    }
}
