package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.Protocol;
import java.util.Objects;

/**
 * The answer to "may {@code source} open this flow to {@code destination}?": the source's egress decision, the
 * destination's ingress decision and a paragraph explaining both (see {@link PolicyEngine#trace}).
 *
 * <p>A flow is {@link #allowed()} when both sides let it pass: Cilium checks egress at the source endpoint and
 * ingress at the destination endpoint separately, and a side that is not a Cilium endpoint
 * ({@link Outcome#NOT_APPLICABLE}) does not stop it. Replies of an allowed flow skip policy (connection tracking),
 * so they are not traced.
 *
 * <pre>{@code
 * Trace t = engine.trace(web, db, Protocol.TCP, 5432, Instant.now());
 * t.allowed();        // true
 * t.explanation();    // "Allowed: egress of pod shop/{app=web} is not enforced ...; ingress of pod db/... is
 *                     //  allowed by CiliumNetworkPolicy db/allow-web spec.ingress[0] (fromEndpoints, toPorts[0])."
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the peer opening the flow
 * @param destination the peer it is opened to
 * @param protocol the L4 protocol
 * @param port the destination port, or the ICMP type for ICMP / ICMPv6, or 0 for other protocols
 * @param egress the source's egress decision
 * @param ingress the destination's ingress decision
 * @param explanation one paragraph a person can act on
 */
public record Trace(Peer source, Peer destination, Protocol protocol, int port, Decision egress, Decision ingress,
        String explanation) {

    /** @throws NullPointerException when a component is null */
    public Trace {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(egress, "egress");
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** Whether the flow passes both the source's egress and the destination's ingress. */
    public boolean allowed() {
        return egress.passes() && ingress.passes();
    }
}
