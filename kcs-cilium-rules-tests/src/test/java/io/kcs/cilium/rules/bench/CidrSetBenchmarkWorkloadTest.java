package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CIDR-set benchmark compares equal work: every contender's answer to every benchmark query is checked. Ours,
 * IPAddress's trie and the commons-net scan must agree exactly; Netty's filter may only differ where its binary
 * search is known to fail (an address inside a prefix that overlaps another prefix of the set), and only by missing.
 */
class CidrSetBenchmarkWorkloadTest {

    private static IpAddress address(CidrSetBenchmark b, int i) {
        return b.v4[i] ? IpAddress.ofIpv4(b.q4[i]) : IpAddress.ofIpv6(b.qHi[i], b.qLo[i]);
    }

    /** Whether some prefix containing {@code a} overlaps another prefix of the set. */
    private static boolean insideOverlappingPrefixes(List<Cidr> cidrs, IpAddress a) {
        for (Cidr c : cidrs) {
            if (c.contains(a)) {
                for (Cidr d : cidrs) {
                    if (d != c && (c.contains(d) || d.contains(c))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void everyContenderAnswersEveryBenchmarkQuery() {
        for (int n : new int[] {16, 1024, 65536}) {
            CidrSetBenchmark b = new CidrSetBenchmark();
            b.n = n;
            b.setup();
            int hits = 0;
            int nettyMisses = 0;
            for (int i = 0; i < CidrSetBenchmark.QUERIES; i++) {
                IpAddress a = address(b, i);
                b.next = i;
                boolean trie = b.ipAddressTrie();
                // brute force where affordable; at N=65536 the trie is the reference (it agrees with brute force
                // at the smaller sizes)
                boolean truth = n > 1024 ? trie : b.cidrs.stream().anyMatch(c -> c.contains(a));
                assertThat(trie).as("trie, query %d (%s) of N=%d", i, a, n).isEqualTo(truth);
                b.next = i;
                assertThat(b.cidrSet()).as("ours, query %d (%s) of N=%d", i, a, n).isEqualTo(truth);
                b.next = i;
                boolean netty = b.nettyIpSubnetFilter();
                if (netty != truth) {
                    assertThat(truth).as("netty accepts %s outside every prefix (N=%d)", a, n).isTrue();
                    assertThat(insideOverlappingPrefixes(b.cidrs, a)).as("netty misses %s (N=%d)", a, n).isTrue();
                    nettyMisses++;
                }
                hits += truth ? 1 : 0;
            }
            assertThat(nettyMisses).isLessThan(CidrSetBenchmark.QUERIES / 100);
            assertThat(hits).isBetween(CidrSetBenchmark.QUERIES * 4 / 10, CidrSetBenchmark.QUERIES * 7 / 10);
            int fourHits = 0;
            for (int i = 0; i < b.ipv4Only.length; i++) {
                IpAddress a = IpAddress.ofIpv4(b.ipv4Only[i]);
                b.next = i;
                boolean truth = b.commonsNetLinearScanIpv4Only(); // a linear scan: the brute-force answer
                b.next = i;
                assertThat(b.cidrSetIpv4Only()).as("ours, IPv4 query %s", a).isEqualTo(truth);
                fourHits += truth ? 1 : 0;
            }
            assertThat(fourHits).isBetween(b.ipv4Only.length / 4, b.ipv4Only.length * 3 / 4);
            assertThat(b.buildCidrSet()).isEqualTo(b.ours);
            assertThat(b.ours.footprintBytes()).isPositive();
        }
    }
}
