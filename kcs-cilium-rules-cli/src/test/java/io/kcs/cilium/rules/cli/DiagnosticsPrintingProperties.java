package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The caret printer over arbitrary text and the parser's real diagnostics: it never throws, prints one header per
 * diagnostic, and every caret line lies under the entry printed above it (at least one caret, none past the entry's
 * end; the entry holds no line break); {@code check} never fails on such text.
 */
class DiagnosticsPrintingProperties {

    /** Pieces that steer the parser into every kind of entry, separator and diagnostic. */
    private static final List<String> PIECES = List.of(",", ", ", ",,", " ", "\n", "\r\n", "\t", "10.0.0.1/8",
            "300.1.1.1", "010.1.2.3", "::1", "2001:db8::/32", "fe80::1%eth0", "a.io", "*.x.io", "**.", "..",
            "entity:", "entity:wrld", "endpoint:", "endpoint:Bad", "service:", "service:s|", "|", "=", "app=web",
            "tier", "a/b", "1.2.3.4/33", "x", "\u00e9", "\ud83d\ude00", "\ud800", "/", ":", "*");

    private static final Gen<String> TEXTS = lists().of(Generate.pick(PIECES)).ofSizeBetween(0, 12)
            .map(l -> String.join("", l));

    private static final AtomicInteger CARET_LINES = new AtomicInteger();

    /**
     * Prints the lenient parser's diagnostics of {@code text} as {@code check} does and checks the output: nothing
     * thrown, and each caret line under its entry line.
     */
    private static void assertCaretsUnderText(String text) {
        StringWriter sw = new StringWriter();
        List<Diagnostic> diagnostics = RuleParser.lenient().parse(text).diagnostics();
        assertThatCode(() -> Diagnostics.print(new PrintWriter(sw), "list", text, diagnostics)).as(text)
                .doesNotThrowAnyException();
        String[] lines = sw.toString().split("\n", -1);
        int headers = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("list:")) {
                headers++;
            } else if (lines[i].startsWith("  ")) {
                String entry = lines[i].substring(2);
                String carets = lines[i + 1].substring(2);
                assertThat(carets.strip()).as(text).matches("\\^+");
                assertThat(carets.length()).as(text + " / " + entry).isLessThanOrEqualTo(entry.length());
                assertThat(entry).as(text).doesNotContain("\r");
                CARET_LINES.incrementAndGet();
                i++;
            }
        }
        assertThat(headers).as(text).isEqualTo(diagnostics.size());
    }

    /** The same through the command line, which must not print an error or a stack trace. */
    private static void checkCommandPrints(String text) {
        CliRun r = CliRun.run("check", "--", text); // --: a text starting with - is a list, not an option
        assertThat(r.err()).as(text).isEmpty();
        assertThat(r.code()).as(text).isIn(0, 1);
    }

    @Test
    void caretLinesLieUnderTheTextForGeneratedLists() {
        CARET_LINES.set(0);
        qt().withExamples(10_000).forAll(TEXTS).checkAssert(DiagnosticsPrintingProperties::assertCaretsUnderText);
        assertThat(CARET_LINES.get()).as("caret lines printed (the property is not vacuous)").isGreaterThan(5_000);
    }

    @Test
    void caretLinesLieUnderTheTextForArbitraryStrings() {
        qt().withExamples(5_000).forAll(strings().allPossible().ofLengthBetween(0, 30))
                .checkAssert(DiagnosticsPrintingProperties::assertCaretsUnderText);
        qt().withExamples(5_000).forAll(strings().ascii().ofLengthBetween(0, 30))
                .checkAssert(DiagnosticsPrintingProperties::assertCaretsUnderText);
    }

    @Test
    void theCheckCommandNeverFailsOnGeneratedLists() {
        qt().withExamples(200).forAll(TEXTS).checkAssert(DiagnosticsPrintingProperties::checkCommandPrints);
    }
}
