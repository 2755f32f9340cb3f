package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.WorkloadReader;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import io.kcs.cilium.rules.policy.PolicyEngine;
import io.kcs.cilium.rules.policy.PolicyRule;
import io.kcs.cilium.rules.policy.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code trace} and {@code connectivity} commands agree with the {@link PolicyEngine} API called directly
 * (QuickTheories): random CiliumNetworkPolicies (ingress and egress allows, deny rules, cross-namespace peers) and
 * random pods; {@code trace} exits 0 exactly when the engine allows the flow and 1 when it denies it, its JSON
 * verdict and both sides' outcomes are the engine's; {@code connectivity} over the same policies and the pods as
 * Pod manifests lists exactly the (source, destination, port) the engine allows. How often the generator reaches
 * each interesting case is asserted after the run.
 */
class TraceConnectivityProperties {

    private static final int EXAMPLES = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] APPS = {"web", "db", "api"};
    private static final String[] NAMESPACES = {"shop", "data"};
    private static final int[] PORTS = {80, 5432, 8080};

    enum Case { ALLOWED, DENIED, INGRESS, EGRESS, DENY_RULE, CROSS_NAMESPACE, SAME_NAMESPACE, CONNECTIVITY_EDGE }

    private static final Map<Case, AtomicLong> SEEN = new EnumMap<>(Case.class);

    static {
        for (Case c : Case.values()) {
            SEEN.put(c, new AtomicLong());
        }
    }

    @TempDir
    static Path dir;

    private static void see(Case c) {
        SEEN.get(c).incrementAndGet();
    }

    /** A random CNP selecting one app, allowing (or denying) one peer app on one port, ingress or egress. */
    static String policy(Random rnd, int i) {
        String ns = NAMESPACES[rnd.nextInt(2)];
        String subject = APPS[rnd.nextInt(3)];
        String peer = APPS[rnd.nextInt(3)];
        String peerNs = NAMESPACES[rnd.nextInt(2)];
        boolean ingress = rnd.nextBoolean();
        boolean deny = rnd.nextInt(4) == 0;
        see(ingress ? Case.INGRESS : Case.EGRESS);
        if (deny) {
            see(Case.DENY_RULE);
        }
        String section = (ingress ? "ingress" : "egress") + (deny ? "Deny" : "");
        String peers = ingress ? "fromEndpoints" : "toEndpoints";
        return "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p" + i + "\n  namespace: "
                + ns + "\nspec:\n  endpointSelector:\n    matchLabels:\n      app: " + subject + "\n  " + section
                + ":\n  - " + peers + ":\n    - matchLabels:\n        k8s:io.kubernetes.pod.namespace: " + peerNs
                + "\n        app: " + peer + "\n    toPorts:\n    - ports:\n      - port: \"" + PORTS[rnd.nextInt(3)]
                + "\"\n        protocol: TCP\n";
    }

    private static PolicyEngine engine(String yaml) {
        MappingOptions options = MappingOptions.defaults().withAgentConfig(CiliumAgentConfig.fromOptions(Map.of()));
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicyDocuments.Document d : PolicyDocuments.parse("p.yaml", yaml)) {
            assertThat(d.problems()).isEmpty();
            rules.addAll(CiliumPolicyReader.create(options).read(d.object().orElseThrow()).rules());
        }
        return PolicyEngine.compile(rules, options.agentConfig(), DnsCache.create());
    }

    @Test
    void traceGivesTheEnginesVerdictAndExitCode() throws Exception {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            StringBuilder yaml = new StringBuilder();
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                yaml.append(i == 0 ? "" : "---\n").append(policy(rnd, i));
            }
            String fromNs = NAMESPACES[rnd.nextInt(2)];
            String toNs = NAMESPACES[rnd.nextInt(2)];
            see(fromNs.equals(toNs) ? Case.SAME_NAMESPACE : Case.CROSS_NAMESPACE);
            String fromApp = APPS[rnd.nextInt(3)];
            String toApp = APPS[rnd.nextInt(3)];
            int port = PORTS[rnd.nextInt(3)];
            try {
                Path f = dir.resolve("p.yaml");
                Files.writeString(f, yaml);
                CliRun r = CliRun.run("trace", "-f", f.toString(), "--from", "pod:" + fromNs + "/app=" + fromApp,
                        "--to", "pod:" + toNs + "/app=" + toApp, "--port", port + "/tcp", "--format", "json");
                Trace t = engine(yaml.toString()).trace(Peer.pod(fromNs, Map.of("app", fromApp)),
                        Peer.pod(toNs, Map.of("app", toApp)), Protocol.TCP, port, Instant.now());
                see(t.allowed() ? Case.ALLOWED : Case.DENIED);
                assertThat(r.err()).as(yaml.toString()).isEmpty();
                assertThat(r.code()).as(yaml + "\n" + r.out()).isEqualTo(t.allowed() ? 0 : 1);
                JsonNode o = JSON.readTree(r.out());
                assertThat(o.get("allowed").asBoolean()).isEqualTo(t.allowed());
                assertThat(o.get("egress").get("outcome").asText()).isEqualTo(t.egress().outcome().name());
                assertThat(o.get("ingress").get("outcome").asText()).isEqualTo(t.ingress().outcome().name());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void connectivityListsExactlyWhatTheEngineAllows() {
        qt().withExamples(EXAMPLES / 2).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            StringBuilder yaml = new StringBuilder();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                yaml.append(i == 0 ? "" : "---\n").append(policy(rnd, i));
            }
            StringBuilder pods = new StringBuilder();
            int count = 2 + rnd.nextInt(3);
            for (int i = 0; i < count; i++) {
                pods.append(i == 0 ? "" : "---\n").append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p").append(i)
                        .append("\n  namespace: ").append(NAMESPACES[rnd.nextInt(2)]).append("\n  labels:\n    app: ")
                        .append(APPS[rnd.nextInt(3)]).append("\nspec:\n  containers:\n  - name: c\n    ports:\n")
                        .append("    - containerPort: ").append(PORTS[rnd.nextInt(3)]).append('\n');
            }
            try {
                Path d = Files.createTempDirectory(dir, "c");
                Files.writeString(d.resolve("policies.yaml"), yaml);
                Files.writeString(d.resolve("pods.yaml"), pods);
                CliRun r = CliRun.run("connectivity", d.toString(), "--format", "json");
                assertThat(r.code()).as(r.err()).isZero();
                List<WorkloadReader.Workload> w = WorkloadReader.read(pods.toString()).workloads();
                PolicyEngine e = engine(yaml.toString());
                List<String> expected = new ArrayList<>();
                for (WorkloadReader.Workload a : w) {
                    for (WorkloadReader.Workload b : w) {
                        for (ConnectivityMap.Probe p : b.ports()) {
                            if (a != b && e.allows(a.peer(), b.peer(), p.protocol(), p.port(), Instant.now())) {
                                expected.add(a.id() + " " + b.id() + " " + p);
                            }
                        }
                    }
                }
                List<String> actual = new ArrayList<>();
                JSON.readTree(r.out()).get("allowed").forEach(x -> actual.add(x.get("from").asText() + " "
                        + x.get("to").asText() + " " + x.get("port").asText()));
                if (!expected.isEmpty()) {
                    see(Case.CONNECTIVITY_EDGE);
                }
                assertThat(actual).as(yaml + "\n" + pods).containsExactlyInAnyOrderElementsOf(expected);
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
    }

    @AfterAll
    static void theGeneratorReachesEveryCase() {
        for (Case c : Case.values()) {
            assertThat(SEEN.get(c).get()).as("generated %s", c).isGreaterThanOrEqualTo(3);
        }
    }
}
