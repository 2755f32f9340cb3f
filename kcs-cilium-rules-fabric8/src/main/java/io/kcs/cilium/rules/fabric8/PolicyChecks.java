package io.kcs.cilium.rules.fabric8;

import static io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes.*;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.v2.CIDRRule;
import io.kcs.cilium.rules.fabric8.v2.CiliumModel;
import io.kcs.cilium.rules.fabric8.v2.DefaultDenyConfig;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.FQDNSelector;
import io.kcs.cilium.rules.fabric8.v2.ICMPField;
import io.kcs.cilium.rules.fabric8.v2.ICMPRule;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.L7Rules;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of {@link CiliumPolicyValidator} over one policy: walks the typed model, appending diagnostics. Not
 * thread-safe (one instance per call).
 */
final class PolicyChecks {

    /** The agent's namespace label key (utils.go {@code podPrefixLbl}). */
    static final String POD_NAMESPACE_LABEL = "k8s:io.kubernetes.pod.namespace";

    private final CiliumAgentConfig agent;
    private final int minor;
    private final List<PolicyDiagnostic> out;
    private final Selectors selectors;
    private final Http http;

    PolicyChecks(MappingOptions options, List<PolicyDiagnostic> out) {
        this.agent = options.agentConfig();
        this.minor = options.ciliumMinor();
        this.out = out;
        this.selectors = new Selectors(minor, out);
        this.protocols = protocols(minor);
        this.http = new Http(out);
    }

    // ---- reporting ----

    private void error(String code, String path, String message) {
        out.add(PolicyDiagnostic.error(code, path, message));
    }

    private void warning(String code, String path, String message) {
        out.add(PolicyDiagnostic.warning(code, path, message));
    }

    private void error(String code, JsonPath path, String message) {
        error(code, path.toString(), message);
    }

    private void warning(String code, JsonPath path, String message) {
        warning(code, path.toString(), message);
    }

    private static String cilium(String check) {
        return " (Cilium " + check + ")";
    }

    static String q(Object text) {
        return KubernetesNames.quote(String.valueOf(text));
    }

    /** The items of a list to read, reporting an over-long list once. */
    private <T> List<T> items(List<T> list, String path) {
        return items(list, path, null);
    }

    /** The items of a list to read, reporting an over-long list once (at {@code parent.field}). */
    private <T> List<T> items(List<T> list, Object parent, String field) {
        if (list == null) {
            return List.of();
        }
        if (list.size() > CiliumPolicyValidator.MAX_LIST_ITEMS) {
            String path = field == null ? String.valueOf(parent) : parent + "." + field;
            error(TOO_MANY_ITEMS, path, "the list has " + list.size() + " items; only the first "
                    + CiliumPolicyValidator.MAX_LIST_ITEMS + " were checked. Split the policy into several policies"
                    + " (a limit of this validator, not a Cilium check)");
            return list.subList(0, CiliumPolicyValidator.MAX_LIST_ITEMS);
        }
        return list;
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    /** 1 when the list has an item, else 0 (a peer kind is present). */
    private static int given(List<?> list) {
        return list == null || list.isEmpty() ? 0 : 1;
    }

    private void unknownFields(CiliumModel model, JsonPath path) {
        if (model == null) {
            return;
        }
        Map<String, Object> extra = model.getAdditionalProperties();
        if (extra == null || extra.isEmpty()) {
            return;
        }
        int n = 0;
        for (String key : extra.keySet()) {
            if (n++ >= 50) {
                break;
            }
            unknownField(path, key, "");
        }
    }

    private void unknownField(Object path, String key, String why) {
        warning(UNKNOWN_FIELD, path + "." + key, "unknown field " + q(key) + " for Cilium 1." + minor
                + why + ": the agent's decoder drops it (and the API server prunes it), so the rule means less than it"
                + " says; remove it or correct its spelling");
    }

    // ---- the resource ----

    void check(String kind, ObjectMeta meta, Rule spec, List<Rule> specs, boolean namespaced) {
        String name = meta == null ? null : meta.getName();
        if (name == null || name.isEmpty()) {
            error(MISSING_NAME, "metadata.name", kind + " must have a name; set metadata.name" + cilium(
                    "cnp_types.go Parse: \"" + kind + " must have name\""));
        }
        // A CNP without metadata.namespace gets its namespace at apply time (kubectl apply -n); the API server
        // always sets it, so the agent never parses a CNP without one as a CCNP (cnp_types.go Parse).
        boolean cnp = namespaced;
        if (spec == null && specs == null) {
            error(EMPTY_POLICY, "", kind + " has neither spec nor specs; add a spec with an endpointSelector and at"
                    + " least one of ingress, ingressDeny, egress, egressDeny" + cilium("cnp_types.go Parse:"
                    + " ErrEmpty" + (namespaced ? "CNP" : "CCNP")));
            return;
        }
        if (spec == null && specs.isEmpty()) {
            warning(EMPTY_SPECS, "specs", "specs is empty and there is no spec: the agent imports no rule, so the"
                    + " policy has no effect; add rules or delete the policy" + cilium("cnp_types.go Parse"));
        }
        String namespace = cnp && meta != null && meta.getNamespace() != null ? meta.getNamespace() : "";
        if (spec != null) {
            rule(spec, -1, cnp, namespace);
        }
        List<Rule> list = items(specs, "specs");
        for (int i = 0; i < list.size(); i++) {
            Rule r = list.get(i);
            if (r == null) {
                error(NULL_RULE, "specs[" + i + "]", "specs[" + i + "] is null; remove the item (the agent cannot"
                        + " sanitize a null rule)" + cilium("cnp_types.go Parse: rule.Sanitize()"));
            } else {
                rule(r, i, cnp, namespace);
            }
        }
    }

    /**
     * Checks {@code spec} ({@code index} -1) or {@code specs[index]}: first without paths ({@link JsonPath#NONE}, no
     * path node is made), and only when that finds something, again with paths for the findings. The checks are
     * deterministic (the memos of {@link Selectors} and {@link Http} only remember verdicts), so the second pass
     * finds the same things.
     */
    private void rule(Rule r, int index, boolean cnp, String namespace) {
        int mark = out.size();
        rule(r, JsonPath.NONE, index >= 0, cnp, namespace);
        if (out.size() > mark) {
            out.subList(mark, out.size()).clear();
            rule(r, index < 0 ? JsonPath.of("spec") : JsonPath.of("specs").index(index), index >= 0, cnp, namespace);
        }
    }

    // ---- the rule (Rule.Sanitize, ParseToCiliumRule) ----

    private void rule(Rule r, JsonPath p, boolean inSpecs, boolean cnp, String namespace) {
        unknownFields(r, p);
        if (minor >= 17 && size(r.getIngress()) == 0 && size(r.getIngressDeny()) == 0 && size(r.getEgress()) == 0
                && size(r.getEgressDeny()) == 0) {
            error(NO_SECTION, p, "the rule has none of ingress, ingressDeny, egress, egressDeny; add one ("
                    + "ingress: [{}] denies all ingress)" + cilium("rule_validation.go Rule.Sanitize: \"rule must have"
                    + " at least one of Ingress, IngressDeny, Egress, EgressDeny\""));
        }
        if (minor < 18 && r.getLog() != null) {
            unknownField(p, "log", " (added in 1.18)");
        } else if (hasUnknownFields(r.getLog())) {
            unknownFields(r.getLog(), p.field("log"));
        }
        DefaultDenyConfig dd = r.getEnableDefaultDeny();
        if (dd != null) {
            unknownFields(dd, p.field("enableDefaultDeny"));
            if (minor >= 17 && !agent.enableNonDefaultDenyPolicies()) {
                if (Boolean.FALSE.equals(dd.getIngress())) {
                    defaultDenyIgnored(p + ".enableDefaultDeny.ingress");
                }
                if (Boolean.FALSE.equals(dd.getEgress())) {
                    defaultDenyIgnored(p + ".enableDefaultDeny.egress");
                }
            }
        }
        List<io.kcs.cilium.rules.fabric8.v2.PolicyLabel> labels = items(r.getLabels(), p, "labels");
        for (int i = 0; i < labels.size(); i++) {
            io.kcs.cilium.rules.fabric8.v2.PolicyLabel l = labels.get(i);
            if (l == null || l.getKey() == null || l.getKey().isEmpty()) {
                error(INVALID_RULE_LABEL, p + ".labels[" + i + "]" + (l == null ? "" : ".key"), "a rule label needs a"
                        + " key; set key (value and source are optional)" + cilium("labels.go Label.UnmarshalJSON:"
                        + " \"invalid Label: does not contain label key\""));
            } else {
                unknownFields(l, p.field("labels").index(i));
            }
        }
        LabelSelector es = r.getEndpointSelector();
        LabelSelector ns = r.getNodeSelector();
        if (es == null && ns == null) {
            error(NO_SUBJECT, p, "the rule has neither endpointSelector nor nodeSelector; add endpointSelector: {}"
                    + " (every endpoint" + (cnp ? " of the namespace" : " of the cluster") + ") or a narrower one"
                    + cilium("rule_validation.go Rule.Sanitize: \"rule must have one of EndpointSelector or"
                    + " NodeSelector\""));
        }
        if (es != null && ns != null) {
            error(TWO_SUBJECTS, p + ".nodeSelector", "the rule has both endpointSelector and nodeSelector; keep one"
                    + " (split it into two rules)" + cilium("rule_validation.go Rule.Sanitize: \"rule cannot have"
                    + " both EndpointSelector and NodeSelector\""));
        }
        if (es != null) {
            selector(es, p.field("endpointSelector"));
            if (cnp && !namespace.isEmpty()) {
                namespaceMatch(es, p.field("endpointSelector"), namespace);
            }
        }
        boolean hostPolicy = false;
        if (ns != null) {
            selector(ns, p.field("nodeSelector"));
            hostPolicy = true;
            if (cnp && (!inSpecs || minor >= 19)) {
                error(NODE_SELECTOR_IN_CNP, p + ".nodeSelector", "a CiliumNetworkPolicy cannot select nodes; use"
                        + " a CiliumClusterwideNetworkPolicy for host policies, or endpointSelector" + cilium(
                        "cnp_types.go Parse: \"rule cannot have NodeSelector\""));
            }
        }
        List<IngressRule> ingress = items(r.getIngress(), p, "ingress");
        JsonPath at = ingress.isEmpty() ? null : p.field("ingress");
        for (int i = 0; i < ingress.size(); i++) {
            ingressRule(ingress.get(i), at.index(i), hostPolicy, false);
        }
        List<IngressRule> ingressDeny = items(r.getIngressDeny(), p, "ingressDeny");
        at = ingressDeny.isEmpty() ? null : p.field("ingressDeny");
        for (int i = 0; i < ingressDeny.size(); i++) {
            ingressRule(ingressDeny.get(i), at.index(i), hostPolicy, true);
        }
        List<EgressRule> egress = items(r.getEgress(), p, "egress");
        at = egress.isEmpty() ? null : p.field("egress");
        for (int i = 0; i < egress.size(); i++) {
            egressRule(egress.get(i), at.index(i), hostPolicy, false);
        }
        List<EgressRule> egressDeny = items(r.getEgressDeny(), p, "egressDeny");
        at = egressDeny.isEmpty() ? null : p.field("egressDeny");
        for (int i = 0; i < egressDeny.size(); i++) {
            egressRule(egressDeny.get(i), at.index(i), hostPolicy, true);
        }
    }

    private void defaultDenyIgnored(String path) {
        warning(DEFAULT_DENY_IGNORED, path, "enableDefaultDeny false is ignored because the agent runs with "
                + CiliumAgentConfig.ENABLE_NON_DEFAULT_DENY_POLICIES + "=false: default deny stays on; enable the"
                + " option or remove the field" + cilium("rule_validation.go Rule.Sanitize"));
    }

    private void namespaceMatch(LabelSelector es, Object path, String namespace) {
        Map<String, String> labels = es.getMatchLabels();
        if (labels != null && labels.containsKey(POD_NAMESPACE_LABEL)) {
            String v = labels.get(POD_NAMESPACE_LABEL);
            if (v == null || !v.equals(namespace)) {
                warning(NAMESPACE_MATCH_REPLACED, path + ".matchLabels." + POD_NAMESPACE_LABEL, "the endpointSelector"
                        + " of a CiliumNetworkPolicy always applies in the policy's namespace " + q(namespace)
                        + "; the agent replaces the match of namespace " + q(v) + " with it. Remove the key, or use a"
                        + " CiliumClusterwideNetworkPolicy" + cilium("utils.go ParseToCiliumRule: \"illegal namespace"
                        + " match in EndpointSelector\""));
            }
        }
        for (LabelSelectorRequirement r : safe(es.getMatchExpressions())) {
            if (r != null && POD_NAMESPACE_LABEL.equals(r.getKey()) && "In".equals(r.getOperator())) {
                List<String> values = safe(r.getValues());
                if (!(values.isEmpty() || (values.size() == 1 && namespace.equals(values.get(0))))) {
                    warning(NAMESPACE_MATCH_REPLACED, path + ".matchExpressions", "the endpointSelector of a"
                            + " CiliumNetworkPolicy always applies in the policy's namespace " + q(namespace)
                            + "; the agent adds that namespace to the match of " + values + ". Remove the"
                            + " expression, or use a CiliumClusterwideNetworkPolicy" + cilium("utils.go"
                            + " ParseToCiliumRule: \"illegal namespace match in EndpointSelector\""));
                }
            }
        }
    }

    private static <T> List<T> safe(List<T> list) {
        return list == null ? List.of() : list;
    }

    // ---- selectors ----

    void selector(LabelSelector s, JsonPath path) {
        selectors.check(s, path, false);
    }

    // ---- ingress / egress rules (IngressRule / EgressRule / *DenyRule sanitize) ----

    /** Entity names of {@code EntitySelectorMapping} (the same set in 1.16 to 1.20). */
    static final List<String> ENTITIES = List.of("all", "world", "world-ipv4", "world-ipv6", "cluster", "host",
            "init", "ingress", "unmanaged", "remote-node", "health", "none", "kube-apiserver");

    private void ingressRule(IngressRule rule, JsonPath p, boolean hostPolicy, boolean deny) {
        if (rule == null) {
            nullItem(p);
            return;
        }
        unknownFields(rule, p);
        if (deny && rule.getAuthentication() != null) {
            unknownField(p, "authentication", " in a deny rule");
        } else if (hasUnknownFields(rule.getAuthentication())) {
            unknownFields(rule.getAuthentication(), p.field("authentication"));
        }
        if (given(rule.getFromEndpoints()) + given(rule.getFromCIDR()) + given(rule.getFromCIDRSet())
                + given(rule.getFromEntities()) + given(rule.getFromNodes()) + given(rule.getFromGroups()) > 1) {
            combined(INGRESS_PEERS, new int[] {size(rule.getFromEndpoints()), size(rule.getFromCIDR()),
                size(rule.getFromCIDRSet()), size(rule.getFromEntities()), size(rule.getFromNodes()),
                size(rule.getFromGroups())}, p);
        }
        if (size(rule.getFromNodes()) > 0 && !agent.enableNodeSelectorLabels()) {
            nodesDisabled(p + ".fromNodes");
        }
        selectors(rule.getFromEndpoints(), p, "fromEndpoints");
        requires(rule.getFromRequires(), p, "fromRequires");
        selectors(rule.getFromNodes(), p, "fromNodes");
        cidrs(rule.getFromCIDR(), p, "fromCIDR");
        cidrSets(rule.getFromCIDRSet(), p, "fromCIDRSet");
        entities(rule.getFromEntities(), p, "fromEntities");
        groups(rule.getFromGroups(), p, "fromGroups");
        portsAndIcmps(rule.getToPorts(), rule.getIcmps(), p, true, hostPolicy, deny);
    }

    private void egressRule(EgressRule rule, JsonPath p, boolean hostPolicy, boolean deny) {
        if (rule == null) {
            nullItem(p);
            return;
        }
        unknownFields(rule, p);
        if (deny) {
            if (rule.getAuthentication() != null) {
                unknownField(p, "authentication", " in a deny rule");
            }
            if (rule.getToFQDNs() != null) {
                unknownField(p, "toFQDNs", " in a deny rule (Cilium has no FQDN deny)");
            }
        } else if (hasUnknownFields(rule.getAuthentication())) {
            unknownFields(rule.getAuthentication(), p.field("authentication"));
        }
        if (given(rule.getToCIDR()) + given(rule.getToCIDRSet()) + given(rule.getToEndpoints())
                + given(rule.getToEntities()) + given(rule.getToServices()) + given(rule.getToGroups())
                + given(rule.getToNodes()) + (deny ? 0 : given(rule.getToFQDNs())) > 1) {
            combined(EGRESS_PEERS, new int[] {size(rule.getToCIDR()), size(rule.getToCIDRSet()),
                size(rule.getToEndpoints()), size(rule.getToEntities()), size(rule.getToServices()),
                size(rule.getToGroups()), size(rule.getToNodes()), deny ? 0 : size(rule.getToFQDNs())}, p);
        }
        if (minor < 17 && size(rule.getToServices()) > 0 && size(rule.getToPorts()) > 0) {
            error(TO_SERVICES_WITH_PORTS, p + ".toPorts", "Cilium 1." + minor + " cannot combine toServices with"
                    + " toPorts; move the ports to a rule with toEndpoints selecting the service's pods, or target"
                    + " Cilium 1.17+" + cilium("rule_validation.go EgressRule.sanitize: \"combining ToServices and"
                    + " ToPorts is not supported yet\""));
        }
        if (size(rule.getToNodes()) > 0 && !agent.enableNodeSelectorLabels()) {
            nodesDisabled(p + ".toNodes");
        }
        selectors(rule.getToEndpoints(), p, "toEndpoints");
        requires(rule.getToRequires(), p, "toRequires");
        selectors(rule.getToNodes(), p, "toNodes");
        cidrs(rule.getToCIDR(), p, "toCIDR");
        cidrSets(rule.getToCIDRSet(), p, "toCIDRSet");
        entities(rule.getToEntities(), p, "toEntities");
        groups(rule.getToGroups(), p, "toGroups");
        services(rule.getToServices(), p, "toServices");
        portsAndIcmps(rule.getToPorts(), rule.getIcmps(), p, false, hostPolicy, deny);
        if (!deny) {
            List<FQDNSelector> fqdns = items(rule.getToFQDNs(), p, "toFQDNs");
            for (int i = 0; i < fqdns.size(); i++) {
                fqdn(fqdns.get(i), p.field("toFQDNs").index(i), true);
            }
        }
    }

    /** The L3 peer fields of IngressCommonRule / EgressCommonRule (+ toFQDNs), in document order. */
    private static final String[] INGRESS_PEERS = {"fromEndpoints", "fromCIDR", "fromCIDRSet", "fromEntities",
        "fromNodes", "fromGroups"};
    private static final String[] EGRESS_PEERS = {"toCIDR", "toCIDRSet", "toEndpoints", "toEntities", "toServices",
        "toGroups", "toNodes", "toFQDNs"};

    private void combined(String[] names, int[] counts, JsonPath p) {
        int kinds = 0;
        for (int c : counts) {
            kinds += c > 0 ? 1 : 0;
        }
        if (kinds < 2) {
            return;
        }
        List<String> present = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (counts[i] > 0) {
                present.add(names[i]);
            }
        }
        error(PEER_KINDS_COMBINED, p + "." + present.get(1), "a rule may name one peer kind only, this one has "
                + String.join(" and ", present) + "; write one rule per peer kind (the rules add up)" + cilium(
                "rule_validation.go sanitize: \"combining " + capital(present.get(0)) + " and "
                + capital(present.get(1)) + " is not supported yet\""));
    }

    private static String capital(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private void nodesDisabled(String path) {
        error(NODE_PEERS_DISABLED, path, "fromNodes/toNodes need the agent option "
                + CiliumAgentConfig.ENABLE_NODE_SELECTOR_LABELS + "=true; enable it, or use the remote-node / host"
                + " entities" + cilium("rule_validation.go: ErrFromToNodesRequiresNodeSelectorOption"));
    }

    private void selectors(List<LabelSelector> list, JsonPath parent, String field) {
        List<LabelSelector> l = items(list, parent, field);
        JsonPath path = l.isEmpty() ? null : parent.field(field);
        for (int i = 0; i < l.size(); i++) {
            LabelSelector s = l.get(i);
            if (s == null) {
                nullItem(path.index(i));
            } else {
                selector(s, path.index(i));
            }
        }
    }

    private void requires(List<LabelSelector> list, JsonPath parent, String field) {
        if (list == null) {
            return;
        }
        if (minor >= 19) {
            if (!list.isEmpty()) {
                String path = parent + "." + field;
                warning(UNKNOWN_FIELD, path, "fromRequires/toRequires are deprecated and ignored since Cilium 1.19"
                        + " (the CRD allows no item): the rule means less than it says; remove the field, and add"
                        + " the required labels to every peer selector instead" + cilium("ingress.go / egress.go:"
                        + " \"Deprecated\""));
            }
            return;
        }
        selectors(list, parent, field);
    }

    private void cidrs(List<String> list, JsonPath parent, String field) {
        List<String> l = items(list, parent, field);
        for (int i = 0; i < l.size(); i++) {
            String c = l.get(i) == null ? "" : l.get(i);
            if (c.isEmpty()) {
                String where = at(parent, field, i);
                error(INVALID_CIDR, where, "the CIDR is empty; write an address or a prefix such as 10.0.0.0/8"
                        + cilium("rule_validation.go CIDR.sanitize: \"IP must be specified\""));
                continue;
            }
            String[] why = new String[1];
            if (prefix(c, why).isEmpty()) {
                java.util.Optional<String> addr = GoSyntax.addrProblem(c);
                if (addr.isPresent()) {
                    String where = at(parent, field, i);
                    error(INVALID_CIDR, where, "invalid CIDR " + q(c) + ": " + (c.indexOf('/') >= 0 ? why[0]
                            : addr.get()) + "; write an address or a prefix such as 10.0.0.0/8 (Go netip syntax)"
                            + cilium("rule_validation.go CIDR.sanitize: \"unable to parse CIDR\""));
                }
            }
        }
    }

    /** Prefix texts to {@link GoSyntax#parsePrefix}'s answer (the prefix, or the reason as a String); bounded. */
    private final Map<String, Object> prefixes = new java.util.HashMap<>();
    private static final int MEMO_LIMIT = 4_096;

    /** {@link GoSyntax#parsePrefix}, remembered for this run (CIDRs repeat across a policy's rules). */
    private java.util.Optional<GoSyntax.Prefix> prefix(String text, String[] why) {
        Object known = prefixes.get(text);
        if (known == null) {
            java.util.Optional<GoSyntax.Prefix> p = GoSyntax.parsePrefix(text, why);
            known = p.isPresent() ? p.get() : why[0];
            if (prefixes.size() < MEMO_LIMIT) {
                prefixes.put(text, known);
            }
        }
        if (known instanceof GoSyntax.Prefix p) {
            return java.util.Optional.of(p);
        }
        why[0] = (String) known;
        return java.util.Optional.empty();
    }

    /** {@code parent.field[i]}, for a diagnostic. */
    private static String at(JsonPath parent, String field, int i) {
        return parent + "." + field + "[" + i + "]";
    }

    private void cidrSets(List<CIDRRule> list, JsonPath parent, String field) {
        List<CIDRRule> l = items(list, parent, field);
        JsonPath at = l.isEmpty() ? null : parent.field(field);
        for (int i = 0; i < l.size(); i++) {
            CIDRRule c = l.get(i);
            JsonPath where = at.index(i);
            if (c == null) {
                error(CIDR_RULE_SOURCE, where, "the CIDR set item is null; write one of cidr, cidrGroupRef,"
                        + " cidrGroupSelector" + cilium("rule_validation.go CIDRRule.sanitize: \"one of cidr,"
                        + " cidrGroupRef, or cidrGroupSelector is required\""));
                continue;
            }
            cidrRule(c, where);
        }
    }

    private void cidrRule(CIDRRule c, JsonPath where) {
        unknownFields(c, where);
        boolean groupSelector = c.getCidrGroupSelector() != null;
        if (groupSelector && minor < 17) {
            unknownField(where, "cidrGroupSelector", " (added in 1.17)");
            groupSelector = false;
        }
        String cidr = c.getCidr() == null ? "" : c.getCidr();
        String ref = c.getCidrGroupRef() == null ? "" : c.getCidrGroupRef();
        if (minor < 17) {
            if (!ref.isEmpty()) {
                return; // 1.16: a group reference is accepted without looking at cidr or except
            }
        } else {
            if (groupSelector) {
                // validated before the count checks (keys get the cidrgroup source)
                selectors.check(c.getCidrGroupSelector(), where.field("cidrGroupSelector"), true);
            }
            int count = (cidr.isEmpty() ? 0 : 1) + (ref.isEmpty() ? 0 : 1) + (groupSelector ? 1 : 0);
            if (count == 0) {
                error(CIDR_RULE_SOURCE, where, "the CIDR set item has none of cidr, cidrGroupRef,"
                        + " cidrGroupSelector; write exactly one" + cilium("rule_validation.go CIDRRule.sanitize:"
                        + " \"one of cidr, cidrGroupRef, or cidrGroupSelector is required\""));
                return;
            }
            if (count > 1) {
                error(CIDR_RULE_SOURCE, where, "the CIDR set item has more than one of cidr, cidrGroupRef,"
                        + " cidrGroupSelector; write one item for each" + cilium("rule_validation.go"
                        + " CIDRRule.sanitize: \"more than one of cidr, cidrGroupRef, or cidrGroupSelector may not"
                        + " be set\""));
                return;
            }
            if (groupSelector || !ref.isEmpty()) {
                return; // selectors: except is not looked at
            }
        }
        String[] why = new String[1];
        java.util.Optional<GoSyntax.Prefix> prefix = prefix(cidr, why);
        if (prefix.isEmpty()) {
            error(INVALID_CIDR, where + ".cidr", "invalid CIDR " + q(cidr) + ": " + why[0] + "; a CIDR set needs a"
                    + " prefix address/length such as 10.0.0.0/8 (a bare address is not enough here)" + cilium(
                    "rule_validation.go CIDRRule.sanitize: \"unable to parse CIDRRule\""));
            return;
        }
        List<String> except = items(c.getExcept(), where, "except");
        for (int k = 0; k < except.size(); k++) {
            String e = except.get(k) == null ? "" : except.get(k);
            java.util.Optional<GoSyntax.Prefix> ex = prefix(e, why);
            if (ex.isEmpty()) {
                String ew = at(where, "except", k);
                error(INVALID_CIDR_EXCEPT, ew, "invalid except prefix " + q(e) + ": " + why[0] + "; write a prefix"
                        + " inside " + q(cidr) + cilium("rule_validation.go CIDRRule.sanitize"));
                continue;
            }
            boolean shorter = minor >= 20 && prefix.get().bits() > ex.get().bits();
            if (shorter || !prefix.get().contains(ex.get().address())) {
                String ew = at(where, "except", k);
                error(INVALID_CIDR_EXCEPT, ew, "the except prefix " + q(e) + " is not inside " + q(cidr)
                        + (prefix.get().address().isIpv4() != ex.get().address().isIpv4() ? " (other address family)"
                        : shorter ? " (it is shorter)" : "") + "; list only sub-prefixes of cidr" + cilium(
                        "rule_validation.go CIDRRule.sanitize: \"allow CIDR prefix does not contain exclude CIDR"
                        + " prefix\""));
            }
        }
    }

    private void entities(List<String> list, JsonPath parent, String field) {
        List<String> l = items(list, parent, field);
        for (int i = 0; i < l.size(); i++) {
            String e = l.get(i) == null ? "" : l.get(i);
            if (!ENTITIES.contains(e)) {
                String hint = Hints.closest(e, ENTITIES).map(h -> " (did you mean " + q(h) + "?)").orElse("");
                error(UNKNOWN_ENTITY, at(parent, field, i), "unknown entity " + q(e) + hint + "; use one of "
                        + String.join(", ", ENTITIES) + " (case-sensitive)" + cilium("rule_validation.go sanitize:"
                        + " \"unsupported entity\""));
            }
        }
    }

    private void groups(List<io.kcs.cilium.rules.fabric8.v2.Groups> list, JsonPath parent, String field) {
        List<io.kcs.cilium.rules.fabric8.v2.Groups> l = items(list, parent, field);
        for (int i = 0; i < l.size(); i++) {
            io.kcs.cilium.rules.fabric8.v2.Groups g = l.get(i);
            if (g == null) {
                nullItem(at(parent, field, i));
            } else if (hasUnknownFields(g) || hasUnknownFields(g.getAws())) {
                JsonPath where = parent.field(field).index(i);
                unknownFields(g, where);
                unknownFields(g.getAws(), where.field("aws"));
            }
        }
    }

    private void services(List<io.kcs.cilium.rules.fabric8.v2.ServiceRef> list, JsonPath parent, String field) {
        List<io.kcs.cilium.rules.fabric8.v2.ServiceRef> l = items(list, parent, field);
        for (int i = 0; i < l.size(); i++) {
            io.kcs.cilium.rules.fabric8.v2.ServiceRef s = l.get(i);
            JsonPath where = parent.field(field).index(i);
            if (s == null) {
                nullItem(where);
                continue;
            }
            unknownFields(s, where);
            if (s.getK8sService() != null) {
                unknownFields(s.getK8sService(), where.field("k8sService"));
            }
            if (s.getK8sServiceSelector() != null) {
                unknownFields(s.getK8sServiceSelector(), where.field("k8sServiceSelector"));
            }
        }
    }

    // ---- L4: toPorts and icmps ----

    private void portsAndIcmps(List<PortRule> toPorts, List<ICMPRule> icmps, JsonPath p, boolean ingress,
            boolean hostPolicy, boolean deny) {
        List<PortRule> ports = items(toPorts, p, "toPorts");
        if (!deny) {
            l7Support(ports, p, ingress, hostPolicy);
        }
        if (size(icmps) > 0 && !agent.enableIcmpRules()) {
            error(ICMP_RULES_DISABLED, p + ".icmps", "ICMP rules need the agent option "
                    + CiliumAgentConfig.ENABLE_ICMP_RULES + "=true; enable it, or remove icmps" + cilium(
                    "rule_validation.go sanitize: \"ICMP rules can only be applied when the enable-icmp-rules flag"
                    + " is set\""));
        }
        if (size(icmps) > 0 && size(toPorts) > 0) {
            error(ICMP_WITH_PORTS, p + ".icmps", "icmps and toPorts cannot be in one rule; write a separate rule"
                    + " for each" + cilium("rule_validation.go: \"the ICMPs block may only be present without"
                    + " ToPorts. Define a separate rule to use ToPorts\""));
        }
        JsonPath portsAt = ports.isEmpty() ? null : p.field("toPorts");
        for (int i = 0; i < ports.size(); i++) {
            PortRule pr = ports.get(i);
            JsonPath where = portsAt.index(i);
            if (pr == null) {
                nullItem(where);
                continue;
            }
            if (deny) {
                portDenyRule(pr, where);
            } else {
                portRule(pr, where, ingress);
            }
        }
        List<ICMPRule> icmpList = items(icmps, p, "icmps");
        JsonPath icmpsAt = icmpList.isEmpty() ? null : p.field("icmps");
        for (int i = 0; i < icmpList.size(); i++) {
            icmpRule(icmpList.get(i), icmpsAt.index(i));
        }
    }

    /** {@code L7Rules.Len()}: the number of L7 rules the agent counts (HTTP, DNS; Kafka and generic before 1.20). */
    private int l7Len(L7Rules r) {
        if (r == null) {
            return 0;
        }
        int n = size(r.getHttp()) + size(r.getDns());
        if (minor < 20) {
            n += size(r.getKafka()) + size(r.getL7());
        }
        return n;
    }

    /** countL7Rules and the per-direction L7 support of IngressRule / EgressRule sanitize. */
    private void l7Support(List<PortRule> ports, JsonPath p, boolean ingress, boolean hostPolicy) {
        int http = 0;
        int dns = 0;
        int kafka = 0;
        boolean any = false;
        int first = -1;
        for (int i = 0; i < ports.size(); i++) {
            PortRule pr = ports.get(i);
            if (pr != null && l7Len(pr.getRules()) > 0) {
                any = true;
                first = first < 0 ? i : first;
                http += size(pr.getRules().getHttp());
                dns += size(pr.getRules().getDns());
                kafka += minor < 20 ? size(pr.getRules().getKafka()) : 0;
            }
        }
        if (!any) {
            return;
        }
        String firstL7 = at(p, "toPorts", first) + ".rules";
        if (hostPolicy && (ingress || minor < 17)) {
            error(L7_ON_HOST_POLICY, firstL7, "L7 rules are not supported in host policies (nodeSelector) on "
                    + (ingress ? "ingress" : "egress") + "; remove the rules from the host policy" + cilium(
                    "rule_validation.go: \"L7 policy is not supported on host ingress yet\""));
        }
        if (!agent.enableL7Proxy()) {
            error(L7_PROXY_DISABLED, firstL7, "L7 rules need the L7 proxy, and the agent runs with "
                    + CiliumAgentConfig.ENABLE_L7_PROXY + "=false; enable it, or remove the rules" + cilium(
                    "rule_validation.go: \"L7 policy is not supported since L7 proxy is not enabled\""));
        }
        if (hostPolicy && !ingress && minor >= 17 && (http > 0 || kafka > 0)) {
            error(L7_ON_HOST_POLICY, firstL7, "L7 protocol " + (http > 0 ? "HTTP" : "Kafka") + " is not supported"
                    + " in host policies (nodeSelector) on egress (only DNS is); remove the rules from the host"
                    + " policy" + cilium("rule_validation.go EgressRule.sanitize: \"L7 protocol HTTP is not"
                    + " supported on host egress yet\""));
        }
        // DNS on ingress is reported once per port rule by portRule (the same fault as
        // "L7 protocol DNS is not supported on ingress yet").
    }

    private void portDenyRule(PortRule pr, JsonPath where) {
        unknownFields(pr, where);
        String notInDeny = " in a deny rule (deny rules take ports only)";
        if (pr.getRules() != null) {
            unknownField(where, "rules", notInDeny);
        }
        if (pr.getServerNames() != null) {
            unknownField(where, "serverNames", notInDeny);
        }
        if (pr.getListener() != null) {
            unknownField(where, "listener", notInDeny);
        }
        if (pr.getTerminatingTLS() != null) {
            unknownField(where, "terminatingTLS", notInDeny);
        }
        if (pr.getOriginatingTLS() != null) {
            unknownField(where, "originatingTLS", notInDeny);
        }
        tooManyPorts(pr, where);
        List<PortProtocol> ports = items(pr.getPorts(), where, "ports");
        JsonPath portsAt = ports.isEmpty() ? null : where.field("ports");
        for (int i = 0; i < ports.size(); i++) {
            port(ports.get(i), portsAt.index(i), false);
        }
    }

    private void tooManyPorts(PortRule pr, JsonPath where) {
        if (size(pr.getPorts()) > MAX_PORTS) {
            error(TOO_MANY_PORTS, where + ".ports", "the port rule has " + size(pr.getPorts()) + " ports, at most "
                    + MAX_PORTS + " are allowed; split it into several toPorts items" + cilium("rule_validation.go:"
                    + " \"too many ports, the max is 40\""));
        }
    }

    /** Cilium {@code maxPorts} and {@code maxICMPFields}. */
    static final int MAX_PORTS = 40;
    static final int MAX_ICMP_FIELDS = 40;

    private void portRule(PortRule pr, JsonPath where, boolean ingress) {
        unknownFields(pr, where);
        L7Rules rules = pr.getRules();
        if (rules != null && minor >= 20) {
            String removed = " (Kafka and generic L7 rules were removed in Cilium 1.20)";
            if (rules.getKafka() != null) {
                unknownField(where + ".rules", "kafka", removed);
            }
            if (rules.getL7proto() != null) {
                unknownField(where + ".rules", "l7proto", removed);
            }
            if (rules.getL7() != null) {
                unknownField(where + ".rules", "l7", removed);
            }
        }
        boolean hasDns = rules != null && size(rules.getDns()) > 0;
        boolean l7 = l7Len(rules) > 0;
        if (ingress && hasDns) {
            error(DNS_ON_INGRESS, where + ".rules.dns", "DNS rules are not allowed on ingress; put them in an egress"
                    + " rule towards the DNS server" + cilium("rule_validation.go PortRule.sanitize: \"DNS rules are"
                    + " not allowed on ingress\""));
        }
        List<String> serverNames = items(pr.getServerNames(), where, "serverNames");
        if (!serverNames.isEmpty() && l7 && pr.getTerminatingTLS() == null) {
            error(SERVER_NAMES_WITH_L7, where + ".serverNames", "serverNames cannot be combined with L7 rules unless"
                    + " the rule terminates TLS; add terminatingTLS, or drop the L7 rules" + cilium(
                    "rule_validation.go PortRule.sanitize: \"ServerNames are not allowed with L7 rules without TLS"
                    + " termination\""));
        }
        for (int i = 0; i < serverNames.size(); i++) {
            String sn = serverNames.get(i);
            if (sn == null || sn.isEmpty()) {
                error(EMPTY_SERVER_NAME, where + ".serverNames[" + i + "]", "an empty server name is not allowed;"
                        + " remove it" + cilium("rule_validation.go: \"empty server name is not allowed\""));
            }
        }
        tooManyPorts(pr, where);
        boolean zero = false;
        List<PortProtocol> ports = items(pr.getPorts(), where, "ports");
        JsonPath portsAt = ports.isEmpty() ? null : where.field("ports");
        for (int i = 0; i < ports.size(); i++) {
            JsonPath pw = portsAt.index(i);
            PortProtocol pp = ports.get(i);
            PortCheck pc = port(pp, pw, hasDns, l7);
            zero |= pc.zero;
            if (l7 && !hasDns && pc.protocol != null && !pc.protocol.equals("TCP")) {
                error(L7_REQUIRES_TCP, pw + (pp != null && pp.getProtocol() != null ? ".protocol" : ""), "L7 rules"
                        + " apply only to TCP (except DNS rules); this port is " + (pc.protocol.equals("ANY")
                        ? "ANY (protocol omitted)" : pc.protocol) + ". Set protocol: TCP" + cilium(
                        "rule_validation.go PortRule.sanitize: \"L7 rules can only apply to TCP (not "
                        + pc.protocol + ") except for DNS rules\""));
            }
        }
        if (pr.getListener() != null) {
            String name = pr.getListener().getName();
            if (ingress) {
                error(LISTENER_ON_INGRESS, where + ".listener", "a listener is not allowed on ingress (listener "
                        + q(name) + "); listeners work on egress only" + cilium("rule_validation.go: \"Listener is"
                        + " not allowed on ingress\""));
            }
            if (l7) {
                error(LISTENER_WITH_L7, where + ".listener", "a listener cannot be combined with L7 rules (listener "
                        + q(name) + "); remove one of them" + cilium("rule_validation.go: \"Listener is not"
                        + " allowed with L7 rules\""));
            }
            unknownFields(pr.getListener(), where.field("listener"));
            unknownFields(pr.getListener().getEnvoyConfig(), where.field("listener").field("envoyConfig"));
        }
        tlsContext(pr.getTerminatingTLS(), where, "terminatingTLS");
        tlsContext(pr.getOriginatingTLS(), where, "originatingTLS");
        if (l7) {
            if (zero) {
                error(L7_WITH_PORT_ZERO, where + ".ports", "L7 rules cannot be used with port 0 (all ports); name"
                        + " the ports" + cilium("rule_validation.go: \"L7 rules can not be used when a port is"
                        + " 0\""));
            }
            l7Rules(rules, where.field("rules"), size(pr.getPorts()));
        }
    }

    /** Unknown fields of a TLS context and its secret (the agent checks no value of it). */
    private void tlsContext(io.kcs.cilium.rules.fabric8.v2.TLSContext tls, JsonPath where, String field) {
        if (hasUnknownFields(tls) || tls != null && hasUnknownFields(tls.getSecret())) {
            unknownFields(tls, where.field(field));
            unknownFields(tls.getSecret(), where.field(field).field("secret"));
        }
    }

    /** Whether {@code model} has fields this model does not know (false for null); paths are built only then. */
    private static boolean hasUnknownFields(CiliumModel model) {
        return model != null && !model.getAdditionalProperties().isEmpty();
    }

    /** What {@code PortProtocol.sanitize} found: whether the port is 0, and the protocol it normalised to. */
    private record PortCheck(boolean zero, String protocol) {}

    private static final List<String> EXTENDED_19 = List.of("VRRP", "IGMP");
    private static final List<String> EXTENDED_20 = List.of("GRE", "IPIP", "IPV6", "ESP", "AH");

    private final List<String> protocols;

    private List<String> protocols() {
        return protocols;
    }

    private static List<String> protocols(int minor) {
        List<String> all = new ArrayList<>(List.of("TCP", "UDP", "SCTP"));
        if (minor >= 19) {
            all.addAll(EXTENDED_19);
        }
        if (minor >= 20) {
            all.addAll(EXTENDED_20);
        }
        all.add("ANY");
        return List.copyOf(all);
    }

    private boolean extended(String protocol) {
        return (minor >= 19 && EXTENDED_19.contains(protocol)) || (minor >= 20 && EXTENDED_20.contains(protocol));
    }

    private PortCheck port(PortProtocol pp, JsonPath pw, boolean hasDns) {
        return port(pp, pw, hasDns, false);
    }

    /**
     * {@code PortProtocol.sanitize}; {@code hasDns}: the port rule has DNS rules (1.17+ range check), {@code hasL7}:
     * it has any L7 rules (1.16 range check).
     */
    private PortCheck port(PortProtocol pp, JsonPath pw, boolean hasDns, boolean hasL7) {
        if (pp == null) {
            nullItem(pw);
            pp = new PortProtocol();
        }
        unknownFields(pp, pw);
        String port = pp.getPort() == null ? "" : pp.getPort();
        String rawProtocol = pp.getProtocol() == null ? "" : pp.getProtocol();
        String protocol = rawProtocol.isEmpty() ? "ANY" : rawProtocol.toUpperCase(java.util.Locale.ROOT);
        boolean zero = false;
        if (port.isEmpty() && !(minor >= 19 && agent.enableExtendedIpProtocols())) {
            error(PORT_MISSING, pw + ".port", "the port is missing; set it (\"0\" means every port)" + (minor >= 19
                    ? ", or enable " + CiliumAgentConfig.ENABLE_EXTENDED_IP_PROTOCOLS + " for a protocol without"
                    + " ports" : "") + cilium("rule_validation.go PortProtocol.sanitize: \"port must be"
                    + " specified\""));
        }
        if (GoSyntax.isSvcName(port)) {
            if (pp.getEndPort() != null && pp.getEndPort() != 0) {
                warning(IGNORED_END_PORT, pw + ".endPort", "endPort has no effect on the named port " + q(port)
                        + "; remove it, or give port a number");
            }
        } else if (!port.isEmpty()) {
            // the agent compares the protocol as written, before upper-casing it (protocol: vrrp slips through)
            if (minor >= 19 && !port.equals("0") && extended(rawProtocol)) {
                error(PORT_WITH_PORTLESS_PROTOCOL, pw + ".port", protocol + " has no ports; remove the port (or"
                        + " write \"0\")" + cilium("rule_validation.go PortProtocol.sanitize: \"port must be empty or"
                        + " 0\""));
            } else {
                int plain = GoSyntax.plainPort(port);
                GoSyntax.PortNumber n = plain >= 0 ? null : GoSyntax.parseUint16(port);
                if (n != null && !n.ok()) {
                    error(INVALID_PORT, pw + ".port", "invalid port " + q(port) + ": " + n.problem() + "; write a"
                            + " number 0-65535 or a named port (an IANA service name: at most 15 letters, digits and"
                            + " dashes)" + cilium("rule_validation.go PortProtocol.sanitize: \"unable to parse"
                            + " port\""));
                } else {
                    int value = n == null ? plain : n.value();
                    zero = value == 0;
                    int end = pp.getEndPort() == null ? 0 : pp.getEndPort();
                    if (minor < 17 && hasL7 && end > value) {
                        error(L7_PORT_RANGE, pw + ".endPort", "Cilium 1." + minor + " does not support port ranges"
                                + " with L7 rules; remove endPort, or target Cilium 1.17+ (where only DNS rules refuse"
                                + " ranges)" + cilium("rule_validation.go PortProtocol.sanitize: \"L7 rules do not"
                                + " support port ranges\""));
                    } else if (hasDns && minor >= 17 && end > value) {
                        error(DNS_PORT_RANGE, pw + ".endPort", "DNS rules do not support port ranges; remove"
                                + " endPort" + cilium("rule_validation.go PortProtocol.sanitize: \"DNS rules do not"
                                + " support port ranges\""));
                    } else if (end != 0 && value != 0 && end < value) {
                        warning(IGNORED_END_PORT, pw + ".endPort", "endPort " + end + " is below port " + value
                                + ", so Cilium allows port " + value + " only; correct the range (Cilium policy"
                                + " l4.go: a range whose end is not above its start is a single port)");
                    }
                }
            }
        }
        if (!protocols().contains(protocol)) {
            error(INVALID_PROTOCOL, pw + ".protocol", "invalid protocol " + q(rawProtocol) + "; Cilium 1." + minor
                    + " accepts " + String.join(", ", protocols()).toLowerCase(java.util.Locale.ROOT)
                    + " (case-insensitive)" + (protocol.startsWith("ICMP") ? "; match ICMP with icmps" : "")
                    + cilium("utils.go ParseL4Proto: \"invalid protocol\""));
            return new PortCheck(zero, null);
        }
        return new PortCheck(zero, protocol);
    }

    private void l7Rules(L7Rules r, JsonPath where, int portCount) {
        unknownFields(r, where);
        int types = 0;
        if (r.getHttp() != null) {
            types++;
            List<PortRuleHTTP> rules = items(r.getHttp(), where, "http");
            for (int i = 0; i < rules.size(); i++) {
                http.check(rules.get(i), where.field("http").index(i));
            }
        }
        if (minor < 20 && r.getKafka() != null) {
            types++;
            List<io.kcs.cilium.rules.fabric8.v2.PortRuleKafka> kafka = items(r.getKafka(), where + ".kafka");
            for (int i = 0; i < kafka.size(); i++) {
                JsonPath kw = where.field("kafka").index(i);
                Kafka.check(kafka.get(i), kw, out);
                unknownFields(kafka.get(i), kw);
            }
        }
        if (r.getDns() != null) {
            if (portCount == 0) {
                error(DNS_NEEDS_PORT, where + ".dns", "DNS rules need an explicit port; add ports: [{port: \"53\","
                        + " protocol: ANY}]" + cilium("rule_validation.go L7Rules.sanitize: \"port 53 must be"
                        + " specified for DNS rules\""));
            }
            types++;
            List<FQDNSelector> dns = items(r.getDns(), where, "dns");
            for (int i = 0; i < dns.size(); i++) {
                fqdn(dns.get(i), where.field("dns").index(i), false);
            }
        }
        if (minor < 20) {
            if (r.getL7() != null && (r.getL7proto() == null || r.getL7proto().isEmpty())) {
                error(INVALID_L7_RULE, where + ".l7", "l7 rules need l7proto; set l7proto, or remove l7" + cilium(
                        "rule_validation.go L7Rules.sanitize: \"'l7' may only be specified when a 'l7proto' is also"
                        + " specified\""));
            }
            if (r.getL7proto() != null && !r.getL7proto().isEmpty()) {
                types++;
                List<Map<String, String>> l7 = items(r.getL7(), where, "l7");
                for (int i = 0; i < l7.size(); i++) {
                    Map<String, String> kv = l7.get(i);
                    if (kv != null && kv.containsKey("")) {
                        error(INVALID_L7_RULE, where + ".l7[" + i + "]", "an empty key is not allowed in a generic"
                                + " L7 rule" + cilium("l7.go PortRuleL7.Sanitize: \"Empty key not allowed\""));
                    }
                }
            }
        }
        if (types > 1) {
            error(MULTIPLE_L7_TYPES, where, "one rules block may hold one L7 protocol; write one toPorts item per"
                    + " protocol" + cilium("rule_validation.go L7Rules.sanitize: \"multiple L7 protocol rule types"
                    + " specified in single rule\""));
        }
    }

    private void icmpRule(ICMPRule rule, JsonPath where) {
        if (rule == null) {
            nullItem(where);
            return;
        }
        unknownFields(rule, where);
        if (size(rule.getFields()) > MAX_ICMP_FIELDS) {
            error(TOO_MANY_ICMP_FIELDS, where + ".fields", "the ICMP rule has " + size(rule.getFields())
                    + " fields, at most " + MAX_ICMP_FIELDS + " are allowed; split it" + cilium("rule_validation.go"
                    + " ICMPRule.verify: \"too many types, the max is 40\""));
        }
        List<ICMPField> fields = items(rule.getFields(), where, "fields");
        for (int i = 0; i < fields.size(); i++) {
            ICMPField f = fields.get(i);
            JsonPath fw = where.field("fields").index(i);
            if (f == null) {
                nullItem(fw);
                f = new ICMPField();
            }
            unknownFields(f, fw);
            String family = f.getFamily() == null ? "" : f.getFamily();
            if (!family.isEmpty() && !family.equals("IPv4") && !family.equals("IPv6")) {
                error(INVALID_ICMP_FAMILY, fw + ".family", "wrong ICMP family " + q(family) + "; use IPv4 or IPv6"
                        + " (case-sensitive)" + cilium("rule_validation.go ICMPRule.verify: \"wrong family\""));
            }
            Icmp.typeProblem(f.getType(), family).ifPresent(why -> error(INVALID_ICMP_TYPE, fw + ".type", why));
        }
    }

    // ---- FQDN (fqdn.go FQDNSelector.sanitize, PortRuleDNS.Sanitize, matchpattern.Validate) ----
    // Cilium's own character checks, not core's FqdnSelector.parse: that one follows the CRD's patterns and is
    // stricter (no empty label, no leading dot, no digits-only name), while the agent accepts "a..com" or ".a".

    private void fqdn(FQDNSelector s, JsonPath where, boolean selector) {
        if (s == null) {
            nullItem(where);
            return;
        }
        unknownFields(s, where);
        String name = s.getMatchName() == null ? "" : s.getMatchName();
        String pattern = s.getMatchPattern() == null ? "" : s.getMatchPattern();
        String check = selector ? "fqdn.go FQDNSelector.sanitize" : "fqdn.go PortRuleDNS.Sanitize";
        if (selector && !name.isEmpty() && !pattern.isEmpty()) {
            error(INVALID_FQDN, where, "matchName and matchPattern cannot both be set; write two selectors"
                    + cilium(check + ": \"only one of MatchName or MatchPattern is allowed in an FQDNSelector\""));
        }
        if (!name.isEmpty() && !dnsChars(name, false)) {
            error(INVALID_FQDN, where + ".matchName", "invalid characters in matchName " + q(name) + "; only 0-9,"
                    + " a-z, A-Z and . - _ are allowed" + cilium(check + ": \"Invalid characters in"
                    + " MatchName\""));
        }
        if (minor >= 19 && pattern.strip().length() > MAX_FQDN_LENGTH) {
            error(INVALID_FQDN, where + ".matchPattern", "matchPattern is " + pattern.length() + " characters long,"
                    + " at most " + MAX_FQDN_LENGTH + " are allowed" + cilium("matchpattern.go Validate"));
        } else if (!pattern.isEmpty() && !dnsChars(pattern, true)) {
            error(INVALID_FQDN, where + ".matchPattern", "invalid characters in matchPattern " + q(pattern)
                    + "; only 0-9, a-z, A-Z and . - _ * are allowed" + cilium("matchpattern.go Validate: \"Invalid"
                    + " characters in MatchPattern\""));
        }
    }

    /** Cilium {@code MaxFQDNLength}. */
    static final int MAX_FQDN_LENGTH = 255;

    /** Whether every character of {@code s} is a {@link #dnsChar} (or {@code *}, when {@code star}). */
    private static boolean dnsChars(String s, boolean star) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(dnsChar(c) || star && c == '*')) {
                return false;
            }
        }
        return true;
    }

    static boolean dnsChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                || c == '.';
    }

    private void nullItem(Object path) {
        String p = String.valueOf(path);
        warning(NULL_ITEM, p, "the item is null; the agent reads it as an empty item {}, which may select more than"
                + " meant; remove it or write it out");
    }
}
