package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy document of the shared Cilium corpus
 * ({@code ../shared/reference/cilium-corpus/}, Cilium's own example, test and documentation policies) that Cilium's
 * CRD schema accepts ({@code ../shared/tools/validate-cnp}) is read as valid, one by one and all together, with rules.
 * The corpus is read in place (never copied into the project); the test is skipped, with a message, when it or the
 * schema validator is absent.
 *
 * <p>Documents the agent itself refuses although the schema accepts them are listed in {@link #AGENT_REFUSES} with
 * the ERROR code the reader must give and the reason (Cilium's own tests expect these errors).
 */
class ReaderCorpusTest {

    /** file -> the ERROR code expected, for CRD-valid documents the agent refuses (with the reason). */
    static final Map<String, String> AGENT_REFUSES = Map.of(
            // port "65536": the CRD's port pattern is an unanchored alternation, so it passes; l4.go
            // PortProtocol.sanitize (strconv.ParseUint(port, 0, 16)) refuses it
            "Documentation__network__kubernetes__configuration.rst.0.yaml", PolicyDiagnosticCodes.INVALID_PORT,
            // a test template's placeholder CIDR "NODE_WITHOUT_CILIUM_IP/32": the API server's format: cidr check
            // (not applied by validate-cnp) and the agent's CIDR.sanitize refuse it
            "test__k8s__manifests__ccnp-host-ingress-from-cidr-to-ports.yaml.0.yaml", PolicyDiagnosticCodes.INVALID_CIDR,
            "test__k8s__manifests__ccnp-host-policy-nodeport-tests.yaml.0.yaml", PolicyDiagnosticCodes.INVALID_CIDR,
            "test__k8s__manifests__cnp-ingress-from-cidr-to-ports.yaml.0.yaml", PolicyDiagnosticCodes.INVALID_CIDR);

    /**
     * The agent options the corpus is read with: node selector labels (fromNodes/toNodes examples) and extended IP
     * protocols (the VRRP/IGMP host example) on.
     */
    static final MappingOptions OPTIONS = MappingOptions.defaults().withAgentConfig(CiliumAgentConfig.defaults()
            .withEnableNodeSelectorLabels(true).withEnableExtendedIpProtocols(true));

    static Path shared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/reference/cilium-corpus"))) {
                return p.resolve("shared");
            }
        }
        return null;
    }

    /** The corpus files the CRD schema accepts, by running the shared validator once over all of them. */
    static List<Path> crdValid(Path shared) throws IOException, InterruptedException {
        Path corpus = shared.resolve("reference/cilium-corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> cmd = new ArrayList<>(List.of(shared.resolve("tools/validate-cnp").toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        Assumptions.assumeTrue(done, "validate-cnp did not finish");
        Pattern line = Pattern.compile("^(.*\\.yaml): (CiliumNetworkPolicy|CiliumClusterwideNetworkPolicy) \\S*: (.*)$",
                Pattern.MULTILINE);
        TreeSet<String> valid = new TreeSet<>();
        TreeSet<String> invalid = new TreeSet<>();
        Matcher m = line.matcher(out);
        while (m.find()) {
            (m.group(3).equals("valid") ? valid : invalid).add(m.group(1));
        }
        Assumptions.assumeTrue(!valid.isEmpty(), "validate-cnp gave no verdict (cannot run here?): " + out.lines()
                .limit(5).toList());
        List<Path> accepted = new ArrayList<>();
        for (Path f : files) {
            if (valid.contains(f.toString()) && !invalid.contains(f.toString())) {
                accepted.add(f);
            }
        }
        return accepted;
    }

    static HasMetadata read(Path f) throws IOException {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        boolean clusterwide = Pattern.compile("(?m)^kind:\\s*CiliumClusterwideNetworkPolicy\\s*$").matcher(text)
                .find();
        return clusterwide ? CiliumPolicies.fromYaml(text, CiliumClusterwideNetworkPolicy.class)
                : CiliumPolicies.fromYaml(text, CiliumNetworkPolicy.class);
    }

    @Test
    void everyCrdValidCorpusPolicyIsReadAsValid() throws Exception {
        Path shared = shared();
        Assumptions.assumeTrue(shared != null && Files.isExecutable(shared.resolve("tools/validate-cnp")),
                "corpus check skipped: ../shared/reference/cilium-corpus or ../shared/tools/validate-cnp is absent");
        List<Path> accepted = crdValid(shared);
        assertThat(accepted).hasSizeGreaterThan(200);
        CiliumPolicyReader reader = CiliumPolicyReader.create(OPTIONS);
        Map<String, String> failures = new TreeMap<>();
        List<HasMetadata> all = new ArrayList<>();
        int rules = 0;
        for (Path f : accepted) {
            String name = f.getFileName().toString();
            HasMetadata policy = read(f);
            PolicyReadResult r = reader.read(policy);
            String expected = AGENT_REFUSES.get(name);
            if (expected != null) {
                assertThat(r.valid()).as(name).isFalse();
                assertThat(r.rules()).as(name).isEmpty();
                assertThat(r.errors()).extracting(PolicyDiagnostic::code).as(name).contains(expected);
                continue;
            }
            all.add(policy);
            rules += r.rules().size();
            if (!r.valid() || r.rules().isEmpty() && !r.hasCode(PolicyDiagnosticCodes.EMPTY_SPECS)) {
                failures.put(name, r.toString());
                continue;
            }
            if (r.rules().isEmpty()) {
                continue;
            }
            // the rules, written back (through YAML) and read again, are the same rules
            HasMetadata written = CiliumPolicyWriter.create().write(r.rules());
            String yaml = CiliumPolicies.toYaml(written);
            HasMetadata parsed = written instanceof CiliumNetworkPolicy
                    ? CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class)
                    : CiliumPolicies.fromYaml(yaml, CiliumClusterwideNetworkPolicy.class);
            PolicyReadResult again = reader.read(parsed);
            if (!again.valid() || !again.rules().equals(r.rules())) {
                failures.put(name + " (written back)", again + "\n" + yaml + "\nfirst: " + r.rules()
                        + "\nagain: " + again.rules());
            }
        }
        assertThat(failures).as("corpus policies the reader refuses").isEmpty();
        PolicyReadResult set = reader.read(all);
        assertThat(set.valid()).as("%s", set.errors()).isTrue();
        assertThat(set.rules()).hasSize(rules);
    }
}
