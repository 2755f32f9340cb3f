package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Replaying a line by a learned shape never changes its result: lines of a few shapes (wrapped and bare; TCP with
 * flags, UDP, ICMPv4/v6, a DNS answer; optional fields) with random values (ports 0-70000, IPv4 and IPv6 addresses,
 * sometimes invalid or of mixed families, enums by name or number, sometimes unknown, strings sometimes with escapes
 * or non-ASCII, endpoints from a small pool of label sets and pods, sometimes new, names lists of 0-3 items), some
 * mutated in one place ({@link FastJsonTokensProperties#mutate}), are all read through ONE caching tokenizer, as one
 * reader reads them, and each result must be what Jackson alone gives ({@link HubbleFlows#parseWithJackson}). How
 * often lines were replayed, abandoned (then read as a flow or as malformed), learned, carried a new endpoint read in
 * place, or were malformed is counted, and each must reach a stated fraction, so the property cannot pass vacuously.
 */
class FlowShapesProperties {

    private static final int EXAMPLES = 10_000;
    private static final FastJsonTokens SHARED = new FastJsonTokens(true);

    enum Case {
        REPLAYED, ABANDONED, ABANDONED_THEN_FLOW, ABANDONED_THEN_MALFORMED, LEARNED, ENDPOINT_READ_IN_PLACE,
        MALFORMED, MUTATED, MUTATED_AND_REPLAYED, TAIL_EDITED, TAIL_EDITED_MALFORMED
    }

    /**
     * The least fraction of the lines checked that each case must reach, about half of what was measured over
     * 10,000 lines (in parentheses).
     */
    static double min(Case c) {
        return switch (c) {
            case REPLAYED -> 0.3; // (53-57%)
            case ABANDONED -> 0.2; // (43-47%)
            case ABANDONED_THEN_FLOW -> 0.04; // (9%)
            case ABANDONED_THEN_MALFORMED, MALFORMED -> 0.15; // (34-37%)
            case LEARNED -> 0.01; // (3%)
            case ENDPOINT_READ_IN_PLACE -> 0.04; // (8.7%)
            case MUTATED -> 0.06; // (12%)
            case MUTATED_AND_REPLAYED -> 0.008; // (1.9%)
            case TAIL_EDITED -> 0.025; // (5%)
            case TAIL_EDITED_MALFORMED -> 0.02; // (4.6%)
        };
    }

    private static final Map<Case, AtomicLong> HITS = new EnumMap<>(Case.class);
    private static final AtomicLong CHECKED = new AtomicLong();

    static {
        for (Case c : Case.values()) {
            HITS.put(c, new AtomicLong());
        }
    }

    @AfterAll
    static void theGeneratorReachedEveryInterestingCase() {
        long n = CHECKED.get();
        assertThat(n).isGreaterThanOrEqualTo(EXAMPLES * 9L / 10);
        System.out.println("FlowShapesProperties coverage over " + n + " lines: " + HITS + "; tree size "
                + SHARED.shapes().size());
        for (Case c : Case.values()) {
            assertThat((double) HITS.get(c).get() / n).as("fraction of %s among %d lines", c, n)
                    .isGreaterThanOrEqualTo(min(c));
        }
    }

    // ------------------------------------------------------------------------------------------------ generator

    private static final String[] APPS = {"web", "db", "frontend", "cache", "queue", "auth", "api", "batch"};
    private static final String[] NAMESPACES = {"shop", "kube-system", "payments"};
    private static final String[] NAMES = {"api.example.com", "cdn.example.net", "db.shop.svc", "login.example.org"};
    private static final String[] VERDICTS = {"FORWARDED", "DROPPED", "AUDIT", "ERROR", "TRACED", "REDIRECTED",
        "TRANSLATED", "VERDICT_UNKNOWN"};
    private static final String[] DIRECTIONS = {"INGRESS", "EGRESS", "TRAFFIC_DIRECTION_UNKNOWN"};
    private static final String[] FLAGS = {"SYN", "ACK", "FIN", "RST", "PSH", "NS"};

    /** A random string of printable ASCII, now and then with an escape or a non-ASCII character. */
    static String text(Random r, int max) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            char c = (char) (' ' + r.nextInt(95));
            s.append(c == '"' || c == '\\' ? 'q' : c);
        }
        int special = r.nextInt(40);
        if (special == 0) {
            s.insert(r.nextInt(s.length() + 1), "\\\"");
        } else if (special == 1) {
            s.insert(r.nextInt(s.length() + 1), "\\u0041");
        } else if (special == 2) {
            s.insert(r.nextInt(s.length() + 1), "\u00e9\u4e2d");
        }
        return s.toString();
    }

    static String ipv4(Random r) {
        return r.nextInt(224) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    static String ipv6(Random r) {
        return Integer.toHexString(0xfc00 + r.nextInt(0x400)) + "::" + Integer.toHexString(r.nextInt(0x10000));
    }

    /** A port: 0-70000 (so about 7% too large), 2% as a string of digits, 1% negative. */
    static String port(Random r) {
        int p = r.nextInt(70_001);
        int k = r.nextInt(100);
        return k < 2 ? "\"" + p + "\"" : k < 3 ? "-" + p : Integer.toString(p);
    }

    /** An endpoint from a small pool (app x namespace, a pod of ten), 4% with a pod never seen before. */
    static String endpoint(Random r) {
        int app = r.nextInt(APPS.length);
        String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
        if (r.nextInt(10) == 0) {
            return "{\"identity\":" + (2 + r.nextInt(2)) + ",\"labels\":[\"reserved:world\"]}";
        }
        String pod = r.nextInt(25) == 0 ? APPS[app] + "-" + Long.toHexString(r.nextLong())
                : APPS[app] + "-" + r.nextInt(10);
        return "{\"ID\":" + (100 + app) + ",\"identity\":" + (20_000 + app) + ",\"namespace\":\"" + ns
                + "\",\"labels\":[\"k8s:app=" + APPS[app] + "\",\"k8s:io.kubernetes.pod.namespace=" + ns
                + "\"],\"pod_name\":\"" + pod + "\"}";
    }

    static String names(Random r) {
        int n = r.nextInt(4);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("\"" + NAMES[r.nextInt(NAMES.length)] + "\"");
        }
        return "[" + String.join(",", out) + "]";
    }

    /** A line of one of a few shapes with random values. */
    static String line(Random r) {
        int shape = r.nextInt(6);
        List<String> f = new ArrayList<>();
        int t = r.nextInt(100);
        f.add("\"time\":" + (t == 0 ? "{\"seconds\":" + r.nextInt(1 << 30) + ",\"nanos\":" + r.nextInt(1000) + "}"
                : t == 1 ? "\"2026-13-01T00:00:00Z\""
                : String.format("\"2026-03-%02dT%02d:%02d:%02d%sZ\"", 1 + r.nextInt(28), r.nextInt(24),
                        r.nextInt(60), r.nextInt(60), r.nextBoolean() ? "" : "." + r.nextInt(1_000_000))));
        f.add("\"uuid\":\"" + Long.toHexString(r.nextLong()) + "\"");
        int v = r.nextInt(100);
        f.add("\"verdict\":" + (v < 3 ? "\"SOMETIMES\"" : v < 7 ? Integer.toString(r.nextInt(10))
                : "\"" + VERDICTS[r.nextInt(v < 50 ? VERDICTS.length : 2)] + "\""));
        if (shape == 3) {
            f.add("\"drop_reason_desc\":" + (r.nextBoolean() ? "\"POLICY_DENIED\"" : Integer.toString(r.nextInt(200))));
        }
        boolean v6 = shape == 2 || (shape == 5 && r.nextBoolean());
        int bad = r.nextInt(100);
        String src = v6 ? ipv6(r) : ipv4(r);
        String dst = bad < 3 ? (v6 ? ipv4(r) : ipv6(r)) : v6 ? ipv6(r) : ipv4(r);
        if (bad >= 3 && bad < 6) {
            dst = v6 ? "fd00::g" + r.nextInt(9) : "10.0." + r.nextInt(300) + ".300";
        }
        String version = bad >= 6 && bad < 9 ? (v6 ? "\"IPv4\"" : "\"IPv6\"") : shape == 4 ? (v6 ? "2" : "1")
                : v6 ? "\"IPv6\"" : "\"IPv4\"";
        f.add("\"IP\":{\"source\":\"" + src + "\",\"destination\":\"" + dst + "\""
                + (shape == 1 ? "" : ",\"ipVersion\":" + version) + "}");
        String l4 = switch (shape) {
            case 0, 3, 4 -> {
                StringBuilder flags = new StringBuilder();
                for (int i = 0; i < 2 + shape % 3; i++) {
                    flags.append(i == 0 ? "" : ",").append('"').append(FLAGS[i]).append("\":").append(
                            r.nextInt(50) == 0 ? "tru" : Boolean.toString(r.nextBoolean()));
                }
                yield "{\"TCP\":{\"source_port\":" + port(r) + ",\"destination_port\":" + port(r) + ",\"flags\":{"
                        + flags + "}}}";
            }
            case 1 -> "{\"UDP\":{\"source_port\":" + port(r) + ",\"destination_port\":" + port(r) + "}}";
            case 2 -> "{\"ICMPv6\":{\"type\":" + r.nextInt(300) + ",\"code\":" + r.nextInt(3) + "}}";
            default -> v6 ? "{\"ICMPv6\":{\"type\":" + r.nextInt(300) + "}}"
                    : "{\"ICMPv4\":{\"type\":" + r.nextInt(300) + ",\"code\":" + r.nextInt(3) + "}}";
        };
        f.add("\"l4\":" + l4);
        f.add("\"source\":" + endpoint(r));
        f.add("\"destination\":" + endpoint(r));
        f.add("\"Type\":" + (shape == 4 ? "1" : "\"L3_L4\""));
        f.add("\"node_name\":\"kind-worker" + (r.nextBoolean() ? "" : "2") + "\"");
        if (shape != 2) {
            f.add("\"destination_names\":" + names(r));
        }
        if (shape == 0 || shape == 5) {
            f.add("\"source_names\":" + names(r));
        }
        if (shape == 1) {
            int ips = 1 + r.nextInt(3);
            List<String> list = new ArrayList<>();
            for (int i = 0; i < ips; i++) {
                list.add("\"" + (r.nextInt(60) == 0 ? "198.51.100.x" : ipv4(r)) + "\"");
            }
            f.add("\"l7\":{\"type\":\"RESPONSE\",\"dns\":{\"query\":\"" + NAMES[r.nextInt(NAMES.length)]
                    + ".\",\"ips\":[" + String.join(",", list) + "],\"ttl\":" + r.nextInt(100_000)
                    + ",\"rcode\":" + r.nextInt(4) + "}}");
        }
        if (shape == 0) {
            f.add("\"destination_service\":{\"name\":\"" + APPS[r.nextInt(APPS.length)]
                    + "\",\"namespace\":\"shop\"}");
        }
        int d = r.nextInt(100);
        f.add("\"traffic_direction\":" + (d < 2 ? "\"SIDEWAYS\"" : shape == 4 ? Integer.toString(r.nextInt(3))
                : "\"" + DIRECTIONS[r.nextInt(d < 50 ? 3 : 2)] + "\""));
        int reply = r.nextInt(100);
        if (shape != 3) {
            f.add("\"is_reply\":" + (reply < 2 ? "{\"value\":true}" : Boolean.toString(r.nextBoolean())));
        }
        if (shape != 4) {
            f.add("\"Summary\":\"" + text(r, 30) + "\"");
        }
        String flow = "{" + String.join(",", f) + "}";
        return shape % 2 == 0 ? "{\"flow\":" + flow + ",\"node_name\":\"kind-worker\"}" : flow;
    }

    // ------------------------------------------------------------------------------------------------ property

    @Test
    void aReplayedLineReadsAsJacksonReadsIt() {
        FlowShapes shapes = SHARED.shapes();
        qt().withExamples(EXAMPLES).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            byte[] line = line(r).getBytes(StandardCharsets.UTF_8);
            boolean mutated = false;
            boolean tail = false;
            int edit = r.nextInt(100);
            if (edit < 15) {
                byte[] m = FastJsonTokensProperties.mutate(line, r);
                mutated = !Arrays.equals(m, line);
                line = m;
            } else if (edit < 20) {
                line = tail(line, r); // where a random mutation seldom falls: the end of the line
                tail = true;
            }
            int from = 0;
            while (from < line.length && (line[from] == ' ' || line[from] == '\t' || line[from] == '\r'
                    || line[from] == '\n')) {
                from++;
            }
            if (from == line.length) {
                return;
            }
            CHECKED.incrementAndGet();
            long replayed = shapes.replayed();
            long abandoned = shapes.abandoned();
            long learned = shapes.learned();
            long endpoints = shapes.endpointsRead();
            LineResult got = HubbleFlows.parseLine(SHARED, line, 0, line.length, 9);
            LineResult jackson = HubbleFlows.parseWithJackson(line, from, line.length, 9);
            assertThat(got).as(new String(line, StandardCharsets.UTF_8)).isEqualTo(jackson);
            boolean wasReplayed = shapes.replayed() > replayed;
            boolean wasAbandoned = shapes.abandoned() > abandoned;
            assertThat(wasReplayed && wasAbandoned).as("a line is replayed or abandoned, not both").isFalse();
            assertThat(shapes.replayed() - replayed).isLessThanOrEqualTo(1);
            assertThat(shapes.size()).isLessThanOrEqualTo(FlowShapes.MAX_NODES);
            count(wasReplayed, Case.REPLAYED);
            if (wasReplayed) {
                // shapes are learned from flows only, and a replay that ends otherwise is abandoned
                assertThat(got.kind()).isEqualTo(LineResult.Kind.FLOW);
            }
            count(wasAbandoned, Case.ABANDONED);
            count(wasAbandoned && got.kind() == LineResult.Kind.FLOW, Case.ABANDONED_THEN_FLOW);
            count(wasAbandoned && got.kind() == LineResult.Kind.MALFORMED, Case.ABANDONED_THEN_MALFORMED);
            count(shapes.learned() > learned, Case.LEARNED);
            count(shapes.endpointsRead() > endpoints, Case.ENDPOINT_READ_IN_PLACE);
            count(got.kind() == LineResult.Kind.MALFORMED, Case.MALFORMED);
            count(mutated, Case.MUTATED);
            count(mutated && wasReplayed, Case.MUTATED_AND_REPLAYED);
            count(tail, Case.TAIL_EDITED);
            count(tail && got.kind() == LineResult.Kind.MALFORMED, Case.TAIL_EDITED_MALFORMED);
        });
    }

    private static final String[] TAILS = {" ", "\t", "  \t ", " x", "x", "{}", "}", "]", ",", "null", "0", "\"\""};

    /** The line with bytes added after its end, or its last byte (its closing brace) removed. */
    static byte[] tail(byte[] line, Random r) {
        int k = r.nextInt(TAILS.length + 1);
        if (k == TAILS.length) {
            return Arrays.copyOf(line, line.length - 1);
        }
        byte[] add = TAILS[k].getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(line, line.length + add.length);
        System.arraycopy(add, 0, out, line.length, add.length);
        return out;
    }

    private static void count(boolean hit, Case c) {
        if (hit) {
            HITS.get(c).incrementAndGet();
        }
    }
}
