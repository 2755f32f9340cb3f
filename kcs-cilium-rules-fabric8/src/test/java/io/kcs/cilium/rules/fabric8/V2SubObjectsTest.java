package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.fabric8.v2.AWSGroup;
import io.kcs.cilium.rules.fabric8.v2.Authentication;
import io.kcs.cilium.rules.fabric8.v2.CiliumModel;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EnvoyConfig;
import io.kcs.cilium.rules.fabric8.v2.Groups;
import io.kcs.cilium.rules.fabric8.v2.HeaderMatch;
import io.kcs.cilium.rules.fabric8.v2.Listener;
import io.kcs.cilium.rules.fabric8.v2.LogConfig;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.PortRuleKafka;
import io.kcs.cilium.rules.fabric8.v2.Secret;
import io.kcs.cilium.rules.fabric8.v2.TLSContext;
import io.kcs.cilium.rules.policy.AuthenticationMode;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed sub-objects of the {@code cilium.io/v2} model that replaced maps ({@link Listener}, {@link EnvoyConfig},
 * {@link TLSContext}, {@link Secret}, {@link PortRuleKafka}, {@link HeaderMatch}, {@link Groups}, {@link AWSGroup},
 * {@link Authentication}, {@link LogConfig}), written Given/When/Then: each reads from YAML into its class and writes
 * back the same text with an unknown field kept; a wrong JSON type inside one is refused with its line; the
 * validator reports an unknown field inside one (and nothing for its twin without it); the reader converts each to
 * the core model and the writer converts back to an equal object.
 */
class V2SubObjectsTest {

    private static final String HEAD = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: p
              namespace: shop
            spec:
              endpointSelector: {}
            """;

    private static final String EGRESS_PORT = """
              egress:
              - toEndpoints:
                - {}
                toPorts:
                - ports:
                  - port: "443"
                    protocol: TCP
            """;

    private static PortRule port0(CiliumNetworkPolicy p) {
        return p.getSpec().getEgress().get(0).getToPorts().get(0);
    }

    /** A row: the policy text (canonical output form) and where its typed object of {@code type} is. */
    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("TLSContext and Secret (terminatingTLS)", EGRESS_PORT + """
                              terminatingTLS:
                                certificate: tls.crt
                                privateKey: tls.key
                                secret:
                                  name: web
                                  namespace: shop
                                  x-future: a
                                trustedCA: ca.crt
                                x-future: b
                        """, TLSContext.class, (Function<CiliumNetworkPolicy, Object>) p -> port0(p)
                        .getTerminatingTLS()),
                Arguments.of("TLSContext (originatingTLS)", EGRESS_PORT + """
                              originatingTLS:
                                secret:
                                  name: ca
                                x-future: b
                        """, TLSContext.class, (Function<CiliumNetworkPolicy, Object>) p -> port0(p)
                        .getOriginatingTLS()),
                Arguments.of("Listener and EnvoyConfig", EGRESS_PORT + """
                              listener:
                                envoyConfig:
                                  kind: CiliumEnvoyConfig
                                  name: proxy
                                  x-future: a
                                name: egress
                                priority: 10
                                x-future: b
                        """, Listener.class, (Function<CiliumNetworkPolicy, Object>) p -> port0(p).getListener()),
                Arguments.of("PortRuleKafka", EGRESS_PORT + """
                              rules:
                                kafka:
                                - apiKey: fetch
                                  apiVersion: "3"
                                  clientID: c1
                                  topic: orders
                                  x-future: b
                                - role: produce
                        """, PortRuleKafka.class, (Function<CiliumNetworkPolicy, Object>) p -> port0(p).getRules()
                        .getKafka().get(0)),
                Arguments.of("HeaderMatch and Secret", EGRESS_PORT + """
                              rules:
                                http:
                                - headerMatches:
                                  - mismatch: LOG
                                    name: X-Token
                                    secret:
                                      name: token
                                      namespace: shop
                                    value: fallback
                                    x-future: b
                        """, HeaderMatch.class, (Function<CiliumNetworkPolicy, Object>) p -> port0(p).getRules()
                        .getHttp().get(0).getHeaderMatches().get(0)),
                Arguments.of("Groups and AWSGroup (toGroups)", """
                          egress:
                          - toGroups:
                            - aws:
                                labels:
                                  env: prod
                                region: eu-west-1
                                securityGroupsIds:
                                - sg-1
                                securityGroupsNames:
                                - web
                                x-future: a
                              x-future: b
                        """, Groups.class, (Function<CiliumNetworkPolicy, Object>) p -> p.getSpec().getEgress().get(0)
                        .getToGroups().get(0)),
                Arguments.of("Groups (fromGroups)", """
                          ingress:
                          - fromGroups:
                            - aws:
                                securityGroupsIds:
                                - sg-2
                              x-future: b
                        """, Groups.class, (Function<CiliumNetworkPolicy, Object>) p -> p.getSpec().getIngress().get(0)
                        .getFromGroups().get(0)),
                Arguments.of("Authentication", """
                          ingress:
                          - fromEntities:
                            - cluster
                            authentication:
                              mode: required
                              x-future: b
                        """, Authentication.class, (Function<CiliumNetworkPolicy, Object>) p -> p.getSpec()
                        .getIngress().get(0).getAuthentication()),
                Arguments.of("LogConfig", """
                          ingress:
                          - {}
                          log:
                            value: web
                            x-future: b
                        """, LogConfig.class, (Function<CiliumNetworkPolicy, Object>) p -> p.getSpec().getLog()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void readsIntoItsClassAndWritesTheSameTextWithUnknownFieldsKept(String what, String spec, Class<?> type,
            Function<CiliumNetworkPolicy, Object> at) {
        // Given a policy with the object, an unknown field in it
        String yaml = HEAD + spec;
        // When it is read and written back
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
        // Then the object has its class and keeps the unknown field, and the text is unchanged
        Object o = at.apply(p);
        assertThat(o).isInstanceOf(type);
        assertThat(((CiliumModel) o).getAdditionalProperties()).containsEntry("x-future", "b");
        assertThat(CiliumPolicies.toYaml(p)).isEqualTo(yaml);
        // and JSON reads back to an equal object, which a twin without the unknown field is not
        CiliumNetworkPolicy json = CiliumPolicies.fromYaml(CiliumPolicies.toJson(p), CiliumNetworkPolicy.class);
        assertThat(json).isEqualTo(p);
        assertThat(at.apply(json)).isEqualTo(o).hasSameHashCodeAs(o);
        CiliumNetworkPolicy twin = CiliumPolicies.fromYaml(yaml.replace("x-future: b", "x-future: c"),
                CiliumNetworkPolicy.class);
        assertThat(at.apply(twin)).isNotEqualTo(o);
    }

    /**
     * Wrong JSON types inside the objects: the document is refused with the line of the value (the CLI's
     * {@code PolicyDocumentsTest} has the same rows with their paths).
     */
    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("kafka apiVersion is an object", EGRESS_PORT + """
                              rules:
                                kafka:
                                - apiVersion: {}
                        """, 17),
                Arguments.of("headerMatches is a string", EGRESS_PORT + """
                              rules:
                                http:
                                - headerMatches: x
                        """, 17),
                Arguments.of("header match secret name is a list", EGRESS_PORT + """
                              rules:
                                http:
                                - headerMatches:
                                  - name: X
                                    secret: {name: [a]}
                        """, 19),
                Arguments.of("listener priority is a word", EGRESS_PORT + """
                              listener: {envoyConfig: {name: a}, name: b, priority: high}
                        """, 15),
                Arguments.of("listener envoyConfig is a list", EGRESS_PORT + """
                              listener: {envoyConfig: [], name: b}
                        """, 15),
                Arguments.of("TLS secret is a string", EGRESS_PORT + """
                              terminatingTLS:
                                secret: web
                        """, 16),
                Arguments.of("originatingTLS is a list", EGRESS_PORT + """
                              originatingTLS: []
                        """, 15),
                Arguments.of("AWS security group IDs are a map", """
                          egress:
                          - toGroups:
                            - aws:
                                securityGroupsIds: {a: b}
                        """, 11),
                Arguments.of("AWS labels hold a list", """
                          ingress:
                          - fromGroups:
                            - aws:
                                labels: {a: [1]}
                        """, 11),
                Arguments.of("authentication mode is a list", """
                          egress:
                          - toEntities: [world]
                            authentication: {mode: [required]}
                        """, 10),
                Arguments.of("log value is a map", """
                          ingress:
                          - {}
                          log:
                            value: {a: 1}
                        """, 11));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void aWrongJsonTypeInsideIsRefusedWithItsLine(String what, String spec, int line) {
        String yaml = HEAD + spec;
        assertThatThrownBy(() -> CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid CiliumNetworkPolicy YAML at line " + line + ", column");
        // the same object with a value of the right type reads (the rows differ in one place)
        String fixed = yaml.replace("apiVersion: {}", "apiVersion: \"1\"").replace("headerMatches: x", "headerMatches: []")
                .replace("{name: [a]}", "{name: a}").replace("priority: high", "priority: 1")
                .replace("envoyConfig: []", "envoyConfig: {}").replace("secret: web", "secret: {name: web}")
                .replace("originatingTLS: []", "originatingTLS: {}").replace("{a: b}", "[a]")
                .replace("{a: [1]}", "{a: \"1\"}").replace("[required]", "required").replace("{a: 1}", "a");
        assertThat(fixed).isNotEqualTo(yaml);
        assertThat(CiliumPolicies.fromYaml(fixed, CiliumNetworkPolicy.class).getSpec()).isNotNull();
    }

    /** Unknown fields inside the objects are reported, each at its path; the twin without it is clean. */
    static Stream<Arguments> unknownFields() {
        String tls = EGRESS_PORT + "      terminatingTLS: {secret: {name: web%s}%s}\n";
        String listener = EGRESS_PORT + "      listener: {envoyConfig: {name: proxy%s}, name: l%s}\n";
        String kafka = EGRESS_PORT.replace("\"443\"", "\"9092\"") + "      rules: {kafka: [{role: produce%s}]}\n";
        String header = EGRESS_PORT + "      rules: {http: [{headerMatches: [{name: X, secret: {name: s%s}%s}]}]}\n";
        String groups = "  egress:\n  - toGroups: [{aws: {securityGroupsIds: [sg-1]%s}%s}]\n";
        String auth = "  ingress:\n  - fromEntities: [cluster]\n    authentication: {mode: required%s}\n";
        String egressAuth = "  egress:\n  - toEntities: [world]\n    authentication: {mode: required%s}\n";
        String log = "  ingress:\n  - {}\n  log: {value: web%s}\n";
        String port = "spec.egress[0].toPorts[0]";
        String x = ", x-unknown: 1";
        return Stream.of(
                Arguments.of("TLSContext", tls.formatted("", x), port + ".terminatingTLS.x-unknown"),
                Arguments.of("Secret of a TLS context", tls.formatted(x, ""), port + ".terminatingTLS.secret.x-unknown"),
                Arguments.of("originatingTLS", tls.formatted("", x).replace("terminatingTLS", "originatingTLS"),
                        port + ".originatingTLS.x-unknown"),
                Arguments.of("Listener", listener.formatted("", x), port + ".listener.x-unknown"),
                Arguments.of("EnvoyConfig", listener.formatted(x, ""), port + ".listener.envoyConfig.x-unknown"),
                Arguments.of("PortRuleKafka", kafka.formatted(x), port + ".rules.kafka[0].x-unknown"),
                Arguments.of("HeaderMatch", header.formatted("", x), port + ".rules.http[0].headerMatches[0].x-unknown"),
                Arguments.of("Secret of a header match", header.formatted(x, ""),
                        port + ".rules.http[0].headerMatches[0].secret.x-unknown"),
                Arguments.of("Groups", groups.formatted("", x), "spec.egress[0].toGroups[0].x-unknown"),
                Arguments.of("AWSGroup", groups.formatted(x, ""), "spec.egress[0].toGroups[0].aws.x-unknown"),
                Arguments.of("Groups (fromGroups)", groups.formatted("", x).replace("egress", "ingress")
                        .replace("toGroups", "fromGroups"), "spec.ingress[0].fromGroups[0].x-unknown"),
                Arguments.of("Authentication (ingress)", auth.formatted(x), "spec.ingress[0].authentication.x-unknown"),
                Arguments.of("Authentication (egress)", egressAuth.formatted(x),
                        "spec.egress[0].authentication.x-unknown"),
                Arguments.of("LogConfig", log.formatted(x), "spec.log.x-unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownFields")
    void anUnknownFieldInsideIsWarnedAtItsPath(String what, String spec, String path) {
        CiliumNetworkPolicy bad = CiliumPolicies.fromYaml(HEAD + spec, CiliumNetworkPolicy.class);
        List<PolicyDiagnostic> ds = ValidationTables.validate(bad, "1.19", Map.of());
        assertThat(ds).extracting(PolicyDiagnostic::severity, PolicyDiagnostic::code, PolicyDiagnostic::path)
                .containsExactly(tuple(Severity.WARNING, PolicyDiagnosticCodes.UNKNOWN_FIELD, path));
        assertThat(ds.get(0).message()).contains("\"x-unknown\"");
        CiliumNetworkPolicy twin = CiliumPolicies.fromYaml(HEAD + spec.replace(", x-unknown: 1", ""),
                CiliumNetworkPolicy.class);
        assertThat(ValidationTables.validate(twin, "1.19", Map.of())).isEmpty();
    }

    @Test
    void authenticationInADenyRuleIsStillOneUnknownFieldOfTheRule() {
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(HEAD + "  egressDeny:\n  - toEntities: [world]\n"
                + "    authentication: {mode: required, x-unknown: 1}\n", CiliumNetworkPolicy.class);
        assertThat(ValidationTables.validate(p, "1.19", Map.of())).extracting(PolicyDiagnostic::path)
                .containsExactly("spec.egressDeny[0].authentication");
    }

    @Test
    void theValidatorChecksTheTypedValuesAsItCheckedTheMaps() {
        // Given typed objects with values the agent refuses
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(HEAD + EGRESS_PORT + """
                      rules:
                        http:
                        - headerMatches:
                          - mismatch: log
                            secret: {namespace: a}
                """, CiliumNetworkPolicy.class);
        // Then each is reported at its path
        String m = "spec.egress[0].toPorts[0].rules.http[0].headerMatches[0]";
        assertThat(ValidationTables.errors(ValidationTables.validate(p, "1.19", Map.of())))
                .extracting(PolicyDiagnostic::code, PolicyDiagnostic::path).containsExactly(
                        tuple(PolicyDiagnosticCodes.INVALID_HEADER_MATCH, m + ".name"),
                        tuple(PolicyDiagnosticCodes.INVALID_HEADER_MATCH, m + ".mismatch"),
                        tuple(PolicyDiagnosticCodes.INVALID_HEADER_MATCH, m + ".secret.name"));
        // and a Kafka apiVersion written as a number is read as its text, as the map was
        CiliumNetworkPolicy k = CiliumPolicies.fromYaml(HEAD + EGRESS_PORT.replace("\"443\"", "\"9092\"")
                + "      rules: {kafka: [{apiVersion: 40000}]}\n", CiliumNetworkPolicy.class);
        assertThat(port0(k).getRules().getKafka().get(0).getApiVersion()).isEqualTo("40000");
        assertThat(ValidationTables.errors(ValidationTables.validate(k, "1.19", Map.of())))
                .extracting(PolicyDiagnostic::code, PolicyDiagnostic::path).containsExactly(
                        tuple(PolicyDiagnosticCodes.INVALID_KAFKA_RULE,
                                "spec.egress[0].toPorts[0].rules.kafka[0].apiVersion"));
    }

    @Test
    void theReaderConvertsEachObjectAndTheWriterWritesItBack() {
        // Given a policy with every typed sub-object (no unknown field)
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(HEAD + """
                  ingress:
                  - fromGroups:
                    - aws: {labels: {env: prod}, securityGroupsIds: [sg-1], securityGroupsNames: [web], region: r}
                    authentication: {mode: required}
                  egress:
                  - toEndpoints: [{}]
                    toPorts:
                    - ports: [{port: "443", protocol: TCP}]
                      terminatingTLS: {secret: {name: web, namespace: shop}, certificate: c, privateKey: k, trustedCA: t}
                      originatingTLS: {secret: {name: ca}}
                      rules:
                        http:
                        - headerMatches: [{name: X-Token, mismatch: REPLACE, secret: {name: s}, value: v}]
                  - toEndpoints: [{}]
                    toPorts:
                    - ports: [{port: "8443", protocol: TCP}]
                      listener: {envoyConfig: {kind: CiliumEnvoyConfig, name: proxy}, name: l, priority: 7}
                  - toEndpoints: [{}]
                    toPorts:
                    - ports: [{port: "9092", protocol: TCP}]
                      rules: {kafka: [{role: consume, topic: orders, clientID: c1}, {apiKey: fetch, apiVersion: "2"}]}
                  log: {value: web-log}
                """, CiliumNetworkPolicy.class);
        // When the reader converts it (Cilium 1.19: Kafka still exists)
        PolicyReadResult read = CiliumPolicyReader.create(MappingOptions.defaults().withCiliumVersion("1.19")).read(p);
        assertThat(read.valid()).as("%s", read).isTrue();
        PolicyRule r = read.rules().get(0);
        // Then the core model holds the values
        assertThat(r.log()).contains("web-log");
        assertThat(r.ingress().get(0).authentication()).contains(AuthenticationMode.parse("required").orElseThrow());
        var aws = r.ingress().get(0).from().groups().orElseThrow().get(0).aws().orElseThrow();
        assertThat(aws.labels()).containsEntry("env", "prod");
        assertThat(aws.securityGroupsIds()).containsExactly("sg-1");
        assertThat(aws.securityGroupsNames()).containsExactly("web");
        assertThat(aws.region()).contains("r");
        var tlsPort = r.egress().get(0).toPorts().get(0);
        var tls = tlsPort.terminatingTls().orElseThrow();
        assertThat(tls.secret().orElseThrow().namespace()).contains("shop");
        assertThat(tls.secret().orElseThrow().name()).isEqualTo("web");
        assertThat(List.of(tls.certificate(), tls.privateKey(), tls.trustedCa())).containsExactly(Optional.of("c"),
                Optional.of("k"), Optional.of("t"));
        assertThat(tlsPort.originatingTls().orElseThrow().secret().orElseThrow().namespace()).isEmpty();
        var header = tlsPort.rules().orElseThrow().http().get(0).headerMatches().get(0);
        assertThat(header.name()).isEqualTo("X-Token");
        assertThat(header.mismatch().orElseThrow().name()).isEqualTo("REPLACE");
        assertThat(header.secret().orElseThrow().name()).isEqualTo("s");
        assertThat(header.value()).contains("v");
        var listener = r.egress().get(1).toPorts().get(0).listener().orElseThrow();
        assertThat(List.of(listener.envoyConfigKind(), listener.envoyConfigName(), listener.name()))
                .containsExactly("CiliumEnvoyConfig", "proxy", "l");
        assertThat(listener.priority()).isEqualTo(7);
        var kafka = r.egress().get(2).toPorts().get(0).rules().orElseThrow().kafka();
        assertThat(kafka).hasSize(2);
        assertThat(kafka.get(0).role()).contains("consume");
        assertThat(kafka.get(0).clientId()).contains("c1");
        assertThat(kafka.get(1).apiVersion()).contains("2");
        // And the writer gives back equal typed objects
        io.kcs.cilium.rules.fabric8.v2.Rule back = CiliumPolicyWriter.create().rule(r);
        assertThat(back.getLog()).isEqualTo(p.getSpec().getLog());
        assertThat(back.getIngress().get(0).getFromGroups()).isEqualTo(p.getSpec().getIngress().get(0).getFromGroups());
        assertThat(back.getIngress().get(0).getAuthentication())
                .isEqualTo(p.getSpec().getIngress().get(0).getAuthentication());
        for (int i = 0; i < 3; i++) {
            PortRule in = p.getSpec().getEgress().get(i).getToPorts().get(0);
            PortRule out = back.getEgress().get(i).getToPorts().get(0);
            assertThat(out.getTerminatingTLS()).isEqualTo(in.getTerminatingTLS());
            assertThat(out.getOriginatingTLS()).isEqualTo(in.getOriginatingTLS());
            assertThat(out.getListener()).isEqualTo(in.getListener());
            assertThat(out.getRules()).isEqualTo(in.getRules());
        }
    }
}
