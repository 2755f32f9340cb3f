package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Connection;
import io.kcs.cilium.rules.eval.Packet;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.Objects;

/**
 * A flow seen from a chosen {@link Workload}: the direction of the connection (egress when the workload opened it,
 * whatever Hubble's {@code traffic_direction} says about the endpoint that observed it), whether the packet belongs
 * to the reply half, and the remote {@link Peer}.
 *
 * <pre>{@code
 * WorkloadFlow wf = view.view(flow).orElseThrow();
 * evaluator.evaluate(wf.packet(), wf.flow().time());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param flow the flow
 * @param direction {@link Direction#EGRESS} when the workload opened the connection, {@link Direction#INGRESS} when
 *     the peer did
 * @param reply whether the packet travels toward the opener
 * @param remote the other side, as Cilium's policy sees it
 * @param remoteIp the other side's IP address in the flow
 */
public record WorkloadFlow(HubbleFlow flow, Direction direction, boolean reply, Peer remote, IpAddress remoteIp) {

    /** @throws NullPointerException when an argument is null */
    public WorkloadFlow {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(remoteIp, "remoteIp");
    }

    /** The packet for {@link io.kcs.cilium.rules.eval.PolicyEvaluator#evaluate}. */
    public Packet packet() {
        Connection c = new Connection(remote, direction);
        return reply ? c.reply() : c.request();
    }

    /** The workload's own port in the connection's 5-tuple (0 for protocols without ports). */
    public int localPort() {
        return sourceIsLocal() ? flow.sourcePort() : flow.destinationPort();
    }

    /** The remote port (0 for protocols without ports). */
    public int remotePort() {
        return sourceIsLocal() ? flow.destinationPort() : flow.sourcePort();
    }

    /** Whether the packet's source is the workload (a request it sent, or a reply it sent). */
    public boolean sourceIsLocal() {
        return (direction == Direction.EGRESS) != reply;
    }
}
