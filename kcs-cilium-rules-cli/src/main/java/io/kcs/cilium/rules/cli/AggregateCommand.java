package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.events.AggregatedEvent;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.EventVerdict;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.events.TcpFlag;
import io.kcs.cilium.rules.net.IpAddress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aggregate}: merge network events read as JSON lines, as Cilium's monitor aggregation does.
 *
 * <p>Each line is read strictly, field by field with exact JSON types: an unknown, duplicate, missing or
 * wrong-typed field, text after the object, bytes that are not UTF-8 or a line longer than {@link #MAX_LINE_BYTES}
 * bytes skip that line with one error naming its number; the run goes on, and the reports still pending in the
 * aggregator are always printed at the end (also after {@code --max-errors} stops the reading, or a read error).
 * Lines are read in bounded chunks, so an endless line costs {@link #MAX_LINE_BYTES} bytes of memory, not more.
 * Output is buffered and flushed once at the end.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Read network events as JSON lines on stdin and print the aggregated reports as JSON lines,"
                + " merged as Cilium's monitor-aggregation does.",
        footer = {"", "An event line (one line; shown here on three):",
            "  {\"timestamp\":\"2026-01-01T00:00:00Z\",\"src\":\"10.0.0.1\",\"srcPort\":40000,",
            "   \"dst\":\"10.0.0.2\",\"dstPort\":443,\"protocol\":\"TCP\",\"flags\":[\"SYN\"],",
            "   \"direction\":\"egress\",\"reply\":false,\"verdict\":\"forwarded\"}",
            "Every field is required, with exactly these JSON types, except flags for",
            "non-TCP events. Other fields, duplicate fields, text after the object and",
            "lines over 64 KiB skip the line.",
            "A report line adds \"reason\", \"count\", \"first\" and \"last\" to the event.",
            "", "Examples:",
            "  kcs-cilium-rules aggregate --agent-option monitor-aggregation=medium \\",
            "      < events.jsonl",
            "  kcs-cilium-rules aggregate --agent-option monitor-aggregation-interval=10s \\",
            "      --agent-option monitor-aggregation-flags=syn,fin,rst < events.jsonl",
            "", "Exit codes: 0 done, 1 some lines were not valid events (reported on stderr,",
            "skipped), 2 bad usage or unreadable input."})
final class AggregateCommand implements Callable<Integer> {

    /** Longest event line read (64 KiB, without the line break); a longer line is skipped unread. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** The fields of an event line, in output order. */
    static final List<String> FIELDS = List.of("timestamp", "src", "srcPort", "dst", "dstPort", "protocol", "flags",
            "direction", "reply", "verdict");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    @Spec
    CommandSpec spec;

    @Option(names = "--agent-option", description = "A Cilium agent option key=value (repeatable): "
            + "monitor-aggregation, monitor-aggregation-interval, monitor-aggregation-flags (enable-l7-proxy and"
            + " policy-cidr-match-mode are accepted and checked); default: the Helm chart's settings (medium, 5s,"
            + " all flags).")
    List<String> agentOptions = new ArrayList<>();

    @Option(names = "--format", defaultValue = "json", description = "json (default, the only format: reports are"
            + " JSON lines).")
    Format format;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "100", description = "Stop reading at the N-th"
            + " bad line (default ${DEFAULT-VALUE}; 0: never stop). The pending reports are still printed.")
    int maxErrors;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (format != Format.JSON) {
            throw Main.usage(spec, "aggregate writes JSON lines only (--format json)");
        }
        if (maxErrors < 0) {
            err.println("error: --max-errors takes 0 (no limit) or more, got " + maxErrors);
            return 2;
        }
        AggregationSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        EventAggregator aggregator = EventAggregator.create(settings);
        int bad = 0;
        boolean readError = false;
        LineReader lines = new LineReader(System.in);
        try {
            while (lines.next()) {
                String problem = null;
                NetworkEvent event = null;
                if (lines.tooLong()) {
                    problem = "longer than " + MAX_LINE_BYTES + " bytes";
                } else {
                    try {
                        String line = lines.text();
                        if (line.isBlank()) {
                            continue;
                        }
                        event = event(line);
                    } catch (BadLine e) {
                        problem = e.getMessage();
                    } catch (JsonProcessingException e) {
                        JsonLocation at = e.getLocation();
                        problem = "not valid JSON: " + e.getOriginalMessage()
                                + (at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + ")");
                    } catch (IOException | RuntimeException e) {
                        problem = "not an event: " + e.getMessage();
                    }
                }
                if (problem != null) {
                    err.println("line " + lines.number() + ": skipped: " + problem);
                    if (++bad == maxErrors) {
                        err.println("error: stopped after " + bad + " bad lines (at line " + lines.number()
                                + "); the rest of the input was not read (raise --max-errors, 0 for no limit)");
                        break;
                    }
                    continue;
                }
                for (AggregatedEvent a : aggregator.offer(event)) {
                    out.println(report(a));
                }
            }
        } catch (IOException e) {
            err.println("error: cannot read standard input after line " + lines.number() + ": " + e.getMessage());
            readError = true;
        } finally {
            for (AggregatedEvent a : aggregator.flush()) {
                out.println(report(a));
            }
            out.flush();
        }
        return readError ? 2 : bad > 0 ? 1 : 0;
    }

    /** The settings of the --agent-option values; unknown keys, repeated keys and bad values are errors. */
    private AggregationSettings settings() {
        if (agentOptions.isEmpty()) {
            return AggregationSettings.helmDefaults();
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put(CiliumAgentConfig.MONITOR_AGGREGATION, "medium");
        options.put(CiliumAgentConfig.MONITOR_AGGREGATION_FLAGS, "all");
        options.putAll(AgentOptions.parse(agentOptions));
        return AggregationSettings.fromOptions(options);
    }

    /** A line that is valid JSON but not a valid event; the message says why. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one event object, field by field with exact types. */
    static NetworkEvent event(String line) throws IOException, BadLine {
        try (JsonParser p = FACTORY.createParser(line)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new BadLine("expected a JSON object with the event fields, not " + describe(t));
            }
            Instant timestamp = null;
            IpAddress src = null;
            IpAddress dst = null;
            int srcPort = -1;
            int dstPort = -1;
            Protocol protocol = null;
            List<TcpFlag> flags = null;
            Direction direction = null;
            Boolean reply = null;
            EventVerdict verdict = null;
            Set<String> seen = new HashSet<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    throw new BadLine("duplicate field \"" + ProfileFile.Text.quote(name) + "\"");
                }
                JsonToken v = p.nextToken();
                switch (name) {
                    case "timestamp" -> timestamp = timestamp(string(p, v, name));
                    case "src" -> src = address(string(p, v, name), name);
                    case "dst" -> dst = address(string(p, v, name), name);
                    case "srcPort" -> srcPort = port(p, v, name);
                    case "dstPort" -> dstPort = port(p, v, name);
                    case "protocol" -> protocol = constant(Protocol.class, string(p, v, name), name);
                    case "flags" -> flags = flags(p, v);
                    case "direction" -> direction = constant(Direction.class, string(p, v, name), name);
                    case "reply" -> {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw new BadLine("field \"reply\" must be true or false, not " + describe(v));
                        }
                        reply = v == JsonToken.VALUE_TRUE;
                    }
                    case "verdict" -> verdict = constant(EventVerdict.class, string(p, v, name), name);
                    default -> throw new BadLine("unknown field \"" + ProfileFile.Text.quote(name) + "\""
                            + ProfileFile.Text.didYouMean(name, FIELDS) + " (expected " + String.join(", ", FIELDS)
                            + ")");
                }
            }
            long end = p.currentLocation().getCharOffset();
            if (end >= 0 && end <= line.length() && !line.substring((int) end).isBlank()) {
                throw new BadLine("text after the event object (column " + (end + 1) + ")");
            }
            String missing = timestamp == null ? "timestamp" : src == null ? "src" : srcPort < 0 ? "srcPort"
                    : dst == null ? "dst" : dstPort < 0 ? "dstPort" : protocol == null ? "protocol"
                    : flags == null && protocol == Protocol.TCP ? "flags" : direction == null ? "direction"
                    : reply == null ? "reply" : verdict == null ? "verdict" : null;
            if (missing != null) {
                throw new BadLine("missing field \"" + missing + "\"");
            }
            try {
                return NetworkEvent.builder().timestamp(timestamp).source(src, srcPort).destination(dst, dstPort)
                        .protocol(protocol).trafficDirection(direction).reply(reply).verdict(verdict)
                        .flags(flags == null ? new TcpFlag[0] : flags.toArray(new TcpFlag[0])).build();
            } catch (IllegalArgumentException e) {
                throw new BadLine(e.getMessage());
            }
        }
    }

    private static String string(JsonParser p, JsonToken v, String field) throws IOException, BadLine {
        if (v != JsonToken.VALUE_STRING) {
            throw new BadLine("field \"" + field + "\" must be a string, not " + describe(v));
        }
        return p.getText();
    }

    private static Instant timestamp(String s) throws BadLine {
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadLine("field \"timestamp\": \"" + ProfileFile.Text.quote(s) + "\" is not an RFC 3339"
                    + " timestamp such as 2026-01-01T00:00:00Z");
        }
        try {
            NetworkEvent.builder().timestamp(t);
        } catch (IllegalArgumentException e) {
            throw new BadLine("field \"timestamp\": " + e.getMessage());
        }
        return t;
    }

    private static IpAddress address(String s, String field) throws BadLine {
        try {
            return IpAddress.parse(s);
        } catch (IllegalArgumentException e) {
            throw new BadLine("field \"" + field + "\": " + e.getMessage());
        }
    }

    private static int port(JsonParser p, JsonToken v, String field) throws IOException, BadLine {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw new BadLine("field \"" + field + "\" must be an integer 0-65535, not " + describe(v));
        }
        if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0 || p.getIntValue() > 0xFFFF) {
            throw new BadLine("field \"" + field + "\" must be 0-65535, not " + ProfileFile.Text.quote(p.getText()));
        }
        return p.getIntValue();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String s, String field) throws BadLine {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new BadLine("field \"" + field + "\": \"" + ProfileFile.Text.quote(s) + "\" is not one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }

    private static List<TcpFlag> flags(JsonParser p, JsonToken v) throws IOException, BadLine {
        if (v != JsonToken.START_ARRAY) {
            throw new BadLine("field \"flags\" must be an array of TCP flag names such as [\"SYN\",\"ACK\"], not "
                    + describe(v));
        }
        List<TcpFlag> flags = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw new BadLine("field \"flags\" must hold TCP flag names (strings), not " + describe(t));
            }
            flags.add(constant(TcpFlag.class, p.getText(), "flags"));
        }
        return flags;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /**
     * The lines of an input stream, read in 64 KiB chunks: a line (without {@code \n} or {@code \r\n}) is kept only
     * up to {@link #MAX_LINE_BYTES} bytes; the rest of a longer line is read and dropped. Not thread-safe.
     */
    static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private final byte[] line = new byte[MAX_LINE_BYTES];
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private int pos;
        private int limit;
        private boolean eof;
        private int length;
        private boolean tooLong;
        private long number;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** Reads the next line; false at the end of the input. */
        boolean next() throws IOException {
            length = 0;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    int n = eof ? -1 : in.read(chunk);
                    if (n < 0) {
                        eof = true;
                        if (!any) {
                            return false;
                        }
                        break; // a last line without a line break
                    }
                    pos = 0;
                    limit = n;
                    continue;
                }
                any = true;
                int i = pos;
                while (i < limit && chunk[i] != '\n') {
                    i++;
                }
                int n = i - pos;
                if (!tooLong) {
                    if (length + n > MAX_LINE_BYTES) {
                        tooLong = true;
                    } else {
                        System.arraycopy(chunk, pos, line, length, n);
                        length += n;
                    }
                }
                pos = i;
                if (i < limit) {
                    pos++; // the line break
                    break;
                }
            }
            number++;
            if (!tooLong && length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return true;
        }

        /** The 1-based number of the current line. */
        long number() {
            return number;
        }

        /** Whether the current line was longer than {@link #MAX_LINE_BYTES} (its text is not kept). */
        boolean tooLong() {
            return tooLong;
        }

        /** The current line as text. @throws BadLine when it is not UTF-8 */
        String text() throws BadLine {
            decoder.reset();
            ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
            CharBuffer chars = CharBuffer.allocate(length);
            CoderResult r = decoder.decode(bytes, chars, true);
            if (!r.isError()) {
                r = decoder.flush(chars);
            }
            if (r.isError()) {
                int at = bytes.position();
                throw new BadLine("not UTF-8: byte " + (at + 1) + " (0x" + String.format("%02X", line[at] & 0xFF)
                        + ") is not part of a UTF-8 character");
            }
            return chars.flip().toString();
        }
    }

    private static String report(AggregatedEvent a) {
        NetworkEvent e = a.event();
        ObjectNode o = JSON.createObjectNode();
        o.put("reason", a.reason().name());
        o.put("count", a.count());
        o.put("first", a.first().toString());
        o.put("last", a.last().toString());
        o.put("timestamp", e.timestamp().toString());
        o.put("src", e.sourceAddress().toString());
        o.put("srcPort", e.sourcePort());
        o.put("dst", e.destinationAddress().toString());
        o.put("dstPort", e.destinationPort());
        o.put("protocol", e.protocol().name());
        ArrayNode flags = o.putArray("flags");
        a.flags().forEach(f -> flags.add(f.name()));
        o.put("direction", e.trafficDirection().lowerName());
        o.put("reply", e.reply());
        o.put("verdict", e.verdict().name().toLowerCase(Locale.ROOT));
        return o.toString();
    }
}
