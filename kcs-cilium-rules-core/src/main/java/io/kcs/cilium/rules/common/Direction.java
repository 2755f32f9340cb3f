package io.kcs.cilium.rules.common;

/**
 * A traffic direction seen from the workload: {@link #INGRESS} (toward it) or {@link #EGRESS} (away from it).
 *
 * <p>With traffic bundling, a packet's direction is the direction of its connection's opener: every packet of a
 * connection the workload opened, requests and replies, is {@code EGRESS} traffic.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Direction {
    /** Toward the workload: connections opened by a peer. */
    INGRESS,
    /** Away from the workload: connections opened by the workload. */
    EGRESS;

    /** {@code "ingress"} or {@code "egress"}. */
    public String lowerName() {
        return this == INGRESS ? "ingress" : "egress";
    }
}
