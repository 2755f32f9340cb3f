package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Connection;
import io.kcs.cilium.rules.eval.Packet;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Policy evaluation on a compiled 1,000-exception mixed profile, against a naive evaluator (a linear scan over the
 * rules with {@code Cidr.contains}) on the same packets. Packets cycle over world peers (half inside a CIDR), pods and
 * entity peers.
 *
 * <p>Run: {@code ./kcs-cilium-rules-tests/bench.sh EvaluateBenchmark -prof gc} (see README).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class EvaluateBenchmark {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    RuleSet rules;
    RuntimeProfile profile;
    PolicyEvaluator evaluator;
    Packet[] packets;
    int next;

    /** The 1,000-exception profile: 700 CIDRs (80% IPv4), 100 FQDN, 14 entities, 100 endpoints, 86 services. */
    static RuleSet thousandExceptions(Random r) {
        java.util.Set<Rule> out = new java.util.LinkedHashSet<>();
        while (out.size() < 700) {
            if (r.nextInt(5) == 0) {
                out.add(new CidrRule(Cidr.of(IpAddress.ofIpv6(0x2001_0db8_0000_0000L | r.nextInt(1 << 16) << 16, 0),
                        32 + r.nextInt(33))));
            } else {
                out.add(new CidrRule(Cidr.of(IpAddress.ofIpv4(r.nextInt()), 16 + r.nextInt(17))));
            }
        }
        for (int i = 0; i < 100; i++) {
            out.add(new FqdnRule(FqdnSelector.parse(i % 2 == 0 ? "*.svc" + i + ".example.com" : "api" + i + ".example.com")));
        }
        for (Entity e : Entity.values()) {
            if (e != Entity.ALL && e != Entity.CLUSTER && e != Entity.CLUSTER_MESH && e != Entity.WORLD
                    && e != Entity.WORLD_IPV4 && e != Entity.WORLD_IPV6) {
                out.add(new EntityRule(e));
            }
        }
        for (int i = 0; i < 100; i++) {
            out.add(new EndpointRule("ns" + i));
        }
        int i = 0;
        while (out.size() < 1000) {
            out.add(new ServiceRule("svc" + i, Map.of("app", Optional.of("a" + i))));
            i++;
        }
        return RuleSet.of(new ArrayList<>(out));
    }

    @Setup
    public void setup() {
        Random r = new Random(42);
        rules = thousandExceptions(r);
        profile = RuntimeProfile.builder().restrictEgress(rules).restrictIngress(RuleSet.empty()).build();
        evaluator = PolicyEvaluator.compile(profile, CiliumAgentConfig.defaults(), DnsCache.create());
        List<CidrRule> cidrs = rules.rulesOf(CidrRule.class);
        packets = new Packet[4096];
        for (int k = 0; k < packets.length; k++) {
            Peer peer;
            switch (k % 8) {
                case 0, 1, 2, 3 -> {
                    IpAddress ip;
                    if (k % 2 == 0) { // a hit: an address inside a rule's CIDR
                        Cidr c = cidrs.get(r.nextInt(cidrs.size())).cidr();
                        ip = c.isIpv4() ? IpAddress.ofIpv4((int) c.address().low() | (r.nextInt()
                                & ~io.kcs.cilium.rules.net.Cidr.ipv4Mask(c.prefixLength())))
                                : IpAddress.ofIpv6(c.address().high(), r.nextLong());
                    } else {
                        ip = r.nextInt(5) == 0 ? IpAddress.ofIpv6(0x3fff_0000_0000_0000L | r.nextInt(), r.nextLong())
                                : IpAddress.ofIpv4(r.nextInt());
                    }
                    peer = Peer.world(ip);
                }
                case 4, 5 -> peer = Peer.pod("ns" + r.nextInt(150), Map.of("app", "x"));
                case 6 -> peer = Peer.host();
                default -> peer = Peer.kubeApiserver();
            }
            packets[k] = (k % 3 == 0 ? Connection.outbound(peer).reply() : Connection.outbound(peer).request());
        }
    }

    @Benchmark
    public boolean evaluate() {
        Packet p = packets[next++ & 4095];
        return evaluator.evaluate(p, NOW).allowed();
    }

    @Benchmark
    public boolean naiveLinearScan() {
        Packet p = packets[next++ & 4095];
        return NaiveEvaluator.allowed(rules, p.remote());
    }

    @Benchmark
    public PolicyEvaluator compile() {
        return PolicyEvaluator.compile(profile, CiliumAgentConfig.defaults(), DnsCache.create());
    }

    /** The obvious evaluator: scan every rule, CIDRs with {@code Cidr.contains}; same semantics for these peers. */
    static final class NaiveEvaluator {
        static boolean allowed(RuleSet rules, Peer peer) {
            for (Rule rule : rules) {
                if (rule instanceof CidrRule c && peer instanceof Peer.World w && c.cidr().contains(w.address())) {
                    return true;
                }
                if (rule instanceof EndpointRule e && peer instanceof Peer.Pod p && e.namespace().equals(p.namespace())) {
                    return true;
                }
                if (rule instanceof EntityRule e) {
                    Entity en = e.entity();
                    if ((en == Entity.HOST && peer instanceof Peer.Host)
                            || (en == Entity.KUBE_APISERVER && peer instanceof Peer.KubeApiserver)
                            || (en == Entity.REMOTE_NODE && peer instanceof Peer.RemoteNode)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
