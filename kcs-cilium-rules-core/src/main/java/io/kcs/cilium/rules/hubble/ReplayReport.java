package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TrafficReplay} found: per direction, how many flows and connections the candidate policy would allow
 * and deny among the flows that passed in the cluster, the same for the flows Cilium already dropped (reported apart:
 * what the cluster blocks today), the peers denied most often, and every denied connection with its explanation
 * (up to a limit, with a count of the rest).
 *
 * <pre>{@code
 * ReplayReport r = replay.report();
 * r.egress().connectionsDenied();        // connections the workload opened that the candidate would block
 * r.deniedConnections().get(0).explanation();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param ingress flows that passed, by the workload's ingress connections
 * @param egress flows that passed, by the workload's egress connections
 * @param droppedIngress flows Cilium dropped, ingress: would the candidate allow or deny them
 * @param droppedEgress flows Cilium dropped, egress
 * @param topDeniedPeers the peers with the most denied connections (passing flows only), most first
 * @param deniedConnections the denied connections (passing flows only) in the order first seen
 * @param deniedConnectionsNotListed denied connections beyond the listing limit
 * @param connectionsExact false when more distinct connections were seen than the replay tracks: connection counts
 *     then count the untracked ones once per flow
 * @param flowsOfOtherWorkloads flows in which neither side is the workload (skipped)
 * @param dnsAnswers DNS answers (with addresses) fed to the DNS cache
 * @param dnsAnswersRefused DNS answers the cache refused (a name it cannot hold), counted and ignored
 */
public record ReplayReport(Counts ingress, Counts egress, Counts droppedIngress, Counts droppedEgress,
        List<PeerCount> topDeniedPeers, List<DeniedConnection> deniedConnections, long deniedConnectionsNotListed,
        boolean connectionsExact, long flowsOfOtherWorkloads, long dnsAnswers, long dnsAnswersRefused) {

    /** @throws NullPointerException when a reference is null */
    public ReplayReport {
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(egress, "egress");
        Objects.requireNonNull(droppedIngress, "droppedIngress");
        Objects.requireNonNull(droppedEgress, "droppedEgress");
        topDeniedPeers = List.copyOf(topDeniedPeers);
        deniedConnections = List.copyOf(deniedConnections);
    }

    /** The counts of passing flows in {@code direction}. */
    public Counts counts(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /** The counts of dropped flows in {@code direction}. */
    public Counts dropped(Direction direction) {
        return direction == Direction.INGRESS ? droppedIngress : droppedEgress;
    }

    /** Whether the candidate denies nothing that passes today. */
    public boolean deniesNothing() {
        return ingress.flowsDenied() == 0 && egress.flowsDenied() == 0;
    }

    /**
     * Flow and connection counts of one direction. A connection is the 5-tuple (protocol, opener and responder
     * address and port); its verdict is the verdict of its first flow.
     *
     * <p>Immutable and thread-safe.
     *
     * @param flowsAllowed flows the candidate allows
     * @param flowsDenied flows the candidate denies
     * @param connectionsAllowed connections the candidate allows
     * @param connectionsDenied connections the candidate denies
     */
    public record Counts(long flowsAllowed, long flowsDenied, long connectionsAllowed, long connectionsDenied) {

        /** All flows. */
        public long flows() {
            return flowsAllowed + flowsDenied;
        }
    }

    /**
     * A peer with its denied connections and flows.
     *
     * <p>Immutable and thread-safe.
     *
     * @param direction the direction of the connections
     * @param peer the peer, as {@link io.kcs.cilium.rules.eval.Peer#describe()} says
     * @param connections denied connections with it
     * @param flows denied flows with it
     */
    public record PeerCount(Direction direction, String peer, long connections, long flows) {

        /** @throws NullPointerException when a reference is null */
        public PeerCount {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A connection the candidate would deny.
     *
     * <p>Immutable and thread-safe.
     *
     * @param direction egress when the workload opened it
     * @param peer the peer, as {@link io.kcs.cilium.rules.eval.Peer#describe()} says
     * @param protocol the protocol
     * @param remoteIp the peer's address
     * @param remotePort the peer's port (the service port for egress)
     * @param localPort the workload's port (the service port for ingress)
     * @param firstLine the input line of its first flow
     * @param firstTime the time of its first flow
     * @param flows its flows
     * @param explanation why the candidate denies it
     */
    public record DeniedConnection(Direction direction, String peer, Protocol protocol, IpAddress remoteIp,
            int remotePort, int localPort, long firstLine, Instant firstTime, long flows, String explanation) {

        /** @throws NullPointerException when a reference is null */
        public DeniedConnection {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(remoteIp, "remoteIp");
            Objects.requireNonNull(firstTime, "firstTime");
            Objects.requireNonNull(explanation, "explanation");
        }
    }
}
