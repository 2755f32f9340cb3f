package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --profile file format, read through the command line (translate and diagram), as users meet it. */
class ProfileFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs diagram on the profile text: the diagram lists every exception the profile holds. */
    private CliRun diagram(String text) throws IOException {
        return CliRun.run("diagram", "--profile", write("p.yaml", text).toString());
    }

    private void assertRefused(String text, String... fragments) throws IOException {
        CliRun r = diagram(text);
        assertThat(r.code()).as(text).isEqualTo(2);
        assertThat(r.out()).as(text).isEmpty();
        assertThat(r.err()).as(text).contains(dir.resolve("p.yaml").toString()).contains(fragments)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aPlainProfileIsRead() throws IOException {
        CliRun r = diagram("ingress: entity:ingress\negress:\n  - 10.0.0.0/8\n  - allowed.example.com\n");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("entity:ingress").contains("CIDR 10.0.0.0/8").contains("DNS allowed.example.com");
    }

    @Test
    void anchorsAndAliasesAreRefused() throws IOException {
        assertThat(diagram("ingress: 10.0.0.0/8\negress: allowed\n").code()).isZero();
        assertRefused("ingress: &allowed 10.0.0.0/8\negress: allowed\n", ":1:", "anchor");
        assertRefused("ingress: 10.0.0.0/8\negress: *allowed\n", ":2:", "alias");
        assertRefused("ingress: &allowed 10.0.0.0/8\negress: *allowed\n", ":1:", "anchor");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - &a x.io\n", ":3:", "anchor");
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        assertThat(diagram("ingress: 10.0.0.0/8\negress: 0.0.0.0/0\n").code()).isZero();
        assertRefused("egress: 10.0.0.0/8\negress: 0.0.0.0/0\n", ":2:", "duplicate key \"egress\"");
        assertRefused("{\"egress\": \"10.0.0.0/8\", \"egress\": \"0.0.0.0/0\"}", ":1:", "duplicate key \"egress\"");
    }

    @Test
    void severalDocumentsAreRefused() throws IOException {
        assertThat(diagram("egress: 10.0.0.0/8\n").code()).isZero();
        assertRefused("egress: 10.0.0.0/8\n---\negress: 0.0.0.0/0\n", ":2:", "several YAML documents");
        assertRefused("egress: 10.0.0.0/8\n---\n", ":2:", "several YAML documents");
    }

    @Test
    void listItemsThatAreNotStringsAreRefusedWithTheirLine() throws IOException {
        assertThat(diagram("egress:\n  - 10.0.0.0/8\n  - \"true\"\n").out()).contains("DNS true");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - \n", ":3:", "egress entry 2", "empty (null)");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - true\n", ":3:", "egress entry 2", "boolean");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - 443\n", ":3:", "egress entry 2", "integer");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - 1.5\n", ":3:", "egress entry 2", "number");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - 2026-01-01\n", ":3:", "egress entry 2", "timestamp");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - [a.io]\n", ":3:", "egress entry 2", "list");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - {a: b}\n", ":3:", "egress entry 2", "map");
        assertRefused("egress:\n  - 10.0.0.0/8\n  - !!binary aGk=\n", ":3:", "egress entry 2", "tag");
        assertRefused("{\"egress\": [\"10.0.0.0/8\", true]}", ":1:", "egress entry 2", "boolean");
    }

    @Test
    void directionValuesThatAreNotStringsOrListsAreRefused() throws IOException {
        assertThat(diagram("egress: \"\"\n").out()).contains("nothing: default deny");
        assertThat(diagram("egress: []\n").out()).contains("nothing: default deny");
        assertRefused("egress:\n", ":1:", "egress", "empty (null)");
        assertRefused("egress: true\n", ":1:", "egress", "boolean");
        assertRefused("egress: {a: b}\n", ":1:", "egress", "map");
        assertRefused("- egress\n", ":1:", "must be a map");
        assertRefused("", "is empty");
        assertRefused("egres: 10.0.0.0/8\n", ":1:", "unknown key \"egres\"", "did you mean \"egress\"");
    }

    @Test
    void listItemsStaySeparateEntries() throws IOException {
        CliRun r = diagram("egress:\n  - service:shop|app=web\n  - localhost\n  - tier\n");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("service:shop#124;app=web\"").contains("DNS localhost").contains("DNS tier");
        CliRun oneString = diagram("egress: service:shop|app=web, localhost, tier\n");
        assertThat(oneString.out()).doesNotContain("DNS localhost");
    }

    @Test
    void diagnosticsNameFileLineAndEntry() throws IOException {
        CliRun r = diagram("egress:\n  - 10.0.0.0/8\n  - 300.1.1.1\n  - 10.0.0.1/8\n");
        Path p = dir.resolve("p.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(p + ":3: egress entry 2: error [invalid-ipv4]")
                .contains("  300.1.1.1\n  ^^^\n")
                .contains(p + ":4: egress entry 3: warning [host-bits-set]")
                .contains(p + ":4: egress entry 3: warning [duplicate-entry]");
        assertThat(r.out()).contains("CIDR 10.0.0.0/8").doesNotContain("300");
    }

    @Test
    void yamlSyntaxErrorsHaveALineAndColumn() throws IOException {
        assertRefused("egress: [10.0.0.0/8\n", "not valid YAML");
        assertRefused("egress: \"10.0.0.0/8\n", "not valid YAML", ":2:");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLine() throws IOException {
        Files.write(dir.resolve("p.yaml"), "egress:\n  - \u00e9.example.com\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = CliRun.run("diagram", "--profile", dir.resolve("p.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not UTF-8").contains("line 2").doesNotContain("Input length");
    }

    @Test
    void filesOverTheSizeCapAreRefusedBeforeParsing() throws IOException {
        byte[] big = new byte[ProfileFile.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        Files.write(dir.resolve("p.yaml"), big);
        CliRun r = CliRun.run("diagram", "--profile", dir.resolve("p.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("larger than " + ProfileFile.MAX_BYTES + " bytes");
        byte[] ok = new byte[ProfileFile.MAX_BYTES];
        java.util.Arrays.fill(ok, (byte) '#');
        System.arraycopy("egress: a.io\n".getBytes(StandardCharsets.UTF_8), 0, ok, 0, 13);
        Files.write(dir.resolve("p.yaml"), ok);
        assertThat(CliRun.run("diagram", "--profile", dir.resolve("p.yaml").toString()).out()).contains("DNS a.io");
    }
}
