package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A {@link FlowReader} gives, line for line, what Jackson alone gives ({@link HubbleFlows#parseWithJackson}) for each
 * line of the input split at its {@code '\n'} bytes (one {@code '\r'} before it dropped, blank lines skipped, lines
 * over the maximum reported as too long), whatever its caches and learned shapes ({@link FlowShapes}) did: lines
 * replayed straight from the read chunk, replays abandoned midway, endpoints read in place, lines crossing chunk
 * boundaries. Inputs are runs of flow lines in a handful of shapes with random values (ports beyond 65535, invalid
 * addresses, unknown enum names, escapes, non-ASCII, new endpoints, names lists of several lengths, a field that
 * differs on every line), some mutated ({@link FastJsonTokensProperties#mutate}), some cut by a raw line break, with
 * lines of 1-2 KiB, {@code \n} or {@code \r\n} endings, a {@code \r} before more text or another {@code \r}, and blank lines, read through a stream that returns few bytes at a time so that
 * chunk boundaries fall anywhere. How often each case happened is asserted.
 */
class FlowReaderReplayProperties {

    private static final int EXAMPLES = 300;
    private static final int MAX_LINE = 2500;

    enum Case {
        REPLAYED, ABANDONED, LEARNED, ENDPOINT_READ_IN_PLACE, MALFORMED, TOO_LONG, CRLF, CUT_BY_LINE_BREAK, FLOW,
        LONE_CR, LONG_LINE
    }

    private static final Map<Case, AtomicLong> HITS = new EnumMap<>(Case.class);
    private static final AtomicLong LINES = new AtomicLong();

    static {
        for (Case c : Case.values()) {
            HITS.put(c, new AtomicLong());
        }
    }

    @AfterAll
    static void theGeneratorReachedEveryInterestingCase() {
        long n = LINES.get();
        System.out.println("FlowReaderReplayProperties coverage over " + n + " lines: " + HITS);
        assertThat(n).isGreaterThan(EXAMPLES * 50L);
        for (Case c : Case.values()) {
            assertThat((double) HITS.get(c).get() / n).as("fraction of %s among %d lines", c, n)
                    .isGreaterThanOrEqualTo(least(c));
        }
    }

    /** The least fraction of lines in which {@code c} must happen. */
    private static double least(Case c) {
        return switch (c) {
            case REPLAYED -> 0.4;
            case FLOW -> 0.6;
            case MALFORMED, ABANDONED -> 0.03;
            case LEARNED, LONG_LINE, ENDPOINT_READ_IN_PLACE -> 0.02;
            case TOO_LONG, CUT_BY_LINE_BREAK -> 0.002;
            case CRLF -> 0.2;
            case LONE_CR -> 0.005;
        };
    }

    /** A stream that returns at most a few bytes a read (and says none are available), so chunks end anywhere. */
    private static final class Trickle extends InputStream {
        private final byte[] b;
        private final Random r;
        private int pos;

        Trickle(byte[] b, Random r) {
            this.b = b;
            this.r = r;
        }

        @Override
        public int read() {
            return pos < b.length ? b[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] out, int off, int len) {
            if (pos == b.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, b.length - pos), r.nextInt(4) == 0 ? 1 + r.nextInt(64) : 1 + r.nextInt(40_000));
            System.arraycopy(b, pos, out, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    private static final String[] ENDPOINTS = {
        "{\"ID\":812,\"identity\":21002,\"namespace\":\"shop\",\"labels\":[\"k8s:app=web\","
            + "\"k8s:io.kubernetes.pod.namespace=shop\"],\"pod_name\":\"web-1\"}",
        "{\"identity\":2,\"labels\":[\"reserved:world\"]}",
        "{\"identity\":1}",
        "{\"identity\":6,\"labels\":[\"reserved:remote-node\"]}",
        "{\"ID\":41,\"identity\":40001,\"namespace\":\"db\",\"labels\":[\"k8s:app=postgres\"]}"};

    private static String endpoint(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> "{\"ID\":" + r.nextInt(100_000) + ",\"identity\":" + (40000 + r.nextInt(1000))
                    + ",\"namespace\":\"shop\",\"labels\":[\"k8s:app=x" + r.nextInt(5) + "\"]}"; // a new one
            case 1 -> "{\"identity\":" + r.nextInt(20) + "}";
            default -> ENDPOINTS[r.nextInt(ENDPOINTS.length)];
        };
    }

    private static String ip(Random r) {
        return switch (r.nextInt(60)) {
            case 0 -> "2001:db8::" + Integer.toHexString(r.nextInt(65536)); // of the other family
            case 1 -> "300.1.1." + r.nextInt(9); // not an address
            default -> "10.0." + r.nextInt(4) + "." + r.nextInt(256);
        };
    }

    private static String text(Random r, String usual) {
        return switch (r.nextInt(80)) {
            case 0 -> usual + "\\\"x"; // an escape
            case 1 -> usual + "\u00e9"; // not ASCII
            case 2 -> "NOT_" + usual;
            default -> usual;
        };
    }

    /** A flow line of one of a few shapes, with random values. */
    static String line(Random r, int shape) {
        boolean v6 = r.nextInt(8) == 0;
        String src = v6 ? "fd00::" + r.nextInt(99) : ip(r);
        String dst = v6 ? "fd00::1:" + r.nextInt(99) : ip(r);
        String colon = shape % 3 == 2 ? ": " : ":";
        StringBuilder f = new StringBuilder();
        f.append("{\"time\"").append(colon).append("\"2026-03-01T10:").append(10 + r.nextInt(50)).append(":0")
                .append(r.nextInt(10)).append('.').append(r.nextInt(1000)).append("Z\",\"verdict\":\"")
                .append(text(r, r.nextInt(6) == 0 ? "DROPPED" : "FORWARDED")).append('"');
        if (shape % 4 == 1) {
            f.append(",\"drop_reason_desc\":").append(r.nextBoolean() ? "\"POLICY_DENIED\"" : "" + r.nextInt(200));
        }
        f.append(",\"IP\":{\"source\":\"").append(src).append("\",\"destination\":\"").append(dst)
                .append("\",\"ipVersion\":\"").append(v6 ? "IPv6" : "IPv4").append("\"}");
        int port = r.nextInt(80) == 0 ? 65536 + r.nextInt(1000) : r.nextInt(65536);
        switch (shape % 3) {
            case 0 -> f.append(",\"l4\":{\"TCP\":{\"source_port\":").append(port).append(",\"destination_port\":443,")
                    .append(r.nextBoolean() ? "\"flags\":{\"SYN\":true}" : "\"flags\":{\"SYN\":true,\"ACK\":true}")
                    .append("}}");
            case 1 -> f.append(",\"l4\":{\"UDP\":{\"source_port\":").append(port).append(",\"destination_port\":53}}");
            default -> f.append(",\"l4\":{\"ICMPv4\":{\"type\":").append(r.nextInt(270)).append(",\"code\":0}}");
        }
        f.append(",\"source\":").append(endpoint(r)).append(",\"destination\":").append(endpoint(r));
        if (shape % 5 == 3) {
            f.append(",\"destination_names\":[");
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                f.append(i == 0 ? "" : ",").append("\"n").append(r.nextInt(9)).append(".example.com\"");
            }
            f.append(']');
        }
        if (shape % 7 == 4) {
            f.append(",\"destination_service\":{\"name\":\"").append(text(r, "db"))
                    .append("\",\"namespace\":\"shop\"}");
        }
        f.append(",\"uuid\":\"").append(Long.toHexString(r.nextLong())).append('"');
        f.append(",\"traffic_direction\":\"").append(text(r, r.nextBoolean() ? "EGRESS" : "INGRESS")).append('"');
        switch (r.nextInt(3)) {
            case 0 -> f.append(",\"is_reply\":true");
            case 1 -> f.append(",\"is_reply\":false");
            default -> { }
        }
        f.append(",\"Summary\":\"TCP Flags: SYN\"}");
        return shape % 2 == 0 ? "{\"flow\":" + f + ",\"node_name\":\"kind-worker\"}" : f.toString();
    }

    @Test
    void aReaderGivesWhatJacksonGivesLineByLine() {
        qt().withExamples(EXAMPLES).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int lines = 60 + r.nextInt(120);
            for (int i = 0; i < lines; i++) {
                byte[] l = line(r, r.nextInt(r.nextBoolean() ? 3 : 14)).getBytes(StandardCharsets.UTF_8);
                if (r.nextInt(20) == 0) { // 1-2 KiB: more than the reader's first line buffer
                    String s = new String(l, StandardCharsets.UTF_8);
                    l = (s.substring(0, s.length() - 1) + ",\"pad\":\"" + "p".repeat(600 + r.nextInt(1200)) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    HITS.get(Case.LONG_LINE).incrementAndGet();
                }
                if (r.nextInt(15) == 0) {
                    l = FastJsonTokensProperties.mutate(l, r);
                }
                if (r.nextInt(100) == 0) { // cut by a raw line break
                    int at = r.nextInt(l.length);
                    out.write(l, 0, at);
                    out.write('\n');
                    out.write(l, at, l.length - at);
                } else if (r.nextInt(150) == 0) { // too long
                    out.write(l, 0, l.length);
                    out.write(' ');
                    out.writeBytes(" ".repeat(MAX_LINE).getBytes(StandardCharsets.US_ASCII));
                } else if (r.nextInt(60) == 0) { // a '\r' that does not end the line
                    out.write(l, 0, l.length);
                    out.writeBytes((r.nextBoolean() ? "\r\r" : "\rx").getBytes(StandardCharsets.US_ASCII));
                    HITS.get(Case.LONE_CR).incrementAndGet();
                } else {
                    out.write(l, 0, l.length);
                }
                out.writeBytes(r.nextInt(3) == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
                if (r.nextInt(25) == 0) {
                    out.writeBytes(r.nextBoolean() ? "\n".getBytes(StandardCharsets.US_ASCII)
                            : "  \r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            byte[] input = out.toByteArray();
            try {
                check(input, r);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void check(byte[] input, Random r) throws IOException {
        // what Jackson gives, line by line
        List<HubbleFlow> expectedFlows = new ArrayList<>();
        List<FlowProblem> expectedProblems = new ArrayList<>();
        long expectedOthers = 0;
        long number = 0;
        for (int from = 0; from < input.length; ) {
            int nl = from;
            while (nl < input.length && input[nl] != '\n') {
                nl++;
            }
            number++;
            int to = nl > from && input[nl - 1] == '\r' ? nl - 1 : nl;
            if (to < nl) {
                HITS.get(Case.CRLF).incrementAndGet();
            }
            LINES.incrementAndGet();
            if (to - from > MAX_LINE) {
                expectedProblems.add(new FlowProblem(number, "longer than " + MAX_LINE + " bytes"));
                HITS.get(Case.TOO_LONG).incrementAndGet();
            } else {
                int s = from;
                while (s < to && (input[s] == ' ' || input[s] == '\t' || input[s] == '\r')) {
                    s++;
                }
                if (s < to) {
                    LineResult j = HubbleFlows.parseWithJackson(input, s, to, number);
                    switch (j.kind()) {
                        case FLOW -> {
                            expectedFlows.add(j.flow().orElseThrow());
                            HITS.get(Case.FLOW).incrementAndGet();
                        }
                        case MALFORMED -> {
                            expectedProblems.add(j.problem().orElseThrow());
                            HITS.get(Case.MALFORMED).incrementAndGet();
                            if (j.message().contains("not valid JSON")) {
                                HITS.get(Case.CUT_BY_LINE_BREAK).incrementAndGet();
                            }
                        }
                        case OTHER_EVENT -> expectedOthers++;
                        default -> { }
                    }
                }
            }
            from = nl + 1;
        }
        // what the reader gives
        List<FlowProblem> problems = new ArrayList<>();
        List<HubbleFlow> flows = new ArrayList<>();
        FlowShapes shapes;
        try (FlowReader reader = HubbleFlows.open(new Trickle(input, r), MAX_LINE, problems::add)) {
            shapes = reader.tokens().shapes();
            for (Optional<HubbleFlow> f = reader.next(); f.isPresent(); f = reader.next()) {
                flows.add(f.get());
            }
            assertThat(reader.otherEvents()).isEqualTo(expectedOthers);
            assertThat(reader.lines()).isEqualTo(number);
        }
        assertThat(problems).isEqualTo(expectedProblems);
        assertThat(flows).isEqualTo(expectedFlows);
        HITS.get(Case.REPLAYED).addAndGet(shapes.replayed());
        HITS.get(Case.ABANDONED).addAndGet(shapes.abandoned());
        HITS.get(Case.LEARNED).addAndGet(shapes.learned());
        HITS.get(Case.ENDPOINT_READ_IN_PLACE).addAndGet(shapes.endpointsRead());
    }
}
