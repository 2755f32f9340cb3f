package io.kcs.cilium.rules.hubble;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Flows read one line at a time from a stream opened by {@link HubbleFlows#open}: {@link #next()} returns the next
 * flow, skipping blank lines and other events (counted) and malformed lines (counted and passed to the problem
 * consumer with their line numbers). A line longer than the maximum is skipped unread beyond that maximum, so memory
 * stays constant whatever the input.
 *
 * <pre>{@code
 * try (FlowReader r = HubbleFlows.open(System.in, problem -> System.err.println(problem))) {
 *     for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) { ... }
 *     r.malformedLines();   // how many lines were skipped as malformed
 * }
 * }</pre>
 *
 * <p>Mutable and not thread-safe: one reader per thread.
 */
public final class FlowReader implements Closeable {

    private final InputStream in;
    private final Consumer<FlowProblem> problems;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[1 << 16];
    private final FastJsonTokens tokens = new FastJsonTokens(true); // with caches of what earlier lines held
    private final HubbleFlows.LineParser parser = HubbleFlows.lineParser(tokens); // made ready for each line
    private final FlowShapes shapes = tokens.shapes();
    private byte[] line = new byte[1024];
    private byte[] buf; // the current line: in chunk when it lies there whole, else copied to line
    private int off;
    private int pos;
    private int limit;
    private boolean eof;
    private long lines;
    private long flows;
    private long others;
    private long malformed;
    private long bytes;

    FlowReader(InputStream in, int maxLineBytes, Consumer<FlowProblem> problems) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.problems = problems;
    }

    /**
     * The next flow, or empty at the end of the input.
     *
     * @throws IOException when the stream fails (also a corrupt gzip stream)
     */
    public Optional<HubbleFlow> next() throws IOException {
        while (true) {
            if (pos < limit && chunk[pos] == '{') {
                // a line of a known shape lying whole in the chunk is read without looking for its end first
                LineResult r = shapes.replay(parser, chunk, pos, limit, lines + 1, false, maxLineBytes);
                if (r != null) {
                    lines++;
                    pos = shapes.lineBreak() + 1;
                    if (r.kind() == LineResult.Kind.FLOW) {
                        flows++;
                        return r.flow();
                    }
                    others++;
                    continue;
                }
            }
            int length = readLine();
            if (length == Integer.MIN_VALUE) {
                return Optional.empty();
            }
            LineResult r;
            if (length < 0) {
                r = HubbleFlows.malformed(lines, "longer than " + maxLineBytes + " bytes");
            } else {
                r = HubbleFlows.parseLine(tokens, parser, buf, off, length, lines);
            }
            switch (r.kind()) {
                case FLOW -> {
                    flows++;
                    return r.flow();
                }
                case OTHER_EVENT -> others++;
                case MALFORMED -> {
                    malformed++;
                    problems.accept(r.problem().orElseThrow());
                }
                case BLANK -> { }
            }
        }
    }

    /**
     * Reads a line into {@link #buf} at {@link #off}: its length, -1 when too long, MIN_VALUE at the end of the
     * input. A line that lies whole in the current chunk is not copied.
     */
    private int readLine() throws IOException {
        if (pos < limit) {
            int i = FastJsonTokens.newline(chunk, pos, limit);
            if (i < limit) {
                int n = i - pos;
                buf = chunk;
                off = pos;
                pos = i + 1;
                lines++;
                if (n > 0 && chunk[off + n - 1] == '\r') {
                    n--;
                }
                return n > maxLineBytes ? -1 : n;
            }
        }
        buf = line;
        off = 0;
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = eof ? -1 : in.read(chunk);
                if (n < 0) {
                    eof = true;
                    if (!any) {
                        return Integer.MIN_VALUE;
                    }
                    break;
                }
                bytes += n;
                pos = 0;
                limit = n;
                continue;
            }
            any = true;
            int i = FastJsonTokens.newline(chunk, pos, limit);
            int n = i - pos;
            if (!tooLong) {
                if (length + n > maxLineBytes + 1) { // + 1: a '\r' before the '\n' is not counted
                    tooLong = true;
                } else {
                    if (length + n > line.length) {
                        line = java.util.Arrays.copyOf(line, Math.min(Math.max(line.length * 2, length + n),
                                maxLineBytes + 1));
                    }
                    System.arraycopy(chunk, pos, line, length, n);
                    length += n;
                }
            }
            pos = i;
            if (i < limit) {
                pos++;
                break;
            }
        }
        lines++;
        buf = line; // (it may have grown)
        if (tooLong) {
            return -1;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return length > maxLineBytes ? -1 : length;
    }

    /** Lines read so far. */
    public long lines() {
        return lines;
    }

    /** Flows returned so far. */
    public long flows() {
        return flows;
    }

    /** Lines holding other events (or flows without IP addresses) so far. */
    public long otherEvents() {
        return others;
    }

    /** Malformed lines skipped so far. */
    public long malformedLines() {
        return malformed;
    }

    /** Bytes read from the (decompressed) input so far. */
    public long bytes() {
        return bytes;
    }

    /** The tokenizer with this reader's caches and shapes (for tests). */
    FastJsonTokens tokens() {
        return tokens;
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
