package io.kcs.cilium.rules.net;

import io.kcs.cilium.rules.internal.AddressScanner;
import io.kcs.cilium.rules.internal.Text;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address value: 32 or 128 bits and the family, nothing else.
 *
 * <p>This is our own representation (two {@code long}s), never a {@link InetAddress}: Java's {@code InetAddress}
 * silently turns IPv4-mapped IPv6 text ({@code ::ffff:10.0.0.1}) into IPv4 and may resolve names. Here the family
 * is what the text says: {@code ::ffff:10.0.0.1} is an IPv6 address and never equals {@code 10.0.0.1}, exactly as in
 * Go's {@code net/netip} and Cilium's datapath.
 *
 * <p>What it does not do: no DNS lookups, no zones ({@code fe80::1%eth0} is rejected), no inet_aton short forms
 * ({@code 10.1}), no octal ({@code 010.0.0.1} is rejected rather than read as 8.0.0.1, CVE-2021-29923).
 *
 * <pre>{@code
 * IpAddress a = IpAddress.parse("2001:DB8:0:0::1");
 * a.toString();          // "2001:db8::1" (RFC 5952)
 * a.isIpv4();            // false
 * IpAddress.parse("::ffff:10.0.0.1").isIpv4Mapped(); // true, and still IPv6
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #compareTo} orders IPv4 before IPv6, then numerically.
 */
public final class IpAddress implements Comparable<IpAddress> {

    private final long high;
    private final long low;
    private final boolean ipv4;

    private IpAddress(long high, long low, boolean ipv4) {
        this.high = high;
        this.low = low;
        this.ipv4 = ipv4;
    }

    /**
     * Parses strict address text: dotted-quad IPv4 or RFC 4291 IPv6 (an embedded dotted IPv4 tail allowed).
     *
     * @throws IllegalArgumentException naming the text, the reason and the offending part when the text is not an
     *     address (including a {@code /prefix}, surrounding white space, zones)
     */
    public static IpAddress parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        AddressScanner scanner = new AddressScanner();
        if (text.length() == 0 || !scanner.scanAddress(text, 0, text.length())) {
            throw new IllegalArgumentException(failure("IP address", text, scanner));
        }
        return scanner.isIpv4() ? ofIpv4((int) scanner.low()) : ofIpv6(scanner.high(), scanner.low());
    }

    /** Whether {@link #parse} accepts {@code text}. */
    public static boolean isValid(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return text.length() > 0 && new AddressScanner().scanAddress(text, 0, text.length());
    }

    /** The IPv4 address whose 32 bits are {@code bits} (most significant byte first: {@code 0x0A000001} is 10.0.0.1). */
    public static IpAddress ofIpv4(int bits) {
        return new IpAddress(0, bits & 0xFFFF_FFFFL, true);
    }

    /** The IPv6 address whose upper and lower 64 bits are given. */
    public static IpAddress ofIpv6(long high, long low) {
        return new IpAddress(high, low, false);
    }

    /**
     * The address of a 4-byte (IPv4) or 16-byte (IPv6) network-order array. A 16-byte IPv4-mapped array stays IPv6.
     *
     * @throws IllegalArgumentException when the array has another length
     */
    public static IpAddress fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 4) {
            return ofIpv4(readInt(bytes, 0));
        }
        if (bytes.length == 16) {
            return ofIpv6(((long) readInt(bytes, 0) << 32) | (readInt(bytes, 4) & 0xFFFF_FFFFL),
                    ((long) readInt(bytes, 8) << 32) | (readInt(bytes, 12) & 0xFFFF_FFFFL));
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }

    /**
     * The address of a Java {@link InetAddress}, without any lookup. An {@link Inet6Address}'s scope id is not part
     * of the value and is dropped. Note that Java already turned IPv4-mapped text into an {@link Inet4Address}.
     */
    public static IpAddress of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return fromBytes(address.getAddress());
    }

    private static int readInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    /** Whether this is an IPv4 address (an IPv4-mapped IPv6 address is not). */
    public boolean isIpv4() {
        return ipv4;
    }

    /** Whether this is an IPv6 address. */
    public boolean isIpv6() {
        return !ipv4;
    }

    /** 32 for IPv4, 128 for IPv6. */
    public int bitLength() {
        return ipv4 ? 32 : 128;
    }

    /**
     * The 32 bits of an IPv4 address.
     *
     * @throws IllegalStateException for an IPv6 address
     */
    public int ipv4Bits() {
        if (!ipv4) {
            throw new IllegalStateException(this + " is not an IPv4 address");
        }
        return (int) low;
    }

    /** Upper 64 bits of an IPv6 address; 0 for IPv4. */
    public long high() {
        return high;
    }

    /** Lower 64 bits of an IPv6 address; for IPv4 the address in the low 32 bits (zero-extended). */
    public long low() {
        return low;
    }

    /** Whether this is an IPv6 address in {@code ::ffff:0:0/96} (IPv4-mapped). */
    public boolean isIpv4Mapped() {
        return !ipv4 && high == 0 && (low >>> 32) == 0xFFFFL;
    }

    /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
    public byte[] toBytes() {
        byte[] b = new byte[ipv4 ? 4 : 16];
        if (ipv4) {
            writeInt(b, 0, (int) low);
        } else {
            writeInt(b, 0, (int) (high >>> 32));
            writeInt(b, 4, (int) high);
            writeInt(b, 8, (int) (low >>> 32));
            writeInt(b, 12, (int) low);
        }
        return b;
    }

    private static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    /**
     * This address as a Java {@link InetAddress} (no lookup). An IPv6 address, mapped or not, becomes an
     * {@link Inet6Address}.
     */
    public InetAddress toInetAddress() {
        try {
            return ipv4 ? InetAddress.getByAddress(toBytes()) : Inet6Address.getByAddress(null, toBytes(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always a valid address", e);
        }
    }

    @Override
    public int compareTo(IpAddress o) {
        if (ipv4 != o.ipv4) {
            return ipv4 ? -1 : 1;
        }
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.high == high && a.low == low && a.ipv4 == ipv4;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) ^ (ipv4 ? 0x5bd1e995 : 0);
    }

    /**
     * Canonical text: dotted quad for IPv4; RFC 5952 for IPv6 (lower case, no leading zeros, the longest run of two
     * or more zero groups as {@code ::}, the first of equal runs), with a dotted tail for IPv4-mapped addresses
     * ({@code ::ffff:10.0.0.1}), as Go's {@code netip} writes it.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(ipv4 ? 15 : 39);
        appendTo(b);
        return b.toString();
    }

    /** Appends {@link #toString()} to {@code b}. */
    public void appendTo(StringBuilder b) {
        if (ipv4) {
            appendIpv4(b, (int) low);
            return;
        }
        if (isIpv4Mapped()) {
            b.append("::ffff:");
            appendIpv4(b, (int) low);
            return;
        }
        int bestStart = -1;
        int bestLen = 1;
        int runStart = -1;
        for (int g = 0; g < 8; g++) {
            if (group(g) == 0) {
                if (runStart < 0) {
                    runStart = g;
                }
                int len = g - runStart + 1;
                if (len > bestLen) {
                    bestLen = len;
                    bestStart = runStart;
                }
            } else {
                runStart = -1;
            }
        }
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                b.append("::");
                g += bestLen - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLen) {
                b.append(':');
            }
            b.append(Integer.toHexString(group(g)));
        }
    }

    private int group(int g) {
        long word = g < 4 ? high : low;
        return (int) (word >>> (48 - 16 * (g & 3))) & 0xFFFF;
    }

    private static void appendIpv4(StringBuilder b, int bits) {
        b.append(bits >>> 24).append('.').append((bits >>> 16) & 0xFF).append('.')
                .append((bits >>> 8) & 0xFF).append('.').append(bits & 0xFF);
    }

    static String failure(String what, CharSequence text, AddressScanner scanner) {
        if (text.length() == 0) {
            return "invalid " + what + " \"\": empty text";
        }
        return "invalid " + what + " " + Text.quote(text) + ": " + scanner.errorReason() + " (at "
                + Text.quote(text, scanner.errorStart(), scanner.errorEnd()) + ", offset " + scanner.errorStart()
                + ")";
    }
}
