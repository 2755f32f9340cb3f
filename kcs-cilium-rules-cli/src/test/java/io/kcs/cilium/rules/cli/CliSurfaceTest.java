package io.kcs.cilium.rules.cli;

import static io.kcs.cilium.rules.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcs.cilium.rules.cli.MainTest.Run;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One surface: help that fits, one diagnostic format, --format json everywhere, the same engine options. */
class CliSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMMANDS = List.of("translate", "check", "explain", "diagram", "aggregate",
            "lint", "diff", "replay", "learn", "webhook", "validate", "trace", "connectivity");

    @Test
    void helpExamplesAreNeverReWrapped() {
        CommandLine cl = Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        for (String command : COMMANDS) {
            Run r = run(command, "--help");
            List<String> help = r.out().lines().toList();
            assertThat(help).as(command).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
            String[] footer = cl.getSubcommands().get(command).getCommandSpec().usageMessage().footer();
            assertThat(footer).as(command).isNotEmpty();
            for (String line : footer) {
                for (String part : line.split("%n")) {
                    if (part.startsWith("  ")) {
                        assertThat(help).as(command + " example printed as written").contains(part);
                    }
                }
            }
        }
    }

    @Test
    void everyCommandAcceptsFormatJson() {
        assertThat(run("translate", "--namespace", "a", "--name", "p", "--selector", "app=web", "--egress",
                "10.0.0.0/8", "--format", "json").code()).isZero();
        assertThat(run("check", "--format", "json", "10.0.0.0/8").code()).isZero();
        assertThat(run("explain", "--egress", "10.0.0.0/8", "--to", "10.1.2.3", "--format", "json").code()).isZero();
        assertThat(run("diagram", "--egress", "10.0.0.0/8", "--format", "json").code()).isZero();
        assertThat(MainTest.runWithInput("", "aggregate", "--format", "json").code()).isZero();
        assertThat(run("lint", "--egress", "10.0.0.0/8", "--format", "json").code()).isZero();
        assertThat(MainTest.runWithInput("", "validate", "--format", "json", "-").code()).isZero();
    }

    @Test
    void translateWritesJsonDiagnosticsOnStandardError() throws Exception {
        Run r = run("translate", "--namespace", "a", "--name", "p", "--selector", "app=web", "--egress",
                "10.0.0.1/8", "--format", "json");
        assertThat(r.code()).isZero();
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode d = JSON.readTree(lines.get(0));
        assertThat(d.get("list").asText()).isEqualTo("egress");
        assertThat(d.get("code").asText()).isEqualTo("host-bits-set");
        assertThat(d.get("start").asInt()).isZero();
        assertThat(r.out()).startsWith("apiVersion: cilium.io/v2");
    }

    @Test
    void explainWritesTheVerdictAsOneJsonObject() throws Exception {
        Run r = run("explain", "--egress", "10.0.0.0/8, *.example.com", "--to", "203.0.113.7", "--dns",
                "api.example.com=203.0.113.7", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode v = JSON.readTree(r.out());
        assertThat(v.get("verdict").asText()).isEqualTo("allowed");
        assertThat(v.get("allowed").asBoolean()).isTrue();
        assertThat(v.get("trafficDirection").asText()).isEqualTo("egress");
        assertThat(v.get("packet").asText()).isEqualTo("request");
        assertThat(v.get("reason").asText()).isEqualTo("EXCEPTION_MATCHED");
        assertThat(v.get("exception").asText()).isEqualTo("*.example.com");
        assertThat(v.get("list").asText()).isEqualTo("egress");
        assertThat(v.get("column").asInt()).as("1-based").isEqualTo(13);
        assertThat(v.get("explanation").asText()).startsWith("Allowed");
        Run denied = run("explain", "--egress", "10.0.0.0/8", "--to", "11.1.2.3", "--format", "json");
        assertThat(denied.code()).isEqualTo(1);
        JsonNode d = JSON.readTree(denied.out());
        assertThat(d.get("verdict").asText()).isEqualTo("denied");
        assertThat(d.has("exception")).isFalse();
    }

    @Test
    void explainTakesAgentOptionsCniAndCiliumVersion() {
        String[] fqdn = {"explain", "--egress", "*.example.com", "--to", "203.0.113.7", "--dns",
            "api.example.com=203.0.113.7"};
        assertThat(run(fqdn).code()).isZero();
        Run noProxy = run(concat(fqdn, "--agent-option", "enable-l7-proxy=false"));
        assertThat(noProxy.code()).isEqualTo(1);
        assertThat(noProxy.err()).contains("[fqdn-needs-l7-proxy]").contains("^");
        assertThat(run(concat(fqdn, "--agent-option", "enable-l7-proxy=maybe")).code()).isEqualTo(2);
        assertThat(run(concat(fqdn, "--agent-option", "novalue")).code()).isEqualTo(2);
        // one reading of --agent-option for every command: a typo is an error, not a silently ignored key
        Run typo = run(concat(fqdn, "--agent-option", "enable-l7-proxyy=false"));
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.out()).isEmpty();
        assertThat(typo.err()).contains("unknown agent option \"enable-l7-proxyy\"; did you mean \"enable-l7-proxy\"?");
        assertThat(run(concat(fqdn, "--agent-option", "enable-l7-proxy=true", "--agent-option",
                "enable-l7-proxy=false")).err()).contains("enable-l7-proxy is given more than once");

        Run other = run("explain", "--egress", "entity:host", "--to-entity", "host", "--cni", "other");
        assertThat(other.err()).contains("[cni-ignored]");
        assertThat(other.out()).startsWith("DENIED");

        Run old = run("explain", "--egress", "**.example.com", "--to", "203.0.113.7", "--dns",
                "a.b.example.com=203.0.113.7", "--cilium-version", "1.18");
        assertThat(old.err()).contains("[multi-label-pattern-before-1.19]");
        assertThat(run("explain", "--egress", "**.example.com", "--to", "203.0.113.7", "--cilium-version", "1.19")
                .err()).doesNotContain("multi-label");
        assertThat(run("explain", "--egress", "", "--to", "1.2.3.4", "--cilium-version", "2.x").code()).isEqualTo(2);
    }

    @Test
    void mappingDiagnosticsUseTheCompilerFormatWithACaret() {
        Run r = run("translate", "--namespace", "a", "--name", "p", "--selector", "app=web", "--egress",
                "10.0.0.0/8, entity:world-ipv4", "--cilium-version", "1.18");
        assertThat(r.err()).contains("egress:13: warning [entity-replaced]").contains("  ^^^^^^^^^^^^^^^^^");
    }

    @Test
    void translateTakesAgentOptions() {
        Run r = run("translate", "--namespace", "a", "--name", "p", "--selector", "app=web", "--egress",
                "api.example.com", "--agent-option", "enable-l7-proxy=false");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("[fqdn-needs-l7-proxy]");
    }

    @Test
    void explainNamesTheMatchedExceptionWithItsOneBasedColumn() {
        Run r = run("explain", "--egress", "10.0.0.0/8, *.example.com", "--to", "203.0.113.7", "--dns",
                "api.example.com=203.0.113.7");
        assertThat(r.out()).contains("exception: *.example.com at egress:13\n");
    }

    @Test
    void explainChecksDnsNamesAsTheParserChecksNames() {
        String[] ok = {"explain", "--egress", "api.example.com", "--to", "203.0.113.7", "--dns",
            "api.example.com=203.0.113.7"};
        assertThat(run(ok).code()).isZero();
        for (String bad : new String[] {"api example.com=203.0.113.7", "*.example.com=203.0.113.7",
            "api..example.com=203.0.113.7", "api.example.com=203.0.113"}) {
            String[] args = ok.clone();
            args[args.length - 1] = bad;
            Run r = run(args);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).startsWith("error: --dns");
        }
    }

    @Test
    void helpShowsTheValuesOfEnumOptions() {
        assertThat(run("translate", "--help").out()).contains("--format=text|json").contains("--cni=cilium|other")
                .contains("--output=yaml|json");
        assertThat(run("explain", "--help").out()).contains("--format=text|json").contains("--cni=cilium|other");
    }

    @Test
    void onlyTheCommandBeingRunIsSetUp() {
        java.io.PrintWriter nul = new java.io.PrintWriter(java.io.Writer.nullWriter());
        assertThat(Main.commandLine(nul, nul, new String[] {"check", "x"}).getSubcommands()).containsOnlyKeys("check");
        assertThat(Main.commandLine(nul, nul, new String[] {"--help"}).getSubcommands()).containsOnlyKeys(COMMANDS);
        assertThat(Main.commandLine(nul, nul, new String[] {"chek"}).getSubcommands()).containsOnlyKeys(COMMANDS);
    }

    @Test
    void explainJsonAlwaysWritesOneObjectAlsoWhenCiliumCannotApplyTheProfile() throws Exception {
        Run r = run("explain", "--ingress", "api.example.com", "--from", "1.2.3.4", "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode v = JSON.readTree(r.out());
        assertThat(v.get("verdict").asText()).isEqualTo("not-applicable");
        assertThat(v.get("allowed").asBoolean()).isFalse();
        assertThat(JSON.readTree(r.err().lines().findFirst().orElseThrow()).get("code").asText())
                .isEqualTo("fqdn-in-ingress");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
