package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectivityMap} is the same map however it is computed: on the caller's thread, on a pool of
 * {@code threads}, or on an {@link java.util.concurrent.Executor} in any number of parts; and every cell is
 * {@link PolicyEngine#allows}. Random small maps: the rule sets of {@link PolicyEngineProperties}, 2 to 14 pods of
 * two namespaces (some equal, some without a port, some with two) probed on their named ports. Coverage of mixed
 * maps, maps split into several parts, pods without probes and repeated identities is asserted.
 */
class ConnectivityMapProperties {

    private static final int EXAMPLES = 200;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] APPS = {"x", "y", "z"};
    private static final Map<String, AtomicLong> CASES = new HashMap<>();
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void theGeneratorReachedEveryCase() {
        pool.shutdownNow();
        System.out.println("ConnectivityMapProperties: " + CASES);
        assertThat(count("maps")).isEqualTo(EXAMPLES);
        assertThat(count("mixed (some cells allowed, some not)")).isGreaterThan(EXAMPLES / 4);
        assertThat(count("all allowed")).isGreaterThan(0);
        assertThat(count("split into several parts")).isGreaterThan(EXAMPLES / 2);
        assertThat(count("a pod without probes")).isGreaterThan(EXAMPLES / 4);
        assertThat(count("a pod with two probes")).isGreaterThan(EXAMPLES / 4);
        assertThat(count("repeated identity")).isGreaterThan(EXAMPLES / 4);
    }

    private static long count(String k) {
        return CASES.getOrDefault(k, new AtomicLong()).get();
    }

    private static void saw(String k) {
        CASES.computeIfAbsent(k, x -> new AtomicLong()).incrementAndGet();
    }

    static List<Peer> pods(Random r) {
        int n = 2 + r.nextInt(13);
        List<Peer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(5) == 0) {
                out.add(out.get(r.nextInt(i)));
                continue;
            }
            Peer.Pod p = Peer.pod(r.nextBoolean() ? "a" : "b", Map.of("app", APPS[r.nextInt(APPS.length)]));
            out.add(switch (r.nextInt(4)) {
                case 0 -> p;
                case 1 -> p.withNamedPorts(Map.of("http", 80, "tls", 443));
                case 2 -> p.withNamedPorts(Map.of("http", 80));
                default -> p.withNamedPorts(Map.of("web", 400 + r.nextInt(200)));
            });
        }
        return out;
    }

    @Test
    void everyWayOfComputingTheMapGivesTheSameCellsAsAllows() {
        qt().withExamples(EXAMPLES).withFixedSeed(2026L).forAll(longs().all(), integers().between(1, 5))
                .checkAssert((seed, parts) -> {
                    Random r = new Random(seed);
                    PolicyEngine e = PolicyEngineProperties.engine(PolicyEngineProperties.rules(r));
                    List<Peer> pods = pods(r);
                    ConnectivityMap one = ConnectivityMap.of(e, pods, ConnectivityMap::namedPortProbes, NOW, 1);
                    ConnectivityMap threads = ConnectivityMap.of(e, pods, ConnectivityMap::namedPortProbes, NOW,
                            1 + parts % 3);
                    ConnectivityMap executor = ConnectivityMap.of(e, pods, ConnectivityMap::namedPortProbes, NOW,
                            pool, parts);
                    assertThat(threads.reachable()).isEqualTo(one.reachable());
                    assertThat(executor.reachable()).isEqualTo(one.reachable());
                    assertThat(executor.cells()).isEqualTo(one.cells());
                    int allowed = 0;
                    for (int i = 0; i < pods.size(); i++) {
                        for (int j = 0; j < pods.size(); j++) {
                            List<ConnectivityMap.Probe> ps = one.probes(j);
                            for (int k = 0; k < ps.size(); k++) {
                                boolean expected = i != j && e.allows(pods.get(i), pods.get(j), Protocol.TCP,
                                        ps.get(k).port(), NOW);
                                assertThat(one.allowed(i, j, k)).as("cell %d -> %d probe %d", i, j, k)
                                        .isEqualTo(expected);
                                assertThat(executor.allowed(i, j, k)).isEqualTo(expected);
                                allowed += expected ? 1 : 0;
                            }
                        }
                    }
                    assertThat(one.allowedCount()).isEqualTo(allowed);
                    saw("maps");
                    if (allowed > 0 && allowed < one.cells()) {
                        saw("mixed (some cells allowed, some not)");
                    }
                    if (one.cells() > 0 && allowed == one.cells()) {
                        saw("all allowed");
                    }
                    if (parts > 1 && pods.size() >= 2) {
                        saw("split into several parts");
                    }
                    if (pods.stream().anyMatch(p -> ConnectivityMap.namedPortProbes(p).isEmpty())) {
                        saw("a pod without probes");
                    }
                    if (pods.stream().anyMatch(p -> ConnectivityMap.namedPortProbes(p).size() == 2)) {
                        saw("a pod with two probes");
                    }
                    if (pods.stream().distinct().count() < pods.size()) {
                        saw("repeated identity");
                    }
                });
    }
}
