package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.fabric8.WorkloadDiagnostic;
import io.kcs.cilium.rules.fabric8.WorkloadReadResult;
import io.kcs.cilium.rules.fabric8.WorkloadReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Laws of {@link WorkloadReader#read(String)} over generated manifests (QuickTheories): random texts of one to five
 * workloads of every kind, with random labels written plain or quoted, random namespaces (or none).
 * <ol>
 *   <li>every workload read has exactly the labels of its pod template, its namespace ({@code default} when none)
 *   and the namespace label {@code kubernetes.io/metadata.name};</li>
 *   <li>a workload is refused (an {@code invalid-label} ERROR at its labels, no workload) exactly when one of its
 *   label values is written plain and YAML 1.1 types it as something else than a string ({@code 1}, {@code yes},
 *   an empty value); quoted, the same value is read;</li>
 *   <li>nothing is dropped silently: every generated workload is a workload or has an ERROR.</li>
 * </ol>
 * How often the generator reaches each kind and each interesting case is asserted after the run.
 */
class WorkloadReaderProperties {

    private static final int EXAMPLES = 500;

    /** Interesting cases of the generator. */
    enum Case { POD, DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET, JOB, CRON_JOB, NO_NAMESPACE, NO_LABELS,
        PLAIN_TYPED_REFUSED, QUOTED_TYPED_READ, PREFIXED_KEY, SEVERAL_DOCUMENTS }

    private static final Map<Case, AtomicLong> SEEN = new EnumMap<>(Case.class);

    static {
        for (Case c : Case.values()) {
            SEEN.put(c, new AtomicLong());
        }
    }

    private static final String[] KINDS = {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
        "CronJob"};
    private static final String[] KEYS = {"app", "tier", "version", "app.kubernetes.io/name", "example.com/team",
        "a_b-c.d"};
    /** Values YAML reads as strings when plain. */
    private static final String[] PLAIN_SAFE = {"web", "db", "v1.2", "a-b_c", "Z9"};
    /** Values YAML 1.1 types as a number, a boolean or null when plain; strings when quoted. */
    private static final String[] TYPED = {"1", "10", "yes", "on", "true", "off", ""};

    private static void see(Case c) {
        SEEN.get(c).incrementAndGet();
    }

    /** One generated workload: its text and what it must read as. */
    record Generated(String kind, String namespace, String name, Map<String, String> labels, boolean refused,
            String yaml) {
    }

    static Generated generate(Random rnd, int i) {
        String kind = KINDS[rnd.nextInt(KINDS.length)];
        see(Case.values()[java.util.Arrays.asList(KINDS).indexOf(kind)]);
        String ns = rnd.nextInt(4) == 0 ? null : List.of("shop", "db", "kube-system").get(rnd.nextInt(3));
        String name = "w" + i;
        Map<String, String> labels = new LinkedHashMap<>();
        StringBuilder labelText = new StringBuilder();
        boolean refused = false;
        int n = rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            String key = KEYS[rnd.nextInt(KEYS.length)];
            if (labels.containsKey(key)) {
                continue;
            }
            if (key.contains("/")) {
                see(Case.PREFIXED_KEY);
            }
            boolean typed = rnd.nextInt(3) == 0;
            String value = typed ? TYPED[rnd.nextInt(TYPED.length)] : PLAIN_SAFE[rnd.nextInt(PLAIN_SAFE.length)];
            boolean quoted = rnd.nextBoolean();
            labels.put(key, value);
            labelText.append("\n").append(key).append(": ").append(quoted ? "\"" + value + "\"" : value);
            if (typed && !quoted) {
                refused = true;
            } else if (typed) {
                see(Case.QUOTED_TYPED_READ);
            }
        }
        if (labels.isEmpty()) {
            see(Case.NO_LABELS);
        }
        if (ns == null) {
            see(Case.NO_NAMESPACE);
        }
        String meta = "metadata:" + (labels.isEmpty() ? " {}" : "\n  labels:" + labelText.toString()
                .replace("\n", "\n    "));
        String podSpec = "spec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: " + (1 + rnd.nextInt(
                65_535)) + "\n";
        String template = meta + "\n" + podSpec;
        String head = "apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: " + name + (ns == null ? ""
                : "\n  namespace: " + ns) + "\n";
        String yaml = switch (kind) {
            case "Pod" -> head.replace("metadata:\n", "metadata:" + (labels.isEmpty() ? "\n" : "\n  labels:"
                    + labelText.toString().replace("\n", "\n    ") + "\n")) + podSpec;
            case "CronJob" -> head + "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n"
                    + template.indent(8);
            default -> head + "spec:\n  template:\n" + template.indent(4);
        };
        return new Generated(kind, ns == null ? "default" : ns, name, labels, refused, yaml);
    }

    @Test
    void everyWorkloadHasTheLabelsOfItsPodTemplate() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int count = 1 + rnd.nextInt(5);
            if (count > 1) {
                see(Case.SEVERAL_DOCUMENTS);
            }
            List<Generated> gen = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                Generated g = generate(rnd, i);
                gen.add(g);
                text.append(i == 0 ? "" : "---\n").append(g.yaml());
            }
            WorkloadReadResult r = WorkloadReader.read(text.toString());
            for (int i = 0; i < count; i++) {
                Generated g = gen.get(i);
                String id = g.kind() + "/" + g.namespace() + "/" + g.name();
                int input = i;
                List<WorkloadDiagnostic> own = r.diagnostics().stream().filter(d -> d.input() == input).toList();
                var read = r.workloads().stream().filter(w -> w.id().equals(id)).findFirst();
                if (g.refused()) {
                    see(Case.PLAIN_TYPED_REFUSED);
                    assertThat(read).as(text.toString()).isEmpty();
                    assertThat(own).as(text.toString()).singleElement().satisfies(d -> {
                        assertThat(d.code()).isEqualTo(WorkloadDiagnostic.INVALID_LABEL);
                        assertThat(d.path()).contains("metadata.labels.");
                        assertThat(d.line()).isPositive();
                    });
                } else {
                    assertThat(own).as(text.toString()).isEmpty();
                    assertThat(read).as(text.toString()).hasValueSatisfying(w -> {
                        assertThat(w.peer().labels()).isEqualTo(g.labels());
                        assertThat(w.namespace()).isEqualTo(g.namespace());
                        assertThat(w.peer().namespaceLabels()).containsEntry("kubernetes.io/metadata.name",
                                g.namespace());
                        assertThat(w.ports()).hasSize(1);
                    });
                }
            }
            assertThat(r.workloads().size() + r.diagnostics().stream().filter(WorkloadDiagnostic::isError).count())
                    .isEqualTo(count);
        });
    }

    @AfterAll
    static void theGeneratorReachesEveryCase() {
        for (Case c : Case.values()) {
            assertThat(SEEN.get(c).get()).as("generated %s", c).isGreaterThanOrEqualTo(EXAMPLES / 50);
        }
    }
}
