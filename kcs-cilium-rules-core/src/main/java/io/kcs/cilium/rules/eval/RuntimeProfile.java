package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Direction;

import io.kcs.cilium.rules.RuleSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A workload's runtime-profile network restrictions: for each direction, either unrestricted (everything allowed) or
 * restricted with a list of exceptions (everything else blocked). A restricted direction with an empty list blocks
 * everything (Cilium's default-deny idiom {@code egress: [{}]}).
 *
 * <pre>{@code
 * RuntimeProfile p = RuntimeProfile.builder()
 *         .restrictEgress(RuleSet.parse("entity:kube-apiserver, *.example.com"))
 *         .build();
 * p.ingressExceptions();   // Optional.empty(): ingress unrestricted
 * }</pre>
 *
 * <p>What it does not do: it does not validate the rules against an agent configuration; see
 * {@link PolicyEvaluator#compile}. Immutable and thread-safe; the builder is not thread-safe.
 */
public final class RuntimeProfile {

    private static final RuntimeProfile UNRESTRICTED = new RuntimeProfile(null, null);

    private final RuleSet ingress;
    private final RuleSet egress;

    private RuntimeProfile(RuleSet ingress, RuleSet egress) {
        this.ingress = ingress;
        this.egress = egress;
    }

    /** A builder with both directions unrestricted. */
    public static Builder builder() {
        return new Builder();
    }

    /** A profile restricting nothing. */
    public static RuntimeProfile unrestricted() {
        return UNRESTRICTED;
    }

    /** The ingress exceptions when ingress is restricted; empty when ingress is unrestricted. */
    public Optional<RuleSet> ingressExceptions() {
        return Optional.ofNullable(ingress);
    }

    /** The egress exceptions when egress is restricted; empty when egress is unrestricted. */
    public Optional<RuleSet> egressExceptions() {
        return Optional.ofNullable(egress);
    }

    /** The exceptions of {@code direction} when it is restricted. */
    public Optional<RuleSet> exceptions(Direction direction) {
        return Optional.ofNullable(direction == Direction.INGRESS ? ingress : egress);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeProfile p && Objects.equals(p.ingress, ingress) && Objects.equals(p.egress, egress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ingress, egress);
    }

    @Override
    public String toString() {
        return "RuntimeProfile[ingress=" + (ingress == null ? "unrestricted" : "[" + ingress + "]") + ", egress="
                + (egress == null ? "unrestricted" : "[" + egress + "]") + "]";
    }

    /** Builds a {@link RuntimeProfile}. Not thread-safe. */
    public static final class Builder {
        private RuleSet ingress;
        private RuleSet egress;

        private Builder() {}

        /** Restricts ingress to {@code exceptions} (an empty set blocks all ingress). */
        public Builder restrictIngress(RuleSet exceptions) {
            this.ingress = Objects.requireNonNull(exceptions, "exceptions");
            return this;
        }

        /** Restricts egress to {@code exceptions} (an empty set blocks all egress). */
        public Builder restrictEgress(RuleSet exceptions) {
            this.egress = Objects.requireNonNull(exceptions, "exceptions");
            return this;
        }

        /** Makes ingress unrestricted again. */
        public Builder unrestrictIngress() {
            this.ingress = null;
            return this;
        }

        /** Makes egress unrestricted again. */
        public Builder unrestrictEgress() {
            this.egress = null;
            return this;
        }

        /** The profile. */
        public RuntimeProfile build() {
            return ingress == null && egress == null ? UNRESTRICTED : new RuntimeProfile(ingress, egress);
        }
    }
}
