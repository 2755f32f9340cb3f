package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace}: verdicts of the engine through the command line, exit codes 0 (allowed), 1 (denied or policy
 * errors), 2 (bad usage). Scenarios after Cilium's ingress/egress allow tests (pkg/policy/rule_test.go,
 * TestL4Policy-style: an endpoint selected with default deny, a peer allowed on one port only).
 */
class TraceCommandTest {

    static final String POLICIES = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: pg
              namespace: db
            spec:
              endpointSelector:
                matchLabels:
                  app: postgres
              ingress:
              - fromEndpoints:
                - matchLabels:
                    k8s:io.kubernetes.pod.namespace: shop
                    app: web
                toPorts:
                - ports:
                  - port: "5432"
                    protocol: TCP
            ---
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
              - toEndpoints:
                - matchLabels:
                    k8s:io.kubernetes.pod.namespace: db
                    app: postgres
                toPorts:
                - ports:
                  - port: "5432"
                    protocol: TCP
              - toFQDNs:
                - matchName: api.example.com
                toPorts:
                - ports:
                  - port: "443"
                    protocol: TCP
              - toEntities:
                - kube-apiserver
              - toEndpoints:
                - matchLabels:
                    app: api
                toPorts:
                - ports:
                  - port: "8080"
                    protocol: TCP
                  rules:
                    http:
                    - method: GET
                      path: /public
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: skipped
            """;

    @TempDir
    Path dir;

    private String file() throws Exception {
        Path f = dir.resolve("policies.yaml");
        Files.writeString(f, POLICIES);
        return f.toString();
    }

    @Test
    void podToPodAllowedOnTheAllowedPortOnly() throws Exception {
        String f = file();
        CliRun ok = CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to", "pod:db/app=postgres",
                "--port", "5432/tcp");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("ALLOWED pod:shop/app=web -> pod:db/app=postgres on 5432/tcp")
                .contains("egress:  allowed").contains("ingress: allowed");
        assertThat(ok.err()).isEmpty();
        CliRun port = CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to", "pod:db/app=postgres",
                "--port", "5433/tcp");
        assertThat(port.code()).isEqualTo(1);
        assertThat(port.out()).startsWith("DENIED").contains("default-denied");
        CliRun label = CliRun.run("trace", "-f", f, "--from", "pod:shop/app=api", "--to", "pod:db/app=postgres",
                "--port", "5432/tcp");
        assertThat(label.code()).isEqualTo(1);
        assertThat(label.out()).contains("egress:  not-enforced").contains("ingress: default-denied");
    }

    @Test
    void worldFqdnAndEntityDestinations() throws Exception {
        String f = file();
        assertThat(CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to",
                "fqdn:api.example.com=203.0.113.7", "--port", "443/tcp").code()).isZero();
        assertThat(CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to",
                "fqdn:other.example.com=203.0.113.7", "--port", "443/tcp").code()).isEqualTo(1);
        assertThat(CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to", "ip:203.0.113.7",
                "--port", "443/tcp").code()).isEqualTo(1);
        assertThat(CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to", "entity:kube-apiserver",
                "--port", "6443/tcp").code()).isZero();
        assertThat(CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to", "entity:host",
                "--port", "6443/tcp").code()).isEqualTo(1);
    }

    @Test
    void httpRequestAgainstTheL7Rules() throws Exception {
        String f = file();
        CliRun pub = CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to", "pod:shop/app=api",
                "--port", "8080/tcp", "--http", "GET /public");
        assertThat(pub.code()).as(pub.out()).isZero();
        assertThat(pub.out()).contains("via the http proxy");
        CliRun admin = CliRun.run("trace", "-f", f, "--from", "pod:shop/app=web", "--to", "pod:shop/app=api",
                "--port", "8080/tcp", "--http", "GET /admin");
        assertThat(admin.code()).as(admin.out()).isEqualTo(1);
    }

    @Test
    void jsonFormat() throws Exception {
        CliRun r = CliRun.run("trace", "-f", file(), "--from", "pod:shop/app=web", "--to", "pod:db/app=postgres",
                "--port", "5432/tcp", "--format", "json");
        assertThat(r.code()).isZero();
        var o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("verdict").asText()).isEqualTo("allowed");
        assertThat(o.get("ingress").get("outcome").asText()).isEqualTo("ALLOWED");
        assertThat(o.get("explanation").asText()).isNotEmpty();
    }

    @Test
    void badUsageIsExitCode2() throws Exception {
        String f = file();
        for (String[] args : new String[][] {
            {"--from", "pod:shop/app=web", "--to", "pod:db/app=postgres", "--port", "5432/tcpx"},
            {"--from", "pod:shop/app=web", "--to", "pod:db/app=postgres", "--port", "70000/tcp"},
            {"--from", "pod:shop/app=web", "--to", "pod:db/app=postgres", "--port", "x/tcp"},
            {"--from", "web", "--to", "pod:db/app=postgres", "--port", "5432/tcp"},
            {"--from", "pod:shop/app=web", "--to", "ip:300.1.1.1", "--port", "5432/tcp"},
            {"--from", "pod:shop/app=web", "--to", "fqdn:api.example.com", "--port", "5432/tcp"},
            {"--from", "pod:shop/app=web", "--to", "fqdn:*.example.com=1.2.3.4", "--port", "5432/tcp"},
            {"--from", "pod:shop/app=web", "--to", "entity:moon", "--port", "5432/tcp"},
            {"--from", "pod:shop/app=web", "--to", "pod:db/app=postgres", "--port", "5432/tcp", "--http", "GET"},
            {"--from", "pod:shop/app=web", "--to", "pod:db/app=postgres", "--port", "5432/tcp",
                "--agent-option", "nope=1"},
        }) {
            String[] full = new String[args.length + 3];
            full[0] = "trace";
            full[1] = "-f";
            full[2] = f;
            System.arraycopy(args, 0, full, 3, args.length);
            CliRun r = CliRun.run(full);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: ").contains("try: kcs-cilium-rules trace --help")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void invalidPolicyIsReportedCompilerStyleAndExitCode1() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata:
                  name: bad
                  namespace: db
                spec:
                  endpointSelector: {}
                  ingress:
                  - fromCIDR:
                    - 10.0.0.0/33
                """);
        CliRun r = CliRun.run("trace", "-f", f.toString(), "--from", "pod:shop/app=web", "--to",
                "pod:db/app=postgres", "--port", "5432/tcp");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(f + ":1: error: ");
        CliRun missing = CliRun.run("trace", "-f", dir.resolve("none.yaml").toString(), "--from",
                "pod:shop/app=web", "--to", "pod:db/app=postgres", "--port", "5432/tcp");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).startsWith("error: input/output failed");
    }

    @Test
    void policiesAreReadStrictlyWithTheirLinesAndFromStandardInput() throws Exception {
        Path f = dir.resolve("alias.yaml");
        Files.writeString(f, POLICIES.replace("      app: postgres\n  ingress:", "      app: &pg postgres\n"
                + "  ingress:"));
        CliRun r = CliRun.run("trace", "-f", f.toString(), "--from", "pod:shop/app=web", "--to",
                "pod:db/app=postgres", "--port", "5432/tcp");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(f + ":1: error: yaml-not-allowed at spec.endpointSelector.matchLabels.app"
                + " (line 9): ");
        CliRun stdin = CliRun.withInput(POLICIES, "trace", "-f", "-", "--from", "pod:shop/app=web", "--to",
                "pod:db/app=postgres", "--port", "5432/tcp");
        assertThat(stdin.code()).as(stdin.err()).isZero();
        assertThat(stdin.out()).startsWith("ALLOWED");
    }
}
