package io.kcs.cilium.rules.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Containment rows from Cilium's matchpattern semantics (the examples of {@code matchpattern_test.go}'s
 * {@code TestMatchPatternREConversion} and the 1.19 multi-label tests, restated as containment); each positive row
 * has a negative twin differing in one place.
 */
class FqdnContainmentTest {

    private static FqdnSelector s(String v) {
        return FqdnSelector.parse(v);
    }

    @ParameterizedTest(name = "[{index}] {1} inside {0}: {2}")
    @CsvSource(delimiter = ';', value = {
        "*.example.com   ; api.example.com    ; true",
        "*.example.com   ; example.com        ; false",
        "*.example.com   ; a.b.example.com    ; false",
        "**.example.com  ; a.b.example.com    ; true",
        "**.example.com  ; example.com        ; false",
        "**.example.com  ; *.example.com      ; true",
        "*.example.com   ; **.example.com     ; false",
        "**.example.com  ; **.a.example.com   ; true",
        "**.a.example.com; **.example.com     ; false",
        "*example.com    ; example.com        ; true",
        "*example.com    ; subexample.com     ; true",
        "*example.com    ; www.example.com    ; false",
        "sub*.cilium.io  ; subdomain.cilium.io; true",
        "sub*.cilium.io  ; *.cilium.io        ; false",
        "*.cilium.io     ; sub*.cilium.io     ; true",
        "a*b.io          ; a*x*b.io           ; true",
        "a*x*b.io        ; a*b.io             ; false",
        "*a*.io          ; a*.io              ; true",
        "*a*.io          ; b*.io              ; false",
        "*               ; **.example.com     ; true",
        "**.*            ; *                  ; false",
        "**.*            ; *.*                ; true",
        "*.*             ; **.*               ; false",
        "**.io           ; **.*.io            ; true",
        "**.*.io         ; **.io              ; false",
        "a**b.io         ; a*b.io             ; true",
        "a*b.io          ; a**b.io            ; true",
    })
    void containsAsCiliumMatches(String outer, String inner, boolean expected) {
        assertThat(FqdnContainment.contains(s(outer), s(inner))).isEqualTo(expected);
        if (!expected) {
            String w = FqdnContainment.witnessOutside(s(inner), List.of(s(outer))).orElseThrow();
            assertThat(s(inner).matches(w)).as(w).isTrue();
            assertThat(s(outer).matches(w)).as(w).isFalse();
        } else {
            assertThat(FqdnContainment.witnessOutside(s(inner), List.of(s(outer)))).isEmpty();
        }
    }

    @ParameterizedTest(name = "[{index}] {1} inside union {0}: {2}")
    @CsvSource(delimiter = ';', value = {
        "*.x.io, **.*.x.io           ; **.x.io  ; true",
        "*.x.io, **.*.*.x.io         ; **.x.io  ; false",
        "a.x.io, a?*.x.io            ; a*.x.io  ; false",
        "*a.x.io, *b.x.io            ; *.x.io   ; false",
    })
    void unionsCoverWhatNoSingleSelectorDoes(String outers, String inner, boolean expected) {
        List<FqdnSelector> os = Arrays.stream(outers.split(",")).map(String::trim)
                .filter(FqdnSelector::isValid).map(FqdnSelector::parse).toList();
        assertThat(FqdnContainment.covers(os, s(inner))).isEqualTo(expected);
    }

    @Test
    void everySingleLabelEndingCoversTheLabelWildcard() {
        // "a*" is covered by the name "a" plus "a*c" for every last character c of a label
        List<FqdnSelector> os = new java.util.ArrayList<>();
        os.add(s("a.io"));
        for (char c : "abcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            os.add(s("a*" + c + ".io"));
        }
        assertThat(FqdnContainment.covers(os, s("a*.io"))).isTrue();
        assertThat(FqdnContainment.covers(os.subList(1, os.size()), s("a*.io"))).isFalse();
        assertThat(FqdnContainment.witnessOutside(s("a*.io"), os.subList(1, os.size()))).contains("a.io");
    }

    @Test
    void overlapAndCommonNames() {
        assertThat(FqdnContainment.overlaps(s("a*.io"), List.of(s("*b.io")))).isTrue();
        assertThat(FqdnContainment.commonName(s("a*.io"), s("*b.io"))).contains("ab.io");
        assertThat(FqdnContainment.overlaps(s("a*.io"), List.of(s("b*.io")))).isFalse();
        assertThat(FqdnContainment.overlaps(s("*.io"), List.of())).isFalse();
    }

    @Test
    void largeUnionsAreAnsweredWithinTheBound() {
        List<FqdnSelector> many = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(s("a" + i + "*.x.io"));
        }
        assertThat(FqdnContainment.covers(many, s("*.x.io"))).isFalse();
        assertThat(FqdnContainment.witnessOutside(s("*.x.io"), many)).isPresent();
        many.add(s("*.x.io"));
        assertThat(FqdnContainment.covers(many, s("a1*.x.io"))).isTrue();
        assertThat(FqdnContainment.covers(many, s("*"))).isFalse();
    }
}
