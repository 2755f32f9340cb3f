package io.kcs.cilium.rules.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255", "10.0.0.1, 10.0.0.1", "0.1.2.3, 0.1.2.3",
        "::, ::", "::1, ::1", "1::, 1::", "2001:DB8::1, 2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3", "0:0:1:0:0:0:0:0, 0:0:1::", "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::ffff:10.0.0.1, ::ffff:10.0.0.1", "::FFFF:a00:1, ::ffff:10.0.0.1", "::1.2.3.4, ::102:304",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304", "8000::, 8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, "
                + "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    })
    void parsesAndPrintsCanonically(String text, String canonical) {
        IpAddress a = IpAddress.parse(text);
        assertThat(a.toString()).isEqualTo(canonical);
        assertThat(IpAddress.parse(canonical)).isEqualTo(a);
        assertThat(IpAddress.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.1", "10.01.0.1", "10.1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.", ".1.2.3",
        "1..2.3", "fe80::1%eth0", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "[::1]", " 1.2.3.4",
        "1.2.3.4 ", "+1.2.3.4", "", ":", ":1::", "1:2:3:4:5:6:7:8::", "::ffff:010.0.0.1", "1.2.3.4/8", "::g",
        "1:2:3:4:5:6:7:1.2.3.4", "0x0a.0.0.1", "1.2.3.4\u0000"})
    void rejectsNonStrictText(String text) {
        assertThat(IpAddress.isValid(text)).isFalse();
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid IP address");
    }

    @Test
    void mappedAddressesStayIpv6() {
        IpAddress mapped = IpAddress.parse("::ffff:10.0.0.1");
        assertThat(mapped.isIpv4()).isFalse();
        assertThat(mapped.isIpv4Mapped()).isTrue();
        assertThat(mapped).isNotEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(mapped.toInetAddress().getAddress()).hasSize(16);
    }

    @Test
    void convertsFromAndToJavaAddressesWithoutLookups() throws Exception {
        InetAddress v4 = InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
        assertThat(IpAddress.of(v4)).isEqualTo(IpAddress.parse("10.0.0.1"));
        IpAddress v6 = IpAddress.parse("2001:db8::1");
        assertThat(IpAddress.of(v6.toInetAddress())).isEqualTo(v6);
        assertThat(IpAddress.fromBytes(v6.toBytes())).isEqualTo(v6);
        assertThatThrownBy(() -> IpAddress.fromBytes(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersIpv4FirstThenUnsigned() {
        assertThat(IpAddress.parse("128.0.0.0")).isGreaterThan(IpAddress.parse("127.255.255.255"));
        assertThat(IpAddress.parse("8000::")).isGreaterThan(IpAddress.parse("7fff::"));
        assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
        assertThatThrownBy(() -> IpAddress.parse("::1").ipv4Bits()).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8", "10.0.0.1/8, 10.0.0.0/8", "192.0.2.7, 192.0.2.7/32", "0.0.0.0/0, 0.0.0.0/0",
        "255.255.255.255/1, 128.0.0.0/1", "10.0.0.3/31, 10.0.0.2/31", "::/0, ::/0", "8000::1/1, 8000::/1",
        "2001:db8::1/63, 2001:db8::/63", "2001:db8:0:1:ffff::/64, 2001:db8:0:1::/64",
        "2001:db8:0:1:ffff::/65, 2001:db8:0:1:8000::/65", "::1, ::1/128", "::3/127, ::2/127",
        "::ffff:10.0.0.1/104, ::ffff:10.0.0.0/104",
    })
    void parsesCidrsMaskingHostBits(String text, String canonical) {
        assertThat(Cidr.parse(text).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/08", "10.0.0.0/",
        "10.0.0.0/ 8", "10.0.0.0/8a", "/8", "10.0.0.0/8/8", "10.0.0.0//8"})
    void rejectsBadPrefixLengths(String text) {
        assertThat(Cidr.isValid(text)).isFalse();
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "" : "invalid CIDR");
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0, true", "10.0.0.0/8, 10.255.255.255, true", "10.0.0.0/8, 9.255.255.255, false",
        "10.0.0.0/8, 11.0.0.0, false", "0.0.0.0/0, 255.255.255.255, true", "0.0.0.0/0, ::, false",
        "128.0.0.0/1, 127.255.255.255, false", "128.0.0.0/1, 255.0.0.0, true", "10.0.0.2/31, 10.0.0.3, true",
        "10.0.0.2/31, 10.0.0.4, false", "10.0.0.1/32, 10.0.0.1, true", "10.0.0.1/32, 10.0.0.2, false",
        "::/0, 10.0.0.1, false", "::/0, ffff::, true", "8000::/1, 7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
        "8000::/1, 8000::, true", "2001:db8::/64, 2001:db8::ffff:ffff:ffff:ffff, true",
        "2001:db8::/64, 2001:db8:0:1::, false", "::2/127, ::3, true", "::2/127, ::4, false", "::1/128, ::1, true",
        "::ffff:10.0.0.0/104, 10.0.0.1, false", "::ffff:10.0.0.0/104, ::ffff:10.0.0.1, true",
        "::10.0.0.0/104, 10.0.0.1, false",
    })
    void containsIsFamilyStrictAndExactAtBoundaries(String cidr, String ip, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(IpAddress.parse(ip))).isEqualTo(expected);
    }

    @Test
    void containsCidrsRequiresSameFamilyAndNesting() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains(Cidr.parse("10.1.0.0/16"))).isTrue();
        assertThat(ten.contains(ten)).isTrue();
        assertThat(ten.contains(Cidr.parse("10.0.0.0/7"))).isFalse();
        assertThat(ten.contains(Cidr.parse("::ffff:10.0.0.0/104"))).isFalse();
        assertThatThrownBy(() -> Cidr.of(IpAddress.parse("10.0.0.0"), 33)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cidr.parse("10.0.0.0/8")).isEqualTo(Cidr.parse("10.9.9.9/8")).hasSameHashCodeAs(Cidr.parse("10.1.1.1/8"));
        assertThat(Cidr.parse("10.0.0.0/8")).isLessThan(Cidr.parse("10.0.0.0/9"));
    }
}
