package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.Optional;

/**
 * The Go library functions Cilium's checks call, re-implemented exactly where their results decide a verdict:
 * {@code strconv.ParseUint(s, 0, 16)}, {@code iana.IsSvcName}, {@code netip.ParsePrefix} and {@code netip.ParseAddr}
 * (the address syntax itself is core's strict {@link IpAddress}, which follows {@code netip}). Stateless.
 */
final class GoSyntax {

    private GoSyntax() {}

    /** A port: its value, or why {@code strconv.ParseUint(s, 0, 16)} refuses it. */
    record PortNumber(int value, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    /**
     * Cilium {@code iana.IsSvcName}: the core's one implementation,
     * {@link io.kcs.cilium.rules.policy.Port#isServiceName}.
     */
    static boolean isSvcName(String s) {
        return io.kcs.cilium.rules.policy.Port.isServiceName(s);
    }

    /**
     * Go {@code strconv.ParseUint(s, 0, 16)}: an optional base prefix ({@code 0x}, {@code 0o}, {@code 0b}, or a
     * leading {@code 0} for octal), digits of that base, {@code _} between digits; at most 65535; no sign.
     */
    /**
     * The port of a plain decimal text ({@code 0}, or 1-5 digits without a leading zero, at most 65535), which
     * {@link #parseUint16} reads the same way, without allocating; -1 for any other text (then ask
     * {@link #parseUint16}).
     */
    static int plainPort(String s) {
        int n = s.length();
        if (n == 0 || n > 5 || n > 1 && s.charAt(0) == '0') {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = 10 * v + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    static PortNumber parseUint16(String s0) {
        if (s0.isEmpty()) {
            return new PortNumber(0, "invalid syntax (empty)");
        }
        if (s0.length() > 64) {
            return new PortNumber(0, "invalid syntax (too long)");
        }
        String s = s0;
        int base = 10;
        if (s.charAt(0) == '0') {
            char c1 = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
            if (c1 == 'b') {
                base = 2;
                s = s.substring(2);
            } else if (c1 == 'o') {
                base = 8;
                s = s.substring(2);
            } else if (c1 == 'x') {
                base = 16;
                s = s.substring(2);
            } else {
                base = 8;
                s = s.substring(1);
            }
        }
        boolean underscores = false;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c == '_') {
                underscores = true;
                continue;
            } else if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (Character.toLowerCase(c) >= 'a' && Character.toLowerCase(c) <= 'z') {
                d = Character.toLowerCase(c) - 'a' + 10;
            } else {
                return new PortNumber(0, "invalid syntax");
            }
            if (d >= base) {
                return new PortNumber(0, "invalid syntax");
            }
            n = n * base + d;
            if (n > 65535) {
                return new PortNumber(0, "value out of range (the largest port is 65535)");
            }
        }
        if (underscores && !underscoreOk(s0)) {
            return new PortNumber(0, "invalid syntax");
        }
        return new PortNumber((int) n, null);
    }

    /** Go {@code strconv.underscoreOK}: underscores only between digits (or after a base prefix). */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char c1 = Character.toLowerCase(s.charAt(1));
            if (c1 == 'b' || c1 == 'o' || c1 == 'x') {
                i = 2;
                saw = '0';
                hex = c1 == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lc = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lc >= 'a' && lc <= 'f') {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /** A parsed {@code netip.Prefix}: the address as written (host bits kept) and the length. */
    record Prefix(IpAddress address, int bits) {
        /** Go {@code Prefix.Contains(ip)}: same family and the first {@code bits} bits equal. */
        boolean contains(IpAddress ip) {
            return address.isIpv4() == ip.isIpv4() && Cidr.of(address, bits).contains(ip);
        }
    }

    /** Go {@code netip.ParsePrefix}: the prefix, or empty with the reason in {@code why[0]}. */
    static Optional<Prefix> parsePrefix(String s, String[] why) {
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            why[0] = "no '/'";
            return Optional.empty();
        }
        String addr = s.substring(0, slash);
        if (addr.indexOf('%') >= 0) {
            why[0] = addr.indexOf(':') >= 0 ? "IPv6 zones cannot be present in a prefix"
                    : "an IPv4 address has no zone";
            return Optional.empty();
        }
        IpAddress ip;
        try {
            ip = IpAddress.parse(addr);
        } catch (IllegalArgumentException e) {
            why[0] = e.getMessage();
            return Optional.empty();
        }
        int from = slash + 1;
        int length = s.length() - from;
        boolean digits = length >= 1 && length <= 3 && (length == 1 || s.charAt(from) >= '1' && s.charAt(from) <= '9');
        int bits = 0;
        for (int i = from; digits && i < s.length(); i++) {
            char c = s.charAt(i);
            digits = c >= '0' && c <= '9';
            bits = 10 * bits + (c - '0');
        }
        if (!digits) {
            why[0] = "bad bits after slash: " + PolicyChecks.q(s.substring(from));
            return Optional.empty();
        }
        if (bits > (ip.isIpv4() ? 32 : 128)) {
            why[0] = "prefix length out of range";
            return Optional.empty();
        }
        return Optional.of(new Prefix(ip, bits));
    }

    /**
     * Go {@code netip.ParseAddr}: strict address text; an IPv6 address may carry a non-empty zone
     * ({@code fe80::1%eth0}).
     */
    static Optional<String> addrProblem(String s) {
        String addr = s;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            if (pct == s.length() - 1) {
                return Optional.of("zone must be a non-empty string");
            }
            addr = s.substring(0, pct);
            if (addr.indexOf(':') < 0) {
                return Optional.of("an IPv4 address has no zone");
            }
        }
        try {
            IpAddress.parse(addr);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
