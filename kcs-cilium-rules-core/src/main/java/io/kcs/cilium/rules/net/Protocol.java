package io.kcs.cilium.rules.net;

/**
 * The L4 protocol of a {@link NetworkEvent}. Only TCP events carry {@link TcpFlag}s.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Protocol {
    /** TCP. */
    TCP,
    /** UDP. */
    UDP,
    /** SCTP. */
    SCTP,
    /** ICMP (IPv4). */
    ICMP,
    /** ICMPv6. */
    ICMPV6,
    /** Anything else. */
    OTHER
}
