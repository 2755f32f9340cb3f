package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Direction;

import java.util.Objects;

/**
 * A connection between the workload and a remote {@link Peer}, and who opened it. The opener fixes the direction of
 * every packet of the connection (traffic bundling): {@link #outbound} connections are egress traffic both ways,
 * {@link #inbound} ones ingress traffic both ways.
 *
 * <pre>{@code
 * Connection c = Connection.outbound(Peer.world(IpAddress.parse("203.0.113.7")));
 * c.request();   // the workload's packets
 * c.reply();     // the peer's answers: still egress traffic
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param remote the other side
 * @param direction {@link Direction#EGRESS} when the workload opened it, {@link Direction#INGRESS} when the peer did
 */
public record Connection(Peer remote, Direction direction) {

    /** @throws NullPointerException when an argument is null */
    public Connection {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(direction, "direction");
    }

    /** A connection the peer opened toward the workload (ingress traffic). */
    public static Connection inbound(Peer remote) {
        return new Connection(remote, Direction.INGRESS);
    }

    /** A connection the workload opened toward the peer (egress traffic). */
    public static Connection outbound(Peer remote) {
        return new Connection(remote, Direction.EGRESS);
    }

    /** A packet of the opening half (from the opener). */
    public Packet request() {
        return new Packet(this, false);
    }

    /** A packet of the reply half (toward the opener). */
    public Packet reply() {
        return new Packet(this, true);
    }
}
