package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.common.TextSpan;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Applicability;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.FQDNSelector;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.L7Rules;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.ServiceRef;
import io.kcs.cilium.rules.fabric8.v2.ServiceSelector;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps runtime profiles to Cilium policies and back.
 *
 * <h2>Profile to policy</h2>
 * A restricted direction becomes a rule section ({@code ingress} / {@code egress}); with no exceptions it is
 * {@code [{}]}, Cilium's default-deny idiom; an unrestricted direction has no section. Each peer kind gets its own
 * Cilium rule (Cilium forbids mixing them), in a fixed order with sorted, de-duplicated values, so output is
 * deterministic: entities ({@code toEntities}), CIDRs ({@code toCIDR}, host prefixes with {@code /32} /
 * {@code /128}), endpoints (a {@code toEndpoints} selector on {@code k8s:io.kubernetes.pod.namespace}), services
 * (egress: {@code toServices[].k8sServiceSelector}, key-only labels as {@code Exists}; ingress: {@code fromEndpoints}
 * with the namespace and the labels as pod labels, with a warning; without labels it is the same selector as
 * {@code endpoint:} and is written, and read back, as one), FQDNs ({@code toFQDNs}) plus, exactly once, the
 * DNS companion rule (kube-dns on port 53 UDP+TCP with {@code dns: [{matchPattern: "*"}]}). The endpoint selector's
 * labels are checked ({@link EndpointSelectors}: an invalid one is an {@code IllegalArgumentException}, an empty
 * selector a warning).
 *
 * <p>Version-aware: {@code world-ipv4} / {@code world-ipv6} (not in the CRD enum) become {@code toCIDR 0.0.0.0/0} /
 * {@code ::/0} with a warning; {@code cluster-mesh} is an error (no equivalent the CRD accepts); {@code **.}
 * patterns before Cilium 1.19 (where they match a single label) are warned about.
 *
 * <p>Applicability is judged by {@link Applicability#check}, the same check {@code PolicyEvaluator.compile} runs, so
 * both report identical diagnostics (codes from {@code ApplicabilityCodes}, listed first): FQDN exceptions on ingress
 * and FQDN exceptions with {@code enable-l7-proxy=false} are errors and are left out of the policy; service
 * exceptions on ingress are warnings.
 *
 * <h2>Policy to profile</h2>
 * {@link #toProfile} reads any CiliumNetworkPolicy or CCNP through {@link CiliumPolicyReader} (the agent's
 * validation, defaulting and rewriting; the one reading of Cilium policies in this library) and derives the profile
 * from the core model's rules, as Cilium enforces them: a direction is restricted when a rule has a section for it
 * with default deny on ({@code enableDefaultDeny} and {@code enable-non-default-deny-policies} honoured; a deny-only
 * section blocks its direction; {@code ingress: []} is no section). What a profile cannot express (ports, ICMP, L7,
 * deny rules among allows, CIDR {@code except}, label-selected egress peers, nodes, groups, CIDR groups) is left out
 * with an ERROR {@value #NOT_REPRESENTABLE} at its JSON path, and the {@link PolicyProfile} says per direction whether
 * the profile is therefore wider or narrower than the policy ({@link Fidelity}). It reads back exactly what this
 * mapper writes (the DNS companion next to {@code toFQDNs} included).
 *
 * <pre>{@code
 * CiliumPolicyMapper mapper = CiliumPolicyMapper.create(MappingOptions.defaults());
 * Mapped<CiliumNetworkPolicy> m = mapper.toNetworkPolicy(profile, "shop", "web-profile", Map.of("app", "web"));
 * String yaml = CiliumPolicies.toYaml(m.value());
 * }</pre>
 *
 * <p>Immutable and thread-safe; every call returns new model objects.
 */
public final class CiliumPolicyMapper {

    /** The endpoint-selector label of a pod's namespace. */
    public static final String NAMESPACE_LABEL = "k8s:io.kubernetes.pod.namespace";

    /** Diagnostic codes of the mapping. */
    public static final String ENTITY_REPLACED = "entity-replaced";
    /** ERROR: an entity the target CRD rejects and that has no equivalent. */
    public static final String ENTITY_UNSUPPORTED = "entity-unsupported";
    /** WARNING: a {@code **.} pattern for a Cilium version that reads it as {@code *.}. */
    public static final String PATTERN_BEFORE_1_19 = "multi-label-pattern-before-1.19";
    /**
     * ERROR: a policy construct a runtime profile cannot express (reverse mapping), at its path; it is left out and
     * the direction's {@link LeftOut} says whether the profile is wider or narrower for it.
     */
    public static final String NOT_REPRESENTABLE = "not-representable";
    /**
     * The profile restricts neither direction, so the policy would have no section: ERROR on Cilium 1.17+, whose
     * agent refuses such a rule ({@code rule_validation.go}: "rule must have at least one of Ingress, IngressDeny,
     * Egress, EgressDeny"); WARNING on 1.16, which imports it without effect. A profile that restricts nothing needs
     * no policy.
     */
    public static final String NOTHING_RESTRICTED = "nothing-restricted";
    /**
     * ERROR: a rule selects other endpoints than the policy's first rule (reverse mapping); a profile is for one set
     * of endpoints, so that rule is not in it. At the rule's {@code endpointSelector} (or {@code nodeSelector}).
     */
    public static final String SEVERAL_SUBJECTS = "several-subjects";
    /**
     * WARNING: a peer selector names a namespace no namespace can have (a CRD-valid label value such as
     * {@code Payments_NS}, which is not an RFC 1123 label), so it selects nothing (reverse mapping).
     */
    public static final String SELECTS_NOTHING = "selects-nothing";

    private final MappingOptions options;

    private CiliumPolicyMapper(MappingOptions options) {
        this.options = options;
    }

    /** A mapper with {@code options}. */
    public static CiliumPolicyMapper create(MappingOptions options) {
        return new CiliumPolicyMapper(Objects.requireNonNull(options, "options"));
    }

    /** The options. */
    public MappingOptions options() {
        return options;
    }

    /**
     * A namespaced CiliumNetworkPolicy enforcing {@code profile} on the pods matching {@code endpointSelector}. A
     * profile that restricts neither direction is the ERROR {@value #NOTHING_RESTRICTED} on Cilium 1.17+ (its agent
     * refuses a rule without sections).
     *
     * @throws IllegalArgumentException when the namespace is not an RFC 1123 label or the name not an RFC 1123
     *     subdomain (core's {@link KubernetesNames}), or a label of
     *     {@code endpointSelector} is not valid (see {@link EndpointSelectors}); an empty selector (every pod of the
     *     namespace) is a WARNING {@link EndpointSelectors#EMPTY}
     */
    public Mapped<CiliumNetworkPolicy> toNetworkPolicy(RuntimeProfile profile, String namespace, String name,
            Map<String, String> endpointSelector) {
        KubernetesNames.requireNamespace(namespace);
        KubernetesNames.requireObjectName(name);
        List<Diagnostic> diagnostics = new ArrayList<>();
        CiliumNetworkPolicy p = new CiliumNetworkPolicy();
        p.setMetadata(meta(name, namespace));
        p.setSpec(rule(profile, endpointSelector, namespace, diagnostics));
        return new Mapped<>(p, diagnostics);
    }

    /**
     * A cluster-wide policy enforcing {@code profile} on the endpoints matching {@code endpointSelector}; an
     * unrestricted profile is the ERROR {@value #NOTHING_RESTRICTED} on Cilium 1.17+.
     *
     * @throws IllegalArgumentException when the name is not an RFC 1123 subdomain ({@link KubernetesNames}), or a
     *     label of
     *     {@code endpointSelector} is not valid (see {@link EndpointSelectors}); an empty selector (every endpoint of
     *     the cluster) is a WARNING {@link EndpointSelectors#EMPTY}
     */
    public Mapped<CiliumClusterwideNetworkPolicy> toClusterwidePolicy(RuntimeProfile profile, String name,
            Map<String, String> endpointSelector) {
        KubernetesNames.requireObjectName(name);
        List<Diagnostic> diagnostics = new ArrayList<>();
        CiliumClusterwideNetworkPolicy p = new CiliumClusterwideNetworkPolicy();
        p.setMetadata(meta(name, null));
        p.setSpec(rule(profile, endpointSelector, null, diagnostics));
        return new Mapped<>(p, diagnostics);
    }

    private static ObjectMeta meta(String name, String namespace) {
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        if (namespace != null) {
            m.setNamespace(namespace);
        }
        return m;
    }

    private io.kcs.cilium.rules.fabric8.v2.Rule rule(RuntimeProfile profile, Map<String, String> endpointSelector,
            String namespace, List<Diagnostic> diagnostics) {
        Objects.requireNonNull(profile, "profile");
        io.kcs.cilium.rules.fabric8.v2.Rule r = new io.kcs.cilium.rules.fabric8.v2.Rule();
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new TreeMap<>(endpointSelector(endpointSelector, namespace, diagnostics)));
        r.setEndpointSelector(selector);
        diagnostics.addAll(Applicability.check(profile, options.agentConfig()));
        profile.ingressExceptions().ifPresent(rs -> r.setIngress(ingress(rs, diagnostics)));
        profile.egressExceptions().ifPresent(rs -> r.setEgress(egress(rs, diagnostics)));
        if (profile.ingressExceptions().isEmpty() && profile.egressExceptions().isEmpty()) {
            diagnostics.add(new Diagnostic(options.ciliumMinor() >= 17 ? Severity.ERROR : Severity.WARNING,
                    NOTHING_RESTRICTED, 0, 0, "the profile restricts neither ingress nor egress, so the policy has no"
                    + " section; Cilium 1.17+ refuses such a rule (\"rule must have at least one of Ingress,"
                    + " IngressDeny, Egress, EgressDeny\") and 1.16 imports it without effect. A profile that"
                    + " restricts nothing needs no policy"));
        }
        return r;
    }

    /** The exceptions of one direction sorted into peer kinds, with replacements applied. */
    private final class Kinds {
        final TreeSet<String> entities = new TreeSet<>();
        final TreeSet<Cidr> cidrs = new TreeSet<>();
        final TreeSet<String> endpoints = new TreeSet<>();
        final List<ServiceRule> services = new ArrayList<>();
        final TreeMap<String, FqdnSelector> fqdns = new TreeMap<>();

        Kinds(RuleSet rules, Direction direction, List<Diagnostic> diagnostics) {
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.rules().get(i);
                TextSpan span = rules.spanOf(i).orElse(new TextSpan(0, 0));
                String where = "exception " + rule + " (" + direction.lowerName() + ")";
                if (rule instanceof CidrRule c) {
                    cidrs.add(c.cidr());
                } else if (rule instanceof EntityRule e) {
                    entity(e.entity(), span, where, diagnostics);
                } else if (rule instanceof EndpointRule e) {
                    endpoints.add(e.namespace());
                } else if (rule instanceof ServiceRule s) {
                    if (direction == Direction.INGRESS && s.labels().isEmpty()) {
                        endpoints.add(s.namespace()); // every pod of the namespace: the same selector as endpoint:
                    } else if (!services.contains(s)) {
                        services.add(s);
                    }
                    // service-in-ingress: reported by Applicability.check
                } else if (rule instanceof FqdnRule f) {
                    // on ingress or without the L7 proxy it is left out (Applicability.check reports it)
                    if (direction == Direction.EGRESS && options.agentConfig().enableL7Proxy()) {
                        FqdnSelector sel = f.selector();
                        if (options.ciliumMinor() < 19 && sel.value().matches("^\\*{2,}\\..*")) {
                            diagnostics.add(new Diagnostic(Severity.WARNING, PATTERN_BEFORE_1_19, span.start(),
                                    span.end(), where + ": before Cilium 1.19 a leading '**.' matches a single label,"
                                            + " like '*.'"));
                        }
                        fqdns.put(sel.value(), sel);
                    }
                }
            }
        }

        private void entity(Entity e, TextSpan span, String where, List<Diagnostic> diagnostics) {
            switch (e) {
                case WORLD_IPV4 -> {
                    cidrs.add(Cidr.parse("0.0.0.0/0"));
                    diagnostics.add(new Diagnostic(Severity.WARNING, ENTITY_REPLACED, span.start(), span.end(),
                            where + ": the CRD enum has no world-ipv4; written as CIDR 0.0.0.0/0 (the same peers)"));
                }
                case WORLD_IPV6 -> {
                    cidrs.add(Cidr.parse("::/0"));
                    diagnostics.add(new Diagnostic(Severity.WARNING, ENTITY_REPLACED, span.start(), span.end(),
                            where + ": the CRD enum has no world-ipv6; written as CIDR ::/0 (the same peers)"));
                }
                case CLUSTER_MESH -> diagnostics.add(new Diagnostic(Severity.ERROR, ENTITY_UNSUPPORTED, span.start(),
                        span.end(), where + ": the CRD enum of Cilium 1." + options.ciliumMinor()
                                + " has no cluster-mesh and nothing else selects the same peers; left out"));
                default -> entities.add(e.ciliumName());
            }
        }
    }

    private List<IngressRule> ingress(RuleSet rules, List<Diagnostic> diagnostics) {
        Kinds k = new Kinds(rules, Direction.INGRESS, diagnostics);
        List<IngressRule> out = new ArrayList<>();
        if (!k.entities.isEmpty()) {
            out.add(new IngressRule().withFromEntities(new ArrayList<>(k.entities)));
        }
        if (!k.cidrs.isEmpty()) {
            out.add(new IngressRule().withFromCIDR(cidrTexts(k.cidrs)));
        }
        List<LabelSelector> selectors = new ArrayList<>();
        for (String ns : k.endpoints) {
            selectors.add(namespaceSelector(ns));
        }
        for (ServiceRule s : sortedServices(k.services)) {
            LabelSelector sel = labelSelector(s.labels());
            Map<String, String> labels = new TreeMap<>(sel.getMatchLabels() == null ? Map.of() : sel.getMatchLabels());
            labels.put(NAMESPACE_LABEL, s.namespace());
            sel.setMatchLabels(labels);
            selectors.add(sel);
        }
        if (!selectors.isEmpty()) {
            out.add(new IngressRule().withFromEndpoints(selectors));
        }
        if (out.isEmpty()) {
            out.add(new IngressRule()); // default deny
        }
        return out;
    }

    private List<EgressRule> egress(RuleSet rules, List<Diagnostic> diagnostics) {
        Kinds k = new Kinds(rules, Direction.EGRESS, diagnostics);
        List<EgressRule> out = new ArrayList<>();
        if (!k.entities.isEmpty()) {
            out.add(new EgressRule().withToEntities(new ArrayList<>(k.entities)));
        }
        if (!k.cidrs.isEmpty()) {
            out.add(new EgressRule().withToCIDR(cidrTexts(k.cidrs)));
        }
        if (!k.endpoints.isEmpty()) {
            List<LabelSelector> selectors = new ArrayList<>();
            for (String ns : k.endpoints) {
                selectors.add(namespaceSelector(ns));
            }
            out.add(new EgressRule().withToEndpoints(selectors));
        }
        if (!k.services.isEmpty()) {
            List<ServiceRef> refs = new ArrayList<>();
            for (ServiceRule s : sortedServices(k.services)) {
                ServiceSelector sel = new ServiceSelector().withNamespace(s.namespace());
                if (!s.labels().isEmpty()) {
                    sel.setSelector(labelSelector(s.labels()));
                } else {
                    sel.setSelector(new LabelSelector()); // every service of the namespace
                }
                refs.add(new ServiceRef().withK8sServiceSelector(sel));
            }
            out.add(new EgressRule().withToServices(refs));
        }
        if (!k.fqdns.isEmpty()) {
            List<FQDNSelector> fqdns = new ArrayList<>();
            for (FqdnSelector sel : k.fqdns.values()) {
                fqdns.add(sel.isPattern() ? new FQDNSelector().withMatchPattern(sel.value())
                        : new FQDNSelector().withMatchName(sel.value()));
            }
            out.add(new EgressRule().withToFQDNs(fqdns));
            out.add(dnsCompanion());
        }
        if (out.isEmpty()) {
            out.add(new EgressRule()); // default deny
        }
        return out;
    }

    /** The egress rule that sends DNS through Cilium's proxy, so that toFQDNs learns the answers. */
    private EgressRule dnsCompanion() {
        LabelSelector dns = new LabelSelector();
        dns.setMatchLabels(new TreeMap<>(options.dnsSelector()));
        PortRule ports = new PortRule().withPorts(options.dnsPorts())
                .withRules(new L7Rules().withDns(List.of(new FQDNSelector().withMatchPattern("*"))));
        return new EgressRule().withToEndpoints(List.of(dns)).withToPorts(List.of(ports));
    }

    private static List<String> cidrTexts(TreeSet<Cidr> cidrs) {
        List<String> out = new ArrayList<>();
        for (Cidr c : cidrs) {
            out.add(c.toString());
        }
        return out;
    }

    private static LabelSelector namespaceSelector(String namespace) {
        LabelSelector s = new LabelSelector();
        s.setMatchLabels(new TreeMap<>(Map.of(NAMESPACE_LABEL, namespace)));
        return s;
    }

    /** Kubernetes label-selector form of service labels: values as matchLabels, key-only as Exists. */
    private static LabelSelector labelSelector(Map<String, Optional<String>> labels) {
        LabelSelector s = new LabelSelector();
        Map<String, String> match = new TreeMap<>();
        List<LabelSelectorRequirement> exists = new ArrayList<>();
        labels.forEach((k, v) -> {
            if (v.isPresent()) {
                match.put(k, v.get());
            } else {
                LabelSelectorRequirement req = new LabelSelectorRequirement();
                req.setKey(k);
                req.setOperator("Exists");
                exists.add(req);
            }
        });
        if (!match.isEmpty()) {
            s.setMatchLabels(match);
        }
        if (!exists.isEmpty()) {
            s.setMatchExpressions(exists);
        }
        return s;
    }

    private static List<ServiceRule> sortedServices(List<ServiceRule> services) {
        List<ServiceRule> sorted = new ArrayList<>(services);
        sorted.sort(Comparator.comparing(ServiceRule::toString));
        return sorted;
    }

    // ------------------------------------------------------------------------------------------- reverse

    /**
     * The runtime profile {@code policy} enforces on the endpoints it selects, for evaluating existing policies.
     *
     * <p>The policy is read with {@link CiliumPolicyReader} (the one reading of Cilium policies in this library:
     * the agent's validation, defaulting and namespace injection), and the profile is derived from the
     * {@link io.kcs.cilium.rules.policy.PolicyRule}s it gives, as {@link PolicyProfile} describes: a direction is
     * restricted when a rule has a section for it with default deny on ({@code enableDefaultDeny}, the agent's
     * {@code enable-non-default-deny-policies}); a deny-only section blocks its direction; what a profile cannot say
     * (ports, L7, deny rules among allows, label-selected peers...) is left out with an ERROR
     * {@value #NOT_REPRESENTABLE} at its path and recorded per direction as wider or narrower. A policy the agent
     * would refuse, and an object that is not a CiliumNetworkPolicy or CCNP, enforce nothing: the profile is
     * unrestricted and the reader's ERRORs say why. Rules with another subject than the first rule's are not merged
     * in (ERROR {@value #SEVERAL_SUBJECTS}).
     *
     * <pre>{@code
     * PolicyProfile p = mapper.toProfile(CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class));
     * p.profile().egressExceptions();   // Optional[entity:kube-apiserver, api.example.com]
     * p.egress().fidelity();            // EXACT
     * }</pre>
     *
     * @param policy a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (anything else: an ERROR, no exception)
     * @throws NullPointerException when {@code policy} is null
     */
    public PolicyProfile toProfile(HasMetadata policy) {
        Objects.requireNonNull(policy, "policy");
        PolicyReadResult read = CiliumPolicyReader.create(options).read(policy);
        List<PolicyDiagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        if (!read.valid()) {
            return new PolicyProfile(RuntimeProfile.unrestricted(), false, Optional.empty(), ProfileDirection.exact(),
                    ProfileDirection.exact(), diagnostics);
        }
        ProfileDerivation.Derived d = ProfileDerivation.derive(read.rules(), options);
        diagnostics.addAll(d.diagnostics());
        return new PolicyProfile(d.profile(), true, d.subject(), d.ingress(), d.egress(), diagnostics);
    }

    /**
     * The checked endpoint selector (see {@link EndpointSelectors}); an empty one selects every pod of
     * {@code namespace} (every endpoint of the cluster when it is null) and is reported with a warning.
     */
    private static Map<String, String> endpointSelector(Map<String, String> labels, String namespace,
            List<Diagnostic> diagnostics) {
        Map<String, String> checked = EndpointSelectors.requireValid(Objects.requireNonNull(labels,
                "endpointSelector"));
        if (checked.isEmpty()) {
            diagnostics.add(new Diagnostic(Severity.WARNING, EndpointSelectors.EMPTY, 0, 0, "the endpoint selector is"
                    + " empty: the policy applies to every pod " + (namespace == null ? "of the cluster (every"
                    + " endpoint, cluster-wide)" : "of namespace " + namespace)));
        }
        return checked;
    }
}
