package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain names the matching exception where the user wrote it: for a profile file written as a list of items, the
 * file, line and item (not the position among the exceptions that were kept, which differs once an earlier item is
 * invalid, empty or a duplicate); for a list given as one string, its 1-based column.
 */
class ExplainPlaceTest {

    @TempDir
    Path dir;

    @Test
    void aProfileItemIsNamedByFileLineAndItemEvenAfterAnInvalidItem() throws IOException {
        Path p = Files.write(dir.resolve("p.yaml"), ("egress:\n  - 300.1.1.1\n  - 1.2.3.0/24\n  - 10.0.0.0/8\n")
                .getBytes(StandardCharsets.UTF_8));
        CliRun r = CliRun.run("explain", "--profile", p.toString(), "--to", "10.1.2.3");
        assertThat(r.out()).contains("exception: 10.0.0.0/8 at " + p + ":4, egress entry 3\n");
        // the core explanation counts kept exceptions, and says so
        assertThat(r.out()).contains("(exception 2 of the egress list)");
        assertThat(r.err()).contains(p + ":2: egress entry 1: error [invalid-ipv4]");
        assertThat(r.code()).isEqualTo(1);

        CliRun json = CliRun.run("explain", "--profile", p.toString(), "--to", "10.1.2.3", "--format", "json");
        assertThat(json.out()).contains("\"place\":\"" + p + ":4, egress entry 3\"");
    }

    @Test
    void aDuplicateItemKeepsThePlaceOfItsFirstOccurrence() throws IOException {
        Path p = Files.write(dir.resolve("d.yaml"), ("egress:\n  - 10.0.0.0/8\n  - 10.0.0.0/8\n")
                .getBytes(StandardCharsets.UTF_8));
        CliRun r = CliRun.run("explain", "--profile", p.toString(), "--to", "10.1.2.3");
        assertThat(r.out()).contains("exception: 10.0.0.0/8 at " + p + ":2, egress entry 1\n");
        assertThat(r.code()).isZero();
    }

    @Test
    void aListGivenAsOneStringIsNamedByColumn() {
        CliRun r = CliRun.run("explain", "--egress", "1.2.3.0/24, 10.0.0.0/8", "--to", "10.1.2.3");
        assertThat(r.out()).contains("exception: 10.0.0.0/8 at egress:13\n")
                .contains("(egress list, columns 13-22)");
        assertThat(r.code()).isZero();
    }
}
