package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.net.Protocol;
import io.kcs.cilium.rules.policy.ConnectivityMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkloadReader} through its deprecated entry points (parse and read(List), which still throw): one workload
 * per pod-making kind, with namespace labels, account, ports and Service. The diagnostics are in
 * {@link WorkloadReaderTableTest}.
 */
@SuppressWarnings("deprecation") // the deprecated entry points parse and read(List), kept working
class WorkloadReaderTest {

    private static List<HasMetadata> parse(String... docs) {
        List<HasMetadata> out = new ArrayList<>();
        for (String d : docs) {
            String kind = d.lines().filter(l -> l.startsWith("kind:")).findFirst().orElseThrow().substring(5).trim();
            WorkloadReader.parse(kind, d).ifPresent(out::add);
        }
        return out;
    }

    static String template(String kind, String api, String ns, String name, String specPrefix, String podSpec) {
        return "apiVersion: " + api + "\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nspec:\n" + specPrefix + "\n" + podSpec;
    }

    static final String POD_TEMPLATE = """
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

    @Test
    void everyWorkloadKindGivesItsPodTemplate() {
        List<HasMetadata> r = parse(
                template("Deployment", "apps/v1", "shop", "d", "  replicas: 1", POD_TEMPLATE),
                template("StatefulSet", "apps/v1", "shop", "s", "  serviceName: x", POD_TEMPLATE),
                template("DaemonSet", "apps/v1", "shop", "ds", "  minReadySeconds: 0", POD_TEMPLATE),
                template("ReplicaSet", "apps/v1", "shop", "rs", "  replicas: 1", POD_TEMPLATE),
                template("Job", "batch/v1", "shop", "j", "  backoffLimit: 1", POD_TEMPLATE),
                template("CronJob", "batch/v1", "shop", "cj", "  schedule: '* * * * *'\n  jobTemplate:\n    spec:",
                        POD_TEMPLATE.indent(4)),
                """
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
                    - containerPort: 53
                      protocol: UDP
                """,
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ignored
                """);
        List<WorkloadReader.Workload> w = WorkloadReader.read(r);
        assertThat(w).extracting(WorkloadReader.Workload::id).containsExactly("CronJob/shop/cj", "DaemonSet/shop/ds",
                "Deployment/shop/d", "Job/shop/j", "Pod/shop/p", "ReplicaSet/shop/rs", "StatefulSet/shop/s");
        for (WorkloadReader.Workload x : w) {
            assertThat(x.peer().labels()).as(x.id()).isEqualTo(Map.of("app", "web"));
            assertThat(x.peer().namespace()).isEqualTo("shop");
            assertThat(x.peer().serviceAccount()).contains("web-sa");
            assertThat(x.peer().namedPorts()).isEqualTo(Map.of("http", 8080));
            assertThat(x.ports()).containsExactly(ConnectivityMap.Probe.tcp(8080),
                    new ConnectivityMap.Probe(Protocol.UDP, 53));
            assertThat(x.peer().namespaceLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "shop"));
            assertThat(x.peer().service()).isEmpty();
        }
    }

    @Test
    void namespaceLabelsDefaultsAndServices() {
        List<HasMetadata> r = parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels:
                    app: db
                    tier: data
                spec:
                  containers:
                  - name: c
                """, """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: default
                  labels:
                    team: data
                """, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: z-db
                  namespace: default
                  labels:
                    svc: z
                spec:
                  selector:
                    app: db
                """, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: a-other
                spec:
                  selector:
                    app: other
                """, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: b-db
                  labels:
                    svc: b
                spec:
                  selector:
                    tier: data
                """);
        WorkloadReader.Workload w = WorkloadReader.read(r).get(0);
        assertThat(w.namespace()).isEqualTo("default");
        assertThat(w.peer().serviceAccount()).contains("default");
        assertThat(w.peer().namespaceLabels()).isEqualTo(Map.of("team", "data", "kubernetes.io/metadata.name",
                "default"));
        assertThat(w.peer().service()).hasValueSatisfying(s -> assertThat(s.toString()).contains("b-db"));
        assertThat(w.ports()).isEmpty();
    }

    @Test
    void badInputIsAnIllegalArgumentNamingTheResource() {
        assertThatThrownBy(() -> WorkloadReader.read(parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: c
                    ports:
                    - containerPort: 70000
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pods/default/p")
                .hasMessageContaining("spec.containers[0].ports[0].containerPort");
        assertThatThrownBy(() -> WorkloadReader.read(parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  namespace: x
                spec: {}
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.name");
        assertThatThrownBy(() -> WorkloadReader.parse("Pod", "spec: [")).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(WorkloadReader.parse("ConfigMap", "kind: ConfigMap")).isEqualTo(Optional.empty());
    }
}
