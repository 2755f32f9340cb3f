package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The admission benchmark reviews the real workload: a 20-rule policy the reader reads whole (valid, every rule
 * converted), refused when its last rule is broken (the handler reads to the end), and the JSON variant answers
 * the same as the tree variant, and so does the bytes variant the webhook server uses.
 */
class AdmissionBenchmarkWorkloadTest {

    @Test
    void theTypicalPolicyIsReadWholeAndAllowed() {
        AdmissionBenchmark b = new AdmissionBenchmark();
        b.setup();
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(AdmissionBenchmark.policy(false), CiliumNetworkPolicy.class);
        assertThat(p.getSpecs()).hasSize(AdmissionBenchmark.RULES);
        var read = CiliumPolicyReader.create(MappingOptions.defaults().withCiliumVersion("1.19")).read(p);
        assertThat(read.valid()).as("%s", read).isTrue();
        assertThat(read.rules()).hasSize(AdmissionBenchmark.RULES);
        AdmissionReview answer = b.reviewValid20Rules();
        assertThat(answer.getResponse().getAllowed()).as("%s", answer.getResponse()).isTrue();
        assertThat(answer.getResponse().getUid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        String json = new String(b.jsonValid20Rules(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"allowed\":true").contains("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(new String(b.bytesValid20Rules(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void theBrokenLastRuleIsFound() {
        AdmissionBenchmark b = new AdmissionBenchmark();
        b.setup();
        AdmissionReview answer = b.reviewInvalid20Rules();
        assertThat(answer.getResponse().getAllowed()).isFalse();
        assertThat(new String(b.bytesInvalid20Rules(), StandardCharsets.UTF_8)).isEqualTo(new String(
                CiliumPolicyAdmission.writeReview(answer), StandardCharsets.UTF_8));
        assertThat(answer.getResponse().getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
                .containsExactly("specs[19].ingress[0].toPorts[0].ports[0].port");
    }
}
