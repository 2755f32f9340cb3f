package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How {@link CiliumPolicyMapper#toProfile} reads each construct of a Cilium rule: the exceptions, the fidelity and
 * the paths of what it leaves out, one row per construct, with twins that differ in one place. The semantics
 * (which peers a field selects, when an entry allows nothing) are Cilium's {@code mergeEndpointSelectors} and
 * {@code mergeL4Filter} (pkg/policy/utils/parserules.go, pkg/policy/rule.go): an entry without peer fields and
 * without ports allows nothing, with ports every peer on them; a present but empty peer list selects nothing.
 */
class ToProfileTableTest {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(MappingOptions.defaults());

    /**
     * One row: a CNP in namespace {@code shop} whose spec is {@code endpointSelector: {matchLabels: {app: web}}}
     * plus {@code rule}; the direction looked at; its exceptions ({@code null}: unrestricted); fidelity; left-out
     * paths.
     */
    record Row(String name, String rule, Direction direction, String exceptions, Fidelity fidelity,
            List<String> leftOut) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row egress(String name, String rule, String exceptions, Fidelity f, String... leftOut) {
        return new Row(name, rule, Direction.EGRESS, exceptions, f, List.of(leftOut));
    }

    private static Row ingress(String name, String rule, String exceptions, Fidelity f, String... leftOut) {
        return new Row(name, rule, Direction.INGRESS, exceptions, f, List.of(leftOut));
    }

    static Stream<Row> rows() {
        Fidelity exact = Fidelity.EXACT;
        Fidelity wider = Fidelity.WIDER;
        Fidelity narrower = Fidelity.NARROWER;
        return Stream.of(
                egress("{} allows nothing", "egress: [{}]", "", exact),
                egress("ports without peers: every peer on them",
                        "egress: [{toPorts: [{ports: [{port: '443', protocol: TCP}]}]}]", "entity:all", wider,
                        "spec.egress[0].toPorts"),
                egress("port 0 ANY is every port",
                        "egress: [{toPorts: [{ports: [{port: '0', protocol: ANY}]}]}]", "entity:all", exact),
                egress("entities", "egress: [{toEntities: [world, host]}]", "entity:world, entity:host", exact),
                egress("entities on a port", "egress: [{toEntities: [world], toPorts: [{ports: [{port: '443'}]}]}]",
                        "entity:world", wider, "spec.egress[0].toPorts"),
                egress("an empty peer list selects nothing", "egress: [{toEntities: []}]", "", exact),
                egress("CIDRs", "egress: [{toCIDR: [10.0.0.0/8, 2001:db8::/32]}]", "10.0.0.0/8, 2001:db8::/32",
                        exact),
                egress("a CIDR set without except", "egress: [{toCIDRSet: [{cidr: 10.0.0.0/8}]}]", "10.0.0.0/8",
                        exact),
                egress("a CIDR set with except", "egress: [{toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]}]",
                        "10.0.0.0/8", wider, "spec.egress[0].toCIDRSet"),
                egress("a CIDR group", "egress: [{toCIDRSet: [{cidrGroupRef: corp}]}]", "", narrower,
                        "spec.egress[0].toCIDRSet"),
                egress("FQDNs", "egress: [{toFQDNs: [{matchName: api.example.com}, {matchPattern: '*.example.org'}]}]",
                        "*.example.org, api.example.com", exact),
                egress("FQDNs on a port",
                        "egress: [{toFQDNs: [{matchName: api.example.com}], toPorts: [{ports: [{port: '443'}]}]}]",
                        "api.example.com", wider, "spec.egress[0].toPorts"),
                egress("toFQDNs: [] with ports is no peer: every peer on them",
                        "egress: [{toFQDNs: [], toPorts: [{ports: [{port: '443', protocol: TCP}]}]}]", "entity:all",
                        wider, "spec.egress[0].toPorts"),
                ingress("pods by their namespace's labels", "ingress: [{fromEndpoints: [{matchLabels:"
                        + " {k8s:io.kubernetes.pod.namespace: db, io.cilium.k8s.namespace.labels.team: a}}]}]", "",
                        narrower, "spec.ingress[0].fromEndpoints"),
                egress("{} peers are the policy's namespace", "egress: [{toEndpoints: [{}]}]", "endpoint:shop", exact),
                egress("a namespace", "egress: [{toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: db}}]}]",
                        "endpoint:db", exact),
                egress("namespaces by In", "egress: [{toEndpoints: [{matchExpressions: [{key:"
                        + " k8s:io.kubernetes.pod.namespace, operator: In, values: [a, b]}]}]}]",
                        "endpoint:a, endpoint:b", exact),
                egress("pods by label on egress", "egress: [{toEndpoints: [{matchLabels: {app: db}}]}]", "", narrower,
                        "spec.egress[0].toEndpoints"),
                ingress("pods by label on ingress", "ingress: [{fromEndpoints: [{matchLabels: {app: db}}]}]",
                        "service:shop|app=db", exact),
                ingress("pods by label and Exists on ingress", "ingress: [{fromEndpoints: [{matchLabels: {app: db},"
                        + " matchExpressions: [{key: tier, operator: Exists}]}]}]", "service:shop|app=db,tier", exact),
                ingress("pods by NotIn on ingress", "ingress: [{fromEndpoints: [{matchExpressions: [{key: tier,"
                        + " operator: NotIn, values: [x]}]}]}]", "", narrower, "spec.ingress[0].fromEndpoints"),
                egress("services by selector", "egress: [{toServices: [{k8sServiceSelector: {namespace: data,"
                        + " selector: {matchLabels: {app: db}}}}]}]", "service:data|app=db", exact),
                egress("services by name", "egress: [{toServices: [{k8sService: {namespace: data, serviceName: db}}]}]",
                        "", narrower, "spec.egress[0].toServices"),
                ingress("ICMP", "ingress: [{fromEntities: [world], icmps: [{fields: [{type: 8}]}]}]", "entity:world",
                        wider, "spec.ingress[0].icmps"),
                egress("authentication", "egress: [{toEntities: [world], authentication: {mode: required}}]",
                        "entity:world", wider, "spec.egress[0].authentication"),
                egress("L7 HTTP", "egress: [{toEntities: [world], toPorts: [{ports: [{port: '80', protocol: TCP}],"
                        + " rules: {http: [{method: GET}]}}]}]", "entity:world", wider, "spec.egress[0].toPorts"),
                egress("a deny among allows", "egress: [{toEntities: [all]}]\n  egressDeny: [{toEntities: [world]}]",
                        "entity:all", wider, "spec.egressDeny[0]"),
                egress("a deny alone", "egressDeny: [{toEntities: [world]}]", "", exact),
                egress("a deny without default deny", "enableDefaultDeny: {egress: false}\n  egressDeny:"
                        + " [{toEntities: [world]}]", null, wider, "spec.egressDeny[0]"),
                egress("a deny and a peer left out: neither bound", "egress: [{toEntities: [all]}, {toEndpoints:"
                        + " [{matchLabels: {app: db}}]}]\n  egressDeny: [{toEntities: [world]}]", "entity:all",
                        Fidelity.NEITHER, "spec.egress[1].toEndpoints", "spec.egressDeny[0]"),
                egress("allows without default deny add nothing", "enableDefaultDeny: {egress: false}\n  egress:"
                        + " [{toEntities: [world], toPorts: [{ports: [{port: '80', protocol: TCP}], rules: {http:"
                        + " [{method: GET}]}}]}]", null, exact),
                ingress("another direction is untouched", "egress: [{toEntities: [world]}]", null, exact));
    }

    private static java.util.Set<String> texts(RuleSet rules) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        rules.forEach(r -> out.add(r.toString()));
        return out;
    }

    private static PolicyProfile read(CiliumPolicyMapper mapper, String rule) {
        String yaml = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\n"
                + "spec:\n  endpointSelector: {matchLabels: {app: web}}\n  " + rule + "\n";
        return mapper.toProfile(CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void readsEachConstruct(Row row) {
        PolicyProfile p = read(MAPPER, row.rule());
        assertThat(p.policyValid()).as("valid; %s", p.diagnostics()).isTrue();
        assertThat(p.profile().exceptions(row.direction()).map(ToProfileTableTest::texts))
                .as("exceptions (in any order); %s", p.diagnostics())
                .isEqualTo(java.util.Optional.ofNullable(row.exceptions()).map(RuleSet::parse)
                        .map(ToProfileTableTest::texts));
        ProfileDirection d = p.direction(row.direction());
        assertThat(d.leftOut()).extracting(LeftOut::path).as("%s", d).containsExactlyElementsOf(row.leftOut());
        assertThat(d.fidelity()).isEqualTo(row.fidelity());
        assertThat(p.diagnostics()).filteredOn(PolicyDiagnostic::isError).extracting(PolicyDiagnostic::path)
                .containsAll(row.leftOut());
    }

    /**
     * Before Cilium 1.18 an L7 rule filters its port even without default deny (Documentation/security/policy/
     * intro.rst warning); from 1.18 the agent adds an allow-all L7 rule there (pkg/policy/l4.go, "Add L7 allow-all
     * rules when EnableDefaultDeny is false"). So the same policy reads exactly on 1.18 and wider on 1.17.
     */
    @Test
    void l7RulesWithoutDefaultDenyFilterBeforeCilium118() {
        String rule = "enableDefaultDeny: {egress: false}\n  egress: [{toEndpoints: [{matchLabels:"
                + " {k8s:io.kubernetes.pod.namespace: kube-system}}], toPorts: [{ports: [{port: '53', protocol: UDP}],"
                + " rules: {dns: [{matchName: example.com}]}}]}]";
        PolicyProfile now = read(CiliumPolicyMapper.create(MappingOptions.defaults().withCiliumVersion("1.18")), rule);
        assertThat(now.profile().egressExceptions()).isEmpty();
        assertThat(now.egress().fidelity()).isEqualTo(Fidelity.EXACT);
        PolicyProfile before = read(CiliumPolicyMapper.create(MappingOptions.defaults().withCiliumVersion("1.17")),
                rule);
        assertThat(before.profile().egressExceptions()).isEmpty();
        assertThat(before.egress().leftOut()).extracting(LeftOut::path)
                .containsExactly("spec.egress[0].toPorts[0].rules");
        assertThat(before.egress().fidelity()).isEqualTo(Fidelity.WIDER);
    }

    /** A host policy (CCNP with a node selector) is read the same way: its subject is the nodes. */
    @Test
    void aHostPolicyIsAProfileOfItsNodes() {
        String yaml = "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: host}\n"
                + "spec:\n  nodeSelector: {matchLabels: {role: worker}}\n  ingress: [{fromEntities: [cluster]}]\n";
        HasMetadata ccnp = CiliumPolicies.fromYaml(yaml, CiliumClusterwideNetworkPolicy.class);
        PolicyProfile p = MAPPER.toProfile(ccnp);
        assertThat(p.diagnostics()).filteredOn(PolicyDiagnostic::isError).isEmpty();
        assertThat(p.subject()).get().satisfies(s -> assertThat(s.isHostPolicy()).isTrue());
        assertThat(p.profile().ingressExceptions()).map(RuleSet::toString).hasValue("entity:cluster");
        assertThat(p.profile().egressExceptions()).isEmpty();
    }

    /** A policy the agent refuses enforces nothing: unrestricted, with the reader's ERROR. */
    @Test
    void aRefusedPolicyEnforcesNothing() {
        PolicyProfile p = read(MAPPER, "egress: []");
        assertThat(p.policyValid()).isFalse();
        assertThat(p.profile()).isEqualTo(io.kcs.cilium.rules.eval.RuntimeProfile.unrestricted());
        assertThat(p.diagnostics()).extracting(PolicyDiagnostic::code).contains(PolicyDiagnosticCodes.NO_SECTION);
        assertThat(p.isExact()).isFalse();
    }

    /** Peers with another cluster's label are not pods of this cluster: left out (the local one is implied). */
    @Test
    void theClusterLabelOfThisClusterIsImpliedAndAnotherOneIsLeftOut() {
        CiliumPolicyMapper named = CiliumPolicyMapper.create(MappingOptions.defaults().withAgentConfig(
                CiliumAgentConfig.fromOptions(Map.of("cluster-name", "east"))));
        String rule = "egress: [{toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: db,"
                + " k8s:io.cilium.k8s.policy.cluster: CLUSTER}}]}]";
        assertThat(read(named, rule.replace("CLUSTER", "east")).profile().egressExceptions())
                .map(RuleSet::toString).hasValue("endpoint:db");
        PolicyProfile west = read(named, rule.replace("CLUSTER", "west"));
        assertThat(west.profile().egressExceptions()).map(RuleSet::toString).hasValue("");
        assertThat(west.egress().fidelity()).isEqualTo(Fidelity.NARROWER);
    }

    @Test
    void fidelityIsTheSumOfWhatWasLeftOut() {
        LeftOut w = new LeftOut("a", Fidelity.WIDER, "x");
        LeftOut n = new LeftOut("b", Fidelity.NARROWER, "y");
        assertThat(ProfileDirection.leavingOut(List.of()).fidelity()).isEqualTo(Fidelity.EXACT);
        assertThat(ProfileDirection.leavingOut(List.of(w, w)).fidelity()).isEqualTo(Fidelity.WIDER);
        assertThat(ProfileDirection.leavingOut(List.of(n)).fidelity()).isEqualTo(Fidelity.NARROWER);
        assertThat(ProfileDirection.leavingOut(List.of(n, w)).fidelity()).isEqualTo(Fidelity.NEITHER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeftOut("a", Fidelity.EXACT, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProfileDirection(Fidelity.EXACT, List.of(w)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
