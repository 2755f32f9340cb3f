package io.kcs.cilium.rules.fabric8;

import static io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.common.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resource-level checks: {@code cnp_types.go} / {@code ccnp_types.go} {@code Parse} (tested in Cilium's
 * {@code v2/types_test.go}) and the warnings of {@code utils.go ParseToCiliumRule} ({@code utils_test.go}), ported as
 * example rows, plus golden diagnostics for one badly broken policy.
 */
class CiliumPolicyParseTableTest {

    private static final String NODE_RULE = "{nodeSelector: {}, ingress: [{fromEndpoints: [{matchLabels: {role:"
            + " frontend}}], toPorts: [{ports: [{port: \"80\", protocol: TCP}]}]}]}";
    private static final String ENDPOINT_RULE = NODE_RULE.replace("nodeSelector", "endpointSelector");

    private static List<PolicyDiagnostic> errors(HasMetadata p, String version) {
        return ValidationTables.errors(ValidationTables.validate(p, version, Map.of()));
    }

    @ParameterizedTest(name = "TestParseWithNodeSelector: {0} {1} on 1.{2}: {3}")
    @CsvSource(delimiter = '|', value = {
        // kind | where   | minor | expected code (empty: valid) | path
        "CNP  | spec    | 16 | node-selector-in-cnp | spec.nodeSelector",
        "CNP  | spec    | 20 | node-selector-in-cnp | spec.nodeSelector",
        "CCNP | spec    | 20 |                      |",
        "CNP  | specs   | 19 | node-selector-in-cnp | specs[0].nodeSelector",
        "CNP  | specs   | 20 | node-selector-in-cnp | specs[0].nodeSelector",
        // 1.16-1.18 accept a nodeSelector inside a CNP's specs (types_test.go has the case from 1.19 only)
        "CNP  | specs   | 18 |                      |",
        "CNP  | specs   | 16 |                      |",
        "CCNP | specs   | 20 |                      |",
    })
    void nodeSelectorIsRefusedInACiliumNetworkPolicy(String kind, String where, int minor, String code, String path) {
        String doc = where.equals("spec") ? "spec: " + NODE_RULE : "specs: [" + NODE_RULE + "]";
        HasMetadata p = kind.equals("CNP")
                ? ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: rule1, namespace: default}, " + doc + "}")
                : ValidationTables.policy("CiliumClusterwideNetworkPolicy", "{metadata: {name: rule1}, " + doc + "}");
        if (code == null) {
            assertThat(errors(p, "1." + minor)).isEmpty();
        } else {
            assertThat(errors(p, "1." + minor)).extracting(PolicyDiagnostic::code, PolicyDiagnostic::path)
                    .containsExactly(tuple(code, path));
        }
        // the same rule with an endpointSelector differs in one place and is valid for both kinds
        HasMetadata q = kind.equals("CNP")
                ? ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: rule1, namespace: default}, "
                        + doc.replace(NODE_RULE, ENDPOINT_RULE) + "}")
                : ValidationTables.policy("CiliumClusterwideNetworkPolicy", "{metadata: {name: rule1}, "
                        + doc.replace(NODE_RULE, ENDPOINT_RULE) + "}");
        assertThat(errors(q, "1." + minor)).isEmpty();
    }

    @Test
    void testParseSpecEmptyPolicies() {
        // TestParseSpec: neither spec nor specs -> ErrEmptyCNP / ErrEmptyCCNP
        assertThat(errors(ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: rule1, namespace: default}}"),
                "1.20")).extracting(PolicyDiagnostic::code, PolicyDiagnostic::path).containsExactly(tuple(EMPTY_POLICY, ""));
        assertThat(errors(ValidationTables.policy("CiliumClusterwideNetworkPolicy", "{metadata: {name: rule1}}"), "1.20"))
                .extracting(PolicyDiagnostic::code).containsExactly(EMPTY_POLICY);
        // specs: [] is present: no error, no rule, a warning
        List<PolicyDiagnostic> empty = ValidationTables.validate(ValidationTables.policy("CiliumNetworkPolicy",
                "{metadata: {name: rule1, namespace: default}, specs: []}"), "1.20", Map.of());
        assertThat(empty).extracting(PolicyDiagnostic::severity, PolicyDiagnostic::code)
                .containsExactly(tuple(Severity.WARNING, EMPTY_SPECS));
        // a name is required
        assertThat(errors(ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {namespace: default}, spec: "
                + ENDPOINT_RULE + "}"), "1.20")).extracting(PolicyDiagnostic::code, PolicyDiagnostic::path)
                .containsExactly(tuple(MISSING_NAME, "metadata.name"));
    }

    @Test
    void testParseRulesReportsTheFailingItemOfSpecs() {
        // TestParseRules: the fixture twice in specs is valid; break the second one in one place
        HasMetadata ok = ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: rule1, namespace: default},"
                + " specs: [" + ENDPOINT_RULE + ", " + ENDPOINT_RULE + "]}");
        assertThat(errors(ok, "1.20")).isEmpty();
        HasMetadata bad = ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: rule1, namespace: default},"
                + " specs: [" + ENDPOINT_RULE + ", " + ENDPOINT_RULE.replace("TCP", "TPC") + "]}");
        assertThat(errors(bad, "1.20")).extracting(PolicyDiagnostic::code, PolicyDiagnostic::path)
                .containsExactly(tuple(INVALID_PROTOCOL, "specs[1].ingress[0].toPorts[0].ports[0].protocol"));
    }

    @ParameterizedTest(name = "Test_namespacesAreValid / Test_ParseToCiliumRule: {0}")
    @CsvSource(delimiter = '|', value = {
        // subject matchLabels (policy namespace default) | warning expected
        "'{role: backend}'                                               | false",
        "'{role: backend, \"k8s:io.kubernetes.pod.namespace\": default}'  | false",
        "'{role: backend, \"k8s:io.kubernetes.pod.namespace\": foo}'      | true",
        // without the k8s: source the key is any: and is not looked at by ParseToCiliumRule
        "'{role: backend, \"io.kubernetes.pod.namespace\": foo}'          | false",
    })
    void aForeignNamespaceMatchInTheSubjectIsReplaced(String labels, boolean warned) {
        HasMetadata p = ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: rule1, namespace: default},"
                + " spec: {endpointSelector: {matchLabels: " + labels + "}, ingress: [{}]}}");
        List<PolicyDiagnostic> ds = ValidationTables.validate(p, "1.20", Map.of());
        assertThat(ds).noneMatch(PolicyDiagnostic::isError);
        assertThat(ds).extracting(PolicyDiagnostic::code).containsExactlyElementsOf(
                warned ? List.of(NAMESPACE_MATCH_REPLACED) : List.of());
        if (warned) {
            assertThat(ds.get(0).path()).isEqualTo("spec.endpointSelector.matchLabels.k8s:io.kubernetes.pod.namespace");
        }
    }

    @Test
    void aNamespaceInExpressionsIsWarnedTooAndCcnpsMayMatchAnyNamespace() {
        // Test_namespacesAreValid: [default, foo] is not valid for a policy in default
        HasMetadata p = ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: rule1, namespace: default},"
                + " spec: {endpointSelector: {matchExpressions: [{key: \"k8s:io.kubernetes.pod.namespace\", operator: In,"
                + " values: [default, foo]}]}, ingress: [{}]}}");
        assertThat(ValidationTables.validate(p, "1.20", Map.of())).extracting(PolicyDiagnostic::code)
                .containsExactly(NAMESPACE_MATCH_REPLACED);
        HasMetadata c = ValidationTables.policy("CiliumClusterwideNetworkPolicy", "{metadata: {name: rule1}, spec:"
                + " {endpointSelector: {matchLabels: {\"k8s:io.kubernetes.pod.namespace\": foo}}, ingress: [{}]}}");
        assertThat(ValidationTables.validate(c, "1.20", Map.of())).isEmpty();
    }

    @Test
    void enableDefaultDenyFalseIsIgnoredWhenTheAgentForcesDefaultDeny() {
        String doc = "{metadata: {name: p, namespace: shop}, spec: {endpointSelector: {}, ingress: [{}],"
                + " enableDefaultDeny: {ingress: false}}}";
        HasMetadata p = ValidationTables.policy("CiliumNetworkPolicy", doc);
        assertThat(ValidationTables.validate(p, "1.20", Map.of())).isEmpty();
        assertThat(ValidationTables.validate(p, "1.20", Map.of("enable-non-default-deny-policies", "false")))
                .extracting(PolicyDiagnostic::severity, PolicyDiagnostic::code, PolicyDiagnostic::path)
                .containsExactly(tuple(Severity.WARNING, DEFAULT_DENY_IGNORED, "spec.enableDefaultDeny.ingress"));
        // 1.16 has no such option: the field is always honoured
        assertThat(ValidationTables.validate(p, "1.16", Map.of("enable-non-default-deny-policies", "false"))).isEmpty();
    }

    @Test
    void unknownFieldsAreWarnedWithTheirPath() {
        HasMetadata p = ValidationTables.policy("CiliumNetworkPolicy", "{metadata: {name: p, namespace: shop}, spec:"
                + " {endpointSelector: {}, egress: [{toEndpoints: [{}], toPort: [{ports: [{port: \"80\"}]}]}]}}");
        assertThat(ValidationTables.validate(p, "1.20", Map.of()))
                .extracting(PolicyDiagnostic::severity, PolicyDiagnostic::code, PolicyDiagnostic::path)
                .containsExactly(tuple(Severity.WARNING, UNKNOWN_FIELD, "spec.egress[0].toPort"));
    }

    @Test
    void goldenDiagnosticsOfABadlyBrokenPolicy() {
        HasMetadata p = ValidationTables.policy("CiliumNetworkPolicy", """
                metadata: {name: broken, namespace: shop}
                spec:
                  endpointSelector:
                    matchLabels: {"k8s:io.kubernetes.pod.namespace": payments}
                  ingress:
                  - fromEndpoints: [{matchLabels: {app: web}}]
                    fromCIDR: [10.0.0.0/8]
                    toPorts:
                    - ports: [{port: "8080", protocol: UDP}]
                      rules: {http: [{path: "/api/(v1"}]}
                specs:
                - nodeSelector: {}
                  egress:
                  - toEntities: [wrld]
                    toPorts:
                    - ports: [{port: "53", endPort: 60, protocol: ANY}]
                      rules: {dns: [{matchPattern: "*.example.com"}]}
                - endpointSelector: {}
                """);
        List<String> lines = ValidationTables.validate(p, "1.20", Map.of()).stream().map(PolicyDiagnostic::toString)
                .toList();
        assertThat(lines).containsExactly(
                "WARNING namespace-match-replaced at spec.endpointSelector.matchLabels.k8s:io.kubernetes.pod.namespace:"
                        + " the endpointSelector of a CiliumNetworkPolicy always applies in the policy's namespace"
                        + " \"shop\"; the agent replaces the match of namespace \"payments\" with it. Remove the key, or"
                        + " use a CiliumClusterwideNetworkPolicy (Cilium utils.go ParseToCiliumRule: \"illegal namespace"
                        + " match in EndpointSelector\")",
                "ERROR peer-kinds-combined at spec.ingress[0].fromCIDR: a rule may name one peer kind only, this one"
                        + " has fromEndpoints and fromCIDR; write one rule per peer kind (the rules add up) (Cilium"
                        + " rule_validation.go sanitize: \"combining FromEndpoints and FromCIDR is not supported yet\")",
                "ERROR l7-requires-tcp at spec.ingress[0].toPorts[0].ports[0].protocol: L7 rules apply only to TCP"
                        + " (except DNS rules); this port is UDP. Set protocol: TCP (Cilium rule_validation.go"
                        + " PortRule.sanitize: \"L7 rules can only apply to TCP (not UDP) except for DNS rules\")",
                "ERROR invalid-http-regex at spec.ingress[0].toPorts[0].rules.http[0].path: the HTTP path \"/api/(v1\""
                        + " is not a valid Go (RE2) regular expression: missing closing ); fix it (RE2 has no"
                        + " look-around and no back references) (Cilium http.go PortRuleHTTP.Sanitize)",
                "ERROR node-selector-in-cnp at specs[0].nodeSelector: a CiliumNetworkPolicy cannot select nodes; use a"
                        + " CiliumClusterwideNetworkPolicy for host policies, or endpointSelector (Cilium cnp_types.go"
                        + " Parse: \"rule cannot have NodeSelector\")",
                "ERROR unknown-entity at specs[0].egress[0].toEntities[0]: unknown entity \"wrld\" (did you mean"
                        + " \"world\"?); use one of all, world, world-ipv4, world-ipv6, cluster, host, init, ingress,"
                        + " unmanaged, remote-node, health, none, kube-apiserver (case-sensitive) (Cilium"
                        + " rule_validation.go sanitize: \"unsupported entity\")",
                "ERROR dns-port-range at specs[0].egress[0].toPorts[0].ports[0].endPort: DNS rules do not support port"
                        + " ranges; remove endPort (Cilium rule_validation.go PortProtocol.sanitize: \"DNS rules do not"
                        + " support port ranges\")",
                "ERROR no-section at specs[1]: the rule has none of ingress, ingressDeny, egress, egressDeny; add one"
                        + " (ingress: [{}] denies all ingress) (Cilium rule_validation.go Rule.Sanitize: \"rule must have"
                        + " at least one of Ingress, IngressDeny, Egress, EgressDeny\")");
    }
}
