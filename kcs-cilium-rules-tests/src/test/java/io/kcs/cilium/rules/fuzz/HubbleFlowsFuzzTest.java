package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcs.cilium.rules.hubble.HubbleFlow;
import io.kcs.cilium.rules.hubble.HubbleFlows;
import io.kcs.cilium.rules.hubble.LineResult;
import io.kcs.cilium.rules.hubble.ServiceCatalog;
import io.kcs.cilium.rules.hubble.Workload;
import io.kcs.cilium.rules.hubble.WorkloadView;
import java.util.Map;

/**
 * Coverage-guided fuzz target for the Hubble flow reader and the workload view. In a plain {@code mvn verify} it runs
 * its seed corpus ({@code src/test/resources/io/kcs/cilium/rules/fuzz/HubbleFlowsFuzzTestInputs/fuzzHubbleLine/}, the
 * lines of the core module's hand-written fixture).
 *
 * <p>Laws: any bytes give a result (no exception escapes); a malformed result carries its line number and a message;
 * a flow's addresses are of one family; viewing a flow from a workload never throws and keeps it the workload's.
 */
class HubbleFlowsFuzzTest {

    private static final WorkloadView VIEW = WorkloadView.of(Workload.of("shop", Map.of("app", "web")),
            ServiceCatalog.empty().with("shop", "db", Map.of("app", "db")));

    @FuzzTest(maxDuration = "60s")
    void fuzzHubbleLine(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        LineResult r = HubbleFlows.parseLine(bytes, 0, bytes.length, 7);
        assertThat(r.line()).isEqualTo(7);
        switch (r.kind()) {
            case MALFORMED -> assertThat(r.message()).isNotEmpty();
            case FLOW -> {
                HubbleFlow f = r.flow().orElseThrow();
                assertThat(f.sourceIp().isIpv4()).isEqualTo(f.destinationIp().isIpv4());
                VIEW.view(f).ifPresent(wf -> assertThat(wf.flow()).isSameAs(f));
                f.toEvent();
            }
            default -> assertThat(r.flow()).isEmpty();
        }
    }
}
