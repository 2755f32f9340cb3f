package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lint of {@link CiliumPolicyReader}: a positive row with the code and path, and a negative twin that differs
 * in one place and has no such warning. Lints never make a policy invalid.
 */
class PolicyLintsTest {

    static final MappingOptions OPTIONS = MappingOptions.defaults()
            .withClusterCidrs(CidrSet.parse("10.244.0.0/16,10.96.0.0/12"));

    static HasMetadata cnp(String name, String spec) {
        return CiliumPolicies.fromYaml("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: " + name
                + ", namespace: shop}\nspec:\n" + spec.indent(2), CiliumNetworkPolicy.class);
    }

    static HasMetadata ccnp(String name, String spec) {
        return CiliumPolicies.fromYaml("apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: "
                + name + "}\nspec:\n" + spec.indent(2), CiliumClusterwideNetworkPolicy.class);
    }

    static List<String> lints(PolicyReadResult r) {
        assertThat(r.valid()).as("%s", r).isTrue();
        List<String> out = new ArrayList<>();
        for (PolicyDiagnostic d : r.warnings()) {
            if (PolicyDiagnosticCodes.lints().contains(d.code())) {
                out.add(d.code() + " at " + d.path());
            }
        }
        return out;
    }

    static final String DNS = """
            - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}}]
              toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
            """;

    /** name, policies, expected lints (code at path) of read(List); "" for none. */
    static Stream<Arguments> rows() {
        return Stream.of(
                // empty endpoint selector: namespace-wide in a CNP, cluster-wide in a CCNP
                Arguments.of("empty selector cnp", List.of(cnp("a", "endpointSelector: {}\ningress: [{}]")),
                        "empty-endpoint-selector at shop/a:spec.endpointSelector"),
                Arguments.of("non-empty selector cnp", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\ningress: [{}]")), ""),
                Arguments.of("empty selector ccnp", List.of(ccnp("a", "endpointSelector: {}\ningress: [{}]")),
                        "empty-endpoint-selector at a:spec.endpointSelector"),
                // [{}] peers in a CCNP
                Arguments.of("wildcard peer ccnp", List.of(ccnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\ningress: [{fromEndpoints: [{}]}]")),
                        "clusterwide-wildcard-endpoints at a:spec.ingress[0].fromEndpoints[0]"),
                Arguments.of("wildcard peer cnp", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\ningress: [{fromEndpoints: [{}]}]")), ""),
                Arguments.of("named peer ccnp", List.of(ccnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negressDeny: [{toEndpoints: [{matchLabels: {app: y}}]}]")),
                        ""),
                Arguments.of("wildcard deny peer ccnp", List.of(ccnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negressDeny: [{toEndpoints: [{}]}]")),
                        "clusterwide-wildcard-endpoints at a:spec.egressDeny[0].toEndpoints[0]"),
                // CIDRs over the cluster's own ranges
                Arguments.of("cidr covers pods", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negress: [{toCIDR: [10.0.0.0/8]}]")),
                        "cidr-selects-cluster-range at shop/a:spec.egress[0].toCIDR[0]"),
                Arguments.of("cidr outside", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negress: [{toCIDR: [11.0.0.0/8]}]")), ""),
                Arguments.of("cidr inside service range", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\ningress: [{fromCIDRSet: [{cidr: 10.96.1.0/24}]}]")),
                        "cidr-selects-cluster-range at shop/a:spec.ingress[0].fromCIDRSet[0].cidr"),
                Arguments.of("cidr set excepting the cluster", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress: [{toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.244.0.0/16, 10.96.0.0/12]}]}]")),
                        ""),
                // deny all/world makes allow rules dead
                Arguments.of("deny world shadows fqdn allow", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress:\n- toFQDNs: [{matchName: api.example.com}]\n" + DNS
                                + "egressDeny: [{toEntities: [world]}]")),
                        "allow-shadowed-by-deny at shop/a:spec.egress[0]"),
                Arguments.of("deny world leaves endpoint allow", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress: [{toEndpoints: [{matchLabels: {app: y}}]}]\n"
                                + "egressDeny: [{toEntities: [world]}]")), ""),
                Arguments.of("deny all on a port shadows that port", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "ingress: [{fromEndpoints: [{matchLabels: {app: y}}], toPorts: [{ports: [{port: \"80\","
                                + " protocol: TCP}]}]}]\n"
                                + "ingressDeny: [{fromEntities: [all], toPorts: [{ports: [{port: \"80\"}]}]}]")),
                        "allow-shadowed-by-deny at shop/a:spec.ingress[0]"),
                Arguments.of("deny all on another port", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "ingress: [{fromEndpoints: [{matchLabels: {app: y}}], toPorts: [{ports: [{port: \"80\","
                                + " protocol: TCP}]}]}]\n"
                                + "ingressDeny: [{fromEntities: [all], toPorts: [{ports: [{port: \"81\"}]}]}]")), ""),
                // enableDefaultDeny on a direction without rules
                Arguments.of("default deny without egress rules", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\ningress: [{}]\nenableDefaultDeny: {egress: true}")),
                        "default-deny-no-effect at shop/a:spec.enableDefaultDeny.egress"),
                Arguments.of("default deny with egress rules", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negress: [{}]\nenableDefaultDeny: {egress: true}")),
                        ""),
                // enableDefaultDeny false with plain allow rules and nothing else turning default deny on
                Arguments.of("non-default-deny allow alone", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress: [{toEndpoints: [{matchLabels: {app: y}}]}]\n"
                                + "enableDefaultDeny: {egress: false}")),
                        "allow-without-default-deny at shop/a:spec.egress"),
                Arguments.of("non-default-deny allow with a default-deny policy", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress: [{toEndpoints: [{matchLabels: {app: y}}]}]\n"
                                + "enableDefaultDeny: {egress: false}"),
                        cnp("b", "endpointSelector: {matchLabels: {app: x}}\negress: [{}]")), ""),
                // toFQDNs and the DNS rules of the set
                Arguments.of("fqdn without dns rule", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negress: [{toFQDNs: [{matchName: api.example.com}]}]")),
                        "fqdn-without-dns-rule at shop/a:spec.egress[0].toFQDNs"),
                Arguments.of("fqdn with dns rule in the same policy", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress:\n- toFQDNs: [{matchName: api.example.com}]\n" + DNS)), ""),
                Arguments.of("fqdn with dns rule in another policy", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negress: [{toFQDNs: [{matchName: api.example.com}]}]"),
                        cnp("dns", "endpointSelector: {}\negress:\n" + DNS)),
                        "empty-endpoint-selector at shop/dns:spec.endpointSelector"),
                Arguments.of("fqdn with dns rule of other pods", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negress: [{toFQDNs: [{matchName: api.example.com}]}]"),
                        cnp("dns", "endpointSelector: {matchLabels: {app: z}}\negress:\n" + DNS)),
                        "fqdn-without-dns-rule at shop/a:spec.egress[0].toFQDNs"),
                Arguments.of("fqdn with clusterwide dns rule", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\negress: [{toFQDNs: [{matchName: api.example.com}]}]"),
                        ccnp("dns", "endpointSelector: {}\negress:\n" + DNS)),
                        "empty-endpoint-selector at dns:spec.endpointSelector"),
                Arguments.of("fqdn not allowed by the dns patterns", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress:\n- toFQDNs: [{matchPattern: \"*.example.com\"}]\n"
                                + DNS.replace("matchPattern: \"*\"", "matchPattern: \"*.example.org\""))),
                        "fqdn-not-in-dns-rules at shop/a:spec.egress[0].toFQDNs[0]"),
                Arguments.of("fqdn allowed by the dns patterns", List.of(cnp("a",
                        "endpointSelector: {matchLabels: {app: x}}\n"
                                + "egress:\n- toFQDNs: [{matchPattern: \"*.example.com\"}]\n"
                                + DNS.replace("matchPattern: \"*\"", "matchPattern: \"*.example.com\""))), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void lintsOfASet(String name, List<HasMetadata> policies, String expected) {
        PolicyReadResult r = CiliumPolicyReader.create(OPTIONS).read(policies);
        assertThat(lints(r)).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split("\n")));
    }

    @Test
    void singleReadsRunTheSinglePolicyLintsOnly() {
        CiliumPolicyReader reader = CiliumPolicyReader.create(OPTIONS);
        HasMetadata fqdn = cnp("a", "endpointSelector: {}\negress: [{toFQDNs: [{matchName: api.example.com}]}]");
        assertThat(lints(reader.read(fqdn))).containsExactly("empty-endpoint-selector at spec.endpointSelector");
        assertThat(lints(reader.read(List.of(fqdn)))).containsExactly(
                "empty-endpoint-selector at shop/a:spec.endpointSelector",
                "fqdn-without-dns-rule at shop/a:spec.egress[0].toFQDNs");
    }

    @Test
    void cidrLintIsOffWithoutClusterRanges() {
        HasMetadata p = cnp("a", "endpointSelector: {matchLabels: {app: x}}\negress: [{toCIDR: [10.0.0.0/8]}]");
        assertThat(lints(CiliumPolicyReader.create(MappingOptions.defaults()).read(p))).isEmpty();
        assertThat(lints(CiliumPolicyReader.create(OPTIONS).read(p)))
                .containsExactly("cidr-selects-cluster-range at spec.egress[0].toCIDR[0]");
    }

    @Test
    void theAllowWithoutDefaultDenyLintNeedsTheAgentToHonourFalse() {
        HasMetadata p = cnp("a", "endpointSelector: {matchLabels: {app: x}}\n"
                + "egress: [{toEndpoints: [{matchLabels: {app: y}}]}]\nenableDefaultDeny: {egress: false}");
        MappingOptions forced = OPTIONS.withAgentConfig(CiliumAgentConfig.defaults()
                .withEnableNonDefaultDenyPolicies(false));
        PolicyReadResult r = CiliumPolicyReader.create(forced).read(List.of(p));
        assertThat(lints(r)).isEmpty(); // the validator's default-deny-ignored says why instead
        assertThat(r.warnings()).extracting(PolicyDiagnostic::code).contains(PolicyDiagnosticCodes.DEFAULT_DENY_IGNORED);
    }

    @Test
    void everyLintMessageSaysHowToFixIt() {
        List<PolicyDiagnostic> all = new ArrayList<>();
        rows().forEach(a -> {
            @SuppressWarnings("unchecked")
            List<HasMetadata> policies = (List<HasMetadata>) a.get()[1];
            all.addAll(CiliumPolicyReader.create(OPTIONS).read(policies).warnings());
        });
        List<String> codes = all.stream().map(PolicyDiagnostic::code).distinct().toList();
        assertThat(codes).containsAll(PolicyDiagnosticCodes.lints());
        assertThat(all).allSatisfy(d -> assertThat(d.message()).containsIgnoringCase("fix"));
    }
}
