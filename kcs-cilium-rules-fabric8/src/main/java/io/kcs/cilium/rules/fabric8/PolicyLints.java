package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.kcs.cilium.rules.fabric8.v2.CIDRRule;
import io.kcs.cilium.rules.fabric8.v2.DefaultDenyConfig;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.FQDNSelector;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelectorOperator;
import io.kcs.cilium.rules.policy.LabelSelectorRequirement;
import io.kcs.cilium.rules.policy.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lints of {@link CiliumPolicyReader}: WARNINGs on policies the agent imports but that rarely do what their
 * author meant. They run only on policies that are valid (no ERROR), on the fabric8 rule (for paths) and on its
 * converted subject selector (for the cross-policy lints). Every check is bounded by the size of its input; none
 * throws.
 *
 * <p>Stateless and thread-safe.
 */
final class PolicyLints {

    private PolicyLints() {}

    /** One valid rule of a policy read: where it is, its fabric8 form and its converted subject. */
    record RuleView(int policy, String path, Rule source, boolean clusterwide,
            io.kcs.cilium.rules.policy.LabelSelector subject, boolean nodeSubject) {

        /** The minimal endpoint this rule's subject selects, if its requirements can be met. */
        Optional<Labels> witness() {
            return PolicyLints.witness(subject);
        }
    }

    /** A finding of a lint, for the policy at index {@code policy} of the read. */
    record Finding(int policy, PolicyDiagnostic diagnostic) {}

    // ------------------------------------------------------------------------------------------ one policy

    /** The lints that need one policy only. */
    static List<Finding> single(List<RuleView> rules, MappingOptions options) {
        List<Finding> out = new ArrayList<>();
        ClusterRanges cluster = options.clusterCidrs().isEmpty() ? null : new ClusterRanges(options);
        for (RuleView v : rules) {
            emptyEndpointSelector(v, out);
            if (v.clusterwide()) {
                wildcardEndpoints(v, out);
            }
            if (cluster != null) {
                cidrsOverCluster(v, cluster, out);
            }
            defaultDenyWithoutEffect(v, out);
        }
        allowShadowedByDeny(rules, out);
        return out;
    }

    private static void warn(List<Finding> out, RuleView v, String code, String path, String message) {
        out.add(new Finding(v.policy(), PolicyDiagnostic.warning(code, path, message)));
    }

    private static boolean empty(LabelSelector s) {
        return s != null && (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty());
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static void emptyEndpointSelector(RuleView v, List<Finding> out) {
        if (!empty(v.source().getEndpointSelector())) {
            return;
        }
        String what = v.clusterwide()
                ? "every endpoint of the cluster, in every namespace (kube-system and Cilium's own included)"
                : "every pod of the policy's namespace";
        warn(out, v, PolicyDiagnosticCodes.EMPTY_ENDPOINT_SELECTOR, v.path() + ".endpointSelector",
                "the endpoint selector {} selects " + what + "; fix: add matchLabels naming the pods the policy is"
                        + " for, or keep {} only if that is meant (Cilium: an empty EndpointSelector is a wildcard)");
    }

    private static void wildcardEndpoints(RuleView v, List<Finding> out) {
        Rule r = v.source();
        String[] sections = {"ingress", "ingressDeny", "egress", "egressDeny"};
        List<?>[] lists = {r.getIngress(), r.getIngressDeny(), r.getEgress(), r.getEgressDeny()};
        for (int s = 0; s < sections.length; s++) {
            List<?> items = list(lists[s]);
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                String field = s < 2 ? "fromEndpoints" : "toEndpoints";
                List<LabelSelector> peers = item instanceof IngressRule in ? list(in.getFromEndpoints())
                        : item instanceof EgressRule e ? list(e.getToEndpoints()) : List.of();
                for (int j = 0; j < peers.size(); j++) {
                    if (empty(peers.get(j))) {
                        boolean deny = sections[s].endsWith("Deny");
                        warn(out, v, PolicyDiagnosticCodes.CLUSTERWIDE_WILDCARD_ENDPOINTS,
                                v.path() + "." + sections[s] + "[" + i + "]." + field + "[" + j + "]",
                                "in a CiliumClusterwideNetworkPolicy " + field + ": [{}] selects every pod of every"
                                        + " namespace (the agent adds only 'k8s:io.kubernetes.pod.namespace exists',"
                                        + " Cilium ParseToCiliumRule), so this rule " + (deny ? "denies" : "allows")
                                        + " traffic " + (s < 2 ? "from" : "to") + " all of them; fix: name the"
                                        + " namespace (matchLabels k8s:io.kubernetes.pod.namespace: <ns>) or the pods'"
                                        + " labels");
                    }
                }
            }
        }
    }

    private static final String[] SECTIONS = {"ingress", "ingressDeny", "egress", "egressDeny"};

    /** The cluster's ranges as the CIDR lint needs them, computed once per lint run. */
    private static final class ClusterRanges {
        final CidrSet set;
        final List<Cidr> minimal;
        final boolean nodesMode;

        /** CIDR texts to their prefix when it meets the cluster's ranges, else empty; per run, bounded. */
        private final Map<String, Optional<Cidr>> meeting = new HashMap<>();

        ClusterRanges(MappingOptions options) {
            this.set = options.clusterCidrs();
            this.minimal = set.minimal();
            this.nodesMode = options.agentConfig().policyCidrMatchMode().contains("nodes");
        }

        /** The prefix of {@code text} when it parses and meets the cluster's ranges (remembered: CIDRs repeat). */
        Optional<Cidr> meeting(String text) {
            if (text == null) {
                return Optional.empty();
            }
            Optional<Cidr> known = meeting.get(text);
            if (known == null) {
                Optional<Cidr> c = cidr(text);
                known = c.isPresent() && set.intersects(c.get()) ? c : Optional.empty();
                if (meeting.size() < 4_096) {
                    meeting.put(text, known);
                }
            }
            return known;
        }
    }

    private static void cidrsOverCluster(RuleView v, ClusterRanges cluster, List<Finding> out) {
        Rule r = v.source();
        List<?>[] lists = {r.getIngress(), r.getIngressDeny(), r.getEgress(), r.getEgressDeny()};
        for (int s = 0; s < SECTIONS.length; s++) {
            List<?> items = list(lists[s]);
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                List<String> cidrs = item instanceof IngressRule in ? list(in.getFromCIDR())
                        : item instanceof EgressRule e ? list(e.getToCIDR()) : List.of();
                List<CIDRRule> sets = item instanceof IngressRule in ? list(in.getFromCIDRSet())
                        : item instanceof EgressRule e ? list(e.getToCIDRSet()) : List.of();
                for (int j = 0; j < cidrs.size(); j++) {
                    cidrOverCluster(v, cidrs.get(j), List.of(), s, i, "CIDR[", j, "]", cluster, out);
                }
                for (int j = 0; j < sets.size(); j++) {
                    CIDRRule c = sets.get(j);
                    if (c != null && c.getCidr() != null) {
                        cidrOverCluster(v, c.getCidr(), list(c.getExcept()), s, i, "CIDRSet[", j, "].cidr", cluster,
                                out);
                    }
                }
            }
        }
    }

    private static Optional<Cidr> cidr(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            String t = text.strip();
            return Optional.of(Cidr.parse(t.indexOf('/') < 0 ? t + (t.indexOf(':') < 0 ? "/32" : "/128") : t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The CIDR at {@code <rule>.<section>[i].<from|to><field>j<suffix>} (e.g. {@code spec.egress[0].toCIDR[1]}); the
     * path is made only for a finding.
     */
    private static void cidrOverCluster(RuleView v, String text, List<String> except, int section, int i,
            String field, int j, String suffix, ClusterRanges ranges, List<Finding> out) {
        Optional<Cidr> c = ranges.meeting(text);
        if (c.isEmpty()) {
            return;
        }
        List<Cidr> excepts = new ArrayList<>();
        for (String e : except) {
            cidr(e).ifPresent(excepts::add);
        }
        List<Cidr> cluster = new ArrayList<>();
        if (excepts.isEmpty()) {
            // one prefix that meets the cluster's ranges: it meets a range when one of the two contains the other
            for (Cidr range : ranges.minimal) {
                if (c.get().contains(range) || range.contains(c.get())) {
                    cluster.add(range);
                }
            }
        } else {
            CidrSet selected = CidrSet.of(c.get()).difference(CidrSet.of(excepts));
            CidrSet overlap = selected.intersection(ranges.set);
            if (overlap.isEmpty()) {
                return;
            }
            for (Cidr range : ranges.minimal) {
                if (selected.intersects(range)) {
                    cluster.add(range);
                }
            }
        }
        boolean nodesMode = ranges.nodesMode;
        String path = v.path() + "." + SECTIONS[section] + "[" + i + "]." + (section < 2 ? "from" : "to") + field
                + j + suffix;
        String how = cluster.size() == 1 && cluster.get(0).contains(c.get()) ? "lies inside the cluster range "
                : "covers the cluster range" + (cluster.size() == 1 ? " " : "s ");
        warn(out, v, PolicyDiagnosticCodes.CIDR_SELECTS_CLUSTER_RANGE, path, "CIDR " + c.get() + " " + how
                + join(cluster) + ", but Cilium's CIDR rules select only peers outside the cluster: never pods or"
                + " services" + (nodesMode ? "" : ", nor nodes (unless policy-cidr-match-mode=nodes)") + "; fix: select"
                + " in-cluster peers with toEndpoints/fromEndpoints (pods), toEntities/fromEntities (cluster, host,"
                + " remote-node) or toServices, and keep CIDRs for addresses outside the cluster");
    }

    private static String join(List<Cidr> cidrs) {
        StringBuilder b = new StringBuilder();
        for (Cidr c : cidrs) {
            b.append(b.length() == 0 ? "" : ", ").append(c);
        }
        return b.toString();
    }

    private static void defaultDenyWithoutEffect(RuleView v, List<Finding> out) {
        DefaultDenyConfig dd = v.source().getEnableDefaultDeny();
        if (dd == null) {
            return;
        }
        Rule r = v.source();
        check(v, "ingress", dd.getIngress(), !list(r.getIngress()).isEmpty() || !list(r.getIngressDeny()).isEmpty(),
                out);
        check(v, "egress", dd.getEgress(), !list(r.getEgress()).isEmpty() || !list(r.getEgressDeny()).isEmpty(),
                out);
    }

    private static void check(RuleView v, String dir, Boolean value, boolean hasRules, List<Finding> out) {
        if (value == null) {
            return;
        }
        String path = v.path() + ".enableDefaultDeny." + dir;
        String deny = dir + "Deny";
        if (!hasRules) {
            warn(out, v, PolicyDiagnosticCodes.DEFAULT_DENY_NO_EFFECT, path, "enableDefaultDeny." + dir + ": "
                    + value + " has no effect: the rule has no " + dir + " or " + deny + " section, and Cilium sets"
                    + " the default-deny posture only for a direction that has rules (RulesToPolicyEntries); fix:"
                    + (value ? " add an " + dir + " section (" + dir + ": [{}] turns default deny on with no allow)"
                            : " remove the field"));
        }
    }

    /** Deny rules of {@code all} / {@code world} that leave allow rules of the same subject with no effect. */
    private static void allowShadowedByDeny(List<RuleView> rules, List<Finding> out) {
        Map<io.kcs.cilium.rules.policy.LabelSelector, List<RuleView>> bySubject = null;
        Map<Object, Peers> peers = new java.util.IdentityHashMap<>();
        for (RuleView denier : rules) {
            Rule d = denier.source();
            if (!hasAllOrWorldDeny(d)) {
                continue;
            }
            if (bySubject == null) {
                bySubject = new HashMap<>();
                for (RuleView v : rules) {
                    if (!list(v.source().getIngress()).isEmpty() || !list(v.source().getEgress()).isEmpty()) {
                        bySubject.computeIfAbsent(v.subject(), k -> new ArrayList<>()).add(v); // allows to judge
                    }
                }
            }
            for (RuleView allower : bySubject.getOrDefault(denier.subject(), List.of())) {
                if (allower.nodeSubject() != denier.nodeSubject()) {
                    continue;
                }
                shadow(denier, "ingressDeny", list(d.getIngressDeny()), allower, "ingress",
                        list(allower.source().getIngress()), peers, out);
                shadow(denier, "egressDeny", list(d.getEgressDeny()), allower, "egress",
                        list(allower.source().getEgress()), peers, out);
            }
        }
    }

    private static boolean hasAllOrWorldDeny(Rule r) {
        for (IngressRule in : list(r.getIngressDeny())) {
            if (in != null && (list(in.getFromEntities()).contains("all")
                    || list(in.getFromEntities()).contains("world"))) {
                return true;
            }
        }
        for (EgressRule e : list(r.getEgressDeny())) {
            if (e != null && (list(e.getToEntities()).contains("all") || list(e.getToEntities()).contains("world"))) {
                return true;
            }
        }
        return false;
    }

    private static void shadow(RuleView denier, String denySection, List<?> denies, RuleView allower,
            String allowSection, List<?> allows, Map<Object, Peers> cache, List<Finding> out) {
        if (allows.isEmpty()) {
            return;
        }
        for (int di = 0; di < denies.size(); di++) {
            Peers deny = denies.get(di) == null ? new Peers() : cache.computeIfAbsent(denies.get(di), Peers::of);
            boolean all = deny.entities.contains("all");
            boolean world = deny.entities.contains("world");
            if (!all && !world) {
                continue;
            }
            for (int ai = 0; ai < allows.size(); ai++) {
                Peers allow = allows.get(ai) == null ? new Peers() : cache.computeIfAbsent(allows.get(ai), Peers::of);
                boolean covered = all || allow.onlyWorld();
                if (!covered || !deny.portsCover(allow)) {
                    continue;
                }
                String entity = all ? "all" : "world";
                warn(out, allower, PolicyDiagnosticCodes.ALLOW_SHADOWED_BY_DENY,
                        allower.path() + "." + allowSection + "[" + ai + "]", allowSection + "[" + ai + "] can never"
                                + " take effect: " + denier.path() + "." + denySection + "[" + di + "] denies "
                                + (denySection.startsWith("ingress") ? "fromEntities" : "toEntities") + ": [" + entity
                                + "]" + (deny.ports.isEmpty() ? " on every port" : " on the same ports")
                                + (all ? "" : " (every peer outside the cluster: CIDRs and FQDNs included)")
                                + ", and Cilium's deny rules win over allow rules; fix: remove the allow rule, or"
                                + " narrow the deny rule (a CIDR, ports), or replace it with default deny"
                                + " (enableDefaultDeny, the default) and no allow for the peers to block");
            }
        }
    }

    /** The peers and ports of one ingress or egress item, as far as the lints need them. */
    private static final class Peers {
        final List<String> entities = new ArrayList<>();
        int cidrs;
        int fqdns;
        int others;
        final List<PortProtocol> ports = new ArrayList<>();
        boolean icmps;
        boolean portsUnknown;

        static Peers of(Object item) {
            Peers p = new Peers();
            if (item instanceof IngressRule in) {
                p.add(in.getFromEntities());
                p.cidrs = list(in.getFromCIDR()).size() + list(in.getFromCIDRSet()).size();
                p.others = list(in.getFromEndpoints()).size() + list(in.getFromNodes()).size()
                        + list(in.getFromGroups()).size() + list(in.getFromRequires()).size();
                p.ports(in.getToPorts());
                p.icmps = !list(in.getIcmps()).isEmpty();
            } else if (item instanceof EgressRule e) {
                p.add(e.getToEntities());
                p.cidrs = list(e.getToCIDR()).size() + list(e.getToCIDRSet()).size();
                p.fqdns = list(e.getToFQDNs()).size();
                p.others = list(e.getToEndpoints()).size() + list(e.getToNodes()).size()
                        + list(e.getToGroups()).size() + list(e.getToServices()).size()
                        + list(e.getToRequires()).size();
                p.ports(e.getToPorts());
                p.icmps = !list(e.getIcmps()).isEmpty();
            }
            return p;
        }

        private void add(List<String> names) {
            for (String n : list(names)) {
                if (n != null) {
                    entities.add(n);
                }
            }
        }

        private void ports(List<PortRule> rules) {
            for (PortRule r : list(rules)) {
                if (r == null) {
                    continue;
                }
                for (PortProtocol p : list(r.getPorts())) {
                    if (p != null) {
                        ports.add(p);
                    }
                }
                if (r.getRules() != null) {
                    portsUnknown = true; // L7: allowed requests differ, do not judge
                }
            }
        }

        /** Whether every peer is outside the cluster (world): CIDRs, FQDNs, world entities; at least one. */
        boolean onlyWorld() {
            if (others > 0) {
                return false;
            }
            for (String e : entities) {
                if (!e.equals("world") && !e.equals("world-ipv4") && !e.equals("world-ipv6")) {
                    return false;
                }
            }
            return cidrs + fqdns + entities.size() > 0;
        }

        /** Whether this deny item's ports cover every port of {@code allow}. */
        boolean portsCover(Peers allow) {
            if (ports.isEmpty() && !icmps) {
                return true; // the deny applies to all traffic
            }
            if (allow.portsUnknown || allow.icmps || allow.ports.isEmpty() || icmps) {
                return false;
            }
            for (PortProtocol a : allow.ports) {
                boolean found = false;
                for (PortProtocol d : ports) {
                    found |= covers(d, a);
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        private static boolean covers(PortProtocol deny, PortProtocol allow) {
            String dp = proto(deny);
            if (!dp.equals("ANY") && !dp.equals(proto(allow))) {
                return false;
            }
            int[] d = range(deny);
            int[] a = range(allow);
            if (d == null || a == null) {
                String dn = deny.getPort() == null ? "" : deny.getPort().toLowerCase(Locale.ROOT);
                String an = allow.getPort() == null ? "" : allow.getPort().toLowerCase(Locale.ROOT);
                return !dn.isEmpty() && dn.equals(an); // the same named port
            }
            return d[0] <= a[0] && a[1] <= d[1];
        }

        private static String proto(PortProtocol p) {
            return p.getProtocol() == null || p.getProtocol().isEmpty() ? "ANY"
                    : p.getProtocol().toUpperCase(Locale.ROOT);
        }

        /** [from, to] of a numeric port (0 = every port), null for a named port. */
        private static int[] range(PortProtocol p) {
            String t = p.getPort() == null ? "0" : p.getPort().strip();
            if (t.isEmpty()) {
                t = "0";
            }
            int from;
            try {
                from = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                return null;
            }
            if (from == 0) {
                return new int[] {0, 65535};
            }
            int to = p.getEndPort() == null || p.getEndPort() < from ? from : p.getEndPort();
            return new int[] {from, to};
        }
    }

    // ------------------------------------------------------------------------------------------ a policy set

    /** The lints that look at every valid policy read together. */
    static List<Finding> cross(List<RuleView> rules, MappingOptions options) {
        List<Finding> out = new ArrayList<>();
        List<RuleView> dnsRules = new ArrayList<>();
        for (RuleView v : rules) {
            if (hasDnsRule(v.source())) {
                dnsRules.add(v);
            }
        }
        Map<RuleView, Optional<Labels>> witnesses = new java.util.IdentityHashMap<>(); // one entry per view
        for (RuleView v : rules) {
            fqdnWithoutDns(v, dnsRules, witnesses, out);
        }
        if (options.agentConfig().enableNonDefaultDenyPolicies()) {
            for (RuleView v : rules) {
                allowWithoutDefaultDeny(v, rules, witnesses, out);
            }
        }
        return out;
    }

    private static boolean hasDnsRule(Rule r) {
        for (EgressRule e : list(r.getEgress())) {
            if (e != null && !dnsPatterns(e).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static List<FqdnSelector> dnsPatterns(EgressRule e) {
        List<FqdnSelector> out = new ArrayList<>();
        for (PortRule p : list(e.getToPorts())) {
            if (p == null || p.getRules() == null) {
                continue;
            }
            for (FQDNSelector f : list(p.getRules().getDns())) {
                fqdn(f).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<FqdnSelector> fqdn(FQDNSelector f) {
        if (f == null) {
            return Optional.empty();
        }
        try {
            if (f.getMatchName() != null && !f.getMatchName().isEmpty()) {
                return Optional.of(FqdnSelector.matchName(f.getMatchName()));
            }
            if (f.getMatchPattern() != null && !f.getMatchPattern().isEmpty()) {
                return Optional.of(FqdnSelector.matchPattern(f.getMatchPattern()));
            }
        } catch (IllegalArgumentException e) {
            // the validator reports invalid names; a lint only reads valid ones
        }
        return Optional.empty();
    }

    /** A DNS name the selector matches: the name itself, or the pattern with its wildcards filled in. */
    static String exampleName(FqdnSelector s) {
        if (!s.isPattern()) {
            return s.value();
        }
        String v = s.value();
        if (v.startsWith("**.")) {
            v = "a." + v.substring(3);
        }
        return v.replace("*", "a");
    }

    private static Optional<Labels> witnessOf(RuleView v, Map<RuleView, Optional<Labels>> cache) {
        return cache.computeIfAbsent(v, RuleView::witness);
    }

    /** Whether {@code other}'s subject selects the minimal endpoint of {@code v}'s subject. */
    private static boolean covers(RuleView other, RuleView v, Map<RuleView, Optional<Labels>> cache) {
        if (other.nodeSubject() != v.nodeSubject()) {
            return false;
        }
        Optional<Labels> w = witnessOf(v, cache);
        return w.isPresent() && other.subject().matches(w.get());
    }

    private static void fqdnWithoutDns(RuleView v, List<RuleView> dnsRules, Map<RuleView, Optional<Labels>> cache,
            List<Finding> out) {
        List<EgressRule> egress = list(v.source().getEgress());
        List<RuleView> covering = null;
        for (int i = 0; i < egress.size(); i++) {
            EgressRule e = egress.get(i);
            if (e == null || list(e.getToFQDNs()).isEmpty()) {
                continue;
            }
            if (witnessOf(v, cache).isEmpty()) {
                return; // the subject selects nothing: nothing to say
            }
            if (covering == null) {
                covering = new ArrayList<>();
                for (RuleView d : dnsRules) {
                    if (covers(d, v, cache)) {
                        covering.add(d);
                    }
                }
            }
            String path = v.path() + ".egress[" + i + "].toFQDNs";
            if (covering.isEmpty()) {
                warn(out, v, PolicyDiagnosticCodes.FQDN_WITHOUT_DNS_RULE, path, "no DNS rule in the policies read"
                        + " together sends the DNS queries of these endpoints through Cilium's DNS proxy, so toFQDNs"
                        + " never learns an address and the traffic stays denied; fix: add an egress rule for the"
                        + " same endpoints to kube-dns (toEndpoints k8s:io.kubernetes.pod.namespace: kube-system,"
                        + " k8s:k8s-app: kube-dns) with toPorts port 53 (UDP and TCP) and rules.dns"
                        + " [{matchPattern: \"*\"}]");
                continue;
            }
            List<FQDNSelector> fqdns = e.getToFQDNs();
            for (int j = 0; j < fqdns.size(); j++) {
                Optional<FqdnSelector> f = fqdn(fqdns.get(j));
                if (f.isEmpty()) {
                    continue;
                }
                String name = exampleName(f.get());
                boolean allowed = false;
                for (RuleView d : covering) {
                    for (EgressRule de : list(d.source().getEgress())) {
                        if (de == null) {
                            continue;
                        }
                        for (FqdnSelector p : dnsPatterns(de)) {
                            allowed |= p.matches(name);
                        }
                    }
                }
                if (!allowed) {
                    warn(out, v, PolicyDiagnosticCodes.FQDN_NOT_IN_DNS_RULES, path + "[" + j + "]", "the DNS rules"
                            + " that apply to these endpoints do not allow a query for " + name + " (from "
                            + f.get().value() + "): Cilium's DNS proxy refuses it, so toFQDNs never learns its"
                            + " addresses; fix: add a rules.dns entry matching it (matchPattern \"*\" allows every"
                            + " query)");
                }
            }
        }
    }

    private static boolean defaultDeny(Rule r, boolean ingress) {
        DefaultDenyConfig dd = r.getEnableDefaultDeny();
        Boolean explicit = dd == null ? null : ingress ? dd.getIngress() : dd.getEgress();
        boolean has = ingress ? !list(r.getIngress()).isEmpty() || !list(r.getIngressDeny()).isEmpty()
                : !list(r.getEgress()).isEmpty() || !list(r.getEgressDeny()).isEmpty();
        return has && !Boolean.FALSE.equals(explicit);
    }

    private static void allowWithoutDefaultDeny(RuleView v, List<RuleView> rules,
            Map<RuleView, Optional<Labels>> cache, List<Finding> out) {
        DefaultDenyConfig dd = v.source().getEnableDefaultDeny();
        if (dd == null) {
            return;
        }
        for (boolean ingress : new boolean[] {true, false}) {
            if (!Boolean.FALSE.equals(ingress ? dd.getIngress() : dd.getEgress())) {
                continue;
            }
            List<?> allows = ingress ? list(v.source().getIngress()) : list(v.source().getEgress());
            if (allows.isEmpty() || hasL7(allows)) {
                continue;
            }
            if (witnessOf(v, cache).isEmpty()) {
                continue;
            }
            boolean enforced = false;
            for (RuleView other : rules) {
                if (other != v && defaultDeny(other.source(), ingress) && covers(other, v, cache)) {
                    enforced = true;
                    break;
                }
            }
            if (!enforced) {
                String dir = ingress ? "ingress" : "egress";
                warn(out, v, PolicyDiagnosticCodes.ALLOW_WITHOUT_DEFAULT_DENY, v.path() + "." + dir, "with"
                        + " enableDefaultDeny." + dir + ": false and no other policy read together turning default"
                        + " deny on for these endpoints, every " + dir + " connection is allowed anyway: these allow"
                        + " rules change nothing (they have no L7 rules); fix: remove enableDefaultDeny." + dir
                        + ": false to restrict " + dir + " to these rules, or drop the rules");
            }
        }
    }

    private static boolean hasL7(List<?> items) {
        for (Object o : items) {
            List<PortRule> ports = o instanceof IngressRule in ? list(in.getToPorts())
                    : o instanceof EgressRule e ? list(e.getToPorts()) : List.of();
            for (PortRule p : ports) {
                if (p != null && p.getRules() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ witnesses

    /**
     * The smallest label set {@code s} selects, if any: its {@code matchLabels} (an {@code any:} key as a
     * {@code k8s:} label), an {@code In} requirement's first value, an {@code Exists} key with an empty value, a
     * value outside a {@code NotIn} list; empty when the requirements contradict each other. Stands for "the
     * endpoints this rule selects" in the cross-policy lints: another rule covers them when its subject selects the
     * witness.
     */
    static Optional<Labels> witness(io.kcs.cilium.rules.policy.LabelSelector s) {
        try {
            Map<String, Label> byKey = new HashMap<>();
            for (Map.Entry<String, String> e : s.matchLabels().entrySet()) {
                Label k = Label.parseSelectLabel(e.getKey());
                byKey.put(k.key(), Label.of(concrete(k.source()), k.key(), e.getValue()));
            }
            for (LabelSelectorRequirement r : s.matchExpressions()) {
                Label k = r.key();
                if (byKey.containsKey(k.key())) {
                    continue;
                }
                String value;
                if (r.operator() == LabelSelectorOperator.IN) {
                    if (r.values().isEmpty()) {
                        return Optional.empty();
                    }
                    value = r.values().get(0);
                } else if (r.operator() == LabelSelectorOperator.EXISTS) {
                    value = "";
                } else if (r.operator() == LabelSelectorOperator.NOT_IN) {
                    value = "w";
                    while (r.values().contains(value)) {
                        value = value + "w";
                    }
                } else {
                    continue;
                }
                byKey.put(k.key(), Label.of(concrete(k.source()), k.key(), value));
            }
            Labels w = Labels.of(byKey.values());
            return s.matches(w) ? Optional.of(w) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String concrete(String source) {
        return source.equals(Label.SOURCE_ANY) ? Label.SOURCE_K8S : source;
    }
}
