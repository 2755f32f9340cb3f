package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.PolicyNotApplicableException;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.hubble.ReplayReport;
import io.kcs.cilium.rules.hubble.ReplayReport.Counts;
import io.kcs.cilium.rules.hubble.ReplayReport.DeniedConnection;
import io.kcs.cilium.rules.hubble.ReplayReport.PeerCount;
import io.kcs.cilium.rules.hubble.TrafficReplay;
import io.kcs.cilium.rules.hubble.WorkloadView;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: what-if replay of observed Hubble flows against a candidate runtime profile, before enforcing it.
 *
 * <p>Exit code 0 when the profile denies none of the flows that pass today and every line was read; 1 when it would
 * deny some, or the profile has errors (the replay uses its valid exceptions), or lines were malformed.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay Hubble flows of one workload against a runtime profile: per direction the flows and"
                + " connections it would allow and deny, the peers denied most, every denied connection with its"
                + " explanation, and apart from those the flows Cilium already dropped.",
        footer = {"", "Directions are the workload's: a connection it opened is egress, replies included"
                + " (they pass with their connection). DNS answers in the flows (l7.dns) feed the FQDN exceptions"
                + " from the moment they were seen until their TTL ends.",
            "", "Examples:",
            "  hubble observe -o jsonpb --last 100000 > flows.jsonl",
            "  kcs-cilium-rules replay --flows flows.jsonl --namespace shop \\",
            "      --selector app=web --ingress '' \\",
            "      --egress '*.example.com, entity:kube-apiserver'",
            "  kcs-cilium-rules replay --flows flows.jsonl.gz --namespace shop \\",
            "      --selector app=web --profile web.yaml \\",
            "      --service-labels shop/db=app=db --format json",
            "", "Exit codes: 0 nothing that passes today would be denied, 1 something would be denied, the"
                    + " profile has errors or lines were malformed (reported on stderr, skipped), 2 bad usage,"
                    + " 3 internal or I/O error."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions lists = new ProfileOptions();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Mixin
    FlowInput input = new FlowInput();

    @Option(names = "--list", paramLabel = "N", defaultValue = "50", description = "Denied connections listed in"
            + " the text output (default ${DEFAULT-VALUE}; json lists up to 10,000).")
    int list;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "text (default) or"
            + " json: the report as one JSON object, diagnostics and malformed lines as JSON lines on stderr.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            lists.resolve();
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        if (lists.isEmpty()) {
            throw Main.usage(spec, "give the candidate profile: --profile FILE or --ingress/--egress");
        }
        if (list < 0) {
            throw Main.usage(spec, "--list takes 0 or more");
        }
        WorkloadView view = input.view(spec);
        MappingOptions options = engine.mappingOptions(spec);
        CiliumAgentConfig config = options.agentConfig();
        ProfileOptions.Parsed parsed = lists.parse(err, engine.parser(), format);
        RuntimeProfile profile = parsed.profile();
        TrafficReplay replay;
        try {
            replay = TrafficReplay.forProfile(profile, config, view,
                    TrafficReplay.Options.defaults().withMaxListedDenied(format == Format.JSON ? 10_000 : list));
        } catch (PolicyNotApplicableException e) {
            ProfileDiagnostics.print(err, format, parsed, e.diagnostics(), p -> e.diagnostics());
            err.println("error: Cilium could not apply this profile; nothing replayed");
            err.flush();
            return Main.INPUT_ERROR;
        }
        InputStream in = input.open(spec);
        FlowInput.Summary summary;
        try {
            summary = input.read(in, err, format, replay::accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        err.flush();
        ReplayReport r = replay.report();
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        if (format == Format.JSON) {
            out.println(json(r, summary, view));
        } else {
            text(out, r, summary, view);
        }
        out.flush();
        boolean failed = parsed.errors() || !r.deniesNothing() || summary.malformed() > 0;
        return failed ? Main.INPUT_ERROR : 0;
    }

    private void text(PrintWriter out, ReplayReport r, FlowInput.Summary s, WorkloadView view) {
        out.println("workload " + view.workload() + ": " + s.flows() + " flows read from " + input.sourceName() + " ("
                + s.lines() + " lines), " + r.flowsOfOtherWorkloads() + " of other workloads skipped, "
                + s.malformed() + " malformed lines skipped" + (s.stopped() ? " (reading stopped)" : ""));
        for (Direction d : new Direction[] {Direction.EGRESS, Direction.INGRESS}) {
            Counts c = r.counts(d);
            out.println(d.lowerName() + ": " + c.flowsAllowed() + " flows allowed, " + c.flowsDenied() + " denied ("
                    + c.connectionsAllowed() + " connections allowed, " + c.connectionsDenied() + " denied"
                    + (r.connectionsExact() ? "" : ", connections approximate") + ")");
        }
        for (Direction d : new Direction[] {Direction.EGRESS, Direction.INGRESS}) {
            Counts c = r.dropped(d);
            if (c.flows() > 0) {
                out.println("dropped by Cilium today, " + d.lowerName() + ": " + c.flows() + " flows (the profile"
                        + " would allow " + c.flowsAllowed() + ", deny " + c.flowsDenied() + ")");
            }
        }
        if (r.dnsAnswers() > 0) {
            out.println("DNS answers seen: " + r.dnsAnswers() + (r.dnsAnswersRefused() == 0 ? ""
                    : " (" + r.dnsAnswersRefused() + " refused: not a DNS name the cache can hold)"));
        }
        if (!r.topDeniedPeers().isEmpty()) {
            out.println("top denied peers:");
            for (PeerCount p : r.topDeniedPeers()) {
                out.println("  " + p.direction().lowerName() + " " + p.peer() + ": " + p.connections()
                        + " connections, " + p.flows() + " flows");
            }
        }
        if (!r.deniedConnections().isEmpty()) {
            out.println("denied connections:");
            for (DeniedConnection c : r.deniedConnections()) {
                out.println("  " + input.sourceName() + ":" + c.firstLine() + ": " + c.firstTime() + " "
                        + c.direction().lowerName() + " " + c.protocol() + " " + (c.direction() == Direction.EGRESS
                                ? "to " : "from ") + c.remoteIp() + (c.direction() == Direction.EGRESS
                                        ? port(c.remotePort()) : " to port " + c.localPort()) + " (" + c.peer() + ", "
                        + c.flows() + " flows): " + c.explanation());
            }
        }
        if (r.deniedConnectionsNotListed() > 0) {
            out.println("  ... and " + r.deniedConnectionsNotListed() + " more denied connections (--list N, or"
                    + " --format json)");
        }
        out.println(r.deniesNothing() ? "result: the profile denies nothing that passes today"
                : "result: the profile would deny " + (r.egress().connectionsDenied()
                        + r.ingress().connectionsDenied()) + " connections that pass today");
    }

    private static String port(int p) {
        return p == 0 ? "" : ":" + p;
    }

    private static String json(ReplayReport r, FlowInput.Summary s, WorkloadView view) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("workload", view.workload().toString());
        o.put("lines", s.lines());
        o.put("flows", s.flows());
        o.put("malformedLines", s.malformed());
        o.put("stopped", s.stopped());
        o.put("flowsOfOtherWorkloads", r.flowsOfOtherWorkloads());
        o.put("deniesNothing", r.deniesNothing());
        for (Direction d : Direction.values()) {
            counts(o.putObject(d.lowerName()), r.counts(d));
            counts(o.putObject("dropped" + (d == Direction.INGRESS ? "Ingress" : "Egress")), r.dropped(d));
        }
        o.put("connectionsExact", r.connectionsExact());
        o.put("dnsAnswers", r.dnsAnswers());
        o.put("dnsAnswersRefused", r.dnsAnswersRefused());
        ArrayNode peers = o.putArray("topDeniedPeers");
        for (PeerCount p : r.topDeniedPeers()) {
            ObjectNode n = peers.addObject();
            n.put("direction", p.direction().lowerName());
            n.put("peer", p.peer());
            n.put("connections", p.connections());
            n.put("flows", p.flows());
        }
        ArrayNode denied = o.putArray("deniedConnections");
        for (DeniedConnection c : r.deniedConnections()) {
            ObjectNode n = denied.addObject();
            n.put("line", c.firstLine());
            n.put("time", c.firstTime().toString());
            n.put("direction", c.direction().lowerName());
            n.put("protocol", c.protocol().name());
            n.put("remoteIp", c.remoteIp().toString());
            n.put("remotePort", c.remotePort());
            n.put("localPort", c.localPort());
            n.put("peer", c.peer());
            n.put("flows", c.flows());
            n.put("explanation", c.explanation());
        }
        o.put("deniedConnectionsNotListed", r.deniedConnectionsNotListed());
        return o.toString();
    }

    private static void counts(ObjectNode n, Counts c) {
        n.put("flowsAllowed", c.flowsAllowed());
        n.put("flowsDenied", c.flowsDenied());
        n.put("connectionsAllowed", c.connectionsAllowed());
        n.put("connectionsDenied", c.connectionsDenied());
    }
}
