package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    /** Exit code, standard output and standard error of one in-process run. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theReadmeMainJobTranslatesToAValidPolicy() {
        Run r = run("translate", "--namespace", "shop", "--name", "web-profile", "--selector", "app=web", "--egress",
                "entity:kube-apiserver, *.example.com, 10.0.0.0/8, service:db|app=postgres");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(r.out(), CiliumNetworkPolicy.class);
        assertThat(p.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(p.getSpec().getEndpointSelector().getMatchLabels()).containsEntry("app", "web");
        assertThat(p.getSpec().getEgress()).hasSize(5); // entities, CIDR, services, FQDNs, DNS rule
        assertThat(r.out()).contains("toFQDNs").contains("kube-dns").contains("10.0.0.0/8");
    }

    /** Splits a shell command line with single-quoted arguments (all the README uses). */
    static java.util.List<String> shellWords(String line) {
        java.util.List<String> words = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    @Test
    void theExactReadmeMainJobCommandLinePrintsTheGoldenPolicy() throws java.io.IOException {
        java.nio.file.Path readme = java.nio.file.Path.of("..", "README.md");
        String line = java.nio.file.Files.readAllLines(readme).stream()
                .filter(l -> l.startsWith("./kcs-cilium-rules translate ")).findFirst().orElseThrow();
        java.util.List<String> words = shellWords(line);
        assertThat(words.get(0)).isEqualTo("./kcs-cilium-rules");
        Run r = run(words.subList(1, words.size()).toArray(new String[0]));
        assertThat(r.code()).isZero();
        String golden;
        try (java.io.InputStream in = MainTest.class.getResourceAsStream("/golden/readme-main-job.yaml")) {
            golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(r.out()).isEqualTo(golden);
    }

    @Test
    void translatesClusterwidePoliciesAndJson() {
        Run r = run("translate", "--clusterwide", "--name", "baseline", "--selector", "env=prod", "--ingress", "",
                "--output", "json");
        assertThat(r.code()).isZero();
        CiliumClusterwideNetworkPolicy p = CiliumPolicies.fromYaml(r.out(), CiliumClusterwideNetworkPolicy.class);
        assertThat(p.getSpec().getIngress()).hasSize(1);
        assertThat(r.out()).startsWith("{");
    }

    @Test
    void translateReportsListErrorsWithCaretsAndPrintsNoPolicy() {
        Run r = run("translate", "--namespace", "shop", "--name", "p", "--egress", "10.0.0.0/8, entity:wrld");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("egress:20: error [unknown-entity]").contains("did you mean \"world\"")
                .contains("^^^^");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void translateReportsMappingErrors() {
        Run r = run("translate", "--namespace", "shop", "--name", "p", "--ingress", "api.example.com");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("fqdn-in-ingress");
    }

    @Test
    void otherCniIgnoresCiliumEntries() {
        Run r = run("translate", "--namespace", "shop", "--name", "p", "--cni", "other", "--egress",
                "entity:host, 10.0.0.0/8");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("cni-ignored");
        assertThat(r.out()).doesNotContain("toEntities");
    }

    @Test
    void badUsageExitsWithTwoAndNoStackTrace() {
        for (String[] args : new String[][] {
            {"translate", "--name", "p", "--egress", ""},
            {"translate", "--namespace", "a", "--name", "p"},
            {"translate", "--namespace", "a", "--name", "p", "--egress", "", "--output", "xml"},
            {"translate", "--namespace", "a", "--name", "p", "--egress", "", "--selector", "novalue"},
            {"translate", "--namespace", "a", "--name", "p", "--egress", "", "--cilium-version", "2.x"},
            {"translate", "--namespace", "Bad_NS", "--name", "p", "--egress", ""},
            {"check", "--format", "xml", "x"},
            {"check"},
            {"bogus"},
        }) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).doesNotContain("Exception:").doesNotContain("\tat ");
        }
    }

    @Test
    void checkPrintsDiagnosticsLikeACompiler() {
        Run r = run("check", "10.0.0.1/8, entity:wrld, 010.1.2.3");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(String.join("\n",
                "list:1: warning [host-bits-set] \"10.0.0.1/8\" has host bits set; applied as 10.0.0.0/8 (Cilium masks"
                        + " them too)",
                "  10.0.0.1/8",
                "  ^^^^^^^^^^",
                "list:20: error [unknown-entity] unknown entity \"wrld\"; expected one of all, world, world-ipv4,"
                        + " world-ipv6, cluster, host, init, ingress, unmanaged, remote-node, health, none,"
                        + " kube-apiserver, cluster-mesh; did you mean \"world\"?",
                "   entity:wrld",
                "          ^^^^",
                "list:26: error [invalid-ipv4] invalid CIDR \"010.1.2.3\": IPv4 field has octet with leading zero"
                        + " (at \"010\"); expected an IPv4 address or CIDR such as 10.0.0.0/8",
                "   010.1.2.3",
                "   ^^^",
                "list: 1 exception: 10.0.0.0/8", ""));
    }

    @Test
    void checkExitsZeroOnWarningsAndSpeaksJson() {
        assertThat(run("check", "10.0.0.0/8, api.example.com").code()).isZero();
        assertThat(run("check", "10.0.0.1/8").code()).isZero();
        Run json = run("check", "--format", "json", "a..b");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.out()).startsWith("{\"list\":\"list\",\"severity\":\"ERROR\",\"code\":\"invalid-fqdn\","
                + "\"start\":0,\"end\":4,");
    }

    @Test
    void explainNamesTheMatchingExceptionAndItsPosition() {
        Run r = run("explain", "--egress", "10.0.0.0/8, *.example.com", "--to", "203.0.113.7", "--dns",
                "api.example.com=203.0.113.7");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ALLOWED egress traffic").contains("exception: *.example.com")
                .contains("columns 13-25");
    }

    @Test
    void explainBundlesRepliesWithTheirConnection() {
        Run r = run("explain", "--ingress", "", "--egress", "10.0.0.0/8", "--to", "10.1.2.3", "--reply");
        assertThat(r.out()).startsWith("ALLOWED egress traffic (reply").contains("REPLY_OF_ALLOWED_CONNECTION");
        Run in = run("explain", "--ingress", "", "--from", "10.1.2.3");
        assertThat(in.out()).startsWith("DENIED ingress traffic").contains("ingress exception list is empty");
    }

    @Test
    void explainHandlesPodsServicesAndEntities() {
        assertThat(run("explain", "--egress", "service:db|app=pg", "--to-pod", "db/role=primary", "--via-service",
                "app=pg").out()).startsWith("ALLOWED");
        assertThat(run("explain", "--ingress", "endpoint:mon", "--from-pod", "mon").out()).startsWith("ALLOWED");
        assertThat(run("explain", "--egress", "10.0.0.0/8", "--to-entity", "host").out())
                .startsWith("DENIED").contains("NO_EXCEPTION_MATCHED");
        assertThat(run("explain", "--egress", "entity:host", "--to-entity", "nope").code()).isEqualTo(2);
        assertThat(run("explain", "--egress", "entity:host", "--entity", "host").out()).startsWith("ALLOWED");
        assertThat(run("explain", "--egress", "x.com", "--to", "1.2.3.4", "--from", "1.2.3.4").code()).isEqualTo(2);
        assertThat(run("explain", "--ingress", "api.example.com", "--from", "1.2.3.4").code()).isEqualTo(1);
    }

    @Test
    void diagramDrawsTheProfileAsMermaid() {
        Run r = run("diagram", "--selector", "app=web", "--ingress", "entity:ingress", "--egress",
                "10.0.0.0/8, *.x.io, service:db|app=pg");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(String.join("\n",
                "flowchart LR",
                "  workload([\"workload app=web\"])",
                "  subgraph ingress[\"ingress allows only\"]",
                "    i0[\"entity:ingress\"]",
                "  end",
                "  i0 --> workload",
                "  subgraph egress[\"egress allows only\"]",
                "    e0[\"CIDR 10.0.0.0/8\"]",
                "    e1[\"DNS *.x.io\"]",
                "    e2[\"service:db#124;app=pg\"]",
                "  end",
                "  workload --> e0",
                "  workload --> e1",
                "  workload --> e2", ""));
        Run locked = run("diagram", "--egress", "");
        assertThat(locked.out()).contains("iany -.-> workload").contains("nothing: default deny")
                .contains("workload -. blocked .-> enone");
    }

    static Run runWithInput(String input, String... args) {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static String event(int second, String flag) {
        return "{\"timestamp\":\"2026-01-01T00:00:0" + second + "Z\",\"src\":\"10.0.0.1\",\"srcPort\":40000,"
                + "\"dst\":\"10.0.0.2\",\"dstPort\":443,\"protocol\":\"TCP\",\"flags\":[\"" + flag + "\"],"
                + "\"direction\":\"egress\",\"reply\":false,\"verdict\":\"forwarded\"}";
    }

    @Test
    void aggregateMergesEventsAndConservesCounts() {
        String input = String.join("\n", event(0, "SYN"), event(1, "ACK"), event(2, "ACK"), event(3, "FIN"), "");
        Run r = runWithInput(input, "aggregate", "--agent-option", "monitor-aggregation-flags=syn,fin,rst");
        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("\"reason\":\"NEW_CONNECTION\",\"count\":1");
        assertThat(lines[1]).contains("\"reason\":\"CONNECTION_CLOSED\",\"count\":3");
        Run none = runWithInput(input, "aggregate", "--agent-option", "monitor-aggregation=none");
        assertThat(none.out().split("\n")).hasSize(4);
    }

    @Test
    void aggregateSkipsBadLinesAndRejectsBadOptions() {
        Run r = runWithInput(event(0, "SYN") + "\nnot json\n{\"src\":\"1.2.3.4\"}\n", "aggregate");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("line 2: skipped").contains("line 3: skipped");
        assertThat(r.out().split("\n")).hasSize(1);
        assertThat(runWithInput("", "aggregate", "--agent-option", "monitor-aggregation-flags=bogus").code())
                .isEqualTo(2);
        assertThat(runWithInput("", "aggregate", "--agent-option", "novalue").code()).isEqualTo(2);
    }

    @Test
    void profileFilesGiveTheListsAsAStringOrAList(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("profile.yaml");
        java.nio.file.Files.writeString(file, "ingress: entity:ingress, endpoint:monitoring\negress:\n"
                + "  - entity:kube-apiserver\n  - \"*.example.com\"\n  - 10.0.0.0/8\n");
        Run fromFile = run("translate", "--namespace", "shop", "--name", "p", "--profile", file.toString());
        Run fromOptions = run("translate", "--namespace", "shop", "--name", "p", "--ingress",
                "entity:ingress, endpoint:monitoring", "--egress", "entity:kube-apiserver, *.example.com, 10.0.0.0/8");
        assertThat(fromFile.code()).isZero();
        assertThat(fromFile.out()).isEqualTo(fromOptions.out());
        assertThat(run("explain", "--profile", file.toString(), "--to", "10.1.2.3").out()).startsWith("ALLOWED");
        assertThat(run("diagram", "--profile", file.toString()).out()).contains("endpoint:monitoring");
        // both kinds of input, a missing file, an unknown key: usage errors
        assertThat(run("translate", "--namespace", "a", "--name", "p", "--profile", file.toString(), "--egress", "")
                .code()).isEqualTo(2);
        assertThat(run("translate", "--namespace", "a", "--name", "p", "--profile", dir.resolve("none").toString())
                .code()).isEqualTo(2);
        java.nio.file.Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "egres: 10.0.0.0/8\n");
        Run r = run("translate", "--namespace", "a", "--name", "p", "--profile", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key \"egres\"");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"translate", "check", "explain", "diagram", "aggregate", "lint",
            "diff", "validate"}) {
            Run r = run(command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Examples:").contains("Exit codes");
        }
        assertThat(run("--help").out()).contains("translate").contains("check");
    }
}
