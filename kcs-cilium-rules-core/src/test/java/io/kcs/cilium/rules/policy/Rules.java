package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Test fixture: terse builders for {@link PolicyRule}s shaped as the reader produces them (CNP selectors carry the
 * namespace key the reader injects).
 */
final class Rules {

    static final String NS = "k8s:io.kubernetes.pod.namespace";

    private Rules() {
    }

    /** A selector from alternating key, value strings. */
    static LabelSelector sel(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return LabelSelector.of(m);
    }

    /** A selector for pods of {@code ns} with the given labels (as the reader scopes CNP selectors). */
    static LabelSelector pods(String ns, String... kv) {
        String[] all = new String[kv.length + 2];
        all[0] = NS;
        all[1] = ns;
        System.arraycopy(kv, 0, all, 2, kv.length);
        return sel(all);
    }

    static Peers endpoints(LabelSelector... s) {
        return Peers.builder().endpoints(List.of(s)).build();
    }

    static Peers entities(Entity... e) {
        return Peers.builder().entities(List.of(e)).build();
    }

    static Peers cidrs(String... c) {
        List<CidrPrefix> l = new ArrayList<>();
        for (String s : c) {
            l.add(CidrPrefix.parse(s));
        }
        return Peers.builder().cidrs(l).build();
    }

    static Peers cidrSet(String cidr, String... except) {
        List<CidrPrefix> ex = new ArrayList<>();
        for (String s : except) {
            ex.add(CidrPrefix.parse(s));
        }
        return Peers.builder().cidrSets(List.of(CidrRule.of(CidrPrefix.parse(cidr), ex))).build();
    }

    static PortRule tcp(int... ports) {
        List<PortProtocol> l = new ArrayList<>();
        for (int p : ports) {
            l.add(PortProtocol.tcp(p));
        }
        return PortRule.of(l);
    }

    static PortRule port(String port, int endPort, L4Proto proto) {
        return PortRule.of(List.of(PortProtocol.of(port, endPort, proto)));
    }

    static IngressRule in(Peers from, PortRule... ports) {
        return IngressRule.of(from, List.of(ports));
    }

    static EgressRule out(Peers to, PortRule... ports) {
        return EgressRule.of(to, List.of(ports));
    }

    static IngressDenyRule inDeny(Peers from, PortRule... ports) {
        List<PortDenyRule> l = new ArrayList<>();
        for (PortRule p : ports) {
            l.add(new PortDenyRule(p.ports()));
        }
        return new IngressDenyRule(from, l, List.of());
    }

    static EgressDenyRule outDeny(Peers to, PortRule... ports) {
        List<PortDenyRule> l = new ArrayList<>();
        for (PortRule p : ports) {
            l.add(new PortDenyRule(p.ports()));
        }
        return new EgressDenyRule(to, l, List.of());
    }

    /** A CNP rule in {@code ns} named {@code name}. */
    static PolicyRule.Builder cnp(String ns, String name, LabelSelector subject) {
        return PolicyRule.builder(Subject.endpoints(subject),
                PolicyOrigin.of(PolicyKind.CNP, Optional.of(ns), name, OptionalInt.empty()));
    }

    /** A CCNP rule named {@code name}. */
    static PolicyRule.Builder ccnp(String name, Subject subject) {
        return PolicyRule.builder(subject, PolicyOrigin.of(PolicyKind.CCNP, Optional.empty(), name,
                OptionalInt.empty()));
    }

    /** Default deny off in both directions (enableDefaultDeny: {ingress: false, egress: false}). */
    static PolicyRule.Builder nonDefaultDeny(PolicyRule.Builder b) {
        return b.defaultDeny(Optional.of(false), Optional.of(false), true);
    }
}
