package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.analysis.AnalysisOptions;
import io.kcs.cilium.rules.analysis.Finding;
import io.kcs.cilium.rules.analysis.ProfileAnalyzer;
import io.kcs.cilium.rules.analysis.ProfileDiff;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The analysis on 10,000-exception egress profiles: {@code analyze} (every finding, redundancy included) and
 * {@code diff} of two such profiles that differ in about 10% of their entries (500 dropped, 500 new). Targets: analyze
 * at most 50 ms, diff at most 100 ms.
 *
 * <p>The profile mixes the kinds as a large real profile would: 6,000 CIDRs (20% IPv6, nested prefixes, some
 * overlapping the cluster ranges), 1,700 FQDN names under 100 team domains and 300 patterns (single- and multi-label,
 * names under them), 1,000 endpoint and 994 service exceptions, and 6 entities. {@code AnalysisBenchmarkWorkloadTest}
 * checks the sizes and that both operations do real work (findings of several codes, differences of every kind).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class AnalysisBenchmark {

    ProfileAnalyzer analyzer;
    RuntimeProfile before;
    RuntimeProfile after;

    /** A 10,000-exception profile drawn from {@code r}. */
    static RuleSet tenThousandExceptions(Random r) {
        Set<Rule> out = new LinkedHashSet<>();
        while (out.size() < 6_000) {
            out.add(new CidrRule(cidr(r)));
        }
        while (out.size() < 6_300) {
            int team = r.nextInt(100);
            String p = switch (r.nextInt(3)) {
                case 0 -> "*.team" + team + ".example.com";
                case 1 -> "**.svc" + r.nextInt(50) + ".team" + team + ".example.com";
                default -> "api-*.team" + team + ".example.com";
            };
            out.add(new FqdnRule(FqdnSelector.parse(p)));
        }
        while (out.size() < 8_000) {
            out.add(new FqdnRule(FqdnSelector.parse((r.nextInt(4) == 0 ? "v" + r.nextInt(3) + "." : "") + "app"
                    + r.nextInt(400) + ".team" + r.nextInt(100) + ".example.com")));
        }
        while (out.size() < 9_000) {
            out.add(new EndpointRule("ns-" + r.nextInt(5_000)));
        }
        while (out.size() < 9_994) {
            out.add(ServiceRule.withLabels("svc-ns-" + r.nextInt(300), Map.of("app", "a" + r.nextInt(20))));
        }
        for (Entity e : List.of(Entity.KUBE_APISERVER, Entity.HOST, Entity.HEALTH, Entity.INGRESS, Entity.INIT,
                Entity.UNMANAGED)) {
            out.add(new EntityRule(e));
        }
        return RuleSet.of(out);
    }

    private static Cidr cidr(Random r) {
        if (r.nextInt(5) == 0) {
            return Cidr.of(IpAddress.ofIpv6(0x20010db800000000L | ((long) r.nextInt(1 << 16) << 16),
                    r.nextLong()), 48 + r.nextInt(81));
        }
        int len = 16 + r.nextInt(17);
        return Cidr.of(IpAddress.ofIpv4((r.nextInt(40) + 1) << 24 | r.nextInt(1 << 24)), len);
    }

    /** {@code rs} with {@code drop} entries removed and {@code add} new ones. */
    static RuleSet change(RuleSet rs, Random r, int drop, int add) {
        List<Rule> l = new ArrayList<>(rs.rules());
        for (int i = 0; i < drop; i++) {
            l.remove(r.nextInt(l.size()));
        }
        RuleSet fresh = tenThousandExceptions(new Random(r.nextLong()));
        for (int i = 0; i < add; i++) {
            l.add(fresh.rules().get(r.nextInt(fresh.size())));
        }
        return RuleSet.of(l);
    }

    @Setup
    public void setup() {
        Random r = new Random(42);
        RuleSet egress = tenThousandExceptions(r);
        before = RuntimeProfile.builder().restrictEgress(egress).build();
        after = RuntimeProfile.builder().restrictEgress(change(egress, r, 500, 500)).build();
        analyzer = ProfileAnalyzer.create(AnalysisOptions.defaults()
                .withClusterCidrs(CidrSet.parse("10.244.0.0/16, 10.96.0.0/12, 2001:db8:1::/48")));
    }

    @Benchmark
    public List<Finding> analyze() {
        return analyzer.analyze(before);
    }

    @Benchmark
    public ProfileDiff diff() {
        return ProfileDiff.between(before, after);
    }
}
