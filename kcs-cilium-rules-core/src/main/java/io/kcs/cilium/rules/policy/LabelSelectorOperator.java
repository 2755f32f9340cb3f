package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The operator of a {@link LabelSelectorRequirement}: the four Kubernetes label-selector operators that Cilium's
 * {@code ValidateLabelSelectorRequirement} accepts in policies.
 *
 * <pre>{@code
 * LabelSelectorOperator.fromName("NotIn");   // Optional[NOT_IN]
 * LabelSelectorOperator.fromName("notin");   // Optional.empty(): names are case-sensitive
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum LabelSelectorOperator {
    /** The label exists and its value is one of the values. */
    IN("In"),
    /** The label does not exist, or its value is none of the values. */
    NOT_IN("NotIn"),
    /** The label exists (any value). */
    EXISTS("Exists"),
    /** The label does not exist. */
    DOES_NOT_EXIST("DoesNotExist");

    private final String k8sName;

    LabelSelectorOperator(String k8sName) {
        this.k8sName = k8sName;
    }

    /** The name written in a policy, e.g. {@code "NotIn"}. */
    public String k8sName() {
        return k8sName;
    }

    /** Whether the operator takes values ({@code In}, {@code NotIn}: at least one; the others: none). */
    public boolean takesValues() {
        return this == IN || this == NOT_IN;
    }

    /** The operator written {@code name} (exact, case-sensitive), or empty. */
    public static Optional<LabelSelectorOperator> fromName(String name) {
        Objects.requireNonNull(name, "name");
        for (LabelSelectorOperator op : values()) {
            if (op.k8sName.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
