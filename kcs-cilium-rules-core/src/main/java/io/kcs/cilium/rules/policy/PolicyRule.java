package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Cilium policy rule ({@code api.Rule}) as the agent imports it: a {@link Subject} (which endpoints or nodes it
 * applies to), its {@link PolicyOrigin}, the four sections, and the default-deny posture of each direction after
 * Cilium's defaulting ({@link DefaultDeny}).
 *
 * <p>Semantics: entries of a section are alternatives (OR); see {@link IngressRule} for how peers and ports
 * combine. Deny sections beat every allow. A direction is restricted for a selected endpoint when some rule
 * selecting it has a section for that direction with default deny on; allows of all rules are a union.
 * {@code ingress: []} is no section (Cilium counts entries). Section order is kept (diagnostics use indices).
 *
 * <p>What it does not do: it does not validate against Cilium's checks (the fabric8 module's reader does, before
 * building rules) and does not evaluate traffic.
 *
 * <pre>{@code
 * PolicyRule rule = PolicyRule.builder(Subject.endpoints(LabelSelector.of(Map.of(
 *                 "k8s:io.kubernetes.pod.namespace", "shop", "app", "web"))),
 *                 PolicyOrigin.of(PolicyKind.CNP, Optional.of("shop"), "web", OptionalInt.empty()))
 *         .ingress(List.of(IngressRule.of(Peers.builder().entities(List.of(Entity.WORLD)).build(),
 *                 List.of(PortRule.of(List.of(PortProtocol.tcp(443)))))))
 *         .defaultDeny(Optional.empty(), Optional.empty(), true)
 *         .build();
 * rule.ingressDefaultDeny().enabled();   // true (implied by the ingress section)
 * rule.egressDefaultDeny().enabled();    // false (no egress section)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (the builder is mutable and not thread-safe).
 *
 * @param subject the endpoints or nodes the rule applies to
 * @param origin where the rule comes from
 * @param ingress {@code ingress} entries
 * @param ingressDeny {@code ingressDeny} entries
 * @param egress {@code egress} entries
 * @param egressDeny {@code egressDeny} entries
 * @param ingressDefaultDeny the ingress default-deny posture after defaulting
 * @param egressDefaultDeny the egress default-deny posture after defaulting
 * @param log the {@code log.value} string, when given (Cilium 1.18+)
 */
public record PolicyRule(Subject subject, PolicyOrigin origin, List<IngressRule> ingress,
        List<IngressDenyRule> ingressDeny, List<EgressRule> egress, List<EgressDenyRule> egressDeny,
        DefaultDeny ingressDefaultDeny, DefaultDeny egressDefaultDeny, Optional<String> log) {

    /**
     * @throws IllegalArgumentException when a default-deny reason contradicts the sections ({@code IMPLIED_BY_SECTION}
     *     without a section for the direction, {@code NOT_IMPLIED} with one), or a CNP rule has a node selector
     */
    public PolicyRule {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(origin, "origin");
        ingress = Checks.list(ingress, "ingress");
        ingressDeny = Checks.list(ingressDeny, "ingressDeny");
        egress = Checks.list(egress, "egress");
        egressDeny = Checks.list(egressDeny, "egressDeny");
        Objects.requireNonNull(ingressDefaultDeny, "ingressDefaultDeny");
        Objects.requireNonNull(egressDefaultDeny, "egressDefaultDeny");
        Checks.optionalText(log, "log");
        check(ingressDefaultDeny, !ingress.isEmpty() || !ingressDeny.isEmpty(), "ingress");
        check(egressDefaultDeny, !egress.isEmpty() || !egressDeny.isEmpty(), "egress");
        if (subject.isHostPolicy() && origin.kind() == PolicyKind.CNP) {
            throw new IllegalArgumentException("a CiliumNetworkPolicy rule cannot have a nodeSelector");
        }
    }

    private static void check(DefaultDeny dd, boolean hasSection, String direction) {
        if (dd.reason() == DefaultDeny.Reason.IMPLIED_BY_SECTION && !hasSection) {
            throw new IllegalArgumentException(direction + " default deny is IMPLIED_BY_SECTION but the rule has no "
                    + direction + " section");
        }
        if (dd.reason() == DefaultDeny.Reason.NOT_IMPLIED && hasSection) {
            throw new IllegalArgumentException(direction + " default deny is NOT_IMPLIED but the rule has an "
                    + direction + " section");
        }
    }

    /** A builder for a rule of this subject and origin, with no sections and Cilium's default posture. */
    public static Builder builder(Subject subject, PolicyOrigin origin) {
        return new Builder(subject, origin);
    }

    /** A builder holding this rule's parts. */
    public Builder toBuilder() {
        Builder b = new Builder(subject, origin);
        b.ingress = ingress;
        b.ingressDeny = ingressDeny;
        b.egress = egress;
        b.egressDeny = egressDeny;
        b.ingressDefaultDeny = Optional.of(ingressDefaultDeny);
        b.egressDefaultDeny = Optional.of(egressDefaultDeny);
        b.log = log;
        return b;
    }

    /** Whether the rule has an {@code ingress} or {@code ingressDeny} entry. */
    public boolean hasIngressSection() {
        return !ingress.isEmpty() || !ingressDeny.isEmpty();
    }

    /** Whether the rule has an {@code egress} or {@code egressDeny} entry. */
    public boolean hasEgressSection() {
        return !egress.isEmpty() || !egressDeny.isEmpty();
    }

    /** Whether ingress is restricted by this rule for the endpoints it selects (a section and default deny on). */
    public boolean restrictsIngress() {
        return ingressDefaultDeny.isEffective(hasIngressSection());
    }

    /** Whether egress is restricted by this rule for the endpoints it selects. */
    public boolean restrictsEgress() {
        return egressDefaultDeny.isEffective(hasEgressSection());
    }

    /** A multi-line description: origin, subject, posture, then each entry on its own line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("rule ").append(origin).append(' ').append(subject)
                .append(" ingressDefaultDeny=").append(ingressDefaultDeny)
                .append(" egressDefaultDeny=").append(egressDefaultDeny);
        log.ifPresent(l -> sb.append(" log=").append(Checks.quote(l)));
        if (!origin.labels().isEmpty()) {
            sb.append(" labels=").append(origin.labels());
        }
        origin.description().ifPresent(d -> sb.append(" description=").append(Checks.quote(d)));
        List<Object> entries = new ArrayList<>();
        entries.addAll(ingress);
        entries.addAll(ingressDeny);
        entries.addAll(egress);
        entries.addAll(egressDeny);
        for (Object e : entries) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }

    /** A mutable builder of {@link PolicyRule}. Not thread-safe. */
    public static final class Builder {
        private final Subject subject;
        private final PolicyOrigin origin;
        private List<IngressRule> ingress = List.of();
        private List<IngressDenyRule> ingressDeny = List.of();
        private List<EgressRule> egress = List.of();
        private List<EgressDenyRule> egressDeny = List.of();
        private Optional<DefaultDeny> ingressDefaultDeny = Optional.empty();
        private Optional<DefaultDeny> egressDefaultDeny = Optional.empty();
        private Optional<Boolean> requestedIngress = Optional.empty();
        private Optional<Boolean> requestedEgress = Optional.empty();
        private boolean nonDefaultDenyPoliciesEnabled = true;
        private Optional<String> log = Optional.empty();

        private Builder(Subject subject, PolicyOrigin origin) {
            this.subject = Objects.requireNonNull(subject, "subject");
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        /** Sets the {@code ingress} entries. */
        public Builder ingress(List<IngressRule> rules) {
            ingress = List.copyOf(rules);
            return this;
        }

        /** Sets the {@code ingressDeny} entries. */
        public Builder ingressDeny(List<IngressDenyRule> rules) {
            ingressDeny = List.copyOf(rules);
            return this;
        }

        /** Sets the {@code egress} entries. */
        public Builder egress(List<EgressRule> rules) {
            egress = List.copyOf(rules);
            return this;
        }

        /** Sets the {@code egressDeny} entries. */
        public Builder egressDeny(List<EgressDenyRule> rules) {
            egressDeny = List.copyOf(rules);
            return this;
        }

        /**
         * Computes both postures at {@link #build()} with {@link DefaultDeny#defaulting} from the written
         * {@code enableDefaultDeny} values and the agent option (the default when neither this nor
         * {@link #defaultDeny(DefaultDeny, DefaultDeny)} is called: nothing written, option on).
         */
        public Builder defaultDeny(Optional<Boolean> ingressRequested, Optional<Boolean> egressRequested,
                boolean nonDefaultDenyPoliciesEnabled) {
            this.requestedIngress = Objects.requireNonNull(ingressRequested, "ingressRequested");
            this.requestedEgress = Objects.requireNonNull(egressRequested, "egressRequested");
            this.nonDefaultDenyPoliciesEnabled = nonDefaultDenyPoliciesEnabled;
            this.ingressDefaultDeny = Optional.empty();
            this.egressDefaultDeny = Optional.empty();
            return this;
        }

        /** Sets both postures as given. */
        public Builder defaultDeny(DefaultDeny ingressPosture, DefaultDeny egressPosture) {
            this.ingressDefaultDeny = Optional.of(ingressPosture);
            this.egressDefaultDeny = Optional.of(egressPosture);
            return this;
        }

        /** Sets {@code log.value}. */
        public Builder log(Optional<String> value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** The rule. @throws IllegalArgumentException as the {@link PolicyRule} constructor */
        public PolicyRule build() {
            DefaultDeny in = ingressDefaultDeny.orElseGet(() -> DefaultDeny.defaulting(requestedIngress,
                    !ingress.isEmpty() || !ingressDeny.isEmpty(), nonDefaultDenyPoliciesEnabled));
            DefaultDeny eg = egressDefaultDeny.orElseGet(() -> DefaultDeny.defaulting(requestedEgress,
                    !egress.isEmpty() || !egressDeny.isEmpty(), nonDefaultDenyPoliciesEnabled));
            return new PolicyRule(subject, origin, ingress, ingressDeny, egress, egressDeny, in, eg, log);
        }
    }
}
