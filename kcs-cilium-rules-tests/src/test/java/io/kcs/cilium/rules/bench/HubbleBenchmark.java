package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.hubble.FlowReader;
import io.kcs.cilium.rules.hubble.HubbleFlow;
import io.kcs.cilium.rules.hubble.HubbleFlows;
import io.kcs.cilium.rules.hubble.LearnedProfile;
import io.kcs.cilium.rules.hubble.ProfileLearner;
import io.kcs.cilium.rules.hubble.ServiceCatalog;
import io.kcs.cilium.rules.hubble.TrafficReplay;
import io.kcs.cilium.rules.hubble.Workload;
import io.kcs.cilium.rules.hubble.WorkloadView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hubble flows: reading and mapping JSON lines ({@link FlowReader} over {@value #LINES} realistic
 * {@code hubble observe -o jsonpb} lines from {@link HubbleFlowGenerator}, each viewed from the workload), and
 * replaying parsed flows against a compiled 1,000-exception profile (the profile learned from the flows with its
 * ingress list cut in half, so that part of the flows is denied, padded with the 1,000-exception mix of
 * {@link EvaluateBenchmark}). Scores are flows per second ({@code @OperationsPerInvocation}).
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main HubbleBenchmark -f 1 -wi 3 -i 5} (see README).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class HubbleBenchmark {

    static final int LINES = 4096;

    byte[] input;
    WorkloadView view;
    HubbleFlow[] flows;
    RuntimeProfile profile;
    TrafficReplay replay;

    @Setup
    public void setup() throws IOException {
        List<String> lines = new HubbleFlowGenerator(7).lines(LINES).subList(0, LINES);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String l : lines) {
            b.write(l.getBytes(StandardCharsets.UTF_8));
            b.write('\n');
        }
        input = b.toByteArray();
        view = WorkloadView.of(Workload.of("shop", Map.of("app", "web")),
                ServiceCatalog.empty().with("shop", "db", Map.of("app", "db")));
        flows = new HubbleFlow[LINES];
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(input), p -> {
            throw new IllegalStateException(p.toString());
        })) {
            for (int i = 0; i < LINES; i++) {
                flows[i] = r.next().orElseThrow();
            }
        }
        profile = thousandExceptionProfile();
        replay = TrafficReplay.forProfile(profile, CiliumAgentConfig.defaults(), view);
    }

    /** Learned from the flows, ingress cut in half, egress padded to 1,000 exceptions. */
    RuntimeProfile thousandExceptionProfile() {
        ProfileLearner learner = ProfileLearner.create(view, CiliumAgentConfig.defaults(),
                ProfileLearner.Options.defaults());
        for (HubbleFlow f : flows) {
            learner.accept(f);
        }
        LearnedProfile lp = learner.result();
        List<Rule> ingress = lp.profile().ingressExceptions().orElseThrow().rules();
        Set<Rule> egress = new LinkedHashSet<>(lp.profile().egressExceptions().orElseThrow().rules());
        for (Rule r : EvaluateBenchmark.thousandExceptions(new Random(42))) {
            if (egress.size() == 1000) {
                break;
            }
            egress.add(r);
        }
        return RuntimeProfile.builder().restrictIngress(RuleSet.of(ingress.subList(0, ingress.size() / 2)))
                .restrictEgress(RuleSet.of(new ArrayList<>(egress))).build();
    }

    /** Reads and maps all lines: returns how many flows were the workload's. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int readAndMap() throws IOException {
        int mine = 0;
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(input), p -> { })) {
            for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                if (view.view(f.get()).isPresent()) {
                    mine++;
                }
            }
        }
        return mine;
    }

    /** Replays every parsed flow: returns how many were allowed. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int replay() {
        int allowed = 0;
        for (HubbleFlow f : flows) {
            if (replay.accept(f).map(d -> d.allowed()).orElse(false)) {
                allowed++;
            }
        }
        return allowed;
    }
}
