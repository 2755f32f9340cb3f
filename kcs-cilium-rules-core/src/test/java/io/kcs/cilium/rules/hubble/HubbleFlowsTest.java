package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.hubble.HubbleFlow.DnsAnswer;
import io.kcs.cilium.rules.hubble.HubbleFlow.ServiceName;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading Hubble flow JSON: every input shape of the hand-written fixture ({@code hubble/flows.jsonl}, written from
 * the field names and enum values of Cilium's {@code api/v1/flow/flow.proto}), the field mapping as a table with
 * one-place negative twins, malformed lines, limits and gzip.
 */
class HubbleFlowsTest {

    static byte[] fixture() throws IOException {
        try (InputStream in = HubbleFlowsTest.class.getResourceAsStream("/hubble/flows.jsonl")) {
            return in.readAllBytes();
        }
    }

    static List<HubbleFlow> readAll(byte[] bytes, List<FlowProblem> problems) throws IOException {
        List<HubbleFlow> out = new ArrayList<>();
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(bytes), problems::add)) {
            for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                out.add(f.get());
            }
            assertThat(r.lines()).isEqualTo(27);
            assertThat(r.flows()).isEqualTo(13);
            assertThat(r.otherEvents()).isEqualTo(3);
            assertThat(r.malformedLines()).isEqualTo(10);
        }
        return out;
    }

    /** The second flow line of the fixture (616 bytes) padded with an unknown field to {@code size} bytes. */
    private static String padded(int size) throws IOException {
        String first = new String(fixture(), StandardCharsets.UTF_8).split("\n")[1];
        String head = first.substring(0, first.length() - 1) + ",\"pad\":\"";
        return head + "x".repeat(size - head.length() - 2) + "\"}";
    }

    /** Reads {@code input} with a reader: its flows, which must equal those of {@code parseLine} line by line. */
    private static List<HubbleFlow> readAndCompare(byte[] input) throws IOException {
        List<HubbleFlow> expected = new ArrayList<>();
        long number = 0;
        for (String l : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            number++;
            if (!l.isEmpty()) {
                expected.add(HubbleFlows.parseLine(l, number).flow().orElseThrow());
            }
        }
        List<HubbleFlow> flows = new ArrayList<>();
        List<FlowProblem> problems = new ArrayList<>();
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(input), problems::add)) {
            for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                flows.add(f.get());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(flows).isEqualTo(expected);
        return flows;
    }

    @Test
    void aLineOverOneKibibyteThatIsNotWholeInTheReadBufferIsReadWhole() throws IOException {
        // (found by fuzzHubbleReader: the line buffer grew, and the reader read the old one)
        String longLine = padded(1500);
        String shortLine = padded(900);
        // the last line, without a line break
        assertThat(readAndCompare((shortLine + "\n" + longLine).getBytes(StandardCharsets.UTF_8))).hasSize(2);
        assertThat(readAndCompare((shortLine + "\n" + shortLine).getBytes(StandardCharsets.UTF_8))).hasSize(2);
        // across the 64 KiB read buffer's end
        StringBuilder b = new StringBuilder();
        while (b.length() < 65_536 - 700) {
            b.append(shortLine).append('\n');
        }
        b.append(longLine).append('\n').append(longLine).append('\n').append(shortLine).append('\n');
        assertThat(readAndCompare(b.toString().getBytes(StandardCharsets.UTF_8))).hasSizeGreaterThan(70);
    }

    @Test
    void readsEveryShapeOfTheFixtureAndReportsEachMalformedLineByNumber() throws IOException {
        List<FlowProblem> problems = new ArrayList<>();
        List<HubbleFlow> flows = readAll(fixture(), problems);
        assertThat(flows).extracting(HubbleFlow::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L,
                12L, 16L);
        assertThat(problems).extracting(FlowProblem::line).containsExactly(17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L,
                25L, 26L);
        assertThat(problems.get(0).message()).contains("IP.destination").contains("300.0.0.1");
        assertThat(problems.get(1).message()).contains("flow.l4.TCP.source_port").contains("0-65535");
        assertThat(problems.get(2).message()).contains("not valid JSON");
        assertThat(problems.get(3).message()).contains("not valid JSON");
        assertThat(problems.get(4).message()).contains("expected a JSON object");
        assertThat(problems.get(5).message()).contains("missing field \"time\"");
        assertThat(problems.get(6).message()).contains("different families");
        assertThat(problems.get(7).message()).contains("SOMETIMES").contains("FORWARDED");
        assertThat(problems.get(8).message()).contains("RFC 3339");
        assertThat(problems.get(9).message()).contains("flow.source.labels").contains("array of strings");
        assertThat(problems.get(0).toString()).startsWith("line 17: ");
    }

    @Test
    void theJsonpbShapeMapsEveryField() throws IOException {
        HubbleFlow f = readAll(fixture(), new ArrayList<>()).get(0);
        assertThat(f.time()).isEqualTo(Instant.parse("2026-03-01T10:00:00.000000001Z"));
        assertThat(f.verdict()).isEqualTo(FlowVerdict.FORWARDED);
        assertThat(f.sourceIp()).isEqualTo(IpAddress.parse("10.0.1.5"));
        assertThat(f.destinationIp()).isEqualTo(IpAddress.parse("203.0.113.7"));
        assertThat(f.protocol()).isEqualTo(Protocol.TCP);
        assertThat(f.sourcePort()).isEqualTo(40001);
        assertThat(f.destinationPort()).isEqualTo(443);
        assertThat(f.tcpFlags()).isEqualTo(0x02);
        assertThat(f.trafficDirection()).contains(Direction.EGRESS);
        assertThat(f.reply()).contains(false);
        assertThat(f.source().id()).isEqualTo(812);
        assertThat(f.source().identity()).isEqualTo(21002);
        assertThat(f.source().namespace()).isEqualTo("shop");
        assertThat(f.source().labels()).contains("k8s:app=web", "k8s:io.kubernetes.pod.namespace=shop");
        assertThat(f.source().podName()).isEqualTo("web-7d9f-abcde");
        assertThat(f.destination().identity()).isEqualTo(2);
        assertThat(f.destination().labels()).containsExactly("reserved:world");
        assertThat(f.destinationNames()).containsExactly("api.example.com");
        assertThat(f.nodeName()).isEqualTo("kind-worker");
        assertThat(f.l7()).isFalse();
        assertThat(f.toEvent()).hasValueSatisfying(e -> {
            assertThat(e.trafficDirection()).isEqualTo(Direction.EGRESS);
            assertThat(e.flagBits()).isEqualTo(0x02);
        });
    }

    @Test
    void theLegacyBareObjectWithNumericEnumsAndWrappersMapsLikeTheJsonpbShape() throws IOException {
        HubbleFlow f = readAll(fixture(), new ArrayList<>()).get(10);
        assertThat(f.line()).isEqualTo(11);
        assertThat(f.time()).isEqualTo(Instant.parse("2026-03-01T10:00:09.000000500Z"));
        assertThat(f.verdict()).isEqualTo(FlowVerdict.FORWARDED);
        assertThat(f.trafficDirection()).contains(Direction.EGRESS);
        assertThat(f.reply()).contains(false);
        assertThat(f.destinationPort()).isEqualTo(80);
        HubbleFlow camel = readAll(fixture(), new ArrayList<>()).get(11);
        assertThat(camel.sourcePort()).isEqualTo(40006);
        assertThat(camel.destinationNames()).containsExactly("login.example.com");
        assertThat(camel.trafficDirection()).contains(Direction.EGRESS);
        assertThat(camel.reply()).contains(false);
        assertThat(camel.source().podName()).isEqualTo("web-7d9f-abcde");
    }

    @Test
    void dnsServiceDropAndIpv6FieldsMap() throws IOException {
        List<HubbleFlow> flows = readAll(fixture(), new ArrayList<>());
        HubbleFlow dns = flows.get(2);
        assertThat(dns.l7()).isTrue();
        assertThat(dns.dns()).contains(new DnsAnswer("cdn.example.net.", List.of(IpAddress.parse("198.51.100.10"),
                IpAddress.parse("198.51.100.11")), 30, 0));
        assertThat(flows.get(5).destinationService()).contains(new ServiceName("db", "shop"));
        HubbleFlow v6 = flows.get(6);
        assertThat(v6.protocol()).isEqualTo(Protocol.UDP);
        assertThat(v6.destinationIp()).isEqualTo(IpAddress.parse("2001:db8::1"));
        HubbleFlow icmp = flows.get(7);
        assertThat(icmp.protocol()).isEqualTo(Protocol.ICMP);
        assertThat(icmp.icmpType()).isEqualTo(8);
        assertThat(icmp.destinationPort()).isZero();
        HubbleFlow drop = flows.get(8);
        assertThat(drop.dropped()).isTrue();
        assertThat(drop.dropReason()).isEqualTo("POLICY_DENIED");
        assertThat(drop.reply()).isEmpty();
    }

    @Test
    void aFlowOutsideTheEventTimeRangeOrWithoutDirectionHasNoEvent() {
        assertThat(HubbleFlows.parseLine(line("\"time\":\"9999-12-31T23:59:59Z\",\"traffic_direction\":\"EGRESS\""),
                1).flow().orElseThrow().toEvent()).isEmpty();
        assertThat(HubbleFlows.parseLine(line("\"traffic_direction\":\"EGRESS\""), 1).flow().orElseThrow().toEvent())
                .isPresent();
        assertThat(HubbleFlows.parseLine(line(""), 1).flow().orElseThrow().toEvent()).isEmpty();
    }

    @Test
    void gzipInputReadsLikeThePlainInput() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(fixture());
        }
        List<FlowProblem> plainProblems = new ArrayList<>();
        List<FlowProblem> gzProblems = new ArrayList<>();
        assertThat(readAll(bytes.toByteArray(), gzProblems)).isEqualTo(readAll(fixture(), plainProblems));
        assertThat(gzProblems).isEqualTo(plainProblems);
    }

    // ------------------------------------------------------------------------------------------ mapping table

    private static final String BASE_IP = "\"IP\":{\"source\":\"10.0.1.5\",\"destination\":\"10.0.0.9\"}";

    /** A jsonpb-shaped line with a time, the base addresses and {@code extra} fields. */
    static String line(String extra) {
        return "{\"flow\":{\"time\":\"2026-03-01T10:00:00Z\"," + BASE_IP + (extra.isEmpty() ? "" : "," + extra)
                + "}}";
    }

    static Stream<Arguments> mapping() {
        return Stream.of(
                row("\"verdict\":\"DROPPED\"", HubbleFlow::verdict, FlowVerdict.DROPPED),
                row("\"verdict\":2", HubbleFlow::verdict, FlowVerdict.DROPPED),
                row("\"verdict\":\"AUDIT\"", HubbleFlow::verdict, FlowVerdict.AUDIT),
                row("", HubbleFlow::verdict, FlowVerdict.VERDICT_UNKNOWN),
                row("\"traffic_direction\":\"INGRESS\"", HubbleFlow::trafficDirection,
                        Optional.of(Direction.INGRESS)),
                row("\"trafficDirection\":2", HubbleFlow::trafficDirection, Optional.of(Direction.EGRESS)),
                row("\"traffic_direction\":\"TRAFFIC_DIRECTION_UNKNOWN\"", HubbleFlow::trafficDirection,
                        Optional.empty()),
                row("\"is_reply\":true", HubbleFlow::reply, Optional.of(true)),
                row("\"isReply\":{\"value\":true}", HubbleFlow::reply, Optional.of(true)),
                row("\"is_reply\":{}", HubbleFlow::reply, Optional.of(false)),
                row("\"is_reply\":null", HubbleFlow::reply, Optional.empty()),
                row("\"reply\":true", HubbleFlow::reply, Optional.of(true)),
                row("\"reply\":true,\"is_reply\":false", HubbleFlow::reply, Optional.of(false)),
                row("\"l4\":{\"TCP\":{\"source_port\":1,\"destination_port\":2,\"flags\":{\"SYN\":true,\"ACK\":true,"
                        + "\"NS\":true}}}", f -> List.of(f.protocol(), f.sourcePort(), f.destinationPort(),
                                f.tcpFlags()), List.of(Protocol.TCP, 1, 2, 0x12)),
                row("\"l4\":{\"UDP\":{\"sourcePort\":53,\"destinationPort\":5353}}",
                        f -> List.of(f.protocol(), f.sourcePort(), f.destinationPort()),
                        List.of(Protocol.UDP, 53, 5353)),
                row("\"l4\":{\"SCTP\":{\"source_port\":9,\"destination_port\":10}}",
                        f -> List.of(f.protocol(), f.destinationPort()), List.of(Protocol.SCTP, 10)),
                row("\"l4\":{\"ICMPv4\":{\"type\":3,\"code\":1}}",
                        f -> List.of(f.protocol(), f.icmpType(), f.icmpCode()), List.of(Protocol.ICMP, 3, 1)),
                row("\"l4\":{\"ICMPv6\":{\"type\":128}}", HubbleFlow::protocol, Protocol.ICMPV6),
                row("\"l4\":{}", HubbleFlow::protocol, Protocol.OTHER),
                row("\"time\":\"2026-03-01T11:00:00.5+01:00\"", HubbleFlow::time,
                        Instant.parse("2026-03-01T10:00:00.500Z")),
                row("\"time\":{\"seconds\":\"1772359200\",\"nanos\":7}", HubbleFlow::time,
                        Instant.parse("2026-03-01T10:00:00.000000007Z")),
                row("\"Type\":\"L7\"", HubbleFlow::l7, true),
                row("\"Type\":2", HubbleFlow::l7, true),
                row("\"Type\":\"L3_L4\"", HubbleFlow::l7, false),
                row("\"destination_service\":{\"name\":\"db\",\"namespace\":\"shop\"}",
                        HubbleFlow::destinationService, Optional.of(new ServiceName("db", "shop"))),
                row("\"sourceService\":{\"name\":\"web\",\"namespace\":\"shop\"}", HubbleFlow::sourceService,
                        Optional.of(new ServiceName("web", "shop"))),
                row("\"source_names\":[\"a.example.com\",\"b.example.com\"]", HubbleFlow::sourceNames,
                        List.of("a.example.com", "b.example.com")),
                row("\"l7\":{\"type\":\"RESPONSE\",\"dns\":{\"query\":\"x.io.\",\"ips\":[\"192.0.2.1\",\"2001:db8::9\"],"
                        + "\"ttl\":60,\"rcode\":3}}", HubbleFlow::dns, Optional.of(new DnsAnswer("x.io.",
                                List.of(IpAddress.parse("192.0.2.1"), IpAddress.parse("2001:db8::9")), 60, 3))),
                row("\"drop_reason_desc\":\"POLICY_DENIED\"", HubbleFlow::dropReason, "POLICY_DENIED"),
                row("\"drop_reason_desc\":181", HubbleFlow::dropReason, "drop reason 181"),
                row("\"source\":{\"identity\":4294967295,\"namespace\":\"ns\",\"labels\":[\"k8s:a=b\"],"
                        + "\"unknown\":{\"x\":[1]}}", f -> f.source().identity(), 4294967295L),
                row("\"node_name\":\"n1\"", HubbleFlow::nodeName, "n1"),
                row("\"future_field\":{\"deep\":[{\"a\":1}]}", HubbleFlow::verdict, FlowVerdict.VERDICT_UNKNOWN));
    }

    private static Arguments row(String extra, Function<HubbleFlow, Object> field, Object expected) {
        return Arguments.of(extra, field, expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mapping")
    void mapsEachFieldAsFlowProtoSays(String extra, Function<HubbleFlow, Object> field, Object expected) {
        LineResult r = HubbleFlows.parseLine(line(extra), 1);
        assertThat(r.problem()).isEmpty();
        assertThat(field.apply(r.flow().orElseThrow())).isEqualTo(expected);
    }

    /** Twins of the table rows, each wrong in one place. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "\"verdict\":\"forwarded\"",
        "\"verdict\":8",
        "\"traffic_direction\":\"egress\"",
        "\"is_reply\":\"true\"",
        "\"is_reply\":{\"value\":1}",
        "\"l4\":{\"TCP\":{\"source_port\":1,\"destination_port\":65536}}",
        "\"l4\":{\"TCP\":{\"source_port\":-1,\"destination_port\":2}}",
        "\"l4\":{\"TCP\":{\"source_port\":1.5,\"destination_port\":2}}",
        "\"l4\":{\"TCP\":{\"source_port\":1,\"destination_port\":2,\"flags\":\"SYN\"}}",
        "\"l4\":{\"ICMPv4\":{\"type\":256}}",
        "\"l4\":[]",
        "\"time\":\"2026-03-01 10:00:00Z\"",
        "\"time\":\"2026-02-30T10:00:00Z\"",
        "\"time\":{\"seconds\":1,\"nanos\":1000000000}",
        "\"Type\":\"L8\"",
        "\"destination_service\":\"db\"",
        "\"source_names\":[\"a.example.com\",1]",
        "\"l7\":{\"dns\":{\"query\":\"x.io.\",\"ips\":[\"192.0.2.300\"]}}",
        "\"l7\":{\"dns\":{\"query\":\"x.io.\",\"ttl\":4294967296}}",
        "\"source\":{\"identity\":4294967296}",
        "\"source\":{\"identity\":99999999999999999999999}",
        "\"node_name\":7",
        "\"IP\":{\"source\":\"10.0.1.5\",\"destination\":\"10.0.0.9\",\"ipVersion\":\"IPv6\"}",
        "\"IP\":{\"source\":\"10.0.1.5\",\"destination\":\"10.0.0.9\",\"ipVersion\":\"IPv5\"}",
    })
    void reportsAFieldWithAWrongValueAsMalformed(String extra) {
        LineResult r = HubbleFlows.parseLine(line(extra), 9);
        assertThat(r.kind()).isEqualTo(LineResult.Kind.MALFORMED);
        assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(9));
    }

    @Test
    void listsAreBoundedAndOneItemMoreIsMalformed() {
        String ok = "\"source_names\":[" + String.join(",", java.util.Collections.nCopies(HubbleFlows.MAX_LIST_ITEMS,
                "\"a.io\"")) + "]";
        String tooMany = "\"source_names\":[" + String.join(",", java.util.Collections.nCopies(
                HubbleFlows.MAX_LIST_ITEMS + 1, "\"a.io\"")) + "]";
        assertThat(HubbleFlows.parseLine(line(ok), 1).kind()).isEqualTo(LineResult.Kind.FLOW);
        assertThat(HubbleFlows.parseLine(line(tooMany), 1).message()).contains("more than 4096 items");
    }

    @Test
    void otherEventsBlankLinesAndFlowsWithoutAddressesAreNotErrors() {
        assertThat(HubbleFlows.parseLine("  \t", 1).kind()).isEqualTo(LineResult.Kind.BLANK);
        assertThat(HubbleFlows.parseLine("{\"agent_event\":{\"type\":\"AGENT_STARTED\"}}", 1).kind())
                .isEqualTo(LineResult.Kind.OTHER_EVENT);
        assertThat(HubbleFlows.parseLine("{\"flow\":{\"time\":\"2026-03-01T10:00:00Z\"}}", 1).message())
                .isEqualTo("flow without IP addresses");
        assertThat(HubbleFlows.parseLine("{}", 1).kind()).isEqualTo(LineResult.Kind.MALFORMED);
        assertThat(HubbleFlows.parseLine("{\"flow\":{\"time\":\"2026-03-01T10:00:00Z\",\"IP\":{\"source\":\"10.0.0.1\"}}}",
                1).message()).contains("both");
    }

    @Test
    void theFlowsOwnTimeAndNodeWinOverTheWrappersAndTheWrappersFillIn() {
        HubbleFlow own = HubbleFlows.parseLine("{\"flow\":{\"time\":\"2026-03-01T10:00:00Z\",\"node_name\":\"a\","
                + BASE_IP + "},\"node_name\":\"b\",\"time\":\"2026-03-01T11:00:00Z\"}", 1).flow().orElseThrow();
        assertThat(own.time()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(own.nodeName()).isEqualTo("a");
        HubbleFlow filled = HubbleFlows.parseLine("{\"flow\":{" + BASE_IP + "},\"node_name\":\"b\","
                + "\"time\":\"2026-03-01T11:00:00Z\"}", 1).flow().orElseThrow();
        assertThat(filled.time()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(filled.nodeName()).isEqualTo("b");
    }

    @Test
    void aLineOverTheLimitIsSkippedAndTheNextLineIsRead() throws IOException {
        String good = line("");
        String longLine = line("\"pad\":\"" + "x".repeat(200) + "\"");
        byte[] input = (longLine + "\n" + good + "\r\n" + good).getBytes(StandardCharsets.UTF_8);
        List<FlowProblem> problems = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(input), good.length(), problems::add)) {
            for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                lines.add(f.get().line());
            }
        }
        assertThat(lines).containsExactly(2L, 3L);
        assertThat(problems).extracting(FlowProblem::toString)
                .containsExactly("line 1: longer than " + good.length() + " bytes");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedNotAnException() {
        byte[] bad = line("\"node_name\":\"X\"").getBytes(StandardCharsets.UTF_8);
        int x = new String(bad, StandardCharsets.UTF_8).indexOf("X\"");
        bad[x] = (byte) 0xC3; // a lead byte followed by '"'
        LineResult r = HubbleFlows.parseLine(bad, 0, bad.length, 4);
        assertThat(r.kind()).isEqualTo(LineResult.Kind.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00:00Z", "2026-03-01T10:00:00.123456789Z", "2026-03-01T10:00:00.1z",
        "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T00:00:00Z",
        "2026-03-01T10:00:00-07:30", "2026-03-01t10:00:00+14:00", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-03-01T24:00:00Z", "2026-03-01T10:00:00", "2026-03-01T10:00:00+0100",
        "+2026-03-01T10:00:00Z", "2026-03-01T10:00:60Z"})
    void theFastTimeParserAgreesWithJavaTime(String text) {
        assertThat(HubbleFlows.Rfc3339.parse(text)).isEqualTo(HubbleFlows.Rfc3339.parseSlow(text));
    }

    @Test
    void aDecimalPointWithoutDigitsIsRefusedAsRfc3339AndGoDoWhereJavaTimeAccepts() {
        // RFC 3339: time-secfrac = "." 1*DIGIT; Go's time.Parse needs a digit after the point too
        assertThat(HubbleFlows.Rfc3339.parseSlow("2026-03-01T10:00:00.Z")).isNotNull();
        assertThat(HubbleFlows.Rfc3339.parse("2026-03-01T10:00:00.Z")).isNull();
    }
}
