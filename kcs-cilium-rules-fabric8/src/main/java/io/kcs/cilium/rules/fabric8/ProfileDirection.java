package io.kcs.cilium.rules.fabric8;

import java.util.List;
import java.util.Objects;

/**
 * One direction of a profile read from a Cilium policy: how it compares with the policy ({@link #fidelity()}) and
 * every part of the policy left out ({@link #leftOut()}). {@link Fidelity#EXACT} exactly when nothing was left out.
 *
 * <pre>{@code
 * ProfileDirection egress = mapper.toProfile(policy).egress();
 * egress.fidelity();   // WIDER
 * egress.leftOut();    // [LeftOut[path=spec.egressDeny[0], effect=WIDER, what=...]]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param fidelity the summary of {@code leftOut}
 * @param leftOut the parts left out, in policy order
 */
public record ProfileDirection(Fidelity fidelity, List<LeftOut> leftOut) {

    private static final ProfileDirection EXACT = new ProfileDirection(Fidelity.EXACT, List.of());

    /**
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when {@code fidelity} is not what {@code leftOut} sums up to
     */
    public ProfileDirection {
        Objects.requireNonNull(fidelity, "fidelity");
        leftOut = List.copyOf(leftOut);
        if (fidelity != of(leftOut)) {
            throw new IllegalArgumentException("fidelity " + fidelity + " does not sum up " + leftOut);
        }
    }

    /** The direction with these parts left out, its fidelity summed up from them. */
    public static ProfileDirection leavingOut(List<LeftOut> leftOut) {
        return leftOut.isEmpty() ? EXACT : new ProfileDirection(of(leftOut), leftOut);
    }

    /** A direction read exactly. */
    public static ProfileDirection exact() {
        return EXACT;
    }

    private static Fidelity of(List<LeftOut> leftOut) {
        Fidelity f = Fidelity.EXACT;
        for (LeftOut l : leftOut) {
            f = f.with(l.effect());
        }
        return f;
    }
}
