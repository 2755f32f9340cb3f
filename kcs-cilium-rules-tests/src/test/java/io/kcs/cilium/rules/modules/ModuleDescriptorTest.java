package io.kcs.cilium.rules.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.collect.ImmutableList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The library modules' descriptors ({@code module-info.java}) as built (the jars under {@code mvn verify}, the class
 * directories under {@code mvn test}): what they export, that {@code internal} stays hidden, and that the module graph
 * with fabric8's and Jackson's automatic/explicit modules resolves and works (services, Jackson reflection).
 */
class ModuleDescriptorTest {

    private static final String CORE = "io.kcs.cilium.rules";
    private static final String FABRIC8 = "io.kcs.cilium.rules.fabric8";
    private static final Set<String> CORE_API = Set.of(CORE, CORE + ".common", CORE + ".parse", CORE + ".net",
            CORE + ".fqdn", CORE + ".agent", CORE + ".eval", CORE + ".events", CORE + ".policy", CORE + ".analysis",
            CORE + ".hubble");

    /** The fabric8 module's golden policy using every field of the rule schema (read from the source tree). */
    private static final Path ALL_FIELDS = Path.of("../kcs-cilium-rules-fabric8/src/test/resources/golden/all-fields.yaml");

    /** Where {@code type} was loaded from: a jar or a class directory. */
    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModuleDescriptor descriptorAt(Path location) {
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertThat(found).as("one module at %s", location).hasSize(1);
        return found.iterator().next().descriptor();
    }

    private static Set<String> exported(ModuleDescriptor d) {
        return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    @Test
    void theCoreModuleExportsTheApiPackagesAndNotInternal() throws IOException {
        Path core = locationOf(RuleSet.class);
        ModuleDescriptor d = descriptorAt(core);
        assertThat(d.name()).isEqualTo(CORE);
        assertThat(d.isAutomatic()).isFalse();
        assertThat(d.packages()).contains(CORE + ".internal");
        assertThat(exported(d)).isEqualTo(CORE_API).doesNotContain(CORE + ".internal");
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(d.opens()).isEmpty();
        if (Files.isRegularFile(core)) { // the jar: the descriptor replaces the old manifest entry
            try (JarFile jar = new JarFile(core.toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isNull();
                assertThat(jar.getEntry("module-info.class")).isNotNull();
            }
        }
    }

    @Test
    void theFabric8ModuleExportsItsPackagesAndProvidesItsModelsToFabric8() throws IOException {
        Path fabric8 = locationOf(CiliumPolicyMapper.class);
        ModuleDescriptor d = descriptorAt(fabric8);
        assertThat(d.name()).isEqualTo(FABRIC8);
        assertThat(exported(d)).containsExactlyInAnyOrder(FABRIC8, FABRIC8 + ".v2", FABRIC8 + ".admission");
        assertThat(d.opens()).as("Jackson binds the models through public accessors; nothing is opened").isEmpty();
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).contains(CORE, "kubernetes.model.core",
                "kubernetes.model.common", "kubernetes.model.admissionregistration", "com.fasterxml.jackson.databind");
        List<String> registered;
        try (InputStream in = CiliumPolicyMapper.class.getResourceAsStream(
                "/META-INF/services/" + KubernetesResource.class.getName())) {
            assertThat(in).as("META-INF/services registration for the class path").isNotNull();
            registered = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        assertThat(d.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo(KubernetesResource.class.getName());
            assertThat(p.providers()).containsExactlyInAnyOrderElementsOf(registered);
        });
    }

    @Test
    void theModuleGraphResolvesAndWorksOnTheModulePath() throws Exception {
        // Given the two library modules and exactly the jars they need, as on a module path
        ModuleFinder finder = ModuleFinder.of(locationOf(RuleSet.class), locationOf(CiliumPolicyMapper.class),
                locationOf(ImmutableList.class),
                locationOf(Class.forName("com.google.common.util.concurrent.internal.InternalFutureFailureAccess")),
                locationOf(ObjectMeta.class), locationOf(Group.class),
                locationOf(io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview.class), locationOf(ObjectMapper.class),
                locationOf(JsonFactory.class), locationOf(JsonProperty.class), locationOf(YAMLFactory.class),
                locationOf(org.yaml.snakeyaml.Yaml.class), locationOf(com.google.re2j.Pattern.class),
                locationOf(io.fabric8.kubernetes.api.model.apps.Deployment.class),
                locationOf(io.fabric8.kubernetes.api.model.batch.v1.Job.class));
        // When the fabric8 module is resolved and loaded in its own layer
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(),
                Set.of(FABRIC8));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        ClassLoader loader = layer.findLoader(FABRIC8);
        // Then its KubernetesResource services are found through the module descriptor
        Class<?> service = loader.loadClass(KubernetesResource.class.getName());
        assertThat(service.getModule().getName()).isEqualTo("kubernetes.model.core");
        @SuppressWarnings("unchecked")
        Set<String> providers = ServiceLoader.load(layer, (Class<Object>) service).stream()
                .map(p -> p.type().getName()).filter(n -> n.startsWith(FABRIC8)).collect(Collectors.toSet());
        assertThat(providers).containsExactlyInAnyOrder(FABRIC8 + ".v2.CiliumNetworkPolicy",
                FABRIC8 + ".v2.CiliumNetworkPolicyList", FABRIC8 + ".v2.CiliumClusterwideNetworkPolicy",
                FABRIC8 + ".v2.CiliumClusterwideNetworkPolicyList");
        // And Jackson reads and writes back every field of the rule schema in the module layer (as on the class path)
        Class<?> policies = loader.loadClass(FABRIC8 + ".CiliumPolicies");
        Class<?> cnp = loader.loadClass(FABRIC8 + ".v2.CiliumNetworkPolicy");
        assertThat(cnp.getModule().getName()).isEqualTo(FABRIC8);
        String yaml = Files.readString(ALL_FIELDS, StandardCharsets.UTF_8);
        Object policy = policies.getMethod("fromYaml", String.class, Class.class).invoke(null, yaml, cnp);
        assertThat(policy.getClass()).isSameAs(cnp);
        String back = (String) policies.getMethod("toYaml", loader.loadClass(
                "io.fabric8.kubernetes.api.model.HasMetadata")).invoke(null, policy);
        assertThat(back).isEqualTo(yaml);
        // And the core's internal package is not readable from the fabric8 module
        Module core = layer.findModule(CORE).orElseThrow();
        assertThat(core.isExported(CORE + ".internal")).isFalse();
        assertThat(core.isExported(CORE + ".eval")).isTrue();
    }
}
