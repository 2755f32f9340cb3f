package io.kcs.cilium.rules.bench;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reviewing a typical 20-rule CiliumNetworkPolicy CREATE with {@link CiliumPolicyAdmission} (issue 11's budget:
 * 200 us): {@code specs} of 20 rules, each with an ingress item ({@code fromEndpoints} with an expression, TCP ports
 * with HTTP rules) and an egress item (a CIDR set with except, {@code toFQDNs}, and the DNS rule on port 53), lints on.
 * {@code review*} start from a read review (the object a JSON tree, as {@link CiliumPolicyAdmission#readReview} gives
 * it); {@code json*} include reading the request bytes into that review and writing the answer; {@code bytes*} take
 * the request bytes with {@link CiliumPolicyAdmission#reviewJson(byte[])} (the policy bound straight from the bytes,
 * as the webhook server does) and write the answer. The invalid variant has an error in its last rule.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AdmissionBenchmark {

    static final int RULES = 20;

    CiliumPolicyAdmission admission;
    byte[] validJson;
    byte[] invalidJson;
    AdmissionReview valid;
    AdmissionReview invalid;

    @Setup
    public void setup() {
        admission = CiliumPolicyAdmission.create(MappingOptions.defaults().withCiliumVersion("1.19")).withLints(true);
        validJson = review(policy(false)).getBytes(StandardCharsets.UTF_8);
        invalidJson = review(policy(true)).getBytes(StandardCharsets.UTF_8);
        valid = CiliumPolicyAdmission.readReview(validJson);
        invalid = CiliumPolicyAdmission.readReview(invalidJson);
    }

    static String policy(boolean lastRuleBroken) {
        StringBuilder specs = new StringBuilder();
        for (int i = 0; i < RULES; i++) {
            String port = lastRuleBroken && i == RULES - 1 ? "70000" : String.valueOf(8000 + i);
            specs.append(i == 0 ? "" : ",").append("""
                    {"endpointSelector": {"matchLabels": {"app": "svc-%d", "tier": "backend"}},
                     "ingress": [{"fromEndpoints": [{"matchLabels": {"app": "client-%d"},
                                   "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod", "staging"]}]}],
                                  "toPorts": [{"ports": [{"port": "%s", "protocol": "TCP"}],
                                               "rules": {"http": [{"method": "GET", "path": "/api/v1/.*"}]}}]}],
                     "egress": [{"toCIDRSet": [{"cidr": "10.%d.0.0/16", "except": ["10.%d.1.0/24"]}]},
                                {"toFQDNs": [{"matchName": "api-%d.example.com"}, {"matchPattern": "*.svc-%d.example.org"}],
                                 "toPorts": [{"ports": [{"port": "443", "protocol": "TCP"}]}]},
                                {"toEndpoints": [{"matchLabels": {"k8s:io.kubernetes.pod.namespace": "kube-system",
                                                                  "k8s:k8s-app": "kube-dns"}}],
                                 "toPorts": [{"ports": [{"port": "53", "protocol": "ANY"}],
                                              "rules": {"dns": [{"matchPattern": "*"}]}}]}]}
                    """.formatted(i, i, port, i, i, i, i));
        }
        return "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\", \"metadata\": {\"name\": "
                + "\"typical\", \"namespace\": \"shop\", \"uid\": \"d6b1e2a4-3c55-4f0e-9d1c-0a8f5a1b2c3d\"}, "
                + "\"specs\": [" + specs + "]}";
    }

    static String review(String object) {
        return """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
                   "kind": {"group": "cilium.io", "version": "v2", "kind": "CiliumNetworkPolicy"},
                   "resource": {"group": "cilium.io", "version": "v2", "resource": "ciliumnetworkpolicies"},
                   "requestKind": {"group": "cilium.io", "version": "v2", "kind": "CiliumNetworkPolicy"},
                   "requestResource": {"group": "cilium.io", "version": "v2", "resource": "ciliumnetworkpolicies"},
                   "name": "typical", "namespace": "shop", "operation": "CREATE",
                   "userInfo": {"username": "admin", "groups": ["system:masters", "system:authenticated"]},
                   "object": %s, "oldObject": null, "dryRun": false,
                   "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions"}}}""".formatted(object);
    }

    @Benchmark
    public AdmissionReview reviewValid20Rules() {
        return admission.review(valid);
    }

    @Benchmark
    public AdmissionReview reviewInvalid20Rules() {
        return admission.review(invalid);
    }

    @Benchmark
    public byte[] jsonValid20Rules() {
        return CiliumPolicyAdmission.writeReview(admission.review(CiliumPolicyAdmission.readReview(validJson)));
    }

    @Benchmark
    public byte[] bytesValid20Rules() {
        return CiliumPolicyAdmission.writeReview(admission.reviewJson(validJson));
    }

    @Benchmark
    public byte[] bytesInvalid20Rules() {
        return CiliumPolicyAdmission.writeReview(admission.reviewJson(invalidJson));
    }
}
