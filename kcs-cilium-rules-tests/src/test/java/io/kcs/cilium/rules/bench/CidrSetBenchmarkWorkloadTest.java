package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CIDR-set benchmark compares equal work: every contender answers the benchmark queries alike. */
class CidrSetBenchmarkWorkloadTest {

    @Test
    void everyContenderAgreesOnTheBenchmarkQueries() {
        for (int n : new int[] {16, 1024, 65536}) {
            CidrSetBenchmark b = new CidrSetBenchmark();
            b.n = n;
            b.setup();
            int hits = 0;
            int nettyAgrees = 0;
            for (int i = 0; i < CidrSetBenchmark.QUERIES; i++) {
                boolean ours = b.cidrSet();
                b.next--;
                boolean trie = b.ipAddressTrie();
                b.next--;
                boolean netty = b.nettyIpSubnetFilter();
                assertThat(ours).as("query %d of N=%d", i, n).isEqualTo(trie);
                nettyAgrees += ours == netty ? 1 : 0;
                hits += ours ? 1 : 0;
            }
            // Netty's binary search can miss an address inside a prefix nested in another; the workload rarely nests
            assertThat(nettyAgrees).isGreaterThan(CidrSetBenchmark.QUERIES * 99 / 100);
            assertThat(hits).isBetween(CidrSetBenchmark.QUERIES * 4 / 10, CidrSetBenchmark.QUERIES * 7 / 10);
            for (int i = 0; i < b.ipv4Only.length; i++) {
                b.next = i;
                boolean ours = b.cidrSetIpv4Only();
                b.next = i;
                assertThat(b.commonsNetLinearScanIpv4Only()).isEqualTo(ours);
            }
            assertThat(b.ours.footprintBytes()).isPositive();
        }
    }
}
