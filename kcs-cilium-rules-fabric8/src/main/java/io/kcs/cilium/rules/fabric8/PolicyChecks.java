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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@link CiliumPolicyValidator} over one policy: walks the typed model, appending diagnostics. Not
 * thread-safe (one instance per call).
 */
final class PolicyChecks {

    /** The agent's namespace label key (utils.go {@code podPrefixLbl}). */
    static final String POD_NAMESPACE_LABEL = "k8s:io.kubernetes.pod.namespace";

    private final MappingOptions options;
    private final CiliumAgentConfig agent;
    private final int minor;
    private final List<PolicyDiagnostic> out;
    private String kind = "";

    PolicyChecks(MappingOptions options, List<PolicyDiagnostic> out) {
        this.options = options;
        this.agent = options.agentConfig();
        this.minor = options.ciliumMinor();
        this.out = out;
    }

    // ---- reporting ----

    private void error(String code, String path, String message) {
        out.add(PolicyDiagnostic.error(code, path, message));
    }

    private void warning(String code, String path, String message) {
        out.add(PolicyDiagnostic.warning(code, path, message));
    }

    private static String cilium(String check) {
        return " (Cilium " + check + ")";
    }

    static String q(Object text) {
        return KubernetesNames.quote(String.valueOf(text));
    }

    /** The items of a list to read, reporting an over-long list once. */
    private <T> List<T> items(List<T> list, String path) {
        if (list == null) {
            return List.of();
        }
        if (list.size() > CiliumPolicyValidator.MAX_LIST_ITEMS) {
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

    private void unknownFields(CiliumModel model, String path) {
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

    private void unknownField(String path, String key, String why) {
        warning(UNKNOWN_FIELD, path + "." + key, "unknown field " + q(key) + " for Cilium 1." + minor
                + why + ": the agent's decoder drops it (and the API server prunes it), so the rule means less than it"
                + " says; remove it or correct its spelling");
    }

    // ---- the resource ----

    void check(String kind, ObjectMeta meta, Rule spec, List<Rule> specs, boolean namespaced) {
        this.kind = kind;
        String name = meta == null ? null : meta.getName();
        if (name == null || name.isEmpty()) {
            error(MISSING_NAME, "metadata.name", kind + " must have a name; set metadata.name" + cilium(
                    "cnp_types.go Parse: \"" + kind + " must have name\""));
        }
        boolean cnp = namespaced;
        if (namespaced) {
            String ns = meta == null ? null : meta.getNamespace();
            if (ns == null || ns.isEmpty()) {
                warning(MISSING_NAMESPACE, "metadata.namespace", "a CiliumNetworkPolicy without a namespace is parsed"
                        + " by the agent as a CiliumClusterwideNetworkPolicy; set metadata.namespace" + cilium(
                        "cnp_types.go Parse"));
                cnp = false;
            }
        }
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
        String namespace = cnp && meta != null ? meta.getNamespace() : "";
        if (spec != null) {
            rule(spec, "spec", cnp, namespace);
        }
        List<Rule> list = items(specs, "specs");
        for (int i = 0; i < list.size(); i++) {
            Rule r = list.get(i);
            String path = "specs[" + i + "]";
            if (r == null) {
                error(NULL_RULE, path, "specs[" + i + "] is null; remove the item (the agent cannot sanitize a null"
                        + " rule)" + cilium("cnp_types.go Parse: rule.Sanitize()"));
            } else {
                rule(r, path, cnp, namespace);
            }
        }
    }

    // ---- the rule (Rule.Sanitize, ParseToCiliumRule) ----

    private void rule(Rule r, String p, boolean cnp, String namespace) {
        unknownFields(r, p);
        if (size(r.getIngress()) == 0 && size(r.getIngressDeny()) == 0 && size(r.getEgress()) == 0
                && size(r.getEgressDeny()) == 0) {
            error(NO_SECTION, p, "the rule has none of ingress, ingressDeny, egress, egressDeny; add one ("
                    + "ingress: [{}] denies all ingress)" + cilium("rule_validation.go Rule.Sanitize: \"rule must have"
                    + " at least one of Ingress, IngressDeny, Egress, EgressDeny\""));
        }
        DefaultDenyConfig dd = r.getEnableDefaultDeny();
        if (dd != null) {
            unknownFields(dd, p + ".enableDefaultDeny");
            if (!agent.enableNonDefaultDenyPolicies()) {
                if (Boolean.FALSE.equals(dd.getIngress())) {
                    defaultDenyIgnored(p + ".enableDefaultDeny.ingress");
                }
                if (Boolean.FALSE.equals(dd.getEgress())) {
                    defaultDenyIgnored(p + ".enableDefaultDeny.egress");
                }
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
            selector(es, p + ".endpointSelector");
            if (cnp) {
                namespaceMatch(es, p + ".endpointSelector", namespace);
            }
        }
        boolean hostPolicy = false;
        if (ns != null) {
            selector(ns, p + ".nodeSelector");
            hostPolicy = true;
            if (cnp) {
                error(NODE_SELECTOR_IN_CNP, p + ".nodeSelector", "a CiliumNetworkPolicy cannot select nodes; use"
                        + " a CiliumClusterwideNetworkPolicy for host policies, or endpointSelector" + cilium(
                        "cnp_types.go Parse: \"rule cannot have NodeSelector\""));
            }
        }
        List<IngressRule> ingress = items(r.getIngress(), p + ".ingress");
        for (int i = 0; i < ingress.size(); i++) {
            ingressRule(ingress.get(i), p + ".ingress[" + i + "]", hostPolicy, false);
        }
        List<IngressRule> ingressDeny = items(r.getIngressDeny(), p + ".ingressDeny");
        for (int i = 0; i < ingressDeny.size(); i++) {
            ingressRule(ingressDeny.get(i), p + ".ingressDeny[" + i + "]", hostPolicy, true);
        }
        List<EgressRule> egress = items(r.getEgress(), p + ".egress");
        for (int i = 0; i < egress.size(); i++) {
            egressRule(egress.get(i), p + ".egress[" + i + "]", hostPolicy, false);
        }
        List<EgressRule> egressDeny = items(r.getEgressDeny(), p + ".egressDeny");
        for (int i = 0; i < egressDeny.size(); i++) {
            egressRule(egressDeny.get(i), p + ".egressDeny[" + i + "]", hostPolicy, true);
        }
    }

    private void defaultDenyIgnored(String path) {
        warning(DEFAULT_DENY_IGNORED, path, "enableDefaultDeny false is ignored because the agent runs with "
                + CiliumAgentConfig.ENABLE_NON_DEFAULT_DENY_POLICIES + "=false: default deny stays on; enable the"
                + " option or remove the field" + cilium("rule_validation.go Rule.Sanitize"));
    }

    private void namespaceMatch(LabelSelector es, String path, String namespace) {
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

    void selector(LabelSelector s, String path) {
        Selectors.check(s, path, out);
    }

    // ---- ingress / egress rules: filled in below ----

    private void ingressRule(IngressRule rule, String p, boolean hostPolicy, boolean deny) {
        if (rule == null) {
            nullItem(p);
            return;
        }
        unknownFields(rule, p);
    }

    private void egressRule(EgressRule rule, String p, boolean hostPolicy, boolean deny) {
        if (rule == null) {
            nullItem(p);
            return;
        }
        unknownFields(rule, p);
    }

    private void nullItem(String p) {
        warning(NULL_ITEM, p, "the item is null; the agent reads it as an empty item {}, which may select more than"
                + " meant; remove it or write it out");
    }
}
