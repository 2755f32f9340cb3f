package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;

/**
 * Coverage-guided fuzz target for the lenient parser. In a plain {@code mvn verify} it runs its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/fuzz/LenientParserFuzzTestInputs/fuzzLenientParser/}); to fuzz for
 * longer see the README ("Testing and fuzzing").
 *
 * <p>Laws: no exception escapes; every diagnostic range lies inside the input, sorted; the kept rules' canonical
 * text parses back strictly to the same rules.
 */
class LenientParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fuzzLenientParser(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        ParseResult result = RuleParser.lenient().withMaxLength(4096).parse(text);
        int previous = 0;
        for (Diagnostic d : result.diagnostics()) {
            assertThat(d.start()).isBetween(previous, text.length());
            assertThat(d.end()).isBetween(d.start(), text.length());
            previous = d.start();
        }
        String canonical = result.rules().toString();
        ParseResult again = RuleParser.strict().parse(canonical);
        assertThat(again.rules()).isEqualTo(result.rules());
        assertThat(again.rules().toString()).isEqualTo(canonical);
        assertThat(RuleSet.parse(canonical)).isEqualTo(result.rules());
    }
}
