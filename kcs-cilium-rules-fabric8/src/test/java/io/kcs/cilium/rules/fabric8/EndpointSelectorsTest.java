package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The mapper checks its endpoint selectors with the parser's label rules (Kubernetes syntax). */
class EndpointSelectorsTest {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(MappingOptions.defaults());
    private static final RuntimeProfile PROFILE = RuntimeProfile.builder()
            .restrictEgress(RuleSet.parse("10.0.0.0/8")).build();

    // Each invalid row differs from a valid row in one place.
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "app;web", "app.kubernetes.io/name;web", "k8s:app;web", "any:app;web", "app;''", "a;b-c_d.e",
        "k8s:io.kubernetes.pod.namespace;kube-system",
        "app;w123456789w123456789w123456789w123456789w123456789w123456789w12"})
    void acceptsValidLabels(String key, String value) {
        assertThat(EndpointSelectors.problem(key, value)).isEmpty();
        assertThat(MAPPER.toNetworkPolicy(PROFILE, "shop", "p", Map.of(key, value)).value().getSpec()
                .getEndpointSelector().getMatchLabels()).containsEntry(key, value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "bad key;web;a space", "app;we b;a space", "app;-web;start and end", "app_;web;start and end",
        "/app;web;empty label key prefix", "app.kubernetes.io/;web;empty label name", "foo:app;web;source",
        "'';web;empty label key", "k8s:;web;empty label key", "App.Io/name;web;lower case",
        "app;w123456789w123456789w123456789w123456789w123456789w123456789w123;64 characters"})
    void rejectsInvalidLabelsWithTheReason(String key, String value, String reason) {
        assertThat(EndpointSelectors.problem(key, value)).get().asString().contains(reason);
        assertThatThrownBy(() -> MAPPER.toNetworkPolicy(PROFILE, "shop", "p", Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason)
                .hasMessageContaining("endpoint selector");
        assertThatThrownBy(() -> MAPPER.toClusterwidePolicy(PROFILE, "p", Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void rejectsNullKeysAndValuesWithoutANullPointerException() {
        Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("app", null);
        assertThatThrownBy(() -> MAPPER.toNetworkPolicy(PROFILE, "shop", "p", nullValue))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app");
    }

    @Test
    void warnsWhenTheSelectorIsEmpty() {
        Mapped<?> cnp = MAPPER.toNetworkPolicy(PROFILE, "shop", "p", Map.of());
        assertThat(cnp.hasErrors()).isFalse();
        assertThat(cnp.diagnostics()).extracting(Diagnostic::code).containsExactly(EndpointSelectors.EMPTY);
        assertThat(cnp.diagnostics().get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(cnp.diagnostics().get(0).message()).contains("every pod").contains("shop");
        Mapped<?> ccnp = MAPPER.toClusterwidePolicy(PROFILE, "p", Map.of());
        assertThat(ccnp.diagnostics()).extracting(Diagnostic::code).containsExactly(EndpointSelectors.EMPTY);
        assertThat(ccnp.diagnostics().get(0).message()).contains("cluster");
        assertThat(MAPPER.toNetworkPolicy(PROFILE, "shop", "p", Map.of("app", "web")).diagnostics()).isEmpty();
    }

    @Test
    void theDnsProxyTargetSelectorIsCheckedToo() {
        List<PortProtocol> ports = List.of(new PortProtocol().withPort("53").withProtocol("UDP"));
        assertThat(MappingOptions.defaults().withDnsProxyTarget(Map.of("k8s:k8s-app", "coredns"), ports)
                .dnsSelector()).containsEntry("k8s:k8s-app", "coredns");
        assertThatThrownBy(() -> MappingOptions.defaults().withDnsProxyTarget(Map.of("k8s:k8s app", "dns"), ports))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a space");
        assertThatThrownBy(() -> MappingOptions.defaults().withDnsProxyTarget(Map.of(), ports))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
