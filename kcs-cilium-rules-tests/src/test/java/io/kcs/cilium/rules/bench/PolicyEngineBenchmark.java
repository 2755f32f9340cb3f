package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.policy.CidrPrefix;
import io.kcs.cilium.rules.policy.CidrRule;
import io.kcs.cilium.rules.policy.EgressRule;
import io.kcs.cilium.rules.policy.FqdnMatch;
import io.kcs.cilium.rules.policy.IngressDenyRule;
import io.kcs.cilium.rules.policy.IngressRule;
import io.kcs.cilium.rules.policy.L4Proto;
import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.Labels;
import io.kcs.cilium.rules.policy.Peers;
import io.kcs.cilium.rules.policy.PolicyEngine;
import io.kcs.cilium.rules.policy.PolicyKind;
import io.kcs.cilium.rules.policy.PolicyOrigin;
import io.kcs.cilium.rules.policy.PolicyRule;
import io.kcs.cilium.rules.policy.PortDenyRule;
import io.kcs.cilium.rules.policy.PortProtocol;
import io.kcs.cilium.rules.policy.PortRule;
import io.kcs.cilium.rules.policy.ServicePeer;
import io.kcs.cilium.rules.policy.Subject;
import io.kcs.cilium.rules.policy.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The policy engine on 1,000 CiliumNetworkPolicies of 5 rules each (5,000 rules over 50 namespaces and 20 apps:
 * ingress from endpoints, egress to endpoints with port ranges, CIDR sets with except, FQDNs, services, entities,
 * deny rules): {@code compile} (the whole engine), {@code trace} (one flow, cycling over 1,024 flows between pods,
 * world and the API server; its explanation is built lazily, {@code traceExplained} reads it, {@code allows} gives
 * the verdict only), and {@code naiveSubjectScan}, the per-flow cost the subject index avoids (matching
 * every rule's subject against both sides' identity labels). Half of the flows are ones some rule allows on its side,
 * so every outcome occurs.
 *
 * <p>Run: see the README (JMH section), e.g. {@code org.openjdk.jmh.Main PolicyEngineBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class PolicyEngineBenchmark {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final int POLICIES = 1_000;
    static final int NAMESPACES = 50;
    static final int APPS = 20;
    static final String NS_KEY = "k8s:io.kubernetes.pod.namespace";

    List<PolicyRule> rules;
    DnsCache dns;
    PolicyEngine engine;
    Flow[] flows;
    Labels[][] labels; // per flow: source, destination identity labels for the naive scan
    int next;

    /** One traced flow. */
    record Flow(Peer source, Peer destination, Protocol protocol, int port) {
    }

    static LabelSelector pods(String ns, String app) {
        return app == null ? LabelSelector.of(Map.of(NS_KEY, ns)) : LabelSelector.of(Map.of(NS_KEY, ns, "app", app));
    }

    static PolicyRule.Builder rule(int policy, int spec, String ns, LabelSelector subject) {
        return PolicyRule.builder(Subject.endpoints(subject), PolicyOrigin.of(PolicyKind.CNP, Optional.of(ns),
                "p" + policy, OptionalInt.of(spec)));
    }

    /** 1,000 policies x 5 rules; {@code hints} receives flows some rule of each policy allows on its side. */
    static List<PolicyRule> policies(Random r, List<Flow> hints) {
        List<PolicyRule> out = new ArrayList<>();
        for (int p = 0; p < POLICIES; p++) {
            String ns = "ns" + (p % NAMESPACES);
            String subjectApp = "app" + r.nextInt(APPS);
            LabelSelector subject = r.nextInt(10) == 0 ? pods(ns, null) : pods(ns, subjectApp);
            String peerNs = "ns" + r.nextInt(NAMESPACES);
            Peer.Pod self = Peer.pod(ns, Map.of("app", subjectApp));
            String fromApp = "app" + r.nextInt(APPS);
            int ingressPort = 8080 + r.nextInt(4);
            hints.add(new Flow(Peer.pod(ns, Map.of("app", fromApp)), self, Protocol.TCP, ingressPort));
            hints.add(new Flow(self, Peer.pod(peerNs, Map.of("app", "app" + r.nextInt(APPS))), Protocol.TCP,
                    5000 + r.nextInt(501)));
            out.add(rule(p, 0, ns, subject).ingress(List.of(IngressRule.of(Peers.builder().endpoints(List.of(
                    pods(ns, fromApp), pods(peerNs, null))).build(), List.of(PortRule.of(List.of(
                    PortProtocol.tcp(ingressPort))))))).build());
            out.add(rule(p, 1, ns, subject).egress(List.of(EgressRule.of(Peers.builder().endpoints(List.of(
                    pods(peerNs, "app" + r.nextInt(APPS)))).build(), List.of(PortRule.of(List.of(
                    PortProtocol.of("5000", 5500, L4Proto.TCP), PortProtocol.udp(53)))))))
                    .build());
            int a = r.nextInt(256);
            hints.add(new Flow(self, Peer.world(IpAddress.parse("10." + a + "." + (r.nextBoolean() ? 7 : 8) + ".1")),
                    Protocol.TCP, 443));
            if (p < 100) {
                hints.add(new Flow(self, Peer.world(IpAddress.parse("203.0.113." + p)), Protocol.TCP, 443));
            }
            out.add(rule(p, 2, ns, subject).egress(List.of(EgressRule.of(Peers.builder().cidrSets(List.of(
                    CidrRule.of(CidrPrefix.parse("10." + a + ".0.0/16"), List.of(CidrPrefix.parse("10." + a
                            + ".7.0/24"))))).build(), List.of(PortRule.of(List.of(PortProtocol.tcp(443))))),
                    new EgressRule(Peers.unrestricted(), Optional.of(List.of(FqdnMatch.name("api" + p
                            + ".example.com"), FqdnMatch.pattern("*.cdn" + (p % 10) + ".example.net"))),
                            List.of(PortRule.of(List.of(PortProtocol.tcp(443)))), List.of(), Optional.empty())))
                    .build());
            out.add(rule(p, 3, ns, subject).egress(List.of(EgressRule.of(Peers.builder().entities(List.of(
                    Entity.KUBE_APISERVER)).build(), List.of(PortRule.of(List.of(PortProtocol.tcp(6443))))),
                    EgressRule.of(Peers.builder().services(List.of(new ServicePeer.ByName("db", Optional.of(peerNs))))
                            .build(), List.of()))).build());
            out.add(rule(p, 4, ns, subject).ingressDeny(List.of(new IngressDenyRule(Peers.builder().entities(List.of(
                    Entity.WORLD)).build(), List.of(new PortDenyRule(List.of(PortProtocol.of("0", 0, L4Proto.ANY)))),
                    List.of()))).build());
        }
        return out;
    }

    static Peer.Pod pod(Random r) {
        return Peer.pod("ns" + r.nextInt(NAMESPACES), Map.of("app", "app" + r.nextInt(APPS)));
    }

    /** 1,024 flows: half from the policies' hints, half at random. */
    static Flow[] flows(Random r, List<Flow> hints) {
        Flow[] out = new Flow[1024];
        int[] ports = {8080, 8081, 5000, 5432, 443, 6443, 80};
        for (int i = 0; i < out.length; i++) {
            if (i % 2 == 0) {
                out[i] = hints.get(r.nextInt(hints.size()));
                continue;
            }
            Peer src = pod(r);
            Peer dst = switch (r.nextInt(8)) {
                case 0 -> Peer.world(IpAddress.ofIpv4((10 << 24) | r.nextInt(1 << 24)));
                case 1 -> Peer.world(IpAddress.parse("203.0.113." + r.nextInt(256)));
                case 2 -> Peer.kubeApiserver();
                default -> pod(r);
            };
            if (r.nextInt(6) == 0) {
                Peer t = src;
                src = Peer.world(IpAddress.parse("198.51.100." + r.nextInt(256)));
                dst = t;
            }
            out[i] = new Flow(src, dst, Protocol.TCP, ports[r.nextInt(ports.length)]);
        }
        return out;
    }

    /** The identity labels of a pod, written here independently of the engine (namespace, cluster, app). */
    static Labels identity(Peer p) {
        if (p instanceof Peer.Pod pod) {
            List<Label> l = new ArrayList<>();
            l.add(Label.k8s("io.kubernetes.pod.namespace", pod.namespace()));
            l.add(Label.k8s("io.cilium.k8s.policy.cluster", "default"));
            pod.labels().forEach((k, v) -> l.add(Label.k8s(k, v)));
            return Labels.of(l);
        }
        return Labels.of(Label.reserved(p instanceof Peer.World ? "world" : "kube-apiserver"));
    }

    @Setup
    public void setup() {
        Random r = new Random(12);
        List<Flow> hints = new ArrayList<>();
        rules = policies(r, hints);
        dns = DnsCache.create();
        for (int i = 0; i < 100; i++) {
            dns.observe("api" + i + ".example.com", List.of(IpAddress.parse("203.0.113." + i)), Duration.ofHours(1),
                    NOW);
        }
        engine = PolicyEngine.compile(rules, CiliumAgentConfig.defaults(), dns);
        flows = flows(r, hints);
        labels = new Labels[flows.length][];
        for (int i = 0; i < flows.length; i++) {
            labels[i] = new Labels[] {identity(flows[i].source()), identity(flows[i].destination())};
        }
    }

    @Benchmark
    public PolicyEngine compile() {
        return PolicyEngine.compile(rules, CiliumAgentConfig.defaults(), dns);
    }

    @Benchmark
    public Trace trace() {
        Flow f = flows[next++ & (flows.length - 1)];
        return engine.trace(f.source(), f.destination(), f.protocol(), f.port(), NOW);
    }

    /** The verdict only ({@link PolicyEngine#allows}): what the connectivity map asks per cell. */
    @Benchmark
    public boolean allows() {
        Flow f = flows[next++ & (flows.length - 1)];
        return engine.allows(f.source(), f.destination(), f.protocol(), f.port(), NOW);
    }

    /** A trace whose explanation is read (built lazily on first use): what the {@code trace} command does. */
    @Benchmark
    public String traceExplained() {
        return trace().explanation();
    }

    /** The subject matching a trace would do without the index: every rule against both sides. */
    @Benchmark
    public int naiveSubjectScan() {
        int i = next++ & (flows.length - 1);
        return selecting(labels[i][0], flows[i].source()) + selecting(labels[i][1], flows[i].destination());
    }

    /** How many rules with an egress (source) or ingress (destination) section select this endpoint. */
    int selecting(Labels l, Peer p) {
        if (!(p instanceof Peer.Pod pod)) {
            return 0;
        }
        int n = 0;
        for (PolicyRule rule : rules) {
            if (rule.origin().namespace().orElse(pod.namespace()).equals(pod.namespace())
                    && rule.subject().selector().matches(l)) {
                n++;
            }
        }
        return n;
    }
}
