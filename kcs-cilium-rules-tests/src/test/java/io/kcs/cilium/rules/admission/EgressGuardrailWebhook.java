package io.kcs.cilium.rules.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.analysis.AnalysisOptions;
import io.kcs.cilium.rules.analysis.Finding;
import io.kcs.cilium.rules.analysis.FindingCodes;
import io.kcs.cilium.rules.analysis.ProfileAnalyzer;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyProfile;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An end-to-end example: the handler of a {@code ValidatingAdmissionWebhook} that rejects a CiliumNetworkPolicy whose
 * egress covers the internet, however it is written ({@code 0.0.0.0/0}, {@code 0.0.0.0/1} + {@code 128.0.0.0/1},
 * {@code toEntities: [world]}, {@code all}), with the reason in the response. It reads fabric8's
 * {@link AdmissionReview} (the {@code admission.k8s.io/v1} wire format), maps the policy back to a runtime profile
 * with {@link CiliumPolicyMapper#toProfile} and asks {@link ProfileAnalyzer} for {@code covers-all-addresses} on
 * egress; the other findings become admission warnings ({@code kubectl} prints them).
 *
 * <p>It fails closed: a policy the mapper cannot fully read (ports on peers, {@code toCIDRSet} with {@code except},
 * deny rules...) is rejected with the mapper's errors, so that a construct the analysis does not judge cannot bring
 * the internet back. Requests for other kinds and DELETE are allowed untouched. The HTTP server, TLS and the
 * webhook registration are left out: {@link #handle(String)} is the body of {@code POST /validate}.
 *
 * <pre>{@code
 * EgressGuardrailWebhook webhook = new EgressGuardrailWebhook();
 * String responseJson = webhook.handle(requestJson);  // an AdmissionReview with response.allowed and status.message
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class EgressGuardrailWebhook {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final CiliumPolicyMapper mapper = CiliumPolicyMapper.create(MappingOptions.defaults());
    private final ProfileAnalyzer analyzer;

    EgressGuardrailWebhook() {
        this(AnalysisOptions.defaults());
    }

    EgressGuardrailWebhook(AnalysisOptions options) {
        this.analyzer = ProfileAnalyzer.create(options);
    }

    /**
     * The AdmissionReview response, as JSON, for the AdmissionReview request {@code body}.
     *
     * @throws IllegalArgumentException when the body is not an AdmissionReview with a request (HTTP 400)
     */
    String handle(String body) {
        AdmissionReview review;
        try {
            review = JSON.readValue(body, AdmissionReview.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an AdmissionReview: " + e.getOriginalMessage());
        }
        try {
            return JSON.writeValueAsString(review(review));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AdmissionReview carrying the response to {@code review}'s request. */
    AdmissionReview review(AdmissionReview review) {
        AdmissionRequest request = review.getRequest();
        if (request == null || request.getUid() == null) {
            throw new IllegalArgumentException("AdmissionReview without request or request.uid");
        }
        AdmissionResponse response = decide(request);
        response.setUid(request.getUid());
        return new AdmissionReview("admission.k8s.io/v1", "AdmissionReview", null, response);
    }

    private AdmissionResponse decide(AdmissionRequest request) {
        boolean cnp = request.getKind() != null && "cilium.io".equals(request.getKind().getGroup())
                && "CiliumNetworkPolicy".equals(request.getKind().getKind());
        if (!cnp || "DELETE".equals(request.getOperation()) || request.getObject() == null) {
            return allow(List.of());
        }
        CiliumNetworkPolicy policy;
        try {
            policy = CiliumPolicies.fromYaml(JSON.writeValueAsString(request.getObject()), CiliumNetworkPolicy.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return deny("the CiliumNetworkPolicy cannot be read: " + e.getMessage());
        }
        PolicyProfile mapped = mapper.toProfile(policy);
        List<String> unreadable = mapped.diagnostics().stream().filter(PolicyDiagnostic::isError)
                .map(d -> d.path() + ": " + d.message()).toList();
        if (!unreadable.isEmpty()) {
            return deny("the egress guardrail cannot judge this policy, so it is rejected: "
                    + String.join("; ", unreadable));
        }
        List<Finding> findings = analyzer.analyze(mapped.profile());
        List<Finding> internet = findings.stream().filter(f -> f.direction() == Direction.EGRESS
                && f.code().equals(FindingCodes.COVERS_ALL_ADDRESSES) && f.isError()).toList();
        if (!internet.isEmpty()) {
            return deny("egress to the internet is not allowed: " + internet.stream().map(Finding::message)
                    .collect(Collectors.joining("; ")));
        }
        List<String> warnings = new ArrayList<>();
        for (Finding f : findings) {
            warnings.add(f.direction().lowerName() + " " + f.code() + ": " + f.message());
        }
        return allow(warnings);
    }

    private static AdmissionResponse allow(List<String> warnings) {
        AdmissionResponse r = new AdmissionResponse();
        r.setAllowed(true);
        if (!warnings.isEmpty()) {
            r.setWarnings(List.copyOf(warnings));
        }
        return r;
    }

    private static AdmissionResponse deny(String message) {
        AdmissionResponse r = new AdmissionResponse();
        r.setAllowed(false);
        Status status = new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                Objects.requireNonNull(message)).build();
        r.setStatus(status);
        return r;
    }
}
