package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.hubble.FlowProblem;
import io.kcs.cilium.rules.hubble.FlowReader;
import io.kcs.cilium.rules.hubble.HubbleFlow;
import io.kcs.cilium.rules.hubble.HubbleFlows;
import io.kcs.cilium.rules.hubble.ServiceCatalog;
import io.kcs.cilium.rules.hubble.Workload;
import io.kcs.cilium.rules.hubble.WorkloadView;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The flow input shared by {@code replay} and {@code learn}: Hubble flow JSON lines from a file or standard input
 * (plain or gzip), the workload (namespace and selector), Service labels, error limit and progress line.
 *
 * <p>Not thread-safe: picocli fills the fields, then one command uses them.
 */
final class FlowInput {

    @Option(names = "--flows", paramLabel = "FILE", defaultValue = "-", description = "Hubble flows as JSON lines"
            + " (hubble observe -o json / -o jsonpb, the exporter's flow log, or bare flow objects), plain or gzip;"
            + " - (default) reads standard input.")
    String flows;

    @Option(names = "--namespace", required = true, description = "The workload's namespace.")
    String namespace;

    @Option(names = "--selector", paramLabel = "KEY=VALUE[,...]", description = "The workload's pod labels"
            + " (repeatable; without it every pod of the namespace is the workload).")
    List<String> selector = new ArrayList<>();

    @Option(names = "--service-labels", paramLabel = "NS/NAME=KEY=VALUE[,...]", description = "The labels of a"
            + " Service the flows name (repeatable), e.g. shop/db=app=db: flows name Services but not their labels,"
            + " which service: exceptions match.")
    List<String> serviceLabels = new ArrayList<>();

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "100", description = "Stop reading at the N-th"
            + " malformed line (default ${DEFAULT-VALUE}; 0: never stop).")
    int maxErrors;

    @Option(names = "--progress-every", paramLabel = "LINES", defaultValue = "1000000", description = "Print a"
            + " progress line on stderr every LINES input lines (default ${DEFAULT-VALUE}; 0: never).")
    long progressEvery;

    /** What reading found. */
    record Summary(long lines, long flows, long otherEvents, long malformed, boolean stopped) {}

    /** The view of the workload given by the options. @throws picocli.CommandLine.ParameterException on bad usage */
    WorkloadView view(CommandSpec spec) {
        String ns = Labels.namespace(spec, "--namespace", namespace);
        Map<String, String> labels = Labels.selector(spec, "--selector", selector);
        ServiceCatalog catalog = ServiceCatalog.empty();
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        for (String s : serviceLabels) {
            int eq = s.indexOf('=');
            int slash = s.indexOf('/');
            if (eq < 0 || slash < 0 || slash > eq) {
                throw Main.usage(spec, "--service-labels takes NAMESPACE/NAME=key=value,..., got \"" + s + "\"");
            }
            String sns = Labels.namespace(spec, "--service-labels", s.substring(0, slash));
            String name = Labels.namespace(spec, "--service-labels", s.substring(slash + 1, eq));
            Map<String, String> l = Labels.podLabels(spec, "--service-labels", s.substring(eq + 1));
            if (services.put(sns + "/" + name, l) != null) {
                throw Main.usage(spec, "--service-labels: service " + sns + "/" + name + " is given twice");
            }
            catalog = catalog.with(sns, name, l);
        }
        try {
            return WorkloadView.of(Workload.of(ns, labels), catalog);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
    }

    /** The input stream. @throws picocli.CommandLine.ParameterException when the file cannot be opened */
    InputStream open(CommandSpec spec) {
        if (maxErrors < 0 || progressEvery < 0) {
            throw Main.usage(spec, "--max-errors and --progress-every take 0 or more");
        }
        if (flows.equals("-")) {
            return System.in;
        }
        try {
            return Files.newInputStream(Path.of(flows));
        } catch (NoSuchFileException e) {
            throw Main.usage(spec, "--flows: no such file: " + flows);
        } catch (IOException | RuntimeException e) {
            throw Main.usage(spec, "--flows: cannot read " + flows + ": " + e.getMessage());
        }
    }

    /** The name malformed lines are reported under. */
    String sourceName() {
        return flows.equals("-") ? "stdin" : flows;
    }

    /**
     * Reads every flow into {@code sink}, printing malformed lines ({@code FILE:LINE: error [malformed-flow] ...},
     * or JSON) and progress lines to {@code err}.
     *
     * @throws IOException when reading fails
     */
    Summary read(InputStream in, PrintWriter err, Format format, Consumer<HubbleFlow> sink) throws IOException {
        String name = sourceName();
        long[] bad = {0};
        Consumer<FlowProblem> problems = p -> {
            bad[0]++;
            if (format == Format.JSON) {
                err.println("{\"file\":\"" + Diagnostics.escape(name) + "\",\"line\":" + p.line()
                        + ",\"severity\":\"error\",\"code\":\"malformed-flow\",\"message\":\""
                        + Diagnostics.escape("skipped: " + p.message()) + "\"}");
            } else {
                err.println(name + ":" + p.line() + ": error [malformed-flow] skipped: " + p.message());
            }
            if (maxErrors > 0 && bad[0] >= maxErrors) {
                throw new StopReading();
            }
        };
        try (FlowReader r = HubbleFlows.open(in, problems)) {
            long nextProgress = progressEvery == 0 ? Long.MAX_VALUE : progressEvery;
            boolean stopped = false;
            try {
                for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                    sink.accept(f.get());
                    if (r.lines() >= nextProgress) {
                        err.println("progress: " + r.lines() + " lines, " + r.flows() + " flows, "
                                + r.malformedLines() + " malformed");
                        err.flush();
                        nextProgress = r.lines() + progressEvery;
                    }
                }
            } catch (StopReading e) {
                stopped = true;
                err.println("error: stopped after " + bad[0] + " malformed lines (at line " + r.lines() + "); the"
                        + " rest of the input was not read (raise --max-errors, 0 for no limit)");
            }
            return new Summary(r.lines(), r.flows(), r.otherEvents(), r.malformedLines(), stopped);
        }
    }

    /** Thrown by the problem consumer to stop reading at the error limit. */
    private static final class StopReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopReading() {
            super(null, null, false, false);
        }
    }
}
