package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.fabric8.WorkloadReadResult;
import org.junit.jupiter.api.Test;

/** The workload reader benchmark measures what it claims: 1,000 valid workloads, 100 Services, 20 namespaces. */
class WorkloadReaderBenchmarkWorkloadTest {

    @Test
    void theTextHoldsAThousandValidWorkloadsWithServicesAndNamespaces() {
        WorkloadReaderBenchmark b = new WorkloadReaderBenchmark();
        b.setup();
        WorkloadReadResult r = b.read1000Workloads();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.workloads()).hasSize(1_000);
        assertThat(r.services()).hasSize(100);
        assertThat(r.namespaces()).hasSize(20);
        assertThat(r.workloads()).filteredOn(w -> w.peer().service().isPresent()).hasSize(100);
        assertThat(r.workloads()).allSatisfy(w -> assertThat(w.ports()).hasSize(2));
        assertThat(b.yamlDocumentsOnly()).hasSize(1_120);
        assertThat(b.deprecatedLenientPath()).isEqualTo(r.workloads());
    }
}
