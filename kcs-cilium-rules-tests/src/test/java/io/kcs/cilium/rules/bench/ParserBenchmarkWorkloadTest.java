package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetSocketAddress;
import org.apache.commons.net.util.SubnetUtils;
import org.junit.jupiter.api.Test;

/**
 * The parser benchmark measures equal, valid work: its lists parse cleanly, and every contender's answer for each CIDR
 * is checked (network and length from each library, Netty's rule on the first, last and next address).
 */
class ParserBenchmarkWorkloadTest {

    @Test
    void benchmarkListsParseCleanlyToTheirSize() {
        ParserBenchmark b = new ParserBenchmark();
        b.setup();
        ParseResult r50 = RuleParser.strict().parse(b.list50);
        assertThat(r50.diagnostics()).isEmpty();
        assertThat(r50.rules().size()).isEqualTo(50);
        ParseResult r10k = RuleParser.strict().parse(b.list10k);
        assertThat(r10k.diagnostics()).isEmpty();
        assertThat(r10k.rules().size()).isEqualTo(10_000);
        assertThat(r10k.rules().toString()).isEqualTo(b.list10k);
        assertThat(b.parseList50()).isEqualTo(r50.rules());
        assertThat(b.parseList10k()).isEqualTo(r10k.rules());
    }

    @Test
    void everyAnchorReadsTheSameNetworkFromEachCidr() {
        ParserBenchmark b = new ParserBenchmark();
        b.setup();
        for (int i = 0; i < ParserBenchmark.STRINGS; i++) {
            b.next = i;
            Cidr ours = b.cidrEntryCidrParse();
            b.next = i;
            assertThat(b.cidrEntryRuleParser().rules().toString()).isEqualTo(ours.toString());
            b.next = i;
            assertThat(b.cidrEntryGuava()).isEqualTo(ours.address().toBytes());
            b.next = i;
            IPAddress ip = b.cidrEntryIpAddress();
            assertThat(ip.toPrefixBlock().getLower().getBytes()).isEqualTo(ours.address().toBytes());
            assertThat(ip.getNetworkPrefixLength()).isEqualTo(ours.prefixLength());
            b.next = i;
            IpSubnetFilterRule netty = b.cidrEntryNetty();
            assertThat(netty.matches(socket(ours.address()))).as("netty, network of %s", ours).isTrue();
            assertThat(netty.matches(socket(last(ours)))).as("netty, last address of %s", ours).isTrue();
            if (ours.prefixLength() > 0) {
                assertThat(netty.matches(socket(outside(ours)))).as("netty, just outside %s", ours).isFalse();
            }
        }
        for (int i = 0; i < b.ipv4.length; i++) {
            b.next = i;
            SubnetUtils u = b.cidrEntryCommonsNetIpv4Only();
            Cidr ours = Cidr.parse(b.ipv4[i]);
            assertThat(u.getInfo().getNetworkAddress()).isEqualTo(ours.address().toString());
            assertThat(new IPAddressString(b.ipv4[i]).getAddress().getNetworkPrefixLength())
                    .isEqualTo(ours.prefixLength());
            b.next = i;
            assertThat(b.cidrEntryRuleParserIpv4Only().rules().toString()).isEqualTo(ours.toString());
        }
    }

    private static InetSocketAddress socket(IpAddress a) {
        return new InetSocketAddress(a.toInetAddress(), 0);
    }

    /** The last address of the prefix. */
    private static IpAddress last(Cidr c) {
        IpAddress a = c.address();
        return c.isIpv4() ? IpAddress.ofIpv4(a.ipv4Bits() | ~Cidr.ipv4Mask(c.prefixLength()))
                : IpAddress.ofIpv6(a.high() | ~Cidr.highMask(c.prefixLength()), a.low() | ~Cidr.lowMask(c.prefixLength()));
    }

    /** An address just outside the prefix: the one after its last address, or before its first when it ends the space. */
    private static IpAddress outside(Cidr c) {
        IpAddress l = last(c);
        IpAddress a = c.address();
        if (c.isIpv4()) {
            return l.ipv4Bits() == -1 ? IpAddress.ofIpv4(a.ipv4Bits() - 1) : IpAddress.ofIpv4(l.ipv4Bits() + 1);
        }
        if (l.high() == -1L && l.low() == -1L) {
            return IpAddress.ofIpv6(a.low() == 0 ? a.high() - 1 : a.high(), a.low() - 1);
        }
        return IpAddress.ofIpv6(l.low() == -1L ? l.high() + 1 : l.high(), l.low() + 1);
    }
}
