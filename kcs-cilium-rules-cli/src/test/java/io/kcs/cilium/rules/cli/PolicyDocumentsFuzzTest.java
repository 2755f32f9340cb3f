package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzz target for what {@code validate} does with a file: {@link PolicyDocuments} (strict YAML,
 * line bookkeeping, binding) and then {@link CiliumPolicyReader#read(List)} over every object bound. In a plain
 * {@code mvn verify} it runs its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/cli/PolicyDocumentsFuzzTestInputs/fuzzPolicyDocuments/}); to fuzz for
 * longer, run it with {@code JAZZER_FUZZ=1} (see the README, "Testing, fuzzing and benchmarks").
 *
 * <p>Laws: nothing escapes (no exception, no stack overflow); documents are numbered 1, 2, ... in order; every line
 * (of a document, a problem, a path) lies inside the text; a document has an object or a problem, never neither.
 */
class PolicyDocumentsFuzzTest {

    private static final CiliumPolicyReader READER = CiliumPolicyReader.create(MappingOptions.defaults());

    @FuzzTest(maxDuration = "60s")
    void fuzzPolicyDocuments(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        List<PolicyDocuments.Document> docs = PolicyDocuments.parse("f.yaml", text);
        long lines = Math.max(1, text.lines().count() + 1);
        int previous = 0;
        List<HasMetadata> objects = new ArrayList<>();
        for (PolicyDocuments.Document d : docs) {
            assertThat(d.index()).isBetween(previous, previous + 1);
            previous = d.index();
            assertThat((long) d.line()).isBetween(1L, lines);
            assertThat(d.object().isPresent() || !d.problems().isEmpty()).isTrue();
            for (PolicyDocuments.Problem p : d.problems()) {
                assertThat((long) p.line()).isBetween(1L, lines);
            }
            d.lines().values().forEach(l -> assertThat((long) l).isBetween(1L, lines));
            d.object().ifPresent(objects::add);
        }
        READER.read(objects).diagnostics().forEach(x -> assertThat(x.path()).isNotNull());
    }
}
