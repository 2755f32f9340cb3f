package io.kcs.cilium.rules.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The oracle itself against Cilium's documented examples (docs "DNS based" policy and {@code matchpattern} tests as
 * described in semantics.md), so that a wrong translation cannot make the differential property vacuous.
 * Negative rows keep the label count of a positive row and change one thing.
 */
class CiliumMatchPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "*.cilium.io, www.cilium.io, true", "*.cilium.io, www.cilium.io., true", "*.cilium.io, www.evil.io, false",
        "*.cilium.io, cilium.io, false", "*.cilium.io, a.b.cilium.io, false",
        "*cilium.io, cilium.io, true", "*cilium.io, subcilium.io, true", "*cilium.io, subcilium.com, false",
        "*cilium.io, www.cilium.io, false",
        "**.cilium.io, a.cilium.io, true", "**.cilium.io, a.b.cilium.io, true", "**.cilium.io, a.b.cilium.com, false",
        "**.cilium.io, cilium.io, false", "**.cilium.io, .cilium.io, false",
        "sub*.cilium.io, sub.cilium.io, true", "sub*.cilium.io, subway.cilium.io, true",
        "sub*.cilium.io, sob.cilium.io, false",
        "api.example.com, API.example.com, true", "api.example.com, apx.example.com, false",
        "*, ., true", "*, a.b.c, true", "*, a..b, false", "*., x, true", "**, x.y, true", "*, a b, false",
        "a**b.com, axyb.com, true", "a**b.com, a.b.com, false", "*.*, .., true", "*.*, a., false",
    })
    void matchesAsCiliumDocuments(String pattern, String name, boolean expected) {
        assertThat(CiliumMatchPattern.matches(pattern, name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "*.cilium.io; ^[-a-zA-Z0-9_]*[.]cilium[.]io[.]$",
        "**.cilium.io.; ^([-a-zA-Z0-9_]+([.][-a-zA-Z0-9_]+)*)[.]cilium[.]io[.]$",
        "a***b; ^a[-a-zA-Z0-9_]*b[.]$",
        "**; (^([-a-zA-Z0-9_]+[.])+$)|(^[.]$)",
    })
    void buildsCiliumsExpression(String pattern, String regex) {
        assertThat(CiliumMatchPattern.regex(pattern)).isEqualTo(regex);
    }
}
