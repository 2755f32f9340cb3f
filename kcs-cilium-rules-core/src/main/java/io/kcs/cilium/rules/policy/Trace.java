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
 * <p>A value: {@link #equals}, {@link #hashCode} and {@link #toString} are those of a record with the components
 * {@code source, destination, protocol, port, egress, ingress, explanation} (it was a record before; see the
 * CHANGELOG). The explanation of a trace from a {@link PolicyEngine} is built on the first call of
 * {@link #explanation()} (or {@code equals}/{@code toString}), not when the flow is traced: a caller that only
 * reads {@link #allowed()} or the outcomes does not pay for the text.
 *
 * <p>Immutable and thread-safe: the lazily built explanation is a pure function of the immutable components, cached
 * in a plain field with a racy single check (two threads may both build it; they build the same immutable string,
 * and a {@code String} is safely published through a data race).
 */
public final class Trace {

    private final Peer source;
    private final Peer destination;
    private final Protocol protocol;
    private final int port;
    private final Decision egress;
    private final Decision ingress;
    /** The explanation, once known (racy single check: see the class comment). */
    private String explanation;

    /**
     * A trace.
     *
     * @param source the peer opening the flow
     * @param destination the peer it is opened to
     * @param protocol the L4 protocol
     * @param port the destination port, or the ICMP type for ICMP / ICMPv6, or 0 for other protocols
     * @param egress the source's egress decision
     * @param ingress the destination's ingress decision
     * @param explanation one paragraph a person can act on
     * @throws NullPointerException when an argument is null
     */
    public Trace(Peer source, Peer destination, Protocol protocol, int port, Decision egress, Decision ingress,
            String explanation) {
        this(source, destination, protocol, port, egress, ingress);
        this.explanation = Objects.requireNonNull(explanation, "explanation");
    }

    /** The engine's trace: the explanation is built from the components on first use. */
    Trace(Peer source, Peer destination, Protocol protocol, int port, Decision egress, Decision ingress) {
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.port = port;
        this.egress = Objects.requireNonNull(egress, "egress");
        this.ingress = Objects.requireNonNull(ingress, "ingress");
    }

    /** The peer opening the flow. */
    public Peer source() {
        return source;
    }

    /** The peer the flow is opened to. */
    public Peer destination() {
        return destination;
    }

    /** The L4 protocol. */
    public Protocol protocol() {
        return protocol;
    }

    /** The destination port, or the ICMP type for ICMP / ICMPv6, or 0 for other protocols. */
    public int port() {
        return port;
    }

    /** The source's egress decision. */
    public Decision egress() {
        return egress;
    }

    /** The destination's ingress decision. */
    public Decision ingress() {
        return ingress;
    }

    /** Whether the flow passes both the source's egress and the destination's ingress. */
    public boolean allowed() {
        return egress.passes() && ingress.passes();
    }

    /** One paragraph a person can act on: the verdict, the flow, and both sides' reasons (built on first call). */
    public String explanation() {
        String e = explanation;
        if (e == null) {
            boolean allowed = allowed();
            e = (allowed ? "Allowed" : "Denied") + ": " + PolicyEngine.flowText(protocol, port) + " from "
                    + source.describe() + " to " + destination.describe() + ". Egress: " + egress.reason()
                    + " Ingress: " + ingress.reason() + (allowed ? " Replies of this flow skip policy." : "");
            explanation = e;
        }
        return e;
    }

    /** Equal when every component is, the explanation included. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Trace t && port == t.port && protocol == t.protocol && source.equals(t.source)
                && destination.equals(t.destination) && egress.equals(t.egress) && ingress.equals(t.ingress)
                && explanation().equals(t.explanation());
    }

    /**
     * A hash of the components but the explanation (consistent with {@link #equals}; it does not build the
     * explanation).
     */
    @Override
    public int hashCode() {
        return Objects.hash(source, destination, protocol, port, egress, ingress);
    }

    /** As a record's: {@code Trace[source=..., ..., explanation=...]}. */
    @Override
    public String toString() {
        return "Trace[source=" + source + ", destination=" + destination + ", protocol=" + protocol + ", port=" + port
                + ", egress=" + egress + ", ingress=" + ingress + ", explanation=" + explanation() + "]";
    }
}
