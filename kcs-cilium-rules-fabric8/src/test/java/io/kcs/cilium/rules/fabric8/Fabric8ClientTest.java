package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicyList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The models work with a real fabric8 client (CRUD mock API server) and fabric8's own deserialization. */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClientTest {

    KubernetesClient client;

    @Test
    void createsGetsAndListsAPolicyThroughTheClient() {
        // Given a policy mapped from a profile
        CiliumNetworkPolicy policy = CiliumPolicyMapper.create(MappingOptions.defaults()).toNetworkPolicy(
                RuntimeProfile.builder().restrictEgress(RuleSet.parse("entity:kube-apiserver, 10.0.0.0/8")).build(),
                "shop", "web-profile", Map.of("app", "web")).value();
        // When it is created, read back and listed through client.resources(...)
        client.resources(CiliumNetworkPolicy.class).inNamespace("shop").resource(policy).create();
        CiliumNetworkPolicy read = client.resources(CiliumNetworkPolicy.class).inNamespace("shop")
                .withName("web-profile").get();
        CiliumNetworkPolicyList list = client.resources(CiliumNetworkPolicy.class, CiliumNetworkPolicyList.class)
                .inNamespace("shop").list();
        // Then the rules are those written
        assertThat(read.getSpec()).isEqualTo(policy.getSpec());
        assertThat(list.getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("web-profile");
    }

    @Test
    void genericYamlWithTheCiliumApiVersionDeserialisesToOurTypes() {
        // Given generic YAML of a cilium.io/v2 policy
        String yaml = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: x\n  namespace: y\n"
                + "spec:\n  endpointSelector: {}\n  egress:\n  - toEntities: [world]\n";
        // When fabric8 reads it without being told the type
        HasMetadata resource = Serialization.unmarshal(yaml);
        // Then it is our typed model
        assertThat(resource).isInstanceOf(CiliumNetworkPolicy.class);
        assertThat(((CiliumNetworkPolicy) resource).getSpec().getEgress().get(0).getToEntities())
                .containsExactly("world");
    }
}
