package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.policy.DefaultDeny;
import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.PolicyKind;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Example tables of the agent's rewriting ({@code ParseToCiliumRule}, {@code pkg/k8s/apis/cilium.io/utils/utils.go}):
 * rows named after a case of Cilium's {@code Test_ParseToCiliumRule} port that case (our own YAML, the same facts);
 * the other rows pin one fact each, with a twin that differs in one place. Selectors are compared in the core
 * model's canonical text (keys sorted, {@code any:} for keys without a source).
 */
class PolicyConversionTest {

    /** Cilium's test calls ParseToCiliumRule with clusterName "" unless a case sets one. */
    static final MappingOptions NO_CLUSTER = MappingOptions.defaults().withAgentConfig(
            CiliumAgentConfig.defaults().withPolicyDefaultLocalCluster(false));

    static MappingOptions cluster(String name) {
        return MappingOptions.defaults().withAgentConfig(CiliumAgentConfig.defaults().withClusterName(name)
                .withPolicyDefaultLocalCluster(true).withEnableNodeSelectorLabels(true));
    }

    static HasMetadata policy(String kind, String namespace, String spec) {
        String meta = namespace == null ? "{name: p, uid: 11bba160-ddca-11e8-b697-0800273b04ff}"
                : "{name: p, namespace: " + namespace + ", uid: 11bba160-ddca-11e8-b697-0800273b04ff}";
        String yaml = "apiVersion: cilium.io/v2\nkind: " + kind + "\nmetadata: " + meta + "\nspec:\n"
                + spec.indent(2);
        return kind.equals("CiliumNetworkPolicy") ? CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class)
                : CiliumPolicies.fromYaml(yaml, CiliumClusterwideNetworkPolicy.class);
    }

    static PolicyRule read(MappingOptions options, HasMetadata p) {
        PolicyReadResult r = CiliumPolicyReader.create(options).read(p);
        assertThat(r.valid()).as("%s", r).isTrue();
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0);
    }

    static String subject(PolicyRule r) {
        return r.subject().selector().toString();
    }

    static String firstPeer(PolicyRule r) {
        List<LabelSelector> peers = !r.ingress().isEmpty() ? r.ingress().get(0).from().endpoints()
                .or(() -> r.ingress().get(0).from().nodes()).orElseThrow()
                : !r.egress().isEmpty() ? r.egress().get(0).to().endpoints().or(() -> r.egress().get(0).to().nodes())
                        .orElseThrow()
                : !r.ingressDeny().isEmpty() ? r.ingressDeny().get(0).from().endpoints().orElseThrow()
                        : r.egressDeny().get(0).to().endpoints().orElseThrow();
        return String.join(" | ", peers.stream().map(LabelSelector::toString).toList());
    }

    static final String CNP = "CiliumNetworkPolicy";
    static final String CCNP = "CiliumClusterwideNetworkPolicy";

    /** kind, namespace, options, spec, expected subject, expected peers. */
    static Stream<Arguments> rows() {
        return Stream.of(
                // Test_ParseToCiliumRule "parse-in-namespace": the policy's namespace is added to the subject
                Arguments.of("parse-in-namespace", CNP, "default", NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend}}\ningress: [{fromEndpoints: [{}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{k8s:io.kubernetes.pod.namespace=default}"),
                // Test_ParseToCiliumRule "parse-in-namespace-with-ns-selector": a written namespace is replaced
                Arguments.of("parse-in-namespace-with-ns-selector", CNP, "default", NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend, k8s:io.kubernetes.pod.namespace: foo}}\n"
                                + "ingress: [{fromEndpoints: [{}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{k8s:io.kubernetes.pod.namespace=default}"),
                // Test_ParseToCiliumRule "parse-init-policy": a clusterwide rule selecting reserved:init gets no
                // namespace, and (matchesInit) its wildcard peers no "namespace exists" either
                Arguments.of("parse-init-policy", CCNP, null, NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend, reserved:init: \"\"}}\n"
                                + "ingress: [{fromEndpoints: [{}]}]",
                        "{any:role=backend,reserved:init=}", "{}"),
                // Test_ParseToCiliumRule "parse-init-policy-namespaced": a CNP always selects its own namespace,
                // init or not, and so do its wildcard peers
                Arguments.of("parse-init-policy-namespaced", CNP, "default", NO_CLUSTER,
                        "endpointSelector: {matchExpressions: [{key: reserved:init, operator: DoesNotExist}]}\n"
                                + "ingress: [{fromEndpoints: [{}]}]",
                        "{k8s:io.kubernetes.pod.namespace=default,!reserved:init}",
                        "{k8s:io.kubernetes.pod.namespace=default}"),
                // Test_ParseToCiliumRule "set-any-source-for-namespace": any:io.kubernetes.pod.namespace names a
                // namespace, so none is added
                Arguments.of("set-any-source-for-namespace", CNP, "default", NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend}}\n"
                                + "ingress: [{fromEndpoints: [{matchLabels: {any:io.kubernetes.pod.namespace: ns-2}}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{any:io.kubernetes.pod.namespace=ns-2}"),
                // our row: the key without a source is any: too (the fix of issue 10's "io.kubernetes.pod.namespace
                // without k8s: is not recognised"); twin of the next row
                Arguments.of("namespace-key-without-source", CNP, "default", NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend}}\n"
                                + "ingress: [{fromEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: ns-2}}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{any:io.kubernetes.pod.namespace=ns-2}"),
                Arguments.of("other-key-without-source", CNP, "default", NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend}}\n"
                                + "ingress: [{fromEndpoints: [{matchLabels: {io.kubernetes.pod.name: ns-2}}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{any:io.kubernetes.pod.name=ns-2,k8s:io.kubernetes.pod.namespace=default}"),
                // Test_ParseToCiliumRule "set-cluster-by-default": peers without a cluster get the local one, a
                // written cluster is kept
                Arguments.of("set-cluster-by-default", CNP, "default", cluster("cluster1"),
                        "endpointSelector: {matchLabels: {role: backend}}\n"
                                + "ingress: [{fromEndpoints: [{matchLabels: {}},"
                                + " {matchLabels: {k8s:io.cilium.k8s.policy.cluster: cluster2}}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{k8s:io.cilium.k8s.policy.cluster=cluster1,k8s:io.kubernetes.pod.namespace=default}"
                                + " | {k8s:io.cilium.k8s.policy.cluster=cluster2,k8s:io.kubernetes.pod.namespace=default}"),
                // Test_ParseToCiliumRule "parse-in-namespace-with-ns-labels-selector": selecting namespaces by label
                // adds no namespace
                Arguments.of("parse-in-namespace-with-ns-labels-selector", CNP, "default", NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend}}\n"
                                + "ingress: [{fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: team-a}}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{any:io.cilium.k8s.namespace.labels.team=team-a}"),
                // Test_ParseToCiliumRule "wildcard-to-from-endpoints-with-ccnp": a clusterwide wildcard peer becomes
                // "any namespace" (pods only)
                Arguments.of("wildcard-to-from-endpoints-with-ccnp", CCNP, null, NO_CLUSTER,
                        "endpointSelector: {matchLabels: {role: backend}}\ningress: [{fromEndpoints: [{}]}]",
                        "{any:role=backend}", "{k8s:io.kubernetes.pod.namespace}"),
                // Test_ParseToCiliumRule "parse-from-to-nodes-rule": node peers are remote nodes of the cluster
                Arguments.of("parse-from-to-nodes-rule", CNP, "default", cluster("cluster1"),
                        "endpointSelector: {matchLabels: {role: backend}}\ningress: [{fromNodes: [{}]}]",
                        "{any:role=backend,k8s:io.kubernetes.pod.namespace=default}",
                        "{k8s:io.cilium.k8s.policy.cluster=cluster1,reserved:remote-node}"),
                // our rows: a reserved: peer key keeps the peer as written (no namespace, no cluster)
                Arguments.of("reserved-peer-untouched", CNP, "default", cluster("c1"),
                        "endpointSelector: {}\negress: [{toEndpoints: [{matchLabels: {reserved:host: \"\"}}]}]",
                        "{k8s:io.kubernetes.pod.namespace=default}", "{reserved:host=}"),
                Arguments.of("non-reserved-peer-twin", CNP, "default", cluster("c1"),
                        "endpointSelector: {}\negress: [{toEndpoints: [{matchLabels: {k8s:host: \"\"}}]}]",
                        "{k8s:io.kubernetes.pod.namespace=default}",
                        "{k8s:host=,k8s:io.cilium.k8s.policy.cluster=c1,k8s:io.kubernetes.pod.namespace=default}"),
                // our rows: injection applies in deny sections and on egress too
                Arguments.of("egress-deny-peers", CNP, "shop", NO_CLUSTER,
                        "endpointSelector: {}\negressDeny: [{toEndpoints: [{matchLabels: {app: db}}]}]",
                        "{k8s:io.kubernetes.pod.namespace=shop}",
                        "{any:app=db,k8s:io.kubernetes.pod.namespace=shop}"),
                Arguments.of("ingress-deny-peers-ccnp", CCNP, null, NO_CLUSTER,
                        "endpointSelector: {}\ningressDeny: [{fromEndpoints: [{matchLabels: {app: db}}]}]",
                        "{}", "{any:app=db,k8s:io.kubernetes.pod.namespace}"),
                // our row: a CiliumNetworkPolicy without namespace is parsed as clusterwide (cnp_types.go Parse)
                Arguments.of("cnp-without-namespace", CNP, null, NO_CLUSTER,
                        "endpointSelector: {}\ningress: [{fromEndpoints: [{}]}]", "{}",
                        "{k8s:io.kubernetes.pod.namespace}"),
                // our row: the subject's any: namespace stays beside the injected k8s: one (selects only pods of the
                // policy's namespace that also match it; the agent does the same)
                Arguments.of("subject-any-namespace-kept", CNP, "shop", NO_CLUSTER,
                        "endpointSelector: {matchLabels: {any:io.kubernetes.pod.namespace: other}}\n"
                                + "ingress: [{fromEndpoints: [{}]}]",
                        "{any:io.kubernetes.pod.namespace=other,k8s:io.kubernetes.pod.namespace=shop}",
                        "{k8s:io.kubernetes.pod.namespace=shop}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void convertsAsParseToCiliumRule(String name, String kind, String namespace, MappingOptions options, String spec,
            String subject, String peers) {
        PolicyRule r = read(options, policy(kind, namespace, spec));
        assertThat(subject(r)).isEqualTo(subject);
        assertThat(firstPeer(r)).isEqualTo(peers);
    }

    /** Cilium line and agent option -> whether peers get k8s:io.cilium.k8s.policy.cluster (option.go). */
    static Stream<Arguments> clusterRows() {
        CiliumAgentConfig on = CiliumAgentConfig.defaults().withPolicyDefaultLocalCluster(true);
        CiliumAgentConfig off = CiliumAgentConfig.defaults().withPolicyDefaultLocalCluster(false);
        CiliumAgentConfig dflt = CiliumAgentConfig.defaults();
        return Stream.of(
                Arguments.of("1.17", on, false), // the option does not exist before 1.18
                Arguments.of("1.18", dflt, false), // added in 1.18, off by default
                Arguments.of("1.18", on, true),
                Arguments.of("1.19", dflt, true), // on by default from 1.19
                Arguments.of("1.20", dflt, true),
                Arguments.of("1.20", off, false));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("clusterRows")
    void theClusterLabelFollowsTheLineAndTheOption(String version, CiliumAgentConfig agent, boolean added) {
        PolicyRule r = read(MappingOptions.defaults().withCiliumVersion(version).withAgentConfig(agent),
                policy(CNP, "shop", "endpointSelector: {}\negress: [{toEndpoints: [{}]}]"));
        assertThat(firstPeer(r)).isEqualTo(added
                ? "{k8s:io.cilium.k8s.policy.cluster=default,k8s:io.kubernetes.pod.namespace=shop}"
                : "{k8s:io.kubernetes.pod.namespace=shop}");
    }

    @Test
    void theClusterNameComesFromTheAgentOption() {
        MappingOptions o = MappingOptions.defaults().withAgentConfig(CiliumAgentConfig.fromOptions(
                java.util.Map.of("cluster-name", "east")));
        PolicyRule r = read(o, policy(CNP, "shop", "endpointSelector: {}\negress: [{toEndpoints: [{}]}]"));
        assertThat(firstPeer(r)).isEqualTo("{k8s:io.cilium.k8s.policy.cluster=east,k8s:io.kubernetes.pod.namespace=shop}");
    }

    @Test
    void theSubjectNeverGetsAClusterLabel() {
        PolicyRule r = read(cluster("c1"), policy(CCNP, null, "endpointSelector: {}\negress: [{toEndpoints: [{}]}]"));
        assertThat(subject(r)).isEqualTo("{}");
    }

    /** TestParseToCiliumLabels: derived labels first by key, then the rule's own (no source: unspec). */
    @Test
    void rulesCarryTheAgentsLabels() {
        PolicyRule r = read(NO_CLUSTER, policy(CNP, "default", "endpointSelector: {}\ningress: [{}]\n"
                + "labels: [{key: zz, value: last}, {key: app, value: web, source: k8s}]"));
        assertThat(r.origin().labels()).extracting(Label::toString).containsExactly(
                "k8s:app=web",
                "k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy",
                "k8s:io.cilium.k8s.policy.name=p",
                "k8s:io.cilium.k8s.policy.namespace=default",
                "k8s:io.cilium.k8s.policy.uid=11bba160-ddca-11e8-b697-0800273b04ff",
                "unspec:zz=last");
        PolicyRule c = read(NO_CLUSTER, policy(CCNP, null, "endpointSelector: {}\ningress: [{}]"));
        assertThat(c.origin().kind()).isEqualTo(PolicyKind.CCNP);
        assertThat(c.origin().labels()).extracting(Label::toString).containsExactly(
                "k8s:io.cilium.k8s.policy.derived-from=CiliumClusterwideNetworkPolicy",
                "k8s:io.cilium.k8s.policy.name=p",
                "k8s:io.cilium.k8s.policy.uid=11bba160-ddca-11e8-b697-0800273b04ff");
    }

    /** enableDefaultDeny, the sections and enable-non-default-deny-policies (rule_validation.go Sanitize). */
    static Stream<Arguments> defaultDenyRows() {
        return Stream.of(
                Arguments.of("ingress: [{}]", true, "on (IMPLIED_BY_SECTION)", "off (NOT_IMPLIED)"),
                Arguments.of("ingress: [{}]\nenableDefaultDeny: {ingress: false}", true,
                        "off (EXPLICIT, requested false)", "off (NOT_IMPLIED)"),
                Arguments.of("ingress: [{}]\nenableDefaultDeny: {ingress: false}", false,
                        "on (FORCED_BY_AGENT, requested false)", "on (FORCED_BY_AGENT)"),
                Arguments.of("egressDeny: [{toEntities: [world]}]", true, "off (NOT_IMPLIED)",
                        "on (IMPLIED_BY_SECTION)"),
                Arguments.of("egressDeny: [{toEntities: [world]}]\nenableDefaultDeny: {egress: false}", true,
                        "off (NOT_IMPLIED)", "off (EXPLICIT, requested false)"));
    }

    @ParameterizedTest(name = "{0} / non-default-deny {1}")
    @MethodSource("defaultDenyRows")
    void defaultDenyFollowsCiliumsDefaulting(String sections, boolean nonDefaultDeny, String ingress, String egress) {
        MappingOptions o = NO_CLUSTER.withAgentConfig(NO_CLUSTER.agentConfig()
                .withEnableNonDefaultDenyPolicies(nonDefaultDeny));
        PolicyRule r = read(o, policy(CNP, "shop", "endpointSelector: {}\n" + sections));
        assertThat(r.ingressDefaultDeny().toString()).isEqualTo(ingress);
        assertThat(r.egressDefaultDeny().toString()).isEqualTo(egress);
        assertThat(r.restrictsEgress()).isEqualTo(r.egressDefaultDeny().enabled() && r.hasEgressSection());
        assertThat(DefaultDeny.Reason.values()).isNotEmpty();
    }

    /** CIDRRule.sanitize: cidrGroupSelector keys without a source are cidrgroup: keys; except goes with a group. */
    @Test
    void cidrGroupSelectorsUseTheCidrGroupSource() {
        PolicyRule r = read(NO_CLUSTER, policy(CNP, "shop", "endpointSelector: {}\n"
                + "egress: [{toCIDRSet: [{cidrGroupSelector: {matchLabels: {team: a, k8s:env: prod}}}]}]"));
        assertThat(r.egress().get(0).to().cidrSets().orElseThrow().get(0).cidrGroupSelector().orElseThrow()
                .toString()).isEqualTo("{cidrgroup:team=a,k8s:env=prod}");
        PolicyRule g = read(NO_CLUSTER, policy(CNP, "shop", "endpointSelector: {}\n"
                + "egressDeny: [{toCIDRSet: [{cidrGroupRef: external, except: [1.1.1.1/32]}]}]"));
        assertThat(g.egressDeny().get(0).to().cidrSets().orElseThrow().get(0).except()).hasSize(1);
    }

    @Test
    void specAndSpecsGiveOneRuleEachInDocumentOrder() {
        HasMetadata p = CiliumPolicies.fromYaml("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: a}}
                  ingress: [{}]
                specs:
                - endpointSelector: {matchLabels: {app: b}}
                  egress: [{}]
                - endpointSelector: {matchLabels: {app: c}}
                  egress: [{}]
                """, CiliumNetworkPolicy.class);
        PolicyReadResult r = CiliumPolicyReader.create(NO_CLUSTER).read(p);
        assertThat(r.rules()).extracting(x -> x.origin().path()).containsExactly("spec", "specs[0]", "specs[1]");
        assertThat(r.rules()).extracting(x -> x.subject().selector().matchLabels().get("any:app"))
                .containsExactly("a", "b", "c");
    }
}
