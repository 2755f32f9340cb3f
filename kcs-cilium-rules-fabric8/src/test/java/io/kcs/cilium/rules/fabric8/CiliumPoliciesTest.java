package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CiliumPoliciesTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = CiliumPoliciesTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyFieldSurvivesYamlAndJsonRoundTrips() throws IOException {
        String yaml = resource("all-fields.yaml");
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
        assertThat(CiliumPolicies.toYaml(p)).isEqualTo(yaml);
        CiliumNetworkPolicy fromJson = CiliumPolicies.fromYaml(CiliumPolicies.toJson(p), CiliumNetworkPolicy.class);
        assertThat(fromJson).isEqualTo(p);
        assertThat(p.getSpec().getIngress().get(0).getToPorts().get(0).getRules().getHttp().get(0).getPath())
                .isEqualTo("/metrics");
        assertThat(p.getSpec().getIngress().get(2).getFromCIDRSet().get(0).getExcept()).containsExactly("10.96.0.0/12");
        assertThat(p.getSpecs()).hasSize(1);
    }

    @Test
    void unknownFieldsArePreserved() {
        String yaml = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: x\n  namespace: y\n"
                + "spec:\n  endpointSelector: {}\n  futureField:\n    a: 1\n  egress:\n  - toEntities:\n    - world\n"
                + "    futureRuleField: true\n";
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
        assertThat(p.getSpec().getAdditionalProperties()).containsKey("futureField");
        assertThat(p.getSpec().getEgress().get(0).getAdditionalProperties()).containsEntry("futureRuleField", true);
        String out = CiliumPolicies.toYaml(p);
        assertThat(out).contains("futureField").contains("futureRuleField: true");
    }

    @Test
    void badYamlIsAnIllegalArgumentWithItsPosition() {
        assertThatThrownBy(() -> CiliumPolicies.fromYaml("spec:\n  egress: [\n", CiliumNetworkPolicy.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line");
        assertThatThrownBy(() -> CiliumPolicies.fromYaml("spec:\n  egress: 5\n", CiliumNetworkPolicy.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> CiliumPolicies.fromYaml("", CiliumNetworkPolicy.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numberLikeStringsAreQuotedSoThatTheyStayStrings() {
        CiliumPolicyMapper mapper = CiliumPolicyMapper.create(MappingOptions.defaults());
        io.kcs.cilium.rules.eval.RuntimeProfile p = io.kcs.cilium.rules.eval.RuntimeProfile.builder()
                .restrictEgress(io.kcs.cilium.rules.RuleSet.parse("endpoint:3e9, service:0x1f|1e5,12=1.5")).build();
        String yaml = CiliumPolicies.toYaml(mapper.toNetworkPolicy(p, "ns", "p", java.util.Map.of()).value());
        assertThat(yaml).contains("\"3e9\"").contains("\"0x1f\"").contains("\"1e5\"").contains("\"12\": \"1.5\"");
        CiliumNetworkPolicy back = CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
        assertThat(mapper.toProfile(back).profile().egressExceptions().orElseThrow().toString())
                .contains("endpoint:3e9").contains("service:0x1f|");
    }

    @Test
    void kindAndApiVersionComeFromTheModel() {
        CiliumNetworkPolicy p = new CiliumNetworkPolicy();
        assertThat(p.getApiVersion()).isEqualTo("cilium.io/v2");
        assertThat(p.getKind()).isEqualTo("CiliumNetworkPolicy");
        assertThat(p.getPlural()).isEqualTo("ciliumnetworkpolicies");
    }
}
