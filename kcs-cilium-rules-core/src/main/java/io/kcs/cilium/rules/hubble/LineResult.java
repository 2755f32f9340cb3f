package io.kcs.cilium.rules.hubble;

import java.util.Objects;
import java.util.Optional;

/**
 * What one input line held: a flow, another Hubble event (node status, lost events, agent or debug events, a flow
 * without IP addresses), nothing, or something that is not a valid Hubble JSON line.
 *
 * <pre>{@code
 * LineResult r = HubbleFlows.parseLine("{\"lost_events\":{\"num_events_lost\":\"3\"}}", 7);
 * r.kind();      // OTHER_EVENT
 * r.message();   // "lost_events"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the line is
 * @param flow the flow, for {@link Kind#FLOW}
 * @param line the 1-based line number
 * @param message for {@link Kind#MALFORMED} why; for {@link Kind#OTHER_EVENT} which event; empty otherwise
 */
public record LineResult(Kind kind, Optional<HubbleFlow> flow, long line, String message) {

    /** What a line is. Enum constants are immutable and thread-safe. */
    public enum Kind {
        /** A flow with IP addresses. */
        FLOW,
        /** Another event, or a flow without IP addresses (L2 only): not used, not an error. */
        OTHER_EVENT,
        /** An empty or white-space-only line. */
        BLANK,
        /** Not a valid Hubble JSON line; {@link #message()} says why. */
        MALFORMED
    }

    /** @throws NullPointerException when an argument is null */
    public LineResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(message, "message");
        if (flow.isPresent() != (kind == Kind.FLOW)) {
            throw new IllegalArgumentException("a flow goes with kind FLOW, and only with it");
        }
    }

    /** The problem of a {@link Kind#MALFORMED} line. */
    public Optional<FlowProblem> problem() {
        return kind == Kind.MALFORMED ? Optional.of(new FlowProblem(line, message)) : Optional.empty();
    }
}
