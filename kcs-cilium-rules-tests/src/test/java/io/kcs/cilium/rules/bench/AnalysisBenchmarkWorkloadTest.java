package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.analysis.Finding;
import io.kcs.cilium.rules.analysis.FindingCodes;
import io.kcs.cilium.rules.analysis.ProfileDiff;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The analysis benchmark does real work, through the benchmark methods themselves: both profiles hold 10,000
 * exceptions of every kind; {@code analyze} finds redundant entries of several kinds, cluster overlaps and broad CIDRs;
 * {@code diff} finds CIDR, FQDN, endpoint and service differences in both directions of change.
 */
class AnalysisBenchmarkWorkloadTest {

    @Test
    void analyzeAndDiffDoRealWork() {
        AnalysisBenchmark b = new AnalysisBenchmark();
        b.setup();
        assertThat(b.before.egressExceptions().orElseThrow().size()).isEqualTo(10_000);
        assertThat(b.after.egressExceptions().orElseThrow().size()).isBetween(9_900, 10_000);

        List<Finding> findings = b.analyze();
        Map<String, Long> byCode = findings.stream().collect(Collectors.groupingBy(Finding::code,
                Collectors.counting()));
        assertThat(byCode).containsKeys(FindingCodes.REDUNDANT_ENTRY, FindingCodes.CIDR_OVERLAPS_CLUSTER);
        Map<String, Long> redundantKinds = findings.stream()
                .filter(f -> f.code().equals(FindingCodes.REDUNDANT_ENTRY))
                .collect(Collectors.groupingBy(f -> f.rules().get(0).getClass().getSimpleName(),
                        Collectors.counting()));
        assertThat(redundantKinds).containsKeys("CidrRule", "FqdnRule");
        assertThat(redundantKinds.get("CidrRule")).isGreaterThan(100);
        assertThat(redundantKinds.get("FqdnRule")).isGreaterThan(100);

        ProfileDiff d = b.diff();
        assertThat(d.isWidening()).isTrue();
        Function<List<Rule>, Map<String, Long>> kinds = rules -> rules.stream()
                .collect(Collectors.groupingBy(r -> r.getClass().getSimpleName(), Collectors.counting()));
        Map<String, Long> newly = kinds.apply(d.egress().newlyAllowed().rules());
        Map<String, Long> gone = kinds.apply(d.egress().noLongerAllowed().rules());
        for (Map<String, Long> m : List.of(newly, gone)) {
            assertThat(m).containsKeys(CidrRule.class.getSimpleName(), FqdnRule.class.getSimpleName(),
                    EndpointRule.class.getSimpleName(), ServiceRule.class.getSimpleName());
        }
        System.out.println("AnalysisBenchmark workload: findings " + byCode + ", redundant " + redundantKinds
                + ", newly allowed " + newly + ", no longer allowed " + gone);
    }
}
