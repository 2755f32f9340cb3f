package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entry point's contract: any object in, diagnostics out, never an exception. */
class CiliumPolicyValidatorApiTest {

    private final CiliumPolicyValidator validator = CiliumPolicyValidator.create(MappingOptions.defaults());

    @Test
    void otherKindsAndNullAreOneUnsupportedKindError() {
        assertThat(validator.validate(new ConfigMap())).singleElement()
                .satisfies(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.ERROR);
                    assertThat(d.code()).isEqualTo(PolicyDiagnosticCodes.UNSUPPORTED_KIND);
                });
        assertThat(validator.validate(null)).extracting(PolicyDiagnostic::code)
                .containsExactly(PolicyDiagnosticCodes.UNSUPPORTED_KIND);
    }

    @Test
    void aMinimalPolicyHasNoDiagnostic() {
        CiliumNetworkPolicy p = new CiliumNetworkPolicy();
        p.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("shop").build());
        p.setSpec(new Rule().withEndpointSelector(new LabelSelector()).withEgress(List.of(new EgressRule())));
        assertThat(validator.validate(p)).isEmpty();
    }

    @Test
    void emptyObjectsDoNotThrow() {
        assertThat(validator.validate(new CiliumNetworkPolicy())).extracting(PolicyDiagnostic::code)
                .containsExactly(PolicyDiagnosticCodes.MISSING_NAME,
                        PolicyDiagnosticCodes.EMPTY_POLICY);
        CiliumClusterwideNetworkPolicy c = new CiliumClusterwideNetworkPolicy();
        List<Rule> specs = new ArrayList<>();
        specs.add(null);
        specs.add(new Rule());
        c.setSpecs(specs);
        assertThat(validator.validate(c)).extracting(PolicyDiagnostic::path)
                .containsExactly("metadata.name", "specs[0]", "specs[1]", "specs[1]");
    }

    @Test
    void theReadmeTableListsEveryCodeOnce() throws java.io.IOException {
        List<String> rows = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../README.md")).stream()
                .filter(l -> l.startsWith("| `")).map(l -> l.substring(3, l.indexOf('`', 3))).toList();
        List<String> codes = PolicyDiagnosticCodes.all();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(rows).containsAll(codes);
        assertThat(codes).hasSize(55);
    }

    @Test
    void toStringNamesSeverityCodeAndPath() {
        assertThat(PolicyDiagnostic.error("no-section", "specs[2]", "m").toString())
                .isEqualTo("ERROR no-section at specs[2]: m");
        assertThat(PolicyDiagnostic.warning("x", "", "m").toString()).isEqualTo("WARNING x at <policy>: m");
    }
}
