package io.kcs.cilium.rules.policy;

/**
 * How one side of a flow decides it: the source's egress or the destination's ingress (see {@link Decision}).
 *
 * <p>Only {@link #DENIED_BY_RULE} and {@link #DEFAULT_DENIED} stop a flow; the other three let it pass.
 *
 * <pre>{@code
 * Trace t = engine.trace(web, db, Protocol.TCP, 5432, now);
 * if (t.ingress().outcome() == Outcome.DEFAULT_DENIED) { ... }   // db's ingress is enforced and nothing allows it
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum Outcome {
    /** This side is not a Cilium endpoint on the traced path (world, a remote node, an unmanaged endpoint...). */
    NOT_APPLICABLE,
    /** This side is a Cilium endpoint whose direction is not enforced: everything not denied by a rule passes. */
    NOT_ENFORCED,
    /** The direction is enforced and at least one rule allows the flow (and no deny rule matches). */
    ALLOWED,
    /** A deny rule ({@code ingressDeny} / {@code egressDeny}) matches the flow; deny beats every allow. */
    DENIED_BY_RULE,
    /** The direction is enforced (default deny) and no rule allows the flow. */
    DEFAULT_DENIED;

    /** Whether this outcome lets the flow pass this side. */
    public boolean passes() {
        return this != DENIED_BY_RULE && this != DEFAULT_DENIED;
    }
}
