package io.kcs.cilium.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.fqdn.DnsCache;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicabilityTest {

    private static final CiliumAgentConfig DEFAULTS = CiliumAgentConfig.defaults();
    private static final CiliumAgentConfig NO_PROXY = CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", "false"));

    private static RuntimeProfile profile(String ingress, String egress) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        if (ingress != null) {
            b.restrictIngress(RuleSet.parse(ingress));
        }
        if (egress != null) {
            b.restrictEgress(RuleSet.parse(egress));
        }
        return b.build();
    }

    private static List<String> summary(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.severity() + " " + d.code() + " " + d.start() + "-" + d.end()).toList();
    }

    @Test
    void aProfileCiliumCanApplyHasNoDiagnostics() {
        assertThat(Applicability.check(profile("10.0.0.0/8, endpoint:a", "a.com, service:s|x=y"), DEFAULTS)).isEmpty();
        assertThat(Applicability.check(RuntimeProfile.unrestricted(), NO_PROXY)).isEmpty();
    }

    @Test
    void fqdnOnIngressIsAnErrorCoveringTheEntry() {
        assertThat(summary(Applicability.check(profile("10.0.0.0/8, a.com", null), DEFAULTS)))
                .containsExactly("ERROR fqdn-in-ingress 12-17");
    }

    @Test
    void fqdnWithoutTheL7ProxyIsAnErrorCoveringTheEntry() {
        assertThat(summary(Applicability.check(profile(null, "10.0.0.0/8, a.com"), NO_PROXY)))
                .containsExactly("ERROR fqdn-needs-l7-proxy 12-17");
        assertThat(Applicability.check(profile(null, "10.0.0.0/8, a.com"), DEFAULTS)).isEmpty();
    }

    @Test
    void fqdnOnIngressWithoutTheProxyIsReportedOnceAsIngress() {
        assertThat(summary(Applicability.check(profile("a.com", null), NO_PROXY)))
                .containsExactly("ERROR fqdn-in-ingress 0-5");
    }

    @Test
    void serviceOnIngressIsAWarning() {
        assertThat(summary(Applicability.check(profile("service:shop|app=web", null), DEFAULTS)))
                .containsExactly("WARNING service-in-ingress 0-20");
        assertThat(Applicability.check(profile(null, "service:shop|app=web"), DEFAULTS)).isEmpty();
    }

    @Test
    void diagnosticsComeIngressFirstThenInListOrder() {
        List<Diagnostic> d = Applicability.check(profile("service:s, b.com", "c.com"), NO_PROXY);
        assertThat(summary(d)).containsExactly("WARNING service-in-ingress 0-9", "ERROR fqdn-in-ingress 11-16",
                "ERROR fqdn-needs-l7-proxy 0-5");
        assertThat(d).allSatisfy(x -> assertThat(ApplicabilityCodes.ALL).contains(x.code()));
        assertThat(d.get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void theEvaluatorReportsExactlyTheApplicabilityDiagnostics() {
        RuntimeProfile warnOnly = profile("service:s|a=b", "a.com");
        assertThat(PolicyEvaluator.compile(warnOnly, DEFAULTS, DnsCache.create()).diagnostics())
                .isEqualTo(Applicability.check(warnOnly, DEFAULTS));
        RuntimeProfile failing = profile("service:s|a=b, a.com", "b.com");
        assertThatThrownBy(() -> PolicyEvaluator.compile(failing, NO_PROXY, DnsCache.create()))
                .isInstanceOfSatisfying(PolicyNotApplicableException.class, e -> assertThat(e.diagnostics())
                        .isEqualTo(Applicability.check(failing, NO_PROXY)));
    }
}
