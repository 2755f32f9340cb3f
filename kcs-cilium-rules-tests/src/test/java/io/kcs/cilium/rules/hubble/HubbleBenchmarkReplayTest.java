package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.bench.HubbleFlowGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Hubble benchmark's lines (the same 4,096 lines {@code HubbleBenchmark} reads, from
 * {@code new HubbleFlowGenerator(7)}) are read mostly by replaying learned shapes, so that the benchmark measures the
 * replay path. In this package because {@link FlowReader#tokens()} is package-private (the tests module runs on the
 * class path, so it sees the core's package-private members).
 */
class HubbleBenchmarkReplayTest {

    private static final int LINES = 4096; // HubbleBenchmark.LINES

    @Test
    void oneReaderReplaysMostOfTheBenchmarksLines() throws IOException {
        List<String> lines = new HubbleFlowGenerator(7).lines(LINES).subList(0, LINES);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String l : lines) {
            b.write(l.getBytes(StandardCharsets.UTF_8));
            b.write('\n');
        }
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(b.toByteArray()), p -> {
            throw new AssertionError(p.toString());
        })) {
            while (r.next().isPresent()) {
                // read them all
            }
            assertThat(r.flows()).isEqualTo(LINES);
            FlowShapes shapes = r.tokens().shapes();
            System.out.println("HubbleBenchmarkReplayTest: replayed " + shapes.replayed() + ", abandoned "
                    + shapes.abandoned() + ", learned " + shapes.learned() + " of " + LINES + " lines");
            assertThat(shapes.replayed()).as("lines replayed").isGreaterThanOrEqualTo(LINES * 9L / 10);
            assertThat(shapes.learned()).as("shapes learned").isLessThan(LINES / 20);
        }
    }
}
