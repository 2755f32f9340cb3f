package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.policy.Decision;
import io.kcs.cilium.rules.policy.HttpRequest;
import io.kcs.cilium.rules.policy.PolicyEngine;
import io.kcs.cilium.rules.policy.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trace}: one flow through a set of CiliumNetworkPolicies / CiliumClusterwideNetworkPolicies, offline, with
 * the {@link PolicyEngine}: the verdict, each side's decision and the explanation.
 *
 * <p>Exit code 0 allowed, 1 denied or a policy file has errors (the verdict is then for the valid policies),
 * 2 bad usage, 3 internal or I/O error.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Trace one flow through Cilium policies (CNP/CCNP YAML) offline: verdict, the source's egress"
                + " and the destination's ingress decision, and which rule decides.",
        footer = {"", "Peers: pod:NAMESPACE[/key=value,...], ip:IP (world), fqdn:NAME=IP (world, with a DNS answer),"
                + " entity:NAME (host, remote-node, kube-apiserver, ingress, health, init).",
            "", "Examples:",
            "  kcs-cilium-rules trace -f policies.yaml --from pod:shop/app=web \\",
            "      --to pod:db/app=postgres --port 5432/tcp",
            "  kcs-cilium-rules trace -f policies.yaml --from pod:shop/app=web \\",
            "      --to fqdn:api.example.com=203.0.113.7 --port 443/tcp",
            "  kcs-cilium-rules trace -f policies.yaml --from pod:shop/app=web \\",
            "      --to pod:shop/app=api --port 8080/tcp --http 'GET /admin'",
            "", "Exit codes: 0 allowed, 1 denied or a policy has errors, 2 bad usage, 3 internal or I/O error."})
final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "Policy YAML (repeatable; multi-document; other kinds are skipped; - reads standard"
                    + " input).")
    List<Path> files;

    @Option(names = "--from", required = true, paramLabel = "PEER", description = "The source peer.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "PEER", description = "The destination peer.")
    String to;

    @Option(names = "--port", required = true, paramLabel = "PORT/PROTO",
            description = "Destination port and protocol, e.g. 5432/tcp (tcp, udp, sctp; icmp: the ICMP type).")
    String port;

    @Option(names = "--http", paramLabel = "'METHOD PATH'", description = "Also evaluate this HTTP request"
            + " against the L7 rules, e.g. 'GET /admin'.")
    String http;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default) or json: the trace as one JSON object.")
    Format format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = Instant.now();
        DnsCache dns = DnsCache.create();
        Peer source = peer("--from", from, dns, now);
        Peer destination = peer("--to", to, dns, now);
        ProtoPort pp = protoPort(spec, port);
        HttpRequest request = null;
        if (http != null) {
            try {
                request = HttpRequest.parse(http);
            } catch (IllegalArgumentException e) {
                throw Main.usage(spec, "--http: " + e.getMessage());
            }
        }
        MappingOptions options = engine.mappingOptions(spec);
        PolicyFiles.Read read;
        try {
            read = PolicyFiles.read(files, options, err);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        PolicyEngine e = PolicyEngine.compile(read.rules(), options.agentConfig(), dns);
        Trace t;
        try {
            t = request == null ? e.trace(source, destination, pp.protocol(), pp.port(), now)
                    : e.trace(source, destination, pp.protocol(), pp.port(), now, request);
        } catch (IllegalArgumentException ex) {
            throw Main.usage(spec, ex.getMessage());
        }
        if (format == Format.JSON) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("verdict", t.allowed() ? "allowed" : "denied");
            o.put("allowed", t.allowed());
            o.put("from", from);
            o.put("to", to);
            o.put("port", pp.toString());
            o.set("egress", decision(m, t.egress()));
            o.set("ingress", decision(m, t.ingress()));
            o.put("explanation", t.explanation());
            out.println(o);
        } else {
            out.println((t.allowed() ? "ALLOWED" : "DENIED") + " " + from + " -> " + to + " on " + pp);
            out.println("egress:  " + describe(t.egress()));
            out.println("ingress: " + describe(t.ingress()));
            out.println(t.explanation());
        }
        out.flush();
        return read.errors() || !t.allowed() ? Main.INPUT_ERROR : 0;
    }

    private static String describe(Decision d) {
        return d.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + d.l7Proxy().map(p -> " (via the " + p + " proxy)").orElse("");
    }

    private static ObjectNode decision(ObjectMapper m, Decision d) {
        ObjectNode o = m.createObjectNode();
        o.put("outcome", d.outcome().name());
        d.l7Proxy().ifPresent(p -> o.put("l7Proxy", p));
        o.put("allowedBy", d.allowedBy().size());
        o.put("deniedBy", d.deniedBy().size());
        return o;
    }

    /** A destination port with its protocol. */
    record ProtoPort(Protocol protocol, int port) {
        @Override
        public String toString() {
            return port + "/" + protocol.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Parses {@code PORT/PROTO} (the protocol defaults to tcp); a usage error otherwise. */
    static ProtoPort protoPort(CommandSpec spec, String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String number = slash < 0 ? t : t.substring(0, slash);
        String proto = slash < 0 ? "tcp" : t.substring(slash + 1);
        Protocol p = switch (proto.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "sctp" -> Protocol.SCTP;
            case "icmp" -> Protocol.ICMP;
            default -> throw Main.usage(spec, "--port \"" + text + "\": unknown protocol \"" + proto
                    + "\" (expected tcp, udp, sctp or icmp)");
        };
        int n;
        try {
            n = number.length() > 5 ? -1 : Integer.parseInt(number);
        } catch (NumberFormatException e) {
            n = -1;
        }
        int max = p == Protocol.ICMP ? 255 : 65_535;
        if (n < (p == Protocol.ICMP ? 0 : 1) || n > max) {
            throw Main.usage(spec, "--port \"" + text + "\": expected PORT/PROTO with a port 1-65535 (an ICMP"
                    + " type 0-255), e.g. 5432/tcp");
        }
        return new ProtoPort(p, n);
    }

    /** Parses a peer: pod:, ip:, fqdn: (observing its DNS answer) or entity:. */
    Peer peer(String option, String text, DnsCache dns, Instant now) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String value = colon < 0 ? text : text.substring(colon + 1);
        switch (kind) {
            case "pod": {
                int slash = value.indexOf('/');
                String ns = Labels.namespace(spec, option, slash < 0 ? value : value.substring(0, slash));
                return Peer.pod(ns, Labels.podLabels(spec, option, slash < 0 ? "" : value.substring(slash + 1)));
            }
            case "ip":
                return Peer.world(ip(option, value));
            case "fqdn": {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw Main.usage(spec, option + " fqdn: takes NAME=IP, got \"" + value + "\"");
                }
                String name = value.substring(0, eq).trim();
                IpAddress ip = ip(option, value.substring(eq + 1));
                try {
                    if (FqdnSelector.parse(name).isPattern()) {
                        throw new IllegalArgumentException("a DNS answer is for a name, not a pattern");
                    }
                    dns.observe(name, List.of(ip), Duration.ofHours(1), now);
                } catch (IllegalArgumentException e) {
                    throw Main.usage(spec, option + " \"" + text + "\": " + e.getMessage());
                }
                return Peer.world(ip).withDnsNames(Set.of(name));
            }
            case "entity":
                return switch (value) {
                    case "host" -> Peer.host();
                    case "remote-node" -> Peer.remoteNode();
                    case "kube-apiserver" -> Peer.kubeApiserver();
                    case "ingress" -> Peer.ingress();
                    case "health" -> Peer.health();
                    case "init" -> Peer.init();
                    default -> throw Main.usage(spec, option + ": unknown entity \"" + value
                            + "\" (expected host, remote-node, kube-apiserver, ingress, health or init)");
                };
            default:
                throw Main.usage(spec, option + " \"" + text + "\": expected pod:NAMESPACE[/k=v,...], ip:IP,"
                        + " fqdn:NAME=IP or entity:NAME");
        }
    }

    private IpAddress ip(String option, String text) {
        try {
            return IpAddress.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, option + ": " + e.getMessage());
        }
    }
}
