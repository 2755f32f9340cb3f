package io.kcs.cilium.rules.policy;

import java.util.Objects;

/**
 * What a policy rule applies to: the endpoints its {@code endpointSelector} selects, or (CCNP host policies) the
 * nodes its {@code nodeSelector} selects. Cilium's {@code Rule} has exactly one of the two.
 *
 * <pre>{@code
 * Subject.endpoints(LabelSelector.of(Map.of("app", "web"))).toString();   // "endpointSelector={any:app=web}"
 * Subject.nodes(LabelSelector.all()).isHostPolicy();                       // true
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param kind endpoint or node selector
 * @param selector the selector (after Cilium's rewriting, e.g. the policy's namespace added for a CNP)
 */
public record Subject(Kind kind, LabelSelector selector) {

    /** The two kinds of subject. */
    public enum Kind {
        /** {@code endpointSelector}: pods and other endpoints. */
        ENDPOINT_SELECTOR("endpointSelector"),
        /** {@code nodeSelector}: nodes (a host policy; CCNP only). */
        NODE_SELECTOR("nodeSelector");

        private final String fieldName;

        Kind(String fieldName) {
            this.fieldName = fieldName;
        }

        /** The policy field, {@code endpointSelector} or {@code nodeSelector}. */
        public String fieldName() {
            return fieldName;
        }
    }

    /** Checks for nulls. */
    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(selector, "selector");
    }

    /** An {@code endpointSelector} subject. */
    public static Subject endpoints(LabelSelector selector) {
        return new Subject(Kind.ENDPOINT_SELECTOR, selector);
    }

    /** A {@code nodeSelector} subject. */
    public static Subject nodes(LabelSelector selector) {
        return new Subject(Kind.NODE_SELECTOR, selector);
    }

    /** Whether this is a host policy ({@code nodeSelector}). */
    public boolean isHostPolicy() {
        return kind == Kind.NODE_SELECTOR;
    }

    /** {@code endpointSelector=...} or {@code nodeSelector=...}. */
    @Override
    public String toString() {
        return kind.fieldName() + "=" + selector;
    }
}
