package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz target for the inputs of {@code trace} and {@code connectivity}: the {@code --from} /
 * {@code --to} peer syntax, {@code --port}, and the YAML file (policies and workload manifests). In a plain
 * {@code mvn verify} it replays its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/cli/TraceInputsFuzzTestInputs/fuzzTraceInputs/}).
 *
 * <p>Laws: never a stack trace or an internal error (exit code 3: the file is always readable); {@code trace} exits
 * 0 (allowed), 1 (denied or a policy error, then with a diagnostic) or 2 (bad usage, with {@code error:} and
 * {@code try:} lines); {@code connectivity} exits 0 or 1 (1 only with an error diagnostic).
 */
class TraceInputsFuzzTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("trace-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void fuzzTraceInputs(FuzzedDataProvider data) throws IOException {
        String from = data.consumeString(64);
        String to = data.consumeString(64);
        String port = data.consumeString(16);
        String yaml = data.consumeRemainingAsString();
        if (from == null || to == null || port == null || yaml == null) {
            return;
        }
        Path file = DIR.resolve("in.yaml");
        Files.writeString(file, yaml);
        CliRun t = CliRun.run("trace", "-f", file.toString(), "--from", from, "--to", to, "--port", port);
        assertThat(t.err()).doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(t.code()).as(t.err()).isIn(0, 1, 2);
        if (t.code() == 2) {
            assertThat(t.err()).startsWith("error: ").contains("try: kcs-cilium-rules trace --help");
        }
        CliRun c = CliRun.run("connectivity", DIR.toString(), "--format", "json");
        assertThat(c.err()).doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(c.code()).as(c.err()).isIn(0, 1);
        if (c.code() == 1) {
            assertThat(c.err()).contains(": error: ");
        }
    }
}
