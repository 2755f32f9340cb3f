package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.WorkloadDiagnostic;
import io.kcs.cilium.rules.fabric8.WorkloadReadResult;
import io.kcs.cilium.rules.fabric8.WorkloadReader;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import io.kcs.cilium.rules.policy.PolicyEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code connectivity DIR}: who may reach whom on which ports, from a directory of YAML (Cilium policies and the
 * workloads' manifests), as a table, JSON, a Mermaid flowchart or a Graphviz dot graph.
 *
 * <p>Every {@code .yaml}, {@code .yml} and {@code .json} file under DIR (recursively, sorted by path, at most
 * {@link #MAX_FILES}) is read; policies by the strict reader, workloads, Namespaces, Services and Nodes by
 * {@link WorkloadReader}, whose diagnostics are printed (errors: the object is not in the map; warnings: something
 * was ignored). Each ordered pair of distinct workloads is traced on each container port of the destination; nodes
 * are {@code remote-node} sources only. Exit code 0, 1 when a file has errors (the map is then of what could be
 * read), 2 bad usage, 3 internal or I/O error.
 */
@Command(name = "connectivity", mixinStandardHelpOptions = true,
        description = "Who may reach whom: trace every pair of workloads (Pods, Deployments, StatefulSets,"
                + " DaemonSets, ReplicaSets, Jobs, CronJobs) on the destination's container ports through the"
                + " Cilium policies of a directory of YAML.",
        footer = {"", "Examples:",
            "  kcs-cilium-rules connectivity manifests/",
            "  kcs-cilium-rules connectivity manifests/ --format mermaid",
            "  kcs-cilium-rules connectivity manifests/ --format dot | dot -Tsvg > map.svg",
            "", "Exit codes: 0 success, 1 a file has errors, 2 bad usage, 3 internal or I/O error."})
final class ConnectivityCommand implements Callable<Integer> {

    /** At most this many files are read. */
    static final int MAX_FILES = 10_000;

    /** The output formats. */
    enum Output {
        /** One line per allowed flow: source, destination, port. */
        TABLE,
        /** One JSON object: workloads and allowed flows. */
        JSON,
        /** A Mermaid flowchart. */
        MERMAID,
        /** A Graphviz digraph. */
        DOT
    }

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of policy and workload YAML.")
    Path dir;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|mermaid|dot",
            description = "table (default), json, mermaid or dot.")
    Output format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            throw Main.usage(spec, "DIR \"" + dir + "\" is not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            }).sorted().limit(MAX_FILES + 1L).toList();
        }
        if (files.size() > MAX_FILES) {
            throw Main.usage(spec, "more than " + MAX_FILES + " YAML files under " + dir);
        }
        MappingOptions options = engine.mappingOptions(spec);
        PolicyFiles.Read read;
        try {
            read = PolicyFiles.read(files, options, err);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        boolean errors = read.errors();
        WorkloadReadResult result = WorkloadReader.readDocuments(read.others().stream()
                .map(PolicyFiles.Other::document).toList());
        for (WorkloadDiagnostic d : result.diagnostics()) {
            String where = d.input() < 0 ? dir.toString() : read.others().get(d.input()).where();
            err.println(where + ": " + d.severity().name().toLowerCase(Locale.ROOT) + ": " + d.code() + " at "
                    + d.where() + (d.line() > 0 ? " (line " + d.line() + ")" : "") + ": " + d.message());
            errors |= d.isError();
        }
        List<Row> workloads = new ArrayList<>();
        for (WorkloadReader.Workload w : result.workloads()) {
            workloads.add(new Row(w.id(), w.kind(), w.namespace(), w.name(), w.peer(), w.ports()));
        }
        for (WorkloadReadResult.Node n : result.nodes()) {
            // a node as the pods on other nodes see it; it has no container ports, so it is a source only
            workloads.add(new Row("Node/" + n.name(), "Node", "", n.name(), n.asRemoteNode(), List.of()));
        }
        if (workloads.size() > ConnectivityMap.MAX_WORKLOADS) {
            err.println(dir + ": error: too-many at <input>: " + workloads.size() + " workloads and nodes, more than "
                    + ConnectivityMap.MAX_WORKLOADS + "; only the first are traced");
            workloads = workloads.subList(0, ConnectivityMap.MAX_WORKLOADS);
            errors = true;
        }
        Map<Peer, List<ConnectivityMap.Probe>> probes = new IdentityHashMap<>();
        for (Row w : workloads) {
            List<ConnectivityMap.Probe> p = w.ports();
            if (p.size() > ConnectivityMap.MAX_PROBES) {
                err.println(dir + ": warning: " + w.id() + " has " + p.size() + " ports; only the first "
                        + ConnectivityMap.MAX_PROBES + " are traced");
                p = p.subList(0, ConnectivityMap.MAX_PROBES);
            }
            probes.put(w.peer(), p);
        }
        err.flush();
        Instant now = Instant.now();
        PolicyEngine e = PolicyEngine.compile(read.rules(), options.agentConfig(), DnsCache.create());
        ConnectivityMap map = ConnectivityMap.of(e, workloads.stream().map(Row::peer).toList(),
                p -> probes.getOrDefault(p, List.of()), now, 1);
        List<ConnectivityMap.Reach> reach = map.reachable();
        switch (format) {
            case JSON -> out.println(json(workloads, reach));
            case MERMAID -> mermaid(out, workloads, reach);
            case DOT -> dot(out, workloads, reach);
            default -> table(out, workloads, reach);
        }
        out.flush();
        return errors ? Main.INPUT_ERROR : 0;
    }

    /** One row of the map: a workload, or a node (a source only). */
    record Row(String id, String kind, String namespace, String name, Peer peer, List<ConnectivityMap.Probe> ports) {
    }

    /** Allowed ports per (source, destination), in order. */
    private static Map<String, List<String>> edges(List<Row> w,
            List<ConnectivityMap.Reach> reach) {
        Map<String, List<String>> m = new TreeMap<>();
        for (ConnectivityMap.Reach r : reach) {
            m.computeIfAbsent(r.source() + ">" + r.destination(), k -> new ArrayList<>()).add(r.probe().toString());
        }
        return m;
    }

    private static void table(PrintWriter out, List<Row> w, List<ConnectivityMap.Reach> reach) {
        int width = "FROM".length();
        for (Row x : w) {
            width = Math.max(width, x.id().length());
        }
        String f = "%-" + width + "s  %-" + width + "s  %s%n";
        out.printf(Locale.ROOT, f, "FROM", "TO", "PORT");
        for (ConnectivityMap.Reach r : reach) {
            out.printf(Locale.ROOT, f, w.get(r.source()).id(), w.get(r.destination()).id(), r.probe());
        }
        out.println(reach.size() + " allowed of " + cellCount(w) + " (workload pair, port) combinations; "
                + w.size() + " workloads");
    }

    private static long cellCount(List<Row> w) {
        long ports = w.stream().mapToLong(x -> Math.min(x.ports().size(), ConnectivityMap.MAX_PROBES)).sum();
        return ports * Math.max(0, w.size() - 1);
    }

    private static String json(List<Row> w, List<ConnectivityMap.Reach> reach) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        ArrayNode ws = o.putArray("workloads");
        for (Row x : w) {
            ObjectNode n = ws.addObject();
            n.put("id", x.id());
            n.put("kind", x.kind());
            n.put("namespace", x.namespace());
            n.put("name", x.name());
            ArrayNode ports = n.putArray("ports");
            x.ports().forEach(p -> ports.add(p.toString()));
        }
        ArrayNode flows = o.putArray("allowed");
        for (ConnectivityMap.Reach r : reach) {
            ObjectNode n = flows.addObject();
            n.put("from", w.get(r.source()).id());
            n.put("to", w.get(r.destination()).id());
            n.put("port", r.probe().toString());
        }
        return o.toString();
    }

    private static void mermaid(PrintWriter out, List<Row> w, List<ConnectivityMap.Reach> r) {
        out.println("flowchart LR");
        for (int i = 0; i < w.size(); i++) {
            out.println("  w" + i + "[\"" + w.get(i).id().replace("\"", "#quot;") + "\"]");
        }
        edges(w, r).forEach((k, ports) -> {
            String[] st = k.split(">");
            out.println("  w" + st[0] + " -->|\"" + String.join(", ", ports) + "\"| w" + st[1]);
        });
    }

    private static void dot(PrintWriter out, List<Row> w, List<ConnectivityMap.Reach> r) {
        out.println("digraph connectivity {");
        out.println("  rankdir=LR;");
        for (int i = 0; i < w.size(); i++) {
            out.println("  w" + i + " [label=\"" + w.get(i).id().replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"];");
        }
        edges(w, r).forEach((k, ports) -> {
            String[] st = k.split(">");
            out.println("  w" + st[0] + " -> w" + st[1] + " [label=\"" + String.join(", ", ports) + "\"];");
        });
        out.println("}");
    }
}
