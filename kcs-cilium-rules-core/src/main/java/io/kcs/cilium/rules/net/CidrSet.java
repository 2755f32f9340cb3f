package io.kcs.cilium.rules.net;

import io.kcs.cilium.rules.internal.AddressScanner;
import io.kcs.cilium.rules.internal.Text;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable set of IPv4 and IPv6 addresses given as CIDR prefixes, compiled for allocation-free lookups, with set
 * algebra.
 *
 * <p>Each family is compiled into two sorted primitive arrays: the merged address ranges (for {@link #contains}) and
 * the elementary intervals of the prefix nesting, each tagged with the length of its longest covering prefix (for
 * {@link #longestMatch}; the matching prefix is the address masked to that length, so no prefix objects are kept).
 * Lookups are a binary search over {@code int} (IPv4) or {@code long} (IPv6) arrays; when every IPv6 prefix is at
 * most /64 only the upper 64 bits are stored and searched.
 *
 * <p>Semantics: families never mix (an IPv4-mapped IPv6 prefix never contains an IPv4 address); overlapping,
 * nested and duplicate prefixes are fine. {@link #equals} compares address sets: {@code 10.0.0.0/9 + 10.128.0.0/9}
 * equals {@code 10.0.0.0/8}. {@link #longestMatch} answers among the prefixes the set was built from (for results
 * of set algebra, the {@link #minimal()} prefixes), so two equal sets may answer it differently.
 *
 * <p>What it does not do: no DNS, no ports, no "except" lists inside a prefix (use {@link #difference}).
 *
 * <pre>{@code
 * CidrSet s = CidrSet.parse("10.0.0.0/8, 10.1.0.0/16, 2001:db8::/32");
 * s.contains(IpAddress.parse("10.1.2.3"));      // true
 * s.longestMatch(IpAddress.parse("10.1.2.3"));  // Optional[10.1.0.0/16]
 * CidrSet.parse("0.0.0.0/1, 128.0.0.0/1").coversAllIpv4();  // true
 * s.difference(CidrSet.parse("10.0.0.0/9")).minimal();      // [10.128.0.0/9, 2001:db8::/32]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; lookups take no lock and allocate nothing (except the
 * {@code Optional} and {@link Cidr} returned by {@link #longestMatch}).
 */
public final class CidrSet {

    private static final CidrSet EMPTY = new CidrSet(Builder.build4(List.of()), Builder.build6(List.of()));

    private final V4 v4;
    private final V6 v6;
    private int hash;

    private CidrSet(V4 v4, V6 v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /**
     * The set of every address of every prefix.
     *
     * @throws NullPointerException when the collection or an element is null
     */
    public static CidrSet of(Collection<Cidr> cidrs) {
        Objects.requireNonNull(cidrs, "cidrs");
        List<Cidr> four = new ArrayList<>();
        List<Cidr> six = new ArrayList<>();
        for (Cidr c : cidrs) {
            (Objects.requireNonNull(c, "cidr").isIpv4() ? four : six).add(c);
        }
        if (four.isEmpty() && six.isEmpty()) {
            return EMPTY;
        }
        return new CidrSet(Builder.build4(four), Builder.build6(six));
    }

    /** The set of the given prefixes. */
    public static CidrSet of(Cidr... cidrs) {
        return of(Arrays.asList(cidrs));
    }

    /** The empty set. */
    public static CidrSet empty() {
        return EMPTY;
    }

    /**
     * Parses comma-separated CIDRs (strict text as {@link Cidr#parse}; white space around commas ignored; a bare
     * address is a host prefix; host bits are masked). The empty or blank string is the empty set.
     *
     * @throws IllegalArgumentException naming the offending item, its offset and the reason
     */
    public static CidrSet parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        List<Cidr> out = new ArrayList<>();
        int n = text.length();
        if (Text.skipSpace(text, 0, n) == n) {
            return EMPTY;
        }
        AddressScanner scanner = new AddressScanner();
        int pos = 0;
        while (pos <= n) {
            int comma = Text.indexOf(text, ',', pos, n);
            int end = comma < 0 ? n : comma;
            int from = Text.skipSpace(text, pos, end);
            int to = Text.trimEnd(text, from, end);
            if (from == to) {
                throw new IllegalArgumentException("empty CIDR at offset " + pos + " in " + Text.quote(text));
            }
            if (!scanner.scanCidr(text, from, to)) {
                throw new IllegalArgumentException("invalid CIDR " + Text.quote(text, from, to) + " at offset " + from
                        + ": " + scanner.errorReason() + " (at "
                        + Text.quote(text, scanner.errorStart(), scanner.errorEnd())
                        + ")");
            }
            out.add(Cidr.fromScanner(scanner));
            pos = end + 1;
        }
        return of(out);
    }

    // ------------------------------------------------------------------------------------------------ lookups

    /** Whether {@code ip} is in the set (family-strict). */
    public boolean contains(IpAddress ip) {
        Objects.requireNonNull(ip, "ip");
        return ip.isIpv4() ? containsIpv4((int) ip.low()) : containsIpv6(ip.high(), ip.low());
    }

    /** Whether the IPv4 address with these 32 bits is in the set. Allocation-free. */
    public boolean containsIpv4(int address) {
        return v4.contains(address);
    }

    /** Whether the IPv6 address with these upper and lower 64 bits is in the set. Allocation-free. */
    public boolean containsIpv6(long high, long low) {
        return v6.contains(high, low);
    }

    /** The longest prefix of this set containing {@code ip}, or empty. */
    public Optional<Cidr> longestMatch(IpAddress ip) {
        Objects.requireNonNull(ip, "ip");
        int len = ip.isIpv4() ? v4.matchLength((int) ip.low()) : v6.matchLength(ip.high(), ip.low());
        return len < 0 ? Optional.empty() : Optional.of(Cidr.of(ip, len));
    }

    /**
     * The length of the longest prefix containing the IPv4 address, or -1. Allocation-free.
     */
    public int longestMatchLengthIpv4(int address) {
        return v4.matchLength(address);
    }

    /** The length of the longest prefix containing the IPv6 address, or -1. Allocation-free. */
    public int longestMatchLengthIpv6(long high, long low) {
        return v6.matchLength(high, low);
    }

    /** Whether every address of {@code cidr} is in the set. */
    public boolean contains(Cidr cidr) {
        Objects.requireNonNull(cidr, "cidr");
        Fam f = fam(cidr.isIpv4());
        long[] r = U128.range(cidr);
        int i = f.rangeIndex(r[0], r[1]);
        return i >= 0 && U128.le(r[2], r[3], f.endHi(i), f.endLo(i));
    }

    /** Whether at least one address of {@code cidr} is in the set. */
    public boolean intersects(Cidr cidr) {
        Objects.requireNonNull(cidr, "cidr");
        Fam f = fam(cidr.isIpv4());
        long[] r = U128.range(cidr);
        // the last range starting at or before the CIDR's end must end at or after its start
        int i = f.lastRangeStartingAtOrBefore(r[2], r[3]);
        return i >= 0 && U128.le(r[0], r[1], f.endHi(i), f.endLo(i));
    }

    private Fam fam(boolean ipv4) {
        return ipv4 ? v4 : v6;
    }

    // -------------------------------------------------------------------------------------------- set algebra

    /** Every address in this set or in {@code other}. */
    public CidrSet union(CidrSet other) {
        return algebra(other, 0);
    }

    /** Every address in both sets. */
    public CidrSet intersection(CidrSet other) {
        return algebra(other, 1);
    }

    /** Every address of this set that is not in {@code other} (what Cilium's CIDRSet {@code except} means). */
    public CidrSet difference(CidrSet other) {
        return algebra(other, 2);
    }

    private CidrSet algebra(CidrSet other, int op) {
        Objects.requireNonNull(other, "other");
        List<Cidr> four = U128.decompose(combine(v4, other.v4, op), true);
        List<Cidr> six = U128.decompose(combine(v6, other.v6, op), false);
        if (four.isEmpty() && six.isEmpty()) {
            return EMPTY;
        }
        return new CidrSet(Builder.build4(four), Builder.build6(six));
    }

    /** Merged ranges (flat: startHi, startLo, endHi, endLo) of {@code a op b}; 0 union, 1 intersection, 2 minus. */
    private static long[] combine(Fam a, Fam b, int op) {
        // Sweep over boundary events of both range lists.
        RangeList out = new RangeList();
        int i = 0;
        int j = 0;
        int na = a.rangeCount();
        int nb = b.rangeCount();
        if (op == 0) {
            while (i < na || j < nb) {
                boolean takeA = j >= nb || (i < na && U128.le(a.startHi(i), a.startLo(i), b.startHi(j), b.startLo(j)));
                if (takeA) {
                    out.addMerging(a.startHi(i), a.startLo(i), a.endHi(i), a.endLo(i));
                    i++;
                } else {
                    out.addMerging(b.startHi(j), b.startLo(j), b.endHi(j), b.endLo(j));
                    j++;
                }
            }
        } else if (op == 1) {
            while (i < na && j < nb) {
                long sHi = a.startHi(i);
                long sLo = a.startLo(i);
                if (U128.lt(sHi, sLo, b.startHi(j), b.startLo(j))) {
                    sHi = b.startHi(j);
                    sLo = b.startLo(j);
                }
                boolean aEndsFirst = U128.le(a.endHi(i), a.endLo(i), b.endHi(j), b.endLo(j));
                long eHi = aEndsFirst ? a.endHi(i) : b.endHi(j);
                long eLo = aEndsFirst ? a.endLo(i) : b.endLo(j);
                if (U128.le(sHi, sLo, eHi, eLo)) {
                    out.addMerging(sHi, sLo, eHi, eLo);
                }
                if (aEndsFirst) {
                    i++;
                } else {
                    j++;
                }
            }
        } else {
            while (i < na) {
                long sHi = a.startHi(i);
                long sLo = a.startLo(i);
                long eHi = a.endHi(i);
                long eLo = a.endLo(i);
                boolean alive = true;
                while (alive && j < nb && U128.le(b.startHi(j), b.startLo(j), eHi, eLo)) {
                    if (U128.lt(b.endHi(j), b.endLo(j), sHi, sLo)) {
                        j++;
                        continue;
                    }
                    // b[j] overlaps [s, e]
                    if (U128.lt(sHi, sLo, b.startHi(j), b.startLo(j))) {
                        long[] before = U128.minusOne(b.startHi(j), b.startLo(j));
                        out.addMerging(sHi, sLo, before[0], before[1]);
                    }
                    if (U128.lt(b.endHi(j), b.endLo(j), eHi, eLo)) {
                        long[] after = U128.plusOne(b.endHi(j), b.endLo(j));
                        sHi = after[0];
                        sLo = after[1];
                        j++;
                    } else {
                        alive = false;
                    }
                }
                if (alive) {
                    out.addMerging(sHi, sLo, eHi, eLo);
                }
                i++;
            }
        }
        return out.toArray();
    }

    /** The fewest prefixes covering exactly this set's addresses, sorted (IPv4 first, then by address). */
    public List<Cidr> minimal() {
        List<Cidr> out = new ArrayList<>(U128.decompose(v4.ranges(), true));
        out.addAll(U128.decompose(v6.ranges(), false));
        return Collections.unmodifiableList(out);
    }

    /** The number of IPv4 (or IPv6) addresses in the set. */
    public BigInteger addressCount(boolean ipv4) {
        Fam f = fam(ipv4);
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < f.rangeCount(); i++) {
            sum = sum.add(U128.toBig(f.endHi(i), f.endLo(i)).subtract(U128.toBig(f.startHi(i), f.startLo(i)))
                    .add(BigInteger.ONE));
        }
        return sum;
    }

    /** Whether every IPv4 address is in the set, however it was split ({@code 0.0.0.0/1 + 128.0.0.0/1}). */
    public boolean coversAllIpv4() {
        return v4.coversAll();
    }

    /** Whether every IPv6 address is in the set, however it was split. */
    public boolean coversAllIpv6() {
        return v6.coversAll();
    }

    /** Whether the set has no address. */
    public boolean isEmpty() {
        return v4.rangeCount() == 0 && v6.rangeCount() == 0;
    }

    /** Approximate bytes held by the compiled arrays (for capacity planning and benchmarks). */
    public long footprintBytes() {
        return v4.footprint() + v6.footprint();
    }

    /** Same address set. */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof CidrSet c)) {
            return false;
        }
        return Arrays.equals(v4.ranges(), c.v4.ranges()) && Arrays.equals(v6.ranges(), c.v6.ranges());
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(v4.ranges()) * 31 + Arrays.hashCode(v6.ranges());
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    /** The {@link #minimal()} prefixes, comma-separated; {@link #parse} reads it back to an equal set. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Cidr c : minimal()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(c);
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------ representation

    /** Interval lengths are stored as unsigned bytes, 0-128, with 255 for "not covered". */
    private static int decodeLength(byte b) {
        int v = b & 0xFF;
        return v == 0xFF ? -1 : v;
    }

    /** Range access common to both families; values are unsigned 128-bit (IPv4: hi 0, lo the address). */
    private interface Fam {
        int rangeCount();

        long startHi(int i);

        long startLo(int i);

        long endHi(int i);

        long endLo(int i);

        /** Index of the range containing the address, or -1. */
        int rangeIndex(long hi, long lo);

        /** Index of the last range starting at or before the address, or -1. */
        int lastRangeStartingAtOrBefore(long hi, long lo);

        boolean coversAll();

        long footprint();

        default long[] ranges() {
            long[] out = new long[rangeCount() * 4];
            for (int i = 0; i < rangeCount(); i++) {
                out[4 * i] = startHi(i);
                out[4 * i + 1] = startLo(i);
                out[4 * i + 2] = endHi(i);
                out[4 * i + 3] = endLo(i);
            }
            return out;
        }
    }

    /** IPv4: all keys are stored XOR {@code 0x80000000} so that signed comparison is unsigned order. */
    private static final class V4 implements Fam {
        private final int[] rangeStart;
        private final int[] rangeEnd;
        private final int[] ivStart; // ivStart[0] is always the flipped 0.0.0.0
        private final byte[] ivLen; // see decodeLength

        V4(int[] rangeStart, int[] rangeEnd, int[] ivStart, byte[] ivLen) {
            this.rangeStart = rangeStart;
            this.rangeEnd = rangeEnd;
            this.ivStart = ivStart;
            this.ivLen = ivLen;
        }

        boolean contains(int address) {
            int key = address ^ Integer.MIN_VALUE;
            int i = lastAtOrBefore(rangeStart, key);
            return i >= 0 && key <= rangeEnd[i];
        }

        int matchLength(int address) {
            return decodeLength(ivLen[lastAtOrBefore(ivStart, address ^ Integer.MIN_VALUE)]);
        }

        /** The last index with {@code starts[i] <= key} (keys sign-flipped), or -1. */
        private static int lastAtOrBefore(int[] starts, int key) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] <= key) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return hi;
        }

        @Override
        public int rangeCount() {
            return rangeStart.length;
        }

        @Override
        public long startHi(int i) {
            return 0;
        }

        @Override
        public long startLo(int i) {
            return (rangeStart[i] ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL;
        }

        @Override
        public long endHi(int i) {
            return 0;
        }

        @Override
        public long endLo(int i) {
            return (rangeEnd[i] ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL;
        }

        @Override
        public int rangeIndex(long hi, long lo) {
            int i = lastRangeStartingAtOrBefore(hi, lo);
            return i >= 0 && U128.le(hi, lo, 0, endLo(i)) ? i : -1;
        }

        @Override
        public int lastRangeStartingAtOrBefore(long hi, long lo) {
            return lastAtOrBefore(rangeStart, (int) lo ^ Integer.MIN_VALUE);
        }

        @Override
        public boolean coversAll() {
            return rangeStart.length == 1 && rangeStart[0] == Integer.MIN_VALUE && rangeEnd[0] == Integer.MAX_VALUE;
        }

        @Override
        public long footprint() {
            return 4L * (rangeStart.length + rangeEnd.length + ivStart.length) + ivLen.length;
        }
    }

    /**
     * IPv6: keys stored with the sign bit of each half flipped. When every prefix is at most /64 the lower halves are
     * not stored ({@code null}): range starts then have lower half 0 and range ends all ones.
     */
    private static final class V6 implements Fam {
        private final long[] startHi;
        private final long[] startLo; // null when hiOnly
        private final long[] endHi;
        private final long[] endLo; // null when hiOnly
        private final long[] ivHi;
        private final long[] ivLo; // null when hiOnly
        private final byte[] ivLen;

        V6(long[] startHi, long[] startLo, long[] endHi, long[] endLo, long[] ivHi, long[] ivLo, byte[] ivLen) {
            this.startHi = startHi;
            this.startLo = startLo;
            this.endHi = endHi;
            this.endLo = endLo;
            this.ivHi = ivHi;
            this.ivLo = ivLo;
            this.ivLen = ivLen;
        }

        boolean contains(long high, long low) {
            int i = lastStart(startHi, startLo, high ^ Long.MIN_VALUE, low ^ Long.MIN_VALUE);
            if (i < 0) {
                return false;
            }
            long kh = high ^ Long.MIN_VALUE;
            long eh = endHi[i];
            if (kh != eh) {
                return kh < eh;
            }
            return endLo == null || (low ^ Long.MIN_VALUE) <= endLo[i];
        }

        int matchLength(long high, long low) {
            int i = lastStart(ivHi, ivLo, high ^ Long.MIN_VALUE, low ^ Long.MIN_VALUE);
            return decodeLength(ivLen[i]);
        }

        /** Last index with (hi[i], lo[i]) <= (kh, kl), or -1; {@code lo == null} means all lower halves are 0. */
        private static int lastStart(long[] hiKeys, long[] loKeys, long kh, long kl) {
            int a = 0;
            int b = hiKeys.length - 1;
            if (loKeys == null) {
                while (a <= b) {
                    int mid = (a + b) >>> 1;
                    if (hiKeys[mid] <= kh) {
                        a = mid + 1;
                    } else {
                        b = mid - 1;
                    }
                }
                return b;
            }
            while (a <= b) {
                int mid = (a + b) >>> 1;
                long h = hiKeys[mid];
                if (h < kh || (h == kh && loKeys[mid] <= kl)) {
                    a = mid + 1;
                } else {
                    b = mid - 1;
                }
            }
            return b;
        }

        @Override
        public int rangeCount() {
            return startHi.length;
        }

        @Override
        public long startHi(int i) {
            return startHi[i] ^ Long.MIN_VALUE;
        }

        @Override
        public long startLo(int i) {
            return startLo == null ? 0 : startLo[i] ^ Long.MIN_VALUE;
        }

        @Override
        public long endHi(int i) {
            return endHi[i] ^ Long.MIN_VALUE;
        }

        @Override
        public long endLo(int i) {
            return endLo == null ? -1L : endLo[i] ^ Long.MIN_VALUE;
        }

        @Override
        public int rangeIndex(long hi, long lo) {
            int i = lastRangeStartingAtOrBefore(hi, lo);
            return i >= 0 && U128.le(hi, lo, endHi(i), endLo(i)) ? i : -1;
        }

        @Override
        public int lastRangeStartingAtOrBefore(long hi, long lo) {
            return lastStart(startHi, startLo, hi ^ Long.MIN_VALUE, lo ^ Long.MIN_VALUE);
        }

        @Override
        public boolean coversAll() {
            return startHi.length == 1 && startHi(0) == 0 && startLo(0) == 0 && endHi(0) == -1L && endLo(0) == -1L;
        }

        @Override
        public long footprint() {
            return 8L * (startHi.length + endHi.length + ivHi.length
                    + (startLo == null ? 0 : startLo.length + endLo.length + ivLo.length)) + ivLen.length;
        }
    }

    /** Growable flat list of ranges (startHi, startLo, endHi, endLo) that merges overlapping and adjacent ones. */
    private static final class RangeList {
        private long[] a = new long[32];
        private int size; // number of longs

        /** Appends a range whose start is not before the last range's start. */
        void addMerging(long sHi, long sLo, long eHi, long eLo) {
            if (size > 0) {
                long lastEndHi = a[size - 2];
                long lastEndLo = a[size - 1];
                boolean touches = U128.le(sHi, sLo, lastEndHi, lastEndLo)
                        || (!(lastEndHi == -1L && lastEndLo == -1L) && U128.eq(U128.plusOne(lastEndHi, lastEndLo), sHi, sLo));
                if (touches) {
                    if (U128.lt(lastEndHi, lastEndLo, eHi, eLo)) {
                        a[size - 2] = eHi;
                        a[size - 1] = eLo;
                    }
                    return;
                }
            }
            if (size + 4 > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = sHi;
            a[size++] = sLo;
            a[size++] = eHi;
            a[size++] = eLo;
        }

        long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** Compiles one family's prefixes. */
    private static final class Builder {

        static V4 build4(List<Cidr> cidrs) {
            return (V4) build(cidrs, true);
        }

        static V6 build6(List<Cidr> cidrs) {
            return (V6) build(cidrs, false);
        }

        /** Builds the V4 (ipv4) or V6 representation of {@code cidrs}, all of that family. */
        static Fam build(List<Cidr> cidrs, boolean ipv4) {
            int width = ipv4 ? 32 : 128;
            Cidr[] sorted = cidrs.toArray(new Cidr[0]);
            Arrays.sort(sorted); // by address, then shorter first: containers precede what they contain
            // Sweep the laminar family of prefixes, emitting elementary intervals tagged with the innermost length.
            RangeList ranges = new RangeList();
            Sweep sweep = new Sweep(width);
            boolean maxLen64 = true;
            Cidr previous = null;
            for (Cidr c : sorted) {
                if (c.equals(previous)) {
                    continue;
                }
                previous = c;
                maxLen64 &= c.prefixLength() <= 64;
                long[] r = U128.range(c);
                ranges.addMerging(r[0], r[1], r[2], r[3]);
                sweep.open(r, c.prefixLength());
            }
            sweep.finish();
            long[] ivHi = sweep.hi;
            long[] ivLo = sweep.lo;
            byte[] ivLen = sweep.len;
            int ivCount = sweep.count;
            long[] flat = ranges.toArray();
            int m = flat.length / 4;
            if (ipv4) {
                int[] rs = new int[m];
                int[] re = new int[m];
                for (int i = 0; i < m; i++) {
                    rs[i] = (int) flat[4 * i + 1] ^ Integer.MIN_VALUE;
                    re[i] = (int) flat[4 * i + 3] ^ Integer.MIN_VALUE;
                }
                int[] is = new int[ivCount];
                for (int i = 0; i < ivCount; i++) {
                    is[i] = (int) ivLo[i] ^ Integer.MIN_VALUE;
                }
                return new V4(rs, re, is, Arrays.copyOf(ivLen, ivCount));
            }
            long[] sh = new long[m];
            long[] eh = new long[m];
            long[] sl = maxLen64 ? null : new long[m];
            long[] el = maxLen64 ? null : new long[m];
            for (int i = 0; i < m; i++) {
                sh[i] = flat[4 * i] ^ Long.MIN_VALUE;
                eh[i] = flat[4 * i + 2] ^ Long.MIN_VALUE;
                if (!maxLen64) {
                    sl[i] = flat[4 * i + 1] ^ Long.MIN_VALUE;
                    el[i] = flat[4 * i + 3] ^ Long.MIN_VALUE;
                }
            }
            long[] ih = new long[ivCount];
            long[] il = maxLen64 ? null : new long[ivCount];
            for (int i = 0; i < ivCount; i++) {
                ih[i] = ivHi[i] ^ Long.MIN_VALUE;
                if (!maxLen64) {
                    il[i] = ivLo[i] ^ Long.MIN_VALUE;
                }
            }
            return new V6(sh, sl, eh, el, ih, il, Arrays.copyOf(ivLen, ivCount));
        }
    }

    /**
     * The sweep over prefixes sorted by address (containers first): a stack of open prefixes and the elementary
     * intervals emitted so far, each tagged with the length of its innermost covering prefix (255: none).
     */
    private static final class Sweep {
        long[] hi = new long[16];
        long[] lo = new long[16];
        byte[] len = new byte[16];
        int count;
        private final int width;
        private final long[] endHi;
        private final long[] endLo;
        private final int[] lengths;
        private int depth;
        private long curHi;
        private long curLo;
        private boolean done; // the cursor passed the top of the address space

        Sweep(int width) {
            this.width = width;
            this.endHi = new long[width + 1];
            this.endLo = new long[width + 1];
            this.lengths = new int[width + 1];
        }

        /** Opens prefix {@code r} (start and end, 128-bit) of {@code length}, closing those that end before it. */
        void open(long[] r, int length) {
            while (depth > 0 && U128.lt(endHi[depth - 1], endLo[depth - 1], r[0], r[1])) {
                close();
            }
            if (U128.lt(curHi, curLo, r[0], r[1])) {
                emit(depth == 0 ? -1 : lengths[depth - 1]);
                curHi = r[0];
                curLo = r[1];
            }
            endHi[depth] = r[2];
            endLo[depth] = r[3];
            lengths[depth] = length;
            depth++;
        }

        /** Closes every open prefix and covers the rest of the address space. */
        void finish() {
            while (depth > 0) {
                close();
            }
            if (!done) {
                emit(-1);
            }
        }

        /** Closes the innermost open prefix: what is left of it up to its end belongs to it. */
        private void close() {
            depth--;
            if (done || !U128.le(curHi, curLo, endHi[depth], endLo[depth])) {
                return;
            }
            emit(lengths[depth]);
            done = (endHi[depth] == -1L && endLo[depth] == -1L) || (width == 32 && endLo[depth] == 0xFFFF_FFFFL);
            long[] next = U128.plusOne(endHi[depth], endLo[depth]);
            curHi = next[0];
            curLo = next[1];
        }

        /** Appends an interval at the cursor unless the previous one has the same length (then it extends). */
        private void emit(int length) {
            byte b = (byte) (length < 0 ? 0xFF : length);
            if (count > 0 && len[count - 1] == b) {
                return;
            }
            if (count == hi.length) {
                hi = Arrays.copyOf(hi, count * 2);
                lo = Arrays.copyOf(lo, count * 2);
                len = Arrays.copyOf(len, count * 2);
            }
            hi[count] = curHi;
            lo[count] = curLo;
            len[count] = b;
            count++;
        }
    }

    /** Unsigned 128-bit helpers on (hi, lo) pairs. */
    private static final class U128 {

        static boolean lt(long ah, long al, long bh, long bl) {
            return ah != bh ? Long.compareUnsigned(ah, bh) < 0 : Long.compareUnsigned(al, bl) < 0;
        }

        static boolean le(long ah, long al, long bh, long bl) {
            return !lt(bh, bl, ah, al);
        }

        static boolean eq(long[] a, long bh, long bl) {
            return a[0] == bh && a[1] == bl;
        }

        static long[] plusOne(long hi, long lo) {
            long l = lo + 1;
            return new long[] {l == 0 ? hi + 1 : hi, l};
        }

        static long[] minusOne(long hi, long lo) {
            return new long[] {lo == 0 ? hi - 1 : hi, lo - 1};
        }

        /** {startHi, startLo, endHi, endLo} of a prefix; IPv4 as hi 0, lo the 32-bit value. */
        static long[] range(Cidr c) {
            IpAddress a = c.address();
            if (a.isIpv4()) {
                long start = a.low();
                long size = 1L << (32 - c.prefixLength());
                return new long[] {0, start, 0, start + size - 1};
            }
            int len = c.prefixLength();
            return new long[] {a.high(), a.low(), a.high() | ~Cidr.highMask(len), a.low() | ~Cidr.lowMask(len)};
        }

        static BigInteger toBig(long hi, long lo) {
            BigInteger h = new BigInteger(Long.toUnsignedString(hi));
            return h.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
        }

        /** The fewest prefixes covering the flat merged ranges, in order. */
        static List<Cidr> decompose(long[] flat, boolean ipv4) {
            int width = ipv4 ? 32 : 128;
            List<Cidr> out = new ArrayList<>();
            for (int i = 0; i < flat.length; i += 4) {
                long sHi = flat[i];
                long sLo = flat[i + 1];
                long eHi = flat[i + 2];
                long eLo = flat[i + 3];
                while (true) {
                    int k = Math.min(trailingZeros(sHi, sLo), width);
                    while (k > 0 && lt(eHi, eLo, sHi | highOnes(k), sLo | lowOnes(k))) {
                        k--;
                    }
                    IpAddress addr = ipv4 ? IpAddress.ofIpv4((int) sLo) : IpAddress.ofIpv6(sHi, sLo);
                    out.add(Cidr.of(addr, width - k));
                    long lastHi = sHi | highOnes(k);
                    long lastLo = sLo | lowOnes(k);
                    if (lastHi == eHi && lastLo == eLo) {
                        break;
                    }
                    long[] next = plusOne(lastHi, lastLo);
                    sHi = next[0];
                    sLo = next[1];
                }
            }
            return out;
        }

        private static int trailingZeros(long hi, long lo) {
            return lo != 0 ? Long.numberOfTrailingZeros(lo) : hi != 0 ? 64 + Long.numberOfTrailingZeros(hi) : 128;
        }

        /** Upper half of a mask of the low {@code k} bits (k in 0..128). */
        private static long highOnes(int k) {
            return k <= 64 ? 0 : k == 128 ? -1L : (1L << (k - 64)) - 1;
        }

        /** Lower half of a mask of the low {@code k} bits (k in 0..128). */
        private static long lowOnes(int k) {
            return k == 0 ? 0 : k >= 64 ? -1L : (1L << k) - 1;
        }
    }
}
