package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Connection;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.Mapped;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Laws of the fabric8 mapping over generated profiles: the policy read back (through YAML) holds the same exceptions
 * per direction, and evaluating packets against the profile and against the policy read back gives the same verdicts.
 * Profiles avoid what cannot be expressed (cluster-mesh, FQDN on ingress); world-ipv4/6 are kept, since their CIDR
 * replacements select the same peers.
 */
class MappingProperties {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(MappingOptions.defaults());
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static RuleSet exceptions(Random r, boolean egress) {
        List<Rule> rules = new ArrayList<>();
        int n = r.nextInt(7);
        while (rules.size() < n) {
            Rule x = ParserProperties.rule(r);
            if (x instanceof EntityRule e && e.entity() == Entity.CLUSTER_MESH) {
                continue;
            }
            if (!egress && x instanceof FqdnRule) {
                continue;
            }
            rules.add(x);
        }
        return RuleSet.of(rules);
    }

    private static RuntimeProfile profile(Random r) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        if (r.nextBoolean()) {
            b.restrictIngress(exceptions(r, false));
        }
        if (r.nextBoolean()) {
            b.restrictEgress(exceptions(r, true));
        }
        return b.build();
    }

    private static RuntimeProfile readBack(RuntimeProfile p, Random r) {
        Mapped<CiliumNetworkPolicy> cnp = MAPPER.toNetworkPolicy(p, "ns", "p", Map.of("app", "x"));
        assertThat(cnp.hasErrors()).as("%s", cnp.diagnostics()).isFalse();
        CiliumNetworkPolicy parsed = CiliumPolicies.fromYaml(CiliumPolicies.toYaml(cnp.value()),
                CiliumNetworkPolicy.class);
        Mapped<RuntimeProfile> back = MAPPER.toProfile(parsed);
        assertThat(back.diagnostics()).isEmpty();
        return back.value();
    }

    /** Rule texts, with the documented equivalences: world-ipv4/6 as their CIDRs, ingress service:ns as endpoint:ns. */
    private static Set<String> texts(RuleSet rs, boolean ingress) {
        Set<String> out = new HashSet<>();
        for (Rule rule : rs) {
            String t = rule.toString();
            if (ingress && t.startsWith("service:") && !t.contains("|")) {
                t = "endpoint:" + t.substring("service:".length());
            }
            out.add(t.equals("entity:world-ipv4") ? "0.0.0.0/0" : t.equals("entity:world-ipv6") ? "::/0" : t);
        }
        return out;
    }

    @Test
    void thePolicyReadBackHoldsTheSameExceptions() {
        qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            RuntimeProfile p = profile(r);
            RuntimeProfile back = readBack(p, r);
            assertThat(back.ingressExceptions().isPresent()).isEqualTo(p.ingressExceptions().isPresent());
            assertThat(back.egressExceptions().isPresent()).isEqualTo(p.egressExceptions().isPresent());
            p.ingressExceptions().ifPresent(rs -> assertThat(texts(back.ingressExceptions().orElseThrow(), true))
                    .isEqualTo(texts(rs, true)));
            p.egressExceptions().ifPresent(rs -> assertThat(texts(back.egressExceptions().orElseThrow(), false))
                    .isEqualTo(texts(rs, false)));
        });
    }

    @Test
    void evaluationAgreesBetweenTheProfileAndThePolicyReadBack() {
        qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            RuntimeProfile p = profile(r);
            RuntimeProfile back = readBack(p, r);
            DnsCache dns = DnsCache.create();
            dns.observe("api.example.com", List.of(IpAddress.ofIpv4(r.nextInt())), Duration.ofSeconds(60),
                    NOW.minusSeconds(1));
            PolicyEvaluator a = PolicyEvaluator.compile(p, CiliumAgentConfig.defaults(), dns);
            PolicyEvaluator b = PolicyEvaluator.compile(back, CiliumAgentConfig.defaults(), dns);
            for (int i = 0; i < 20; i++) {
                Peer peer = peer(r);
                for (Connection c : List.of(Connection.inbound(peer), Connection.outbound(peer))) {
                    assertThat(b.evaluate(c.request(), NOW).allowed()).as("%s %s", c, p)
                            .isEqualTo(a.evaluate(c.request(), NOW).allowed());
                    assertThat(b.evaluate(c.reply(), NOW).allowed()).isEqualTo(a.evaluate(c.reply(), NOW).allowed());
                }
            }
        });
    }

    private static Peer peer(Random r) {
        IpAddress ip = r.nextInt(4) == 0 ? IpAddress.ofIpv6(r.nextLong(), r.nextLong()) : IpAddress.ofIpv4(r.nextInt());
        switch (r.nextInt(8)) {
            case 0:
            case 1:
                return Peer.world(ip).withDnsNames(r.nextBoolean() ? Set.of("api.example.com") : Set.of());
            case 2: {
                String ns = ParserProperties.label(r, 3);
                Peer.Pod pod = Peer.pod(ns, Map.of("app", "frontend"));
                return r.nextBoolean() ? pod.viaService("s", Map.of("app", "db", "tier", "x")) : pod;
            }
            case 3:
                return Peer.host();
            case 4:
                return Peer.kubeApiserver(ip);
            case 5:
                return Peer.unmanaged(ip);
            case 6:
                return Peer.remoteNode();
            default:
                return Peer.health();
        }
    }
}
