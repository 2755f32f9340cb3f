package io.kcs.cilium.rules.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.properties.PolicyGenerator;
import java.util.ArrayList;
import java.util.List;
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
 * {@link CiliumPolicyReader}: validation, conversion to the core model and lints.
 *
 * <ul>
 *   <li>{@link #readOneCnpWith500Rules}: one CiliumNetworkPolicy whose {@code specs} hold 500 rules, with about
 *   1,000 rule items between them (endpoints, CIDRs and CIDR sets, entities, services, FQDNs, nodes; ports with
 *   ranges and names; HTTP, DNS and Kafka rules; ICMP; deny sections). Goal: at most 2 ms.</li>
 *   <li>{@link #readSetOf1000Policies}: 1,000 policies (CNPs in one namespace and CCNPs, 1-3 rules each) read as a
 *   set, with the cross-policy lints (FQDN/DNS coverage, default deny) over all of them. Goal: at most 200 ms.</li>
 * </ul>
 * Inputs come from {@link PolicyGenerator} with fixed seeds; {@code ReaderBenchmarkWorkloadTest} checks them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ReaderBenchmark {

    CiliumPolicyReader reader;
    CiliumNetworkPolicy bigPolicy;
    List<HasMetadata> policySet;

    /** The options: node selector labels on (the generator writes fromNodes/toNodes), cluster ranges for the lint. */
    public static MappingOptions options() {
        return MappingOptions.defaults().withClusterCidrs(CidrSet.parse("10.244.0.0/16,10.96.0.0/12"))
                .withAgentConfig(CiliumAgentConfig.defaults().withEnableNodeSelectorLabels(true));
    }

    /** One CNP with {@code rules} rules in {@code specs}. */
    public static CiliumNetworkPolicy bigPolicy(int rules, long seed) {
        PolicyGenerator g = new PolicyGenerator(new Random(seed), true);
        List<Rule> specs = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            specs.add(g.rule(2));
        }
        CiliumNetworkPolicy p = new CiliumNetworkPolicy();
        ObjectMeta meta = new ObjectMeta();
        meta.setName("big");
        meta.setNamespace("shop");
        p.setMetadata(meta);
        p.setSpecs(specs);
        return p;
    }

    /**
     * {@code n} policies: generated ones, and every 100th a policy of its own namespace whose toFQDNs no DNS rule of
     * the set covers (so the FQDN lint has something to find).
     */
    public static List<HasMetadata> policySet(int n, long seed) {
        PolicyGenerator g = new PolicyGenerator(new Random(seed), true);
        List<HasMetadata> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i % 100 == 99 ? uncoveredFqdnPolicy("policy-" + i, "team-" + i) : g.policy("policy-" + i));
        }
        return out;
    }

    static CiliumNetworkPolicy uncoveredFqdnPolicy(String name, String namespace) {
        return io.kcs.cilium.rules.fabric8.CiliumPolicies.fromYaml("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: %s, namespace: %s}
                spec:
                  endpointSelector: {matchLabels: {app: sentinel}}
                  egress: [{toFQDNs: [{matchName: api.example.com}]}]
                """.formatted(name, namespace), CiliumNetworkPolicy.class);
    }

    @Setup
    public void setup() {
        reader = CiliumPolicyReader.create(options());
        bigPolicy = bigPolicy(500, 500);
        policySet = policySet(1_000, 1_000);
    }

    @Benchmark
    public PolicyReadResult readOneCnpWith500Rules() {
        return reader.read(bigPolicy);
    }

    @Benchmark
    public PolicyReadResult readSetOf1000Policies() {
        return reader.read(policySet);
    }
}
