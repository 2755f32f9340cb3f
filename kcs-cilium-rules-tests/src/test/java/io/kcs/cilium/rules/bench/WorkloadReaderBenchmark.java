package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.fabric8.WorkloadReadResult;
import io.kcs.cilium.rules.fabric8.WorkloadReader;
import io.kcs.cilium.rules.fabric8.YamlDocuments;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link WorkloadReader#read(String)} on the manifests {@code connectivity} reads: 1,000 Deployments (3 labels, a
 * service account, 2 container ports each) in 20 namespaces with their Namespace manifests and one Service per 10
 * Deployments, one YAML text of 1,120 documents.
 *
 * <ul>
 *   <li>{@link #read1000Workloads}: the whole read, strict YAML to workloads with Services and namespace labels;</li>
 *   <li>{@link #yamlDocumentsOnly}: the strict YAML part alone ({@link YamlDocuments#read(String)});</li>
 *   <li>{@link #deprecatedLenientPath}: the path before the diagnostics, for comparison: each document bound by
 *   Jackson's lenient YAML mapper to its fabric8 class ({@code WorkloadReader.parse}), then the deprecated
 *   {@code WorkloadReader.read(List)}.</li>
 * </ul>
 * {@code WorkloadReaderBenchmarkWorkloadTest} checks the input.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class WorkloadReaderBenchmark {

    String text;

    /** {@code deployments} Deployments in 20 namespaces, with Namespaces and a Service per 10 Deployments. */
    public static String manifests(int deployments) {
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < 20; n++) {
            b.append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-").append(n)
                    .append("\n  labels:\n    team: t").append(n).append("\n---\n");
        }
        for (int i = 0; i < deployments; i++) {
            String ns = "team-" + (i % 20);
            b.append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-").append(i)
                    .append("\n  namespace: ").append(ns).append("\nspec:\n  replicas: 2\n  selector:\n")
                    .append("    matchLabels:\n      app: app-").append(i).append("\n  template:\n    metadata:\n")
                    .append("      labels:\n        app: app-").append(i).append("\n        tier: \"")
                    .append(i % 3 == 0 ? "web" : "data").append("\"\n        version: \"1\"\n    spec:\n")
                    .append("      serviceAccountName: sa-").append(i).append("\n      containers:\n")
                    .append("      - name: main\n        image: registry.example.com/app:1.0\n        ports:\n")
                    .append("        - name: http\n          containerPort: 8080\n        - name: metrics\n")
                    .append("          containerPort: 9090\n---\n");
            if (i % 10 == 0) {
                b.append("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-").append(i).append("\n  namespace: ")
                        .append(ns).append("\nspec:\n  selector:\n    app: app-").append(i)
                        .append("\n  ports:\n  - port: 80\n    targetPort: http\n---\n");
            }
        }
        return b.toString();
    }

    @Setup
    public void setup() {
        text = manifests(1_000);
    }

    @Benchmark
    public WorkloadReadResult read1000Workloads() {
        return WorkloadReader.read(text);
    }

    @Benchmark
    public List<YamlDocuments.Document> yamlDocumentsOnly() {
        return YamlDocuments.read(text);
    }

    @Benchmark
    @SuppressWarnings("deprecation")
    public List<WorkloadReader.Workload> deprecatedLenientPath() {
        List<io.fabric8.kubernetes.api.model.HasMetadata> resources = new java.util.ArrayList<>();
        for (String doc : text.split("\n---\n")) {
            int k = doc.indexOf("kind: ");
            if (k >= 0) {
                String kind = doc.substring(k + 6, doc.indexOf('\n', k));
                WorkloadReader.parse(kind, doc).ifPresent(resources::add);
            }
        }
        return WorkloadReader.read(resources);
    }
}
