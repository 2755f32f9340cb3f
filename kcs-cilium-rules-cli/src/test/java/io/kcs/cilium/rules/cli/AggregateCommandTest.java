package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateCommandTest {

    /** A valid event line of one TCP connection at second {@code s} with {@code flag}. */
    static String event(int s, String flag) {
        return event(s, flag, "");
    }

    /** {@link #event(int, String)} with {@code extra} appended inside the object (for one-place negative rows). */
    static String event(int s, String flag, String extra) {
        return "{\"timestamp\":\"2026-01-01T00:00:" + String.format("%02d", s) + "Z\",\"src\":\"10.0.0.1\","
                + "\"srcPort\":40000,\"dst\":\"10.0.0.2\",\"dstPort\":443,\"protocol\":\"TCP\",\"flags\":[\"" + flag
                + "\"],\"direction\":\"egress\",\"reply\":false,\"verdict\":\"forwarded\"" + extra + "}";
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** The sum of the report counts printed on standard output. */
    static long total(CliRun r) {
        return Arrays.stream(r.out().split("\n")).filter(l -> !l.isEmpty())
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*\"count\":(\\d+).*", "$1"))).sum();
    }

    @Test
    void validEventsAreMergedAndCountsConserved() {
        CliRun r = CliRun.withInput(lines(event(0, "SYN"), event(1, "ACK"), event(2, "ACK")), "aggregate",
                "--agent-option", "monitor-aggregation-flags=syn,fin,rst");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(total(r)).isEqualTo(3);
        assertThat(r.out().split("\n")).hasSize(2);
    }

    @Test
    void aBadTimestampSkipsOnlyItsLineAndPendingCountsAreStillFlushed() {
        String bad = event(1, "ACK").replace("2026-01-01T00:00:01Z", "2026-01-01 00:00:01");
        CliRun r = CliRun.withInput(lines(event(0, "SYN"), event(1, "ACK"), bad, event(2, "ACK")), "aggregate");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("line 3: skipped: field \"timestamp\"").doesNotContain("Exception");
        assertThat(total(r)).isEqualTo(3);
    }

    @Test
    void malformedLinesAreSkippedWithTheirLineNumber() {
        List<String[]> rows = List.of(
                new String[] {event(1, "ACK") + " x", "text after the event object"},
                new String[] {event(1, "ACK") + event(1, "ACK"), "text after the event object"},
                new String[] {event(1, "ACK", ",\"dstport\":443"), "unknown field \"dstport\"",
                    "did you mean \"dstPort\""},
                new String[] {event(1, "ACK", ",\"src\":\"10.0.0.9\""), "duplicate field \"src\""},
                new String[] {event(1, "ACK").replace("443", "\"https\""), "field \"dstPort\"", "integer"},
                new String[] {event(1, "ACK").replace("443", "443.0"), "field \"dstPort\"", "integer"},
                new String[] {event(1, "ACK").replace("443", "65536"), "field \"dstPort\"", "0-65535"},
                new String[] {event(1, "ACK").replace("[\"ACK\"]", "\"ACK\""), "field \"flags\"", "array"},
                new String[] {event(1, "ACK").replace("\"ACK\"", "\"AKC\""), "field \"flags\"", "AKC"},
                new String[] {event(1, "ACK").replace("false", "\"false\""), "field \"reply\"", "true or false"},
                new String[] {event(1, "ACK").replace(",\"verdict\":\"forwarded\"", ""), "missing field \"verdict\""},
                new String[] {event(1, "ACK").replace("forwarded", "FORWARDED!"), "field \"verdict\""},
                new String[] {event(1, "ACK").replace("\"10.0.0.2\"", "null"), "field \"dst\"", "string"},
                new String[] {event(1, "ACK").replace("10.0.0.2", "10.0.0.256"), "field \"dst\""},
                new String[] {event(1, "ACK").replace("egress", "out"), "field \"direction\""},
                new String[] {"[" + event(1, "ACK") + "]", "JSON object"},
                new String[] {"{\"timestamp\":", "not valid JSON"},
                new String[] {"{\"src\" \"x\"}", "not valid JSON", "(column 8)"});
        for (String[] row : rows) {
            CliRun r = CliRun.withInput(lines(event(0, "SYN"), row[0], event(2, "ACK")), "aggregate");
            assertThat(r.code()).as(row[0]).isEqualTo(1);
            assertThat(r.err()).as(row[0]).startsWith("line 2: skipped: ")
                    .contains(Arrays.copyOfRange(row, 1, row.length)).doesNotContain("Exception");
            assertThat(r.err().lines().count()).as(row[0]).isEqualTo(1);
            assertThat(total(r)).as(row[0]).isEqualTo(2);
        }
    }

    @Test
    void crlfLineEndsBlankLinesAndALastLineWithoutBreakAreRead() {
        String input = event(0, "SYN") + "\r\n\r\n   \n" + event(1, "ACK") + "\r\n" + event(2, "ACK");
        CliRun r = CliRun.withInput(input, "aggregate");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(total(r)).isEqualTo(3);
    }

    @Test
    void nonTcpEventsNeedNoFlags() {
        String udp = event(0, "SYN").replace("\"TCP\",\"flags\":[\"SYN\"]", "\"UDP\"");
        assertThat(CliRun.withInput(lines(udp), "aggregate").code()).isZero();
        String tcp = event(0, "SYN").replace(",\"flags\":[\"SYN\"]", "");
        CliRun r = CliRun.withInput(lines(tcp), "aggregate");
        assertThat(r.err()).contains("missing field \"flags\"");
    }

    @Test
    void linesLongerThanTheCapAreSkippedWithoutStoppingTheRun() {
        String longLine = event(1, "ACK", ",\"x\":\"" + "a".repeat(AggregateCommand.MAX_LINE_BYTES) + "\"");
        CliRun r = CliRun.withInput(lines(event(0, "SYN"), longLine, event(2, "ACK")), "aggregate");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("line 2: skipped: longer than " + AggregateCommand.MAX_LINE_BYTES
                + " bytes\n");
        assertThat(total(r)).isEqualTo(2);
        String endless = "{" + "\"a\":1,".repeat(3 * AggregateCommand.MAX_LINE_BYTES / 6);
        CliRun end = CliRun.withInput(lines(event(0, "SYN")) + endless, "aggregate");
        assertThat(end.err()).isEqualTo("line 2: skipped: longer than " + AggregateCommand.MAX_LINE_BYTES
                + " bytes\n");
        assertThat(total(end)).isEqualTo(1);
    }

    @Test
    void linesThatAreNotUtf8AreSkippedWithTheirLineNumber() {
        byte[] input = (lines(event(0, "SYN"), event(1, "ACK").replace("egress", "\u00e9gress"), event(2, "ACK")))
                .getBytes(StandardCharsets.ISO_8859_1);
        CliRun r = CliRun.run(input, "aggregate");
        assertThat(r.err()).startsWith("line 2: skipped: not UTF-8").doesNotContain("Input length");
        assertThat(total(r)).isEqualTo(2);
    }

    @Test
    void maxErrorsStopsReadingButStillFlushes() {
        String input = lines(event(0, "SYN"), event(1, "ACK"), "x", "y", "z", event(2, "ACK"));
        CliRun r = CliRun.withInput(input, "aggregate", "--max-errors", "2");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("line 3: skipped").contains("line 4: skipped").doesNotContain("line 5")
                .contains("stopped after 2 bad lines");
        assertThat(total(r)).isEqualTo(2);
        CliRun all = CliRun.withInput(input, "aggregate", "--max-errors", "4");
        assertThat(all.err()).contains("line 5: skipped").doesNotContain("stopped");
        assertThat(total(all)).isEqualTo(3);
        assertThat(CliRun.withInput(input, "aggregate", "--max-errors", "-1").code()).isEqualTo(2);
    }

    @Test
    void outputIsBuffered() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            in.append(event(i % 60, "SYN")).append('\n');
        }
        CliRun.FlushCounter out = new CliRun.FlushCounter();
        int code = CliRun.runWith(in.toString().getBytes(StandardCharsets.UTF_8), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "aggregate", "--agent-option", "monitor-aggregation=none");
        assertThat(code).isZero();
        assertThat(out.text.toString().split("\n")).hasSize(500);
        assertThat(out.flushes).isLessThan(5);
    }

    @Test
    void unknownAgentOptionKeysAreErrorsNamingTheClosestKey() {
        String input = lines(event(0, "SYN"));
        CliRun typo = CliRun.withInput(input, "aggregate", "--agent-option", "monitor-aggregaton=none");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.out()).isEmpty();
        assertThat(typo.err()).contains("unknown agent option \"monitor-aggregaton\"")
                .contains("did you mean \"monitor-aggregation\"");
        assertThat(CliRun.withInput(input, "aggregate", "--agent-option", "monitor-aggregation=none").code())
                .isZero();
        assertThat(CliRun.withInput(input, "aggregate", "--agent-option", "enable-l7-proxy=true").code()).isZero();
        CliRun twice = CliRun.withInput(input, "aggregate", "--agent-option", "monitor-aggregation=none",
                "--agent-option", "monitor-aggregation=max");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("monitor-aggregation").contains("more than once");
    }
}
