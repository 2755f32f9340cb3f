package io.kcs.cilium.rules.agent;

import java.time.Duration;

/** Go's {@code time.ParseDuration}, exactly: {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+} or {@code 0}. Not API. */
final class GoDuration {

    private static final long MAX = Long.MIN_VALUE; // 1 << 63 as an unsigned value

    private GoDuration() {}

    /** The duration, or throws IllegalArgumentException with Go's reason. */
    static Duration parse(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(orig, "invalid duration");
        }
        long d = 0; // unsigned
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw invalid(orig, "invalid duration");
            }
            // leading integer
            int start = i;
            long v = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (Long.compareUnsigned(v, MAX / 10) > 0) {
                    throw invalid(orig, "invalid duration"); // overflow
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, MAX) > 0) {
                    throw invalid(orig, "invalid duration");
                }
                i++;
            }
            boolean pre = i != start;
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fs = i;
                boolean overflow = false;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (!overflow) {
                        if (Long.compareUnsigned(f, MAX / 10) > 0) {
                            overflow = true;
                        } else {
                            long y = f * 10 + (s.charAt(i) - '0');
                            if (Long.compareUnsigned(y, MAX) > 0) {
                                overflow = true;
                            } else {
                                f = y;
                                scale *= 10;
                            }
                        }
                    }
                    i++;
                }
                post = i != fs;
            }
            if (!pre && !post) {
                throw invalid(orig, "invalid duration");
            }
            int us = i;
            while (i < n && !(s.charAt(i) == '.' || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
                i++;
            }
            if (us == i) {
                throw invalid(orig, "missing unit in duration");
            }
            long unit = unit(s.substring(us, i));
            if (unit == 0) {
                throw invalid(orig, "unknown unit \"" + s.substring(us, i) + "\" in duration");
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(MAX, unit)) > 0) {
                throw invalid(orig, "invalid duration");
            }
            v *= unit;
            if (f > 0) {
                v += (long) (unsignedToDouble(f) * (unit / scale));
                if (Long.compareUnsigned(v, MAX) > 0) {
                    throw invalid(orig, "invalid duration");
                }
            }
            d += v;
            if (Long.compareUnsigned(d, MAX) > 0) {
                throw invalid(orig, "invalid duration");
            }
        }
        if (neg) {
            return Duration.ofNanos(-d);
        }
        if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) {
            throw invalid(orig, "invalid duration");
        }
        return Duration.ofNanos(d);
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0;
    }

    private static long unit(String u) {
        switch (u) {
            case "ns":
                return 1L;
            case "us":
            case "\u00b5s":
            case "\u03bcs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return 0;
        }
    }

    private static IllegalArgumentException invalid(String orig, String reason) {
        return new IllegalArgumentException("time: " + reason + " \"" + orig + "\"");
    }
}
