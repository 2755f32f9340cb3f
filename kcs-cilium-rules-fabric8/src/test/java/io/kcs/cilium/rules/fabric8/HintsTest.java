package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link Hints}: the one Levenshtein implementation behind every "did you mean". */
class HintsTest {

    private static final List<String> ENTITIES = List.of("world", "cluster", "host", "remote-node");

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({"kitten, sitting, 3", "'', abc, 3", "abc, '', 3", "abc, abc, 0", "abc, abd, 1", "ab, ba, 2",
        "egres, egress, 1"})
    void distanceIsLevenshtein(String a, String b, int d) {
        assertThat(Hints.distance(a, b)).isEqualTo(d);
        assertThat(Hints.distance(b, a)).isEqualTo(d);
    }

    @Test
    void nearestIsTheFirstAtTheSmallestDistanceHoweverFar() {
        assertThat(Hints.nearest("wrld", ENTITIES)).contains(new Hints.Nearest("world", 1));
        assertThat(Hints.nearest("zzzzzzzzzz", ENTITIES)).hasValueSatisfying(n -> assertThat(n.distance())
                .isGreaterThan(2));
        // a tie goes to the first known word
        assertThat(Hints.nearest("ab", List.of("ax", "ay"))).contains(new Hints.Nearest("ax", 1));
        assertThat(Hints.nearest("ab", List.of())).isEmpty();
    }

    @Test
    void nearestComparesTheFirst64CharactersOnly() {
        String known = "a".repeat(64);
        assertThat(Hints.nearest("a".repeat(1000), List.of(known))).contains(new Hints.Nearest(known, 0));
        assertThat(Hints.nearest("a".repeat(65), List.of(known))).contains(new Hints.Nearest(known, 0));
    }

    @Test
    void closestIsCaseInsensitiveWithinTwoEdits() {
        assertThat(Hints.closest("WORLD", ENTITIES)).contains("world");
        assertThat(Hints.closest("clustr", ENTITIES)).contains("cluster");
        assertThat(Hints.closest("remote-nodexx", ENTITIES)).contains("remote-node");
        // one edit more than the threshold: none
        assertThat(Hints.closest("remote-nodexxx", ENTITIES)).isEmpty();
    }

    @Test
    void closestGivesNoneForEmptyNullOrLongWords() {
        assertThat(Hints.closest(null, ENTITIES)).isEqualTo(Optional.empty());
        assertThat(Hints.closest("", ENTITIES)).isEmpty();
        assertThat(Hints.closest("a".repeat(65), List.of("a".repeat(64)))).isEmpty();
        assertThat(Hints.closest("a".repeat(64), List.of("a".repeat(64)))).contains("a".repeat(64));
    }
}
