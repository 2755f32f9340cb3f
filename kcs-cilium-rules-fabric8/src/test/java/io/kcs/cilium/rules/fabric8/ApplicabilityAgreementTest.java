package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.eval.Applicability;
import io.kcs.cilium.rules.eval.ApplicabilityCodes;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.PolicyNotApplicableException;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.DnsCache;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluator and the mapper judge applicability with one implementation ({@link Applicability}): the same profile
 * gives the same diagnostics (codes, positions, severities, messages) from both.
 */
class ApplicabilityAgreementTest {

    private static RuntimeProfile profile(String ingress, String egress) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        if (!"-".equals(ingress)) {
            b.restrictIngress(RuleSet.parse(ingress));
        }
        if (!"-".equals(egress)) {
            b.restrictEgress(RuleSet.parse(egress));
        }
        return b.build();
    }

    /** What the evaluator reports: the exception's diagnostics when compile fails, else its warnings. */
    private static List<Diagnostic> evaluator(RuntimeProfile p, CiliumAgentConfig config) {
        try {
            return PolicyEvaluator.compile(p, config, DnsCache.create()).diagnostics();
        } catch (PolicyNotApplicableException e) {
            return e.diagnostics();
        }
    }

    /** The mapper's diagnostics with an applicability code. */
    private static List<Diagnostic> mapper(RuntimeProfile p, CiliumAgentConfig config, boolean clusterwide) {
        CiliumPolicyMapper m = CiliumPolicyMapper.create(MappingOptions.defaults().withAgentConfig(config));
        List<Diagnostic> all = clusterwide ? m.toClusterwidePolicy(p, "p", Map.of()).diagnostics()
                : m.toNetworkPolicy(p, "ns", "p", Map.of()).diagnostics();
        return all.stream().filter(d -> ApplicabilityCodes.ALL.contains(d.code())).toList();
    }

    @ParameterizedTest(name = "ingress [{0}] egress [{1}] l7 proxy {2}: {3} diagnostics")
    @CsvSource(delimiter = ';', value = {
        "10.0.0.0/8, entity:world; *.example.com; true; 0",
        "a.com; -; true; 1",
        "a.com; -; false; 1",
        "-; 10.0.0.0/8, a.com, *.b.org; false; 2",
        "-; 10.0.0.0/8, a.com, *.b.org; true; 0",
        "service:shop|app=web, endpoint:x; -; true; 1",
        "service:shop; service:db|tier; true; 1",
        "service:s|a=b, a.com, entity:world-ipv4; entity:cluster-mesh, b.com, service:t; false; 3",
        "; ; false; 0",
    })
    void theEvaluatorAndTheMapperReportTheSameApplicabilityDiagnostics(String ingress, String egress,
            boolean l7Proxy, int expected) {
        RuntimeProfile p = profile(ingress == null ? "" : ingress, egress == null ? "" : egress);
        CiliumAgentConfig config = CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", String.valueOf(l7Proxy)));
        List<Diagnostic> single = Applicability.check(p, config);
        assertThat(single).hasSize(expected);
        assertThat(evaluator(p, config)).isEqualTo(single);
        assertThat(mapper(p, config, false)).isEqualTo(single);
        assertThat(mapper(p, config, true)).isEqualTo(single);
    }
}
