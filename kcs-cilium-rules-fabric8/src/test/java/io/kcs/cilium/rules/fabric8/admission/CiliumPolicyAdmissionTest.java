package io.kcs.cilium.rules.fabric8.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The admission handler's documented behaviour as tables: each refused row has an allowed twin that differs in one
 * place (the policy, the operation, the kind, the subresource).
 */
class CiliumPolicyAdmissionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CiliumPolicyAdmission ADMISSION = CiliumPolicyAdmission.create(MappingOptions.defaults()
            .withCiliumVersion("1.19"));

    static final String VALID_SPEC = """
            {"endpointSelector": {"matchLabels": {"app": "web"}},
             "ingress": [{"fromEndpoints": [{"matchLabels": {"app": "lb"}}],
                          "toPorts": [{"ports": [{"port": "80", "protocol": "TCP"}]}]}]}""";
    /** VALID_SPEC with port 99999 (the agent's PortProtocol.sanitize refuses ports above 65535). */
    static final String BAD_PORT_SPEC = VALID_SPEC.replace("\"80\"", "\"99999\"");
    static final String BAD_PORT_PATH = "spec.ingress[0].toPorts[0].ports[0].port";
    /** VALID_SPEC with an unknown field (a WARNING of the validator, not a lint). */
    static final String UNKNOWN_FIELD_SPEC = VALID_SPEC.replace("\"endpointSelector\"", "\"fancy\": 1, \"endpointSelector\"");
    /** VALID_SPEC selecting every pod (the lint empty-endpoint-selector). */
    static final String EMPTY_SELECTOR_SPEC = VALID_SPEC.replace("{\"matchLabels\": {\"app\": \"web\"}}", "{}");

    static String policy(String kind, String namespace, String spec) {
        String ns = namespace == null ? "" : ", \"namespace\": \"" + namespace + "\"";
        return "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"" + kind + "\", \"metadata\": {\"name\": \"web\"" + ns
                + "}, \"spec\": " + spec + "}";
    }

    static String review(String operation, String group, String version, String kind, String subResource,
                         String object) {
        return """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
                   "kind": {"group": "%s", "version": "%s", "kind": "%s"},
                   "resource": {"group": "%s", "version": "%s", "resource": "x"},
                   %s
                   "name": "web", "namespace": "shop", "operation": "%s",
                   "userInfo": {"username": "admin"}, "dryRun": false,
                   "object": %s}}""".formatted(group, version, kind, group, version,
                subResource == null ? "" : "\"subResource\": \"" + subResource + "\",", operation, object);
    }

    static String cnpReview(String operation, String spec) {
        return review(operation, "cilium.io", "v2", "CiliumNetworkPolicy", null,
                policy("CiliumNetworkPolicy", "shop", spec));
    }

    static AdmissionReview parse(String json) {
        try {
            return CiliumPolicyAdmission.readReview(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e);
        }
    }

    static AdmissionResponse answer(CiliumPolicyAdmission a, String json) {
        AdmissionReview out = a.review(parse(json));
        // the bytes path answers every row exactly as the object path does
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new String(CiliumPolicyAdmission.writeReview(a.reviewJson(bytes)),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(new String(CiliumPolicyAdmission.writeReview(out),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(out.getApiVersion()).isEqualTo("admission.k8s.io/v1");
        assertThat(out.getKind()).isEqualTo("AdmissionReview");
        assertThat(out.getResponse().getUid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        // the answer survives a JSON round trip as the API server reads it
        try {
            JsonNode tree = JSON.valueToTree(out);
            assertThat(tree.path("response").path("allowed").isBoolean()).isTrue();
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e);
        }
        return out.getResponse();
    }

    static Stream<Arguments> verdicts() {
        String cnp = "CiliumNetworkPolicy";
        String ccnp = "CiliumClusterwideNetworkPolicy";
        return Stream.of(
                // name, review, allowed
                Arguments.of("valid CNP CREATE", cnpReview("CREATE", VALID_SPEC), true),
                Arguments.of("invalid CNP CREATE", cnpReview("CREATE", BAD_PORT_SPEC), false),
                Arguments.of("valid CNP UPDATE", cnpReview("UPDATE", VALID_SPEC), true),
                Arguments.of("invalid CNP UPDATE", cnpReview("UPDATE", BAD_PORT_SPEC), false),
                Arguments.of("invalid CNP DELETE", cnpReview("DELETE", BAD_PORT_SPEC), true),
                Arguments.of("invalid CNP CONNECT", cnpReview("CONNECT", BAD_PORT_SPEC), true),
                Arguments.of("invalid CNP, unknown operation", cnpReview("PATCH", BAD_PORT_SPEC), true),
                Arguments.of("valid CCNP CREATE", review("CREATE", "cilium.io", "v2", ccnp, null,
                        policy(ccnp, null, VALID_SPEC)), true),
                Arguments.of("invalid CCNP CREATE", review("CREATE", "cilium.io", "v2", ccnp, null,
                        policy(ccnp, null, BAD_PORT_SPEC)), false),
                Arguments.of("invalid CNP status subresource", review("UPDATE", "cilium.io", "v2", cnp, "status",
                        policy(cnp, "shop", BAD_PORT_SPEC)), true),
                Arguments.of("invalid CNP as v2alpha1", review("CREATE", "cilium.io", "v2alpha1", cnp, null,
                        policy(cnp, "shop", BAD_PORT_SPEC)), true),
                Arguments.of("invalid CNP as another group", review("CREATE", "example.com", "v2", cnp, null,
                        policy(cnp, "shop", BAD_PORT_SPEC)), true),
                Arguments.of("a Pod", review("CREATE", "", "v1", "Pod", null,
                        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}}"), true),
                Arguments.of("invalid CNP without metadata.namespace (the request's is used)", review("CREATE",
                        "cilium.io", "v2", cnp, null, policy(cnp, null, BAD_PORT_SPEC)), false),
                Arguments.of("valid CNP without metadata.namespace", review("CREATE",
                        "cilium.io", "v2", cnp, null, policy(cnp, null, VALID_SPEC)), true),
                Arguments.of("dry run, invalid", cnpReview("CREATE", BAD_PORT_SPEC)
                        .replace("\"dryRun\": false", "\"dryRun\": true"), false),
                Arguments.of("dry run, valid", cnpReview("CREATE", VALID_SPEC)
                        .replace("\"dryRun\": false", "\"dryRun\": true"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void verdictTable(String name, String review, boolean allowed) {
        AdmissionResponse r = answer(ADMISSION, review);
        // every row is a well-formed request the bytes path answers in one pass (not by falling back)
        assertThat(ADMISSION.reviewStreamedOnly(review.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as(name).isNotNull();
        assertThat(r.getAllowed()).as(name + ": %s", r).isEqualTo(allowed);
        if (allowed) {
            assertThat(r.getStatus()).isNull();
            assertThat(r.getPatch()).isNull();
        } else {
            assertThat(r.getStatus().getCode()).isEqualTo(422);
            assertThat(r.getStatus().getReason()).isEqualTo("Invalid");
            assertThat(r.getStatus().getMessage()).contains(BAD_PORT_PATH).contains("99999");
            assertThat(r.getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
                    .containsExactly(BAD_PORT_PATH);
            assertThat(r.getStatus().getDetails().getCauses()).extracting(StatusCause::getReason)
                    .containsExactly(PolicyDiagnosticCodes.INVALID_PORT);
        }
    }

    @Test
    void everyErrorIsListedWithItsPathAndACause() {
        String spec = BAD_PORT_SPEC.replace("\"TCP\"", "\"SCTPX\"");
        AdmissionResponse r = answer(ADMISSION, cnpReview("CREATE", spec));
        assertThat(r.getAllowed()).isFalse();
        List<StatusCause> causes = r.getStatus().getDetails().getCauses();
        assertThat(causes).hasSize(2);
        assertThat(causes).extracting(StatusCause::getField).containsExactlyInAnyOrder(BAD_PORT_PATH,
                "spec.ingress[0].toPorts[0].ports[0].protocol");
        for (StatusCause c : causes) {
            assertThat(r.getStatus().getMessage()).contains(c.getField() + ": " + c.getMessage());
        }
        assertThat(r.getStatus().getMessage()).startsWith("CiliumNetworkPolicy shop/web is refused by Cilium 1.19: "
                + "2 errors: ");
        assertThat(r.getStatus().getDetails().getName()).isEqualTo("web");
        assertThat(r.getStatus().getDetails().getKind()).isEqualTo("CiliumNetworkPolicy");
        assertThat(r.getStatus().getDetails().getGroup()).isEqualTo("cilium.io");
    }

    @Test
    void validatorWarningsBecomeAdmissionWarnings() {
        AdmissionResponse r = answer(ADMISSION, cnpReview("CREATE", UNKNOWN_FIELD_SPEC));
        assertThat(r.getAllowed()).isTrue();
        assertThat(r.getWarnings()).singleElement().satisfies(w -> {
            assertThat(w).startsWith("spec.fancy: ");
            assertThat(w.length()).isLessThanOrEqualTo(CiliumPolicyAdmission.MAX_WARNING_CHARS);
        });
        // the same policy without the unknown field has no warnings
        assertThat(answer(ADMISSION, cnpReview("CREATE", VALID_SPEC)).getWarnings()).isNullOrEmpty();
    }

    @Test
    void lintsAreWarningsOnlyWhenEnabled() {
        String review = cnpReview("CREATE", EMPTY_SELECTOR_SPEC);
        AdmissionResponse off = answer(ADMISSION, review);
        assertThat(off.getAllowed()).isTrue();
        assertThat(off.getWarnings()).isNullOrEmpty();
        AdmissionResponse on = answer(ADMISSION.withLints(true), review);
        assertThat(on.getAllowed()).isTrue();
        assertThat(on.getWarnings()).singleElement().asString().startsWith("spec.endpointSelector");
    }

    @Test
    void denyOnWarningsRefusesAPolicyWithAWarning() {
        CiliumPolicyAdmission strict = ADMISSION.withDenyOnWarnings(true);
        AdmissionResponse r = answer(strict, cnpReview("CREATE", UNKNOWN_FIELD_SPEC));
        assertThat(r.getAllowed()).isFalse();
        assertThat(r.getStatus().getCode()).isEqualTo(422);
        assertThat(r.getStatus().getMessage()).contains("spec.fancy");
        assertThat(r.getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
                .containsExactly("spec.fancy");
        // lints off: the lint does not refuse; lints on: it does
        assertThat(answer(strict, cnpReview("CREATE", EMPTY_SELECTOR_SPEC)).getAllowed()).isTrue();
        assertThat(answer(strict.withLints(true), cnpReview("CREATE", EMPTY_SELECTOR_SPEC)).getAllowed()).isFalse();
        assertThat(answer(strict, cnpReview("CREATE", VALID_SPEC)).getAllowed()).isTrue();
    }

    static Stream<Arguments> malformed() {
        String cnp = "CiliumNetworkPolicy";
        return Stream.of(
                Arguments.of("no object", review("CREATE", "cilium.io", "v2", cnp, null, "null"), "without an object"),
                Arguments.of("object is a number", review("CREATE", "cilium.io", "v2", cnp, null, "12"),
                        "not a JSON object"),
                Arguments.of("object is a string", review("CREATE", "cilium.io", "v2", cnp, null, "\"web\""),
                        "not a JSON object"),
                Arguments.of("object is an array", review("CREATE", "cilium.io", "v2", cnp, null, "[1, 2]"),
                        "not a JSON object"),
                Arguments.of("spec is a string", review("CREATE", "cilium.io", "v2", cnp, null,
                        policy(cnp, "shop", "\"everything\"")), "cannot decode the CiliumNetworkPolicy"),
                Arguments.of("ports is an object", cnpReview("CREATE", VALID_SPEC.replace(
                        "[{\"port\": \"80\", \"protocol\": \"TCP\"}]", "{\"port\": 80}")),
                        "cannot decode the CiliumNetworkPolicy"),
                Arguments.of("a header match is a string", cnpReview("CREATE", VALID_SPEC.replace(
                        "\"protocol\": \"TCP\"}]",
                        "\"protocol\": \"TCP\"}], \"rules\": {\"http\": [{\"headerMatches\": \"x\"}]}")),
                        "cannot decode the CiliumNetworkPolicy"),
                Arguments.of("a listener priority is an object", cnpReview("CREATE", VALID_SPEC.replace(
                        "\"protocol\": \"TCP\"}]", "\"protocol\": \"TCP\"}], \"listener\": {\"priority\": {}}")),
                        "cannot decode the CiliumNetworkPolicy"),
                Arguments.of("an authentication mode is a list", cnpReview("CREATE", VALID_SPEC.replace(
                        "\"toPorts\"", "\"authentication\": {\"mode\": [\"required\"]}, \"toPorts\"")),
                        "cannot decode the CiliumNetworkPolicy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRequestsAreRefusedWithAClearMessage(String name, String review, String message) {
        AdmissionResponse r = answer(ADMISSION, review);
        // the bytes path leaves malformed objects to the tree path, whose message is the reference
        assertThat(ADMISSION.reviewStreamedOnly(review.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as(name).isNull();
        assertThat(r.getAllowed()).isFalse();
        assertThat(r.getStatus().getCode()).isEqualTo(400);
        assertThat(r.getStatus().getMessage()).contains(message);
    }

    @Test
    void aReviewWithoutRequestOrWithoutAnythingIsRefusedNotThrown() {
        for (AdmissionReview in : new AdmissionReview[] {null, new AdmissionReview()}) {
            AdmissionReview out = ADMISSION.review(in);
            assertThat(out.getApiVersion()).isEqualTo("admission.k8s.io/v1");
            assertThat(out.getKind()).isEqualTo("AdmissionReview");
            assertThat(out.getResponse().getAllowed()).isFalse();
            assertThat(out.getResponse().getUid()).isEmpty();
            assertThat(out.getResponse().getStatus().getCode()).isEqualTo(400);
            assertThat(out.getResponse().getStatus().getMessage()).contains("no request");
        }
        // a request without kind or operation is allowed untouched (it is not a policy write)
        AdmissionReview empty = new AdmissionReview();
        empty.setRequest(new AdmissionRequest());
        assertThat(ADMISSION.review(empty).getResponse().getAllowed()).isTrue();
    }

    @Test
    void readReviewRefusesWhatIsNotAnAdmissionReviewWithAPreciseMessage() {
        for (String[] row : new String[][] {
                {"{\"request\": ", "not JSON"},
                {"[1]", "not a JSON object"},
                {"{\"request\": {\"uid\": {\"a\": 1}}}", "not an AdmissionReview"},
                {"{\"request\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "not JSON"}}) {
            assertThatThrownBy(() -> CiliumPolicyAdmission.readReview(row[0].getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).as(row[1]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(row[1]);
            String message = catchThrowable(() -> CiliumPolicyAdmission.readReview(row[0].getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).getMessage();
            assertThatThrownBy(() -> ADMISSION.reviewJson(row[0].getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(row[1]).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        }
        // and a review read back from its own JSON keeps its answer
        AdmissionReview answer = ADMISSION.review(parse(cnpReview("CREATE", BAD_PORT_SPEC)));
        AdmissionReview back = CiliumPolicyAdmission.readReview(CiliumPolicyAdmission.writeReview(answer));
        assertThat(back.getResponse()).isEqualTo(answer.getResponse());
    }

    @Test
    void theRequestsApiVersionIsEchoed() {
        AdmissionReview in = parse(cnpReview("CREATE", VALID_SPEC));
        in.setApiVersion("admission.k8s.io/v1beta1");
        assertThat(ADMISSION.review(in).getApiVersion()).isEqualTo("admission.k8s.io/v1beta1");
    }

    @Test
    void typedMapAndTreeObjectsAreJudgedAlikeAndNotModified() throws Exception {
        String json = policy("CiliumNetworkPolicy", null, BAD_PORT_SPEC);
        CiliumNetworkPolicy typed = CiliumPolicies.fromYaml(json, CiliumNetworkPolicy.class);
        String before = CiliumPolicies.toJson(typed);
        Map<?, ?> map = JSON.readValue(json, Map.class);
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        for (Object object : new Object[] {typed, map, tree}) {
            AdmissionReview in = parse(cnpReview("CREATE", VALID_SPEC));
            in.getRequest().setObject(object);
            AdmissionResponse r = ADMISSION.review(in).getResponse();
            assertThat(r.getAllowed()).as("%s", object.getClass()).isFalse();
            assertThat(r.getStatus().getMessage()).startsWith("CiliumNetworkPolicy shop/web is refused");
        }
        assertThat(CiliumPolicies.toJson(typed)).isEqualTo(before);
        assertThat(typed.getMetadata().getNamespace()).isNull();
    }

    @Test
    void aHugeInvalidPolicyGivesABoundedAnswer() {
        StringBuilder ingress = new StringBuilder();
        int n = 3000;
        for (int i = 0; i < n; i++) {
            ingress.append(i == 0 ? "" : ",").append("{\"toPorts\": [{\"ports\": [{\"port\": \"")
                    .append(70000 + i).append("\", \"protocol\": \"TCP\"}]}]}");
        }
        String spec = "{\"endpointSelector\": {}, \"ingress\": [" + ingress + "]}";
        AdmissionResponse r = answer(ADMISSION, cnpReview("CREATE", spec));
        assertThat(r.getAllowed()).isFalse();
        String m = r.getStatus().getMessage();
        assertThat(m.length()).isLessThanOrEqualTo(CiliumPolicyAdmission.MAX_MESSAGE_CHARS);
        assertThat(m).contains("spec.ingress[0].toPorts[0].ports[0].port").matches("(?s).*; and \\d+ more$");
        List<StatusCause> causes = r.getStatus().getDetails().getCauses();
        assertThat(causes).hasSize(CiliumPolicyAdmission.MAX_CAUSES);
        assertThat(causes.get(causes.size() - 1).getMessage()).isEqualTo("and " + (n - CiliumPolicyAdmission.MAX_CAUSES + 1)
                + " more");
    }

    @Test
    void manyWarningsAreBoundedInCountAndLength() {
        StringBuilder fields = new StringBuilder();
        int n = 50;
        for (int i = 0; i < n; i++) {
            fields.append("\"unknown").append(i).append("x".repeat(200)).append("\": 1, ");
        }
        String spec = VALID_SPEC.replace("\"endpointSelector\"", fields + "\"endpointSelector\"");
        AdmissionResponse r = answer(ADMISSION, cnpReview("CREATE", spec));
        assertThat(r.getAllowed()).isTrue();
        List<String> w = r.getWarnings();
        assertThat(w).hasSize(CiliumPolicyAdmission.MAX_WARNINGS);
        assertThat(w).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(CiliumPolicyAdmission.MAX_WARNING_CHARS));
        assertThat(w.get(w.size() - 1)).isEqualTo("and " + (n - CiliumPolicyAdmission.MAX_WARNINGS + 1)
                + " more warnings");
    }

    @Test
    void warningTextsAreSingleLinesAndCutsKeepSurrogatePairs() {
        assertThat(CiliumPolicyAdmission.clean("a\nb\tc\u0000")).isEqualTo("a b c ");
        assertThat(CiliumPolicyAdmission.bounded("abcdef", 6)).isEqualTo("abcdef");
        assertThat(CiliumPolicyAdmission.bounded("abcdefg", 6)).isEqualTo("abc...");
        String emoji = "ab\uD83D\uDE00cdef";   // a surrogate pair at index 2..3
        assertThat(CiliumPolicyAdmission.bounded(emoji, 6)).isEqualTo("ab...");
    }

    @Test
    void theHandlerIsImmutable() {
        CiliumPolicyAdmission a = CiliumPolicyAdmission.create(MappingOptions.defaults());
        assertThat(a.lints()).isFalse();
        assertThat(a.denyOnWarnings()).isFalse();
        assertThat(a.withLints(true).lints()).isTrue();
        assertThat(a.withDenyOnWarnings(true).denyOnWarnings()).isTrue();
        assertThat(a.lints()).isFalse();
        assertThat(a.toString()).contains("1.20");
    }
}
