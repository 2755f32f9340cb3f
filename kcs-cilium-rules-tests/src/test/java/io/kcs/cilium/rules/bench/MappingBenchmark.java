package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
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

/** Mapping the 1,000-exception profile of {@link EvaluateBenchmark} to a CiliumNetworkPolicy, and to its YAML. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MappingBenchmark {

    RuntimeProfile profile;
    CiliumPolicyMapper mapper;

    @Setup
    public void setup() {
        profile = RuntimeProfile.builder().restrictEgress(EvaluateBenchmark.thousandExceptions(new Random(42))).build();
        mapper = CiliumPolicyMapper.create(MappingOptions.defaults());
    }

    @Benchmark
    public CiliumNetworkPolicy mapToPolicy() {
        return mapper.toNetworkPolicy(profile, "shop", "web", Map.of("app", "web")).value();
    }

    @Benchmark
    public String mapToYaml() {
        return CiliumPolicies.toYaml(mapper.toNetworkPolicy(profile, "shop", "web", Map.of("app", "web")).value());
    }
}
