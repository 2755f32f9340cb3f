package io.kcs.cilium.rules.events;

/**
 * A TCP header flag, with the bit Cilium uses for it in {@code monitor-aggregation-flags} (byte 13 of the TCP
 * header: FIN 0x01 ... CWR 0x80).
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum TcpFlag {
    /** Finish: the sender closes its half. */
    FIN(0x01),
    /** Synchronise: opens a connection. */
    SYN(0x02),
    /** Reset: aborts a connection. */
    RST(0x04),
    /** Push. */
    PSH(0x08),
    /** Acknowledgement. */
    ACK(0x10),
    /** Urgent. */
    URG(0x20),
    /** ECN echo. */
    ECE(0x40),
    /** Congestion window reduced. */
    CWR(0x80);

    private static final TcpFlag[] VALUES = values();

    private final int bit;

    TcpFlag(int bit) {
        this.bit = bit;
    }

    /** The flag's bit in the TCP header's flags byte. */
    public int bit() {
        return bit;
    }

    /** The flags whose bits are set in {@code bits}. */
    public static java.util.Set<TcpFlag> fromBits(int bits) {
        java.util.EnumSet<TcpFlag> s = java.util.EnumSet.noneOf(TcpFlag.class);
        for (TcpFlag f : VALUES) {
            if ((bits & f.bit) != 0) {
                s.add(f);
            }
        }
        return java.util.Collections.unmodifiableSet(s);
    }

    /** The bits of {@code flags}. */
    public static int toBits(java.util.Collection<TcpFlag> flags) {
        int b = 0;
        for (TcpFlag f : flags) {
            b |= f.bit;
        }
        return b;
    }
}
