package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.policy.Subject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The runtime profile a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy enforces on the endpoints it selects,
 * as far as a profile can say it ({@link CiliumPolicyMapper#toProfile}), with what was left out per direction and
 * every diagnostic.
 *
 * <ul>
 *   <li>{@link #profile()}: per direction, unrestricted or an allow list of exceptions. A policy the agent would
 *   refuse ({@link #policyValid()} false), or an object that is not a Cilium policy, enforces nothing: the profile is
 *   unrestricted and the diagnostics say why.</li>
 *   <li>{@link #subject()}: the endpoints (or, for a host policy, nodes) the profile is for, with the namespace the
 *   agent adds; empty when the policy is not valid. Rules of a policy with another subject are not in the profile
 *   (an ERROR {@value CiliumPolicyMapper#SEVERAL_SUBJECTS} names them).</li>
 *   <li>{@link #ingress()} / {@link #egress()}: {@link Fidelity#EXACT}, or which parts were left out and whether the
 *   profile is wider or narrower than the policy there.</li>
 *   <li>{@link #diagnostics()}: the policy reader's (validation and lints), then one ERROR per subject left out, then
 *   one ERROR {@value CiliumPolicyMapper#NOT_REPRESENTABLE} per part left out (at its path) and one WARNING
 *   {@value CiliumPolicyMapper#SELECTS_NOTHING} per peer that can select nothing.</li>
 * </ul>
 *
 * <pre>{@code
 * PolicyProfile p = CiliumPolicyMapper.create(MappingOptions.defaults()).toProfile(policy);
 * p.profile().egressExceptions();   // Optional[entity:world, 10.0.0.0/8]
 * p.egress().fidelity();            // WIDER (a port restriction was left out)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param profile the profile
 * @param policyValid whether the agent would import the policy
 * @param subject whom the profile is for, when the policy is valid
 * @param ingress how ingress compares with the policy
 * @param egress how egress compares with the policy
 * @param diagnostics every diagnostic, errors and warnings
 */
public record PolicyProfile(RuntimeProfile profile, boolean policyValid, Optional<Subject> subject,
        ProfileDirection ingress, ProfileDirection egress, List<PolicyDiagnostic> diagnostics) {

    /** @throws NullPointerException when a component is null */
    public PolicyProfile {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(egress, "egress");
        diagnostics = List.copyOf(diagnostics);
    }

    /** The comparison for {@code direction}. */
    public ProfileDirection direction(Direction direction) {
        return Objects.requireNonNull(direction, "direction") == Direction.INGRESS ? ingress : egress;
    }

    /** Whether the policy is valid and both directions were read exactly. */
    public boolean isExact() {
        return policyValid && ingress.fidelity() == Fidelity.EXACT && egress.fidelity() == Fidelity.EXACT;
    }

    /** Whether any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(PolicyDiagnostic::isError);
    }
}
