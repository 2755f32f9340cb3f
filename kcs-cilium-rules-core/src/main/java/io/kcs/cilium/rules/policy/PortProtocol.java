package io.kcs.cilium.rules.policy;

import java.util.Objects;

/**
 * One {@code ports} entry of a {@link PortRule} or {@link PortDenyRule}: a port or a range, and an L4 protocol.
 *
 * <p>{@code endPort} is Cilium's {@code EndPort}: 0 means "no range" (the rule is the one port); otherwise the rule
 * covers {@code port..endPort}. The record accepts any {@code endPort} in 0–65535 even when it is below the port
 * (Cilium then ignores the range; the policy reader warns); it refuses a range on a named port.
 *
 * <pre>{@code
 * PortProtocol.of("8080", 8090, L4Proto.TCP).toString();  // "8080-8090/TCP"
 * PortProtocol.of("dns", 0, L4Proto.UDP).toString();       // "dns/UDP"
 * PortProtocol.tcp(443).toString();                        // "443/TCP"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param port the port (number or name)
 * @param endPort the end of the range, 0–65535, 0 when there is no range
 * @param protocol the protocol ({@link L4Proto#ANY} when omitted)
 */
public record PortProtocol(Port port, int endPort, L4Proto protocol) {

    /** @throws IllegalArgumentException when {@code endPort} is outside 0–65535, or non-zero on a named port */
    public PortProtocol {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(protocol, "protocol");
        if (endPort < 0 || endPort > Port.MAX_PORT) {
            throw new IllegalArgumentException("endPort " + endPort + " is outside 0-" + Port.MAX_PORT);
        }
        if (endPort != 0 && port instanceof Port.Named n) {
            throw new IllegalArgumentException("endPort " + endPort + " on named port " + n.name()
                    + ": ranges need a port number");
        }
    }

    /** Parses {@code port} with {@link Port#parse}. @throws IllegalArgumentException as it and the constructor */
    public static PortProtocol of(String port, int endPort, L4Proto protocol) {
        return new PortProtocol(Port.parse(port), endPort, protocol);
    }

    /** One TCP port. */
    public static PortProtocol tcp(int port) {
        return new PortProtocol(new Port.Numbered(port), 0, L4Proto.TCP);
    }

    /** One UDP port. */
    public static PortProtocol udp(int port) {
        return new PortProtocol(new Port.Numbered(port), 0, L4Proto.UDP);
    }

    /** Whether this is a range ({@code endPort} above a numbered port). */
    public boolean isRange() {
        return port instanceof Port.Numbered n && endPort > n.number();
    }

    /** {@code port/PROTO} or {@code port-endPort/PROTO}. */
    @Override
    public String toString() {
        return (endPort != 0 ? port + "-" + endPort : port.toString()) + "/" + protocol.ciliumName();
    }
}
