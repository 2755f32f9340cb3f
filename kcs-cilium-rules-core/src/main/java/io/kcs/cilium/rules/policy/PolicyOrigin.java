package io.kcs.cilium.rules.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a {@link PolicyRule} comes from: the policy object (kind, namespace, name), the rule's place in it
 * ({@code spec}, or {@code specs[i]}), and the rule's own {@code labels} and {@code description}.
 *
 * <p>The rule's {@code labels} are kept as written, in written order (Cilium adds the policy's derived labels such
 * as {@code k8s:io.cilium.k8s.policy.name} separately; the reader may add them here and says so).
 *
 * <pre>{@code
 * PolicyOrigin o = PolicyOrigin.of(PolicyKind.CNP, Optional.of("shop"), "allow-web", OptionalInt.of(2));
 * o.path();       // "specs[2]"
 * o.toString();   // "CiliumNetworkPolicy shop/allow-web specs[2]"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param kind CNP or CCNP
 * @param namespace the namespace: present for a CNP, empty for a CCNP
 * @param name the policy's name, non-empty
 * @param specsIndex the index in {@code specs}; empty for the rule of {@code spec}
 * @param labels the rule's {@code labels}
 * @param description the rule's {@code description}, when given
 */
public record PolicyOrigin(PolicyKind kind, Optional<String> namespace, String name, OptionalInt specsIndex,
        List<Label> labels, Optional<String> description) {

    /**
     * @throws IllegalArgumentException when a CNP has no namespace or a CCNP has one, the name is empty or over 253
     *     characters, or the index is negative
     */
    public PolicyOrigin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        namespace.ifPresent(ns -> Checks.nonEmpty(ns, "namespace", 253));
        if (kind.isNamespaced() != namespace.isPresent()) {
            throw new IllegalArgumentException(kind.kindName() + (kind.isNamespaced()
                    ? " needs a namespace" : " has no namespace, got " + namespace.get()));
        }
        Checks.nonEmpty(name, "name", 253);
        Objects.requireNonNull(specsIndex, "specsIndex");
        if (specsIndex.isPresent() && specsIndex.getAsInt() < 0) {
            throw new IllegalArgumentException("specs index " + specsIndex.getAsInt() + " is negative");
        }
        labels = Checks.list(labels, "labels");
        Checks.optionalText(description, "description");
    }

    /** An origin without rule labels or description. */
    public static PolicyOrigin of(PolicyKind kind, Optional<String> namespace, String name, OptionalInt specsIndex) {
        return new PolicyOrigin(kind, namespace, name, specsIndex, List.of(), Optional.empty());
    }

    /** A copy with these rule labels and description. */
    public PolicyOrigin withRuleMetadata(List<Label> ruleLabels, Optional<String> ruleDescription) {
        return new PolicyOrigin(kind, namespace, name, specsIndex, ruleLabels, ruleDescription);
    }

    /** The JSON path of the rule in its object: {@code spec} or {@code specs[i]}. */
    public String path() {
        return specsIndex.isPresent() ? "specs[" + specsIndex.getAsInt() + "]" : "spec";
    }

    /** {@code namespace/name} or {@code name}. */
    public String qualifiedName() {
        return namespace.map(ns -> ns + "/" + name).orElse(name);
    }

    /** {@code Kind namespace/name path}. */
    @Override
    public String toString() {
        return kind.kindName() + " " + qualifiedName() + " " + path();
    }
}
