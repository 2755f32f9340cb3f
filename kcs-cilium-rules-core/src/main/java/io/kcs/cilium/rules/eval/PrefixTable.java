package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.net.Cidr;
import java.util.List;

/**
 * Open-addressing map from a prefix (family, network address, length) to the verdict of the first CIDR exception
 * with that prefix. Lookups allocate nothing. Not API; immutable after construction.
 */
final class PrefixTable {

    private final long[] hi;
    private final long[] lo;
    private final int[] meta; // 0 empty, else (ipv4 ? 256 : 0) + length + 1
    private final Verdict[] values;
    private final int mask;

    PrefixTable(List<Cidr> cidrs, List<Verdict> verdicts) {
        int capacity = Integer.highestOneBit(Math.max(4, cidrs.size() * 2 - 1)) << 1;
        hi = new long[capacity];
        lo = new long[capacity];
        meta = new int[capacity];
        values = new Verdict[capacity];
        mask = capacity - 1;
        for (int i = 0; i < cidrs.size(); i++) {
            Cidr c = cidrs.get(i);
            boolean v4 = c.isIpv4();
            long h = c.address().high();
            long l = c.address().low();
            int m = (v4 ? 256 : 0) + c.prefixLength() + 1;
            int slot = slot(h, l, m);
            while (meta[slot] != 0 && !(meta[slot] == m && hi[slot] == h && lo[slot] == l)) {
                slot = (slot + 1) & mask;
            }
            if (meta[slot] == 0) { // keep the first exception with this prefix
                hi[slot] = h;
                lo[slot] = l;
                meta[slot] = m;
                values[slot] = verdicts.get(i);
            }
        }
    }

    private int slot(long h, long l, int m) {
        long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL ^ m * 0x165667B19E3779F9L;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 32;
        return (int) x & mask;
    }

    Verdict get4(int network, int length) {
        return find(0, network & 0xFFFF_FFFFL, 256 + length + 1);
    }

    Verdict get6(long high, long low, int length) {
        return find(high, low, length + 1);
    }

    private Verdict find(long h, long l, int m) {
        int slot = slot(h, l, m);
        while (true) {
            int s = meta[slot];
            if (s == 0) {
                return null;
            }
            if (s == m && hi[slot] == h && lo[slot] == l) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }
}
