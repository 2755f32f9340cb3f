package io.kcs.cilium.rules.hubble;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.hubble.HubbleFlow.DnsAnswer;
import io.kcs.cilium.rules.hubble.HubbleFlow.Endpoint;
import io.kcs.cilium.rules.hubble.HubbleFlow.ServiceName;
import io.kcs.cilium.rules.internal.Text;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads Hubble flows written as JSON lines: {@code hubble observe -o json} and {@code -o jsonpb} (one
 * {@code {"flow": {...}, "node_name": ..., "time": ...}} per line), the Hubble exporter's flow-log file (the same
 * shape), and the bare flow object ({@code {"time": ..., "verdict": ..., "IP": ...}}), also gzip-compressed.
 *
 * <h2>Field names and values</h2>
 * Field names follow Cilium's {@code api/v1/flow/flow.proto}; as protobuf's JSON reader does, both the proto name
 * ({@code traffic_direction}, {@code source_port}) and the JSON name ({@code trafficDirection}, {@code sourcePort})
 * are accepted. Enums ({@code verdict}, {@code traffic_direction}, {@code IP.ipVersion}, {@code Type}) may be written
 * by name ({@code "EGRESS"}) or by number ({@code 2}, as Go's {@code encoding/json} writes them); {@code is_reply}
 * as {@code true}/{@code false} or a wrapper {@code {"value": true}}; {@code time} as RFC 3339 text or
 * {@code {"seconds": ..., "nanos": ...}}. A value {@code null} counts as absent. Unknown fields are skipped (Hubble
 * adds fields over time); fields this library reads must have the right type. In the wrapped shape the flow's own
 * {@code time} and {@code node_name} win over the wrapper's. A field given twice counts once, the last one (protobuf's
 * JSON reader refuses such a line; Hubble never writes one, and looking for them would cost every line). Lines holding another event ({@code node_status},
 * {@code lost_events}, {@code agent_event}, {@code debug_event}) and flows without IP addresses are
 * {@link LineResult.Kind#OTHER_EVENT other events}, not errors.
 *
 * <h2>Bad input</h2>
 * A line that is not valid JSON, not an object, has a read field of the wrong type, an invalid IP address, port or
 * time, text after the object, bytes that are not UTF-8, more than {@value #MAX_LIST_ITEMS} items in a list, or more
 * than the maximum line length ({@value #DEFAULT_MAX_LINE_BYTES} bytes by default) is reported as a
 * {@link FlowProblem} with its line number and skipped; reading goes on. Nothing here throws for any input text
 * other than the {@link IOException}s of the underlying stream.
 *
 * <pre>{@code
 * try (FlowReader r = HubbleFlows.open(Files.newInputStream(path), problem -> System.err.println(problem))) {
 *     for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <h2>How</h2>
 * A line in the common shape (ASCII, no escapes, integers of at most 18 digits, nesting at most 48 deep) is tokenised
 * straight from its bytes; any other line, and every line with a problem, is read again by Jackson's streaming parser,
 * so results and messages are the same either way. A {@link FlowReader} keeps bounded caches of what earlier lines
 * held (field names, repeated texts, addresses, endpoints, the last time, the name and string value that came last
 * in each place), each used only when the bytes are the same: equal endpoints read from the same bytes are one
 * instance. It also learns the shapes of the lines it read into flows (the bytes between the values, and what was
 * done with each value) and reads a later line of a known shape by comparing those bytes and reading only its values,
 * through the same code, so the result is the same (any difference sends the line the usual way).
 *
 * <p>What it does not do: no DNS lookups, no interpretation (see {@link WorkloadView}). Memory is constant: one line
 * buffer, the bounded caches and one flow at a time. All methods are static and thread-safe; a {@link FlowReader} is
 * not.
 */
public final class HubbleFlows {

    /** The default longest line, 1 MiB (a Hubble flow line is usually 1-3 KiB). */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    /** The most items read in one JSON list (labels, names, DNS answers). */
    public static final int MAX_LIST_ITEMS = 4096;

    /** The top-level keys of events other than flows ({@code GetFlowsResponse} / {@code ExportEvent}). */
    private static final List<String> OTHER_EVENTS = List.of("node_status", "nodeStatus", "lost_events",
            "lostEvents", "agent_event", "agentEvent", "debug_event", "debugEvent");

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build())
            .build();

    private HubbleFlows() {}

    /**
     * Opens {@code in} (plain or gzip, detected by its first two bytes) for reading flows with the default maximum
     * line length; malformed lines go to {@code problems}.
     *
     * @throws IOException when the first bytes cannot be read or the gzip header is invalid
     */
    public static FlowReader open(InputStream in, Consumer<FlowProblem> problems) throws IOException {
        return open(in, DEFAULT_MAX_LINE_BYTES, problems);
    }

    /**
     * Like {@link #open(InputStream, Consumer)} with a maximum line length of {@code maxLineBytes} bytes (without
     * the line break).
     *
     * @throws IllegalArgumentException when {@code maxLineBytes} is not positive
     * @throws IOException when the first bytes cannot be read or the gzip header is invalid
     */
    public static FlowReader open(InputStream in, int maxLineBytes, Consumer<FlowProblem> problems)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(problems, "problems");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int b0 = b.read();
        int b1 = b0 < 0 ? -1 : b.read();
        b.reset();
        InputStream source = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
        return new FlowReader(source, maxLineBytes, problems);
    }

    /**
     * Reads one line of text (without its line break).
     *
     * @param lineNumber the 1-based number reported with the result
     */
    public static LineResult parseLine(String line, long lineNumber) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parseLine(bytes, 0, bytes.length, lineNumber);
    }

    /**
     * Reads one line given as UTF-8 bytes {@code utf8[offset, offset + length)} (without its line break).
     *
     * @throws IndexOutOfBoundsException when the range is outside the array
     */
    public static LineResult parseLine(byte[] utf8, int offset, int length, long lineNumber) {
        return parseLine(new FastJsonTokens(false), utf8, offset, length, lineNumber);
    }

    /**
     * As {@link #parseLine(byte[], int, int, long)} with the tokenizer {@code fast} (one per reader, with its caches):
     * a line it takes is read from its bytes; any other line, and every line with a problem, is read again by Jackson,
     * so that results and diagnostics are Jackson's.
     */
    static LineResult parseLine(FastJsonTokens fast, byte[] utf8, int offset, int length, long lineNumber) {
        return parseLine(fast, new LineParser(fast, lineNumber), utf8, offset, length, lineNumber);
    }

    /**
     * As {@link #parseLine(FastJsonTokens, byte[], int, int, long)} with {@code parser}, made by
     * {@link #lineParser(FastJsonTokens)} for {@code fast} and used again for each line of one reader.
     */
    static LineResult parseLine(FastJsonTokens fast, LineParser parser, byte[] utf8, int offset, int length,
            long lineNumber) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        int from = offset;
        int to = offset + length;
        while (from < to && isJsonSpace(utf8[from])) {
            from++;
        }
        if (from == to) {
            return new LineResult(LineResult.Kind.BLANK, Optional.empty(), lineNumber, "");
        }
        FlowShapes shapes = fast.shapes();
        if (shapes != null) {
            LineResult r = shapes.replay(parser, utf8, from, to, lineNumber);
            if (r != null) {
                return r;
            }
        }
        try {
            fast.reset(utf8, from, to);
            LineResult r = parser.start(lineNumber).line();
            if (shapes != null && r.kind() == LineResult.Kind.FLOW) {
                shapes.learn(utf8, from, to, fast.recorded());
            }
            return r;
        } catch (IOException | Bad | RuntimeException e) {
            // not in the fast tokenizer's subset, or a problem: Jackson reads the line and says what is wrong
            fast.gaveUp(e);
        }
        return parseWithJackson(utf8, from, to, lineNumber);
    }

    /** Reads the non-blank line {@code utf8[from, to)} with Jackson alone. */
    static LineResult parseWithJackson(byte[] utf8, int from, int to, long lineNumber) {
        try (JsonParser p = FACTORY.createParser(utf8, from, to - from)) {
            return new LineParser(new JsonTokens.Jackson(p), lineNumber).line();
        } catch (Bad e) {
            return malformed(lineNumber, e.getMessage());
        } catch (JsonProcessingException e) {
            return malformed(lineNumber, "not valid JSON: " + Text.quote(e.getOriginalMessage())
                    + (e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? ""
                            : " (byte " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException | RuntimeException e) {
            // Jackson reports malformed UTF-8 and limits as IOExceptions / runtime exceptions: the line is bad.
            return malformed(lineNumber, "not a valid JSON line: " + Text.quote(String.valueOf(e.getMessage())));
        }
    }

    /** A line parser reading from {@code fast}, for {@link #parseLine(FastJsonTokens, LineParser, byte[], int, int,
     * long)}: one per reader, not thread-safe. */
    static LineParser lineParser(FastJsonTokens fast) {
        return new LineParser(fast, 0);
    }

    static LineResult malformed(long line, String message) {
        return new LineResult(LineResult.Kind.MALFORMED, Optional.empty(), line, message);
    }

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** A field that is present but wrong; the message names it. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads one line's object into a flow. Field paths for messages are built only for a message: a path is
     * {@link #prefix} ({@code "flow."} inside the flow object), a constant path and a field name.
     * Not thread-safe; one per line, or one per reader made ready for each line by {@link #start(long)}.
     */
    static final class LineParser {
        // The few optional values a flow's fields can hold, shared (Optional is immutable) instead of one per flow.
        private static final Optional<Boolean> REPLY = Optional.of(Boolean.TRUE);
        private static final Optional<Boolean> NOT_REPLY = Optional.of(Boolean.FALSE);
        private static final Optional<Direction> INGRESS = Optional.of(Direction.INGRESS);
        private static final Optional<Direction> EGRESS = Optional.of(Direction.EGRESS);
        private final JsonTokens p;
        private long line;
        private String prefix = "";
        private String name; // the name of the field whose value field() returned
        // The flow being read.
        private Instant time;
        private Instant wrapperTime;
        private FlowVerdict verdict = FlowVerdict.VERDICT_UNKNOWN;
        private String dropReason = "";
        private IpAddress sourceIp;
        private IpAddress destinationIp;
        private int ipVersion;
        private Protocol protocol = Protocol.OTHER;
        private int sourcePort;
        private int destinationPort;
        private int flags;
        private int icmpType;
        private int icmpCode;
        private Direction direction;
        private Boolean isReply;
        private boolean legacyReply;
        private Endpoint source = Endpoint.UNKNOWN;
        private Endpoint destination = Endpoint.UNKNOWN;
        private List<String> sourceNames = List.of();
        private List<String> destinationNames = List.of();
        private ServiceName sourceService;
        private ServiceName destinationService;
        private DnsAnswer dns;
        private String nodeName;
        private String wrapperNodeName;
        private boolean l7;
        private boolean flowSeen;
        private String otherEvent;

        LineParser(JsonTokens p, long line) {
            this.p = p;
            this.line = line;
        }

        /** Makes this parser ready for line {@code number}: every field as a new parser has it. */
        LineParser start(long number) {
            line = number;
            prefix = "";
            name = null;
            time = null;
            wrapperTime = null;
            verdict = FlowVerdict.VERDICT_UNKNOWN;
            dropReason = "";
            sourceIp = null;
            destinationIp = null;
            ipVersion = 0;
            protocol = Protocol.OTHER;
            sourcePort = 0;
            destinationPort = 0;
            flags = 0;
            icmpType = 0;
            icmpCode = 0;
            direction = null;
            isReply = null;
            legacyReply = false;
            source = Endpoint.UNKNOWN;
            destination = Endpoint.UNKNOWN;
            sourceNames = List.of();
            destinationNames = List.of();
            sourceService = null;
            destinationService = null;
            dns = null;
            nodeName = null;
            wrapperNodeName = null;
            l7 = false;
            flowSeen = false;
            otherEvent = null;
            return this;
        }

        /**
         * The value token of the next field of the current object whose value is not null, its name in
         * {@link #name}; null at the end of the object.
         */
        private JsonToken field() throws IOException {
            while (p.next() == JsonToken.FIELD_NAME) {
                String n = p.name();
                JsonToken t = p.next();
                if (t != JsonToken.VALUE_NULL) {
                    name = n;
                    return t;
                }
            }
            return null;
        }

        /** The path of {@code field} (may be empty) under {@code path}, with the prefix. */
        private String where(String path, String field) {
            return prefix + path + (field.isEmpty() ? "" : "." + field);
        }

        LineResult line() throws IOException, Bad {
            JsonToken t = p.next();
            if (t != JsonToken.START_OBJECT) {
                throw new Bad("expected a JSON object (a Hubble flow or {\"flow\": ...}), not " + describe(t));
            }
            while ((t = field()) != null) {
                String field = name;
                switch (field) {
                    case "flow" -> {
                        expect(t, JsonToken.START_OBJECT, "flow", "", "an object");
                        flowSeen = true;
                        flowObject();
                    }
                    case "time" -> act(A_WRAPPER_TIME, 0, t, field);
                    case "node_name", "nodeName" -> act(A_WRAPPER_NODE_NAME, 0, t, field);
                    default -> {
                        if (OTHER_EVENTS.contains(field)) {
                            otherEvent = otherEvent == null ? field : otherEvent;
                            p.skipChildren();
                        } else if (flowField(field, t)) {
                            flowSeen = true;
                        }
                    }
                }
            }
            if (p.next() != null) {
                throw new Bad("text after the JSON object (byte " + p.column() + ")");
            }
            if (!flowSeen) {
                if (otherEvent != null) {
                    return new LineResult(LineResult.Kind.OTHER_EVENT, Optional.empty(), line, otherEvent);
                }
                throw new Bad("not a Hubble flow: no \"flow\" object and none of a flow's fields (time, verdict, IP,"
                        + " l4, source, destination, ...)");
            }
            return finish();
        }

        /**
         * The result of a line whose fields were all read and that holds a flow (a {@code flow} object or a flow's
         * field): the checks across fields, then the flow, or an other event when it has no IP addresses.
         */
        LineResult finish() throws Bad {
            if (sourceIp == null || destinationIp == null) {
                if (sourceIp != null || destinationIp != null) {
                    throw new Bad("field \"IP\" needs both \"source\" and \"destination\"");
                }
                return new LineResult(LineResult.Kind.OTHER_EVENT, Optional.empty(), line,
                        "flow without IP addresses");
            }
            if (sourceIp.isIpv4() != destinationIp.isIpv4()) {
                throw new Bad("field \"IP\": source " + sourceIp + " and destination " + destinationIp
                        + " are of different families");
            }
            if ((ipVersion == 1 && !sourceIp.isIpv4()) || (ipVersion == 2 && sourceIp.isIpv4())) {
                throw new Bad("field \"IP.ipVersion\" says IPv" + (ipVersion == 1 ? 4 : 6) + " but the addresses are"
                        + " IPv" + (sourceIp.isIpv4() ? 4 : 6));
            }
            Instant at = time != null ? time : wrapperTime;
            if (at == null) {
                throw new Bad("missing field \"time\" (in the flow or next to it)");
            }
            Optional<Boolean> reply = reply(isReply, legacyReply);
            HubbleFlow f = new HubbleFlow(line, at, verdict, dropReason, sourceIp, destinationIp, protocol,
                    sourcePort, destinationPort, protocol == Protocol.TCP ? flags : 0, icmpType, icmpCode,
                    direction(direction), reply, source, destination, sourceNames, destinationNames,
                    Optional.ofNullable(sourceService), Optional.ofNullable(destinationService),
                    Optional.ofNullable(dns), nodeName != null ? nodeName : wrapperNodeName != null ? wrapperNodeName
                            : "", l7);
            return new LineResult(LineResult.Kind.FLOW, Optional.of(f), line, "");
        }

        /** The flow's reply flag: shared values, not one {@code Optional} per flow. */
        private static Optional<Boolean> reply(Boolean isReply, boolean legacyReply) {
            return isReply != null ? (isReply ? REPLY : NOT_REPLY) : legacyReply ? REPLY : Optional.empty();
        }

        /** The flow's direction: shared values, not one {@code Optional} per flow. */
        private static Optional<Direction> direction(Direction d) {
            return d == null ? Optional.empty() : d == Direction.INGRESS ? INGRESS : EGRESS;
        }

        private void flowObject() throws IOException, Bad {
            prefix = "flow.";
            for (JsonToken t; (t = field()) != null; ) {
                flowField(name, t);
            }
            prefix = "";
        }

        // ------------------------------------------------------------------------------------------ actions
        // What reading a value (or a container's start or end) does to the flow, by number: the field-by-field reader
        // below applies each one it meets and tells the tokenizer (a shape of the line for FlowShapes), and
        // FlowShapes applies the same actions when a later line has the same shape, so both read alike.

        /** A value that is skipped (recorded by the tokenizer itself). */
        static final int A_SKIP = 0;
        static final int A_WRAPPER_TIME = 1;
        static final int A_WRAPPER_NODE_NAME = 2;
        static final int A_TIME = 3;
        static final int A_VERDICT = 4;
        static final int A_DROP_REASON = 5;
        static final int A_IP_SOURCE = 6;
        static final int A_IP_DESTINATION = 7;
        static final int A_IP_VERSION = 8;
        /** At the start of an {@code l4} protocol object; the argument is the {@link L4} ordinal. */
        static final int A_L4 = 9;
        static final int A_SOURCE_PORT = 10;
        static final int A_DESTINATION_PORT = 11;
        static final int A_ICMP_TYPE = 12;
        static final int A_ICMP_CODE = 13;
        /** At the start of the TCP flags object. */
        static final int A_FLAGS_START = 14;
        /** A TCP flag; the argument is its bit (0 for flags not kept). */
        static final int A_FLAG = 15;
        static final int A_TYPE = 16;
        static final int A_NODE_NAME = 17;
        /** At the start of a list of strings. */
        static final int A_LIST_START = 18;
        static final int A_LIST_ADD = 19;
        /** At the end of the list of names; the argument is 0 for the source, 1 for the destination. */
        static final int A_NAMES_END = 20;
        static final int A_DNS_START = 21;
        static final int A_DNS_QUERY = 22;
        static final int A_DNS_IPS_END = 23;
        static final int A_DNS_TTL = 24;
        static final int A_DNS_RCODE = 25;
        static final int A_DNS_END = 26;
        static final int A_LEGACY_REPLY = 27;
        static final int A_IS_REPLY = 28;
        static final int A_SERVICE_START = 29;
        static final int A_SERVICE_NAME = 30;
        static final int A_SERVICE_NAMESPACE = 31;
        /** At the end of a Service object; the argument is 0 for the source, 1 for the destination. */
        static final int A_SERVICE_END = 32;
        static final int A_TRAFFIC_DIRECTION = 33;
        /** After a skipped value: sets 0 to the source port (argument 0), destination port, ICMP type or code (3). */
        static final int A_ZERO = 34;
        /** An endpoint object; the argument is 0 for the source, 1 for the destination (see {@link #endpoint}). */
        static final int A_ENDPOINT = 35;

        // state of the actions between a start and an end
        private String l4Path = "l4";
        private final ArrayList<String> list = new ArrayList<>();
        private String listPath = "";
        private String listField = "";
        private String dnsQuery = "";
        private List<IpAddress> dnsIps = List.of();
        private long dnsTtl;
        private int dnsRcode;
        private String servicePath = "";
        private String serviceName = "";
        private String serviceNamespace = "";

        /** Applies action {@code a} to the current value token {@code t} of field {@code field} and records it. */
        private void act(int a, int arg, JsonToken t, String field) throws IOException, Bad {
            apply(a, arg, t, field);
            p.valueStep(a, arg);
        }

        /** Applies action {@code a}, which reads no value (a container's start or end), and records it. */
        private void mark(int a, int arg) throws IOException, Bad {
            apply(a, arg, null, "");
            p.markStep(a, arg);
        }

        /**
         * Applies action {@code a} (with its argument) to the current value token {@code t} of field {@code field}
         * (the name is only for messages; null token for actions without a value).
         */
        void apply(int a, int arg, JsonToken t, String field) throws IOException, Bad {
            switch (a) {
                case A_SKIP -> { }
                case A_WRAPPER_TIME -> wrapperTime = time(t, field);
                case A_WRAPPER_NODE_NAME -> wrapperNodeName = repeatedString(t, field, "");
                case A_TIME -> time = time(t, field);
                case A_VERDICT -> {
                    int n = enumValue(t, field, "", FLOW_VERDICTS);
                    verdict = FlowVerdict.ofNumber(n);
                    if (verdict == null) {
                        throw new Bad("field \"" + where(field, "") + "\": unknown verdict " + n);
                    }
                }
                case A_DROP_REASON -> dropReason = t == JsonToken.VALUE_NUMBER_INT
                        ? "drop reason " + uint(t, field, "", 0xFFFF_FFFFL) : repeatedString(t, field, "");
                case A_IP_SOURCE -> sourceIp = address(t, "IP", field);
                case A_IP_DESTINATION -> destinationIp = address(t, "IP", field);
                case A_IP_VERSION -> ipVersion = enumValue(t, "IP", field, IP_VERSIONS);
                case A_L4 -> {
                    L4 kind = L4.ALL[arg];
                    protocol = kind.protocol;
                    l4Path = kind.path;
                }
                case A_SOURCE_PORT -> sourcePort = (int) uint(t, l4Path, field, 0xFFFF);
                case A_DESTINATION_PORT -> destinationPort = (int) uint(t, l4Path, field, 0xFFFF);
                case A_ICMP_TYPE -> icmpType = (int) uint(t, l4Path, field, 0xFF);
                case A_ICMP_CODE -> icmpCode = (int) uint(t, l4Path, field, 0xFF);
                case A_FLAGS_START -> flags = 0;
                case A_FLAG -> {
                    if (bool(t, "l4.TCP.flags", field)) {
                        flags |= arg;
                    }
                }
                case A_TYPE -> l7 = enumValue(t, field, "", FLOW_TYPES) == 2;
                case A_NODE_NAME -> nodeName = repeatedString(t, field, "");
                case A_LIST_START -> list.clear();
                case A_LIST_ADD -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw new Bad("field \"" + where(listPath, listField) + "\" must hold strings, not "
                                + describe(t));
                    }
                    if (list.size() == MAX_LIST_ITEMS) {
                        throw new Bad("field \"" + where(listPath, listField) + "\" has more than " + MAX_LIST_ITEMS
                                + " items");
                    }
                    list.add(p.repeatedText());
                }
                case A_NAMES_END -> {
                    if (arg == 0) {
                        sourceNames = List.copyOf(list);
                    } else {
                        destinationNames = List.copyOf(list);
                    }
                }
                case A_DNS_START -> {
                    dnsQuery = "";
                    dnsIps = List.of();
                    dnsTtl = 0;
                    dnsRcode = 0;
                }
                case A_DNS_QUERY -> dnsQuery = repeatedString(t, "l7.dns", field);
                case A_DNS_IPS_END -> {
                    List<IpAddress> out = new ArrayList<>(list.size());
                    for (String s : list) {
                        try {
                            out.add(IpAddress.parse(s));
                        } catch (IllegalArgumentException e) {
                            throw new Bad("field \"" + where("l7.dns", "ips") + "\": " + Text.quote(s)
                                    + " is not an IP address");
                        }
                    }
                    dnsIps = out;
                }
                case A_DNS_TTL -> dnsTtl = uint(t, "l7.dns", field, 0xFFFF_FFFFL);
                case A_DNS_RCODE -> dnsRcode = (int) uint(t, "l7.dns", field, 0xFFFF);
                case A_DNS_END -> dns = new DnsAnswer(dnsQuery, dnsIps, dnsTtl, dnsRcode);
                case A_LEGACY_REPLY -> legacyReply = bool(t, field, "");
                case A_IS_REPLY -> isReply = bool(t, field, "");
                case A_SERVICE_START -> {
                    serviceName = "";
                    serviceNamespace = "";
                }
                case A_SERVICE_NAME -> serviceName = repeatedString(t, servicePath, field);
                case A_SERVICE_NAMESPACE -> serviceNamespace = repeatedString(t, servicePath, field);
                case A_SERVICE_END -> {
                    ServiceName s = serviceName.isEmpty() ? null : new ServiceName(serviceName, serviceNamespace);
                    if (arg == 0) {
                        sourceService = s;
                    } else {
                        destinationService = s;
                    }
                }
                case A_TRAFFIC_DIRECTION -> {
                    int n = enumValue(t, field, "", DIRECTIONS);
                    direction = n == 1 ? Direction.INGRESS : n == 2 ? Direction.EGRESS : null;
                }
                case A_ZERO -> {
                    switch (arg) {
                        case 0 -> sourcePort = 0;
                        case 1 -> destinationPort = 0;
                        case 2 -> icmpType = 0;
                        default -> icmpCode = 0;
                    }
                }
                default -> throw new IllegalStateException("unknown action " + a);
            }
        }

        /** Sets the endpoint read (or remembered) for the source ({@code which} 0) or the destination. */
        void endpoint(int which, Endpoint e) {
            if (which == 0) {
                source = e;
            } else {
                destination = e;
            }
        }

        // ------------------------------------------------------------------------------------------ fields

        /** Reads a field of the flow; false (and skipped) when it is not one this library reads. */
        private boolean flowField(String field, JsonToken t) throws IOException, Bad {
            switch (field) {
                case "time" -> act(A_TIME, 0, t, field);
                case "verdict" -> act(A_VERDICT, 0, t, field);
                case "drop_reason_desc", "dropReasonDesc" -> act(A_DROP_REASON, 0, t, field);
                case "IP" -> ip(t);
                case "l4" -> l4(t);
                case "source" -> endpointField(0, t, field);
                case "destination" -> endpointField(1, t, field);
                case "Type" -> act(A_TYPE, 0, t, field);
                case "node_name", "nodeName" -> act(A_NODE_NAME, 0, t, field);
                case "source_names", "sourceNames" -> {
                    strings(t, field, "");
                    mark(A_NAMES_END, 0);
                }
                case "destination_names", "destinationNames" -> {
                    strings(t, field, "");
                    mark(A_NAMES_END, 1);
                }
                case "l7" -> l7Object(t);
                case "reply" -> act(A_LEGACY_REPLY, 0, t, field);
                case "is_reply", "isReply" -> {
                    if (t == JsonToken.START_OBJECT) {
                        isReply = boolWrapper(field);
                        p.unreplayable();
                    } else {
                        act(A_IS_REPLY, 0, t, field);
                    }
                }
                case "source_service", "sourceService" -> service(0, t, field);
                case "destination_service", "destinationService" -> service(1, t, field);
                case "traffic_direction", "trafficDirection" -> act(A_TRAFFIC_DIRECTION, 0, t, field);
                default -> {
                    p.skipChildren();
                    return false;
                }
            }
            return true;
        }

        private void ip(JsonToken t) throws IOException, Bad {
            expect(t, JsonToken.START_OBJECT, "IP", "", "an object");
            while ((t = field()) != null) {
                String field = name;
                switch (field) {
                    case "source" -> act(A_IP_SOURCE, 0, t, field);
                    case "destination" -> act(A_IP_DESTINATION, 0, t, field);
                    case "ipVersion", "ip_version" -> act(A_IP_VERSION, 0, t, field);
                    default -> p.skipChildren();
                }
            }
        }

        private void l4(JsonToken t) throws IOException, Bad {
            expect(t, JsonToken.START_OBJECT, "l4", "", "an object");
            while ((t = field()) != null) {
                L4 kind = switch (name) {
                    case "TCP" -> L4.TCP;
                    case "UDP" -> L4.UDP;
                    case "SCTP" -> L4.SCTP;
                    case "ICMPv4" -> L4.ICMP_V4;
                    case "ICMPv6" -> L4.ICMP_V6;
                    default -> null;
                };
                if (kind == null) {
                    p.skipChildren();
                    continue;
                }
                String at = kind.path;
                Protocol proto = kind.protocol;
                expect(t, JsonToken.START_OBJECT, at, "", "an object");
                mark(A_L4, kind.ordinal());
                boolean icmp = proto == Protocol.ICMP || proto == Protocol.ICMPV6;
                while ((t = field()) != null) {
                    String field = name;
                    switch (field) {
                        // as before: a port of an ICMP object, or a type or code of another, is skipped and read as 0
                        case "source_port", "sourcePort" -> portOrZero(!icmp, A_SOURCE_PORT, 0, t, field);
                        case "destination_port", "destinationPort" -> portOrZero(!icmp, A_DESTINATION_PORT, 1, t,
                                field);
                        case "type" -> portOrZero(icmp, A_ICMP_TYPE, 2, t, field);
                        case "code" -> portOrZero(icmp, A_ICMP_CODE, 3, t, field);
                        case "flags" -> {
                            if (proto == Protocol.TCP) {
                                tcpFlags(t);
                            } else {
                                p.skipChildren();
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            }
        }

        /** Reads the value with action {@code a} when {@code read}, else skips it and sets field {@code zero} to 0. */
        private void portOrZero(boolean read, int a, int zero, JsonToken t, String field) throws IOException, Bad {
            if (read) {
                act(a, 0, t, field);
            } else {
                p.skipChildren();
                mark(A_ZERO, zero);
            }
        }

        private void tcpFlags(JsonToken t) throws IOException, Bad {
            expect(t, JsonToken.START_OBJECT, "l4.TCP", "flags", "an object such as {\"SYN\": true}");
            mark(A_FLAGS_START, 0);
            while ((t = field()) != null) {
                String field = name;
                int bit = switch (field) {
                    case "FIN" -> 0x01;
                    case "SYN" -> 0x02;
                    case "RST" -> 0x04;
                    case "PSH" -> 0x08;
                    case "ACK" -> 0x10;
                    case "URG" -> 0x20;
                    case "ECE" -> 0x40;
                    case "CWR" -> 0x80;
                    default -> 0; // NS and anything new: not kept
                };
                act(A_FLAG, bit, t, field);
            }
        }

        private void endpointField(int which, JsonToken t, String path) throws IOException, Bad {
            expect(t, JsonToken.START_OBJECT, path, "", "an object");
            Endpoint e = p.knownEndpoint();
            if (e == null) {
                e = endpointObject(path);
            }
            endpoint(which, e);
            p.endpointStep(which);
        }

        /**
         * Reads the endpoint object whose start {@code t} the tokenizer just gave (for a replayed line; the path is
         * for messages).
         */
        Endpoint endpointAt(JsonToken t, String path) throws IOException, Bad {
            expect(t, JsonToken.START_OBJECT, path, "", "an object");
            Endpoint e = p.knownEndpoint();
            return e != null ? e : endpointObject(path);
        }

        /** Reads an endpoint object (after its start) and remembers it. */
        private Endpoint endpointObject(String path) throws IOException, Bad {
            long id = 0;
            long identity = 0;
            String namespace = "";
            List<String> labels = List.of();
            String podName = "";
            JsonToken t;
            while ((t = field()) != null) {
                String field = name;
                switch (field) {
                    case "ID" -> id = uint(t, path, field, 0xFFFF_FFFFL);
                    case "identity" -> identity = uint(t, path, field, 0xFFFF_FFFFL);
                    case "namespace" -> namespace = repeatedString(t, path, field);
                    case "labels" -> {
                        strings(t, path, field);
                        labels = List.copyOf(list);
                    }
                    case "pod_name", "podName" -> podName = repeatedString(t, path, field);
                    default -> p.skipChildren();
                }
            }
            Endpoint e = new Endpoint(id, identity, namespace, labels, podName);
            p.rememberEndpoint(e);
            return e;
        }

        private void service(int which, JsonToken t, String path) throws IOException, Bad {
            expect(t, JsonToken.START_OBJECT, path, "", "an object");
            servicePath = path;
            mark(A_SERVICE_START, 0);
            while ((t = field()) != null) {
                String field = name;
                switch (field) {
                    case "name" -> act(A_SERVICE_NAME, 0, t, field);
                    case "namespace" -> act(A_SERVICE_NAMESPACE, 0, t, field);
                    default -> p.skipChildren();
                }
            }
            mark(A_SERVICE_END, which);
        }

        private void l7Object(JsonToken t) throws IOException, Bad {
            expect(t, JsonToken.START_OBJECT, "l7", "", "an object");
            while ((t = field()) != null) {
                if (name.equals("dns")) {
                    dnsObject(t);
                } else {
                    p.skipChildren();
                }
            }
        }

        private void dnsObject(JsonToken t) throws IOException, Bad {
            String path = "l7.dns";
            expect(t, JsonToken.START_OBJECT, path, "", "an object");
            mark(A_DNS_START, 0);
            while ((t = field()) != null) {
                String field = name;
                switch (field) {
                    case "query" -> act(A_DNS_QUERY, 0, t, field);
                    case "ips" -> {
                        strings(t, path, field);
                        mark(A_DNS_IPS_END, 0);
                    }
                    case "ttl" -> act(A_DNS_TTL, 0, t, field);
                    case "rcode" -> act(A_DNS_RCODE, 0, t, field);
                    default -> p.skipChildren();
                }
            }
            mark(A_DNS_END, 0);
        }
        // ------------------------------------------------------------------------------------------ values

        private void expect(JsonToken t, JsonToken wanted, String path, String field, String what) throws Bad {
            if (t != wanted) {
                throw new Bad("field \"" + where(path, field) + "\" must be " + what + ", not " + describe(t));
            }
        }

        /** A string that is likely to occur again in later lines (a name, a label, a namespace). */
        private String repeatedString(JsonToken t, String path, String field) throws IOException, Bad {
            expect(t, JsonToken.VALUE_STRING, path, field, "a string");
            return p.repeatedText();
        }

        private IpAddress address(JsonToken t, String path, String field) throws IOException, Bad {
            expect(t, JsonToken.VALUE_STRING, path, field, "a string");
            IpAddress a = p.address();
            if (a == null) {
                throw new Bad("field \"" + where(path, field) + "\": " + Text.quote(p.text()) + " is not an IP address");
            }
            return a;
        }

        private boolean bool(JsonToken t, String path, String field) throws Bad {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw new Bad("field \"" + where(path, field) + "\" must be true or false, not " + describe(t));
            }
            return t == JsonToken.VALUE_TRUE;
        }

        /** A {@code google.protobuf.BoolValue} written as a wrapper {@code {"value": b}} (an empty one is false). */
        private Boolean boolWrapper(String path) throws IOException, Bad {
            JsonToken t;
            boolean v = false;
            while ((t = field()) != null) {
                if (name.equals("value")) {
                    v = bool(t, path, "value");
                } else {
                    p.skipChildren();
                }
            }
            return v;
        }

        /** An unsigned integer up to {@code max}: a JSON integer, or decimal digits in a string (64-bit style). */
        private long uint(JsonToken t, String path, String field, long max) throws IOException, Bad {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                if (!p.bigInteger()) {
                    long v = p.longValue();
                    if (v >= 0 && v <= max) {
                        return v;
                    }
                }
                throw new Bad("field \"" + where(path, field) + "\" must be 0-" + max + ", not " + Text.quote(p.text()));
            }
            if (t == JsonToken.VALUE_STRING) {
                String s = p.text();
                if (!s.isEmpty() && s.length() <= 19 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    long v = Long.parseLong(s);
                    if (v <= max) {
                        return v;
                    }
                }
                throw new Bad("field \"" + where(path, field) + "\" must be 0-" + max + ", not " + Text.quote(s));
            }
            throw new Bad("field \"" + where(path, field) + "\" must be an integer, not " + describe(t));
        }

        /** An enum by name (one of {@code names}, whose index is its number) or by number. */
        private int enumValue(JsonToken t, String path, String field, List<String> names) throws IOException, Bad {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return (int) uint(t, path, field, Integer.MAX_VALUE);
            }
            if (t != JsonToken.VALUE_STRING) {
                throw new Bad("field \"" + where(path, field) + "\" must be a name or a number, not " + describe(t));
            }
            String s = p.repeatedText();
            int i = names.indexOf(s);
            if (i < 0) {
                throw new Bad("field \"" + where(path, field) + "\": " + Text.quote(s) + " is not one of "
                        + String.join(", ", names));
            }
            return i;
        }

        /** Reads a list of strings into {@link #list}. */
        private void strings(JsonToken t, String path, String field) throws IOException, Bad {
            expect(t, JsonToken.START_ARRAY, path, field, "an array of strings");
            listPath = path;
            listField = field;
            mark(A_LIST_START, 0);
            while ((t = p.next()) != JsonToken.END_ARRAY) {
                act(A_LIST_ADD, 0, t, field);
            }
        }

        private Instant time(JsonToken t, String path) throws IOException, Bad {
            if (t == JsonToken.VALUE_STRING) {
                Instant i = p.time();
                if (i == null) {
                    throw new Bad("field \"" + where(path, "") + "\": " + Text.quote(p.text())
                            + " is not an RFC 3339 time such as 2026-01-01T00:00:00.000000001Z");
                }
                return i;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new Bad("field \"" + where(path, "") + "\" must be an RFC 3339 string or {\"seconds\","
                        + " \"nanos\"}, not " + describe(t));
            }
            long seconds = 0;
            long nanos = 0;
            while ((t = field()) != null) {
                String field = name;
                switch (field) {
                    case "seconds" -> seconds = uint(t, path, field, Rfc3339.MAX_SECONDS);
                    case "nanos" -> nanos = uint(t, path, field, 999_999_999);
                    default -> p.skipChildren();
                }
            }
            return Instant.ofEpochSecond(seconds, nanos);
        }
    }

    /** The protocol objects of {@code l4}: the protocol and the path for messages. */
    private enum L4 {
        TCP("l4.TCP", Protocol.TCP), UDP("l4.UDP", Protocol.UDP), SCTP("l4.SCTP", Protocol.SCTP),
        ICMP_V4("l4.ICMPv4", Protocol.ICMP), ICMP_V6("l4.ICMPv6", Protocol.ICMPV6);

        static final L4[] ALL = values();

        final String path;
        final Protocol protocol;

        L4(String path, Protocol protocol) {
            this.path = path;
            this.protocol = protocol;
        }
    }

    private static final List<String> FLOW_VERDICTS = List.of("VERDICT_UNKNOWN", "FORWARDED", "DROPPED", "ERROR",
            "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED");
    private static final List<String> DIRECTIONS = List.of("TRAFFIC_DIRECTION_UNKNOWN", "INGRESS", "EGRESS");
    private static final List<String> IP_VERSIONS = List.of("IP_NOT_USED", "IPv4", "IPv6");
    private static final List<String> FLOW_TYPES = List.of("UNKNOWN_TYPE", "L3_L4", "L7", "SOCK");
    /** Every enum name above, by itself. */
    private static final Map<String, String> ENUM_NAMES = enumNames();

    private static Map<String, String> enumNames() {
        Map<String, String> m = new HashMap<>();
        for (List<String> names : List.of(FLOW_VERDICTS, DIRECTIONS, IP_VERSIONS, FLOW_TYPES)) {
            for (String n : names) {
                m.put(n, n);
            }
        }
        return Map.copyOf(m);
    }

    /**
     * {@code s}, or the enum name constant equal to it: a reader keeps repeated texts as these instances, so that
     * looking an enum value up finds it by identity.
     */
    static String canonical(String s) {
        String c = ENUM_NAMES.get(s);
        return c != null ? c : s;
    }

    static String describe(JsonToken t) {
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
            default -> t.name();
        };
    }

    /** RFC 3339 timestamps: a fast path for {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM)}. */
    static final class Rfc3339 {
        /** 9999-12-31T23:59:59Z, the largest protobuf Timestamp. */
        static final long MAX_SECONDS = 253_402_300_799L;

        private Rfc3339() {}

        /** The instant, or null when {@code s} is not an RFC 3339 time in years 0001-9999. */
        static Instant parse(String s) {
            // a character beyond Latin-1 becomes '?', which is nowhere valid in an RFC 3339 time
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            return parse(b, 0, b.length, null);
        }

        /**
         * As {@link #parse(String)} for the Latin-1 text {@code b[from, to)}; with {@code memo} (one per reader), the
         * last time and the last {@code YYYY-MM-DDTHH:MM:SS} prefix read are not parsed again.
         */
        static Instant parse(byte[] b, int from, int to, Memo memo) {
            int n = to - from;
            if (n < 20 || n > 40) {
                return null;
            }
            if (memo != null && memo.last != null && memo.sameAsLast(b, from, n)) {
                memo.lastHits++;
                return memo.last;
            }
            long local; // seconds since the epoch of the date and time before the offset
            if (memo != null && memo.prefixValid && memo.samePrefix(b, from)) {
                memo.prefixHits++;
                local = memo.prefixSeconds;
            } else {
                if (b[from + 4] != '-' || b[from + 7] != '-' || (b[from + 10] != 'T' && b[from + 10] != 't')
                        || b[from + 13] != ':' || b[from + 16] != ':') {
                    return null;
                }
                int year = digits(b, from, 4);
                int month = digits(b, from + 5, 2);
                int day = digits(b, from + 8, 2);
                int hour = digits(b, from + 11, 2);
                int minute = digits(b, from + 14, 2);
                int second = digits(b, from + 17, 2);
                if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23
                        || minute > 59 || second > 59) {
                    return null; // also -1 from digits()
                }
                local = daysFromCivil(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second;
                if (memo != null) {
                    memo.rememberPrefix(b, from, local);
                }
            }
            int i = from + 19;
            long nanos = 0;
            if (b[i] == '.') {
                int start = ++i;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    if (i - start < 9) {
                        nanos = nanos * 10 + (b[i] - '0');
                    }
                    i++;
                }
                int count = i - start;
                if (count == 0) {
                    return null;
                }
                for (int k = count; k < 9; k++) {
                    nanos *= 10;
                }
            }
            if (i >= to) {
                return null;
            }
            long offset;
            byte z = b[i];
            if ((z == 'Z' || z == 'z') && i + 1 == to) {
                offset = 0;
            } else if ((z == '+' || z == '-') && i + 6 == to && b[i + 3] == ':') {
                int oh = digits(b, i + 1, 2);
                int om = digits(b, i + 4, 2);
                if (oh < 0 || om < 0 || oh > 23 || om > 59) {
                    return null;
                }
                offset = (oh * 3600L + om * 60L) * (z == '+' ? 1 : -1);
            } else {
                return null;
            }
            Instant at;
            try {
                at = Instant.ofEpochSecond(local - offset, nanos);
            } catch (DateTimeException e) {
                return null;
            }
            if (memo != null) {
                memo.rememberLast(b, from, n, at);
            }
            return at;
        }

        /**
         * What a reader's last time held: the whole text and its instant, and the seconds of the last date-and-time
         * prefix. Mutable scratch state of one reader; not thread-safe.
         */
        static final class Memo {
            private static final int PREFIX = 19;
            private final byte[] lastText = new byte[40];
            private int lastLength;
            private Instant last;
            private final byte[] prefix = new byte[PREFIX];
            private boolean prefixValid;
            private long prefixSeconds;
            long lastHits; // times that were the last time (for tests)
            long prefixHits; // times whose date and time were the last one's, with another fraction or offset

            boolean sameAsLast(byte[] b, int from, int n) {
                return n == lastLength && Arrays.equals(lastText, 0, n, b, from, from + n);
            }

            boolean samePrefix(byte[] b, int from) {
                return Arrays.equals(prefix, 0, PREFIX, b, from, from + PREFIX);
            }

            void rememberPrefix(byte[] b, int from, long seconds) {
                System.arraycopy(b, from, prefix, 0, PREFIX);
                prefixSeconds = seconds;
                prefixValid = true;
            }

            void rememberLast(byte[] b, int from, int n, Instant at) {
                System.arraycopy(b, from, lastText, 0, n);
                lastLength = n;
                last = at;
            }
        }

        /** Cross-check for tests: what {@link OffsetDateTime#parse} says (null when it refuses). */
        static Instant parseSlow(String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }

        private static int digits(byte[] b, int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; i++) {
                int c = b[i];
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        private static int daysIn(int year, int month) {
            return switch (month) {
                case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
        }

        /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
        private static long daysFromCivil(int y, int m, int d) {
            y -= m <= 2 ? 1 : 0;
            long era = Math.floorDiv(y, 400);
            long yoe = y - era * 400;
            long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
            long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return era * 146_097 + doe - 719_468;
        }
    }
}
