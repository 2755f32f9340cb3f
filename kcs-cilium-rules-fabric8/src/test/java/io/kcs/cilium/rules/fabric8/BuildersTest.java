package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicyBuilder;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicyBuilder;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated fluent builders, in fabric8's style, build the same objects the mapper builds. */
class BuildersTest {

    @Test
    void aBuiltPolicyEqualsTheMappedOne() {
        // Given a policy written with the fluent builders
        CiliumNetworkPolicy built = new CiliumNetworkPolicyBuilder()
                .withNewMetadata().withName("web-profile").withNamespace("shop").endMetadata()
                .withNewSpec()
                    .withNewEndpointSelector().addToMatchLabels("app", "web").endEndpointSelector()
                    .addNewEgress().addToToEntities("kube-apiserver").endEgress()
                    .addNewEgress().addToToCIDR("10.0.0.0/8").endEgress()
                .endSpec()
                .build();
        // When the mapper maps the equivalent profile
        CiliumNetworkPolicy mapped = CiliumPolicyMapper.create(MappingOptions.defaults()).toNetworkPolicy(
                RuntimeProfile.builder().restrictEgress(RuleSet.parse("10.0.0.0/8, entity:kube-apiserver")).build(),
                "shop", "web-profile", Map.of("app", "web")).value();
        // Then both write the same YAML
        assertThat(CiliumPolicies.toYaml(built)).isEqualTo(CiliumPolicies.toYaml(mapped));
    }

    @Test
    void buildersCopyAndEditExistingPolicies() {
        CiliumClusterwideNetworkPolicy base = new CiliumClusterwideNetworkPolicyBuilder()
                .withNewMetadata().withName("baseline").endMetadata()
                .withNewSpec().addNewEgress().addNewToFQDN().withMatchPattern("*.example.com").endToFQDN().endEgress()
                .endSpec().build();
        CiliumClusterwideNetworkPolicy renamed = new CiliumClusterwideNetworkPolicyBuilder(base)
                .editMetadata().withName("baseline-2").endMetadata().build();
        assertThat(renamed.getMetadata().getName()).isEqualTo("baseline-2");
        assertThat(renamed.getSpec()).isEqualTo(base.getSpec());
        assertThat(base.getMetadata().getName()).isEqualTo("baseline");
    }
}
