package io.kcs.cilium.rules.properties;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.fabric8.v2.CIDRRule;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.DefaultDenyConfig;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.FQDNSelector;
import io.kcs.cilium.rules.fabric8.v2.ICMPField;
import io.kcs.cilium.rules.fabric8.v2.ICMPRule;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.K8sServiceNamespace;
import io.kcs.cilium.rules.fabric8.v2.L7Rules;
import io.kcs.cilium.rules.fabric8.v2.PolicyLabel;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import io.kcs.cilium.rules.fabric8.v2.ServiceRef;
import io.kcs.cilium.rules.fabric8.v2.ServiceSelector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Random CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy objects in the shapes Cilium accepts: one peer kind per
 * rule item (endpoints, CIDR, CIDR set with except, entities, services and FQDNs on egress, nodes, none), ports
 * (TCP/UDP/SCTP/ANY, ranges, named ports), L7 (HTTP on TCP, DNS on port 53 egress, Kafka), ICMP, deny sections,
 * {@code enableDefaultDeny}, rule labels, {@code spec} and {@code specs}. {@link #features} records what a generated
 * policy contains, so that properties can assert how often each is reached.
 *
 * <p>Not thread-safe: one instance per random source.
 */
public final class PolicyGenerator {

    /** What a generated policy contains. */
    public enum Feature {
        CLUSTERWIDE, SPECS, INGRESS, EGRESS, INGRESS_DENY, EGRESS_DENY, ENDPOINTS, WILDCARD_ENDPOINTS, CIDR,
        CIDR_SET_EXCEPT, ENTITIES, SERVICES, FQDNS, NODES, PORTS, PORT_RANGE, NAMED_PORT, HTTP, DNS, KAFKA, ICMP,
        DEFAULT_DENY_FALSE, EXPRESSIONS, RULE_LABELS
    }

    private static final String[] KEYS = {"app", "k8s:tier", "any:team", "io.kubernetes.pod.namespace",
        "app.kubernetes.io/name"};
    private static final String[] VALUES = {"web", "db", "api", "shop", "payments-ns", "v1.2"};
    private static final String[] ENTITIES = {"world", "cluster", "host", "remote-node", "kube-apiserver", "all",
        "health", "init", "ingress", "unmanaged"};
    private static final String[] NAMES = {"api.example.com", "example.org", "a-b.c-d.io"};
    private static final String[] PATTERNS = {"*.example.com", "*", "**.cilium.io", "sub*.example.net"};

    private final Random r;
    private final Set<Feature> features = EnumSet.noneOf(Feature.class);
    private final boolean nodes;

    /**
     * @param r the random source
     * @param nodes whether to generate {@code fromNodes}/{@code toNodes} (valid only with the agent option
     *     {@code enable-node-selector-labels})
     */
    public PolicyGenerator(Random r, boolean nodes) {
        this.r = r;
        this.nodes = nodes;
    }

    /** The features of the policies generated so far (since the last {@link #reset}). */
    public Set<Feature> features() {
        return features;
    }

    /** Forgets the features. */
    public void reset() {
        features.clear();
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    /** A policy named {@code name}: a CNP in namespace {@code shop} or (sometimes) a CCNP, 1-3 rules. */
    public HasMetadata policy(String name) {
        boolean clusterwide = r.nextInt(4) == 0;
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        if (r.nextBoolean()) {
            meta.setUid("uid-" + r.nextInt(1000));
        }
        Rule spec = null;
        List<Rule> specs = null;
        if (r.nextInt(3) == 0) {
            specs = new ArrayList<>();
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                specs.add(rule(r.nextInt(4) + 1));
            }
            features.add(Feature.SPECS);
        }
        if (specs == null || r.nextBoolean()) {
            spec = rule(r.nextInt(4) + 1);
        }
        if (clusterwide) {
            // a clusterwide {} subject would cover every endpoint of every set; keep CCNP subjects specific
            for (Rule x : specs == null ? List.of(spec) : spec == null ? specs : List.of(spec, specs.get(0))) {
                if (x.getEndpointSelector().getMatchLabels().isEmpty()) {
                    x.setEndpointSelector(selector(1));
                }
            }
            features.add(Feature.CLUSTERWIDE);
            CiliumClusterwideNetworkPolicy p = new CiliumClusterwideNetworkPolicy();
            p.setMetadata(meta);
            p.setSpec(spec);
            p.setSpecs(specs);
            return p;
        }
        meta.setNamespace("shop");
        CiliumNetworkPolicy p = new CiliumNetworkPolicy();
        p.setMetadata(meta);
        p.setSpec(spec);
        p.setSpecs(specs);
        return p;
    }

    /** One rule with about {@code items} items spread over its sections (at least one). */
    public Rule rule(int items) {
        Rule rule = new Rule();
        rule.setEndpointSelector(selector(r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(2)));
        List<IngressRule> ingress = new ArrayList<>();
        List<IngressRule> ingressDeny = new ArrayList<>();
        List<EgressRule> egress = new ArrayList<>();
        List<EgressRule> egressDeny = new ArrayList<>();
        for (int i = 0; i < Math.max(1, items); i++) {
            switch (r.nextInt(6)) {
                case 0, 1 -> ingress.add(ingress(false));
                case 2 -> ingressDeny.add(ingress(true));
                case 3, 4 -> egress.add(egress(false));
                default -> egressDeny.add(egress(true));
            }
        }
        if (!ingress.isEmpty()) {
            rule.setIngress(ingress);
            features.add(Feature.INGRESS);
        }
        if (!ingressDeny.isEmpty()) {
            rule.setIngressDeny(ingressDeny);
            features.add(Feature.INGRESS_DENY);
        }
        if (!egress.isEmpty()) {
            rule.setEgress(egress);
            features.add(Feature.EGRESS);
        }
        if (!egressDeny.isEmpty()) {
            rule.setEgressDeny(egressDeny);
            features.add(Feature.EGRESS_DENY);
        }
        if (r.nextInt(5) == 0) {
            DefaultDenyConfig dd = new DefaultDenyConfig();
            if (!ingress.isEmpty() || !ingressDeny.isEmpty()) {
                dd.setIngress(r.nextBoolean());
            }
            if (!egress.isEmpty() || !egressDeny.isEmpty()) {
                dd.setEgress(r.nextBoolean());
            }
            if (Boolean.FALSE.equals(dd.getIngress()) || Boolean.FALSE.equals(dd.getEgress())) {
                features.add(Feature.DEFAULT_DENY_FALSE);
            }
            rule.setEnableDefaultDeny(dd);
        }
        if (r.nextInt(6) == 0) {
            rule.setLabels(new ArrayList<>(List.of(new PolicyLabel().withKey("owner").withValue(pick(VALUES)),
                    new PolicyLabel().withKey("team").withValue("a").withSource("k8s"))));
            features.add(Feature.RULE_LABELS);
        }
        return rule;
    }

    /** A selector with {@code n} matchLabels and sometimes an expression. */
    public LabelSelector selector(int n) {
        LabelSelector s = new LabelSelector();
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            labels.put(pick(KEYS), pick(VALUES));
        }
        s.setMatchLabels(labels);
        if (n > 0 && r.nextInt(4) == 0) {
            LabelSelectorRequirement req = new LabelSelectorRequirement();
            req.setKey("env");
            String[] ops = {"In", "NotIn", "Exists", "DoesNotExist"};
            String op = pick(ops);
            req.setOperator(op);
            if (op.equals("In") || op.equals("NotIn")) {
                req.setValues(new ArrayList<>(List.of("prod", "staging")));
            }
            s.setMatchExpressions(new ArrayList<>(List.of(req)));
            features.add(Feature.EXPRESSIONS);
        }
        return s;
    }

    private IngressRule ingress(boolean deny) {
        IngressRule in = new IngressRule();
        int kind = r.nextInt(nodes ? 6 : 5);
        switch (kind) {
            case 0 -> in.setFromEndpoints(endpoints());
            case 1 -> in.setFromCIDR(cidrs());
            case 2 -> in.setFromCIDRSet(cidrSets());
            case 3 -> in.setFromEntities(entities());
            case 5 -> in.setFromNodes(nodeSelectors());
            default -> { } // no peer: every peer, on the ports
        }
        if (r.nextInt(5) == 0 && kind != 3) {
            in.setIcmps(icmps());
        } else if (r.nextBoolean() || kind == 4) {
            in.setToPorts(ports(deny, false));
        }
        return in;
    }

    private EgressRule egress(boolean deny) {
        EgressRule e = new EgressRule();
        int kind = r.nextInt(nodes ? 8 : 7);
        boolean fqdn = false;
        switch (kind) {
            case 0 -> e.setToEndpoints(endpoints());
            case 1 -> e.setToCIDR(cidrs());
            case 2 -> e.setToCIDRSet(cidrSets());
            case 3 -> e.setToEntities(entities());
            case 4 -> {
                if (deny) {
                    e.setToEndpoints(endpoints());
                } else {
                    e.setToServices(services());
                }
            }
            case 5 -> {
                if (deny) {
                    e.setToCIDR(cidrs());
                } else {
                    e.setToFQDNs(fqdns());
                    fqdn = true;
                }
            }
            case 7 -> e.setToNodes(nodeSelectors());
            default -> { }
        }
        if (!fqdn && r.nextInt(5) == 0) {
            e.setIcmps(icmps());
        } else if (r.nextBoolean() || kind == 6) {
            e.setToPorts(ports(deny, !deny));
        }
        return e;
    }

    private List<LabelSelector> endpoints() {
        features.add(Feature.ENDPOINTS);
        List<LabelSelector> out = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(6) == 0) {
                out.add(new LabelSelector());
                features.add(Feature.WILDCARD_ENDPOINTS);
            } else {
                out.add(selector(1 + r.nextInt(2)));
            }
        }
        return out;
    }

    private List<LabelSelector> nodeSelectors() {
        features.add(Feature.NODES);
        LabelSelector s = new LabelSelector();
        s.setMatchLabels(new TreeMap<>(Map.of("node-role.kubernetes.io/worker", "")));
        return new ArrayList<>(List.of(s));
    }

    private List<String> cidrs() {
        features.add(Feature.CIDR);
        List<String> out = new ArrayList<>();
        out.add("10." + r.nextInt(256) + ".0.0/16");
        if (r.nextBoolean()) {
            out.add("2001:db8:" + Integer.toHexString(r.nextInt(65536)) + "::/48");
        }
        if (r.nextInt(4) == 0) {
            out.add("192.0.2." + r.nextInt(256));
        }
        return out;
    }

    private List<CIDRRule> cidrSets() {
        CIDRRule c = new CIDRRule().withCidr("10." + r.nextInt(256) + ".0.0/16");
        if (r.nextBoolean()) {
            c.setExcept(new ArrayList<>(List.of(c.getCidr().replace(".0.0/16", ".1.0/24"))));
            features.add(Feature.CIDR_SET_EXCEPT);
        }
        features.add(Feature.CIDR);
        return new ArrayList<>(List.of(c));
    }

    private List<String> entities() {
        features.add(Feature.ENTITIES);
        List<String> out = new ArrayList<>();
        out.add(pick(ENTITIES));
        if (r.nextBoolean()) {
            String e = pick(ENTITIES);
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private List<ServiceRef> services() {
        features.add(Feature.SERVICES);
        ServiceRef ref = new ServiceRef();
        if (r.nextBoolean()) {
            ref.setK8sService(new K8sServiceNamespace().withServiceName(pick(VALUES).replace(".", "-"))
                    .withNamespace("shop"));
        } else {
            ref.setK8sServiceSelector(new ServiceSelector().withSelector(selector(1)).withNamespace("shop"));
        }
        return new ArrayList<>(List.of(ref));
    }

    private List<FQDNSelector> fqdns() {
        features.add(Feature.FQDNS);
        List<FQDNSelector> out = new ArrayList<>();
        out.add(new FQDNSelector().withMatchName(pick(NAMES)));
        if (r.nextBoolean()) {
            out.add(new FQDNSelector().withMatchPattern(pick(PATTERNS)));
        }
        return out;
    }

    private List<ICMPRule> icmps() {
        features.add(Feature.ICMP);
        ICMPField f = new ICMPField();
        boolean v6 = r.nextBoolean();
        f.setFamily(v6 ? "IPv6" : "IPv4");
        f.setType(r.nextBoolean() ? new IntOrString(v6 ? 128 : 8)
                : new IntOrString(v6 ? "EchoRequest" : "EchoRequest"));
        ICMPRule rule = new ICMPRule();
        rule.setFields(new ArrayList<>(List.of(f)));
        return new ArrayList<>(List.of(rule));
    }

    private List<PortRule> ports(boolean deny, boolean egress) {
        features.add(Feature.PORTS);
        PortRule p = new PortRule();
        int style = r.nextInt(deny ? 3 : 6);
        switch (style) {
            case 0 -> p.setPorts(new ArrayList<>(List.of(port(String.valueOf(1 + r.nextInt(65535)), null,
                    pick(new String[] {"TCP", "UDP", "SCTP", "ANY"})))));
            case 1 -> {
                int from = 1 + r.nextInt(60000);
                p.setPorts(new ArrayList<>(List.of(port(String.valueOf(from), from + r.nextInt(1000), "TCP"))));
                features.add(Feature.PORT_RANGE);
            }
            case 2 -> {
                p.setPorts(new ArrayList<>(List.of(port(pick(new String[] {"http", "https-alt", "dns"}), null,
                        "TCP"))));
                features.add(Feature.NAMED_PORT);
            }
            case 3 -> {
                p.setPorts(new ArrayList<>(List.of(port("80", null, "TCP"))));
                PortRuleHTTP h = new PortRuleHTTP();
                h.setMethod(pick(new String[] {"GET", "POST", "GET|HEAD"}));
                h.setPath("/api/v" + r.nextInt(3) + "/.*");
                p.setRules(new L7Rules().withHttp(new ArrayList<>(List.of(h))));
                features.add(Feature.HTTP);
            }
            case 4 -> {
                if (egress) {
                    p.setPorts(new ArrayList<>(List.of(port("53", null, "UDP"), port("53", null, "TCP"))));
                    p.setRules(new L7Rules().withDns(new ArrayList<>(List.of(new FQDNSelector().withMatchPattern(
                            pick(PATTERNS))))));
                    features.add(Feature.DNS);
                } else {
                    p.setPorts(new ArrayList<>(List.of(port("443", null, "TCP"))));
                }
            }
            default -> {
                p.setPorts(new ArrayList<>(List.of(port("9092", null, "TCP"))));
                L7Rules l7 = new L7Rules();
                l7.setKafka(new ArrayList<>(List.of(new io.kcs.cilium.rules.fabric8.v2.PortRuleKafka()
                        .withRole("produce").withTopic("orders"))));
                p.setRules(l7);
                features.add(Feature.KAFKA);
            }
        }
        return new ArrayList<>(List.of(p));
    }

    private static PortProtocol port(String port, Integer endPort, String protocol) {
        PortProtocol p = new PortProtocol().withPort(port).withProtocol(protocol);
        if (endPort != null) {
            p.setEndPort(Math.min(65535, endPort));
        }
        return p;
    }
}
