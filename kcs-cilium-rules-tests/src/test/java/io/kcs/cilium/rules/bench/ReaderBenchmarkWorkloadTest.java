package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader benchmark measures what it claims: the big policy is valid with 500 rules of mixed peers, ports and L7;
 * the set has 1,000 valid policies whose read ran the cross-policy lints (their warnings are there).
 */
class ReaderBenchmarkWorkloadTest {

    @Test
    void theBigPolicyIsValidWith500MixedRules() {
        ReaderBenchmark b = new ReaderBenchmark();
        b.setup();
        PolicyReadResult r = b.readOneCnpWith500Rules();
        assertThat(r.valid()).as("%s", r.errors()).isTrue();
        assertThat(r.rules()).hasSize(500);
        long items = 0;
        boolean http = false;
        boolean dns = false;
        boolean fqdn = false;
        boolean deny = false;
        for (PolicyRule rule : r.rules()) {
            items += rule.ingress().size() + rule.egress().size() + rule.ingressDeny().size()
                    + rule.egressDeny().size();
            deny |= !rule.ingressDeny().isEmpty() || !rule.egressDeny().isEmpty();
            for (var e : rule.egress()) {
                fqdn |= e.toFqdns().isPresent();
                for (var p : e.toPorts()) {
                    dns |= p.rules().map(l7 -> !l7.dns().isEmpty()).orElse(false);
                    http |= p.rules().map(l7 -> !l7.http().isEmpty()).orElse(false);
                }
            }
            for (var in : rule.ingress()) {
                for (var p : in.toPorts()) {
                    http |= p.rules().map(l7 -> !l7.http().isEmpty()).orElse(false);
                }
            }
        }
        assertThat(items).isEqualTo(1000);
        assertThat(http && dns && fqdn && deny).isTrue();
    }

    @Test
    void theSetIsValidAndItsCrossPolicyLintsRan() {
        ReaderBenchmark b = new ReaderBenchmark();
        b.setup();
        assertThat(b.policySet).hasSize(1000);
        PolicyReadResult r = b.readSetOf1000Policies();
        assertThat(r.valid()).as("%s", r.errors()).isTrue();
        assertThat(r.rules()).hasSizeGreaterThan(1000);
        Set<String> codes = r.warnings().stream().map(PolicyDiagnostic::code).collect(Collectors.toSet());
        assertThat(codes).contains(PolicyDiagnosticCodes.EMPTY_ENDPOINT_SELECTOR,
                PolicyDiagnosticCodes.CLUSTERWIDE_WILDCARD_ENDPOINTS, PolicyDiagnosticCodes.CIDR_SELECTS_CLUSTER_RANGE);
        // cross-policy lints: FQDN rules were judged against the set's DNS rules (some covered, some not)
        List<String> fqdnPaths = r.warnings().stream()
                .filter(d -> d.code().equals(PolicyDiagnosticCodes.FQDN_WITHOUT_DNS_RULE)).map(PolicyDiagnostic::path)
                .toList();
        for (int i = 99; i < 1000; i += 100) {
            assertThat(fqdnPaths).contains("team-" + i + "/policy-" + i + ":spec.egress[0].toFQDNs");
        }
        // and not every FQDN rule: the generated ones in "shop" are mostly covered by the set's DNS rules
        long fqdnRules = r.rules().stream().flatMap(x -> x.egress().stream()).filter(e -> e.toFqdns().isPresent())
                .count();
        assertThat((long) fqdnPaths.size()).isLessThan(fqdnRules);
        assertThat(r.warnings()).allSatisfy(d -> assertThat(d.path()).matches("^([a-z0-9-]+/)?policy-\\d+:.*"));
    }
}
