package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.net.Protocol;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code protocol} of a {@link PortProtocol}: Cilium's {@code api.L4Proto} values. A separate enum from
 * {@link Protocol} (which names the protocol of one packet) because a policy also says {@link #ANY} (TCP, UDP and
 * SCTP) and, from Cilium 1.19 with {@code --enable-extended-ip-protocols}, protocols without ports (VRRP, IGMP and
 * the tunnel protocols GRE, IPIP, IPV6, ESP, AH). {@link #ICMP} and {@link #ICMPV6} exist in Cilium's enum but the
 * CRD does not accept them on ports (ICMP rules use {@code icmps}).
 *
 * <pre>{@code
 * L4Proto.parse("udp");   // Optional[UDP]  (Cilium upper-cases)
 * L4Proto.parse("");      // Optional[ANY]  (omitted means ANY)
 * L4Proto.parse("QUIC");  // Optional.empty()
 * L4Proto.ANY.packetProtocols();  // [TCP, UDP, SCTP]
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum L4Proto {
    /** TCP. */
    TCP("TCP", false),
    /** UDP. */
    UDP("UDP", false),
    /** SCTP. */
    SCTP("SCTP", false),
    /** ICMP (not accepted on ports by the CRD). */
    ICMP("ICMP", false),
    /** ICMPv6 (not accepted on ports by the CRD). */
    ICMPV6("ICMPV6", false),
    /** VRRP, an extended IP protocol (1.19+). */
    VRRP("VRRP", true),
    /** IGMP, an extended IP protocol (1.19+). */
    IGMP("IGMP", true),
    /** GRE, a tunnel protocol (1.19+). */
    GRE("GRE", true),
    /** IP-in-IP, a tunnel protocol (1.19+). */
    IPIP("IPIP", true),
    /** IPv6-in-IPv4 (protocol 41), a tunnel protocol (1.19+). */
    IPV6("IPV6", true),
    /** IPsec ESP (1.19+). */
    ESP("ESP", true),
    /** IPsec AH (1.19+). */
    AH("AH", true),
    /** TCP, UDP and SCTP; what an omitted or empty protocol means. */
    ANY("ANY", false);

    private final String ciliumName;
    private final boolean extended;

    L4Proto(String ciliumName, boolean extended) {
        this.ciliumName = ciliumName;
        this.extended = extended;
    }

    /** The name Cilium writes, upper case (e.g. {@code "ICMPV6"}). */
    public String ciliumName() {
        return ciliumName;
    }

    /** Whether this is an extended IP protocol without ports (needs {@code --enable-extended-ip-protocols}). */
    public boolean isExtended() {
        return extended;
    }

    /**
     * Parses as Cilium's {@code ParseL4Proto}: empty means {@link #ANY}; otherwise upper-cased (ASCII) and looked up.
     */
    public static Optional<L4Proto> parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return Optional.of(ANY);
        }
        L4Proto p = switch (text.toUpperCase(Locale.ROOT)) {
            case "TCP" -> TCP;
            case "UDP" -> UDP;
            case "SCTP" -> SCTP;
            case "ICMP" -> ICMP;
            case "ICMPV6" -> ICMPV6;
            case "VRRP" -> VRRP;
            case "IGMP" -> IGMP;
            case "GRE" -> GRE;
            case "IPIP" -> IPIP;
            case "IPV6" -> IPV6;
            case "ESP" -> ESP;
            case "AH" -> AH;
            case "ANY" -> ANY;
            default -> null;
        };
        return Optional.ofNullable(p);
    }

    /**
     * The packet protocols this matches: {@link #ANY} is TCP, UDP and SCTP; TCP/UDP/SCTP/ICMP/ICMPV6 themselves;
     * the extended protocols {@link Protocol#OTHER}.
     */
    public java.util.List<Protocol> packetProtocols() {
        return switch (this) {
            case TCP -> java.util.List.of(Protocol.TCP);
            case UDP -> java.util.List.of(Protocol.UDP);
            case SCTP -> java.util.List.of(Protocol.SCTP);
            case ICMP -> java.util.List.of(Protocol.ICMP);
            case ICMPV6 -> java.util.List.of(Protocol.ICMPV6);
            case ANY -> java.util.List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
            default -> java.util.List.of(Protocol.OTHER);
        };
    }
}
