package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.CiliumPolicyWriter;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.List;

/**
 * Coverage-guided fuzz target for {@link CiliumPolicyReader}: a policy deserialised from arbitrary JSON text (a
 * CiliumClusterwideNetworkPolicy when the text names that kind, else a CiliumNetworkPolicy; text that does not
 * deserialise is skipped, as it never reaches the reader). In a plain {@code mvn verify} it replays its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/fuzz/ReaderFuzzTestInputs/fuzzReader/}); to fuzz for longer see the
 * README ("Testing and fuzzing").
 *
 * <p>Laws: {@code read} never throws, alone or in a set; a result is valid exactly when it has no ERROR, and an
 * invalid single policy has no rules; a set's paths start with the policy's prefix; the rules of a valid policy,
 * written back and read again, are equal.
 */
class ReaderFuzzTest {

    private static final CiliumPolicyReader READER = CiliumPolicyReader.create(MappingOptions.defaults()
            .withClusterCidrs(CidrSet.parse("10.0.0.0/8"))
            .withAgentConfig(CiliumAgentConfig.defaults().withEnableNodeSelectorLabels(true)));

    @FuzzTest(maxDuration = "60s")
    void fuzzReader(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        HasMetadata policy;
        try {
            policy = text.contains("CiliumClusterwideNetworkPolicy")
                    ? CiliumPolicies.fromYaml(text, CiliumClusterwideNetworkPolicy.class)
                    : CiliumPolicies.fromYaml(text, CiliumNetworkPolicy.class);
        } catch (RuntimeException notAPolicy) {
            return; // deserialisation failures are not the reader's
        }
        PolicyReadResult r = READER.read(policy);
        assertThat(r.valid()).isEqualTo(r.errors().isEmpty());
        if (!r.valid()) {
            assertThat(r.rules()).isEmpty();
        }
        PolicyReadResult set = READER.read(List.of(policy, policy));
        assertThat(set.rules()).hasSize(2 * r.rules().size());
        for (PolicyDiagnostic d : set.diagnostics()) {
            assertThat(d.path()).contains(":");
        }
        if (r.valid() && !r.rules().isEmpty()) {
            HasMetadata written = CiliumPolicyWriter.create().write(r.rules());
            PolicyReadResult again = READER.read(written);
            assertThat(again.errors()).isEmpty();
            assertThat(again.rules()).isEqualTo(r.rules());
        }
    }
}
