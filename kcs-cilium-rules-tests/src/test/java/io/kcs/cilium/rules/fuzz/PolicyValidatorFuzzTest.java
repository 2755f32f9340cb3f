package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.CiliumPolicyValidator;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.List;

/**
 * Coverage-guided fuzz target for {@link CiliumPolicyValidator}, from the JSON text of a policy. In a plain
 * {@code mvn verify} it runs its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/fuzz/PolicyValidatorFuzzTestInputs/fuzzValidator/}); to fuzz for
 * longer see the README ("Testing and fuzzing").
 *
 * <p>Laws: text the typed model reads (as a CNP, and as a CCNP) is validated without an exception, for the oldest
 * and the newest Cilium line; every diagnostic has a known code and a non-empty message; an ERROR-free verdict is
 * stable (validating twice gives the same list).
 */
class PolicyValidatorFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final List<CiliumPolicyValidator> VALIDATORS = List.of(
            CiliumPolicyValidator.create(MappingOptions.defaults()),
            CiliumPolicyValidator.create(MappingOptions.defaults().withCiliumVersion("1.16")));

    @FuzzTest(maxDuration = "60s")
    void fuzzValidator(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JacksonException e) {
            return; // not JSON
        }
        if (tree == null || !tree.isObject()) {
            return;
        }
        for (Class<? extends HasMetadata> type : List.of(CiliumNetworkPolicy.class,
                CiliumClusterwideNetworkPolicy.class)) {
            HasMetadata policy;
            try {
                policy = JSON.treeToValue(tree, type);
            } catch (JacksonException | IllegalArgumentException e) {
                continue; // the typed model refuses the shape (a string where an object belongs...)
            }
            for (CiliumPolicyValidator v : VALIDATORS) {
                List<PolicyDiagnostic> ds = v.validate(policy);
                for (PolicyDiagnostic d : ds) {
                    assertThat(PolicyDiagnosticCodes.all()).contains(d.code());
                    assertThat(d.message()).isNotBlank();
                }
                assertThat(v.validate(policy)).isEqualTo(ds);
            }
        }
    }
}
