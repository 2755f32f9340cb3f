package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code replay} and {@code learn} on the core module's hand-written Hubble fixture (27 lines: 13 flows, 10 malformed
 * lines, other events): reports, exit codes, JSON, gzip on standard input, the progress line, the error limit, the
 * learned profile read back by {@code --profile}, and usage errors.
 */
class HubbleCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORKLOAD = {"--namespace", "shop", "--selector", "app=web", "--service-labels",
        "shop/db=app=db"};
    static byte[] fixture;
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void read() throws IOException {
        Path p = Path.of("../kcs-cilium-rules-core/src/test/resources/hubble/flows.jsonl");
        fixture = Files.readAllBytes(p);
        file = dir.resolve("flows.jsonl");
        Files.write(file, fixture);
    }

    static String[] args(String... head) {
        String[] out = new String[head.length + WORKLOAD.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(WORKLOAD, 0, out, head.length, WORKLOAD.length);
        return out;
    }

    @Test
    void replayReportsCountsPeersAndDeniedConnectionsAndExitsOneWhenSomethingWouldBeDenied() {
        CliRun r = CliRun.run(args("replay", "--flows", file.toString(), "--ingress", "endpoint:shop", "--egress",
                "api.example.com, cdn.example.net, entity:kube-apiserver, endpoint:kube-system"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("egress: 5 flows allowed, 5 denied (4 connections allowed, 5 denied)")
                .contains("ingress: 1 flows allowed, 0 denied")
                .contains("dropped by Cilium today, ingress: 1 flows (the profile would allow 0, deny 1)")
                .contains("top denied peers:")
                .contains(file + ":6: 2026-03-01T10:00:04Z egress TCP to 10.0.3.3:5432")
                .contains("result: the profile would deny 5 connections that pass today");
        assertThat(r.err()).contains(file + ":17: error [malformed-flow] skipped: field \"flow.IP.destination\":"
                + " \"300.0.0.1\" is not an IP address");
        assertThat(r.err().lines().filter(l -> l.contains("[malformed-flow]")).count()).isEqualTo(10);
    }

    @Test
    void learnThenReplayDeniesNothingThroughTheProfileFile() throws IOException {
        CliRun learned = CliRun.run(args("learn", "--flows", file.toString()));
        assertThat(learned.code()).as("malformed lines").isEqualTo(1);
        assertThat(learned.out()).contains("  - \"service:shop|app=db\"   # pods behind service shop/db {app=db};"
                + " 1 flow, line 6").contains("  - \"api.example.com\"   # world peer named api.example.com; 2 flows,"
                + " lines 1, 2");
        Path profile = dir.resolve("learned.yaml");
        Files.writeString(profile, learned.out());
        CliRun replay = CliRun.run(args("replay", "--flows", file.toString(), "--profile", profile.toString(),
                "--format", "json", "--max-errors", "0"));
        assertThat(replay.code()).as("malformed lines only").isEqualTo(1);
        JsonNode report = JSON.readTree(replay.out());
        assertThat(report.get("deniesNothing").asBoolean()).isTrue();
        assertThat(report.get("egress").get("flowsAllowed").asLong()).isEqualTo(10);
        assertThat(report.get("malformedLines").asLong()).isEqualTo(10);
        assertThat(replay.err().lines()).allSatisfy(l -> assertThat(JSON.readTree(l).get("code").asText())
                .isEqualTo("malformed-flow"));
    }

    @Test
    void cleanInputExitsZeroAndGzipOnStandardInputWorks() throws IOException {
        byte[] clean = new String(fixture, StandardCharsets.UTF_8).lines().limit(16)
                .reduce("", (a, b) -> a + b + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(clean);
        }
        CliRun learned = CliRun.run(gz.toByteArray(), args("learn", "--format", "json", "--min-shared", "2"));
        assertThat(learned.code()).isZero();
        JsonNode lp = JSON.readTree(learned.out());
        assertThat(lp.get("profile").get("egress").toString()).contains("*.example.com");
        assertThat(lp.get("suggestions").get(0).get("lines").toString()).as("ingress first").isEqualTo("[5]");
        List<String> egress = List.of("entity:host", "entity:kube-apiserver", "endpoint:kube-system",
                "service:shop|app=db", "*.example.com", "cdn.example.net", "192.0.2.200/32", "2001:db8::1/128");
        CliRun replay = CliRun.run(gz.toByteArray(), args("replay", "--ingress", "endpoint:shop", "--egress",
                String.join(", ", egress)));
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("result: the profile denies nothing that passes today");
    }

    @Test
    void printsAProgressLineAndStopsAtTheErrorLimit() {
        CliRun r = CliRun.run(fixture, args("replay", "--egress", "", "--progress-every", "5", "--max-errors", "3"));
        assertThat(r.err()).contains("progress: 5 lines, 5 flows, 0 malformed")
                .contains("progress: 10 lines, 10 flows, 0 malformed")
                .contains("error: stopped after 3 malformed lines (at line 19)");
        assertThat(r.out()).contains("(reading stopped)");
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void learnWritesTheMappersCiliumNetworkPolicy() {
        CliRun r = CliRun.run(fixture, args("learn", "--output", "cnp", "--name", "web-learned", "--max-errors", "0"));
        assertThat(r.out()).startsWith("apiVersion: cilium.io/v2").contains("name: web-learned")
                .contains("namespace: shop").contains("toFQDNs").contains("toServices").contains("app: web");
        assertThat(r.code()).as("the malformed lines").isEqualTo(1);
    }

    @Test
    void withoutTheL7ProxyNoNamesAreLearned() {
        CliRun r = CliRun.run(fixture, args("learn", "--agent-option", "enable-l7-proxy=false", "--directions",
                "egress", "--max-errors", "0"));
        assertThat(r.out()).doesNotContain("example.com\"").contains("\"203.0.113.7/32\"")
                .contains("# ingress: not restricted");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(CliRun.run("replay", "--egress", "").code()).isEqualTo(2); // no --namespace
        assertThat(CliRun.run(args("replay")).err()).contains("give the candidate profile");
        assertThat(CliRun.run(args("replay", "--egress", "", "--flows", dir.resolve("nope").toString())).err())
                .contains("no such file");
        assertThat(CliRun.run("replay", "--egress", "", "--namespace", "shop", "--service-labels", "db=app=db").code())
                .isEqualTo(2);
        assertThat(CliRun.run(args("learn", "--agent-option", "enable-l7-proxyy=false")).err())
                .contains("did you mean");
        assertThat(CliRun.run(args("learn", "--output", "yaml")).code()).isEqualTo(2);
        assertThat(CliRun.run(args("learn", "--min-shared", "0")).code()).isEqualTo(2);
        assertThat(CliRun.run(args("learn", "--directions", "sideways")).code()).isEqualTo(2);
        assertThat(CliRun.run(args("learn", "--name", "x")).code()).isEqualTo(2);
        assertThat(CliRun.run("learn", "--namespace", "Shop").code()).isEqualTo(2);
    }

    @Test
    void helpFitsEightyColumnsAndPrintsExamplesAsWritten() {
        CommandLine cl = Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        for (String command : List.of("replay", "learn")) {
            CliRun r = CliRun.run(command, "--help");
            assertThat(r.code()).isZero();
            List<String> help = r.out().lines().toList();
            assertThat(help).as(command).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
            for (String line : cl.getSubcommands().get(command).getCommandSpec().usageMessage().footer()) {
                if (line.startsWith("  ")) {
                    assertThat(help).as(command).contains(line);
                }
            }
        }
    }

    static InputStream unused() {
        return InputStream.nullInputStream();
    }
}
