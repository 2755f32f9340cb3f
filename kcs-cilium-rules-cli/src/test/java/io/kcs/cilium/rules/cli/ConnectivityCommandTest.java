package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connectivity DIR}: the map of a directory of policies and workload manifests in each format. */
class ConnectivityCommandTest {

    static final String WORKLOADS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    ports:
                    - containerPort: 8080
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: postgres
              namespace: db
            spec:
              serviceName: postgres
              template:
                metadata:
                  labels:
                    app: postgres
                spec:
                  containers:
                  - name: pg
                    ports:
                    - name: pg
                      containerPort: 5432
                    - name: metrics
                      containerPort: 9187
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: backup
              namespace: db
            spec:
              schedule: "0 * * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      labels:
                        app: backup
                    spec:
                      containers:
                      - name: b
            """;

    @TempDir
    Path dir;

    private void write() throws Exception {
        Files.writeString(dir.resolve("policies.yaml"), TraceCommandTest.POLICIES);
        Files.createDirectories(dir.resolve("apps"));
        Files.writeString(dir.resolve("apps/workloads.yml"), WORKLOADS);
        Files.writeString(dir.resolve("README.md"), "not read");
    }

    @Test
    void tableListsExactlyTheAllowedFlows() throws Exception {
        write();
        CliRun r = CliRun.run("connectivity", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // web's egress is enforced (only postgres 5432, the fqdn, kube-apiserver, app=api); postgres's ingress
        // allows web on 5432 only; backup and postgres have no egress policy; web has no ingress policy.
        assertThat(r.out().lines().filter(l -> !l.startsWith("FROM") && l.contains("/")).map(l -> l.replaceAll(
                "\\s+", " ").trim())).containsExactlyInAnyOrder(
                "Deployment/shop/web StatefulSet/db/postgres 5432/tcp",
                "CronJob/db/backup Deployment/shop/web 8080/tcp",
                "StatefulSet/db/postgres Deployment/shop/web 8080/tcp");
        assertThat(r.out()).contains("3 allowed of 6 (workload pair, port) combinations; 3 workloads");
    }

    @Test
    void jsonMermaidAndDot() throws Exception {
        write();
        CliRun j = CliRun.run("connectivity", dir.toString(), "--format", "json");
        assertThat(j.code()).isZero();
        JsonNode o = new ObjectMapper().readTree(j.out());
        assertThat(o.get("workloads")).hasSize(3);
        assertThat(o.get("allowed")).hasSize(3);
        CliRun m = CliRun.run("connectivity", dir.toString(), "--format", "mermaid");
        assertThat(m.out()).startsWith("flowchart LR").contains("-->|\"5432/tcp\"|");
        CliRun d = CliRun.run("connectivity", dir.toString(), "--format", "DOT");
        assertThat(d.out()).startsWith("digraph connectivity {").contains("[label=\"5432/tcp\"]").endsWith("}\n");
    }

    @Test
    void errorsAndUsage() throws Exception {
        write();
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: [\n");
        CliRun r = CliRun.run("connectivity", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(dir.resolve("bad.yaml") + ":1: error: ");
        assertThat(CliRun.run("connectivity", dir.resolve("none").toString()).code()).isEqualTo(2);
        CliRun f = CliRun.run("connectivity", dir.toString(), "--format", "svg");
        assertThat(f.code()).isEqualTo(2);
        assertThat(f.err()).contains("table, json, mermaid, dot");
    }

    @Test
    void workloadDiagnosticsArePrintedWithFileDocumentAndLineAndNothingIsDroppedSilently() throws Exception {
        write();
        Files.writeString(dir.resolve("more.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bad
                  labels:
                    version: 2
                """);
        CliRun r = CliRun.run("connectivity", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).contains(
                dir.resolve("more.yaml") + ":1: warning: ignored-kind at document-1: kind (line 2): kind ConfigMap is"
                        + " not read, the object is ignored; read are Pod, Deployment, StatefulSet, DaemonSet,"
                        + " ReplicaSet, Job, CronJob, Namespace, Service, Node");
        assertThat(r.err()).contains(dir.resolve("more.yaml") + ":2: error: invalid-label at"
                + " pods/default/bad: metadata.labels.version (line 11): ");
        // the map is of what could be read
        assertThat(r.out()).contains("3 workloads");
    }

    @Test
    void nodesAreTracedAsRemoteNodeSources() throws Exception {
        Files.writeString(dir.resolve("all.yaml"), WORKLOADS + """
                ---
                apiVersion: v1
                kind: Node
                metadata:
                  name: n1
                  labels:
                    zone: a
                status:
                  addresses:
                  - type: InternalIP
                    address: 10.1.0.7
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata:
                  name: from-nodes
                  namespace: db
                spec:
                  endpointSelector:
                    matchLabels:
                      app: postgres
                  ingress:
                  - fromEntities:
                    - remote-node
                    toPorts:
                    - ports:
                      - port: "9187"
                        protocol: TCP
                """);
        CliRun r = CliRun.run("connectivity", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().map(l -> l.replaceAll("\\s+", " ").trim()))
                .contains("Node/n1 StatefulSet/db/postgres 9187/tcp")
                .noneMatch(l -> l.startsWith("Node/n1 StatefulSet/db/postgres 5432"))
                .noneMatch(l -> l.contains(" Node/n1 "));
    }
}
