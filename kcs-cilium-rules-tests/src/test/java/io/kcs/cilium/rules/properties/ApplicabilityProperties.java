package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.eval.Applicability;
import io.kcs.cilium.rules.eval.ApplicabilityCodes;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.PolicyNotApplicableException;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fqdn.DnsCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One applicability judgement across modules: for generated profiles (parsed from text, so diagnostics carry real
 * offsets) and agent configurations, {@link PolicyEvaluator#compile} and the fabric8 mapper report exactly the
 * diagnostics of {@link Applicability#check} (codes, offsets, severities, messages, order).
 */
class ApplicabilityProperties {

    private static final List<String> ENTRIES = List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.7", "api.example.com",
            "*.example.com", "**.svc.example.org", "*", "entity:world", "entity:kube-apiserver", "entity:world-ipv4",
            "entity:cluster-mesh", "endpoint:payments", "service:shop", "service:shop|app=web,tier", "service:db|x=");
    private static final CiliumAgentConfig WITH_PROXY = CiliumAgentConfig.defaults();
    private static final CiliumAgentConfig WITHOUT_PROXY =
            CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", "false"));

    /** A restricted list of up to 6 distinct entries, or null (unrestricted). */
    private static String list(Random r) {
        if (r.nextInt(4) == 0) {
            return null;
        }
        List<String> picked = new ArrayList<>();
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            String e = ENTRIES.get(r.nextInt(ENTRIES.size()));
            if (!picked.contains(e)) {
                picked.add(e);
            }
        }
        return String.join(r.nextBoolean() ? ", " : ",", picked);
    }

    private static List<Diagnostic> evaluator(RuntimeProfile p, CiliumAgentConfig config) {
        try {
            return PolicyEvaluator.compile(p, config, DnsCache.create()).diagnostics();
        } catch (PolicyNotApplicableException e) {
            return e.diagnostics();
        }
    }

    @Test
    void theEvaluatorAndTheMapperReportExactlyTheApplicabilityDiagnostics() {
        qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            String ingress = list(r);
            String egress = list(r);
            RuntimeProfile.Builder b = RuntimeProfile.builder();
            if (ingress != null) {
                b.restrictIngress(RuleSet.parse(ingress));
            }
            if (egress != null) {
                b.restrictEgress(RuleSet.parse(egress));
            }
            RuntimeProfile p = b.build();
            CiliumAgentConfig config = r.nextBoolean() ? WITH_PROXY : WITHOUT_PROXY;
            List<Diagnostic> expected = Applicability.check(p, config);
            assertThat(evaluator(p, config)).as("evaluator, %s, %s", p, config).isEqualTo(expected);
            CiliumPolicyMapper mapper = CiliumPolicyMapper.create(MappingOptions.defaults().withAgentConfig(config));
            List<Diagnostic> mapped = mapper.toNetworkPolicy(p, "ns", "p", Map.of()).diagnostics().stream()
                    .filter(d -> ApplicabilityCodes.ALL.contains(d.code())).toList();
            assertThat(mapped).as("mapper, %s, %s", p, config).isEqualTo(expected);
            for (Diagnostic d : expected) { // each covers its entry in the list it came from
                String text = d.code().equals(ApplicabilityCodes.FQDN_NEEDS_L7_PROXY) ? egress : ingress;
                assertThat(d.end()).isGreaterThan(d.start()).isLessThanOrEqualTo(text.length());
            }
        });
    }
}
