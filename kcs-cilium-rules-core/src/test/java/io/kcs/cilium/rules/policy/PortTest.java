package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.net.Protocol;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ports, protocols and ICMP types as Cilium reads them ({@code PortProtocol.sanitize}, {@code ParseL4Proto}, icmp.go). */
class PortTest {

    @ParameterizedTest(name = "port {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // numbers: Go strconv.ParseUint(s, 0, 16)
        "80 | 80",
        "0 | 0",
        "'' | 0",
        "65535 | 65535",
        "010 | 8",
        "00 | 0",
        "1_000 | 1000",
        "0_17 | 15",
        // IANA service names, lower-cased (cf. Cilium's iana.IsSvcName)
        "http | http",
        "HTTP-Alt | http-alt",
        "0x10 | 0x10",
        "1e3 | 1e3",
        "a | a",
        "dns-tcp | dns-tcp",
        "abcdefghijklmno | abcdefghijklmno",
    })
    void readsPortsAsCilium(String text, String expected) {
        assertThat(Port.parse(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "port {0} is refused")
    @CsvSource(delimiter = '|', value = {
        "65536", "080", "08", "-1", "+1", "1_", "_1", "1__0", "abcdefghijklmnop", "-http", "http-", "ht--tp",
        "ht_tp", "8 0", "١٢", "99999999999999999999"})
    void refusesWhatCiliumRefuses(String text) {
        assertThatThrownBy(() -> Port.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "isServiceName({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        // each refused row differs in one place from an accepted one above or below it
        "http | true", "http- | false", "-http | false", "ht-tp | true", "ht--tp | false", "ht_tp | false",
        "a | true", "1 | false", "1a | true", "1-1 | false", "1-a | true", "HTTP | true",
        "abcdefghijklmno | true", "abcdefghijklmnop | false", "'' | false", "hé | false"})
    void isServiceNameIsCiliumsIanaCheck(String text, boolean expected) {
        assertThat(Port.isServiceName(text)).isEqualTo(expected);
    }

    @Test
    void portNumbersAndNames() {
        assertThat(Port.parse("443")).isEqualTo(new Port.Numbered(443));
        assertThat(Port.parse("Https")).isEqualTo(new Port.Named("https"));
        assertThat(new Port.Named("HTTPS").name()).isEqualTo("https");
        assertThat(Port.parse("0").isZero()).isTrue();
        assertThat(Port.parse("http").isZero()).isFalse();
        assertThatThrownBy(() -> new Port.Numbered(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Port.Named("1234")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portProtocolRangesAndText() {
        assertThat(PortProtocol.of("8080", 8090, L4Proto.TCP).toString()).isEqualTo("8080-8090/TCP");
        assertThat(PortProtocol.of("8080", 8090, L4Proto.TCP).isRange()).isTrue();
        assertThat(PortProtocol.of("8080", 0, L4Proto.TCP).isRange()).isFalse();
        assertThat(PortProtocol.of("8080", 80, L4Proto.TCP).isRange()).isFalse();
        assertThat(PortProtocol.of("dns", 0, L4Proto.ANY).toString()).isEqualTo("dns/ANY");
        assertThat(PortProtocol.tcp(443)).isEqualTo(PortProtocol.of("443", 0, L4Proto.TCP));
        assertThat(PortProtocol.udp(53)).isNotEqualTo(PortProtocol.tcp(53));
        assertThatThrownBy(() -> PortProtocol.of("http", 90, L4Proto.TCP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named port");
        assertThatThrownBy(() -> PortProtocol.of("80", 65536, L4Proto.TCP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortProtocol.of("80", -1, L4Proto.TCP)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "protocol {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // cf. Cilium TestParseL4Proto: tcp -> TCP, Any -> ANY, "" -> ANY, foo2 -> error
        "tcp | TCP", "Any | ANY", "'' | ANY", "udp | UDP", "SCTP | SCTP", "vrrp | VRRP", "gre | GRE",
        "foo2 | -", "TCP2 | -", "t | -"})
    void parsesProtocolsAsParseL4Proto(String text, String expected) {
        assertThat(L4Proto.parse(text).map(L4Proto::ciliumName)).isEqualTo(
                expected.equals("-") ? Optional.empty() : Optional.of(expected));
    }

    @Test
    void protocolsMapToPacketProtocols() {
        assertThat(L4Proto.ANY.packetProtocols()).containsExactly(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
        assertThat(L4Proto.TCP.packetProtocols()).containsExactly(Protocol.TCP);
        assertThat(L4Proto.GRE.packetProtocols()).containsExactly(Protocol.OTHER);
        assertThat(L4Proto.GRE.isExtended()).isTrue();
        assertThat(L4Proto.ANY.isExtended()).isFalse();
    }

    @ParameterizedTest(name = "ICMP {0}/{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // cf. Cilium TestICMPFieldUnmarshal and icmp.go's name tables
        "IPv4 | EchoRequest | 8", "IPv4 | Echo | 8", "IPv4 | EchoReply | 0", "IPv4 | ExtendedEchoReply | 43",
        "IPv6 | EchoRequest | 128", "IPv6 | PacketTooBig | 2", "IPv6 | ICMPNodeInformationQuery | 139",
        "IPv6 | DuplicateAddressConfirmationCodeSuffix | 158", "IPv6 | ExtendedEchoReply | 161"})
    void icmpTypeNamesPerFamily(String family, String name, int type) {
        IcmpField f = IcmpField.ofName(IcmpFamily.parse(family).orElseThrow(), name);
        assertThat(f.type()).isEqualTo(type);
        assertThat(f.toString()).isEqualTo(family + "/" + name);
    }

    @Test
    void icmpRefusesNamesOfTheOtherFamilyAndBadNumbers() {
        assertThatThrownBy(() -> IcmpField.ofName(IcmpFamily.IPV4, "ICMPNodeInformationQuery"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> IcmpField.ofName(IcmpFamily.IPV6, "Echo")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IcmpField.ofName(IcmpFamily.IPV4, "echorequest"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IcmpField.ofNumber(IcmpFamily.IPV4, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IcmpField.ofNumber(IcmpFamily.IPV4, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IcmpField(IcmpFamily.IPV4, 9, Optional.of("Echo")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(IcmpField.ofNumber(IcmpFamily.IPV6, 255).toString()).isEqualTo("IPv6/255");
        assertThat(IcmpFamily.parse("")).contains(IcmpFamily.IPV4);
        assertThat(IcmpFamily.parse("ipv6")).isEmpty();
        assertThat(IcmpFamily.parse("hoge")).isEmpty();
        assertThat(IcmpField.typeNames(IcmpFamily.IPV4)).hasSize(14);
        assertThat(IcmpField.typeNames(IcmpFamily.IPV6)).hasSize(27);
        assertThat(new IcmpRule(List.of(IcmpField.ofNumber(IcmpFamily.IPV4, 8), IcmpField.ofName(IcmpFamily.IPV6,
                "EchoRequest"))).toString()).isEqualTo("icmps{IPv4/8 IPv6/EchoRequest}");
    }
}
