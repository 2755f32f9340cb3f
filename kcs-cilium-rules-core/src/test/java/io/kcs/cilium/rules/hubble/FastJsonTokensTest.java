package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The fast tokenizer takes the common case and leaves everything else to Jackson, line by line: which lines it takes
 * (a table with one-place twins), that a line it gives up on or that is malformed leaves the following lines intact
 * (numbers, results), and that a reader gives equal endpoints read from the same bytes as one instance, which the
 * replay's memo relies on.
 */
class FastJsonTokensTest {

    private static final String WEB = "{\"ID\":812,\"identity\":21002,\"namespace\":\"shop\",\"labels\":[\"k8s:app=web\","
            + "\"k8s:io.kubernetes.pod.namespace=shop\"],\"pod_name\":\"web-1\"}";
    private static final String DB = "{\"ID\":40,\"identity\":40001,\"namespace\":\"db\",\"labels\":[\"k8s:app=postgres\","
            + "\"k8s:io.kubernetes.pod.namespace=db\"]}";

    static String line(String source, String destination, int port, String extra) {
        return "{\"flow\":{\"time\":\"2026-03-01T10:00:00Z\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.1.5\","
                + "\"destination\":\"10.0.3.4\",\"ipVersion\":\"IPv4\"},\"l4\":{\"TCP\":{\"source_port\":" + port
                + ",\"destination_port\":5432,\"flags\":{\"SYN\":true}}},\"source\":" + source + ",\"destination\":"
                + destination + extra + ",\"traffic_direction\":\"EGRESS\",\"is_reply\":false},"
                + "\"node_name\":\"kind-worker\",\"time\":\"2026-03-01T10:00:00Z\"}";
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "taken         | ,\"Summary\":\"TCP Flags: SYN\"                | false",
        "escape        | ,\"Summary\":\"TCP \\u0046lags: SYN\"          | true",
        "non-ASCII     | ,\"Summary\":\"TCP Fläg\"                      | true",
        "integer       | ,\"x\":12                                      | false",
        "leading zero  | ,\"x\":012                                     | true",
        "decimal       | ,\"x\":1.5e3                                   | false",
        "19 digits     | ,\"x\":1234567890123456789                     | true",
        "18 digits     | ,\"x\":123456789012345678                      | false",
        "nested        | ,\"x\":[[{\"y\":[true,false,null]}]]           | false",
        "no colon      | ,\"x\" 1                                       | true",
        "trailing comma| ,\"x\":[1,]                                    | true",
        "keyword typo  | ,\"x\":tru                                     | true",
    })
    void takesTheCommonCaseAndLeavesTheRestToJackson(String name, String extra, boolean givenUp) {
        byte[] b = line(WEB, DB, 40001, extra.strip()).getBytes(StandardCharsets.UTF_8);
        FastJsonTokens fast = new FastJsonTokens(true);
        LineResult r = HubbleFlows.parseLine(fast, b, 0, b.length, 3);
        assertThat(fast.linesGivenUp()).as(name).isEqualTo(givenUp ? 1 : 0);
        assertThat(r).isEqualTo(HubbleFlows.parseWithJackson(b, 0, b.length, 3));
    }

    @Test
    void aMalformedOrUnusualLineLeavesTheFollowingLinesIntact() throws IOException {
        List<String> lines = List.of(
                line(WEB, DB, 40001, ""),
                "{\"flow\":{\"time\":\"2026-03-01T10:00:00Z\",\"IP\":{\"source\":\"10.0.1.5", // cut off in a string
                line(WEB, DB, 40002, ""),
                line(WEB, DB, 40003, ",\"Summary\":\"quote \\\" inside\""), // an escape: Jackson reads it
                "{\"flow\":{}} {\"flow\":{}}", // text after the object
                line(WEB, DB, 40004, "").replace("40004", "40004}"), // a bracket too many
                line(WEB, DB, 40005, ""));
        byte[] input = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        List<FlowProblem> problems = new ArrayList<>();
        List<HubbleFlow> flows = new ArrayList<>();
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(input), problems::add)) {
            for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                flows.add(f.get());
            }
        }
        assertThat(flows).extracting(HubbleFlow::line).containsExactly(1L, 3L, 4L, 7L);
        assertThat(flows).extracting(HubbleFlow::sourcePort).containsExactly(40001, 40002, 40003, 40005);
        assertThat(problems).extracting(FlowProblem::line).containsExactly(2L, 5L, 6L);
        for (HubbleFlow f : flows) {
            assertThat(f).isEqualTo(HubbleFlows.parseLine(lines.get((int) f.line() - 1), f.line()).flow().orElseThrow());
        }
        for (FlowProblem p : problems) {
            assertThat(p.message()).isEqualTo(HubbleFlows.parseLine(lines.get((int) p.line() - 1), p.line()).message());
        }
    }

    @Test
    void aReaderGivesEndpointsReadFromTheSameBytesAsOneInstance() throws IOException {
        String other = WEB.replace("web-1", "web-2");
        String input = line(WEB, DB, 40001, "") + "\n" + line(DB, WEB, 40002, "") + "\n" + line(other, DB, 40003, "");
        List<HubbleFlow> flows = new ArrayList<>();
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                p -> { throw new AssertionError(p.toString()); })) {
            for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                flows.add(f.get());
            }
        }
        assertThat(flows.get(1).destination()).isSameAs(flows.get(0).source());
        assertThat(flows.get(1).source()).isSameAs(flows.get(0).destination());
        assertThat(flows.get(2).source()).isNotEqualTo(flows.get(0).source());
        assertThat(flows.get(2).source().podName()).isEqualTo("web-2");
        assertThat(flows.get(2).destination()).isSameAs(flows.get(0).destination());
        // the memoised view agrees with the plain one, for the shared instances too
        WorkloadView view = WorkloadView.of(Workload.of("shop", Map.of("app", "web")), ServiceCatalog.empty());
        WorkloadView.PeerCache cache = new WorkloadView.PeerCache();
        for (int pass = 0; pass < 2; pass++) {
            for (HubbleFlow f : flows) {
                assertThat(view.view(f, cache)).isEqualTo(view.view(f).orElseThrow());
            }
        }
    }
}
