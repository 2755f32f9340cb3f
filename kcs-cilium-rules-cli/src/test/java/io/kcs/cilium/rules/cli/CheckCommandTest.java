package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @Test
    void aListStartingWithACommaIsAWarningNotACrash() {
        CliRun r = CliRun.run("check", ", 10.0.0.0/8");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(String.join("\n",
                "list:1: warning [empty-entry] empty entry between commas (or a trailing comma); skipped",
                "  , 10.0.0.0/8",
                "  ^",
                "list: 1 exception: 10.0.0.0/8", ""));
    }

    @Test
    void everyCommandSurvivesAListStartingWithAComma() {
        for (String[] args : new String[][] {
            {"translate", "--namespace", "a", "--name", "p", "--selector", "app=web", "--egress", ", 10.0.0.0/8"},
            {"explain", "--egress", ", 10.0.0.0/8", "--to", "10.1.2.3"},
            {"diagram", "--egress", ", 10.0.0.0/8"},
        }) {
            CliRun r = CliRun.run(args);
            assertThat(r.code()).as(args[0]).isZero();
            assertThat(r.err()).as(args[0]).isEqualTo("egress:1: warning [empty-entry] empty entry between commas (or a"
                    + " trailing comma); skipped\n  , 10.0.0.0/8\n  ^\n");
        }
    }

    @Test
    void aListEndingWithACommaPutsTheCaretUnderTheComma() {
        CliRun r = CliRun.run("check", "a.com,");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("list:6: warning [empty-entry]").contains("  a.com,\n       ^\n")
                .doesNotContain("Exception");
    }

    @Test
    void countsAreSingularForOneException() {
        assertThat(CliRun.run("check", "10.0.0.0/8").out()).isEqualTo("list: 1 exception: 10.0.0.0/8\n");
        assertThat(CliRun.run("check", "10.0.0.0/8, a.com").out())
                .isEqualTo("list: 2 exceptions: 10.0.0.0/8, a.com\n");
        assertThat(CliRun.run("check", "").out()).isEqualTo("list: 0 exceptions: \n");
    }

    @Test
    void dashReadsTheListFromStandardInputWithLineAndColumn() {
        CliRun r = CliRun.withInput("10.0.0.0/8,\n  300.1.1.1\n", "check", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("stdin:2:3: error [invalid-ipv4]")
                .contains("\n    300.1.1.1\n    ^^^\n")
                .endsWith("stdin: 1 exception: 10.0.0.0/8\n");
    }

    @Test
    void standardInputTakesListsLongerThanTheArgumentLimit() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            b.append("10.").append(i / 256).append('.').append(i % 256).append(".0/24,\n");
        }
        assertThat(b.length()).isGreaterThan(128 * 1024);
        CliRun r = CliRun.withInput(b.toString(), "check", "-");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("stdin:").contains(": 20000 exceptions: 10.0.0.0/24, 10.0.1.0/24");
    }

    @Test
    void standardInputThatIsNotUtf8IsRefusedWithItsLine() {
        byte[] input = "10.0.0.0/8,\n\u00e9.example.com\n".getBytes(StandardCharsets.ISO_8859_1);
        CliRun r = CliRun.run(input, "check", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("standard input").contains("not UTF-8").contains("line 2")
                .doesNotContain("Input length");
        assertThat(CliRun.run("10.0.0.0/8,\n\u00e9.example.com\n".getBytes(StandardCharsets.UTF_8), "check", "-")
                .code()).isEqualTo(1);
    }

    @Test
    void standardInputLargerThanTheCapIsRefusedBeforeParsing() {
        byte[] input = new byte[ProfileFile.MAX_BYTES + 1];
        java.util.Arrays.fill(input, (byte) 'a');
        CliRun r = CliRun.run(input, "check", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("standard input is larger than " + ProfileFile.MAX_BYTES + " bytes");
    }

    @Test
    void profileFilesAreCheckedWithFileLineAndEntry(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "ingress: entity:ingress, entity:wrld\negress:\n  - 10.0.0.0/8\n  - 300.1.1.1\n");
        CliRun r = CliRun.run("check", "--profile", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(file + ":1: ingress, character 24: error [unknown-entity]")
                .contains(file + ":4: egress entry 2: error [invalid-ipv4]")
                .contains("ingress: 1 exception: entity:ingress")
                .contains("egress: 1 exception: 10.0.0.0/8");
        CliRun json = CliRun.run("check", "--format", "json", "--profile", file.toString());
        assertThat(json.out()).contains("\"list\":\"egress\"").contains("\"line\":4").contains("\"entry\":2");
    }

    @Test
    void checkNeedsAListDashOrProfile() {
        assertThat(CliRun.run("check").code()).isEqualTo(2);
        assertThat(CliRun.run("check", "-", "-").code()).isEqualTo(2);
    }
}
