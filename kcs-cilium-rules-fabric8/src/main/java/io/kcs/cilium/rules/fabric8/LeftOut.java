package io.kcs.cilium.rules.fabric8;

import java.util.Objects;

/**
 * One part of a Cilium policy that a runtime profile cannot express and that {@link CiliumPolicyMapper#toProfile}
 * therefore left out: where it is, what it is, and whether leaving it out made the profile wider or narrower.
 *
 * <pre>{@code
 * LeftOut l = profile.egress().leftOut().get(0);
 * l.path();     // "spec.egress[0].toPorts"
 * l.effect();   // WIDER: the peers are kept, on every port
 * l.what();     // "the port restriction of spec.egress[0] (443/TCP)..."
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the JSON path of the part left out, from the resource root ({@code spec.egressDeny[0]})
 * @param effect {@link Fidelity#WIDER} or {@link Fidelity#NARROWER}
 * @param what what was left out and why, for people
 */
public record LeftOut(String path, Fidelity effect, String what) {

    /**
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when {@code effect} is not WIDER or NARROWER
     */
    public LeftOut {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(what, "what");
        if (effect != Fidelity.WIDER && effect != Fidelity.NARROWER) {
            throw new IllegalArgumentException("a part left out makes a profile WIDER or NARROWER, not " + effect);
        }
    }
}
