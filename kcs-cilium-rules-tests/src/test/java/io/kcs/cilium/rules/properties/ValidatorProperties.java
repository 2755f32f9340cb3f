package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.CiliumPolicyValidator;
import io.kcs.cilium.rules.fabric8.Mapped;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes;
import io.kcs.cilium.rules.fabric8.v2.CIDRRule;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.ICMPField;
import io.kcs.cilium.rules.fabric8.v2.ICMPRule;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.L7Rules;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Laws of {@link CiliumPolicyValidator} over generated policies.
 *
 * <ul>
 *   <li>Every policy the profile mapper writes, for every supported Cilium line, validates with no ERROR.
 *   <li>A random valid policy has no ERROR; the same policy broken in exactly one place by a mutation from a
 *       catalogue has exactly the ERROR that mutation stands for, at the mutated path (the oracle is the catalogue,
 *       written from Cilium's checks, not the validator).
 *   <li>Random JSON shaped like a policy (field names of the CRD, values of every JSON type, nulls, deep nesting):
 *       whatever deserialises is validated without an exception, every diagnostic has a known code.
 * </ul>
 * How often each mutation and each JSON outcome was reached is asserted after the run.
 */
class ValidatorProperties {

    private static final int EXAMPLES = 2_000;
    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();

    private static void seen(String what) {
        SEEN.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private static long count(String what) {
        AtomicLong n = SEEN.get(what);
        return n == null ? 0 : n.get();
    }

    // ---- 1. the mapper's output is valid ----

    private static RuleSet exceptions(Random r, boolean egress) {
        List<Rule> rules = new ArrayList<>();
        int n = r.nextInt(7);
        while (rules.size() < n) {
            Rule x = ParserProperties.rule(r);
            if (x instanceof EntityRule e && e.entity() == Entity.CLUSTER_MESH || !egress && x instanceof FqdnRule) {
                continue;
            }
            rules.add(x);
        }
        return RuleSet.of(rules);
    }

    @Test
    void everyPolicyTheMapperWritesValidatesWithoutError() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            RuntimeProfile.Builder b = RuntimeProfile.builder();
            if (r.nextBoolean()) {
                b.restrictIngress(exceptions(r, false));
            }
            if (r.nextInt(4) != 0) {
                b.restrictEgress(exceptions(r, true));
            }
            String version = "1." + (16 + r.nextInt(5));
            MappingOptions options = MappingOptions.defaults().withCiliumVersion(version);
            CiliumPolicyMapper mapper = CiliumPolicyMapper.create(options);
            HasMetadata policy;
            boolean errors;
            if (r.nextInt(4) == 0) {
                Mapped<CiliumClusterwideNetworkPolicy> m = mapper.toClusterwidePolicy(b.build(), "p",
                        Map.of("app", "web"));
                policy = m.value();
                errors = m.hasErrors();
            } else {
                Mapped<CiliumNetworkPolicy> m = mapper.toNetworkPolicy(b.build(), "shop", "p", Map.of("app", "web"));
                policy = m.value();
                errors = m.hasErrors();
            }
            if (errors) {
                seen("mapper refused");
                return;
            }
            String yaml = CiliumPolicies.toYaml(policy);
            for (String kind : List.of("toFQDNs", "toCIDR", "toEntities", "toServices", "toEndpoints", "fromEndpoints",
                    "egress: []", "ingress:")) {
                if (yaml.contains(kind)) {
                    seen("mapped " + kind);
                }
            }
            seen("mapped");
            List<PolicyDiagnostic> ds = CiliumPolicyValidator.create(options).validate(policy);
            assertThat(ds).as("%s for Cilium %s:%n%s", ds, version, yaml).noneMatch(PolicyDiagnostic::isError);
        });
    }

    // ---- 2. one mutation, one error ----

    /** A single-place breakage and the code Cilium's checks give for it. */
    enum Mutation {
        NONE(""), PROTOCOL(PolicyDiagnosticCodes.INVALID_PROTOCOL), PORT_RANGE(PolicyDiagnosticCodes.INVALID_PORT),
        SECOND_PEER_KIND(PolicyDiagnosticCodes.PEER_KINDS_COMBINED), ENTITY(PolicyDiagnosticCodes.UNKNOWN_ENTITY),
        PREFIX_LENGTH(PolicyDiagnosticCodes.INVALID_CIDR), EXCEPT_OUTSIDE(PolicyDiagnosticCodes.INVALID_CIDR_EXCEPT),
        TOO_MANY_PORTS(PolicyDiagnosticCodes.TOO_MANY_PORTS), LABEL_VALUE(PolicyDiagnosticCodes.INVALID_LABEL_VALUE),
        OPERATOR(PolicyDiagnosticCodes.INVALID_SELECTOR_OPERATOR), HTTP_ON_UDP(PolicyDiagnosticCodes.L7_REQUIRES_TCP),
        ICMP_FAMILY(PolicyDiagnosticCodes.INVALID_ICMP_FAMILY), NO_SUBJECT(PolicyDiagnosticCodes.NO_SUBJECT);

        final String code;

        Mutation(String code) {
            this.code = code;
        }
    }

    private static LabelSelector selector(Random r) {
        LabelSelector s = new LabelSelector();
        Map<String, String> labels = new TreeMap<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            labels.put((r.nextBoolean() ? "k8s:" : "") + ParserProperties.label(r, 10) + "x", ParserProperties.label(r, 10));
        }
        s.setMatchLabels(labels);
        if (r.nextInt(3) == 0) {
            s.setMatchExpressions(new ArrayList<>(List.of(new LabelSelectorRequirement(
                    ParserProperties.label(r, 10) + "k", "In", new ArrayList<>(List.of(ParserProperties.label(r, 5) + "v"))))));
        }
        return s;
    }

    private static PortProtocol port(Random r) {
        String[] protocols = {"TCP", "UDP", "SCTP", "ANY", "tcp"};
        String p = r.nextInt(5) == 0 ? "http-" + r.nextInt(100) : String.valueOf(1 + r.nextInt(65535));
        return new PortProtocol().withPort(p).withProtocol(protocols[r.nextInt(protocols.length)]);
    }

    /** A valid egress rule with one peer kind, maybe ports; returns the peer kind used. */
    private static String peers(Random r, EgressRule e, int kind) {
        switch (kind) {
            case 0 -> {
                e.setToEndpoints(new ArrayList<>(List.of(selector(r))));
                return "endpoints";
            }
            case 1 -> {
                e.setToCIDRSet(new ArrayList<>(List.of(new CIDRRule().withCidr("10." + r.nextInt(256) + ".0.0/16")
                        .withExcept(new ArrayList<>(List.of("10.0.0.0/24".replace("10.0", "10." + 0)))))));
                e.getToCIDRSet().get(0).setExcept(new ArrayList<>(List.of(e.getToCIDRSet().get(0).getCidr()
                        .replace("/16", "/24"))));
                return "cidrset";
            }
            case 2 -> {
                e.setToEntities(new ArrayList<>(List.of(PolicyEntities.VALID.get(r.nextInt(PolicyEntities.VALID.size())))));
                return "entities";
            }
            default -> {
                e.setToCIDR(new ArrayList<>(List.of("192.0.2." + r.nextInt(256) + "/32")));
                return "cidr";
            }
        }
    }

    /** Entity names every line knows. */
    static final class PolicyEntities {
        static final List<String> VALID = List.of("all", "world", "cluster", "host", "remote-node", "kube-apiserver",
                "health", "init", "ingress", "unmanaged", "none");
    }

    @Test
    void oneMutationGivesExactlyItsError() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            CiliumNetworkPolicy p = new CiliumNetworkPolicy();
            p.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("shop").build());
            io.kcs.cilium.rules.fabric8.v2.Rule rule = new io.kcs.cilium.rules.fabric8.v2.Rule()
                    .withEndpointSelector(selector(r));
            Mutation m = Mutation.values()[r.nextInt(Mutation.values().length)];
            // the mutations of one peer kind get that kind, the others any kind
            int kind = switch (m) {
                case ENTITY -> 2;
                case EXCEPT_OUTSIDE -> 1;
                case PREFIX_LENGTH -> 3;
                default -> r.nextInt(4);
            };
            EgressRule e = new EgressRule();
            String peer = peers(r, e, kind);
            List<PortProtocol> ports = new ArrayList<>();
            int nPorts = r.nextInt(4);
            for (int i = 0; i < nPorts; i++) {
                ports.add(port(r));
            }
            if (!ports.isEmpty()) {
                e.setToPorts(new ArrayList<>(List.of(new PortRule().withPorts(ports))));
            }
            rule.setEgress(new ArrayList<>(List.of(e)));
            IngressRule icmp = new IngressRule().withIcmps(new ArrayList<>(List.of(new ICMPRule().withFields(
                    new ArrayList<>(List.of(new ICMPField().withFamily("IPv4").withType(new IntOrString(8))))))));
            rule.setIngress(new ArrayList<>(List.of(icmp)));
            p.setSpec(rule);
            CiliumPolicyValidator v = CiliumPolicyValidator.create(MappingOptions.defaults()
                    .withCiliumVersion("1." + (17 + r.nextInt(4))));
            assertThat(v.validate(p)).as("unmutated %s", CiliumPolicies.toYaml(p)).noneMatch(PolicyDiagnostic::isError);

            if (!apply(m, r, rule, e, peer, icmp)) {
                seen("mutation not applicable");
                return;
            }
            seen(m.name());
            List<String> codes = v.validate(p).stream().filter(PolicyDiagnostic::isError).map(PolicyDiagnostic::code)
                    .distinct().collect(Collectors.toList());
            assertThat(codes).as("%s on %s", m, CiliumPolicies.toYaml(p))
                    .isEqualTo(m.code.isEmpty() ? List.of() : List.of(m.code));
        });
    }

    private static boolean apply(Mutation m, Random r, io.kcs.cilium.rules.fabric8.v2.Rule rule, EgressRule e,
            String peer, IngressRule icmp) {
        List<PortProtocol> ports = e.getToPorts() == null ? List.of() : e.getToPorts().get(0).getPorts();
        switch (m) {
            case NONE -> {
                return true;
            }
            case PROTOCOL -> {
                if (ports.isEmpty()) {
                    return false;
                }
                ports.get(r.nextInt(ports.size())).setProtocol(r.nextBoolean() ? "TPC" : "ICMP");
                return true;
            }
            case PORT_RANGE -> {
                if (ports.isEmpty()) {
                    return false;
                }
                ports.get(r.nextInt(ports.size())).setPort(String.valueOf(65536 + r.nextInt(100_000)));
                return true;
            }
            case SECOND_PEER_KIND -> {
                if (peer.equals("entities")) {
                    e.setToCIDR(new ArrayList<>(List.of("10.0.0.0/8")));
                } else {
                    e.setToEntities(new ArrayList<>(List.of("world")));
                }
                return true;
            }
            case ENTITY -> {
                if (!peer.equals("entities")) {
                    return false;
                }
                e.getToEntities().set(0, e.getToEntities().get(0) + "x");
                return true;
            }
            case PREFIX_LENGTH -> {
                if (!peer.equals("cidr")) {
                    return false;
                }
                e.getToCIDR().set(0, "192.0.2.0/" + (33 + r.nextInt(90)));
                return true;
            }
            case EXCEPT_OUTSIDE -> {
                if (!peer.equals("cidrset")) {
                    return false;
                }
                e.getToCIDRSet().get(0).getExcept().add(r.nextBoolean() ? "172.16.0.0/24" : "2001:db8::/64");
                return true;
            }
            case TOO_MANY_PORTS -> {
                if (ports.isEmpty()) {
                    return false;
                }
                while (ports.size() <= 40 + r.nextInt(5)) {
                    ports.add(new PortProtocol().withPort(String.valueOf(1000 + ports.size())).withProtocol("TCP"));
                }
                return true;
            }
            case LABEL_VALUE -> {
                rule.getEndpointSelector().getMatchLabels().put("app", "-" + ParserProperties.label(r, 5));
                return true;
            }
            case OPERATOR -> {
                LabelSelector s = rule.getEndpointSelector();
                List<LabelSelectorRequirement> exprs = s.getMatchExpressions() == null ? new ArrayList<>()
                        : new ArrayList<>(s.getMatchExpressions());
                exprs.add(new LabelSelectorRequirement("tier", r.nextBoolean() ? "in" : "Gt", List.of("a")));
                s.setMatchExpressions(exprs);
                return true;
            }
            case HTTP_ON_UDP -> {
                e.setToPorts(new ArrayList<>(List.of(new PortRule().withPorts(new ArrayList<>(List.of(
                        new PortProtocol().withPort("80").withProtocol("UDP")))).withRules(new L7Rules().withHttp(
                        new ArrayList<>(List.of(new PortRuleHTTP().withPath("/"))))))));
                return true;
            }
            case ICMP_FAMILY -> {
                icmp.getIcmps().get(0).getFields().get(0).setFamily(r.nextBoolean() ? "ipv4" : "IPv5");
                return true;
            }
            case NO_SUBJECT -> {
                rule.setEndpointSelector(null);
                return true;
            }
            default -> throw new IllegalStateException(m.name());
        }
    }

    // ---- 3. random JSON shaped like a policy ----

    private static final String[] FIELDS = {"spec", "specs", "endpointSelector", "nodeSelector", "ingress", "egress",
        "ingressDeny", "egressDeny", "matchLabels", "matchExpressions", "key", "operator", "values", "toPorts", "ports",
        "port", "endPort", "protocol", "rules", "http", "dns", "kafka", "l7proto", "l7", "path", "method",
        "headerMatches", "name", "mismatch", "secret", "matchName", "matchPattern", "toFQDNs", "toCIDR", "toCIDRSet",
        "cidr", "except", "cidrGroupRef", "cidrGroupSelector", "toEntities", "fromEntities", "fromEndpoints",
        "toEndpoints", "fromNodes", "toNodes", "toServices", "k8sService", "k8sServiceSelector", "selector", "icmps",
        "fields", "family", "type", "serverNames", "listener", "terminatingTLS", "enableDefaultDeny", "labels",
        "fromRequires", "toGroups", "authentication", "log", "description", "source", "value", "x-unknown"};

    private static JsonNode json(Random r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth > 6 ? 4 + r.nextInt(5) : r.nextInt(9);
        switch (kind) {
            case 0, 1, 2 -> {
                ObjectNode o = f.objectNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    o.set(FIELDS[r.nextInt(FIELDS.length)], json(r, depth + 1));
                }
                return o;
            }
            case 3 -> {
                ArrayNode a = f.arrayNode();
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    a.add(json(r, depth + 1));
                }
                return a;
            }
            case 4 -> {
                return f.nullNode();
            }
            case 5 -> {
                return f.numberNode(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(70_000) - 10);
            }
            case 6 -> {
                return f.booleanNode(r.nextBoolean());
            }
            default -> {
                String[] words = {"", "TCP", "udp", "80", "0x50", "world", "10.0.0.0/8", "::/0", "In", "Exists",
                    "k8s:app", "a b", "*", "(", "IPv6", "EchoRequest", "é", "\u0000", "1.2.3.4/33", "GET", "53"};
                return f.textNode(r.nextInt(4) == 0 ? ParserProperties.noise(r) : words[r.nextInt(words.length)]);
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void randomJsonNeverMakesTheValidatorThrow() {
        CiliumPolicyValidator v = CiliumPolicyValidator.create(MappingOptions.defaults());
        List<String> codes = PolicyDiagnosticCodes.all();
        qt().withExamples(EXAMPLES * 5).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("metadata", MAPPER.createObjectNode().put("name", "p").put("namespace", "shop"));
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                String field = r.nextBoolean() ? "spec" : "specs";
                JsonNode value = json(r, 0);
                if (field.equals("specs") && r.nextBoolean()) {
                    value = MAPPER.createArrayNode().add(value);
                }
                root.set(field, value);
            }
            Class<? extends HasMetadata> type = r.nextBoolean() ? CiliumNetworkPolicy.class
                    : CiliumClusterwideNetworkPolicy.class;
            HasMetadata policy;
            try {
                policy = MAPPER.treeToValue(root, type);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException ex) {
                seen("json refused by the model");
                return;
            }
            seen("json read");
            List<PolicyDiagnostic> ds = v.validate(policy);
            assertThat(ds).allSatisfy(d -> assertThat(codes).contains(d.code()));
            seen(ds.stream().anyMatch(PolicyDiagnostic::isError) ? "json with errors" : "json without errors");
        });
    }

    @AfterAll
    static void theGeneratorsReachedEveryCase() {
        System.out.println("ValidatorProperties coverage: " + new TreeMap<>(SEEN));
        // QuickTheories may run one example fewer than asked: floors are fractions, with slack
        long mapped = count("mapped");
        if (mapped > 0) {
            assertThat(mapped).isGreaterThan(EXAMPLES / 2);
            for (String kind : List.of("toFQDNs", "toCIDR", "toEntities", "toServices", "toEndpoints", "fromEndpoints")) {
                assertThat(count("mapped " + kind)).as(kind).isGreaterThan(mapped / 20);
            }
        }
        long mutations = 0;
        for (Mutation m : Mutation.values()) {
            mutations += count(m.name());
        }
        if (mutations > 0) {
            for (Mutation m : Mutation.values()) {
                assertThat(count(m.name())).as("mutation %s of %d", m, mutations).isGreaterThan(mutations / 60);
            }
        }
        long json = count("json read") + count("json refused by the model");
        if (json > 0) {
            assertThat(count("json read")).as("deserialised").isGreaterThan(json / 10);
            assertThat(count("json with errors")).as("with errors").isGreaterThan(json / 20);
            assertThat(count("json without errors")).as("without errors").isGreaterThan(json / 1000);
        }
    }
}
