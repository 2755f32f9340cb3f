package io.kcs.cilium.rules.hubble;

import com.fasterxml.jackson.core.JsonToken;
import io.kcs.cilium.rules.hubble.HubbleFlow.Endpoint;
import io.kcs.cilium.rules.hubble.HubbleFlows.LineParser;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The shapes of the flow lines a {@link FlowReader} has read, so that a line of a known shape is read without
 * tokenizing it. A shape is what stays the same between lines of one kind: the bytes between the values (brackets,
 * field names, punctuation, white space) and, for each value, its kind (string, integer, boolean, a remembered
 * endpoint object) and what the line reader did with it (an action of {@link LineParser}, such as "the flow's
 * source IP" or "skipped"). Shapes form a tree from the start of a line; a line is replayed by walking it: compare
 * the bytes before the next value with a child's, read the value by its kind, apply the child's action, and so on to
 * the end of the line. Actions that read no value (the start of an {@code l4} protocol object, of TCP flags, of a
 * list, a Service or a DNS answer, and their ends) go with the next value's step and are applied before its value.
 * A step remembers the last string value read there (its bytes and what they were read as: a text, an address) and
 * the last endpoint object, taken again without scanning or hashing when the same bytes stand there. A
 * {@link FlowReader} replays a line straight from the bytes it read, before looking for the line's end: the shape
 * ends with the line's {@code '\n'} (see {@link #replay(LineParser, byte[], int, int, long, boolean, int)}).
 *
 * <h2>Why a replayed line reads exactly as the line reader would read it</h2>
 * Shapes are learned only from lines that {@link FastJsonTokens} and the {@link LineParser} read whole into a flow,
 * step by step as the parser applied its actions. A line that matches a path of the tree byte for byte outside its
 * values, whose values are of the same token kinds (strings without escapes, control or non-ASCII bytes; integers
 * of at most 18 digits; {@code true}/{@code false}; an endpoint object found in the reader's endpoint cache, which
 * holds only objects read whole before), has the same JSON tokens as the learned line but for the values' contents.
 * The parser's choices depend only on the tokens' kinds and the field names, never on the values' contents (the
 * values only feed the flow), so it would apply the same actions to the same values: the replay applies them through
 * the same code ({@link LineParser#apply}), then the same checks across fields ({@link LineParser#finish}). Anything
 * else (a byte that differs outside a value, a value of another kind, a value an action refuses, an endpoint not in
 * the cache) abandons the replay, and the line is read the usual way, which reports any problem. A line read in a way
 * no shape can repeat (a time as seconds and nanos, a wrapped {@code is_reply}, a decimal number) is not learned.
 *
 * <p>Bounded: at most {@value #MAX_NODES} steps in all (the tree is dropped and learned again when full), at most
 * {@value #MAX_STEPS} steps a line and {@value #MAX_LITERAL} bytes between two values. Not API; mutable and not
 * thread-safe (one per reader, with its {@link FastJsonTokens}).
 */
final class FlowShapes {

    /** A step that reads no value (a container's start or end). */
    static final int NONE = 0;
    /** A string value: the bytes before it end with its opening quote; it ends after its closing quote. */
    static final int STRING = 1;
    /** An integer value. */
    static final int INT = 2;
    /** {@code true} or {@code false}. */
    static final int BOOL = 3;
    /** An endpoint object found in the reader's endpoint cache. */
    static final int ENDPOINT = 4;
    /** The end of the line. */
    static final int END = 5;

    /** Most steps (values and marks) of a line that is learned. */
    static final int MAX_STEPS = 512;

    /** Most steps in the tree. */
    static final int MAX_NODES = 4096;

    /** Most bytes between two values that are learned. */
    static final int MAX_LITERAL = 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Node[] NO_NODES = new Node[0];
    private static final byte[] NO_BYTES = new byte[0];

    /** Longest string value remembered in a step's memo. */
    static final int MEMO_BYTES = 40;

    /**
     * A step of a shape: the bytes before its value, the value's kind, the action; the steps that followed it; and
     * a memo of the last value read at this step (a string value's bytes with its closing quote and what they were
     * read as; an endpoint object's bytes and endpoint), taken again when the same bytes stand there.
     */
    private static final class Node {
        final byte[] literal;
        final long head; // the literal's first (up to) eight bytes, little-endian
        final long headMask; // the bytes of head that count
        final int kind;
        final int action;
        final int arg;
        Node[] next = NO_NODES;
        int count;
        int[] pre; // actions without a value (and their arguments) applied after the literal, before the value's
        byte[] memo; // a string value's bytes and closing quote, memoLength of them
        int memoLength;
        Object memoValue;
        byte[] endpointKey; // the last endpoint object found at this step, and its endpoint
        Endpoint endpoint;

        Node(byte[] literal, int kind, int action, int arg) {
            this.literal = literal;
            this.kind = kind;
            this.action = action;
            this.arg = arg;
            long h = 0;
            for (int i = 0; i < 8 && i < literal.length; i++) {
                h |= (long) (literal[i] & 0xFF) << (8 * i);
            }
            this.head = h;
            this.headMask = literal.length >= 8 ? -1L : (1L << (8 * literal.length)) - 1;
        }

        /** Remembers that the string value {@code b[from, to)} (with its closing quote) was read as {@code value}. */
        void remember(byte[] b, int from, int to, Object value) {
            int n = to - from;
            if (value == null || n > MEMO_BYTES) {
                return;
            }
            if (memo == null) {
                memo = new byte[MEMO_BYTES];
            }
            System.arraycopy(b, from, memo, 0, n);
            memoLength = n;
            memoValue = value;
        }
    }

    private final FastJsonTokens tokens;
    private Node root = new Node(NO_BYTES, NONE, LineParser.A_SKIP, 0);
    private int nodes;
    // the steps of the line being read the usual way
    private int steps;
    private boolean overflow;
    private final int[] kinds = new int[MAX_STEPS];
    private final int[] actions = new int[MAX_STEPS];
    private final int[] args = new int[MAX_STEPS];
    private final int[] starts = new int[MAX_STEPS];
    private final int[] ends = new int[MAX_STEPS];
    // for tests
    private long replayed;
    private long abandoned;
    private long learned;
    private long endpointsRead;
    private int lineBreak; // where the line replayed last ended: the index of its '\n' (-1 when bounded)

    FlowShapes(FastJsonTokens tokens) {
        this.tokens = tokens;
    }

    /** Lines replayed so far. */
    long replayed() {
        return replayed;
    }

    /** Replays abandoned so far (the line was then read the usual way). */
    long abandoned() {
        return abandoned;
    }

    /** Lines whose shape was new and was learned so far. */
    long learned() {
        return learned;
    }

    /** Endpoint objects that replayed lines held and that were not in the cache, read so far. */
    long endpointsRead() {
        return endpointsRead;
    }

    /** After an unbounded {@link #replay} that gave a result: the index of the line's {@code '\n'}. */
    int lineBreak() {
        return lineBreak;
    }

    /** Steps in the tree. */
    int size() {
        return nodes;
    }

    // -------------------------------------------------------------------------------------------- learning

    /** Starts recording the steps of a line read the usual way. */
    void startRecording() {
        steps = 0;
        overflow = false;
    }

    /** Records a step: a value of {@code kind} at {@code b[start, end)} (the bytes before it end at start). */
    void record(int kind, int start, int end, int action, int arg) {
        if (steps == MAX_STEPS) {
            overflow = true;
            return;
        }
        kinds[steps] = kind;
        actions[steps] = action;
        args[steps] = arg;
        starts[steps] = start;
        ends[steps] = end;
        steps++;
    }

    /**
     * Learns the shape of the line {@code b[from, to)}, which was just read the usual way into a flow with the
     * steps recorded (unless the tokenizer stopped recording it).
     */
    void learn(byte[] b, int from, int to, boolean recorded) {
        if (!recorded || overflow) {
            return;
        }
        Node n = root;
        int prev = from;
        boolean added = false;
        int marks = 0; // the steps without a value since the last value: they go before the next one's
        for (int i = 0; i <= steps; i++) {
            boolean last = i == steps;
            int kind = last ? END : kinds[i];
            if (kind == NONE) {
                marks++;
                continue;
            }
            int action = last ? LineParser.A_SKIP : actions[i];
            int arg = last ? 0 : args[i];
            int start = last ? to : starts[i];
            if (start < prev || start - prev > MAX_LITERAL) {
                return;
            }
            int[] pre = null;
            if (marks > 0) {
                pre = new int[2 * marks];
                for (int k = 0; k < marks; k++) {
                    pre[2 * k] = actions[i - marks + k];
                    pre[2 * k + 1] = args[i - marks + k];
                }
                marks = 0;
            }
            Node child = null;
            for (int k = 0; k < n.count; k++) {
                Node c = n.next[k];
                if (c.kind == kind && c.literal.length == start - prev
                        && Arrays.equals(c.literal, 0, c.literal.length, b, prev, start)) {
                    if (c.action != action || c.arg != arg || !Arrays.equals(c.pre, pre)) {
                        return; // the same bytes read in another way: not a shape (never seen; kept out all the same)
                    }
                    child = c;
                    break;
                }
            }
            if (child == null) {
                if (nodes == MAX_NODES) {
                    root = new Node(NO_BYTES, NONE, LineParser.A_SKIP, 0);
                    nodes = 0;
                    return;
                }
                child = new Node(Arrays.copyOfRange(b, prev, start), kind, action, arg);
                child.pre = pre;
                if (n.count == n.next.length) {
                    n.next = Arrays.copyOf(n.next, Math.max(2, n.count * 2));
                }
                n.next[n.count++] = child;
                nodes++;
                added = true;
            }
            n = child;
            prev = last ? to : ends[i];
        }
        if (added) {
            learned++;
        }
    }

    // -------------------------------------------------------------------------------------------- replaying

    /**
     * Reads the non-blank line {@code b[from, to)} (number {@code line}) by a known shape with {@code parser}: its
     * result, or null when no shape fits (the line is then to be read the usual way).
     */
    LineResult replay(LineParser parser, byte[] b, int from, int to, long line) {
        return replay(parser, b, from, to, line, true, Integer.MAX_VALUE);
    }

    /**
     * Reads the line that starts at {@code b[from]} (not with white space) by a known shape, where {@code to} is
     * the end of the line ({@code bounded}), or only the end of the bytes read so far, the line ending at its first
     * {@code '\n'} (without a {@code '\r'} before it) and being at most {@code maxLineBytes} long: its result (then
     * {@link #lineBreak()} is the index of the line's {@code '\n'} when not bounded), or null when no shape fits.
     * Unbounded, a replay never crosses a line break: no bytes it compares or scans hold one (the bytes between values
     * come from lines, strings end at control bytes, remembered objects were read from lines), and before reading a
     * new endpoint object it finds the line's end.
     */
    LineResult replay(LineParser parser, byte[] b, int from, int to, long line, boolean bounded, int maxLineBytes) {
        Node n = root;
        if (n.count == 0) {
            return null;
        }
        tokens.reset(b, from, to).stopRecording();
        parser.start(line);
        int pos = from;
        lineBreak = -1;
        try {
            steps:
            while (true) {
                Node c = choose(n, b, pos, to, bounded);
                if (c == null) {
                    break;
                }
                pos += c.literal.length;
                int[] pre = c.pre;
                if (pre != null) {
                    for (int k = 0; k < pre.length; k += 2) {
                        parser.apply(pre[k], pre[k + 1], null, "");
                    }
                }
                switch (c.kind) {
                    case STRING -> {
                        int q;
                        Object memo = null;
                        int m = c.memoLength;
                        if (m > 0 && pos + m <= to && same(c.memo, m, b, pos)) {
                            q = pos + m - 1; // the remembered bytes end with the closing quote
                            memo = c.memoValue;
                        } else {
                            q = FastJsonTokens.stringEnd(b, pos, to);
                            if (q < 0) {
                                abandoned++;
                                return null;
                            }
                        }
                        if (c.action != LineParser.A_SKIP) {
                            tokens.replayValue(JsonToken.VALUE_STRING, pos, q, 0, memo);
                            parser.apply(c.action, c.arg, JsonToken.VALUE_STRING, "");
                            if (memo == null) {
                                c.remember(b, pos, q + 1, tokens.resolved());
                            }
                        }
                        pos = q + 1;
                    }
                    case INT -> {
                        int e = integerEnd(b, pos, to);
                        if (e < 0) {
                            abandoned++;
                            return null;
                        }
                        if (c.action != LineParser.A_SKIP) {
                            tokens.replayValue(JsonToken.VALUE_NUMBER_INT, pos, e, integer(b, pos, e), null);
                            parser.apply(c.action, c.arg, JsonToken.VALUE_NUMBER_INT, "");
                        }
                        pos = e;
                    }
                    case BOOL -> {
                        JsonToken t = b[pos] == 't' ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
                        int e = pos + (t == JsonToken.VALUE_TRUE ? 4 : 5);
                        if (e > to || !keyword(b, pos, t == JsonToken.VALUE_TRUE)) {
                            abandoned++;
                            return null;
                        }
                        if (c.action != LineParser.A_SKIP) {
                            tokens.replayValue(t, pos, e, 0, null);
                            parser.apply(c.action, c.arg, t, "");
                        }
                        pos = e;
                    }
                    case ENDPOINT -> {
                        Endpoint e;
                        byte[] k = c.endpointKey;
                        if (k != null && pos + k.length <= to && same(k, k.length, b, pos)) {
                            // the object read at this step last time (an object ends at its own closing brace)
                            e = c.endpoint;
                            tokens.countEndpointFound();
                            pos += k.length;
                        } else if ((e = tokens.findEndpoint(pos, to)) != null) {
                            c.endpointKey = tokens.matchedEndpointBytes();
                            c.endpoint = e;
                            pos += tokens.matchedEndpoint();
                        } else {
                            if (!bounded) { // the object is read by the tokenizer, which takes a '\n' for a space
                                int nl = FastJsonTokens.newline(b, pos, to);
                                if (nl == to) {
                                    break steps; // the line goes on beyond the bytes read so far
                                }
                                lineBreak = nl;
                                to = nl > from && b[nl - 1] == '\r' ? nl - 1 : nl;
                                bounded = true;
                            }
                            // a new endpoint: read the object alone, as the line reader reads it, and remember it
                            e = parser.endpointAt(tokens.startObject(pos, to), c.arg == 0 ? "source" : "destination");
                            pos = tokens.position();
                            endpointsRead++;
                        }
                        parser.endpoint(c.arg, e);
                    }
                    default -> { // END: choose() saw the end of the line
                        if (!bounded) {
                            if (pos - from > maxLineBytes) {
                                break steps;
                            }
                            lineBreak = b[pos] == '\n' ? pos : pos + 1;
                        }
                        LineResult r = parser.finish();
                        replayed++;
                        return r;
                    }
                }
                n = c;
            }
        } catch (HubbleFlows.Bad | IOException | RuntimeException e) {
            // a value an action refuses: the usual reading reports it
        }
        abandoned++;
        return null;
    }

    /**
     * The step after {@code n} whose bytes stand at {@code b[pos, ...)} and whose value can start after them; the
     * one found moves one place to the front, so that the common shapes are tried first.
     */
    private static Node choose(Node n, byte[] b, int pos, int to, boolean bounded) {
        Node[] next = n.next;
        for (int k = 0, count = n.count; k < count; k++) {
            Node c = next[k];
            byte[] lit = c.literal;
            int p = pos + lit.length;
            if (p > to) {
                continue;
            }
            if (pos + 8 <= b.length) { // the first eight bytes at once
                if ((((long) LONGS.get(b, pos) ^ c.head) & c.headMask) != 0
                        || (lit.length > 8 && !same(lit, lit.length, b, pos))) {
                    continue;
                }
            } else if (!same(lit, lit.length, b, pos)) {
                continue;
            }
            boolean fits = switch (c.kind) {
                case END -> bounded ? p == to
                        : p < to && (b[p] == '\n' || (b[p] == '\r' && p + 1 < to && b[p + 1] == '\n'));
                case INT -> p < to && (b[p] == '-' || (b[p] >= '0' && b[p] <= '9'));
                case BOOL -> p < to && (b[p] == 't' || b[p] == 'f');
                case ENDPOINT -> p < to && b[p] == '{';
                default -> true; // STRING (the bytes end with its opening quote), NONE
            };
            if (fits) {
                if (k > 0) {
                    next[k] = next[k - 1];
                    next[k - 1] = c;
                }
                return c;
            }
        }
        return null;
    }

    /** Whether {@code b[pos, pos + n)} (within the array) holds the first {@code n} bytes of {@code lit}. */
    private static boolean same(byte[] lit, int n, byte[] b, int pos) {
        if (n < 8) {
            for (int i = 0; i < n; i++) {
                if (lit[i] != b[pos + i]) {
                    return false;
                }
            }
            return true;
        }
        int i = 0;
        for (; i <= n - 8; i += 8) {
            if ((long) LONGS.get(lit, i) != (long) LONGS.get(b, pos + i)) {
                return false;
            }
        }
        return i == n || (long) LONGS.get(lit, n - 8) == (long) LONGS.get(b, pos + n - 8); // the last 8, overlapping
    }

    /**
     * The end of the JSON integer at {@code b[from, ...)} (not beyond {@code to}) as {@link FastJsonTokens} takes
     * it: an optional minus, no leading zero, at most {@value FastJsonTokens#MAX_INT_DIGITS} digits, not followed by
     * a fraction or an exponent; -1 otherwise.
     */
    static int integerEnd(byte[] b, int from, int to) {
        int i = from;
        if (i < to && b[i] == '-') {
            i++;
        }
        int digits = i;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int n = i - digits;
        if (n == 0 || n > FastJsonTokens.MAX_INT_DIGITS || (n > 1 && b[digits] == '0')) {
            return -1;
        }
        if (i < to && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
            return -1;
        }
        return i;
    }

    /** The value of the integer {@code b[from, to)} checked by {@link #integerEnd}. */
    private static long integer(byte[] b, int from, int to) {
        boolean negative = b[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return negative ? -v : v;
    }

    /** Whether {@code true} (or {@code false}) stands whole at {@code b[from, ...)} (its length is within). */
    private static boolean keyword(byte[] b, int from, boolean isTrue) {
        return isTrue ? b[from + 1] == 'r' && b[from + 2] == 'u' && b[from + 3] == 'e'
                : b[from + 1] == 'a' && b[from + 2] == 'l' && b[from + 3] == 's' && b[from + 4] == 'e';
    }
}
