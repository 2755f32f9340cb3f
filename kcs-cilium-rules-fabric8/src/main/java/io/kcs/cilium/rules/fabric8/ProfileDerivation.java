package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.policy.CidrPrefix;
import io.kcs.cilium.rules.policy.CidrRule;
import io.kcs.cilium.rules.policy.DnsRule;
import io.kcs.cilium.rules.policy.EgressDenyRule;
import io.kcs.cilium.rules.policy.EgressRule;
import io.kcs.cilium.rules.policy.FqdnMatch;
import io.kcs.cilium.rules.policy.IcmpRule;
import io.kcs.cilium.rules.policy.IngressDenyRule;
import io.kcs.cilium.rules.policy.IngressRule;
import io.kcs.cilium.rules.policy.L4Proto;
import io.kcs.cilium.rules.policy.L7Rules;
import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.LabelSelectorOperator;
import io.kcs.cilium.rules.policy.LabelSelectorRequirement;
import io.kcs.cilium.rules.policy.Peers;
import io.kcs.cilium.rules.policy.PolicyRule;
import io.kcs.cilium.rules.policy.Port;
import io.kcs.cilium.rules.policy.PortProtocol;
import io.kcs.cilium.rules.policy.PortRule;
import io.kcs.cilium.rules.policy.ServicePeer;
import io.kcs.cilium.rules.policy.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Derives a runtime profile from the rules the policy reader produced (the core model, after Cilium's defaulting
 * and namespace injection), saying what it leaves out. The one place where Cilium rules become profile exceptions;
 * {@link CiliumPolicyMapper#toProfile} reads the policy with {@link CiliumPolicyReader} and calls this.
 *
 * <p>Per direction, for the rules of the first rule's subject (Cilium's {@code RulesToPolicyEntries} keeps each
 * rule's subject; an endpoint gets the rules that select it):
 * <ul>
 *   <li>The direction is restricted when some rule has an allow or deny section for it with default deny on
 *   ({@link PolicyRule#restrictsEgress()}: {@code enableDefaultDeny} and {@code enable-non-default-deny-policies}
 *   applied). Then the profile allows the union of every rule's allow entries (allows of a rule without default
 *   deny count too); deny entries are left out (WIDER) unless the profile allows nothing, where they change
 *   nothing.</li>
 *   <li>Otherwise the direction is unrestricted: allows add nothing, deny entries are left out (WIDER), and before
 *   Cilium 1.18 L7 rules of an allow entry still filter its ports (WIDER; 1.18 added an allow-all L7 rule to
 *   non-default-deny policies).</li>
 *   <li>An entry with no peer field and no port allows nothing ({@code egress: [{}]}); with ports but no peer it
 *   allows every peer on those ports ({@code entity:all}, ports left out). A present but empty peer list selects
 *   nothing (Cilium's {@code mergeEndpointSelectors}).</li>
 *   <li>Peers: entities, CIDRs and {@code CIDRSet} CIDRs (their {@code except} left out: WIDER), FQDNs, endpoint
 *   selectors on the namespace label only ({@code k8s:} or {@code any:} source; {@code In} with several namespaces)
 *   as {@code endpoint:}, and, on ingress only, a namespace plus pod labels ({@code Exists} as key-only labels) as
 *   {@code service:} (the mapper's documented reading); {@code toServices} by selector with a namespace as
 *   {@code service:}. Anything else (other selectors, nodes, groups, CIDR groups, services by name) is left out
 *   (NARROWER). A namespace value no namespace can have selects nothing and is dropped with a WARNING.</li>
 *   <li>Ports, ICMP, L7, TLS, listeners and authentication of an entry are left out (WIDER), the entry's peers kept;
 *   {@code requires} likewise (WIDER). The DNS companion (an egress entry to the options' DNS target on port 53
 *   with a DNS rule {@code matchPattern: "*"}) in a direction with {@code toFQDNs} is what the FQDN exceptions imply
 *   and is read as part of them.</li>
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class ProfileDerivation {

    private static final String NAMESPACE_KEY = "io.kubernetes.pod.namespace";
    private static final String CLUSTER_KEY = "io.cilium.k8s.policy.cluster";
    /** Prefix of the keys that select a pod by its namespace's labels (Cilium's namespace label copies). */
    private static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";
    private static final int DNS_PORT = 53;

    /** What {@link #derive} found. */
    record Derived(RuntimeProfile profile, Optional<Subject> subject, ProfileDirection ingress,
            ProfileDirection egress, List<PolicyDiagnostic> diagnostics) {}

    private final MappingOptions options;
    private final List<PolicyDiagnostic> diagnostics = new ArrayList<>();

    private ProfileDerivation(MappingOptions options) {
        this.options = options;
    }

    /** The profile of {@code rules} (a valid policy's, as the reader gives them). */
    static Derived derive(List<PolicyRule> rules, MappingOptions options) {
        return new ProfileDerivation(options).run(rules);
    }

    private Derived run(List<PolicyRule> all) {
        if (all.isEmpty()) {
            return new Derived(RuntimeProfile.unrestricted(), Optional.empty(), ProfileDirection.exact(),
                    ProfileDirection.exact(), List.of());
        }
        Subject subject = all.get(0).subject();
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicyRule r : all) {
            if (r.subject().equals(subject)) {
                rules.add(r);
            } else {
                diagnostics.add(PolicyDiagnostic.error(CiliumPolicyMapper.SEVERAL_SUBJECTS, selectorPath(r),
                        r.origin().path() + " selects other " + (r.subject().isHostPolicy() ? "nodes" : "endpoints")
                        + " (" + r.subject() + ") than " + all.get(0).origin().path() + " (" + subject + "); a"
                        + " runtime profile is for one set of endpoints, so this profile is that of "
                        + all.get(0).origin().path() + "'s and leaves " + r.origin().path() + " out. Put rules for"
                        + " other endpoints into a policy of their own to read each as a profile"));
            }
        }
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        ProfileDirection in = direction(rules, Direction.INGRESS, b);
        ProfileDirection out = direction(rules, Direction.EGRESS, b);
        return new Derived(b.build(), Optional.of(subject), in, out, diagnostics);
    }

    private static String selectorPath(PolicyRule r) {
        return r.origin().path() + (r.subject().isHostPolicy() ? ".nodeSelector" : ".endpointSelector");
    }

    /** One direction: sets it on {@code b} and returns what was left out. */
    private ProfileDirection direction(List<PolicyRule> rules, Direction d, RuntimeProfile.Builder b) {
        boolean egress = d == Direction.EGRESS;
        boolean restricted = rules.stream().anyMatch(egress ? PolicyRule::restrictsEgress
                : PolicyRule::restrictsIngress);
        boolean fqdns = egress && rules.stream().flatMap(r -> r.egress().stream())
                .anyMatch(e -> !e.fqdnList().isEmpty());
        List<LeftOut> leftOut = new ArrayList<>();
        LinkedHashSet<Rule> exceptions = new LinkedHashSet<>();
        for (PolicyRule r : rules) {
            String section = r.origin().path() + (egress ? ".egress" : ".ingress");
            int n = egress ? r.egress().size() : r.ingress().size();
            for (int i = 0; i < n; i++) {
                String path = section + "[" + i + "]";
                if (egress) {
                    EgressRule e = r.egress().get(i);
                    if (fqdns && isDnsCompanion(e)) {
                        continue; // implied by the FQDN exceptions
                    }
                    if (restricted) {
                        allow(path, d, e.to(), e.fqdnList(), e.toPorts(), e.icmps(),
                                e.authentication().isPresent(), exceptions, leftOut);
                    } else {
                        l7InDefaultAllow(path, e.toPorts(), leftOut);
                    }
                } else {
                    IngressRule e = r.ingress().get(i);
                    if (restricted) {
                        allow(path, d, e.from(), List.of(), e.toPorts(), e.icmps(),
                                e.authentication().isPresent(), exceptions, leftOut);
                    } else {
                        l7InDefaultAllow(path, e.toPorts(), leftOut);
                    }
                }
            }
        }
        for (PolicyRule r : rules) {
            String section = r.origin().path() + (egress ? ".egressDeny" : ".ingressDeny");
            int n = egress ? r.egressDeny().size() : r.ingressDeny().size();
            for (int i = 0; i < n; i++) {
                if (restricted && exceptions.isEmpty()) {
                    continue; // nothing is allowed: a deny changes nothing
                }
                String path = section + "[" + i + "]";
                Object deny = egress ? r.egressDeny().get(i) : r.ingressDeny().get(i);
                leave(leftOut, path, Fidelity.WIDER, "the deny rule " + path + " (" + describe(deny) + "): a"
                        + " runtime profile has no deny rules, so the profile allows what it denies"
                        + (restricted ? " among its exceptions" : ""));
            }
        }
        if (restricted) {
            if (egress) {
                b.restrictEgress(RuleSet.of(new ArrayList<>(exceptions)));
            } else {
                b.restrictIngress(RuleSet.of(new ArrayList<>(exceptions)));
            }
        }
        return ProfileDirection.leavingOut(leftOut);
    }

    private static String describe(Object deny) {
        if (deny instanceof EgressDenyRule e) {
            return e.toString();
        }
        return ((IngressDenyRule) deny).toString();
    }

    /** Before Cilium 1.18, L7 rules filter their ports even in a direction without default deny. */
    private void l7InDefaultAllow(String path, List<PortRule> ports, List<LeftOut> leftOut) {
        if (options.ciliumMinor() >= 18) {
            return;
        }
        for (int j = 0; j < ports.size(); j++) {
            PortRule p = ports.get(j);
            if (p.hasL7Rules() && !allowsEveryDnsQuery(p.rules().get())) {
                leave(leftOut, path + ".toPorts[" + j + "].rules", Fidelity.WIDER, "the L7 rules of " + path
                        + ": before Cilium 1.18 they drop the requests they do not allow on their ports even"
                        + " without default deny, which a runtime profile cannot say");
            }
        }
    }

    /** One allow entry of a restricted direction. */
    private void allow(String path, Direction d, Peers peers, List<FqdnMatch> fqdns,
            List<PortRule> ports, List<IcmpRule> icmps, boolean authentication, LinkedHashSet<Rule> exceptions,
            List<LeftOut> leftOut) {
        boolean l4 = ports.stream().anyMatch(ProfileDerivation::restricts) || !icmps.isEmpty();
        int before = exceptions.size();
        boolean selectsSomething;
        if (peers.isUnrestricted() && fqdns.isEmpty()) { // toFQDNs: [] is no peer either (mergeEndpointSelectors)
            if (!l4 && ports.isEmpty() && icmps.isEmpty()) {
                return; // {}: allows nothing
            }
            exceptions.add(new EntityRule(Entity.ALL)); // every peer, on some ports
            selectsSomething = true;
        } else {
            selectsSomething = peers(path, d, peers, exceptions, leftOut);
            for (FqdnMatch f : fqdns) {
                Optional<FqdnSelector> sel = f.selector();
                if (sel.isPresent()) {
                    exceptions.add(new FqdnRule(sel.get()));
                    selectsSomething = true;
                } else {
                    leave(leftOut, path + ".toFQDNs", Fidelity.NARROWER, "the toFQDNs entry " + f + " in " + path
                            + ": a runtime profile's FQDN exceptions follow Cilium's CRD pattern, which this text does"
                            + " not (e.g. only digits and dots, an IPv4 address)");
                }
            }
        }
        boolean kept = selectsSomething || exceptions.size() > before;
        if (!kept) {
            return;
        }
        if (l4) {
            leave(leftOut, path + (ports.isEmpty() ? ".icmps" : ".toPorts"), Fidelity.WIDER, "the port"
                    + (icmps.isEmpty() ? "" : " and ICMP") + " restriction of " + path + " (" + portText(ports)
                    + "): a runtime profile has no ports, so its peers are allowed on every port");
        } else if (ports.stream().anyMatch(p -> p.hasL7Rules())) {
            leave(leftOut, path + ".toPorts", Fidelity.WIDER, "the L7 rules of " + path + ": a runtime profile"
                    + " has no L7 rules, so every request to its peers is allowed");
        }
        if (authentication) {
            leave(leftOut, path + ".authentication", Fidelity.WIDER, "the authentication requirement of " + path
                    + ": a runtime profile cannot require mutual authentication");
        }
    }

    /** Whether a port rule restricts anything: some port other than 0/ANY, or L7, TLS, SNI or a listener. */
    private static boolean restricts(PortRule p) {
        boolean everyPort = p.ports().isEmpty() || p.ports().stream().anyMatch(pp -> pp.port() instanceof Port.Numbered n
                && n.number() == 0 && pp.protocol() == L4Proto.ANY);
        return !everyPort || p.hasL7Rules() || !p.serverNames().isEmpty() || p.listener().isPresent()
                || p.terminatingTls().isPresent() || p.originatingTls().isPresent();
    }

    private static String portText(List<PortRule> ports) {
        List<String> out = new ArrayList<>();
        for (PortRule p : ports) {
            for (PortProtocol pp : p.ports()) {
                out.add(pp.toString());
            }
            if (p.hasL7Rules()) {
                out.add("L7 rules");
            }
        }
        String s = out.isEmpty() ? "ICMP" : String.join(", ", out);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    /** The peers of an entry as exceptions; returns whether a peer selected something was kept. */
    private boolean peers(String path, Direction d, Peers p, LinkedHashSet<Rule> out, List<LeftOut> leftOut) {
        boolean kept = false;
        for (Entity e : p.entityList()) {
            out.add(new EntityRule(e));
            kept = true;
        }
        for (CidrPrefix c : p.cidrList()) {
            out.add(new io.kcs.cilium.rules.CidrRule(c.cidr()));
            kept = true;
        }
        for (CidrRule c : p.cidrSets().orElse(List.of())) {
            String at = path + (d == Direction.EGRESS ? ".toCIDRSet" : ".fromCIDRSet");
            if (c.cidr().isPresent()) {
                out.add(new io.kcs.cilium.rules.CidrRule(c.cidr().get().cidr()));
                kept = true;
                if (!c.except().isEmpty()) {
                    leave(leftOut, at, Fidelity.WIDER, "the except prefixes of " + c + " in " + path + ": a runtime"
                            + " profile has no CIDR exceptions, so the whole " + c.cidr().get() + " is allowed");
                }
            } else {
                leave(leftOut, at, Fidelity.NARROWER, c + " in " + path + ": this library does not resolve"
                        + " CiliumCIDRGroups, so a runtime profile cannot name their CIDRs");
            }
        }
        String endpointsField = path + (d == Direction.EGRESS ? ".toEndpoints" : ".fromEndpoints");
        for (LabelSelector s : p.endpointList()) {
            kept |= endpoints(endpointsField, d, s, out, leftOut);
        }
        for (ServicePeer s : p.serviceList()) {
            kept |= service(path + ".toServices", s, out, leftOut);
        }
        if (!p.nodeList().isEmpty()) {
            leave(leftOut, path + (d == Direction.EGRESS ? ".toNodes" : ".fromNodes"), Fidelity.NARROWER,
                    "the node selectors of " + path + ": a runtime profile cannot select nodes by label (entity:host"
                    + " and entity:remote-node select all nodes)");
        }
        if (p.groups().isPresent() && !p.groups().get().isEmpty()) {
            leave(leftOut, path + (d == Direction.EGRESS ? ".toGroups" : ".fromGroups"), Fidelity.NARROWER,
                    "the cloud groups of " + path + ": a runtime profile cannot name them");
        }
        if (p.requires().isPresent() && !p.requires().get().isEmpty()) {
            leave(leftOut, path + (d == Direction.EGRESS ? ".toRequires" : ".fromRequires"), Fidelity.WIDER,
                    "the requirements of " + path + ": a runtime profile cannot require peer labels, so peers"
                    + " without them are allowed too");
        }
        return kept;
    }

    /** An endpoint selector (namespace injected by the reader where Cilium injects it). */
    private boolean endpoints(String at, Direction d, LabelSelector s, LinkedHashSet<Rule> out,
            List<LeftOut> leftOut) {
        Optional<List<String>> namespaces = namespaces(s);
        if (namespaces.isEmpty()) {
            leave(leftOut, at, Fidelity.NARROWER, "the selector " + s + " in " + at + ": a runtime profile selects"
                    + " pods by namespace (endpoint:NS) and, on ingress, by namespace and pod labels"
                    + " (service:NS|labels); this selector names no single namespace");
            return false;
        }
        Map<String, Optional<String>> labels = new TreeMap<>();
        boolean plain = podLabels(s, labels);
        boolean kept = false;
        for (String ns : namespaces.get()) {
            if (!KubernetesNames.isValidNamespace(ns)) {
                diagnostics.add(PolicyDiagnostic.warning(CiliumPolicyMapper.SELECTS_NOTHING, at, "the selector " + s
                        + " in " + at + " names the namespace " + KubernetesNames.quote(ns) + ", which no namespace"
                        + " can have (namespace names are RFC 1123 labels: lower case, digits, '-'); it selects no"
                        + " pod. Fix the namespace name"));
                continue;
            }
            if (labels.isEmpty() && plain) {
                out.add(new EndpointRule(ns));
                kept = true;
            } else if (d == Direction.INGRESS && plain) {
                try {
                    out.add(new ServiceRule(ns, labels));
                    kept = true;
                } catch (IllegalArgumentException e) {
                    leave(leftOut, at, Fidelity.NARROWER, "the selector " + s + " in " + at + ": " + e.getMessage());
                }
            } else {
                leave(leftOut, at, Fidelity.NARROWER, "the selector " + s + " in " + at + ": " + (plain
                        ? "on egress a runtime profile selects pods by namespace only (endpoint:" + ns + " would"
                                + " allow the whole namespace; service:" + ns + "|labels means the pods behind"
                                + " matching Services)"
                        : "a runtime profile has no label operators other than equality and Exists, nor label"
                                + " sources other than k8s: and any:"));
            }
        }
        return kept;
    }

    /**
     * The namespaces a selector pins with {@code (k8s|any):io.kubernetes.pod.namespace} (matchLabels, or one
     * {@code In} expression), or empty when it names none or contradicts itself.
     */
    private static Optional<List<String>> namespaces(LabelSelector s) {
        List<String> found = new ArrayList<>();
        int pins = 0;
        for (Map.Entry<String, String> e : s.matchLabels().entrySet()) {
            if (isNamespaceKey(e.getKey())) {
                pins++;
                if (!found.isEmpty() && !found.contains(e.getValue())) {
                    return Optional.of(List.of()); // two different namespaces: selects nothing
                }
                if (found.isEmpty()) {
                    found.add(e.getValue());
                }
            }
        }
        for (LabelSelectorRequirement r : s.matchExpressions()) {
            if (isNamespaceKey(r.key().extendedKey()) && r.operator() == LabelSelectorOperator.IN && pins == 0) {
                pins++;
                found.addAll(r.values());
            } else if (isNamespaceKey(r.key().extendedKey())) {
                return Optional.empty();
            }
        }
        return pins == 0 ? Optional.empty() : Optional.of(found);
    }

    /**
     * Whether a {@code matchLabels} entry names this cluster ({@code io.cilium.k8s.policy.cluster} with the agent's
     * {@code cluster-name}): the reader adds it to peer selectors where the agent does
     * ({@code policy-default-local-cluster}), and a runtime profile's peers are pods of this cluster anyway.
     */
    private boolean isLocalCluster(String extendedKey, String value) {
        return (extendedKey.equals(Label.SOURCE_K8S + ":" + CLUSTER_KEY)
                || extendedKey.equals(Label.SOURCE_ANY + ":" + CLUSTER_KEY))
                && value.equals(options.agentConfig().clusterName());
    }

    private static boolean isNamespaceKey(String extendedKey) {
        return extendedKey.equals(Label.SOURCE_K8S + ":" + NAMESPACE_KEY)
                || extendedKey.equals(Label.SOURCE_ANY + ":" + NAMESPACE_KEY);
    }

    /**
     * The pod labels of a selector besides the namespace, into {@code labels} (a value, or empty for Exists); false
     * when it has something a service rule cannot say (another operator, another source).
     */
    private boolean podLabels(LabelSelector s, Map<String, Optional<String>> labels) {
        for (Map.Entry<String, String> e : s.matchLabels().entrySet()) {
            if (isNamespaceKey(e.getKey()) || isLocalCluster(e.getKey(), e.getValue())) {
                continue;
            }
            Optional<String> key = plainKey(e.getKey());
            if (key.isEmpty() || key.get().startsWith(NAMESPACE_LABELS)) {
                return false; // another source, or a label of the namespace rather than of the pod
            }
            labels.put(key.get(), Optional.of(e.getValue()));
        }
        for (LabelSelectorRequirement r : s.matchExpressions()) {
            if (isNamespaceKey(r.key().extendedKey())) {
                continue;
            }
            Optional<String> key = plainKey(r.key().extendedKey());
            if (key.isEmpty() || key.get().startsWith(NAMESPACE_LABELS) || r.operator() != LabelSelectorOperator.EXISTS) {
                return false;
            }
            labels.putIfAbsent(key.get(), Optional.empty());
        }
        return true;
    }

    /** {@code k8s:app} or {@code any:app} as {@code app}; any other source: empty. */
    private static Optional<String> plainKey(String extendedKey) {
        for (String source : List.of(Label.SOURCE_K8S, Label.SOURCE_ANY)) {
            if (extendedKey.startsWith(source + ":")) {
                return Optional.of(extendedKey.substring(source.length() + 1));
            }
        }
        return Optional.empty();
    }

    private boolean service(String at, ServicePeer s, LinkedHashSet<Rule> out, List<LeftOut> leftOut) {
        if (s instanceof ServicePeer.BySelector sel && sel.namespace().isPresent()) {
            Map<String, Optional<String>> labels = new TreeMap<>();
            if (podLabels(sel.selector(), labels) && namespaces(sel.selector()).isEmpty()) {
                String ns = sel.namespace().get();
                if (!KubernetesNames.isValidNamespace(ns)) {
                    diagnostics.add(PolicyDiagnostic.warning(CiliumPolicyMapper.SELECTS_NOTHING, at, s + " in " + at
                            + " names the namespace " + KubernetesNames.quote(ns) + ", which no namespace can have;"
                            + " it selects no Service. Fix the namespace name"));
                    return false;
                }
                try {
                    out.add(new ServiceRule(ns, labels));
                    return true;
                } catch (IllegalArgumentException e) {
                    leave(leftOut, at, Fidelity.NARROWER, s + " in " + at + ": " + e.getMessage());
                    return false;
                }
            }
        }
        leave(leftOut, at, Fidelity.NARROWER, s + " in " + at + ": a runtime profile names Services by namespace and"
                + " labels (service:NS|labels), not by name, without a namespace, or with label operators other"
                + " than equality and Exists");
        return false;
    }

    /**
     * Whether an egress entry is the DNS companion the mapper writes for FQDN exceptions: only the options' DNS
     * target as peer, port 53 only, and DNS rules that allow every query.
     */
    private boolean isDnsCompanion(EgressRule e) {
        Peers p = e.to();
        if (!e.fqdnList().isEmpty() || e.toFqdns().isPresent() || p.endpointList().size() != 1
                || !p.equals(Peers.builder().endpoints(p.endpointList()).build()) || e.toPorts().size() != 1
                || !e.icmps().isEmpty() || e.authentication().isPresent()) {
            return false;
        }
        LabelSelector s = p.endpointList().get(0);
        Map<String, String> target = new TreeMap<>();
        options.dnsSelector().forEach((k, v) -> target.put(plainKey(LabelSelectorRequirement.of(k,
                LabelSelectorOperator.EXISTS, List.of()).key().extendedKey()).orElse(k), v));
        Map<String, String> written = new TreeMap<>();
        for (Map.Entry<String, String> en : s.matchLabels().entrySet()) {
            if (isLocalCluster(en.getKey(), en.getValue())) {
                continue;
            }
            Optional<String> k = plainKey(en.getKey());
            if (k.isEmpty()) {
                return false;
            }
            written.put(k.get(), en.getValue());
        }
        if (!s.matchExpressions().isEmpty() || !written.equals(target)) {
            return false;
        }
        PortRule pr = e.toPorts().get(0);
        boolean dnsPorts = !pr.ports().isEmpty() && pr.ports().stream().allMatch(pp -> pp.port() instanceof Port.Numbered n
                && n.number() == DNS_PORT && (pp.endPort() == 0 || pp.endPort() == DNS_PORT));
        return dnsPorts && pr.rules().isPresent() && allowsEveryDnsQuery(pr.rules().get())
                && pr.serverNames().isEmpty() && pr.listener().isEmpty() && pr.terminatingTls().isEmpty()
                && pr.originatingTls().isEmpty();
    }

    /** DNS rules only, one of them {@code matchPattern: "*"}. */
    private static boolean allowsEveryDnsQuery(L7Rules rules) {
        return rules.http().isEmpty() && rules.kafka().isEmpty() && rules.l7Proto().isEmpty()
                && rules.dns().stream().map(DnsRule::selector).flatMap(Optional::stream)
                        .anyMatch(FqdnSelector::isMatchAll);
    }

    private void leave(List<LeftOut> leftOut, String path, Fidelity effect, String what) {
        LeftOut l = new LeftOut(path, effect, what);
        leftOut.add(l);
        diagnostics.add(PolicyDiagnostic.error(CiliumPolicyMapper.NOT_REPRESENTABLE, path, what + "; left out, so"
                + " the profile is " + (effect == Fidelity.WIDER ? "wider" : "narrower") + " than the policy here"));
    }
}
