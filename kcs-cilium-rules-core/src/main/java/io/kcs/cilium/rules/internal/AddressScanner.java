package io.kcs.cilium.rules.internal;

/**
 * Strict, allocation-free scanner for IPv4 / IPv6 address and CIDR text. Not API: this package is not exported by
 * the module {@code io.kcs.cilium.rules}.
 *
 * <p>One instance scans one token at a time and keeps its result in private fields read through accessors (which
 * the JIT inlines), so that the rule parser can parse thousands of CIDR entries without exceptions or garbage. The
 * result is only changed by the scan methods. Instances are cheap, mutable and not thread-safe: create one per parse
 * call.
 *
 * <p>Accepted text follows Go's {@code net/netip} and Kubernetes' strict CIDR validation: IPv4 is exactly four
 * decimal octets without leading zeros; IPv6 is RFC 4291 text (one {@code ::}, up to four hex digits per group,
 * an optional dotted IPv4 tail) without zone; the prefix length is decimal without sign or leading zeros.
 *
 * <pre>{@code
 * AddressScanner sc = new AddressScanner();
 * if (sc.scanCidr("10.0.0.0/8", 0, 10)) { sc.low(); sc.prefixLength(); } else { sc.errorReason(); }
 * }</pre>
 */
public class AddressScanner {

    /** Error kinds reported by {@link #errorKind()}. */
    public static final int OK = 0;
    /** A malformed IPv4 address. */
    public static final int BAD_IPV4 = 1;
    /** A malformed IPv6 address. */
    public static final int BAD_IPV6 = 2;
    /** A malformed prefix length. */
    public static final int BAD_PREFIX = 3;

    private long high;
    private long low;
    private boolean ipv4;
    private int prefixLength;
    private int errorKind;
    private int errorStart;
    private int errorEnd;
    private String errorReason = "";

    /** A scanner with no result yet. */
    public AddressScanner() {}

    /** Upper 64 bits of an IPv6 result; 0 for IPv4. */
    public final long high() {
        return high;
    }

    /** Lower 64 bits of an IPv6 result; for IPv4 the address in the low 32 bits. */
    public final long low() {
        return low;
    }

    /** Whether the scanned address is IPv4. */
    public final boolean isIpv4() {
        return ipv4;
    }

    /** Prefix length after {@code /}, or -1 when the text had none. */
    public final int prefixLength() {
        return prefixLength;
    }

    /** One of {@link #OK}, {@link #BAD_IPV4}, {@link #BAD_IPV6}, {@link #BAD_PREFIX}. */
    public final int errorKind() {
        return errorKind;
    }

    /** Start offset (inclusive) of the offending part, in the scanned text. */
    public final int errorStart() {
        return errorStart;
    }

    /** End offset (exclusive) of the offending part, in the scanned text. */
    public final int errorEnd() {
        return errorEnd;
    }

    /** What is wrong, e.g. {@code "IPv4 field has octet with leading zero"}; meaningful after a failed scan only. */
    public final String errorReason() {
        return errorReason;
    }

    /**
     * Scans {@code text[from, to)} as an address with an optional {@code /prefix}.
     *
     * @return true on success ({@link #high()}, {@link #low()}, {@link #isIpv4()}, {@link #prefixLength()} set);
     *     false with the error set
     */
    public final boolean scanCidr(CharSequence text, int from, int to) {
        int slash = -1;
        boolean colon = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '/') {
                slash = i;
                break;
            }
            if (c == ':') {
                colon = true;
            }
        }
        return scanCidr(text, from, to, slash, colon);
    }

    /**
     * Recognises strict IPv4 CIDR text in {@code text[from, to)} without reporting why it is not one (the fast path of
     * the parser; on -1 it falls back to {@link #scanCidr} for the diagnostic).
     *
     * @return {@code (bits << 8) | length}, with length 255 when there is no {@code /length}; -1 when the text is not
     *     a strict IPv4 address or CIDR
     */
    public static long ipv4Cidr(CharSequence text, int from, int to) {
        int bits = 0;
        int i = from;
        for (int field = 0; field < 4; field++) {
            if (field > 0) {
                if (i >= to || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                if (value > 255) {
                    return -1;
                }
                i++;
            }
            if (i == start || (i - start > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            bits = (bits << 8) | value;
        }
        if (i == to) {
            return ((bits & 0xFFFF_FFFFL) << 8) | 0xFF;
        }
        if (text.charAt(i) != '/') {
            return -1;
        }
        int start = ++i;
        int length = 0;
        while (i < to) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
            if (length > 32) {
                return -1;
            }
            i++;
        }
        if (i == start || (i - start > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        return ((bits & 0xFFFF_FFFFL) << 8) | length;
    }

    /**
     * Scans {@code text[from, to)} as an address with an optional {@code /prefix} when the caller already knows
     * where the first {@code /} is ({@code slash}, or -1) and whether the address part has a {@code :}.
     *
     * @return true on success; false with the error fields set
     */
    public final boolean scanCidr(CharSequence text, int from, int to, int slash, boolean ipv6) {
        errorKind = OK;
        int addrEnd = slash < 0 ? to : slash;
        if (from == addrEnd) {
            return fail(ipv6 ? BAD_IPV6 : BAD_IPV4, from, Math.min(to, from + 1), "empty address");
        }
        if (!(ipv6 ? scanIpv6(text, from, addrEnd) : scanIpv4(text, from, addrEnd))) {
            return false;
        }
        if (slash < 0) {
            prefixLength = -1;
            return true;
        }
        return scanPrefix(text, slash + 1, to, ipv4 ? 32 : 128);
    }

    /**
     * Scans {@code text[from, to)} as a bare address (no prefix).
     *
     * @return true on success; false with the error fields set
     */
    public final boolean scanAddress(CharSequence text, int from, int to) {
        errorKind = OK;
        prefixLength = -1;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ':') {
                return scanIpv6(text, from, to);
            }
        }
        return scanIpv4(text, from, to);
    }

    private boolean scanPrefix(CharSequence text, int from, int to, int max) {
        if (from == to) {
            return fail(BAD_PREFIX, from - 1, to, "missing prefix length after '/'");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return fail(BAD_PREFIX, from, to, "prefix length must be decimal digits only, found "
                        + Text.describeChar(c));
            }
            if (i > from && text.charAt(from) == '0') {
                return fail(BAD_PREFIX, from, to, "prefix length has a leading zero");
            }
            value = value * 10 + (c - '0');
            if (value > max) {
                return fail(BAD_PREFIX, from, to, "prefix length is larger than " + max);
            }
        }
        prefixLength = value;
        return true;
    }

    private boolean scanIpv4(CharSequence text, int from, int to) {
        int bits = scanIpv4Bits(text, from, to, BAD_IPV4);
        if (errorKind != OK) {
            return false;
        }
        ipv4 = true;
        high = 0;
        low = bits & 0xFFFF_FFFFL;
        return true;
    }

    /** Returns the IPv4 bits, or sets the error fields (with {@code kind}) and returns 0. */
    private int scanIpv4Bits(CharSequence text, int from, int to, int kind) {
        if (from == to) {
            fail(kind, from, to, "empty address");
            return 0;
        }
        int bits = 0;
        int fields = 0;
        int i = from;
        while (true) {
            int fieldStart = i;
            int value = 0;
            while (i < to) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                if (i > fieldStart && text.charAt(fieldStart) == '0') {
                    fail(kind, fieldStart, fieldEnd(text, fieldStart, to),
                            "IPv4 field has octet with leading zero");
                    return 0;
                }
                value = value * 10 + (c - '0');
                if (value > 255) {
                    fail(kind, fieldStart, fieldEnd(text, fieldStart, to), "IPv4 field has value >255");
                    return 0;
                }
                i++;
            }
            if (i == fieldStart) {
                if (i < to && text.charAt(i) != '.') {
                    fail(kind, i, i + 1, "unexpected character " + Text.describeChar(text.charAt(i))
                            + " in IPv4 address");
                } else {
                    fail(kind, Math.max(from, i - 1), Math.min(to, i + 1), "IPv4 field must have at least one digit");
                }
                return 0;
            }
            bits = (bits << 8) | value;
            fields++;
            if (i == to) {
                break;
            }
            char c = text.charAt(i);
            if (c != '.') {
                fail(kind, i, i + 1, "unexpected character " + Text.describeChar(c) + " in IPv4 address");
                return 0;
            }
            if (fields == 4) {
                fail(kind, i, to, "IPv4 address too long");
                return 0;
            }
            i++;
            if (i == to) {
                fail(kind, i - 1, i, "IPv4 address ends with '.'");
                return 0;
            }
        }
        if (fields != 4) {
            fail(kind, from, to, "IPv4 address too short: expected four decimal octets a.b.c.d");
            return 0;
        }
        return bits;
    }

    private static int fieldEnd(CharSequence text, int i, int to) {
        while (i < to && text.charAt(i) != '.') {
            i++;
        }
        return i;
    }

    private boolean scanIpv6(CharSequence text, int from, int to) {
        // Up to 8 groups of 16 bits; ellipsis = index of the group where '::' stands, or -1.
        long hi = 0;
        long lo = 0;
        int groups = 0;
        int ellipsis = -1;
        int i = from;
        if (to - from >= 2 && text.charAt(from) == ':' && text.charAt(from + 1) == ':') {
            ellipsis = 0;
            i = from + 2;
            if (i == to) {
                return ipv6Result(0, 0, 0, 0);
            }
        } else if (text.charAt(from) == ':') {
            return fail(BAD_IPV6, from, from + 1, "IPv6 address must not start with a single ':'");
        }
        while (i < to) {
            int groupStart = i;
            int value = 0;
            int digits = 0;
            while (i < to) {
                int d = hexValue(text.charAt(i));
                if (d < 0) {
                    break;
                }
                value = (value << 4) | d;
                digits++;
                i++;
            }
            if (i < to && text.charAt(i) == '.') {
                // Dotted IPv4 tail: must be the last 32 bits.
                if (groups > 6 || (ellipsis < 0 && groups != 6)) {
                    return fail(BAD_IPV6, groupStart, to, "embedded IPv4 address at wrong position");
                }
                int v4 = scanIpv4Bits(text, groupStart, to, BAD_IPV6);
                if (errorKind != OK) {
                    return false;
                }
                // Shift the 32 bits of the IPv4 tail in as two groups.
                hi = (hi << 32) | (lo >>> 32);
                lo = (lo << 32) | (v4 & 0xFFFF_FFFFL);
                groups += 2;
                i = to;
                break;
            }
            if (digits == 0) {
                if (i < to) {
                    char c = text.charAt(i);
                    if (c == '%') {
                        return fail(BAD_IPV6, i, to, "IPv6 zones are not allowed");
                    }
                    if (c == ':') {
                        return fail(BAD_IPV6, i, Math.min(to, i + 1), "more than one '::' or an empty group");
                    }
                    return fail(BAD_IPV6, i, i + 1,
                            "unexpected character " + Text.describeChar(c) + " in IPv6 address");
                }
                return fail(BAD_IPV6, Math.max(from, i - 1), to, "IPv6 address ends with a single ':'");
            }
            if (digits > 4) {
                return fail(BAD_IPV6, groupStart, i, "IPv6 field has more than 4 hex digits");
            }
            if (groups == 8) {
                return fail(BAD_IPV6, groupStart, i, "IPv6 address has more than 8 groups");
            }
            hi = (hi << 16) | (lo >>> 48);
            lo = (lo << 16) | value;
            groups++;
            if (i == to) {
                break;
            }
            char c = text.charAt(i);
            if (c == '%') {
                return fail(BAD_IPV6, i, to, "IPv6 zones are not allowed");
            }
            if (c != ':') {
                return fail(BAD_IPV6, i, i + 1, "unexpected character " + Text.describeChar(c) + " in IPv6 address");
            }
            i++;
            if (i < to && text.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return fail(BAD_IPV6, i - 1, i + 1, "IPv6 address has more than one '::'");
                }
                ellipsis = groups;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return fail(BAD_IPV6, i - 1, i, "IPv6 address ends with a single ':'");
            }
        }
        if (ellipsis < 0) {
            if (groups != 8) {
                return fail(BAD_IPV6, from, to, "IPv6 address too short: expected 8 groups or '::'");
            }
            return ipv6Result(hi, lo, 8, -1);
        }
        if (groups == 8) {
            return fail(BAD_IPV6, from, to, "'::' must stand for at least one group of zeros");
        }
        return ipv6Result(hi, lo, groups, ellipsis);
    }

    private boolean ipv6Result(long hi, long lo, int groups, int ellipsis) {
        // The accumulator (hi, lo) holds the `groups` groups read so far right-aligned, the last one lowest. Groups [0, ellipsis) go to the top, [ellipsis, groups) to
        // the bottom, zeros in between.
        if (ellipsis >= 0 && groups > 0) {
            int tail = groups - ellipsis; // groups after '::', already right-aligned
            int headShift = (8 - groups) * 16; // shift the head groups up past the zeros
            // Split into tail (low `tail` groups) and head (the rest).
            long tailHi;
            long tailLo;
            int tailBits = tail * 16;
            if (tailBits == 0) {
                tailHi = 0;
                tailLo = 0;
            } else if (tailBits < 64) {
                tailHi = 0;
                tailLo = lo & ((1L << tailBits) - 1);
            } else if (tailBits == 64) {
                tailHi = 0;
                tailLo = lo;
            } else {
                tailHi = hi & ((1L << (tailBits - 64)) - 1);
                tailLo = lo;
            }
            long headHi = hi ^ tailHi;
            long headLo = lo ^ tailLo;
            // shift head left by headShift bits (0 < headShift < 128)
            long shHi;
            long shLo;
            if (headShift >= 64) {
                shHi = headLo << (headShift - 64);
                shLo = 0;
            } else {
                shHi = (headHi << headShift) | (headLo >>> (64 - headShift));
                shLo = headLo << headShift;
            }
            hi = shHi | tailHi;
            lo = shLo | tailLo;
        }
        ipv4 = false;
        high = hi;
        low = lo;
        return true;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private boolean fail(int kind, int start, int end, String reason) {
        errorKind = kind;
        errorStart = start;
        errorEnd = Math.max(start, end);
        errorReason = reason;
        return false;
    }
}
