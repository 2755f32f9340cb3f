package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The profile reader over generated YAML-like text and arbitrary strings: it returns a profile or throws an
 * {@link IllegalArgumentException} naming the profile, never another exception (nor a stack overflow on deep
 * nesting); the items it returns carry a line inside the text.
 */
class ProfileFileProperties {

    private static final List<String> PIECES = List.of("ingress", "egress", ":", " ", "\n", "  - ", "- ", "[", "]",
            "{", "}", ",", "\"", "'", "&a ", "*a", "!!str ", "!!int ", "---\n", "...\n", "#", "|\n", ">\n", "~",
            "null", "true", "443", "1.5", "2026-01-01", "10.0.0.0/8", "a.io", "service:s|app=web", "\t", "\\",
            "? ", "<<", "%YAML 1.1\n", "\u00e9", "\ud800");

    private static final Gen<String> TEXTS = lists().of(Generate.pick(PIECES)).ofSizeBetween(0, 30)
            .map(l -> String.join("", l));

    private static void readsOrRefuses(String text) {
        ProfileFile.Profile p;
        try {
            p = ProfileFile.parse("p.yaml", text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as(text).startsWith("profile p.yaml");
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("foreign exception for " + text, e);
        }
        for (ProfileFile.Source s : p.sources()) {
            for (ProfileFile.Item item : s.items()) {
                assertThat(item.line()).as(text).isBetween(1, (int) text.lines().count() + 1);
            }
        }
    }

    @Test
    void everyTextIsAProfileOrRefusedWithTheFileName() {
        qt().withExamples(10_000).forAll(TEXTS).checkAssert(ProfileFileProperties::readsOrRefuses);
        qt().withExamples(3_000).forAll(strings().allPossible().ofLengthBetween(0, 40))
                .checkAssert(ProfileFileProperties::readsOrRefuses);
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        readsOrRefuses("egress: " + "[".repeat(100_000));
        readsOrRefuses("egress:\n" + "  - ".repeat(10_000) + "a.io\n");
    }
}
