package io.kcs.cilium.rules.policy;

import static io.kcs.cilium.rules.policy.Rules.cidrs;
import static io.kcs.cilium.rules.policy.Rules.endpoints;
import static io.kcs.cilium.rules.policy.Rules.entities;
import static io.kcs.cilium.rules.policy.Rules.port;
import static io.kcs.cilium.rules.policy.Rules.pods;
import static io.kcs.cilium.rules.policy.Rules.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Laws of {@link PolicyEngine} over random rule sets in a small universe (two namespaces, three app labels, world,
 * host, remote node, API server; four ports), so that every outcome is frequent:
 * <ul>
 *   <li>adding allow entries to sections that already exist never removes an allowed flow (enforcement does not
 *       change; a new section could turn default deny on, which Cilium does too, so the law is stated for
 *       existing sections and for new rules with default deny off);
 *   <li>adding a deny rule never adds an allowed flow;
 *   <li>the verdicts do not depend on the order of the rules.
 * </ul>
 * Coverage of each outcome is asserted.
 */
class PolicyEngineProperties {

    private static final int EXAMPLES = 200;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] NS = {"a", "b"};
    private static final String[] APPS = {"x", "y", "z"};
    private static final List<Peer> PEERS = new ArrayList<>();
    private static final int[][] FLOWS = {{0, 80}, {0, 443}, {1, 53}, {2, 8}}; // TCP, TCP, UDP, ICMP type
    private static final Protocol[] PROTOS = {Protocol.TCP, Protocol.UDP, Protocol.ICMP};

    static {
        for (String ns : NS) {
            for (String app : APPS) {
                PEERS.add(Peer.pod(ns, Map.of("app", app)));
            }
        }
        PEERS.add(Peer.world(IpAddress.parse("10.1.2.3")));
        PEERS.add(Peer.world(IpAddress.parse("203.0.113.7")));
        PEERS.add(Peer.host());
        PEERS.add(Peer.remoteNode());
        PEERS.add(Peer.kubeApiserver());
    }

    private static final Map<Outcome, AtomicLong> OUTCOMES = new EnumMap<>(Outcome.class);
    private static final AtomicLong FLOWS_CHECKED = new AtomicLong();
    private static final AtomicLong ALLOWED = new AtomicLong();
    private static final AtomicLong REMOVED_BY_DENY = new AtomicLong();
    private static final AtomicLong ADDED_BY_ALLOW = new AtomicLong();

    static {
        for (Outcome o : Outcome.values()) {
            OUTCOMES.put(o, new AtomicLong());
        }
    }

    @AfterAll
    static void theGeneratorReachedEveryOutcome() {
        long n = FLOWS_CHECKED.get();
        System.out.println("PolicyEngineProperties over " + n + " flows: " + OUTCOMES + " allowed=" + ALLOWED
                + " removedByDeny=" + REMOVED_BY_DENY + " addedByAllow=" + ADDED_BY_ALLOW);
        assertThat(n).isGreaterThan(EXAMPLES * 10L);
        for (Outcome o : Outcome.values()) {
            assertThat((double) OUTCOMES.get(o).get() / (2 * n)).as("fraction of %s", o).isGreaterThan(0.01);
        }
        assertThat((double) ALLOWED.get() / n).as("allowed fraction").isBetween(0.15, 0.85);
        assertThat(REMOVED_BY_DENY.get()).as("flows a new deny rule removed").isGreaterThan(EXAMPLES / 4);
        assertThat(ADDED_BY_ALLOW.get()).as("flows a new allow entry added").isGreaterThan(EXAMPLES / 4);
    }

    static LabelSelectorHolder subject(Random r, String ns) {
        return new LabelSelectorHolder(r.nextInt(3) == 0 ? pods(ns) : pods(ns, "app", APPS[r.nextInt(APPS.length)]));
    }

    record LabelSelectorHolder(LabelSelector selector) {
    }

    static Peers peers(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> Peers.unrestricted();
            case 1 -> endpoints(pods(NS[r.nextInt(2)], "app", APPS[r.nextInt(APPS.length)]));
            case 2 -> endpoints(pods(NS[r.nextInt(2)]));
            case 3 -> entities(new Entity[] {Entity.WORLD, Entity.CLUSTER, Entity.HOST, Entity.REMOTE_NODE,
                Entity.KUBE_APISERVER}[r.nextInt(5)]);
            case 4 -> cidrs(r.nextBoolean() ? "10.0.0.0/8" : "203.0.113.0/24");
            default -> entities(Entity.ALL);
        };
    }

    static List<PortRule> ports(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> List.of();
            case 1 -> List.of(tcp(80));
            case 2 -> List.of(port("0", 0, L4Proto.ANY));
            case 3 -> List.of(port("53", 0, L4Proto.UDP), tcp(443));
            default -> List.of(port("400", 500, L4Proto.TCP));
        };
    }

    static IngressRule ingress(Random r) {
        return IngressRule.of(peers(r), ports(r));
    }

    static EgressRule egress(Random r) {
        return EgressRule.of(peers(r), ports(r));
    }

    static List<PortDenyRule> denyPorts(Random r) {
        List<PortDenyRule> out = new ArrayList<>();
        for (PortRule p : ports(r)) {
            out.add(new PortDenyRule(p.ports()));
        }
        return out;
    }

    static PolicyRule rule(Random r, int i, boolean allowOnly) {
        String ns = NS[r.nextInt(2)];
        PolicyRule.Builder b = Rules.cnp(ns, "p" + i, subject(r, ns).selector());
        List<IngressRule> in = new ArrayList<>();
        List<EgressRule> out = new ArrayList<>();
        int n = r.nextInt(3);
        for (int k = 0; k < n; k++) {
            in.add(ingress(r));
        }
        n = r.nextInt(3);
        for (int k = 0; k < n; k++) {
            out.add(egress(r));
        }
        b.ingress(in).egress(out);
        if (!allowOnly && r.nextInt(4) == 0) {
            b.ingressDeny(List.of(new IngressDenyRule(peers(r), denyPorts(r), List.of())));
        }
        if (!allowOnly && r.nextInt(4) == 0) {
            b.egressDeny(List.of(new EgressDenyRule(peers(r), denyPorts(r), List.of())));
        }
        if (r.nextInt(5) == 0) {
            b.defaultDeny(Optional.of(false), Optional.of(false), true);
        }
        return b.build();
    }

    static List<PolicyRule> rules(Random r) {
        int n = 1 + r.nextInt(5);
        List<PolicyRule> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(rule(r, i, false));
        }
        return out;
    }

    static PolicyEngine engine(List<PolicyRule> rules) {
        return PolicyEngine.compile(rules, CiliumAgentConfig.defaults(), DnsCache.create());
    }

    /** Every (source, destination, flow) verdict, as outcomes "egress/ingress". */
    static List<String> verdicts(PolicyEngine e, boolean count) {
        List<String> out = new ArrayList<>();
        for (Peer s : PEERS) {
            for (Peer d : PEERS) {
                if (s == d) {
                    continue;
                }
                for (int[] f : FLOWS) {
                    Trace t = e.trace(s, d, PROTOS[f[0]], f[1], NOW);
                    assertThat(e.allows(s, d, PROTOS[f[0]], f[1], NOW)).as("allows() = trace().allowed()")
                            .isEqualTo(t.allowed());
                    out.add(t.egress().outcome() + "/" + t.ingress().outcome() + "/" + t.allowed());
                    if (count) {
                        FLOWS_CHECKED.incrementAndGet();
                        OUTCOMES.get(t.egress().outcome()).incrementAndGet();
                        OUTCOMES.get(t.ingress().outcome()).incrementAndGet();
                        if (t.allowed()) {
                            ALLOWED.incrementAndGet();
                        }
                    }
                }
            }
        }
        return out;
    }

    static boolean allowed(String verdict) {
        return verdict.endsWith("/true");
    }

    @Test
    void orderOfRulesDoesNotChangeAnyVerdict() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<PolicyRule> rules = rules(r);
            List<String> base = verdicts(engine(rules), true);
            List<PolicyRule> shuffled = new ArrayList<>(rules);
            Collections.shuffle(shuffled, r);
            assertThat(verdicts(engine(shuffled), false)).isEqualTo(base);
        });
    }

    @Test
    void addingADenyRuleNeverAddsAnAllowedFlow() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<PolicyRule> rules = rules(r);
            List<String> before = verdicts(engine(rules), false);
            List<PolicyRule> more = new ArrayList<>(rules);
            String ns = NS[r.nextInt(2)];
            PolicyRule.Builder b = Rules.cnp(ns, "deny", subject(r, ns).selector());
            if (r.nextBoolean()) {
                b.ingressDeny(List.of(new IngressDenyRule(peers(r), denyPorts(r), List.of())));
            } else {
                b.egressDeny(List.of(new EgressDenyRule(peers(r), denyPorts(r), List.of())));
            }
            if (r.nextBoolean()) {
                b.defaultDeny(Optional.of(false), Optional.of(false), true);
            }
            more.add(r.nextInt(more.size() + 1), b.build());
            List<String> after = verdicts(engine(more), false);
            for (int i = 0; i < before.size(); i++) {
                if (allowed(after.get(i))) {
                    assertThat(allowed(before.get(i))).as("flow %d allowed only after adding a deny", i).isTrue();
                } else if (allowed(before.get(i))) {
                    REMOVED_BY_DENY.incrementAndGet();
                }
            }
        });
    }

    @Test
    void addingAnAllowEntryToAnExistingSectionOrANonDefaultDenyRuleNeverRemovesAnAllowedFlow() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<PolicyRule> rules = rules(r);
            List<String> before = verdicts(engine(rules), false);
            List<PolicyRule> more = new ArrayList<>(rules);
            int k = r.nextInt(rules.size() + 1);
            if (k < rules.size()) {
                PolicyRule old = rules.get(k);
                PolicyRule.Builder b = old.toBuilder();
                if (!old.ingress().isEmpty() || !old.ingressDeny().isEmpty()) {
                    List<IngressRule> in = new ArrayList<>(old.ingress());
                    in.add(ingress(r));
                    b.ingress(in);
                }
                if (!old.egress().isEmpty() || !old.egressDeny().isEmpty()) {
                    List<EgressRule> out = new ArrayList<>(old.egress());
                    out.add(egress(r));
                    b.egress(out);
                }
                more.set(k, b.build());
            } else {
                PolicyRule.Builder b = rule(r, 99, true).toBuilder();
                b.defaultDeny(DefaultDeny.defaulting(Optional.of(false), false, true),
                        DefaultDeny.defaulting(Optional.of(false), false, true));
                more.add(b.build());
            }
            List<String> after = verdicts(engine(more), false);
            for (int i = 0; i < before.size(); i++) {
                if (allowed(before.get(i))) {
                    assertThat(allowed(after.get(i))).as("flow %d no longer allowed after adding an allow", i)
                            .isTrue();
                } else if (allowed(after.get(i))) {
                    ADDED_BY_ALLOW.incrementAndGet();
                }
            }
        });
    }
}
