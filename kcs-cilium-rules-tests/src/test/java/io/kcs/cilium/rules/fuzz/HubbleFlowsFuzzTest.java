package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcs.cilium.rules.bench.HubbleFlowGenerator;
import io.kcs.cilium.rules.hubble.FlowProblem;
import io.kcs.cilium.rules.hubble.FlowReader;
import io.kcs.cilium.rules.hubble.HubbleFlow;
import io.kcs.cilium.rules.hubble.HubbleFlows;
import io.kcs.cilium.rules.hubble.LineResult;
import io.kcs.cilium.rules.hubble.ServiceCatalog;
import io.kcs.cilium.rules.hubble.Workload;
import io.kcs.cilium.rules.hubble.WorkloadView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzz target for the Hubble flow reader and the workload view. In a plain {@code mvn verify} it runs
 * its seed corpus ({@code src/test/resources/io/kcs/cilium/rules/fuzz/HubbleFlowsFuzzTestInputs/fuzzHubbleLine/}, the
 * lines of the core module's hand-written fixture).
 *
 * <p>Laws: any bytes give a result (no exception escapes); a malformed result carries its line number and a message;
 * a flow's addresses are of one family; viewing a flow from a workload never throws and keeps it the workload's.
 * {@link #fuzzHubbleReader}: a {@link FlowReader} (with its caches and the line shapes it learns and replays) gives,
 * line for line, what {@link HubbleFlows#parseLine(byte[], int, int, long)} (no caches, no shapes) gives, over a
 * prelude of generated flow lines followed by the fuzzed lines twice, so that the second copy is read by the shapes
 * learned from the first and from the prelude; its seeds ({@code fuzzHubbleReader/}) are lines of the fixture, some
 * with other values.
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

    /** Generated flow lines read first, so that the reader knows their shapes. */
    private static final byte[] PRELUDE = prelude();

    private static byte[] prelude() {
        StringBuilder b = new StringBuilder();
        for (String l : new HubbleFlowGenerator(11).lines(40)) {
            b.append(l).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @FuzzTest(maxDuration = "60s")
    void fuzzHubbleReader(FuzzedDataProvider data) throws IOException {
        byte[] fuzzed = data.consumeRemainingAsBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PRELUDE);
        out.writeBytes(fuzzed);
        out.write('\n');
        out.writeBytes(fuzzed);
        byte[] input = out.toByteArray();
        List<HubbleFlow> expectedFlows = new ArrayList<>();
        List<FlowProblem> expectedProblems = new ArrayList<>();
        long number = 0;
        for (int from = 0; from < input.length; ) {
            int nl = from;
            while (nl < input.length && input[nl] != '\n') {
                nl++;
            }
            number++;
            int to = nl > from && input[nl - 1] == '\r' ? nl - 1 : nl;
            LineResult r = HubbleFlows.parseLine(input, from, to - from, number);
            r.flow().ifPresent(expectedFlows::add);
            r.problem().ifPresent(expectedProblems::add);
            from = nl + 1;
        }
        List<FlowProblem> problems = new ArrayList<>();
        List<HubbleFlow> flows = new ArrayList<>();
        try (FlowReader reader = HubbleFlows.open(new ByteArrayInputStream(input), problems::add)) {
            for (Optional<HubbleFlow> f = reader.next(); f.isPresent(); f = reader.next()) {
                flows.add(f.get());
            }
            assertThat(reader.lines()).isEqualTo(number);
        }
        assertThat(problems).isEqualTo(expectedProblems);
        assertThat(flows).isEqualTo(expectedFlows);
    }
}
