package io.kcs.cilium.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesNamesTest {

    @ParameterizedTest(name = "namespace \"{0}\": {1}")
    @CsvSource({"shop, ''", "shop.prod, character '.'", "Shop, lower case", "-shop, start and end", "'', empty"})
    void namesWhatIsWrongWithANamespace(String namespace, String problem) {
        if (problem.isEmpty()) {
            assertThat(KubernetesNames.namespaceProblem(namespace)).isEmpty();
            assertThat(KubernetesNames.requireNamespace(namespace)).isSameAs(namespace);
        } else {
            assertThat(KubernetesNames.namespaceProblem(namespace)).hasValueSatisfying(
                    p -> assertThat(p).contains(problem));
            assertThatThrownBy(() -> KubernetesNames.requireNamespace(namespace))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid namespace \"" + namespace + "\": "
                            + KubernetesNames.namespaceProblem(namespace).orElseThrow());
        }
    }

    @ParameterizedTest(name = "name \"{0}\": {1}")
    @CsvSource({"web.profile, ''", "web..profile, empty part", "web.Profile, lower case", "web.-x, start and end",
        "web_x, character '_'"})
    void namesWhatIsWrongWithAnObjectName(String name, String problem) {
        if (problem.isEmpty()) {
            assertThat(KubernetesNames.objectNameProblem(name)).isEmpty();
            assertThat(KubernetesNames.requireObjectName(name)).isSameAs(name);
        } else {
            assertThat(KubernetesNames.objectNameProblem(name)).hasValueSatisfying(
                    p -> assertThat(p).contains(problem));
            assertThatThrownBy(() -> KubernetesNames.requireObjectName(name))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid name \"" + name);
        }
    }

    @Test
    void nullIsNotValid() {
        assertThat(KubernetesNames.isValidNamespace(null)).isFalse();
        assertThat(KubernetesNames.isValidObjectName(null)).isFalse();
        assertThatThrownBy(() -> KubernetesNames.namespaceProblem(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void agreesWithTheRuleTypes() {
        assertThat(KubernetesNames.isValidNamespace("payments")).isTrue();
        assertThat(new EndpointRule("payments").namespace()).isEqualTo("payments");
        assertThatThrownBy(() -> new EndpointRule("shop.prod")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceRule.of("shop.prod")).isInstanceOf(IllegalArgumentException.class);
    }
}
