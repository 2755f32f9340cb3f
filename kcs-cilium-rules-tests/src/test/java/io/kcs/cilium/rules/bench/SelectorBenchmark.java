package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.LabelSelectorRequirement;
import io.kcs.cilium.rules.policy.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The policy model's selector matching ({@link LabelSelector#matches}) and selector construction
 * ({@link LabelSelector#of}, which qualifies and sorts keys). Workload: a selector like those the reader produces for
 * a CNP peer (namespace, two {@code any:} labels, an {@code In} and a {@code DoesNotExist}); 1,024 pods with 12
 * {@code k8s:} labels each (namespace, app, tier, a pod-template hash and filler), about half of them selected.
 * One match (or one build) per operation, cycling over the pods.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SelectorBenchmark {

    static final int PODS = 1024;

    LabelSelector selector;
    Map<String, String> matchLabels;
    List<LabelSelectorRequirement> expressions;
    Labels[] pods;
    int next;

    static Labels pod(Random r) {
        List<Label> labels = new ArrayList<>();
        labels.add(Label.k8s("io.kubernetes.pod.namespace", r.nextInt(8) == 0 ? "bank" : "shop"));
        labels.add(Label.k8s("app", r.nextInt(5) == 0 ? "db" : "web"));
        labels.add(Label.k8s("tier", List.of("fe", "be", "cache").get(r.nextInt(3))));
        labels.add(Label.k8s("pod-template-hash", Integer.toHexString(r.nextInt())));
        if (r.nextInt(10) == 0) {
            labels.add(Label.k8s("canary", "true"));
        }
        for (int i = 0; i < 7; i++) {
            labels.add(Label.k8s("app.kubernetes.io/filler-" + i, "v" + r.nextInt(4)));
        }
        return Labels.of(labels);
    }

    @Setup
    public void setup() {
        matchLabels = new LinkedHashMap<>();
        matchLabels.put("k8s:io.kubernetes.pod.namespace", "shop");
        matchLabels.put("app", "web");
        matchLabels.put("app.kubernetes.io/filler-0", "v0");
        expressions = List.of(LabelSelectorRequirement.in("tier", "fe", "be"),
                LabelSelectorRequirement.doesNotExist("canary"));
        selector = LabelSelector.of(matchLabels, expressions);
        Random r = new Random(42);
        pods = new Labels[PODS];
        for (int i = 0; i < PODS; i++) {
            pods[i] = pod(r);
        }
    }

    @Benchmark
    public boolean match() {
        Labels pod = pods[next];
        next = (next + 1) & (PODS - 1);
        return selector.matches(pod);
    }

    @Benchmark
    public LabelSelector build() {
        return LabelSelector.of(matchLabels, expressions);
    }
}
