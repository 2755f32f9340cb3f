package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One test per defect issue 10 found when Cilium's own example policies were read through the first
 * {@code toProfile} (the one that read fabric8 objects itself; it now reads through {@link CiliumPolicyReader}). Each
 * test states the right answer, decided from Cilium's semantics (cited per test), not what the old code did, and
 * was seen failing on the old code.
 */
class ToProfileDefectsTest {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(MappingOptions.defaults());

    /** What a test looks at: the profile, the ERROR codes, every diagnostic, and the whole result. */
    private record Read(RuntimeProfile profile, List<String> errorCodes, List<PolicyDiagnostic> diagnostics,
            PolicyProfile result) {}

    private static Read read(String yaml) {
        return read(MAPPER, yaml);
    }

    private static Read read(CiliumPolicyMapper mapper, String yaml) {
        HasMetadata object = yaml.contains("kind: CiliumClusterwideNetworkPolicy")
                ? CiliumPolicies.fromYaml(yaml, CiliumClusterwideNetworkPolicy.class)
                : CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
        PolicyProfile p = mapper.toProfile(object);
        return new Read(p.profile(), p.diagnostics().stream().filter(PolicyDiagnostic::isError)
                .map(PolicyDiagnostic::code).toList(), p.diagnostics(), p);
    }

    private static Optional<RuleSet> egress(Read r) {
        return r.profile().egressExceptions();
    }

    private static Optional<RuleSet> ingress(Read r) {
        return r.profile().ingressExceptions();
    }

    /**
     * Cilium's Documentation/security/policy/intro.rst "intercept-all-dns" (there a CCNP; the same spec as a CNP
     * here): {@code enableDefaultDeny} off in both directions and one egress rule sending DNS to kube-dns through
     * the proxy with {@code matchPattern: "*"}. It blocks nothing, so both directions are unrestricted, with no
     * error. The old reader dropped the rule as "the DNS companion" and answered "block all egress".
     */
    @Test
    void anInterceptAllDnsPolicyBlocksNothing() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: intercept-all-dns, namespace: shop}
                spec:
                  endpointSelector:
                    matchExpressions:
                    - {key: k8s-app, operator: NotIn, values: [kube-dns]}
                  enableDefaultDeny: {egress: false, ingress: false}
                  egress:
                  - toEndpoints:
                    - matchLabels: {io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}
                    toPorts:
                    - ports: [{port: "53", protocol: TCP}, {port: "53", protocol: UDP}]
                      rules:
                        dns: [{matchPattern: "*"}]
                """);
        assertThat(egress(r)).isEmpty();
        assertThat(ingress(r)).isEmpty();
        assertThat(r.errorCodes()).isEmpty();
        assertThat(r.result().isExact()).isTrue();
    }

    /** The same policy as Cilium's docs write it, a CiliumClusterwideNetworkPolicy. */
    @Test
    void theClusterwideInterceptAllDnsPolicyBlocksNothing() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: intercept-all-dns}
                spec:
                  endpointSelector:
                    matchExpressions:
                    - {key: io.kubernetes.pod.namespace, operator: NotIn, values: [kube-system]}
                    - {key: k8s-app, operator: NotIn, values: [kube-dns]}
                  enableDefaultDeny: {egress: false, ingress: false}
                  egress:
                  - toEndpoints:
                    - matchLabels: {io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}
                    toPorts:
                    - ports: [{port: "53", protocol: TCP}, {port: "53", protocol: UDP}]
                      rules:
                        dns: [{matchPattern: "*"}]
                """);
        assertThat(r.result().policyValid()).isTrue();
        assertThat(r.profile()).isEqualTo(RuntimeProfile.unrestricted());
        assertThat(r.errorCodes()).isEmpty();
        assertThat(r.result().isExact()).isTrue();
    }

    /**
     * An egress rule with endpoints and a DNS rule, in a policy without {@code toFQDNs} (in the spirit of Cilium's
     * examples/policies/kubernetes/namespace/kubedns-policy.yaml): egress is restricted and that rule is a real
     * allow, so it may not vanish without a word. A label-selected {@code toEndpoints} has no profile exception on
     * egress, so it is left out with an ERROR that names the rule's path; the old reader dropped it silently.
     */
    @Test
    void anEgressDnsRuleWithoutFqdnsIsNeverDroppedSilently() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: dns-only, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEndpoints:
                    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
                    toPorts:
                    - ports: [{port: "53", protocol: ANY}]
                      rules:
                        dns: [{matchName: example.com}]
                """);
        assertThat(egress(r)).hasValue(RuleSet.empty());
        assertThat(r.errorCodes()).containsExactly(CiliumPolicyMapper.NOT_REPRESENTABLE);
        assertThat(r.diagnostics()).filteredOn(PolicyDiagnostic::isError).extracting(PolicyDiagnostic::path)
                .containsExactly("spec.egress[0].toEndpoints");
        assertThat(r.result().egress().fidelity()).isEqualTo(Fidelity.NARROWER);
        assertThat(r.result().ingress().fidelity()).isEqualTo(Fidelity.EXACT);
    }

    /**
     * The DNS rule this library writes next to {@code toFQDNs} (to the options' DNS target, port 53, every query) is
     * what FQDN exceptions imply, so with {@code toFQDNs} it is read as part of them, exactly; the same rule with
     * one DNS name instead of {@code *} is not (the proxy then refuses other names), and is reported.
     */
    @Test
    void theDnsCompanionIsOnlyAbsorbedNextToFqdnsAndOnlyWhenItAllowsEveryQuery() {
        String policy = """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: fqdn, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toFQDNs: [{matchName: api.example.com}]
                  - toEndpoints:
                    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
                    toPorts:
                    - ports: [{port: "53", protocol: ANY}]
                      rules:
                        dns: [{matchPattern: "PATTERN"}]
                """;
        Read star = read(policy.replace("PATTERN", "*"));
        assertThat(egress(star)).map(RuleSet::toString).hasValue("api.example.com");
        assertThat(star.errorCodes()).isEmpty();
        assertThat(star.result().isExact()).isTrue();
        Read one = read(policy.replace("PATTERN", "*.example.com"));
        assertThat(egress(one)).map(RuleSet::toString).hasValue("api.example.com");
        assertThat(one.diagnostics()).filteredOn(PolicyDiagnostic::isError).extracting(PolicyDiagnostic::path)
                .containsExactly("spec.egress[1].toEndpoints");
    }

    /**
     * Cilium's Rule.Sanitize (rule_validation.go) keeps an explicit {@code enableDefaultDeny.egress: false} when
     * {@code enable-non-default-deny-policies} is on (the agent default): the rule's allows then never put the
     * endpoint into default deny, so on its own the policy leaves egress unrestricted. The old reader ignored the
     * field and restricted egress to {@code entity:world}.
     */
    @Test
    void enableDefaultDenyFalseLeavesTheDirectionUnrestricted() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  enableDefaultDeny: {egress: false}
                  egress:
                  - toEntities: [world]
                  ingress:
                  - fromEntities: [cluster]
                """);
        assertThat(egress(r)).isEmpty();
        assertThat(ingress(r)).map(RuleSet::toString).hasValue("entity:cluster");
        assertThat(r.errorCodes()).isEmpty();
        assertThat(r.result().isExact()).isTrue();
    }

    /**
     * The one-place twin of the test above: with the agent option {@code enable-non-default-deny-policies=false},
     * Rule.Sanitize forces default deny on, whatever the policy asks, so egress is restricted to world.
     */
    @Test
    void theAgentCanForceDefaultDenyOverEnableDefaultDenyFalse() {
        CiliumPolicyMapper forced = CiliumPolicyMapper.create(MappingOptions.defaults().withAgentConfig(
                CiliumAgentConfig.fromOptions(Map.of("enable-non-default-deny-policies", "false"))));
        Read r = read(forced, """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  enableDefaultDeny: {egress: false}
                  egress:
                  - toEntities: [world]
                  ingress:
                  - fromEntities: [cluster]
                """);
        assertThat(egress(r)).map(RuleSet::toString).hasValue("entity:world");
        assertThat(ingress(r)).map(RuleSet::toString).hasValue("entity:cluster");
        assertThat(r.errorCodes()).isEmpty();
    }

    /**
     * Cilium's docs (security/policy/deny.rst): "Pods will enter default-deny mode as soon a single policy selects
     * it", deny policies included (Rule.Sanitize: a deny section alone turns default deny on for its direction).
     * So a deny-only egress section blocks all egress: restricted, no exceptions, and nothing is lost (a deny
     * inside "nothing allowed" changes nothing). The old reader answered "unrestricted" with an error.
     */
    @Test
    void aDenyOnlySectionRestrictsTheDirection() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egressDeny:
                  - toCIDR: [10.0.0.0/8]
                """);
        assertThat(egress(r)).hasValue(RuleSet.empty());
        assertThat(ingress(r)).isEmpty();
        assertThat(r.errorCodes()).isEmpty();
        assertThat(r.result().isExact()).isTrue();
    }

    /**
     * Next to allows, a deny rule does matter (deny beats allow, security/policy/deny.rst): the profile keeps the
     * allows and says the deny was left out, so it is wider than the policy.
     */
    @Test
    void aDenyNextToAllowsIsLeftOutAndMakesTheProfileWider() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEntities: [all]
                  egressDeny:
                  - toCIDR: [10.0.0.0/8]
                """);
        assertThat(egress(r)).map(RuleSet::toString).hasValue("entity:all");
        assertThat(r.result().egress().fidelity()).isEqualTo(Fidelity.WIDER);
        assertThat(r.result().egress().leftOut()).extracting(LeftOut::path).containsExactly("spec.egressDeny[0]");
    }

    /**
     * A selector key without a source is {@code any:} (Cilium's EndpointSelector sanitize), and Cilium's
     * ParseToCiliumRule (utils.go) takes {@code any:io.kubernetes.pod.namespace} as naming the namespace just like
     * {@code k8s:io.kubernetes.pod.namespace}. So this peer is {@code endpoint:payments}; the old reader did not
     * recognise the key.
     */
    @Test
    void theNamespaceKeyWithoutSourceIsRecognised() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEndpoints:
                    - matchLabels: {io.kubernetes.pod.namespace: payments}
                """);
        assertThat(egress(r)).map(RuleSet::toString).hasValue("endpoint:payments");
        assertThat(r.errorCodes()).isEmpty();
        assertThat(r.result().isExact()).isTrue();
    }

    /**
     * {@code Payments_NS} is a valid label value (the CRD accepts it) but no namespace can have that name (RFC 1123
     * labels), so the selector matches no pod: leaving it out changes nothing. No exception may escape; a WARNING
     * says the selector matches nothing. The old reader threw IllegalArgumentException.
     */
    @Test
    void aCrdValidNamespaceValueThatNoNamespaceCanHaveIsNoException() {
        String yaml = """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEndpoints:
                    - matchLabels: {k8s:io.kubernetes.pod.namespace: Payments_NS}
                """;
        assertThatCode(() -> read(yaml)).doesNotThrowAnyException();
        Read r = read(yaml);
        assertThat(egress(r)).hasValue(RuleSet.empty());
        assertThat(r.errorCodes()).isEmpty();
        assertThat(r.diagnostics()).filteredOn(d -> d.code().equals(CiliumPolicyMapper.SELECTS_NOTHING))
                .singleElement().satisfies(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.WARNING);
                    assertThat(d.path()).isEqualTo("spec.egress[0].toEndpoints");
                });
        assertThat(r.result().egress().fidelity()).isEqualTo(Fidelity.EXACT);
    }

    /**
     * Rules with different endpoint selectors apply to different endpoints (Cilium's RulesToPolicyEntries keeps
     * each rule's subject), so no single profile is right for both: an endpoint selected by {@code app: web} only
     * gets {@code entity:world}, not {@code endpoint:db}. The old reader merged both into one wider profile with no
     * diagnostic; now the rules of another subject are reported (ERROR) and not merged.
     */
    @Test
    void specsWithDifferentSubjectsAreNotMerged() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                specs:
                - endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEntities: [world]
                - endpointSelector: {matchLabels: {app: api}}
                  egress:
                  - toEndpoints:
                    - matchLabels: {k8s:io.kubernetes.pod.namespace: db}
                """);
        assertThat(egress(r)).map(RuleSet::toString).hasValue("entity:world");
        assertThat(r.diagnostics()).filteredOn(PolicyDiagnostic::isError).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(CiliumPolicyMapper.SEVERAL_SUBJECTS);
            assertThat(d.path()).isEqualTo("specs[1].endpointSelector");
        });
        assertThat(r.result().subject()).get().hasToString(r.result().subject().get().toString())
                .satisfies(sub -> assertThat(sub.toString()).contains("web").doesNotContain("api"));
    }

    /** Rules with the same subject are one profile: their allows are a union. */
    @Test
    void specsWithTheSameSubjectAreOneProfile() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                specs:
                - endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEntities: [world]
                - endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEndpoints:
                    - matchLabels: {k8s:io.kubernetes.pod.namespace: db}
                """);
        assertThat(egress(r)).map(RuleSet::toString).hasValue("entity:world, endpoint:db");
        assertThat(r.errorCodes()).isEmpty();
    }

    /** The reader takes only CiliumNetworkPolicy and CCNP; a Pod read into the CNP class is an ERROR, not a profile. */
    @Test
    void aDocumentOfAnotherKindIsAnError() {
        Read r = read("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {}
                  egress:
                  - toEntities: [world]
                """);
        assertThat(r.errorCodes()).containsExactly(PolicyDiagnosticCodes.UNSUPPORTED_KIND);
        assertThat(r.result().policyValid()).isFalse();
        assertThat(r.profile()).isEqualTo(RuntimeProfile.unrestricted());
        assertThat(r.result().subject()).isEmpty();
    }

    /**
     * Cilium decides default deny from {@code len(r.Ingress) > 0} (rule_validation.go), so {@code ingress: []} is
     * no ingress section: the direction stays unrestricted. The old reader read it as "block all ingress".
     */
    @Test
    void anEmptyIngressListIsNoIngressSection() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress: []
                  egress:
                  - toEntities: [world]
                """);
        assertThat(ingress(r)).isEmpty();
        assertThat(egress(r)).map(RuleSet::toString).hasValue("entity:world");
        assertThat(r.errorCodes()).isEmpty();
        assertThat(r.result().isExact()).isTrue();
    }

    /** Every diagnostic names where it is: the old reader gave every one the span 0-0 and no path. */
    @Test
    void everyDiagnosticSaysWhereItIs() {
        Read r = read("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toEntities: [world]
                    toPorts:
                    - ports: [{port: "443", protocol: TCP}]
                  - toCIDRSet:
                    - {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
                """);
        assertThat(r.diagnostics()).filteredOn(PolicyDiagnostic::isError).extracting(PolicyDiagnostic::path)
                .containsExactly("spec.egress[0].toPorts", "spec.egress[1].toCIDRSet");
        assertThat(r.result().egress().leftOut()).extracting(LeftOut::effect).containsOnly(Fidelity.WIDER);
        assertThat(egress(r)).map(RuleSet::toString).hasValue("entity:world, 10.0.0.0/8");
    }
}
