package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.events.AggregatedEvent;
import io.kcs.cilium.rules.events.AggregationSettings;
import io.kcs.cilium.rules.events.EventAggregator;
import io.kcs.cilium.rules.events.EventVerdict;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.events.Protocol;
import io.kcs.cilium.rules.events.TcpFlag;
import io.kcs.cilium.rules.net.IpAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aggregate}: merge network events read as JSON lines, as Cilium's monitor aggregation does. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Read network events as JSON lines on stdin and print the aggregated reports as JSON lines,"
                + " merged as Cilium's monitor-aggregation does.",
        footer = {"", "An event line (one line; shown here on three):",
            "  {\"timestamp\":\"2026-01-01T00:00:00Z\",\"src\":\"10.0.0.1\",\"srcPort\":40000,",
            "   \"dst\":\"10.0.0.2\",\"dstPort\":443,\"protocol\":\"TCP\",\"flags\":[\"SYN\"],",
            "   \"direction\":\"egress\",\"reply\":false,\"verdict\":\"forwarded\"}",
            "A report line adds \"reason\", \"count\", \"first\" and \"last\" to the event.",
            "", "Examples:",
            "  kcs-cilium-rules aggregate --agent-option monitor-aggregation=medium \\",
            "      < events.jsonl",
            "  kcs-cilium-rules aggregate --agent-option monitor-aggregation-interval=10s \\",
            "      --agent-option monitor-aggregation-flags=syn,fin,rst < events.jsonl",
            "", "Exit codes: 0 done, 1 some lines were not valid events (reported on stderr, skipped), 2 bad usage."})
final class AggregateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--agent-option", description = "A Cilium agent option key=value (repeatable); default: the Helm"
            + " chart's settings (medium, 5s, all flags).")
    List<String> agentOptions = new ArrayList<>();

    @Option(names = "--format", defaultValue = "json", description = "json (default, the only format: reports are"
            + " JSON lines).")
    Format format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format != Format.JSON) {
            throw Main.usage(spec, "aggregate writes JSON lines only (--format json)");
        }
        AggregationSettings settings = AggregationSettings.helmDefaults();
        if (!agentOptions.isEmpty()) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("monitor-aggregation", "medium");
            options.put("monitor-aggregation-flags", "all");
            for (String kv : agentOptions) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    err.println("error: --agent-option takes key=value, got \"" + kv + "\"");
                    return 2;
                }
                options.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            try {
                settings = AggregationSettings.fromOptions(options);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
        EventAggregator aggregator = EventAggregator.create(settings);
        boolean bad = false;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            NetworkEvent event;
            try {
                event = event(JSON.readTree(line));
            } catch (JsonProcessingException | IllegalArgumentException | IllegalStateException e) {
                err.println("line " + number + ": skipped: " + (e instanceof JsonProcessingException j
                        ? j.getOriginalMessage() : e.getMessage()));
                bad = true;
                continue;
            }
            for (AggregatedEvent a : aggregator.offer(event)) {
                out.println(report(a));
            }
        }
        for (AggregatedEvent a : aggregator.flush()) {
            out.println(report(a));
        }
        out.flush();
        return bad ? 1 : 0;
    }

    private static NetworkEvent event(JsonNode n) {
        NetworkEvent.Builder b = NetworkEvent.builder()
                .timestamp(Instant.parse(text(n, "timestamp")))
                .source(IpAddress.parse(text(n, "src")), n.path("srcPort").asInt(0))
                .destination(IpAddress.parse(text(n, "dst")), n.path("dstPort").asInt(0))
                .protocol(Protocol.valueOf(text(n, "protocol").toUpperCase(Locale.ROOT)))
                .trafficDirection(Direction.valueOf(text(n, "direction").toUpperCase(Locale.ROOT)))
                .reply(n.path("reply").asBoolean(false))
                .verdict(EventVerdict.valueOf(n.path("verdict").asText("forwarded").toUpperCase(Locale.ROOT)));
        List<TcpFlag> flags = new ArrayList<>();
        for (JsonNode f : n.path("flags")) {
            flags.add(TcpFlag.valueOf(f.asText().toUpperCase(Locale.ROOT)));
        }
        return b.flags(flags.toArray(new TcpFlag[0])).build();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field \"" + field + "\"");
        }
        return v.asText();
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
