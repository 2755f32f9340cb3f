package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FlowShapes} replays a line of a learned shape exactly as the line reader reads it: for hand-written Hubble
 * lines of many shapes (field names from Cilium's {@code flow.proto}), a second line of the same shape with other
 * values is replayed and reads as Jackson alone reads it; lines that differ from a replayable line in one place only
 * (a value of another kind, a value an action refuses, bytes outside a value, a check across fields) abandon the
 * replay where they must and still read as Jackson reads them; lines no shape can repeat are not learned; and the
 * tree stays bounded.
 */
class FlowShapesTest {

    static final String WEB = "{\"ID\":812,\"identity\":21002,\"namespace\":\"shop\",\"labels\":[\"k8s:app=web\","
            + "\"k8s:io.kubernetes.pod.namespace=shop\"],\"pod_name\":\"web-7d9f-abcde\"}";
    static final String DB = "{\"ID\":44,\"identity\":40123,\"namespace\":\"shop\",\"labels\":[\"k8s:app=postgres\","
            + "\"k8s:io.kubernetes.pod.namespace=shop\"],\"pod_name\":\"postgres-0\"}";
    static final String WORLD = "{\"identity\":2,\"labels\":[\"reserved:world\"]}";

    /** The {@code hubble observe -o jsonpb} shape: TCP with flags, names, a drop reason, unknown fields. */
    static final String TCP = "{\"flow\":{\"time\":\"2026-03-01T10:00:00.000000001Z\",\"uuid\":\"0b1f-0001\","
            + "\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.1.5\",\"destination\":\"203.0.113.7\","
            + "\"ipVersion\":\"IPv4\"},\"l4\":{\"TCP\":{\"source_port\":40001,\"destination_port\":443,"
            + "\"flags\":{\"SYN\":true,\"ACK\":false}}},\"source\":" + WEB + ",\"destination\":" + WORLD
            + ",\"Type\":\"L3_L4\",\"node_name\":\"kind-worker\",\"destination_names\":[\"api.example.com\"],"
            + "\"event_type\":{\"type\":4},\"traffic_direction\":\"EGRESS\",\"is_reply\":false,"
            + "\"drop_reason_desc\":\"POLICY_DENIED\",\"Summary\":\"TCP Flags: SYN\"},"
            + "\"node_name\":\"kind-worker\",\"time\":\"2026-03-01T10:00:00.000000001Z\"}";

    /** A bare flow: UDP over IPv6, enums by number, no is_reply, services, three names, unknown fields of all kinds. */
    static final String BARE_UDP6 = "{\"time\":\"2026-03-01T10:00:05Z\",\"uuid\":\"aa-01\",\"verdict\":1,"
            + "\"drop_reason_desc\":133,\"IP\":{\"source\":\"fd00::105\",\"destination\":\"2001:db8::1\","
            + "\"ipVersion\":2},\"l4\":{\"UDP\":{\"source_port\":51000,\"destination_port\":123}},"
            + "\"source\":" + WEB + ",\"destination\":" + DB + ",\"source_names\":[\"a.example.com\","
            + "\"b.example.com\",\"c.example.com\"],\"destination_names\":[],"
            + "\"source_service\":{\"name\":\"web\",\"namespace\":\"shop\"},"
            + "\"destination_service\":{\"name\":\"db\",\"namespace\":\"shop\"},\"traffic_direction\":2,"
            + "\"u_str\":\"x\",\"u_num\":-17,\"u_bool\":true,\"u_obj\":{\"a\":[1,\"b\",false],\"c\":{}},"
            + "\"u_arr\":[{\"d\":2},\"e\",3,true],\"u_null\":null}";

    /** ICMPv4 echo, wrapped, is_reply true. */
    static final String ICMP4 = "{\"flow\":{\"time\":\"2026-03-01T10:00:06Z\",\"verdict\":\"FORWARDED\","
            + "\"IP\":{\"source\":\"10.0.1.5\",\"destination\":\"172.18.0.2\",\"ipVersion\":\"IPv4\"},"
            + "\"l4\":{\"ICMPv4\":{\"type\":8,\"code\":0}},\"source\":" + WEB + ",\"destination\":" + WORLD
            + ",\"Type\":\"L3_L4\",\"traffic_direction\":\"EGRESS\",\"is_reply\":true}}";

    /** ICMPv6, bare, a port in the ICMP object (skipped, read as 0), a dropped verdict with a reason. */
    static final String ICMP6 = "{\"time\":\"2026-03-01T10:00:07Z\",\"verdict\":\"DROPPED\","
            + "\"drop_reason_desc\":\"POLICY_DENIED\",\"IP\":{\"source\":\"fd00::1\",\"destination\":\"fd00::2\","
            + "\"ipVersion\":\"IPv6\"},\"l4\":{\"ICMPv6\":{\"type\":128,\"code\":0,\"source_port\":9}},"
            + "\"source\":" + WORLD + ",\"destination\":" + WEB + ",\"traffic_direction\":\"INGRESS\","
            + "\"is_reply\":false}";

    /** A DNS answer (l7) over UDP, JSON field names, direction by name. */
    static final String DNS = "{\"flow\":{\"time\":\"2026-03-01T10:00:01Z\",\"verdict\":\"FORWARDED\","
            + "\"IP\":{\"source\":\"10.0.0.10\",\"destination\":\"10.0.1.5\",\"ipVersion\":\"IPv4\"},"
            + "\"l4\":{\"UDP\":{\"sourcePort\":53,\"destinationPort\":51234}},\"source\":" + DB
            + ",\"destination\":" + WEB + ",\"Type\":\"L7\",\"nodeName\":\"kind-worker\",\"l7\":{\"type\":"
            + "\"RESPONSE\",\"latency_ns\":\"1200000\",\"dns\":{\"query\":\"cdn.example.net.\",\"ips\":["
            + "\"198.51.100.10\",\"198.51.100.11\"],\"ttl\":30,\"cnames\":[],\"rcode\":0,\"qtypes\":[\"A\"]}},"
            + "\"trafficDirection\":\"INGRESS\",\"isReply\":true},\"node_name\":\"kind-worker\"}";

    /** White space between every token, and a legacy reply field. */
    static final String SPACED = "{ \"flow\" : { \"time\" : \"2026-03-01T10:00:02Z\" ,\t\"verdict\" : \"AUDIT\" , "
            + "\"IP\" : { \"source\" : \"10.0.1.5\" , \"destination\" : \"10.0.3.3\" } , \"l4\" : { \"TCP\" : { "
            + "\"source_port\" : 40003 , \"destination_port\" : 5432 , \"flags\" : { \"SYN\" : true } } } , "
            + "\"source\" : " + WEB + " , \"destination\" : " + DB + " , \"reply\" : false , "
            + "\"destination_names\" : [ \"db.shop\" ] } }";

    /** Reads lines with one caching tokenizer, as one reader does, and checks each against Jackson. */
    static final class Reading {
        final FastJsonTokens fast = new FastJsonTokens(true);
        final FlowShapes shapes = fast.shapes();
        long replayed;
        long abandoned;
        long learned;
        long endpointsRead;
        long line;

        /** Reads {@code text}: its result, which must be Jackson's; the counters' changes are then in the fields. */
        LineResult read(String text) {
            long[] before = {shapes.replayed(), shapes.abandoned(), shapes.learned(), shapes.endpointsRead()};
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            line++;
            LineResult r = HubbleFlows.parseLine(fast, b, 0, b.length, line);
            int from = 0;
            while (from < b.length && (b[from] == ' ' || b[from] == '\t')) {
                from++;
            }
            assertThat(r).as(text).isEqualTo(HubbleFlows.parseWithJackson(b, from, b.length, line));
            replayed = shapes.replayed() - before[0];
            abandoned = shapes.abandoned() - before[1];
            learned = shapes.learned() - before[2];
            endpointsRead = shapes.endpointsRead() - before[3];
            assertThat(shapes.size()).isLessThanOrEqualTo(FlowShapes.MAX_NODES);
            return r;
        }
    }

    /** {@code text} with each {@code pairs[2k]} replaced by {@code pairs[2k + 1]}; each must occur in it. */
    static String with(String text, String... pairs) {
        String out = text;
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(out).as("the line to change").contains(pairs[i]);
            out = out.replace(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("wrapped TCP with flags, names, a uuid and unknown fields", TCP, new String[] {
                    "0b1f-0001", "0b1f-0002", "10:00:00.000000001Z\",\"uuid", "10:00:09.5Z\",\"uuid",
                    "\"10.0.1.5\"", "\"10.0.1.6\"", "40001", "40017", "\"SYN\":true", "\"SYN\":false",
                    "\"ACK\":false", "\"ACK\":true", "api.example.com", "cdn.example.org", "EGRESS", "INGRESS",
                    "\"is_reply\":false", "\"is_reply\":true", "POLICY_DENIED", "STALE_OR_UNROUTABLE_IP",
                    "\"type\":4", "\"type\":1", "TCP Flags: SYN", "TCP Flags: ACK"}),
                Arguments.of("bare UDP over IPv6, enums by number, services, 3 and 0 names, unknown kinds", BARE_UDP6,
                        new String[] {"aa-01", "bb-02", "\"verdict\":1", "\"verdict\":2", "133", "181",
                            "fd00::105", "fd00::106", "2001:db8::1\"", "2001:db8::ff\"", "51000", "51001",
                            "b.example.com", "z.example.com", "\"name\":\"db\"", "\"name\":\"pg\"",
                            "\"traffic_direction\":2", "\"traffic_direction\":1", "\"x\"", "\"y\"", "-17", "170",
                            "\"u_bool\":true", "\"u_bool\":false", "\"b\",false", "\"q\",true"}),
                Arguments.of("wrapped ICMPv4 with type and code", ICMP4, new String[] {"\"type\":8,\"code\":0",
                    "\"type\":0,\"code\":3", "172.18.0.2", "172.18.0.9", "\"is_reply\":true", "\"is_reply\":false"}),
                Arguments.of("bare ICMPv6, a skipped port, a drop reason", ICMP6, new String[] {"\"type\":128",
                    "\"type\":129", "\"source_port\":9", "\"source_port\":10", "fd00::2\"", "fd00::3\"",
                    "POLICY_DENIED", "CT_MAP_INSERTION_FAILED"}),
                Arguments.of("an l7 DNS answer with ips, JSON names", DNS, new String[] {"cdn.example.net.",
                    "api.example.org.", "198.51.100.11", "192.0.2.44", "\"ttl\":30", "\"ttl\":3600",
                    "\"rcode\":0", "\"rcode\":3", "51234", "51235", "\"isReply\":true", "\"isReply\":false"}),
                Arguments.of("white space between tokens, a legacy reply field", SPACED, new String[] {"40003",
                    "40004", "\"reply\" : false", "\"reply\" : true", "\"AUDIT\"", "\"TRACED\"", "db.shop",
                    "pg.shop", "10:00:02Z", "11:30:00Z"}),
                Arguments.of("endpoints of the first line swapped", TCP, new String[] {"\"source\":" + WEB,
                    "\"source\":" + DB}));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("shapes")
    void aLineOfALearnedShapeWithOtherValuesIsReplayedAndReadsAsJacksonReadsIt(String name, String base,
            String[] changes) {
        Reading r = new Reading();
        LineResult first = r.read(base);
        assertThat(first.kind()).as(name).isEqualTo(LineResult.Kind.FLOW);
        assertThat(r.learned).as("learned").isEqualTo(1);
        assertThat(r.replayed).isZero();

        String other = with(base, changes);
        LineResult second = r.read(other);
        assertThat(second.kind()).isEqualTo(LineResult.Kind.FLOW);
        assertThat(r.replayed).as("replayed").isEqualTo(1);
        assertThat(r.abandoned).isZero();
        assertThat(r.learned).isZero();
        // the values were read from the second line, not kept from the first (the line numbers differ anyway)
        assertThat(second.flow().orElseThrow()).usingRecursiveComparison().ignoringFields("line")
                .isNotEqualTo(first.flow().orElseThrow());

        // the first line again: replayed too, and still its own result
        assertThat(r.read(base).flow().orElseThrow()).usingRecursiveComparison().ignoringFields("line")
                .isEqualTo(first.flow().orElseThrow());
        assertThat(r.replayed).isEqualTo(1);
    }

    /** How a changed line must be read. */
    enum Replay { REPLAYED, ABANDONED }

    static Stream<Arguments> oneChange() {
        return Stream.of(
                // name, base, from, to, replay, kind, learned, endpoints read in place
                row("port 65536", TCP, "\"destination_port\":443", "\"destination_port\":65536", false, false),
                row("port 65535 (the largest)", TCP, "\"destination_port\":443", "\"destination_port\":65535",
                        true, true),
                row("port as the string \"443\" (another kind)", TCP, "\"destination_port\":443",
                        "\"destination_port\":\"443\"", false, true),
                row("an escape \\\" in a skipped string", TCP, "TCP Flags: SYN", "TCP \\\"Flags\\\": SYN", false, true),
                row("an escape \\u0041 in a read string", TCP, "\"node_name\":\"kind-worker\",\"time\"",
                        "\"node_name\":\"kind-worker\\u0041\",\"time\"", false, true),
                row("non-ASCII in a read string", TCP, "POLICY_DENIED", "POLICY_DENI\u00c9D", false, true),
                row("non-ASCII in a skipped string", TCP, "0b1f-0001", "0b1f-\u00e90001", false, true),
                row("an invalid IP", TCP, "\"10.0.1.5\"", "\"10.0.1.256\"", false, false),
                row("an IPv4 source with an IPv6 destination", ICMP4, "172.18.0.2", "2001:db8::2", false, false),
                row("ipVersion IPv6 with IPv4 addresses", TCP, "\"ipVersion\":\"IPv4\"", "\"ipVersion\":\"IPv6\"",
                        false, false),
                row("an unknown verdict name", TCP, "\"FORWARDED\"", "\"SOMETIMES\"", false, false),
                row("verdict as the number 2", TCP, "\"verdict\":\"FORWARDED\"", "\"verdict\":2", false, true),
                row("an unknown verdict number", BARE_UDP6, "\"verdict\":1", "\"verdict\":99", false, false),
                row("true -> tru", TCP, "\"SYN\":true", "\"SYN\":tru", false, false),
                row("true -> truex", TCP, "\"SYN\":true", "\"SYN\":truex", false, false),
                row("false -> 0", TCP, "\"is_reply\":false", "\"is_reply\":0", false, false),
                row("a leading zero 0443", TCP, "\"destination_port\":443", "\"destination_port\":0443", false,
                        false),
                row("port -1", TCP, "\"destination_port\":443", "\"destination_port\":-1", false, false),
                row("a 19-digit port", TCP, "\"destination_port\":443",
                        "\"destination_port\":1234567890123456789", false, false),
                row("an 18-digit port", TCP, "\"destination_port\":443", "\"destination_port\":123456789012345678",
                        false, false),
                row("a 19-digit skipped number", TCP, "\"type\":4", "\"type\":1234567890123456789", false, true),
                row("an 18-digit skipped number", TCP, "\"type\":4", "\"type\":123456789012345678", true, true),
                row("port 1.5", TCP, "\"destination_port\":443", "\"destination_port\":1.5", false, false),
                row("port 1e3", TCP, "\"destination_port\":443", "\"destination_port\":1e3", false, false),
                row("a skipped number 1.5", TCP, "\"type\":4", "\"type\":1.5", false, true),
                row("text after the object", TCP, "000000001Z\"}", "000000001Z\"} x", false, false),
                row("a second object after the object", TCP, "000000001Z\"}", "000000001Z\"}{}", false, false),
                row("a missing closing brace", TCP, "000000001Z\"}", "000000001Z\"", false, false),
                row("trailing spaces", TCP, "000000001Z\"}", "000000001Z\"}  \t", false, true),
                row("a field renamed by one letter", TCP, "\"source_port\"", "\"sourcd_port\"", false, true),
                row("a duplicated field (the last wins)", TCP, "\"destination_port\":443",
                        "\"destination_port\":443,\"destination_port\":8443", false, true),
                row("an extra field inserted", TCP, "\"Type\":", "\"extra\":{\"x\":[1]},\"Type\":", false, true),
                row("null instead of a read value", TCP, "\"node_name\":\"kind-worker\",\"destination_names\"",
                        "\"node_name\":null,\"destination_names\"", false, true),
                row("null instead of a skipped value", TCP, "\"uuid\":\"0b1f-0001\"", "\"uuid\":null", false, true),
                row("an endpoint whose labels changed", TCP, "k8s:app=web", "k8s:app=web2", true, true),
                row("a new endpoint with a bad ID", TCP, "\"ID\":812", "\"ID\":-812", false,
                        false),
                row("an endpoint that is not an object", TCP, "\"source\":" + WEB, "\"source\":3", false, false),
                row("an endpoint that is an empty object", TCP, "\"source\":" + WEB, "\"source\":{}", true, true),
                row("a names list with one more item", TCP, "[\"api.example.com\"]",
                        "[\"api.example.com\",\"b.example.com\"]", false, true),
                row("a names list with one item less", BARE_UDP6, ",\"c.example.com\"]", "]", false, true),
                row("a names item that is a number", TCP, "[\"api.example.com\"]", "[7]", false, false),
                row("a DNS ips item that is not an IP", DNS, "198.51.100.11", "198.51.100.x", false, false),
                row("a DNS ttl too large", DNS, "\"ttl\":30", "\"ttl\":4294967296", false, false),
                row("a time that is not RFC 3339", TCP, "\"time\":\"2026-03-01T10:00:00.000000001Z\",\"uuid",
                        "\"time\":\"2026-02-30T10:00:00.000000001Z\",\"uuid", false, false),
                row("time as seconds and nanos (not learned)", TCP,
                        "\"time\":\"2026-03-01T10:00:00.000000001Z\",\"uuid",
                        "\"time\":{\"seconds\":1772359200,\"nanos\":1},\"uuid", false, true),
                row("is_reply as a wrapper (not learned)", TCP, "\"is_reply\":false", "\"is_reply\":{\"value\":true}",
                        false, true),
                row("an unknown direction name", TCP, "\"EGRESS\"", "\"SIDEWAYS\"", false, false),
                row("a direction by number", TCP, "\"traffic_direction\":\"EGRESS\"", "\"traffic_direction\":1",
                        false, true),
                row("a control byte in a skipped string", TCP, "TCP Flags: SYN", "TCP Flags:\u0001SYN", false,
                        false),
                row("a tab between tokens", TCP, "\"verdict\":\"FORWARDED\"", "\"verdict\":\t\"FORWARDED\"", false,
                        true),
                row("a protocol object renamed", TCP, "\"TCP\"", "\"UDP\"", false, true),
                row("an empty string for a read value", TCP, "\"node_name\":\"kind-worker\",\"time\"",
                        "\"node_name\":\"\",\"time\"", true, true),
                row("an empty IP", TCP, "\"10.0.1.5\"", "\"\"", false, false));
    }

    private static Arguments row(String name, String base, String from, String to, boolean replayed, boolean flow) {
        return Arguments.of(name, base, from, to, replayed ? Replay.REPLAYED : Replay.ABANDONED,
                flow ? LineResult.Kind.FLOW : LineResult.Kind.MALFORMED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("oneChange")
    void aLineThatDiffersInOnePlaceReadsAsJacksonReadsIt(String name, String base, String from, String to,
            Replay replay, LineResult.Kind kind) {
        Reading r = new Reading();
        r.read(base);
        assertThat(r.learned).isEqualTo(1);
        String twin = with(base, from, to);
        assertThat(twin).isNotEqualTo(base);
        LineResult changed = r.read(twin);
        assertThat(changed.kind()).as(name).isEqualTo(kind);
        if (replay == Replay.REPLAYED) {
            assertThat(r.replayed).as("replayed").isEqualTo(1);
            assertThat(r.abandoned).isZero();
        } else {
            assertThat(r.abandoned).as("abandoned").isEqualTo(1);
            assertThat(r.replayed).isZero();
        }
        // the base line replays as before whatever the changed line did to the tokenizer's memory
        LineResult again = r.read(base);
        assertThat(r.replayed).as("base replayed after the changed line").isEqualTo(1);
        assertThat(again.kind()).isEqualTo(LineResult.Kind.FLOW);
        // the changed line read again: the same result (a shape learned from it replays it)
        LineResult twice = r.read(twin);
        assertThat(twice.kind()).isEqualTo(kind);
    }

    @Test
    void aChangedLineReadTheUsualWayIsLearnedUnlessNoShapeCanRepeatIt() {
        String[][] rows = {
            // from, to, learned (1) or not (0)
            {"\"destination_port\":443", "\"destination_port\":\"443\"", "1"},
            {"\"verdict\":\"FORWARDED\"", "\"verdict\":2", "1"},
            {"000000001Z\"}", "000000001Z\"}   ", "1"},
            {"\"source_port\"", "\"sourcd_port\"", "1"},
            {"\"node_name\":\"kind-worker\",\"destination_names\"", "\"node_name\":null,\"destination_names\"", "1"},
            {"[\"api.example.com\"]", "[\"api.example.com\",\"b.example.com\"]", "1"},
            {"\"time\":\"2026-03-01T10:00:00.000000001Z\",\"uuid", "\"time\":{\"seconds\":1772359200,\"nanos\":1},\"uuid",
                "0"},
            {"\"is_reply\":false", "\"is_reply\":{\"value\":true}", "0"},
            {"\"type\":4", "\"type\":1.5", "0"}, // a decimal number is not replayed
            {"TCP Flags: SYN", "TCP \\\"Flags\\\": SYN", "0"}, // read by Jackson
            {"\"destination_port\":443", "\"destination_port\":65536", "0"}, // malformed
        };
        for (String[] row : rows) {
            Reading r = new Reading();
            r.read(TCP);
            String twin = with(TCP, row[0], row[1]);
            r.read(twin);
            assertThat(r.learned).as(row[1]).isEqualTo(Long.parseLong(row[2]));
            // a learned twin with another value elsewhere is replayed; one not learned is abandoned again
            r.read(with(twin, "0b1f-0001", "0b1f-0002"));
            assertThat(r.replayed).as(row[1]).isEqualTo(Long.parseLong(row[2]));
        }
    }

    @Test
    void aNewEndpointInAReplayedLineIsReadInPlaceAndThenFoundInTheCache() {
        Reading r = new Reading();
        r.read(TCP);
        String other = with(TCP, "web-7d9f-abcde", "web-7d9f-fghij");
        LineResult a = r.read(other);
        assertThat(r.replayed).isEqualTo(1);
        assertThat(r.endpointsRead).isEqualTo(1);
        assertThat(a.flow().orElseThrow().source().podName()).isEqualTo("web-7d9f-fghij");
        long found = r.fast.endpointsFound();
        LineResult b = r.read(with(other, "40001", "40002"));
        assertThat(r.replayed).isEqualTo(1);
        assertThat(r.endpointsRead).as("the endpoint read in place was remembered").isZero();
        assertThat(r.fast.endpointsFound()).isEqualTo(found + 2);
        assertThat(b.flow().orElseThrow().source()).isSameAs(a.flow().orElseThrow().source());
        // both endpoints new in one replayed line
        r.read(with(TCP, "web-7d9f-abcde", "web-1", "\"identity\":2,", "\"identity\":3,"));
        assertThat(r.replayed).isEqualTo(1);
        assertThat(r.endpointsRead).isEqualTo(2);
    }

    @Test
    void aFlowReaderReplaysItsLinesAndGivesWhatJacksonGives() throws IOException {
        List<String> lines = new ArrayList<>();
        String[] bases = {TCP, BARE_UDP6, ICMP4, ICMP6, DNS, SPACED};
        for (int i = 0; i < 60; i++) {
            String base = bases[i % bases.length];
            lines.add(base.replace("10.0.1.5", "10.0.1." + (i % 250)).replace("fd00::1", "fd00::" + i));
        }
        lines.add(with(TCP, "40001", "70000")); // malformed, between replayed lines
        lines.add(TCP);
        byte[] input = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        List<FlowProblem> problems = new ArrayList<>();
        List<HubbleFlow> flows = new ArrayList<>();
        try (FlowReader reader = HubbleFlows.open(new ByteArrayInputStream(input), problems::add)) {
            for (Optional<HubbleFlow> f = reader.next(); f.isPresent(); f = reader.next()) {
                flows.add(f.get());
            }
            FlowShapes shapes = reader.tokens().shapes();
            assertThat(shapes.learned()).isEqualTo(bases.length);
            assertThat(shapes.replayed()).isEqualTo(lines.size() - bases.length - 1);
            // the first line of each new shape after the first found no shape, and so did the malformed line: each
            // twice (straight from the read bytes, then within its bounds); and the last line, which has no line
            // break, once (straight from the read bytes: its end is not known to be the line's end)
            assertThat(shapes.abandoned()).isEqualTo(2L * bases.length + 1);
        }
        assertThat(problems).extracting(FlowProblem::line).containsExactly(61L);
        assertThat(flows).hasSize(lines.size() - 1);
        for (HubbleFlow f : flows) {
            byte[] b = lines.get((int) f.line() - 1).getBytes(StandardCharsets.UTF_8);
            assertThat(f).isEqualTo(HubbleFlows.parseWithJackson(b, 0, b.length, f.line()).flow().orElseThrow());
        }
    }

    @Test
    void theTreeStaysBoundedWhenEveryLineHasANewShape() {
        Reading r = new Reading();
        int lines = 0;
        boolean dropped = false;
        int before = 0;
        for (int i = 0; i < 400; i++) {
            // a distinct field name first: every step after it is new, so each line adds a whole path
            String line = TCP.replace("{\"flow\":{", "{\"f" + i + "\":" + i + ",\"flow\":{");
            r.read(line);
            lines++;
            dropped |= r.fast.shapes().size() < before;
            before = r.fast.shapes().size();
        }
        assertThat(dropped).as("the tree was dropped when full").isTrue();
        assertThat(r.fast.shapes().size()).isBetween(1, FlowShapes.MAX_NODES);
        // a growing number of unknown fields: long lines sharing a prefix
        for (int k = 0; k < 300; k++) {
            StringBuilder extra = new StringBuilder();
            for (int j = 0; j < k; j++) {
                extra.append("\"g").append(j).append("\":").append(j).append(',');
            }
            r.read(TCP.replace("{\"flow\":{", "{" + extra + "\"flow\":{"));
            lines++;
        }
        // still learning and replaying after the drops (the first read may find the tree full and drop it)
        r.read(TCP);
        r.read(TCP);
        r.read(with(TCP, "40001", "40002"));
        assertThat(r.replayed).isEqualTo(1);
        assertThat(lines).isEqualTo(700);
    }

    @Test
    void aLineLongerThanALearnableShapeIsReadButNotLearned() {
        Reading r = new Reading();
        StringBuilder extra = new StringBuilder();
        for (int j = 0; j < FlowShapes.MAX_STEPS; j++) {
            extra.append("\"g").append(j).append("\":").append(j).append(',');
        }
        String line = TCP.replace("{\"flow\":{", "{" + extra + "\"flow\":{");
        assertThat(r.read(line).kind()).isEqualTo(LineResult.Kind.FLOW);
        assertThat(r.learned).isZero();
        assertThat(r.fast.shapes().size()).isZero();
        // bytes between two values longer than MAX_LITERAL: not learned either
        String pad = "\"" + "p".repeat(FlowShapes.MAX_LITERAL) + "\":null,";
        r.read(TCP.replace("{\"flow\":{", "{" + pad + "\"flow\":{"));
        assertThat(r.learned).isZero();
    }
}
