package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Direction;

import java.util.Objects;

/**
 * A packet of a {@link Connection}: from its request half or its reply half.
 *
 * <p>Immutable and thread-safe.
 *
 * @param connection the connection
 * @param reply whether the packet travels toward the opener
 */
public record Packet(Connection connection, boolean reply) {

    /** @throws NullPointerException when the connection is null */
    public Packet {
        Objects.requireNonNull(connection, "connection");
    }

    /** The bundled direction: the direction of the connection's opener. */
    public Direction trafficDirection() {
        return connection.direction();
    }

    /** The remote peer. */
    public Peer remote() {
        return connection.remote();
    }
}
