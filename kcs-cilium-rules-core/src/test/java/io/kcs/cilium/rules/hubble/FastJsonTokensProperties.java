package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
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
 * The fast tokenizer never changes a result: every line, read through {@link FastJsonTokens} (with caches shared
 * over all examples, as in one reader) and, where it gives up, again by Jackson, gives exactly what Jackson alone
 * gives ({@link HubbleFlows#parseWithJackson}). Lines are the fixture's lines, mutated in one place by bytes that
 * matter to JSON (brackets, quotes, escapes, digits, signs, non-ASCII, control bytes), by deletions and by copies,
 * so that lines the fast path takes, lines it gives up on that Jackson still reads, and malformed lines are all
 * frequent, and the tokenizer's memory of earlier lines (guessed field names and values, remembered endpoints and
 * times) is used on lines that may differ from the remembered ones anywhere; coverage of each case is asserted.
 */
class FastJsonTokensProperties {

    private static final int EXAMPLES = 10_000;
    private static final FastJsonTokens SHARED = new FastJsonTokens(true);
    private static final String[] INSERTS = {"{", "}", "[", "]", "\"", "\\", ",", ":", "0", "7", "-", ".", "e", " ",
        "\t", "a", "\u00e9", "\u0001", "null", "true", "01", "1.5", "1e3", "12345678901234567890", "\\n", "\\u0041",
        "{\"x\":[1,{}]}", "\"pad\":[]"};

    enum Case {
        FAST_FLOW, FAST_OTHER_EVENT, GAVE_UP_READ_BY_JACKSON, GAVE_UP_MALFORMED, UNCHANGED_LINE,
        // lines on which the tokenizer's memory of earlier lines was used (and must not change the result)
        NAME_GUESSED, VALUE_GUESSED, ENDPOINT_REMEMBERED, TIME_REMEMBERED, TIME_PREFIX_REMEMBERED,
        // lines read by a learned shape (FlowShapes), and lines whose replay was abandoned for the usual reading
        REPLAYED, REPLAY_ABANDONED, REPLAYED_CHANGED_LINE
    }

    private static final Map<Case, AtomicLong> HITS = new EnumMap<>(Case.class);
    private static final AtomicLong CHECKED = new AtomicLong();
    private static List<byte[]> lines;

    static {
        for (Case c : Case.values()) {
            HITS.put(c, new AtomicLong());
        }
    }

    @AfterAll
    static void theGeneratorReachedEveryInterestingCase() {
        long n = CHECKED.get();
        assertThat(n).isGreaterThanOrEqualTo(EXAMPLES * 9L / 10);
        System.out.println("FastJsonTokensProperties coverage over " + n + " lines: " + HITS);
        for (Case c : Case.values()) {
            assertThat((double) HITS.get(c).get() / n).as("fraction of %s among %d lines", c, n)
                    .isGreaterThanOrEqualTo(c == Case.FAST_FLOW || c == Case.GAVE_UP_MALFORMED ? 0.1
                            : c == Case.TIME_PREFIX_REMEMBERED ? 0.002 // (a mutated fraction or offset)
                            : c == Case.REPLAY_ABANDONED ? 0.4 // (measured 86%: the first try of most lines)
                            : c == Case.REPLAYED ? 0.07 // (measured 14%: unchanged lines, values changed in place)
                            : 0.01);
        }
    }

    static synchronized List<byte[]> lines() throws IOException {
        if (lines == null) {
            List<byte[]> out = new ArrayList<>();
            for (String l : new String(HubbleFlowsTest.fixture(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    out.add(l.getBytes(StandardCharsets.UTF_8));
                }
            }
            lines = out;
        }
        return lines;
    }

    static byte[] mutate(byte[] line, Random r) {
        int at = r.nextInt(line.length + 1);
        byte[] insert = INSERTS[r.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(6)) {
            case 0 -> line.clone();
            case 1 -> { // replace one byte
                byte[] out = line.clone();
                if (out.length > 0) {
                    out[Math.min(at, out.length - 1)] = insert[0];
                }
                yield out;
            }
            case 2 -> { // delete up to three bytes
                int n = Math.min(1 + r.nextInt(3), line.length - Math.min(at, line.length));
                byte[] out = new byte[line.length - n];
                System.arraycopy(line, 0, out, 0, at);
                System.arraycopy(line, at + n, out, at, line.length - at - n);
                yield out;
            }
            case 3 -> { // copy a span of the line elsewhere
                int from = r.nextInt(line.length);
                int to = Math.min(line.length, from + 1 + r.nextInt(40));
                yield splice(line, at, Arrays.copyOfRange(line, from, to));
            }
            default -> splice(line, at, insert);
        };
    }

    private static byte[] splice(byte[] line, int at, byte[] insert) {
        byte[] out = new byte[line.length + insert.length];
        System.arraycopy(line, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(line, at, out, at + insert.length, line.length - at);
        return out;
    }

    /** How often the shared tokenizer used each kind of memory of earlier lines so far. */
    private static long[] memory() {
        return new long[] {SHARED.namesGuessed(), SHARED.valuesGuessed(), SHARED.endpointsFound(),
            SHARED.timesRemembered(), SHARED.timePrefixesRemembered(), SHARED.shapes().replayed(),
            SHARED.shapes().abandoned()};
    }

    @Test
    void theFastPathGivesWhatJacksonGivesForEveryLine() throws IOException {
        List<byte[]> base = lines();
        qt().withExamples(EXAMPLES).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            byte[] original = base.get(r.nextInt(base.size()));
            byte[] line = mutate(original, r);
            int from = 0;
            while (from < line.length && (line[from] == ' ' || line[from] == '\t' || line[from] == '\r'
                    || line[from] == '\n')) {
                from++;
            }
            if (from == line.length) {
                return;
            }
            CHECKED.incrementAndGet();
            long before = SHARED.linesGivenUp();
            long[] memory = memory();
            LineResult fast = HubbleFlows.parseLine(SHARED, line, 0, line.length, 5);
            LineResult jackson = HubbleFlows.parseWithJackson(line, from, line.length, 5);
            assertThat(fast).as(new String(line, StandardCharsets.UTF_8)).isEqualTo(jackson);
            boolean gaveUp = SHARED.linesGivenUp() > before;
            long[] after = memory();
            Case[] used = {Case.NAME_GUESSED, Case.VALUE_GUESSED, Case.ENDPOINT_REMEMBERED, Case.TIME_REMEMBERED,
                Case.TIME_PREFIX_REMEMBERED, Case.REPLAYED, Case.REPLAY_ABANDONED};
            for (int i = 0; i < used.length; i++) {
                if (after[i] > memory[i]) {
                    HITS.get(used[i]).incrementAndGet();
                }
            }
            if (Arrays.equals(line, original)) {
                HITS.get(Case.UNCHANGED_LINE).incrementAndGet();
            } else if (after[5] > memory[5]) {
                HITS.get(Case.REPLAYED_CHANGED_LINE).incrementAndGet(); // a mutated value that a shape still fits
            }
            if (!gaveUp) {
                assertThat(fast.kind()).isIn(LineResult.Kind.FLOW, LineResult.Kind.OTHER_EVENT);
                HITS.get(fast.kind() == LineResult.Kind.FLOW ? Case.FAST_FLOW : Case.FAST_OTHER_EVENT)
                        .incrementAndGet();
            } else {
                HITS.get(fast.kind() == LineResult.Kind.MALFORMED ? Case.GAVE_UP_MALFORMED
                        : Case.GAVE_UP_READ_BY_JACKSON).incrementAndGet();
            }
        });
    }
}
