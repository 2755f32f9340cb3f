package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WorkloadReader#read(String)} and {@link WorkloadReader#readResources(List)}: one row per kind read, one row
 * per malformed shape (each differing from the valid {@link #POD} in one place), never an exception, nothing dropped
 * without a diagnostic.
 */
class WorkloadReaderTableTest {

    /** A valid Pod; every negative row replaces one piece of it. */
    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: shop
              labels:
                app: web
            spec:
              serviceAccountName: web-sa
              containers:
              - name: c
                ports:
                - name: http
                  containerPort: 8080
            status:
              podIP: 10.0.0.5
            """;

    static final String TEMPLATE = """
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  serviceAccountName: web-sa
                  containers:
                  - name: c
                    ports:
                    - name: http
                      containerPort: 8080
                    - containerPort: 53
                      protocol: UDP
            """;

    static String workload(String kind, String api, String specPrefix, String template) {
        return "apiVersion: " + api + "\nkind: " + kind + "\nmetadata:\n  name: w\n  namespace: shop\nspec:\n"
                + specPrefix + template;
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("Deployment", workload("Deployment", "apps/v1", "  replicas: 1\n", TEMPLATE)),
                Arguments.of("StatefulSet", workload("StatefulSet", "apps/v1", "  serviceName: x\n", TEMPLATE)),
                Arguments.of("DaemonSet", workload("DaemonSet", "apps/v1", "", TEMPLATE)),
                Arguments.of("ReplicaSet", workload("ReplicaSet", "apps/v1", "  replicas: 2\n", TEMPLATE)),
                Arguments.of("Job", workload("Job", "batch/v1", "  backoffLimit: 1\n", TEMPLATE)),
                Arguments.of("CronJob", workload("CronJob", "batch/v1",
                        "  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n", TEMPLATE.indent(4))),
                Arguments.of("Pod", POD.replace("name: p", "name: w")
                        + "  podIPs:\n  - ip: 10.0.0.5\n"
                        .replace("              - name: http\n                  containerPort: 8080\n", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachWorkloadKindIsReadWithItsPodTemplate(String kind, String yaml) {
        WorkloadReadResult r = WorkloadReader.read(yaml);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.workloads()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo(kind + "/shop/w");
            assertThat(w.peer().labels()).isEqualTo(Map.of("app", "web"));
            assertThat(w.peer().serviceAccount()).contains("web-sa");
            assertThat(w.peer().namedPorts()).isEqualTo(Map.of("http", 8080));
            assertThat(w.peer().namespaceLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "shop"));
            assertThat(w.ports()).startsWith(ConnectivityMap.Probe.tcp(8080));
            if (kind.equals("Pod")) {
                assertThat(w.peer().podIp()).contains(IpAddress.parse("10.0.0.5"));
            } else {
                assertThat(w.ports()).containsExactly(ConnectivityMap.Probe.tcp(8080),
                        new ConnectivityMap.Probe(Protocol.UDP, 53));
                assertThat(w.peer().podIp()).isEmpty();
            }
        });
        assertThat(r.namespaces()).containsOnlyKeys("shop");
    }

    /** Name, the YAML, severity, code, path, line (0: any). */
    static Stream<Arguments> malformed() {
        return Stream.of(
                row("YAML syntax", POD.replace("app: web", "app: [web"), Severity.ERROR,
                        YamlDocuments.YAML_SYNTAX, "", 0),
                row("alias", POD.replace("labels:\n    app: web", "labels: &l\n    app: web"), Severity.ERROR,
                        YamlDocuments.YAML_NOT_ALLOWED, "metadata.labels", 6),
                row("duplicate key", POD.replace("app: web", "app: web\n    app: db"), Severity.ERROR,
                        YamlDocuments.YAML_NOT_ALLOWED, "metadata.labels", 8),
                row("tag", POD.replace("containerPort: 8080", "containerPort: !!int 8080"), Severity.ERROR,
                        YamlDocuments.YAML_NOT_ALLOWED, "spec.containers[0].ports[0].containerPort", 14),
                row("a list, not an object", "- " + POD.replace("\n", "\n  ").strip(), Severity.ERROR,
                        YamlDocuments.NOT_AN_OBJECT, "", 1),
                row("empty list item", POD.replace("  - name: c\n", "  -\n  - name: c\n"), Severity.ERROR,
                        WorkloadDiagnostic.EMPTY_LIST_ITEM, "spec.containers[0]", 11),
                row("unknown kind", POD.replace("kind: Pod", "kind: ConfigMap"), Severity.WARNING,
                        WorkloadDiagnostic.IGNORED_KIND, "kind", 2),
                row("misspelt kind", POD.replace("kind: Pod", "kind: Podd"), Severity.WARNING,
                        WorkloadDiagnostic.IGNORED_KIND, "kind", 2),
                row("no kind", POD.replace("kind: Pod\n", ""), Severity.ERROR, WorkloadDiagnostic.MISSING_KIND,
                        "kind", 0),
                row("no name", POD.replace("  name: p\n", ""), Severity.ERROR, WorkloadDiagnostic.INVALID_NAME,
                        "metadata.name", 3),
                row("bad namespace", POD.replace("namespace: shop", "namespace: Shop"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_NAME, "metadata.namespace", 5),
                row("label value a number", POD.replace("app: web", "app: 1"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_LABEL, "metadata.labels.app", 7),
                row("label value a YAML 1.1 boolean", POD.replace("app: web", "app: yes"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_LABEL, "metadata.labels.app", 7),
                row("label without value", POD.replace("app: web", "app:"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_LABEL, "metadata.labels.app", 7),
                row("bad label key", POD.replace("app: web", "-app: web"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_LABEL, "metadata.labels.-app", 7),
                row("bad label value", POD.replace("app: web", "app: web!"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_LABEL, "metadata.labels.app", 7),
                row("labels a list", POD.replace("labels:\n    app: web", "labels: [web]"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_STRUCTURE, "metadata.labels", 6),
                row("port too large", POD.replace("8080", "70000"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_PORT, "spec.containers[0].ports[0].containerPort", 14),
                row("port a string", POD.replace("8080", "\"8080\""), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_PORT, "spec.containers[0].ports[0].containerPort", 14),
                row("port missing", POD.replace("  containerPort: 8080\n", "  protocol: TCP\n"),
                        Severity.ERROR, WorkloadDiagnostic.INVALID_PORT,
                        "spec.containers[0].ports[0].containerPort", 13),
                row("protocol lower case", POD.replace("containerPort: 8080", "containerPort: 8080\n"
                        + "      protocol: tcp"), Severity.ERROR, WorkloadDiagnostic.INVALID_PORT,
                        "spec.containers[0].ports[0].protocol", 15),
                row("ports a number", POD.replace("ports:\n    - name: http\n      containerPort: 8080",
                        "ports: 8080"), Severity.ERROR, WorkloadDiagnostic.INVALID_STRUCTURE,
                        "spec.containers[0].ports", 12),
                row("bad port name", POD.replace("name: http", "name: http_port"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_IDENTITY, "", 1),
                row("bad service account", POD.replace("web-sa", "Web_SA"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_IDENTITY, "", 1),
                row("bad pod IP", POD.replace("10.0.0.5", "10.0.0.300"), Severity.ERROR,
                        WorkloadDiagnostic.INVALID_IP, "status.podIP", 16),
                row("second pod IP", POD + "  podIPs:\n  - ip: 10.0.0.5\n  - ip: fd00::5\n", Severity.WARNING,
                        WorkloadDiagnostic.IGNORED_FIELD, "status.podIPs[1].ip", 19),
                row("host network", POD.replace("  serviceAccountName", "  hostNetwork: true\n"
                        + "  serviceAccountName"), Severity.WARNING, WorkloadDiagnostic.IGNORED_FIELD,
                        "spec.hostNetwork", 9),
                row("deployment without template", workload("Deployment", "apps/v1", "  replicas: 1\n", ""),
                        Severity.ERROR, WorkloadDiagnostic.MISSING_TEMPLATE, "spec.template", 6),
                row("node with a bad address", """
                        apiVersion: v1
                        kind: Node
                        metadata:
                          name: n1
                        status:
                          addresses:
                          - type: Hostname
                            address: n1
                          - type: InternalIP
                            address: 10.1.0.300
                        """, Severity.ERROR, WorkloadDiagnostic.INVALID_IP, "status.addresses[1].address", 10),
                row("the same pod twice", POD + "---\n" + POD, Severity.WARNING,
                        WorkloadDiagnostic.DUPLICATE_OBJECT, "", 1));
    }

    private static Arguments row(String name, String yaml, Severity severity, String code, String path, int line) {
        return Arguments.of(name, yaml, severity, code, path, line);
    }

    @Test
    void theBaseRowIsValid() {
        WorkloadReadResult r = WorkloadReader.read(POD);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(r.workloads()).singleElement().satisfies(w -> assertThat(w.id()).isEqualTo("Pod/shop/p"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void eachMalformedShapeGivesItsDiagnostic(String name, String yaml, Severity severity, String code, String path,
            int line) {
        WorkloadReadResult r = WorkloadReader.read(yaml);
        assertThat(r.diagnostics()).as(name).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(severity);
            assertThat(d.code()).isEqualTo(code);
            assertThat(d.path()).isEqualTo(path);
            if (line > 0) {
                assertThat(d.line()).isEqualTo(line);
            }
            assertThat(d.input()).isIn(0, 1);
            assertThat(d.toString()).contains(code).contains(d.message());
        });
        if (severity == Severity.ERROR) {
            // refused whole: no half-read identity
            assertThat(r.workloads()).as(name).isEmpty();
            assertThat(r.nodes()).isEmpty();
            assertThat(r.valid()).isFalse();
        } else {
            assertThat(r.valid()).isTrue();
        }
    }

    @Test
    void diagnosticsNameTheObjectAsKubectlDoes() {
        WorkloadReadResult r = WorkloadReader.read(workload("Deployment", "apps/v1", "", TEMPLATE)
                .replace("app: web", "app: 1"));
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo("deployments/shop/w");
            assertThat(d.where()).isEqualTo("deployments/shop/w: spec.template.metadata.labels.app");
            assertThat(d.line()).isEqualTo(10);
        });
        WorkloadReadResult unnamed = WorkloadReader.read("kind: Pod\nmetadata: {}\n---\n" + POD);
        assertThat(unnamed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo("document-1");
            assertThat(d.input()).isZero();
        });
        assertThat(unnamed.workloads()).hasSize(1);
    }

    @Test
    void aMisspeltKindGetsASuggestion() {
        assertThat(WorkloadReader.read(POD.replace("kind: Pod", "kind: Deploymnet")).diagnostics())
                .singleElement().satisfies(d -> assertThat(d.message()).contains("did you mean Deployment?"));
    }

    @Test
    void theLaterOfTwoSameObjectsIsRead() {
        WorkloadReadResult r = WorkloadReader.read(POD + "---\n" + POD.replace("app: web", "app: db"));
        assertThat(r.workloads()).singleElement().satisfies(w -> assertThat(w.peer().labels())
                .isEqualTo(Map.of("app", "db")));
        assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.input()).isZero());
    }

    @Test
    void namespacesServicesAndNodesAreRead() {
        WorkloadReadResult r = WorkloadReader.read(POD + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels:
                    team: web
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                  labels:
                    svc: web
                spec:
                  selector:
                    app: web
                ---
                apiVersion: v1
                kind: Node
                metadata:
                  name: n1
                  labels:
                    node-role.kubernetes.io/worker: ""
                status:
                  addresses:
                  - type: Hostname
                    address: n1
                  - type: InternalIP
                    address: 10.1.0.7
                  - type: ExternalIP
                    address: 203.0.113.7
                """);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.namespaces()).isEqualTo(Map.of("shop", Map.of("team", "web", "kubernetes.io/metadata.name",
                "shop")));
        assertThat(r.services()).containsExactly(new WorkloadReadResult.Service("shop", "web", Map.of("svc", "web"),
                Map.of("app", "web")));
        Peer.Pod pod = r.workloads().get(0).peer();
        assertThat(pod.namespaceLabels()).containsEntry("team", "web");
        assertThat(pod.service()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("web"));
        assertThat(r.nodes()).singleElement().satisfies(n -> {
            assertThat(n.addresses()).containsExactly(IpAddress.parse("10.1.0.7"), IpAddress.parse("203.0.113.7"));
            assertThat(n.asRemoteNode().nodeLabels()).containsEntry("node-role.kubernetes.io/worker", "");
            assertThat(n.asHost().nodeIp()).contains(IpAddress.parse("10.1.0.7"));
        });
    }

    @Test
    void typedAndGenericResourcesReadAsTheirText() {
        HasMetadata typed = new DeploymentBuilder().withNewMetadata().withName("w").withNamespace("shop")
                .endMetadata().withNewSpec().withNewTemplate().withNewMetadata().addToLabels("app", "web")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withPorts(new ContainerPortBuilder()
                .withName("http").withContainerPort(8080).build()).endContainer().endSpec().endTemplate().endSpec()
                .build();
        GenericKubernetesResource generic = CiliumPolicies.fromYaml(POD, GenericKubernetesResource.class);
        GenericKubernetesResource other = CiliumPolicies.fromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: c\n", GenericKubernetesResource.class);
        WorkloadReadResult r = WorkloadReader.readResources(List.of(typed, generic, other));
        assertThat(r.workloads()).extracting(WorkloadReader.Workload::id).containsExactly("Deployment/shop/w",
                "Pod/shop/p");
        assertThat(r.workloads().get(0).peer()).isEqualTo(WorkloadReader.read(workload("Deployment", "apps/v1", "",
                TEMPLATE.replace("                - containerPort: 53\n                  protocol: UDP\n", "")
                        .replace("      serviceAccountName: web-sa\n", ""))).workloads().get(0).peer());
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(WorkloadDiagnostic.IGNORED_KIND);
            assertThat(d.input()).isEqualTo(2);
            assertThat(d.line()).isZero();
        });
    }

    @Test
    void listsAreReadItemByItem() {
        String list = "apiVersion: v1\nkind: List\nitems:\n- " + POD.strip().replace("\n", "\n  ") + "\n- "
                + POD.replace("name: p", "name: q").strip().replace("\n", "\n  ") + "\n";
        WorkloadReadResult r = WorkloadReader.read(list);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.workloads()).extracting(WorkloadReader.Workload::id).containsExactly("Pod/shop/p",
                "Pod/shop/q");
    }

    @Test
    void tooLargeTextIsOneDiagnostic() {
        WorkloadReadResult r = WorkloadReader.read("#".repeat(YamlDocuments.MAX_CHARS + 1));
        assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.code())
                .isEqualTo(YamlDocuments.TOO_LARGE));
        assertThat(WorkloadReader.read("").diagnostics()).isEmpty();
    }
}
