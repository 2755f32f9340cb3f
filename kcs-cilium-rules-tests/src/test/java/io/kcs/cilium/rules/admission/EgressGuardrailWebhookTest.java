package io.kcs.cilium.rules.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The admission example end to end: AdmissionReview JSON in (as the API server sends it), AdmissionReview JSON out.
 * Given a CiliumNetworkPolicy, when it is created, then the response allows or rejects it with the reason.
 */
class EgressGuardrailWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EgressGuardrailWebhook webhook = new EgressGuardrailWebhook();

    /** An AdmissionReview request creating a CNP in namespace shop with this spec (JSON). */
    private static String review(String spec) {
        return """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
                  "uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
                  "kind":{"group":"cilium.io","version":"v2","kind":"CiliumNetworkPolicy"},
                  "resource":{"group":"cilium.io","version":"v2","resource":"ciliumnetworkpolicies"},
                  "namespace":"shop","operation":"CREATE",
                  "object":{"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy",
                    "metadata":{"name":"web","namespace":"shop"},
                    "spec":{"endpointSelector":{"matchLabels":{"app":"web"}},%s}}}}
                """.formatted(spec);
    }

    private JsonNode respond(String spec) throws Exception {
        JsonNode out = JSON.readTree(webhook.handle(review(spec)));
        assertThat(out.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(out.get("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(out.get("response").get("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        return out.get("response");
    }

    @Test
    void rejectsAnInternetCoverSplitInTwoHalves() throws Exception {
        JsonNode r = respond("\"egress\":[{\"toCIDR\":[\"0.0.0.0/1\",\"128.0.0.0/1\"]}]");
        assertThat(r.get("allowed").asBoolean()).isFalse();
        assertThat(r.get("status").get("code").asInt()).isEqualTo(403);
        assertThat(r.get("status").get("message").asText()).isEqualTo("egress to the internet is not allowed: egress"
                + " is open to the whole internet over IPv4: 0.0.0.0/1, 128.0.0.0/1 together allow every IPv4 address"
                + " outside the cluster");
    }

    @Test
    void rejectsTheWorldEntityAndTheZeroPrefix() throws Exception {
        assertThat(respond("\"egress\":[{\"toEntities\":[\"world\"]}]").get("allowed").asBoolean()).isFalse();
        assertThat(respond("\"egress\":[{\"toEntities\":[\"all\"]}]").get("allowed").asBoolean()).isFalse();
        assertThat(respond("\"egress\":[{\"toCIDR\":[\"::/0\"]}]").get("allowed").asBoolean()).isFalse();
        assertThat(respond("\"egress\":[{\"toCIDR\":[\"0.0.0.0/1\"]},{\"toCIDR\":[\"128.0.0.0/2\"]},"
                + "{\"toCIDR\":[\"192.0.0.0/2\"]}]").get("allowed").asBoolean()).isFalse();
    }

    @Test
    void allowsAPolicyThatLeavesPartOfTheInternetOutWithWarnings() throws Exception {
        JsonNode r = respond("\"egress\":[{\"toCIDR\":[\"0.0.0.0/1\",\"128.0.0.0/2\"]},"
                + "{\"toEntities\":[\"remote-node\"]}]");
        assertThat(r.get("allowed").asBoolean()).isTrue();
        assertThat(r.get("warnings").toString()).contains("egress broad-entity: entity:remote-node opens egress")
                .contains("egress cidr-too-broad: 0.0.0.0/1 is broader than the /8 floor");
        JsonNode quiet = respond("\"egress\":[{\"toCIDR\":[\"10.0.0.0/8\"]},{\"toEntities\":[\"kube-apiserver\"]}]");
        assertThat(quiet.get("allowed").asBoolean()).isTrue();
        assertThat(quiet.get("warnings")).isNull();
    }

    @Test
    void judgesOnlyEgressForRejection() throws Exception {
        JsonNode r = respond("\"ingress\":[{\"fromEntities\":[\"world\"]}]");
        assertThat(r.get("allowed").asBoolean()).isTrue();
        assertThat(r.get("warnings").toString()).contains("ingress covers-all-addresses");
    }

    @Test
    void failsClosedOnConstructsTheProfileCannotExpress() throws Exception {
        JsonNode r = respond("\"egress\":[{\"toCIDRSet\":[{\"cidr\":\"0.0.0.0/0\",\"except\":[\"10.0.0.0/8\"]}]}]");
        assertThat(r.get("allowed").asBoolean()).isFalse();
        assertThat(r.get("status").get("message").asText()).startsWith("the egress guardrail cannot judge this"
                + " policy");
    }

    @Test
    void otherKindsAndDeletesPassAndGarbageIsRefused() throws Exception {
        String pod = review("\"egress\":[{\"toEntities\":[\"world\"]}]").replace("\"CiliumNetworkPolicy\"}",
                "\"Pod\"}").replace("\"group\":\"cilium.io\",\"version\":\"v2\",\"kind\"", "\"group\":\"\","
                + "\"version\":\"v1\",\"kind\"");
        assertThat(JSON.readTree(webhook.handle(pod)).get("response").get("allowed").asBoolean()).isTrue();
        String delete = review("\"egress\":[{\"toEntities\":[\"world\"]}]").replace("\"CREATE\"", "\"DELETE\"");
        assertThat(JSON.readTree(webhook.handle(delete)).get("response").get("allowed").asBoolean()).isTrue();
        assertThatThrownBy(() -> webhook.handle("{\"apiVersion\":\"admission.k8s.io/v1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without request");
        assertThatThrownBy(() -> webhook.handle("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
