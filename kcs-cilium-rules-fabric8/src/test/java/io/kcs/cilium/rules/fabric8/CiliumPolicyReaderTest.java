package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import io.kcs.cilium.rules.policy.PolicyKind;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's contract: valid policies give rules, anything else a diagnostic, never an exception. */
class CiliumPolicyReaderTest {

    static final CiliumPolicyReader READER = CiliumPolicyReader.create(MappingOptions.defaults());

    static CiliumNetworkPolicy cnp(String yaml) {
        return CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
    }

    static CiliumClusterwideNetworkPolicy ccnp(String yaml) {
        return CiliumPolicies.fromYaml(yaml, CiliumClusterwideNetworkPolicy.class);
    }

    static final String SIMPLE = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              endpointSelector: {matchLabels: {app: web}}
              ingress:
              - fromEndpoints: [{matchLabels: {app: lb}}]
                toPorts: [{ports: [{port: "80", protocol: TCP}]}]
            """;

    @Test
    void aSimplePolicyIsValidWithOneRule() {
        PolicyReadResult r = READER.read(cnp(SIMPLE));
        assertThat(r.valid()).as("%s", r).isTrue();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        PolicyRule rule = r.rules().get(0);
        assertThat(rule.origin().kind()).isEqualTo(PolicyKind.CNP);
        assertThat(rule.origin().namespace()).contains("shop");
        assertThat(rule.subject().selector().toString())
                .isEqualTo("{any:app=web,k8s:io.kubernetes.pod.namespace=shop}");
        assertThat(rule.ingress()).hasSize(1);
        assertThat(rule.ingress().get(0).from().endpoints().orElseThrow().get(0).toString())
                .isEqualTo("{any:app=lb,k8s:io.cilium.k8s.policy.cluster=default,k8s:io.kubernetes.pod.namespace=shop}");
        assertThat(rule.restrictsIngress()).isTrue();
        assertThat(rule.restrictsEgress()).isFalse();
    }

    @Test
    void anInvalidPolicyHasNoRules() {
        CiliumNetworkPolicy p = cnp(SIMPLE);
        p.getSpec().setIngress(null); // no section: "rule must have at least one of Ingress, ..."
        PolicyReadResult r = READER.read(p);
        assertThat(r.valid()).isFalse();
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).isNotEmpty();
    }

    @Test
    void otherKindsAndNullAreErrorsNotExceptions() {
        Pod pod = new Pod();
        pod.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").build());
        for (HasMetadata h : Arrays.asList(pod, new ConfigMap(), null)) {
            PolicyReadResult r = READER.read(h);
            assertThat(r.valid()).isFalse();
            assertThat(r.rules()).isEmpty();
            assertThat(r.errors()).extracting(PolicyDiagnostic::code).contains(PolicyDiagnosticCodes.UNSUPPORTED_KIND);
        }
    }

    @Test
    void nullsAnywhereAreDiagnosticsNotExceptions() {
        List<Rule> rules = new ArrayList<>();
        rules.add(null);
        Rule r = new Rule();
        r.setIngress(new ArrayList<>(Arrays.asList((IngressRule) null)));
        r.setEgress(new ArrayList<>(Arrays.asList((EgressRule) null)));
        rules.add(r);
        CiliumNetworkPolicy p = new CiliumNetworkPolicy();
        p.setSpecs(rules);
        assertThat(READER.read(p).valid()).isFalse();
        CiliumClusterwideNetworkPolicy c = new CiliumClusterwideNetworkPolicy();
        c.setMetadata(new ObjectMetaBuilder().withName("c").build());
        c.setSpec(r);
        READER.read(c); // no exception is the assertion
        READER.read((List<HasMetadata>) null);
        READER.read(Arrays.asList(null, p, c));
    }

    @Test
    void aSetPrefixesEveryPathWithItsPolicy() {
        CiliumNetworkPolicy bad = cnp(SIMPLE);
        bad.getSpec().setIngress(null);
        CiliumClusterwideNetworkPolicy all = ccnp("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: everything}
                spec:
                  endpointSelector: {}
                  egress: [{toEntities: [world]}]
                """);
        PolicyReadResult r = READER.read(List.of(cnp(SIMPLE), bad, all));
        assertThat(r.valid()).isFalse();
        assertThat(r.rules()).hasSize(2); // the two valid policies' rules
        assertThat(r.errors()).allSatisfy(d -> assertThat(d.path()).startsWith("shop/web:"));
        assertThat(r.warnings()).anySatisfy(d -> assertThat(d.path()).isEqualTo("everything:spec.endpointSelector"));
    }
}
