package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import org.apache.commons.net.util.SubnetUtils;
import org.junit.jupiter.api.Test;

/** The parser benchmark measures equal, valid work: its lists parse cleanly and every anchor agrees on each CIDR. */
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
            assertThat(b.cidrEntryNetty().toString()).isNotEmpty();
        }
        for (int i = 0; i < b.ipv4.length; i++) {
            b.next = i;
            SubnetUtils u = b.cidrEntryCommonsNetIpv4Only();
            Cidr ours = Cidr.parse(b.ipv4[i]);
            assertThat(u.getInfo().getNetworkAddress()).isEqualTo(ours.address().toString());
            assertThat(new IPAddressString(b.ipv4[i]).getAddress().getNetworkPrefixLength())
                    .isEqualTo(ours.prefixLength());
        }
    }
}
