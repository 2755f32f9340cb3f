package io.kcs.cilium.rules.fabric8;

/**
 * How one direction of a runtime profile read from a Cilium policy ({@link CiliumPolicyMapper#toProfile}) compares
 * with what the policy enforces in that direction.
 *
 * <p>A profile is an allow list of peers per direction; a Cilium policy can also say ports, L7 rules, deny rules,
 * label-selected peers and more. What a profile cannot say is left out, and each part left out makes the profile
 * either allow more than the policy ({@link #WIDER}: a port restriction or a deny rule dropped) or less
 * ({@link #NARROWER}: a peer dropped). The direction's fidelity sums this up.
 *
 * <pre>{@code
 * PolicyProfile p = mapper.toProfile(policy);
 * if (p.egress().fidelity() == Fidelity.WIDER) {
 *     // every connection the policy allows, the profile allows too (and maybe more)
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum Fidelity {
    /** The profile allows exactly what the policy allows. */
    EXACT,
    /** The profile allows everything the policy allows, and possibly more. */
    WIDER,
    /** The profile allows nothing the policy does not allow, and possibly less. */
    NARROWER,
    /** Parts left out widen and others narrow: neither bound holds. */
    NEITHER;

    /** This fidelity combined with a part left out whose effect is {@code effect} (WIDER or NARROWER). */
    Fidelity with(Fidelity effect) {
        if (this == EXACT || this == effect) {
            return effect;
        }
        return NEITHER;
    }
}
