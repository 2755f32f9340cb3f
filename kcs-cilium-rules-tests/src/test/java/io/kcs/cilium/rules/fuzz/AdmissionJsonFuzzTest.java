package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided differential fuzz target for {@link CiliumPolicyAdmission#reviewJson(byte[])}: for arbitrary request
 * bytes it gives the same answer (as JSON) as the tree path {@code review(readReview(bytes))}, or the same
 * {@link IllegalArgumentException} message, and throws nothing else. In a plain {@code mvn verify} it replays its seed
 * corpus ({@code src/test/resources/io/kcs/cilium/rules/fuzz/AdmissionJsonFuzzTestInputs/fuzzReviewJson/}); to fuzz
 * for longer see the README ("Testing and fuzzing").
 */
class AdmissionJsonFuzzTest {

    private static final CiliumPolicyAdmission ADMISSION = CiliumPolicyAdmission.create(MappingOptions.defaults()
            .withCiliumVersion("1.19")).withLints(true);

    @FuzzTest(maxDuration = "60s")
    void fuzzReviewJson(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        String expected;
        try {
            AdmissionReview answer = ADMISSION.review(CiliumPolicyAdmission.readReview(bytes));
            expected = new String(CiliumPolicyAdmission.writeReview(answer), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            expected = "IllegalArgumentException: " + e.getMessage();
        }
        String actual;
        try {
            actual = new String(CiliumPolicyAdmission.writeReview(ADMISSION.reviewJson(bytes)),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            actual = "IllegalArgumentException: " + e.getMessage();
        }
        assertThat(actual).isEqualTo(expected);
    }
}
