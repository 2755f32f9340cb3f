package io.kcs.cilium.rules.bench;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.format.util.DualIPv4v6Tries;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.net.IpAddress;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilter;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.util.SubnetUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CIDR-set membership: our {@link CidrSet} against IPAddress's {@code DualIPv4v6Tries.elementContains}, Netty's
 * binary-searched {@code IpSubnetFilter} and a commons-net {@code SubnetUtils} linear scan (IPv4 only), all in one
 * run. Workload: N prefixes, 80% IPv4 weighted toward /24, 20% IPv6 /32-/64; queries half hits, 80% IPv4, each
 * pre-parsed to every library's cheapest form. One lookup per operation, cycling over 4,096 queries.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CidrSetBenchmark {

    @Param({"16", "1024", "65536"})
    public int n;

    static final int QUERIES = 4096;

    List<Cidr> cidrs;
    CidrSet ours;
    DualIPv4v6Tries trie;
    ExposedFilter netty;
    SubnetUtils.SubnetInfo[] subnets;

    // queries, pre-parsed
    boolean[] v4;
    int[] q4;
    long[] qHi;
    long[] qLo;
    IPAddress[] qIpAddress;
    InetSocketAddress[] qNetty;
    int[] ipv4Only; // the IPv4 queries, for the IPv4-only commons-net scan
    int next;

    /** Netty's filter with its protected lookup made callable. */
    static final class ExposedFilter extends IpSubnetFilter {
        ExposedFilter(List<IpSubnetFilterRule> rules) {
            super(false, rules);
        }

        boolean contains(InetSocketAddress a) {
            return accept(null, a);
        }
    }

    static List<Cidr> workload(int n, Random r) {
        Set<Cidr> out = new LinkedHashSet<>();
        while (out.size() < n) {
            if (r.nextInt(5) == 0) {
                out.add(Cidr.of(IpAddress.ofIpv6(0x2000_0000_0000_0000L | (r.nextLong() >>> 4), 0),
                        32 + r.nextInt(33)));
            } else {
                int len = r.nextInt(10) < 7 ? 24 : 16 + r.nextInt(17);
                out.add(Cidr.of(IpAddress.ofIpv4(r.nextInt()), len));
            }
        }
        return new ArrayList<>(out);
    }

    static IpAddress query(List<Cidr> cidrs, Random r) {
        boolean hit = r.nextBoolean();
        boolean wantV4 = r.nextInt(5) != 0;
        if (hit) {
            for (int tries = 0; tries < 100; tries++) {
                Cidr c = cidrs.get(r.nextInt(cidrs.size()));
                if (c.isIpv4() == wantV4) {
                    return c.isIpv4()
                            ? IpAddress.ofIpv4(c.address().ipv4Bits() | (r.nextInt() & ~Cidr.ipv4Mask(c.prefixLength())))
                            : IpAddress.ofIpv6(c.address().high() | (r.nextLong() & ~Cidr.highMask(c.prefixLength())),
                                    r.nextLong());
                }
            }
        }
        return wantV4 ? IpAddress.ofIpv4(r.nextInt()) : IpAddress.ofIpv6(0x2000_0000_0000_0000L | (r.nextLong() >>> 4),
                r.nextLong());
    }

    @Setup
    public void setup() {
        Random r = new Random(7);
        cidrs = workload(n, r);
        ours = CidrSet.of(cidrs);
        trie = new DualIPv4v6Tries();
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        List<SubnetUtils.SubnetInfo> infos = new ArrayList<>();
        for (Cidr c : cidrs) {
            trie.add(new IPAddressString(c.toString()).getAddress());
            rules.add(new IpSubnetFilterRule(c.address().toInetAddress(), c.prefixLength(), IpFilterRuleType.ACCEPT));
            if (c.isIpv4()) {
                SubnetUtils u = new SubnetUtils(c.toString());
                u.setInclusiveHostCount(true);
                infos.add(u.getInfo());
            }
        }
        netty = new ExposedFilter(rules);
        subnets = infos.toArray(new SubnetUtils.SubnetInfo[0]);
        v4 = new boolean[QUERIES];
        q4 = new int[QUERIES];
        qHi = new long[QUERIES];
        qLo = new long[QUERIES];
        qIpAddress = new IPAddress[QUERIES];
        qNetty = new InetSocketAddress[QUERIES];
        List<Integer> four = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            IpAddress a = query(cidrs, r);
            v4[i] = a.isIpv4();
            q4[i] = a.isIpv4() ? a.ipv4Bits() : 0;
            qHi[i] = a.high();
            qLo[i] = a.low();
            qIpAddress[i] = new IPAddressString(a.toString()).getAddress();
            qNetty[i] = new InetSocketAddress(a.toInetAddress(), 0);
            if (a.isIpv4()) {
                four.add(a.ipv4Bits());
            }
        }
        ipv4Only = four.stream().mapToInt(Integer::intValue).toArray();
    }

    @Benchmark
    public boolean cidrSet() {
        int i = next++ & (QUERIES - 1);
        return v4[i] ? ours.containsIpv4(q4[i]) : ours.containsIpv6(qHi[i], qLo[i]);
    }

    @Benchmark
    public boolean ipAddressTrie() {
        return trie.elementContains(qIpAddress[next++ & (QUERIES - 1)]);
    }

    @Benchmark
    public boolean nettyIpSubnetFilter() {
        return netty.contains(qNetty[next++ & (QUERIES - 1)]);
    }

    @Benchmark
    public boolean cidrSetIpv4Only() {
        return ours.containsIpv4(ipv4Only[Math.floorMod(next++, ipv4Only.length)]);
    }

    @Benchmark
    public boolean commonsNetLinearScanIpv4Only() {
        int a = ipv4Only[Math.floorMod(next++, ipv4Only.length)];
        for (SubnetUtils.SubnetInfo s : subnets) {
            if (s.isInRange(a)) {
                return true;
            }
        }
        return false;
    }

    @Benchmark
    public CidrSet buildCidrSet() {
        return CidrSet.of(cidrs);
    }
}
