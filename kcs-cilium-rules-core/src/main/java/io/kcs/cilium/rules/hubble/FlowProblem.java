package io.kcs.cilium.rules.hubble;

import java.util.Objects;

/**
 * A line of flow input that was skipped because it is not a valid Hubble JSON line, with its number and the reason
 * (e.g. {@code line 12: field "IP.source": "10.0.0.256" is not an IP address}).
 *
 * <pre>{@code
 * HubbleFlows.open(in, problem -> System.err.println(problem));   // "line 12: field ..."
 * }</pre>
 *
 * <p>What it is not: not an exception; reading goes on after it. Immutable and thread-safe.
 *
 * @param line the 1-based line number
 * @param message why the line was skipped, naming the field and quoting at most 64 characters of the input
 */
public record FlowProblem(long line, String message) {

    /** @throws NullPointerException when the message is null */
    public FlowProblem {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
