package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import io.kcs.cilium.rules.policy.EgressDenyRule;
import io.kcs.cilium.rules.policy.EgressRule;
import io.kcs.cilium.rules.policy.IngressDenyRule;
import io.kcs.cilium.rules.policy.IngressRule;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.LabelSelectorRequirement;
import io.kcs.cilium.rules.policy.Peers;
import io.kcs.cilium.rules.policy.PolicyEngine;
import io.kcs.cilium.rules.policy.PolicyKind;
import io.kcs.cilium.rules.policy.PolicyOrigin;
import io.kcs.cilium.rules.policy.PolicyRule;
import io.kcs.cilium.rules.policy.PortDenyRule;
import io.kcs.cilium.rules.policy.PortProtocol;
import io.kcs.cilium.rules.policy.PortRule;
import io.kcs.cilium.rules.policy.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The connectivity map of issue 12 (goal: 500 workloads, 250,000 pairs with one port each, in at most 5 s on one
 * thread, faster with more): 500 workloads in 20 namespaces with realistic labels (app, tier, version, team,
 * namespace labels, service accounts, one named container port each, some replicas of one identity) and about 300
 * CNP / CCNP rules mixing endpoint selectors (matchLabels and matchExpressions, namespace-label selectors), entities,
 * ports and port ranges, ingress and egress deny rules. {@code map1} builds the map on one thread, {@code map2} on
 * two; each compiles a fresh engine first, so no identity cache survives from one operation to the next (what the
 * {@code connectivity} command does once).
 *
 * <p>{@link #setup()} checks that the map is not trivial (some cells allowed, some denied by default deny, some by a
 * deny rule), so the benchmark cannot measure a no-op.
 *
 * <p>Run: {@code org.openjdk.jmh.Main ConnectivityBenchmark -f 1 -wi 2 -i 5} (see the README);
 * {@link ConnectivityCpuTimeReport} times the same work by thread CPU time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ConnectivityBenchmark {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final int WORKLOADS = 500;
    static final String NS_KEY = "k8s:io.kubernetes.pod.namespace";
    static final String NS_LABEL = "k8s:io.cilium.k8s.namespace.labels.";
    static final String[] NAMESPACES = {"shop", "payments", "auth", "search", "catalog", "orders", "shipping",
        "billing", "inventory", "reviews", "recommend", "notify", "media", "analytics", "ml", "monitoring", "logging",
        "gateway", "kube-system", "data"};
    static final String[] TIERS = {"frontend", "backend", "backend", "worker", "cache", "db"};
    /** The named port each tier's pods offer (one port per workload). */
    static final Map<String, Map<String, Integer>> PORTS = Map.of("frontend", Map.of("http", 8080), "backend",
            Map.of("grpc", 9090), "worker", Map.of("metrics", 9100), "cache", Map.of("redis", 6379), "db",
            Map.of("pg", 5432));

    List<Peer.Pod> workloads;
    List<PolicyRule> rules;
    DnsCache dns;

    /** The 500 workloads: 25 per namespace, about one in ten a second replica of the previous identity. */
    static List<Peer.Pod> workloads(Random r) {
        List<Peer.Pod> out = new ArrayList<>(WORKLOADS);
        for (int n = 0; n < NAMESPACES.length; n++) {
            String ns = NAMESPACES[n];
            Map<String, String> nsLabels = Map.of("team", "team" + (n % 7), "env", n % 5 == 4 ? "staging" : "prod",
                    "kubernetes.io/metadata.name", ns);
            Peer.Pod previous = null;
            for (int w = 0; w < WORKLOADS / NAMESPACES.length; w++) {
                if (previous != null && r.nextInt(10) == 0) {
                    out.add(previous); // another replica set of the same identity and port
                    continue;
                }
                String tier = ns.equals("data") ? (r.nextBoolean() ? "db" : "cache") : TIERS[r.nextInt(TIERS.length)];
                String app = ns + "-" + tier + "-" + w;
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("app", app);
                labels.put("app.kubernetes.io/name", app);
                labels.put("tier", tier);
                labels.put("version", r.nextInt(4) == 0 ? "v2" : "v1");
                labels.put("team", "team" + (n % 7));
                if (tier.equals("backend") && r.nextInt(3) == 0) {
                    labels.put("db-access", "true");
                }
                if (ns.equals("kube-system") && w == 0) {
                    labels.put("k8s-app", "kube-dns");
                }
                previous = Peer.pod(ns, labels).withNamespaceLabels(nsLabels).withServiceAccount(app)
                        .withNamedPorts(PORTS.get(tier));
                out.add(previous);
            }
        }
        return out;
    }

    static LabelSelector sel(String ns, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        if (ns != null) {
            m.put(NS_KEY, ns);
        }
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return LabelSelector.of(m);
    }

    static PolicyRule.Builder cnp(String ns, String name, LabelSelector subject) {
        return PolicyRule.builder(Subject.endpoints(subject), PolicyOrigin.of(PolicyKind.CNP, Optional.of(ns), name,
                OptionalInt.empty()));
    }

    static PolicyRule.Builder ccnp(String name, LabelSelector subject) {
        return PolicyRule.builder(Subject.endpoints(subject), PolicyOrigin.of(PolicyKind.CCNP, Optional.empty(), name,
                OptionalInt.empty()));
    }

    static Peers endpoints(LabelSelector... s) {
        return Peers.builder().endpoints(List.of(s)).build();
    }

    static List<PortRule> tcp(int... ports) {
        List<PortProtocol> p = new ArrayList<>();
        for (int port : ports) {
            p.add(PortProtocol.tcp(port));
        }
        return List.of(PortRule.of(p));
    }

    /** About 300 rules over the workloads (see the class comment). */
    static List<PolicyRule> policies(Random r, List<Peer.Pod> workloads) {
        List<PolicyRule> out = new ArrayList<>();
        for (String ns : NAMESPACES) {
            // every namespace: ingress from its own namespace (default deny on), egress to DNS, the API server and
            // its own namespace
            out.add(cnp(ns, "same-namespace", LabelSelector.all()).ingress(List.of(IngressRule.of(endpoints(
                    sel(ns)), List.of()))).build());
            out.add(cnp(ns, "egress-baseline", LabelSelector.all()).egress(List.of(
                    EgressRule.of(endpoints(sel("kube-system", "k8s-app", "kube-dns")), List.of(PortRule.of(List.of(
                            PortProtocol.udp(53), PortProtocol.tcp(53))))),
                    EgressRule.of(Peers.builder().entities(List.of(Entity.KUBE_APISERVER)).build(), tcp(6443)),
                    EgressRule.of(endpoints(sel(ns)), List.of()))).build());
            // frontends: from the gateway namespace and the world on http, egress to the world on 443
            out.add(cnp(ns, "frontend-public", sel(null, "tier", "frontend")).ingress(List.of(
                    IngressRule.of(endpoints(sel("gateway")), tcp(8080)),
                    IngressRule.of(Peers.builder().entities(List.of(Entity.WORLD)).build(), tcp(8080)))).egress(List.of(
                    EgressRule.of(Peers.builder().entities(List.of(Entity.WORLD)).build(), tcp(443)))).build());
            // monitoring scrapes every pod's metrics and grpc ports (namespace-label selector)
            out.add(cnp(ns, "allow-monitoring", LabelSelector.all()).ingress(List.of(IngressRule.of(endpoints(
                    LabelSelector.of(Map.of(NS_LABEL + "kubernetes.io/metadata.name", "monitoring"))), List.of(
                    PortRule.of(List.of(PortProtocol.of("9000", 9100, io.kcs.cilium.rules.policy.L4Proto.TCP))))))).build());
        }
        // per backend, cache and db workload: who may call it (a few apps of its own and other namespaces)
        for (Peer.Pod w : workloads) {
            String tier = w.labels().get("tier");
            if (tier.equals("frontend") || tier.equals("worker") || r.nextInt(4) == 0) {
                continue;
            }
            String ns = w.namespace();
            int port = PORTS.get(tier).values().iterator().next();
            List<LabelSelector> from = new ArrayList<>();
            from.add(sel(ns, "tier", tier.equals("backend") ? "frontend" : "backend"));
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                Peer.Pod caller = workloads.get(r.nextInt(workloads.size()));
                from.add(sel(caller.namespace(), "app", caller.labels().get("app")));
            }
            if (r.nextInt(5) == 0) {
                from.add(LabelSelector.of(Map.of(NS_KEY, ns), List.of(LabelSelectorRequirement.in("tier", "backend",
                        "worker"), LabelSelectorRequirement.notIn("version", "v2"))));
            }
            out.add(cnp(ns, w.labels().get("app") + "-callers", sel(null, "app", w.labels().get("app"))).ingress(
                    List.of(IngressRule.of(endpoints(from.toArray(new LabelSelector[0])), tcp(port)))).build());
        }
        // db access: backends labelled db-access may reach the data namespace
        out.add(ccnp("db-access", sel(null, "db-access", "true")).egress(List.of(EgressRule.of(endpoints(
                sel("data")), tcp(5432, 6379)))).build());
        out.add(cnp("data", "from-db-access", LabelSelector.all()).ingress(List.of(IngressRule.of(endpoints(
                sel(null, "db-access", "true")), tcp(5432, 6379)))).build());
        // clusterwide deny rules: staging namespaces may not reach prod ones; nobody sends SMTP; v2 canaries may
        // not reach the data namespace; the world may not reach anything but frontends
        out.add(ccnp("staging-isolation", LabelSelector.of(Map.of(NS_LABEL + "env", "prod"))).ingressDeny(List.of(
                new IngressDenyRule(endpoints(LabelSelector.of(Map.of(NS_LABEL + "env", "staging"))), List.of(),
                        List.of()))).build());
        out.add(ccnp("no-smtp", LabelSelector.all()).egressDeny(List.of(new EgressDenyRule(
                Peers.builder().entities(List.of(Entity.ALL)).build(), List.of(new PortDenyRule(List.of(
                        PortProtocol.tcp(25), PortProtocol.tcp(587)))), List.of()))).build());
        out.add(ccnp("canary-no-data", sel(null, "version", "v2")).egressDeny(List.of(new EgressDenyRule(endpoints(
                sel("data")), List.of(), List.of()))).build());
        out.add(ccnp("world-only-frontends", LabelSelector.of(LabelSelectorRequirement.notIn("tier",
                "frontend"))).ingressDeny(List.of(new IngressDenyRule(Peers.builder().entities(List.of(Entity.WORLD))
                        .build(), List.of(), List.of()))).build());
        // workers talk to backends of their team, clusterwide
        for (int t = 0; t < 7; t++) {
            out.add(ccnp("team" + t + "-workers", sel(null, "team", "team" + t, "tier", "worker")).egress(List.of(
                    EgressRule.of(endpoints(sel(null, "team", "team" + t, "tier", "backend")), tcp(9090)),
                    EgressRule.of(Peers.builder().entities(List.of(Entity.CLUSTER)).build(), tcp(9100)))).build());
        }
        return out;
    }

    @Setup
    public void setup() {
        Random r = new Random(500);
        workloads = workloads(r);
        rules = policies(r, workloads);
        dns = DnsCache.create();
        ConnectivityMap m = map(1);
        int allowed = m.allowedCount();
        if (m.cells() != (long) WORKLOADS * (WORKLOADS - 1) || allowed == 0 || allowed == m.cells()) {
            throw new IllegalStateException("trivial connectivity map: " + m);
        }
    }

    ConnectivityMap map(int threads) {
        PolicyEngine engine = PolicyEngine.compile(rules, CiliumAgentConfig.defaults(), dns);
        return ConnectivityMap.of(engine, workloads, ConnectivityMap::namedPortProbes, NOW, threads);
    }

    /** The map on one thread (goal: at most 5 s). */
    @Benchmark
    public ConnectivityMap map1() {
        return map(1);
    }

    /** The same map on two threads. */
    @Benchmark
    public ConnectivityMap map2() {
        return map(2);
    }
}
