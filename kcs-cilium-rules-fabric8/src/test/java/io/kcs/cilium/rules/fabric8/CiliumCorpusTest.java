package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Cilium's own policies (the held-out corpus in the team workspace, {@code ../shared/reference/cilium-corpus}: every
 * CNP/CCNP document of the Cilium repository at 1.20.0-dev) read through the typed model and the validator. Never
 * copied into the project; skipped with a message when absent.
 *
 * <ul>
 *   <li>Every document deserialises to the typed model and serialises back to an equal JSON tree (no field lost).
 *   <li>Every document the 1.20 CRD accepts ({@code validate-cnp}, run once on all of them) and that Cilium's tests do
 *       not expect the agent to refuse validates with no ERROR under the agent's defaults.
 * </ul>
 */
class CiliumCorpusTest {

    private static final Path CORPUS = Path.of("../../shared/reference/cilium-corpus");
    private static final Path VALIDATOR = Path.of("../../shared/tools/validate-cnp");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * CRD-valid documents that Cilium itself refuses or that need a non-default agent option, each with the code the
     * validator gives and why (checked by hand against Cilium's Go source and the test the document comes from).
     */
    private static final Map<String, String> EXPECTED_ERRORS = Map.of(
            // The documentation's example of a policy "Kubernetes will reject". The API server accepts it: the CRD's
            // port pattern ^(...|[0-9]{1,4})|(...)$ anchors only one side of each alternative, so '65536' matches
            // its prefix 6553. The agent refuses it: strconv.ParseUint("65536", 0, 16) is out of range.
            "Documentation__network__kubernetes__configuration.rst.0.yaml", PolicyDiagnosticCodes.INVALID_PORT,
            // Needs enable-extended-ip-protocols (VRRP/IGMP/GRE... without a port); valid with it, see below.
            "examples__policies__host__allow-extended-protocols.yaml.0.yaml", PolicyDiagnosticCodes.PORT_MISSING,
            // Needs enable-node-selector-labels (fromNodes); valid with it, see below.
            "examples__policies__l3__entities__customnodes.yaml.0.yaml", PolicyDiagnosticCodes.NODE_PEERS_DISABLED,
            // Test manifests with a placeholder Cilium's e2e suite replaces by a node IP before applying them.
            "test__k8s__manifests__ccnp-host-ingress-from-cidr-to-ports.yaml.0.yaml", PolicyDiagnosticCodes.INVALID_CIDR,
            "test__k8s__manifests__ccnp-host-policy-nodeport-tests.yaml.0.yaml", PolicyDiagnosticCodes.INVALID_CIDR,
            "test__k8s__manifests__cnp-ingress-from-cidr-to-ports.yaml.0.yaml", PolicyDiagnosticCodes.INVALID_CIDR);

    /** Documents that need a non-default agent option: with it they have no ERROR. */
    private static final Map<String, Map<String, String>> NEEDS_OPTION = Map.of(
            "examples__policies__host__allow-extended-protocols.yaml.0.yaml",
            Map.of("enable-extended-ip-protocols", "true"),
            "examples__policies__l3__entities__customnodes.yaml.0.yaml", Map.of("enable-node-selector-labels", "true"));

    static List<Path> corpus() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "corpus tests skipped: " + CORPUS.toAbsolutePath()
                + " is absent (it lives in the team workspace, not in the repository)");
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static HasMetadata read(String yaml) throws IOException {
        JsonNode tree = YAML.readTree(yaml);
        String kind = tree.path("kind").asText();
        return kind.equals(CiliumClusterwideNetworkPolicy.KIND)
                ? YAML.treeToValue(tree, CiliumClusterwideNetworkPolicy.class)
                : YAML.treeToValue(tree, CiliumNetworkPolicy.class);
    }

    @Test
    void everyDocumentRoundTripsThroughTheTypedModel() throws IOException {
        List<Path> files = corpus();
        assertThat(files).hasSizeGreaterThan(200);
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            String yaml = Files.readString(f, StandardCharsets.UTF_8);
            JsonNode original = YAML.readTree(yaml);
            try {
                JsonNode back = JSON.readTree(JSON.writeValueAsString(read(yaml)));
                if (!back.equals(withoutEmptySelectorParts(original))) {
                    failures.add(f.getFileName() + ": " + back + "\n   != " + original);
                }
            } catch (IOException | RuntimeException e) {
                if (!crdInvalidShape(f)) {
                    failures.add(f.getFileName() + ": " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * The one normalisation of the typed model: fabric8's {@code LabelSelector} omits an empty {@code matchLabels} /
     * {@code matchExpressions} when written. Kubernetes and Cilium read an empty one and an absent one alike
     * (select everything), so the policy means the same.
     */
    static JsonNode withoutEmptySelectorParts(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (String f : List.of("matchLabels", "matchExpressions")) {
                JsonNode v = o.get(f);
                if (v != null && v.isContainerNode() && v.isEmpty()) {
                    o.remove(f);
                }
            }
            o.elements().forEachRemaining(CiliumCorpusTest::strip);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(CiliumCorpusTest::strip);
        }
    }

    /**
     * Documents whose shape the CRD itself refuses (a port written as a string, a fromRequires selector in 1.20's
     * string list): the typed model may refuse them too.
     */
    private static boolean crdInvalidShape(Path f) {
        String n = f.getFileName().toString();
        return n.startsWith("pkg__k8s__apis__cilium.io__v2__validator__validator_test.go.");
    }

    @Test
    void everyCrdValidDocumentValidatesWithoutError() throws Exception {
        List<Path> files = corpus();
        Assumptions.assumeTrue(Files.isRegularFile(VALIDATOR), "CRD validation skipped: " + VALIDATOR.toAbsolutePath()
                + " is absent");
        Set<String> crdValid = crdValid(files);
        assertThat(crdValid).hasSizeGreaterThan(200);
        CiliumPolicyValidator validator = CiliumPolicyValidator.create(MappingOptions.defaults());
        Map<String, String> errors = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!crdValid.contains(name)) {
                continue;
            }
            HasMetadata policy = read(Files.readString(f, StandardCharsets.UTF_8));
            List<PolicyDiagnostic> ds = validator.validate(policy);
            List<String> codes = ds.stream().filter(PolicyDiagnostic::isError).map(PolicyDiagnostic::toString)
                    .toList();
            if (!codes.isEmpty()) {
                errors.put(name, String.join("\n    ", codes));
                if (EXPECTED_ERRORS.containsKey(name)) {
                    assertThat(ds).filteredOn(PolicyDiagnostic::isError).extracting(PolicyDiagnostic::code)
                            .as(name).containsOnly(EXPECTED_ERRORS.get(name));
                }
            }
            if (NEEDS_OPTION.containsKey(name)) {
                MappingOptions with = MappingOptions.defaults().withAgentConfig(
                        io.kcs.cilium.rules.agent.CiliumAgentConfig.fromOptions(NEEDS_OPTION.get(name)));
                assertThat(CiliumPolicyValidator.create(with).validate(policy)).as(name)
                        .noneMatch(PolicyDiagnostic::isError);
            }
        }
        assertThat(errors.keySet()).as("errors: %s", errors).isEqualTo(EXPECTED_ERRORS.keySet());
    }

    /** The names of the corpus files the CRD accepts, from one run of the shared validator. */
    private static Set<String> crdValid(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", VALIDATOR.toString()));
        files.forEach(p -> command.add(p.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("validator output").doesNotContain("cannot fetch");
        Set<String> invalid = new TreeSet<>();
        Set<String> valid = new TreeSet<>();
        for (String line : output.lines().toList()) {
            for (Path p : files) {
                if (line.startsWith(p + ":")) {
                    // format idn-hostname is not among the API server's formats (it is dropped), so a real server
                    // accepts what the shared tool flags for it (Cilium's examples/policies/l7/http/l7_multi.yaml)
                    boolean serverIgnores = line.contains("idn-hostname");
                    (line.endsWith(": valid") || serverIgnores ? valid : invalid).add(p.getFileName().toString());
                }
            }
        }
        valid.removeAll(invalid);
        return valid;
    }
}
