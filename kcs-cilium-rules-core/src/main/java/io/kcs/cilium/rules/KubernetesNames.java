package io.kcs.cilium.rules;

import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes name syntax, the one validator used everywhere in this library: by the parser and {@link EndpointRule} /
 * {@link ServiceRule} for namespaces, by the evaluator's peers, and by the fabric8 mapper for a policy's namespace and
 * name.
 *
 * <ul>
 *   <li>a <b>namespace</b> is an RFC 1123 label: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most
 *       {@value #MAX_NAMESPACE_LENGTH} characters ({@code shop}, not {@code shop.prod} nor {@code Shop});
 *   <li>an <b>object name</b> (such as a CiliumNetworkPolicy's {@code metadata.name}) is an RFC 1123 subdomain:
 *       dot-separated RFC 1123 labels, at most {@value #MAX_OBJECT_NAME_LENGTH} characters ({@code web-profile},
 *       {@code web.profile}, not {@code web..profile}).
 * </ul>
 *
 * <p>What it does not do: no label keys or values (see {@link ServiceRule}), no check that a namespace exists.
 *
 * <pre>{@code
 * KubernetesNames.isValidNamespace("shop.prod");          // false
 * KubernetesNames.namespaceProblem("Shop");               // Optional[namespace must be lower case, found 'S' ...]
 * String ns = KubernetesNames.requireNamespace("shop");   // "shop"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class KubernetesNames {

    /** Longest namespace (an RFC 1123 label). */
    public static final int MAX_NAMESPACE_LENGTH = K8sNames.MAX_NAMESPACE;
    /** Longest object name (an RFC 1123 subdomain). */
    public static final int MAX_OBJECT_NAME_LENGTH = K8sNames.MAX_SUBDOMAIN;

    private KubernetesNames() {}

    /**
     * Why {@code namespace} is not a valid namespace; empty when it is.
     *
     * @throws NullPointerException when the argument is null
     */
    public static Optional<String> namespaceProblem(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return Optional.ofNullable(K8sNames.checkNamespace(namespace, 0, namespace.length()));
    }

    /**
     * Why {@code name} is not a valid object name; empty when it is.
     *
     * @throws NullPointerException when the argument is null
     */
    public static Optional<String> objectNameProblem(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(K8sNames.checkSubdomain(name, 0, name.length(), "name"));
    }

    /** Whether {@code namespace} is a valid namespace ({@code null} is not). */
    public static boolean isValidNamespace(String namespace) {
        return namespace != null && namespaceProblem(namespace).isEmpty();
    }

    /** Whether {@code name} is a valid object name ({@code null} is not). */
    public static boolean isValidObjectName(String name) {
        return name != null && objectNameProblem(name).isEmpty();
    }

    /**
     * {@code namespace} itself when it is a valid namespace.
     *
     * @throws IllegalArgumentException naming the text and the reason when it is not
     * @throws NullPointerException when the argument is null
     */
    public static String requireNamespace(String namespace) {
        Optional<String> problem = namespaceProblem(namespace);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("invalid namespace " + Text.quote(namespace) + ": " + problem.get());
        }
        return namespace;
    }

    /**
     * {@code name} itself when it is a valid object name.
     *
     * @throws IllegalArgumentException naming the text and the reason when it is not
     * @throws NullPointerException when the argument is null
     */
    public static String requireObjectName(String name) {
        Optional<String> problem = objectNameProblem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("invalid name " + Text.quote(name) + ": " + problem.get());
        }
        return name;
    }

    /**
     * Why {@code key} is not a valid Kubernetes label key (an optional DNS-subdomain prefix of at most 253 characters
     * and {@code /}, then a name of at most 63 letters, digits, {@code -}, {@code _} and {@code .}, starting and
     * ending with a letter or digit); empty when it is. The rule {@code service:} labels are checked with.
     *
     * @throws NullPointerException when the argument is null
     */
    public static Optional<String> labelKeyProblem(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(K8sNames.checkLabelKey(key, 0, key.length()));
    }

    /**
     * Why {@code value} is not a valid Kubernetes label value (empty, or a name as in a key); empty when it is.
     *
     * @throws NullPointerException when the argument is null
     */
    public static Optional<String> labelValueProblem(String value) {
        Objects.requireNonNull(value, "value");
        return Optional.ofNullable(K8sNames.checkLabelValue(value, 0, value.length()));
    }

    /**
     * {@code text} in double quotes as diagnostics show offending text: {@code "} and backslash escaped, anything
     * outside printable ASCII as a Java-style escape (backslash, {@code u}, four hex digits), cut after 64
     * characters with {@code …}.
     */
    public static String quote(CharSequence text) {
        return Text.quote(Objects.requireNonNull(text, "text"));
    }
}
