package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapper validates namespaces and names with core's validator, so it accepts exactly what core accepts. */
class MapperNameValidationTest {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(MappingOptions.defaults());
    private static final RuntimeProfile P = RuntimeProfile.unrestricted();

    private static boolean coreAcceptsNamespace(String ns) {
        try {
            new EndpointRule(ns);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // RFC 1123 labels: core refuses "shop.prod" (an endpoint:/service: namespace), so the mapper must too.
    @ParameterizedTest(name = "namespace \"{0}\": valid {1}")
    @CsvSource({"shop, true", "shop.prod, false", "a, true", "Shop, false", "a-b, true", "-ab, false", "ab-, false",
        "a_b, false", "shop-prod, true", "'', false"})
    void acceptsExactlyTheNamespacesCoreAccepts(String namespace, boolean valid) {
        assertThat(coreAcceptsNamespace(namespace)).isEqualTo(valid);
        assertThat(KubernetesNames.isValidNamespace(namespace)).isEqualTo(valid);
        if (valid) {
            assertThat(MAPPER.toNetworkPolicy(P, namespace, "p", Map.of()).value().getMetadata().getNamespace())
                    .isEqualTo(namespace);
        } else {
            assertThatThrownBy(() -> MAPPER.toNetworkPolicy(P, namespace, "p", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace")
                    .hasMessageContaining("\"" + namespace + "\"");
        }
    }

    @ParameterizedTest(name = "namespace of {0} characters: valid {1}")
    @CsvSource({"63, true", "64, false"})
    void capsNamespacesAt63Characters(int length, boolean valid) {
        String ns = "a".repeat(length);
        assertThat(coreAcceptsNamespace(ns)).isEqualTo(valid);
        assertThat(KubernetesNames.isValidNamespace(ns)).isEqualTo(valid);
    }

    // Object names are DNS-1123 subdomains: dotted, each part an RFC 1123 label, at most 253 characters.
    @ParameterizedTest(name = "name \"{0}\": valid {1}")
    @CsvSource({"web-profile, true", "web.profile, true", "web..profile, false", "web.-profile, false",
        "web-.profile, false", "Web, false", "web_profile, false", ".web, false", "web., false"})
    void acceptsDnsSubdomainNames(String name, boolean valid) {
        assertThat(KubernetesNames.isValidObjectName(name)).isEqualTo(valid);
        if (valid) {
            assertThat(MAPPER.toNetworkPolicy(P, "ns", name, Map.of()).value().getMetadata().getName())
                    .isEqualTo(name);
            assertThat(MAPPER.toClusterwidePolicy(P, name, Map.of()).value().getMetadata().getName())
                    .isEqualTo(name);
        } else {
            assertThatThrownBy(() -> MAPPER.toNetworkPolicy(P, "ns", name, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
            assertThatThrownBy(() -> MAPPER.toClusterwidePolicy(P, name, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        }
    }

    @ParameterizedTest(name = "name of {0} characters: valid {1}")
    @CsvSource({"253, true", "254, false"})
    void capsNamesAt253Characters(int length, boolean valid) {
        String name = "a".repeat(length);
        assertThat(KubernetesNames.isValidObjectName(name)).isEqualTo(valid);
        if (!valid) {
            assertThatThrownBy(() -> MAPPER.toClusterwidePolicy(P, name, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("253");
        }
    }
}
