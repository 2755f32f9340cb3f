package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.fabric8.WorkloadDiagnostic;
import io.kcs.cilium.rules.fabric8.WorkloadReadResult;
import io.kcs.cilium.rules.fabric8.WorkloadReader;
import io.kcs.cilium.rules.fabric8.YamlDocuments;
import java.util.List;

/**
 * Coverage-guided fuzz target for {@link WorkloadReader#read(String)} over arbitrary YAML text. In a plain
 * {@code mvn verify} it replays its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/fuzz/WorkloadReaderFuzzTestInputs/fuzzWorkloadText/}); to fuzz for
 * longer see the README ("Testing and fuzzing").
 *
 * <p>Laws: {@code read} never throws; a result is valid exactly when no diagnostic is an ERROR; every diagnostic
 * names an input among the documents (or -1) and a line inside the text (or 0); every workload has a valid
 * namespace and labels Kubernetes takes; reading the same text twice gives the same result.
 */
class WorkloadReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fuzzWorkloadText(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        if (text == null) {
            return;
        }
        WorkloadReadResult r = WorkloadReader.read(text);
        assertThat(r.valid()).isEqualTo(r.diagnostics().stream().noneMatch(WorkloadDiagnostic::isError));
        int documents = YamlDocuments.read(text).size();
        long lines = Math.max(1, text.lines().count() + 1);
        for (WorkloadDiagnostic d : r.diagnostics()) {
            assertThat(d.input()).isBetween(-1, Math.max(0, documents - 1));
            assertThat((long) d.line()).isBetween(0L, lines);
            assertThat(d.toString()).contains(d.code());
        }
        assertThat(r.workloads().size()).isLessThanOrEqualTo(WorkloadReader.MAX_WORKLOADS);
        for (WorkloadReader.Workload w : r.workloads()) {
            assertThat(KubernetesNames.namespaceProblem(w.namespace())).isEmpty();
            w.peer().labels().forEach((k, v) -> {
                assertThat(KubernetesNames.labelKeyProblem(k)).isEmpty();
                assertThat(v.isEmpty() || KubernetesNames.labelValueProblem(v).isEmpty()).isTrue();
            });
        }
        assertThat(WorkloadReader.read(text)).isEqualTo(r);
        List<WorkloadReader.Workload> again = WorkloadReader.readDocuments(YamlDocuments.read(text)).workloads();
        assertThat(again).isEqualTo(r.workloads());
    }
}
