package io.kcs.cilium.rules.fqdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.DiagnosticCodes;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FqdnSelectorTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        // semantics.md §2 examples
        "*.cilium.io, www.cilium.io, true", "*.cilium.io, cilium.io, false", "*.cilium.io, a.b.cilium.io, false",
        "*.cilium.io, .cilium.io., true", "*cilium.io, cilium.io, true", "*cilium.io, subcilium.io, true",
        "*cilium.io, www.cilium.io, false", "**.cilium.io, a.cilium.io, true", "**.cilium.io, a.b.cilium.io, true",
        "**.cilium.io, cilium.io, false", "sub*.cilium.io, subdomain.cilium.io, true",
        "sub*.cilium.io, sub.cilium.io, true", "sub*.cilium.io, www.cilium.io, false",
        // case and trailing dots on both sides
        "*.Cilium.IO., WWW.CILIUM.IO, true", "api.example.com, API.Example.com., true",
        "api.example.com, api.example.com.., false", "api.example.com, api.example, false",
        // match-all patterns
        "*, ., true", "*, a, true", "*, a.b.c, true", "*, a..b, false", "*, a b, false", "**, x.y, true",
        "*., x.y, true", "*, under_score.x, true",
        // ** only as a leading run followed by a dot
        "a**b.com, axxb.com, true", "a**b.com, a.b.com, false", "**.x, .x, false", "***.x, a.b.x, true",
        // middle chunks and underscores
        "a*b*c.com, axxbyyc.com, true", "a*b*c.com, acb.com, false", "a*b*c.com, abc.com, true",
        "*_*.x, a_b.x, true", "*.x, -.x, true", "*.x, a*.x, false", "*.x, ä.x, false",
        // empty labels
        "*.*, .., true", "*.*, a., false", "x.*, x., false",
    })
    void matchesAsCiliumDoes(String pattern, String name, boolean expected) {
        assertThat(FqdnSelector.parse(pattern).matches(name)).isEqualTo(expected);
    }

    /**
     * Negative rows with the same label count as a positive row, differing in one literal label: a matcher that
     * only counts labels (or skips the wrong labels after {@code **.}) fails here.
     */
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        // one-label wildcard, the literal labels differ in one place
        "*.cilium.io, www.cilium.io, true", "*.cilium.io, www.evil.io, false", "*.cilium.io, www.cilium.com, false",
        "*.cilium.io, www.ciliumx.io, false", "*.cilium.io, www.cilium.i, false",
        // exact names, same length and label count
        "api.example.com, api.example.com, true", "api.example.com, apx.example.com, false",
        "api.example.com, api.example.org, false", "api.example.com, api.exampla.com, false",
        // ** skips exactly the labels before the literal suffix
        "**.b.c, x.b.c, true", "**.b.c, x.y.b.c, true", "**.b.c, x.y.z.b.c, true",
        "**.b.c, x.b.d, false", "**.b.c, x.y.z.b.d, false", "**.b.c, x.y.z.d.c, false", "**.b.c, b.c.b.z, false",
        "**.b.c, b.c.x.c, false", "**.b.c, x.b.b.c, true", "**.b.c, b.x.y.c, false",
        // a wildcard label keeps its literal chunks
        "sub*.x.io, subway.x.io, true", "sub*.x.io, sob.x.io, false", "*way.x.io, subway.x.io, true",
        "*way.x.io, subwax.x.io, false", "s*w*y.x.io, subway.x.io, true", "s*w*y.x.io, subwax.x.io, false",
        "s*w*y.x.io, sxbaay.x.io, false",
        // the literal chunks of one label never overlap: first, middle and last each take their own characters
        "ab*ba.x, abba.x, true", "ab*ba.x, aba.x, false", "a*b*b.x, abb.x, true", "a*b*b.x, ab.x, false",
        "a*bc*c.x, abcc.x, true", "a*bc*c.x, abc.x, false",
        // upper-case letters at both ends of A-Z are lower-cased
        "za.io, ZA.io, true", "za.io, ZB.io, false",
        // a name ending in an empty label is not well formed, even for a match-all pattern
        "*, a., true", "*, a.., false",
    })
    void literalLabelsMustMatchNotJustTheLabelCount(String pattern, String name, boolean expected) {
        assertThat(FqdnSelector.parse(pattern).matches(name)).isEqualTo(expected);
    }

    @Test
    void theEmptyNameIsTheRoot() {
        assertThat(FqdnSelector.parse("*").matches("")).isTrue();
        assertThat(FqdnSelector.parse("a").matches("")).isFalse();
        assertThat(FqdnSelector.parse("*.a").matches("")).isFalse();
    }

    @Test
    void errorsSayWhetherANameOrAPatternWasRejected() {
        assertThatThrownBy(() -> FqdnSelector.matchName("*.a")).hasMessageStartingWith("invalid FQDN name ");
        assertThatThrownBy(() -> FqdnSelector.matchPattern("a..b")).hasMessageStartingWith("invalid FQDN pattern ");
    }

    @Test
    void lowerCasesNamesAsGoDoes() {
        assertThat(FqdnSelector.parse("kube.io").matches("\u212Aube.io")).isTrue(); // Kelvin sign
        assertThat(FqdnSelector.parse("*.io").matches("\u0130.io")).isTrue(); // dotted capital I
        assertThat(FqdnSelector.parse("*.io").matches("\u00e9.io")).isFalse();
    }

    @Test
    void longAdversarialInputsAreAnsweredCorrectly() {
        String name = "a".repeat(250) + ".x";
        assertThat(FqdnSelector.parse("*a*a*a*a*a*a*a*b.x").matches(name)).isFalse();
        assertThat(FqdnSelector.parse("*a*a*a*a*a*a*a*a.x").matches(name)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Example.COM., example.com, false", "*.Example.com, *.example.com, true", "*., *, true",
        "a.b, a.b, false", "localhost, localhost, false", "under_score.x, under_score.x, false"})
    void normalisesValues(String text, String value, boolean pattern) {
        FqdnSelector s = FqdnSelector.parse(text);
        assertThat(s.value()).isEqualTo(value);
        assertThat(s.isPattern()).isEqualTo(pattern);
        assertThat(s.toString()).isEqualTo(value);
    }

    @Test
    void aPatternWithoutWildcardIsTheName() {
        assertThat(FqdnSelector.matchPattern("a.b")).isEqualTo(FqdnSelector.matchName("A.B."));
        assertThat(FqdnSelector.matchPattern("a.b").isPattern()).isFalse();
        assertThat(FqdnSelector.parse("*").isMatchAll()).isTrue();
        assertThat(FqdnSelector.parse("*.a").isMatchAll()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", ".a.com", "a..b", "a b", "a/b", "a:b", "a=b", "1.2.3.4", "123", "ä.com"})
    void rejectsWhatTheCrdRejects(String text) {
        assertThat(FqdnSelector.isValid(text)).isFalse();
        assertThatThrownBy(() -> FqdnSelector.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsWildcardsInNames() {
        assertThatThrownBy(() -> FqdnSelector.matchName("*.a")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A value of {@code length} characters made of 63-character labels (the last one shorter). */
    private static String nameOfLength(int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append("a".repeat(Math.min(63, length - b.length())));
        }
        return b.toString();
    }

    // Cilium appends the trailing dot before it checks its 255-character limit (matchpattern.Sanitize, MaxFQDNLength),
    // so a 255-character value would be refused by the agent and select nothing: values stop at 254.
    @ParameterizedTest(name = "{0} characters, trailing dot {1}: valid {2}")
    @CsvSource({"254, false, true", "255, false, false", "254, true, true", "255, true, false"})
    void capsValuesAt254CharactersBecauseCiliumAddsTheTrailingDot(int length, boolean trailingDot, boolean valid) {
        String text = nameOfLength(length) + (trailingDot ? "." : "");
        assertThat(nameOfLength(length)).hasSize(length);
        assertThat(FqdnSelector.isValid(text)).isEqualTo(valid);
        assertThat(FqdnSelector.isValid("*" + text.substring(1))).isEqualTo(valid);
        if (valid) {
            assertThat(FqdnSelector.parse(text).value()).hasSize(length);
        } else {
            assertThatThrownBy(() -> FqdnSelector.matchName(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 254");
        }
        ParseResult r = RuleParser.lenient().parse(text);
        assertThat(r.diagnostics()).extracting(Diagnostic::code)
                .isEqualTo(valid ? List.of() : List.of(DiagnosticCodes.INVALID_FQDN));
    }

    // A pattern made only of '*' is left without a dot by Cilium, so its limit stays 255.
    @ParameterizedTest(name = "{0} stars, trailing dot {1}: valid {2}")
    @CsvSource({"255, false, true", "256, false, false", "255, true, true", "256, true, false"})
    void capsMatchAllPatternsAt255Characters(int length, boolean trailingDot, boolean valid) {
        String text = "*".repeat(length) + (trailingDot ? "." : "");
        assertThat(FqdnSelector.isValid(text)).isEqualTo(valid);
        if (valid) {
            assertThat(FqdnSelector.parse(text).isMatchAll()).isTrue();
        }
    }
}
