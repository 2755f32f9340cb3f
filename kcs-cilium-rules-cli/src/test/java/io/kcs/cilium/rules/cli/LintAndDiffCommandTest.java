package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lint and diff commands: output, locations, JSON and exit codes. */
class LintAndDiffCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void lintReportsASplitInternetCoverAsAnErrorWithACaret() {
        CliRun r = CliRun.run("lint", "--egress", "10.1.0.0/16, 0.0.0.0/1, 128.0.0.0/1, 10.0.0.0/8");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("egress:14: error [covers-all-addresses] egress is open to the whole internet"
                + " over IPv4: 0.0.0.0/1, 128.0.0.0/1 together allow every IPv4 address outside the cluster")
                .contains("egress:1: info [redundant-entry] 10.1.0.0/16 is already allowed by 10.0.0.0/8")
                .contains("  ^^^^^^^^^^^")
                .contains("egress:14: warning [cidr-too-broad]")
                .endsWith("lint: 1 error, 2 warnings, 2 info\n");
    }

    @Test
    void lintExitsZeroOnWarningsAndTakesClusterRangesFloorsAndBroadEntities() {
        CliRun r = CliRun.run("lint", "--ingress", "entity:host", "--egress", "10.244.0.0/24, entity:remote-node",
                "--cluster-cidrs", "10.244.0.0/16", "--cluster-cidrs", "10.96.0.0/12", "--broad-entity", "host");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ingress:1: warning [broad-entity] entity:host opens ingress to the local node")
                .contains("egress:1: warning [cidr-overlaps-cluster] 10.244.0.0/24 overlaps the cluster's own"
                        + " ranges (10.244.0.0/24)")
                .doesNotContain("remote-node opens");
        assertThat(CliRun.run("lint", "--egress", "10.0.0.0/12", "--min-prefix", "16,48").out())
                .contains("[cidr-too-broad] 10.0.0.0/12 is broader than the /16 floor for IPv4");
        assertThat(CliRun.run("lint", "--egress", "10.0.0.0/12", "--min-prefix", "0,0").out())
                .isEqualTo("lint: 0 errors, 0 warnings, 0 info\n");
    }

    @Test
    void lintUsageErrors() {
        assertThat(CliRun.run("lint").code()).isEqualTo(2);
        CliRun bad = CliRun.run("lint", "--egress", "entity:host", "--broad-entity", "wrld");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown entity \"wrld\"").contains("did you mean \"world\"?");
        assertThat(CliRun.run("lint", "--egress", "a.com", "--min-prefix", "8").code()).isEqualTo(2);
        assertThat(CliRun.run("lint", "--egress", "a.com", "--min-prefix", "33,0").code()).isEqualTo(2);
        assertThat(CliRun.run("lint", "--egress", "a.com", "--cluster-cidrs", "10.0.0.0/33").code()).isEqualTo(2);
        assertThat(CliRun.run("lint", "--egress", "a.com", "--agent-option", "enable-l7-proxyy=false").code())
                .isEqualTo(2);
    }

    @Test
    void lintFindsFqdnProblemsAndListErrorsExitOne() {
        CliRun r = CliRun.run("lint", "--egress", "*, api.example.com", "--agent-option", "enable-l7-proxy=false");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("[fqdn-match-all]").contains("[fqdn-needs-l7-proxy]")
                .contains("[redundant-entry] api.example.com is already allowed by *");
        CliRun invalid = CliRun.run("lint", "--egress", "10.0.0.0/8, 300.1.1.1");
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("[invalid-ipv4]");
    }

    @Test
    void lintLocatesProfileItemsAndWritesJson() throws Exception {
        Path p = file("p.yaml", "egress:\n  - 10.0.0.0/8\n  - 10.1.0.0/16\n");
        CliRun r = CliRun.run("lint", "--profile", p.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains(p + ":3, egress entry 2: info [redundant-entry] 10.1.0.0/16 is already"
                + " allowed by 10.0.0.0/8");
        CliRun j = CliRun.run("lint", "--profile", p.toString(), "--format", "json");
        JsonNode n = JSON.readTree(j.out().lines().findFirst().orElseThrow());
        assertThat(n.get("code").asText()).isEqualTo("redundant-entry");
        assertThat(n.get("severity").asText()).isEqualTo("INFO");
        assertThat(n.get("place").asText()).isEqualTo(p + ":3, egress entry 2");
        assertThat(n.get("rules").toString()).isEqualTo("[\"10.1.0.0/16\",\"10.0.0.0/8\"]");
    }

    @Test
    void diffPrintsWhatTheNewProfileNewlyAllows() throws Exception {
        Path a = file("a.yaml", "egress: 10.0.0.0/8, *.example.com\ningress: endpoint:monitoring\n");
        Path b = file("b.yaml", "egress:\n  - 10.0.0.0/9\n  - 10.128.0.0/9\n  - 10.2.0.0/16\n  - api.example.com\n"
                + "  - '*.example.com'\n  - '*.example.org'\n  - 192.0.2.0/24\n");
        CliRun r = CliRun.run("diff", a.toString(), b.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("ingress is no longer restricted\n"
                + "newly allows ingress from entity:all (partly allowed before)\n"
                + "newly allows egress to 192.0.2.0/24, *.example.org\n");
        assertThat(CliRun.run("diff", "--fail-on-widening", a.toString(), b.toString()).code()).isEqualTo(1);
        assertThat(CliRun.run("diff", "--fail-on-widening", b.toString(), a.toString()).code()).isZero();
        assertThat(CliRun.run("diff", a.toString(), a.toString()).out())
                .isEqualTo("no change in what the profile allows\n");
    }

    @Test
    void diffWritesOneJsonObjectAndRefusesMissingFiles() throws Exception {
        Path a = file("a.yaml", "egress: 10.0.0.0/8\n");
        Path b = file("b.yaml", "egress: 10.0.0.0/7\n");
        JsonNode n = JSON.readTree(CliRun.run("diff", "--format", "json", a.toString(), b.toString()).out());
        assertThat(n.get("widening").asBoolean()).isTrue();
        assertThat(n.get("egress").get("newlyAllowed").toString()).isEqualTo("[\"11.0.0.0/8\"]");
        assertThat(n.get("ingress").get("restrictedBefore").asBoolean()).isFalse();
        CliRun missing = CliRun.run("diff", a.toString(), dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(CliRun.run("diff", a.toString()).code()).isEqualTo(2);
        Path bad = file("bad.yaml", "egress: 10.0.0.0/8, 300.1.1.1\n");
        CliRun withErrors = CliRun.run("diff", a.toString(), bad.toString());
        assertThat(withErrors.code()).isEqualTo(1);
        assertThat(withErrors.err()).contains("[invalid-ipv4]");
    }

    @Test
    void theReadmeAnalysisCommandsRunAsDocumented() {
        CliRun lint = CliRun.run("lint", "--egress", "0.0.0.0/1, 128.0.0.0/1, entity:remote-node", "--cluster-cidrs",
                "10.244.0.0/16");
        assertThat(lint.code()).isEqualTo(1);
        assertThat(lint.out()).startsWith("egress:1: error [covers-all-addresses]")
                .endsWith("lint: 1 error, 4 warnings, 0 info\n");
        CliRun diff = CliRun.run("diff", "../examples/profile-before.yaml", "../examples/profile-after.yaml");
        assertThat(diff.code()).isZero();
        assertThat(diff.out()).isEqualTo("newly allows egress to 192.0.2.0/24, *.example.org\n");
    }
}
