package io.kcs.cilium.rules.bench;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyValidator;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.v2.CIDRRule;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.FQDNSelector;
import io.kcs.cilium.rules.fabric8.v2.ICMPField;
import io.kcs.cilium.rules.fabric8.v2.ICMPRule;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.L7Rules;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import java.util.ArrayList;
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
 * Validating a 500-rule CiliumNetworkPolicy (issue 10's budget: read and validate in 2 ms): {@code specs} of 500
 * rules, each with an ingress and an egress item over every peer kind (endpoints with expressions, CIDR sets with
 * except, entities, FQDNs with the DNS rule, ICMP), ports with HTTP regexes, a range and named ports. Also from the
 * YAML text (deserialise, then validate).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ValidatorBenchmark {

    static final int RULES = 500;

    CiliumNetworkPolicy policy;
    String yaml;
    CiliumPolicyValidator validator;

    @Setup
    public void setup() {
        policy = policy(new Random(42));
        yaml = CiliumPolicies.toYaml(policy);
        validator = CiliumPolicyValidator.create(MappingOptions.defaults());
    }

    static CiliumNetworkPolicy policy(Random r) {
        CiliumNetworkPolicy p = new CiliumNetworkPolicy();
        p.setMetadata(new ObjectMetaBuilder().withName("big").withNamespace("shop").build());
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            Rule rule = new Rule().withEndpointSelector(selector("app", "svc-" + i, r));
            rule.setIngress(new ArrayList<>(List.of(ingress(i, r))));
            rule.setEgress(new ArrayList<>(List.of(egress(i, r))));
            rules.add(rule);
        }
        p.setSpecs(rules);
        return p;
    }

    private static LabelSelector selector(String key, String value, Random r) {
        LabelSelector s = new LabelSelector();
        s.setMatchLabels(Map.of("k8s:" + key, value, "tier", "t" + r.nextInt(5)));
        s.setMatchExpressions(new ArrayList<>(List.of(new LabelSelectorRequirement("env", "In",
                new ArrayList<>(List.of("prod", "staging"))))));
        return s;
    }

    private static PortRule httpPorts(Random r) {
        return new PortRule().withPorts(new ArrayList<>(List.of(
                new PortProtocol().withPort(String.valueOf(8000 + r.nextInt(1000))).withProtocol("TCP"),
                new PortProtocol().withPort("http-alt").withProtocol("TCP"))))
                .withRules(new L7Rules().withHttp(new ArrayList<>(List.of(
                        new PortRuleHTTP().withMethod("GET|HEAD").withPath("/api/v[0-9]+/items/.*"),
                        new PortRuleHTTP().withMethod("POST").withPath("/api/v1/orders")))));
    }

    private static IngressRule ingress(int i, Random r) {
        IngressRule in = new IngressRule();
        switch (i % 4) {
            case 0 -> {
                in.setFromEndpoints(new ArrayList<>(List.of(selector("app", "client-" + r.nextInt(50), r))));
                in.setToPorts(new ArrayList<>(List.of(httpPorts(r))));
            }
            case 1 -> in.setFromCIDRSet(new ArrayList<>(List.of(new CIDRRule().withCidr("10." + (i % 256) + ".0.0/16")
                    .withExcept(new ArrayList<>(List.of("10." + (i % 256) + ".1.0/24"))))));
            case 2 -> in.setFromEntities(new ArrayList<>(List.of("cluster", "remote-node")));
            default -> in.setIcmps(new ArrayList<>(List.of(new ICMPRule().withFields(new ArrayList<>(List.of(
                    new ICMPField().withFamily("IPv4").withType(new IntOrString("EchoRequest"))))))));
        }
        return in;
    }

    private static EgressRule egress(int i, Random r) {
        EgressRule e = new EgressRule();
        switch (i % 4) {
            case 0 -> {
                e.setToEndpoints(new ArrayList<>(List.of(selector("k8s-app", "kube-dns", r))));
                e.setToPorts(new ArrayList<>(List.of(new PortRule().withPorts(new ArrayList<>(List.of(
                        new PortProtocol().withPort("53").withProtocol("ANY"))))
                        .withRules(new L7Rules().withDns(new ArrayList<>(List.of(
                                new FQDNSelector().withMatchPattern("*.example.com"))))))));
            }
            case 1 -> {
                e.setToFQDNs(new ArrayList<>(List.of(new FQDNSelector().withMatchName("api" + i + ".example.com"),
                        new FQDNSelector().withMatchPattern("**.cdn.example.net"))));
                e.setToPorts(new ArrayList<>(List.of(new PortRule().withPorts(new ArrayList<>(List.of(
                        new PortProtocol().withPort("443").withProtocol("TCP")))))));
            }
            case 2 -> {
                e.setToCIDR(new ArrayList<>(List.of("192.0.2." + (i % 256) + "/32", "2001:db8::" + (i % 256) + "/128")));
                e.setToPorts(new ArrayList<>(List.of(new PortRule().withPorts(new ArrayList<>(List.of(
                        new PortProtocol().withPort("5000").withEndPort(5100).withProtocol("UDP")))))));
            }
            default -> {
                e.setToEntities(new ArrayList<>(List.of("kube-apiserver")));
                e.setToPorts(new ArrayList<>(List.of(httpPorts(r))));
            }
        }
        return e;
    }

    @Benchmark
    public List<PolicyDiagnostic> validate500Rules() {
        return validator.validate(policy);
    }

    @Benchmark
    public List<PolicyDiagnostic> readYamlAndValidate500Rules() {
        return validator.validate(CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class));
    }
}
