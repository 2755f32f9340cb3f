package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The aggregate line reader over arbitrary text: a line is an event or is refused with {@link AggregateCommand.BadLine}
 * or a Jackson parse error, never any other exception; and a valid event line with one field changed is never read
 * as a different event silently.
 */
class AggregateLineProperties {

    private static final List<String> PIECES = List.of("{", "}", "[", "]", ",", ":", "\"", "\"timestamp\"",
            "\"2026-01-01T00:00:00Z\"", "\"src\"", "\"dst\"", "\"10.0.0.1\"", "\"::1\"", "\"srcPort\"",
            "\"dstPort\"", "0", "65535", "65536", "-1", "1e3", "1.5", "99999999999999999999", "\"protocol\"",
            "\"TCP\"", "\"udp\"", "\"flags\"", "\"SYN\"", "\"direction\"", "\"egress\"", "\"reply\"",
            "true", "null", "\"verdict\"", "\"dropped\"", " ", "\\u0000", "\\u00e9");

    private static final Gen<String> LINES = lists().of(Generate.pick(PIECES)).ofSizeBetween(0, 40)
            .map(l -> String.join("", l));

    private static void readsOrRefuses(String line) {
        try {
            assertThat(AggregateCommand.event(line)).isNotNull();
        } catch (AggregateCommand.BadLine | JsonProcessingException e) {
            assertThat(e.getMessage()).as(line).isNotBlank();
        } catch (Exception e) {
            throw new AssertionError("foreign exception for " + line, e);
        }
    }

    @Test
    void everyLineIsAnEventOrRefusedWithAReason() {
        qt().withExamples(5_000).forAll(LINES).checkAssert(AggregateLineProperties::readsOrRefuses);
        qt().withExamples(2_000).forAll(strings().allPossible().ofLengthBetween(0, 60))
                .checkAssert(AggregateLineProperties::readsOrRefuses);
    }

    @Test
    void deletingOneFieldOfAValidLineIsRefused() {
        String valid = AggregateCommandTest.event(3, "FIN");
        for (String field : AggregateCommand.FIELDS) {
            String without = valid.replaceAll(",?\"" + field + "\":(\\[[^\\]]*\\]|\"[^\"]*\"|[^,}]*)", "")
                    .replace("{,", "{");
            assertThat(without).as(field).doesNotContain("\"" + field + "\"");
            CliRun r = CliRun.withInput(without + "\n", "aggregate");
            assertThat(r.err()).as(without).startsWith("line 1: skipped: missing field \"" + field + "\"");
        }
    }
}
