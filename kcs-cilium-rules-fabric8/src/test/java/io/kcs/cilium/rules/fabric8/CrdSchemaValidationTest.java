package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policies this module calls valid are valid against Cilium's CRD schema: the golden files and the mapper's
 * output for every supported Cilium version are checked by the shared validator ({@code validate-cnp}, Cilium's CRD
 * OpenAPI schema), in one run. A control file that differs from a golden file in one place (an entity the CRD enum
 * rejects) must be reported, so the check cannot pass vacuously. Skipped, with a message, when the shared tools are
 * absent (a fresh clone outside the team workspace).
 */
class CrdSchemaValidationTest {

    private static final Path VALIDATOR = Path.of("../../shared/tools/validate-cnp");
    private static final List<String> GOLDEN = List.of("web-profile.yaml", "lockdown.yaml", "baseline-ccnp.yaml",
            "all-fields.yaml");
    private static final List<String> VERSIONS = List.of("1.16", "1.17", "1.18", "1.19", "1.20", "v1.18.4");

    private static String golden(String name) throws IOException {
        try (InputStream in = CrdSchemaValidationTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void goldenFilesAndTheOutputOfEverySupportedVersionAreCrdValid(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(VALIDATOR), "CRD validation skipped: " + VALIDATOR.toAbsolutePath()
                + " is absent (it lives in the team workspace, not in the repository)");
        List<Path> valid = new ArrayList<>();
        for (String name : GOLDEN) {
            valid.add(Files.writeString(dir.resolve("golden-" + name), golden(name)));
        }
        RuntimeProfile profile = RuntimeProfile.builder()
                .restrictIngress(RuleSet.parse("entity:ingress, endpoint:monitoring, service:shop|app=frontend,tier"))
                .restrictEgress(RuleSet.parse("**.example.com, api.stripe.com, entity:world-ipv6, entity:world-ipv4,"
                        + " entity:host, 10.0.0.0/8, 2001:db8::/32, endpoint:payments, service:db|app=postgres"))
                .build();
        for (String version : VERSIONS) {
            Mapped<CiliumNetworkPolicy> m = CiliumPolicyMapper.create(MappingOptions.defaults()
                    .withCiliumVersion(version)).toNetworkPolicy(profile, "shop", "p", Map.of("app", "web"));
            assertThat(m.hasErrors()).isFalse();
            valid.add(Files.writeString(dir.resolve("version-" + version + ".yaml"),
                    CiliumPolicies.toYaml(m.value())));
        }
        String web = golden("web-profile.yaml");
        assertThat(web).contains("- kube-apiserver");
        Path invalid = Files.writeString(dir.resolve("control-world-ipv6.yaml"),
                web.replace("- kube-apiserver", "- world-ipv6"));

        List<String> command = new ArrayList<>(List.of("bash", VALIDATOR.toString()));
        valid.forEach(p -> command.add(p.toString()));
        command.add(invalid.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("validator output").doesNotContain("cannot fetch");

        for (Path p : valid) {
            List<String> lines = output.lines().filter(l -> l.startsWith(p + ":")).toList();
            assertThat(lines).as("validator verdict for %s:%n%s", p.getFileName(), output).isNotEmpty()
                    .allMatch(l -> l.endsWith(": valid"));
        }
        assertThat(output.lines().filter(l -> l.startsWith(invalid + ":")))
                .as("the control must be rejected:%n%s", output)
                .anyMatch(l -> l.contains("toEntities") && !l.endsWith(": valid"));
        assertThat(process.exitValue()).isEqualTo(1); // only the control is invalid
    }
}
