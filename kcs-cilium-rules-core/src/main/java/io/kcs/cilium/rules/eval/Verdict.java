package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Direction;

import io.kcs.cilium.rules.Rule;
import java.util.Objects;
import java.util.Optional;

/**
 * What Cilium would do with a packet under a runtime profile: allowed or not, the bundled traffic direction, the
 * exception that allowed it and why, in one sentence.
 *
 * <pre>{@code
 * Verdict v = evaluator.evaluate(Connection.outbound(Peer.world(IpAddress.parse("10.1.2.3"))).reply(), now);
 * v.allowed();            // true
 * v.trafficDirection();   // EGRESS (the workload opened the connection)
 * v.reason();             // REPLY_OF_ALLOWED_CONNECTION
 * v.matchedRule();        // Optional[10.0.0.0/8]
 * v.explanation();        // "Allowed: reply of an egress connection allowed by exception 10.0.0.0/8 (egress list, columns 1-10)."
 * }</pre>
 *
 * <p>Verdicts are prepared when a {@link PolicyEvaluator} is compiled and shared between evaluations (evaluation
 * allocates nothing for them); compare them with {@link #equals}. Immutable and thread-safe.
 */
public final class Verdict {

    private final boolean allowed;
    private final Direction direction;
    private final Rule rule; // null when none
    private final Reason reason;
    private final String explanation;
    private final Verdict reply; // the verdict of this connection's replies; this when it is a reply verdict

    Verdict(boolean allowed, Direction direction, Rule rule, Reason reason, String explanation, Verdict reply) {
        this.allowed = allowed;
        this.direction = direction;
        this.rule = rule;
        this.reason = reason;
        this.explanation = explanation;
        this.reply = reply == null ? this : reply;
    }

    /** Whether the packet passes. */
    public boolean allowed() {
        return allowed;
    }

    /** The bundled direction: the direction of the connection's opener. */
    public Direction trafficDirection() {
        return direction;
    }

    /** The exception that allowed the connection, when one did. */
    public Optional<Rule> matchedRule() {
        return Optional.ofNullable(rule);
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** One human sentence naming the exception and, when it was parsed from text, its position. */
    public String explanation() {
        return explanation;
    }

    /** The verdict of a reply of a connection whose request got this verdict. */
    Verdict reply() {
        return reply;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Verdict v && v.allowed == allowed && v.direction == direction && Objects.equals(v.rule, rule)
                && v.reason == reason && v.explanation.equals(explanation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowed, direction, rule, reason);
    }

    @Override
    public String toString() {
        return (allowed ? "ALLOWED " : "DENIED ") + direction + " " + reason + ": " + explanation;
    }
}
