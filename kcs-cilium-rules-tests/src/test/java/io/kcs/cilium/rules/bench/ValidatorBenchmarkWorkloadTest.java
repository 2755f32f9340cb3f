package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import org.junit.jupiter.api.Test;

/**
 * The validator benchmark validates the real workload: 500 rules over every peer kind, valid (the validator walks
 * every rule to the end rather than stopping at an error), and the YAML variant reads back the same policy.
 */
class ValidatorBenchmarkWorkloadTest {

    @Test
    void thePolicyHas500ValidRulesOverEveryPeerKind() {
        ValidatorBenchmark b = new ValidatorBenchmark();
        b.setup();
        assertThat(b.policy.getSpecs()).hasSize(ValidatorBenchmark.RULES);
        assertThat(b.validate500Rules()).isEmpty();
        assertThat(b.readYamlAndValidate500Rules()).isEmpty();
        assertThat(CiliumPolicies.fromYaml(b.yaml, CiliumNetworkPolicy.class)).isEqualTo(b.policy);
        for (String field : new String[] {"toFQDNs", "toCIDR", "toEntities", "toEndpoints", "fromEndpoints",
            "fromCIDRSet", "fromEntities", "icmps", "http", "dns", "endPort", "matchExpressions"}) {
            assertThat(b.yaml).as(field).contains(field + ":");
        }
    }

    @Test
    void anErrorInTheLastRuleIsFound() {
        ValidatorBenchmark b = new ValidatorBenchmark();
        b.setup();
        b.policy.getSpecs().get(ValidatorBenchmark.RULES - 1).getEgress().get(0).setToEntities(
                java.util.List.of("wrld"));
        assertThat(b.validate500Rules()).extracting(PolicyDiagnostic::code, PolicyDiagnostic::path).contains(
                org.assertj.core.groups.Tuple.tuple(PolicyDiagnosticCodes.UNKNOWN_ENTITY, "specs[499].egress[0].toEntities[0]"));
    }
}
