package io.kcs.cilium.rules.net;

import io.kcs.cilium.rules.internal.AddressScanner;
import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix: a network address with its host bits cleared, and a prefix length (0–32 or 0–128).
 *
 * <p>Host bits are masked when the value is made: {@code 10.0.0.1/8} becomes {@code 10.0.0.0/8}, as Cilium does (the
 * rule parser reports that with a warning; {@link #parse} does it silently). A bare address is a host prefix
 * ({@code /32} or {@code /128}). Containment is family-strict: an IPv6 prefix, even an IPv4-mapped one such as
 * {@code ::ffff:10.0.0.0/104}, never contains an IPv4 address, and the other way round.
 *
 * <p>What it does not do: no DNS lookups, no zones, no inet_aton short forms; this is one prefix, see
 * {@code CidrSet} for sets.
 *
 * <pre>{@code
 * Cidr c = Cidr.parse("10.1.2.3/16");
 * c.toString();                                  // "10.1.0.0/16"
 * c.contains(IpAddress.parse("10.1.200.7"));     // true
 * Cidr.parse("192.0.2.7").toString();            // "192.0.2.7/32"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #compareTo} orders IPv4 before IPv6, then by network address,
 * then shorter prefixes first.
 */
public final class Cidr implements Comparable<Cidr> {

    private final IpAddress address;
    private final int prefixLength;

    private Cidr(IpAddress address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses strict CIDR text {@code address[/length]}; host bits are masked, a bare address is a host prefix.
     *
     * @throws IllegalArgumentException naming the text, the reason and the offending part when it is not a CIDR
     *     (leading zeros in octets or in the length, a sign, white space, a zone, a length out of range)
     */
    public static Cidr parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        AddressScanner scanner = new AddressScanner();
        if (text.length() == 0 || !scanner.scanCidr(text, 0, text.length())) {
            throw new IllegalArgumentException(IpAddress.failure("CIDR", text, scanner));
        }
        return fromScanner(scanner);
    }

    /** Whether {@link #parse} accepts {@code text}. */
    public static boolean isValid(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return text.length() > 0 && new AddressScanner().scanCidr(text, 0, text.length());
    }

    /**
     * The prefix of {@code address} with {@code prefixLength} bits; host bits are cleared.
     *
     * @throws IllegalArgumentException when the length is outside 0–32 (IPv4) or 0–128 (IPv6)
     */
    public static Cidr of(IpAddress address, int prefixLength) {
        Objects.requireNonNull(address, "address");
        int max = address.bitLength();
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-" + max
                    + " for " + address);
        }
        if (address.isIpv4()) {
            int bits = address.ipv4Bits();
            int masked = bits & ipv4Mask(prefixLength);
            return new Cidr(masked == bits ? address : IpAddress.ofIpv4(masked), prefixLength);
        }
        long hi = address.high() & highMask(prefixLength);
        long lo = address.low() & lowMask(prefixLength);
        return new Cidr(hi == address.high() && lo == address.low() ? address : IpAddress.ofIpv6(hi, lo),
                prefixLength);
    }

    /** The host prefix of {@code address} ({@code /32} or {@code /128}). */
    public static Cidr host(IpAddress address) {
        return new Cidr(Objects.requireNonNull(address, "address"), address.bitLength());
    }

    /** Builds from a successful scan; the scanner's prefix length -1 means a host prefix. Not API. */
    static Cidr fromScanner(AddressScanner s) {
        IpAddress a = s.isIpv4() ? IpAddress.ofIpv4((int) s.low()) : IpAddress.ofIpv6(s.high(), s.low());
        return s.prefixLength() < 0 ? host(a) : of(a, s.prefixLength());
    }

    /** The IPv4 network mask of a prefix length 0–32 ({@code 0} for /0, {@code -1} for /32). */
    public static int ipv4Mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Mask of the upper 64 bits of an IPv6 prefix length 0–128. */
    public static long highMask(int prefixLength) {
        return prefixLength == 0 ? 0 : prefixLength >= 64 ? -1L : -1L << (64 - prefixLength);
    }

    /** Mask of the lower 64 bits of an IPv6 prefix length 0–128. */
    public static long lowMask(int prefixLength) {
        return prefixLength <= 64 ? 0 : -1L << (128 - prefixLength);
    }

    /** The network address (host bits cleared). */
    public IpAddress address() {
        return address;
    }

    /** The prefix length: 0–32 for IPv4, 0–128 for IPv6. */
    public int prefixLength() {
        return prefixLength;
    }

    /** Whether this is an IPv4 prefix. */
    public boolean isIpv4() {
        return address.isIpv4();
    }

    /** Whether this prefix holds exactly one address ({@code /32} or {@code /128}). */
    public boolean isHost() {
        return prefixLength == address.bitLength();
    }

    /** Whether {@code ip} is of the same family and inside this prefix. */
    public boolean contains(IpAddress ip) {
        Objects.requireNonNull(ip, "ip");
        if (ip.isIpv4() != address.isIpv4()) {
            return false;
        }
        if (ip.isIpv4()) {
            return ((ip.ipv4Bits() ^ address.ipv4Bits()) & ipv4Mask(prefixLength)) == 0;
        }
        return ((ip.high() ^ address.high()) & highMask(prefixLength)) == 0
                && ((ip.low() ^ address.low()) & lowMask(prefixLength)) == 0;
    }

    /** Whether every address of {@code other} is inside this prefix (same family, at least as long, inside). */
    public boolean contains(Cidr other) {
        Objects.requireNonNull(other, "other");
        return other.prefixLength >= prefixLength && contains(other.address);
    }

    @Override
    public int compareTo(Cidr o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && c.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + prefixLength;
    }

    /** Canonical text, always with the length: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.7/32}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(44);
        address.appendTo(b);
        return b.append('/').append(prefixLength).toString();
    }
}
