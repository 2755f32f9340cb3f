package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.net.Cidr;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole-list parser benchmarks do equal work: on the 50-entry CIDR list every anchor reads the same 50 networks
 * as ours, entry by entry, and the naive mixed-list reader sees the same 50 entries.
 */
class ParserListBenchmarkWorkloadTest {

    @Test
    void everyWholeListAnchorReadsTheSameNetworks() throws UnknownHostException {
        ParserBenchmark b = new ParserBenchmark();
        b.setup();
        RuleSet ours = b.cidrList50RuleParser();
        assertThat(ours.size()).isEqualTo(50);
        List<byte[]> guava = b.cidrList50Guava();
        List<IPAddress> ipAddress = b.cidrList50IpAddress();
        List<IpSubnetFilterRule> netty = b.cidrList50Netty();
        assertThat(guava).hasSize(50);
        assertThat(ipAddress).hasSize(50);
        assertThat(netty).hasSize(50);
        int ipv4 = 0;
        for (int i = 0; i < 50; i++) {
            Rule r = ours.rules().get(i);
            Cidr c = ((CidrRule) r).cidr();
            ipv4 += c.isIpv4() ? 1 : 0;
            assertThat(guava.get(i)).as("Guava, entry %d", i).isEqualTo(c.address().toBytes());
            assertThat(ipAddress.get(i).toPrefixBlock().getLower().getBytes()).as("IPAddress, entry %d", i)
                    .isEqualTo(c.address().toBytes());
            assertThat(ipAddress.get(i).getNetworkPrefixLength()).isEqualTo(c.prefixLength());
            // Netty: the network's first and last address match, the address just below the network does not
            byte[] first = c.address().toBytes();
            byte[] last = first.clone();
            for (int bit = c.prefixLength(); bit < last.length * 8; bit++) {
                last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            assertThat(netty.get(i).matches(new InetSocketAddress(InetAddress.getByAddress(first), 1)))
                    .as("Netty first address, entry %d", i).isTrue();
            assertThat(netty.get(i).matches(new InetSocketAddress(InetAddress.getByAddress(last), 1)))
                    .as("Netty last address, entry %d", i).isTrue();
            byte[] below = first.clone();
            int k = below.length - 1;
            while (k >= 0 && below[k] == 0) {
                below[k--] = (byte) 0xFF;
            }
            if (k >= 0 && c.prefixLength() > 0) {
                below[k]--;
                assertThat(netty.get(i).matches(new InetSocketAddress(InetAddress.getByAddress(below), 1)))
                        .as("Netty address below, entry %d", i).isFalse();
            }
        }
        assertThat(ipv4).isBetween(30, 48); // about 80% IPv4, as documented
        assertThat(b.mixedList50NaiveGuava()).hasSize(50);
        assertThat(b.parseList50().size()).isEqualTo(50);
    }
}
