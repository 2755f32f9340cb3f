package io.kcs.cilium.rules.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrSetTest {

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "0.0.0.0/0; 0.0.0.0; true", "0.0.0.0/0; 255.255.255.255; true", "0.0.0.0/0; ::; false",
        "128.0.0.0/1; 128.0.0.0; true", "128.0.0.0/1; 127.255.255.255; false", "128.0.0.0/1; 255.255.255.255; true",
        "10.0.0.2/31; 10.0.0.1; false", "10.0.0.2/31; 10.0.0.2; true", "10.0.0.2/31; 10.0.0.3; true",
        "10.0.0.2/31; 10.0.0.4; false", "255.255.255.255/32; 255.255.255.255; true",
        "255.255.255.255/32; 255.255.255.254; false", "::/0; ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff; true",
        "::/0; 0.0.0.0; false", "8000::/1; 8000::; true", "8000::/1; 7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff; false",
        "2001:db8::/63; 2001:db8:0:1:ffff:ffff:ffff:ffff; true", "2001:db8::/63; 2001:db8:0:2::; false",
        "2001:db8::/65; 2001:db8::7fff:ffff:ffff:ffff; true", "2001:db8::/65; 2001:db8::8000:0:0:0; false",
        "::2/127; ::3; true", "::2/127; ::4; false", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128; "
                + "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff; true",
        "::ffff:10.0.0.0/104; 10.0.0.1; false", "::ffff:10.0.0.0/104; ::ffff:10.0.0.1; true",
        "::10.0.0.0/104; 10.0.0.1; false", "10.0.0.0/8; ::ffff:10.0.0.1; false", "10.0.0.0/8; ::10.0.0.1; false",
    })
    void membershipIsExactAndFamilyStrict(String set, String address, boolean expected) {
        CidrSet s = CidrSet.parse(set);
        IpAddress a = ip(address);
        assertThat(s.contains(a)).isEqualTo(expected);
        if (a.isIpv4()) {
            assertThat(s.containsIpv4(a.ipv4Bits())).isEqualTo(expected);
        } else {
            assertThat(s.containsIpv6(a.high(), a.low())).isEqualTo(expected);
        }
    }

    @Test
    void longestMatchReturnsTheMostSpecificInputPrefix() {
        CidrSet s = CidrSet.parse("10.0.0.0/8, 10.1.0.0/16, 10.1.2.0/24, 2001:db8::/32, 2001:db8::1/128, 0.0.0.0/0");
        assertThat(s.longestMatch(ip("10.1.2.3"))).contains(Cidr.parse("10.1.2.0/24"));
        assertThat(s.longestMatch(ip("10.1.3.3"))).contains(Cidr.parse("10.1.0.0/16"));
        assertThat(s.longestMatch(ip("10.2.3.3"))).contains(Cidr.parse("10.0.0.0/8"));
        assertThat(s.longestMatch(ip("11.0.0.0"))).contains(Cidr.parse("0.0.0.0/0"));
        assertThat(s.longestMatch(ip("2001:db8::1"))).contains(Cidr.parse("2001:db8::1/128"));
        assertThat(s.longestMatch(ip("2001:db8::2"))).contains(Cidr.parse("2001:db8::/32"));
        assertThat(s.longestMatch(ip("2001:db9::"))).isEmpty();
        CidrSet top = CidrSet.parse("255.255.255.255/32, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128, ffff::/16");
        assertThat(top.longestMatch(ip("255.255.255.255"))).contains(Cidr.parse("255.255.255.255/32"));
        assertThat(top.longestMatch(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")))
                .contains(Cidr.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));
        assertThat(top.longestMatchLengthIpv6(-1L, -2L)).isEqualTo(16);
    }

    @Test
    void adjacentAndNestedPrefixesMerge() {
        assertThat(CidrSet.parse("10.0.0.0/24, 10.0.1.0/24").minimal()).containsExactly(Cidr.parse("10.0.0.0/23"));
        assertThat(CidrSet.parse("10.0.1.0/24, 10.0.2.0/24").minimal())
                .containsExactly(Cidr.parse("10.0.1.0/24"), Cidr.parse("10.0.2.0/24"));
        assertThat(CidrSet.parse("10.0.0.0/8, 10.1.0.0/16, 10.0.0.0/8").minimal())
                .containsExactly(Cidr.parse("10.0.0.0/8"));
        assertThat(CidrSet.parse("::/1, 8000::/1").minimal()).containsExactly(Cidr.parse("::/0"));
        assertThat(CidrSet.parse("2001:db8::/48, 2001:db8:1::/48").minimal())
                .containsExactly(Cidr.parse("2001:db8::/47"));
    }

    @Test
    void catchesSplitCoversOfTheWholeInternet() {
        assertThat(CidrSet.parse("0.0.0.0/1, 128.0.0.0/1").coversAllIpv4()).isTrue();
        assertThat(CidrSet.parse("0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/2").coversAllIpv4()).isTrue();
        assertThat(CidrSet.parse("0.0.0.0/1, 128.0.0.0/2").coversAllIpv4()).isFalse();
        assertThat(CidrSet.parse("::/1, 8000::/1").coversAllIpv6()).isTrue();
        assertThat(CidrSet.parse("0.0.0.0/0").coversAllIpv6()).isFalse();
        assertThat(CidrSet.parse("0.0.0.0/0").addressCount(true)).isEqualTo(BigInteger.ONE.shiftLeft(32));
        assertThat(CidrSet.parse("::/0").addressCount(false)).isEqualTo(BigInteger.ONE.shiftLeft(128));
    }

    @Test
    void setAlgebraReturnsMinimalSets() {
        CidrSet a = CidrSet.parse("10.0.0.0/8, 2001:db8::/32");
        CidrSet b = CidrSet.parse("10.0.0.0/9, 10.200.0.0/16, ::/0");
        assertThat(a.difference(b).toString()).isEqualTo(
                "10.128.0.0/10, 10.192.0.0/13, 10.201.0.0/16, 10.202.0.0/15, 10.204.0.0/14, 10.208.0.0/12, 10.224.0.0/11");
        assertThat(a.intersection(b).toString()).isEqualTo("10.0.0.0/9, 10.200.0.0/16, 2001:db8::/32");
        assertThat(a.union(b).toString()).isEqualTo("10.0.0.0/8, ::/0");
        assertThat(a.difference(a).isEmpty()).isTrue();
        assertThat(CidrSet.parse("0.0.0.0/0").difference(CidrSet.parse("10.0.0.0/8")).addressCount(true))
                .isEqualTo(BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE.shiftLeft(24)));
        assertThat(CidrSet.parse("::/0").difference(CidrSet.parse("::1/128")).minimal()).hasSize(128);
    }

    @Test
    void containsAndIntersectsCidrs() {
        CidrSet s = CidrSet.parse("10.0.0.0/9, 10.128.0.0/9, 192.168.0.0/24");
        assertThat(s.contains(Cidr.parse("10.0.0.0/8"))).isTrue(); // covered by two halves
        assertThat(s.contains(Cidr.parse("10.0.0.0/7"))).isFalse();
        assertThat(s.intersects(Cidr.parse("10.0.0.0/7"))).isTrue();
        assertThat(s.intersects(Cidr.parse("192.168.1.0/24"))).isFalse();
        assertThat(s.contains(Cidr.parse("::ffff:10.0.0.0/104"))).isFalse();
        assertThat(s.intersects(Cidr.parse("::/0"))).isFalse();
    }

    /**
     * {@code intersects(Cidr)} at every boundary of an IPv4 set: prefixes ending just before a range, starting just
     * after it, touching its first or last address, inside it, around it, and at both ends of the address space.
     */
    @ParameterizedTest(name = "{0} intersects {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 10.0.0.0/8; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 9.255.255.255/32; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 10.0.0.0/32; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 10.127.255.255/32; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 10.128.0.0/32; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 10.128.0.0/9; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 10.64.0.0/10; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 8.0.0.0/6; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 8.0.0.0/7; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 192.167.255.255/32; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 192.168.0.255/32; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 192.168.1.0/24; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 192.168.0.128/25; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 128.0.0.0/1; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 255.255.255.254/32; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 255.255.255.254/31; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 0.0.0.0/0; true",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 0.0.0.0/5; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 11.0.0.0/8; false",
        "10.0.0.0/9, 192.168.0.0/24, 255.255.255.255/32; 200.0.0.0/8; false",
        "0.0.0.0/32; 0.0.0.0/32; true", "0.0.0.0/32; 0.0.0.1/32; false", "0.0.0.0/32; 0.0.0.0/31; true",
        "2001:db8::/32; 2001:db8::/48; true", "2001:db8::/32; 2001:db9::/48; false",
        "2001:db8::/32; 10.0.0.0/8; false",
    })
    void intersectsCidrsAtEveryBoundary(String set, String cidr, boolean expected) {
        CidrSet s = CidrSet.parse(set);
        Cidr c = Cidr.parse(cidr);
        assertThat(s.intersects(c)).isEqualTo(expected);
        assertThat(s.intersection(CidrSet.of(java.util.List.of(c))).isEmpty()).isEqualTo(!expected);
    }

    @Test
    void equalityIsAddressSetEquality() {
        assertThat(CidrSet.parse("10.0.0.0/9, 10.128.0.0/9")).isEqualTo(CidrSet.parse("10.0.0.0/8"))
                .hasSameHashCodeAs(CidrSet.parse("10.0.0.0/8, 10.1.0.0/16"));
        assertThat(CidrSet.parse("10.0.0.0/8")).isNotEqualTo(CidrSet.parse("::ffff:10.0.0.0/104"));
        assertThat(CidrSet.parse("")).isEqualTo(CidrSet.empty());
        assertThat(CidrSet.parse("  ").isEmpty()).isTrue();
        CidrSet s = CidrSet.parse("192.0.2.7, 2001:db8::/32, 10.0.0.1/8");
        assertThat(s.toString()).isEqualTo("10.0.0.0/8, 192.0.2.7/32, 2001:db8::/32");
        assertThat(CidrSet.parse(s.toString())).isEqualTo(s);
    }

    @Test
    void hiOnlyAndFullIpv6ModesAgree() {
        CidrSet hiOnly = CidrSet.parse("2001:db8::/48, 2001:db8:0:1::/64");
        CidrSet full = CidrSet.parse("2001:db8::/48, 2001:db8:0:1::/64, 3000::1/128");
        for (String a : new String[] {"2001:db8::1", "2001:db8:0:1:ffff::", "2001:db8:1::", "2001:db7:ffff::"}) {
            assertThat(full.contains(ip(a))).isEqualTo(hiOnly.contains(ip(a)));
        }
        assertThat(full.contains(ip("3000::1"))).isTrue();
        assertThat(full.contains(ip("3000::2"))).isFalse();
        assertThat(hiOnly.footprintBytes()).isLessThan(full.footprintBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/8,", ",10.0.0.0/8", "10.0.0.0/8,,::/0", "a.b", "010.0.0.1"})
    void rejectsBadText(String text) {
        assertThatThrownBy(() -> CidrSet.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }
}
