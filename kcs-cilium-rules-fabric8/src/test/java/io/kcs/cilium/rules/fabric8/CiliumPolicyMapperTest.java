package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.ApplicabilityCodes;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.common.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CiliumPolicyMapperTest {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(MappingOptions.defaults());

    private static String golden(String name) throws IOException {
        try (InputStream in = CiliumPolicyMapperTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RuntimeProfile webProfile() {
        return RuntimeProfile.builder()
                .restrictIngress(RuleSet.parse("entity:ingress, endpoint:monitoring, service:shop|app=frontend,tier"))
                .restrictEgress(RuleSet.parse("entity:kube-apiserver, *.example.com, api.stripe.com, 10.0.0.0/8,"
                        + " 192.0.2.7, 2001:db8::/32, endpoint:payments, service:db|app=postgres, service:cache"))
                .build();
    }

    @Test
    void mapsARepresentativeProfileToTheGoldenPolicy() throws IOException {
        Mapped<CiliumNetworkPolicy> m = MAPPER.toNetworkPolicy(webProfile(), "shop", "web-profile",
                Map.of("app", "web"));
        assertThat(m.diagnostics()).extracting(Diagnostic::code).containsExactly(ApplicabilityCodes.SERVICE_IN_INGRESS);
        assertThat(CiliumPolicies.toYaml(m.value())).isEqualTo(golden("web-profile.yaml"));
    }

    @Test
    void restrictedDirectionsWithoutExceptionsAreDefaultDeny() throws IOException {
        RuntimeProfile lockdown = RuntimeProfile.builder().restrictIngress(RuleSet.empty())
                .restrictEgress(RuleSet.empty()).build();
        Mapped<CiliumNetworkPolicy> m = MAPPER.toNetworkPolicy(lockdown, "shop", "lockdown", Map.of("app", "web"));
        assertThat(CiliumPolicies.toYaml(m.value())).isEqualTo(golden("lockdown.yaml"));
        RuntimeProfile egressOnly = RuntimeProfile.builder().restrictEgress(RuleSet.parse("entity:world")).build();
        CiliumNetworkPolicy p = MAPPER.toNetworkPolicy(egressOnly, "shop", "x", Map.of()).value();
        assertThat(p.getSpec().getIngress()).isNull();
        assertThat(p.getSpec().getEgress()).hasSize(1);
    }

    @Test
    void theDnsCompanionRuleAppearsExactlyOnce() {
        CiliumNetworkPolicy p = MAPPER.toNetworkPolicy(RuntimeProfile.builder()
                .restrictEgress(RuleSet.parse("a.example.com, *.b.example.com, **.c.example.com")).build(),
                "shop", "x", Map.of()).value();
        long companions = p.getSpec().getEgress().stream().filter(e -> e.getToPorts() != null).count();
        assertThat(companions).isEqualTo(1);
        assertThat(p.getSpec().getEgress()).extracting(EgressRule::getToFQDNs).filteredOn(l -> l != null)
                .singleElement().satisfies(l -> assertThat(l).hasSize(3));
    }

    @Test
    void outputIsDeterministicWhateverTheExceptionOrder() {
        RuntimeProfile a = RuntimeProfile.builder().restrictEgress(RuleSet.parse(
                "10.0.0.0/8, entity:host, b.com, a.com, endpoint:y, endpoint:x, 10.0.0.0/8")).build();
        RuntimeProfile b = RuntimeProfile.builder().restrictEgress(RuleSet.parse(
                "endpoint:x, a.com, entity:host, endpoint:y, b.com, 10.0.0.0/8")).build();
        assertThat(CiliumPolicies.toYaml(MAPPER.toNetworkPolicy(a, "ns", "p", Map.of()).value()))
                .isEqualTo(CiliumPolicies.toYaml(MAPPER.toNetworkPolicy(b, "ns", "p", Map.of()).value()));
    }

    @Test
    void entitiesOutsideTheCrdEnumAreReplacedOrReported() {
        Mapped<CiliumNetworkPolicy> m = MAPPER.toNetworkPolicy(RuntimeProfile.builder()
                .restrictEgress(RuleSet.parse("entity:world-ipv4, entity:world-ipv6, entity:cluster-mesh")).build(),
                "ns", "p", Map.of("app", "web"));
        assertThat(m.diagnostics()).extracting(Diagnostic::code).containsExactly(CiliumPolicyMapper.ENTITY_REPLACED,
                CiliumPolicyMapper.ENTITY_REPLACED, CiliumPolicyMapper.ENTITY_UNSUPPORTED);
        assertThat(m.hasErrors()).isTrue();
        assertThat(m.value().getSpec().getEgress().get(0).getToCIDR()).containsExactly("0.0.0.0/0", "::/0");
        assertThat(CiliumPolicies.toYaml(m.value())).doesNotContain("world-ipv4").doesNotContain("cluster-mesh");
    }

    @Test
    void multiLabelPatternsWarnBeforeCilium119() {
        RuntimeProfile p = RuntimeProfile.builder().restrictEgress(RuleSet.parse("**.example.com")).build();
        assertThat(CiliumPolicyMapper.create(MappingOptions.defaults().withCiliumVersion("1.18"))
                .toNetworkPolicy(p, "ns", "p", Map.of("app", "web")).diagnostics()).extracting(Diagnostic::code)
                .containsExactly(CiliumPolicyMapper.PATTERN_BEFORE_1_19);
        assertThat(MAPPER.toNetworkPolicy(p, "ns", "p", Map.of("app", "web")).diagnostics()).isEmpty();
    }

    @Test
    void coreErrorsSurfaceAsDiagnostics() {
        RuntimeProfile fqdnIngress = RuntimeProfile.builder().restrictIngress(RuleSet.parse("a.com, 10.0.0.0/8"))
                .build();
        Mapped<CiliumNetworkPolicy> m = MAPPER.toNetworkPolicy(fqdnIngress, "ns", "p", Map.of("app", "web"));
        assertThat(m.diagnostics()).extracting(Diagnostic::code).containsExactly(ApplicabilityCodes.FQDN_IN_INGRESS);
        assertThat(m.diagnostics().get(0).start()).isZero();
        assertThat(m.diagnostics().get(0).end()).isEqualTo(5);
        CiliumPolicyMapper noProxy = CiliumPolicyMapper.create(MappingOptions.defaults()
                .withAgentConfig(CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", "false"))));
        Mapped<CiliumNetworkPolicy> n = noProxy.toNetworkPolicy(RuntimeProfile.builder()
                .restrictEgress(RuleSet.parse("a.com")).build(), "ns", "p", Map.of("app", "web"));
        assertThat(n.diagnostics()).extracting(Diagnostic::code)
                .containsExactly(ApplicabilityCodes.FQDN_NEEDS_L7_PROXY);
    }

    @Test
    void theReverseMappingGivesBackTheExceptions() {
        RuntimeProfile profile = webProfile();
        PolicyProfile back = MAPPER.toProfile(
                MAPPER.toNetworkPolicy(profile, "shop", "web-profile", Map.of("app", "web")).value());
        assertThat(back.diagnostics()).isEmpty();
        assertThat(back.isExact()).isTrue();
        assertThat(asSet(back.profile().ingressExceptions().orElseThrow()))
                .isEqualTo(asSet(profile.ingressExceptions().orElseThrow()));
        assertThat(asSet(back.profile().egressExceptions().orElseThrow()))
                .isEqualTo(asSet(profile.egressExceptions().orElseThrow()));
    }

    private static Set<Rule> asSet(RuleSet rs) {
        return new HashSet<>(rs.rules());
    }

    @Test
    void clusterwidePoliciesHaveNoNamespace() throws IOException {
        Mapped<CiliumClusterwideNetworkPolicy> m = MAPPER.toClusterwidePolicy(RuntimeProfile.builder()
                .restrictEgress(RuleSet.parse("entity:cluster, 203.0.113.0/24")).build(), "baseline",
                Map.of("k8s:io.kubernetes.pod.namespace", "shop"));
        assertThat(m.value().getMetadata().getNamespace()).isNull();
        assertThat(CiliumPolicies.toYaml(m.value())).isEqualTo(golden("baseline-ccnp.yaml"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "Cilium {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1.16", "1.17", "1.18", "1.19", "1.20", "v1.18.4"})
    void everySupportedVersionGetsValidOutputAndTheRightWarnings(String version) {
        MappingOptions options = MappingOptions.defaults().withCiliumVersion(version);
        Mapped<CiliumNetworkPolicy> m = CiliumPolicyMapper.create(options).toNetworkPolicy(RuntimeProfile.builder()
                .restrictEgress(RuleSet.parse("**.example.com, entity:world-ipv6, entity:host")).build(), "ns", "p",
                Map.of());
        boolean before119 = options.ciliumMinor() < 19;
        assertThat(m.diagnostics()).extracting(Diagnostic::code).contains(CiliumPolicyMapper.ENTITY_REPLACED);
        assertThat(m.diagnostics()).extracting(Diagnostic::code).filteredOn(
                CiliumPolicyMapper.PATTERN_BEFORE_1_19::equals).hasSize(before119 ? 1 : 0);
        assertThat(CiliumPolicies.toYaml(m.value())).contains("::/0").doesNotContain("world-ipv6");
    }

    @Test
    void rejectsUnsupportedVersionText() {
        assertThatThrownBy(() -> MappingOptions.defaults().withCiliumVersion("2.0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MappingOptions.defaults().withCiliumVersion("1.9"))
                .isInstanceOf(IllegalArgumentException.class);
        // the lines this library knows: 1.16 to 1.20
        assertThatThrownBy(() -> MappingOptions.defaults().withCiliumVersion("1.15"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.16");
        assertThatThrownBy(() -> MappingOptions.defaults().withCiliumVersion("1.21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.20");
        assertThat(MappingOptions.defaults().ciliumMinor()).isEqualTo(20);
        assertThat(MappingOptions.NEWEST_CILIUM_VERSION).isEqualTo("1.20");
        assertThatThrownBy(() -> MappingOptions.defaults().withCiliumVersion("latest"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProfileRestrictingNothingIsAnErrorFrom117BecauseCiliumRefusesARuleWithoutSections() {
        // found by ValidatorProperties: the mapper wrote a policy with no section, which the 1.17+ agent refuses
        RuntimeProfile p = RuntimeProfile.unrestricted();
        Mapped<CiliumNetworkPolicy> m = MAPPER.toNetworkPolicy(p, "shop", "x", Map.of("app", "web"));
        assertThat(m.diagnostics()).extracting(Diagnostic::severity, Diagnostic::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(io.kcs.cilium.rules.common.Severity.ERROR,
                        CiliumPolicyMapper.NOTHING_RESTRICTED));
        assertThat(CiliumPolicyValidator.create(MappingOptions.defaults()).validate(m.value()))
                .extracting(PolicyDiagnostic::code).containsExactly(PolicyDiagnosticCodes.NO_SECTION);
        Mapped<CiliumNetworkPolicy> old = CiliumPolicyMapper.create(MappingOptions.defaults().withCiliumVersion("1.16"))
                .toNetworkPolicy(p, "shop", "x", Map.of("app", "web"));
        assertThat(old.hasErrors()).isFalse();
        assertThat(old.diagnostics()).extracting(Diagnostic::code).containsExactly(CiliumPolicyMapper.NOTHING_RESTRICTED);
        // restricting one direction is enough
        assertThat(MAPPER.toNetworkPolicy(RuntimeProfile.builder().restrictIngress(RuleSet.of(List.of())).build(),
                "shop", "x", Map.of("app", "web")).hasErrors()).isFalse();
    }

    @Test
    void rejectsInvalidNames() {
        RuntimeProfile p = RuntimeProfile.unrestricted();
        assertThatThrownBy(() -> MAPPER.toNetworkPolicy(p, "Shop", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MAPPER.toClusterwidePolicy(p, "x_y", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
