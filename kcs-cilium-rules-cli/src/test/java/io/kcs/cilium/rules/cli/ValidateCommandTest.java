package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate FILE...}: compiler-style diagnostics of Cilium policy YAML, as the agent would judge it. */
class ValidateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid CNP: web pods may reach the API server and, through the DNS proxy, api.example.com. */
    static final String VALID = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: web
              namespace: shop
            spec:
              endpointSelector:
                matchLabels:
                  app: web
              egress:
              - toEntities:
                - kube-apiserver
              - toFQDNs:
                - matchName: api.example.com
              - toEndpoints:
                - matchLabels:
                    k8s:io.kubernetes.pod.namespace: kube-system
                    k8s:k8s-app: kube-dns
                toPorts:
                - ports:
                  - port: "53"
                    protocol: ANY
                  rules:
                    dns:
                    - matchPattern: "*"
            """;

    /** A CNP the agent refuses (cnp_types.go Parse: a CiliumNetworkPolicy cannot select nodes), at line 10. */
    static final String BROKEN = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: api
              namespace: shop
            spec:
              endpointSelector:
                matchLabels:
                  app: api
              nodeSelector:
                matchLabels:
                  role: worker
              ingress:
              - fromEntities:
                - cluster
            """;

    private static String resource(String name) throws IOException {
        try (InputStream in = ValidateCommandTest.class.getResourceAsStream("/validate/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aValidPolicyExitsWithZeroAndASummary(@TempDir Path dir) throws IOException {
        Path f = write(dir, "web.yaml", VALID);
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("1 document: 1 valid, 0 not; 0 errors, 0 warnings\n");
        assertThat(r.code()).isZero();
    }

    @Test
    void anErrorIsPrintedAtTheLineOfItsFieldAndExitsWithOne(@TempDir Path dir) throws IOException {
        Path f = write(dir, "api.yaml", BROKEN);
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.code()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("[^:]+:[0-9]+: (error|warning): [a-z0-9-]+: [^ ]+: .*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(f + ":10: error: ")
                .contains(": shop/api:spec.nodeSelector: "));
        assertThat(lines.get(lines.size() - 1)).startsWith("1 document: 0 valid, 1 not; ");
    }

    /** Golden output for a file with a valid policy, a broken one, a Pod, bad YAML and a duplicate. */
    @Test
    void severalDocumentsGolden(@TempDir Path dir) throws IOException {
        Path f = write(dir, "several.yaml", resource("several.yaml"));
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        String actual = r.out().replace(f.toString(), "several.yaml");
        if (Boolean.getBoolean("kcs.updateGolden")) { // mvn ... -Dkcs.updateGolden=true rewrites the golden file
            Files.writeString(Path.of("src/test/resources/validate/several.out"), actual);
        }
        assertThat(actual).isEqualTo(resource("several.out"));
    }

    @Test
    void dashReadsStandardInput() {
        CliRun r = CliRun.withInput(BROKEN, "validate", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("<stdin>:10: error: ");
        CliRun ok = CliRun.withInput(VALID, "validate", "-");
        assertThat(ok.code()).isZero();
    }

    @Test
    void jsonWritesOneObjectPerDiagnostic() throws IOException {
        CliRun r = CliRun.withInput(VALID + "---\n" + BROKEN, "validate", "--format", "json", "-");
        assertThat(r.code()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).isNotEmpty();
        int start = (int) VALID.lines().count() + 2; // the second document's first line
        for (String line : lines) {
            JsonNode d = JSON.readTree(line);
            assertThat(d.get("file").asText()).isEqualTo("<stdin>");
            assertThat(d.get("document").asInt()).isEqualTo(2);
            assertThat(d.get("line").asInt()).isBetween(start, start + 15);
            assertThat(d.get("severity").asText()).isIn("ERROR", "WARNING");
            assertThat(d.get("path").asText()).startsWith("shop/api:");
            assertThat(d.has("code") && d.has("message")).isTrue();
        }
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("line").asInt()).isEqualTo(start + 10 - 1);
    }

    @Test
    void badYamlIsAnErrorOfItsDocumentAndTheOthersAreStillRead() {
        CliRun r = CliRun.withInput("kind: CiliumNetworkPolicy\nspec: [\n---\n" + BROKEN + "---\na: &x 1\nb: *x\n",
                "validate", "-");
        assertThat(r.code()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("<stdin>:2: error: yaml-syntax: document-1: not valid YAML: .*");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("<stdin>:13: error: ").contains("shop/api:"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("<stdin>:20: error: yaml-not-allowed: document-3:a: "));
        assertThat(lines.get(lines.size() - 1)).startsWith("3 documents: 0 valid, 3 not; ");
    }

    @Test
    void otherKindsAreErrors() {
        CliRun r = CliRun.withInput("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\n", "validate", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("<stdin>:").contains(": error: unsupported-kind: ");
    }

    @Test
    void agentOptionsChangeTheVerdict() {
        String noDefaultDeny = VALID.replace("  egress:\n", "  enableDefaultDeny:\n    egress: false\n  egress:\n");
        CliRun honoured = CliRun.withInput(noDefaultDeny, "validate", "-");
        assertThat(honoured.code()).isZero();
        assertThat(honoured.out()).doesNotContain("default-deny-ignored");
        CliRun ignored = CliRun.withInput(noDefaultDeny, "validate", "--agent-option",
                "enable-non-default-deny-policies=false", "-");
        assertThat(ignored.code()).isZero();
        assertThat(ignored.out()).contains("<stdin>:11: warning: default-deny-ignored: shop/web:spec.enableDefaultDeny");
    }

    @Test
    void theCiliumVersionPicksTheLinesRules() {
        String unknown = VALID.replace("  egress:\n", "  bogus: 1\n  egress:\n");
        assertThat(CliRun.withInput(unknown, "validate", "--cilium-version", "1.16", "-").out())
                .contains("<stdin>:10: warning: unknown-field: shop/web:spec.bogus: ").contains("Cilium 1.16");
        assertThat(CliRun.withInput(unknown, "validate", "-").out()).contains("Cilium 1.20");
    }

    @Test
    void crossPolicyLintsSeeEveryFile(@TempDir Path dir) throws IOException {
        String fqdnOnly = VALID.substring(0, VALID.indexOf("  - toEndpoints:"));
        String dnsOnly = VALID.replace("name: web\n", "name: dns\n")
                .replace("  - toEntities:\n    - kube-apiserver\n  - toFQDNs:\n    - matchName: api.example.com\n", "");
        Path a = write(dir, "a.yaml", fqdnOnly);
        Path b = write(dir, "b.yaml", dnsOnly);
        CliRun alone = CliRun.run("validate", a.toString());
        assertThat(alone.code()).isZero();
        assertThat(alone.out()).contains(": warning: fqdn-without-dns-rule: shop/web:");
        CliRun together = CliRun.run("validate", a.toString(), b.toString());
        assertThat(together.code()).isZero();
        assertThat(together.out()).doesNotContain("fqdn-without-dns-rule")
                .endsWith("2 documents: 2 valid, 0 not; 0 errors, 0 warnings\n");
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) {
        assertThat(CliRun.run("validate").code()).isEqualTo(2);
        assertThat(CliRun.run("validate", "-", "-").code()).isEqualTo(2);
        assertThat(CliRun.run("validate", dir.resolve("missing.yaml").toString()).err())
                .contains("no such file").contains("--help");
        assertThat(CliRun.withInput(VALID, "validate", "--cilium-version", "2.0", "-").code()).isEqualTo(2);
        CliRun typo = CliRun.withInput(VALID, "validate", "--agent-option", "enable-l7-proxyy=false", "-");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean \"enable-l7-proxy\"");
        assertThat(CliRun.withInput(VALID, "validate", "--format", "xml", "-").code()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorOfThatFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("latin1.yaml");
        Files.write(bad, new byte[] {'k', ':', ' ', 'v', '\n', 'a', ':', ' ', (byte) 0xE9, '\n'});
        CliRun r = CliRun.run("validate", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith(bad + ":2: error: not-utf8: ");
    }

    @Test
    void aListOfPoliciesAsKubectlPrintsItIsReadItemByItem() {
        String list = "apiVersion: v1\nkind: List\nitems:\n" + BROKEN.indent(2).replaceFirst("^  ", "- ");
        CliRun r = CliRun.withInput(list, "validate", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("<stdin>:13: error: ");
    }

    /**
     * Every document of the shared Cilium corpus ({@code ../shared/reference/cilium-corpus/}, read in place; skipped
     * when absent) in one run: no internal error, every line well-formed and inside its file, one summary.
     */
    @Test
    void theCiliumCorpusInOneRun() throws IOException {
        Path corpus = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && corpus == null; p = p.getParent()) {
            Path c = p.resolve("shared/reference/cilium-corpus");
            corpus = Files.isDirectory(c) ? c : null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null,
                "corpus run skipped: ../shared/reference/cilium-corpus is absent");
        List<Path> files;
        try (var s = Files.list(corpus)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> args = new java.util.ArrayList<>(List.of("validate", "--agent-option",
                "enable-node-selector-labels=true"));
        files.forEach(f -> args.add(f.toString()));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isIn(0, 1);
        List<String> lines = r.out().lines().toList();
        java.util.regex.Pattern diag = java.util.regex.Pattern.compile("(.+\\.yaml):([0-9]+): (error|warning): "
                + "[a-z0-9-]+: \\S+: .+");
        for (String l : lines.subList(0, lines.size() - 1)) {
            java.util.regex.Matcher m = diag.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            long fileLines = Files.readAllLines(Path.of(m.group(1))).size();
            assertThat(Long.parseLong(m.group(2))).as(l).isBetween(1L, fileLines + 1);
        }
        assertThat(lines.get(lines.size() - 1)).startsWith(files.size() + " documents: ");
    }

    @Test
    void emptyInputHasNothingToValidate() {
        CliRun r = CliRun.withInput("", "validate", "-");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("0 documents: 0 valid, 0 not; 0 errors, 0 warnings\n");
    }
}
