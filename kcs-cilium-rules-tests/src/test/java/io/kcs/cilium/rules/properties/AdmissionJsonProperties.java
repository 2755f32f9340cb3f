package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The bytes path of the admission handler, {@link CiliumPolicyAdmission#reviewJson(byte[])}, answers every request
 * exactly as the object path {@code review(readReview(json))} does (the same JSON answer, or the same
 * {@link IllegalArgumentException} message), over generated reviews (QuickTheories): policies of
 * {@link PolicyGenerator} (valid or broken), as CNP or CCNP, under CREATE / UPDATE / DELETE, reviewed as their kind,
 * the other Cilium kind or a Pod, with a subresource, with an {@code oldObject}, with the {@code kind} after the
 * {@code object}, with numbers written as fractions, exponents or {@code -0}, with duplicate keys, with a malformed
 * object or envelope, and truncated. How often the generator reaches each case and each kind of answer is asserted after the run.
 */
class AdmissionJsonProperties {

    private static final int EXAMPLES = 600;
    private static final CiliumPolicyAdmission ADMISSION = CiliumPolicyAdmission.create(MappingOptions.defaults()
            .withCiliumVersion("1.19"));

    /** The variations of a review. */
    enum Case { CCNP, OTHER_CILIUM_KIND, UPDATE, DELETE, OTHER_KIND, SUBRESOURCE, OLD_OBJECT, KIND_AFTER_OBJECT,
        FRACTION, EXPONENT, MINUS_ZERO, DUPLICATE_OPERATION, SPEC_IS_STRING, BROKEN_PORT, ENVELOPE_UID_OBJECT,
        TRUNCATED, LINTS }

    /** The kinds of answer. */
    enum Answer { ALLOWED, REFUSED_422, REFUSED_400, NOT_A_REVIEW }

    private static final Map<Case, AtomicLong> CASES = new EnumMap<>(Case.class);
    private static final Map<Answer, AtomicLong> ANSWERS = new EnumMap<>(Answer.class);
    private static final AtomicLong RUNS = new AtomicLong();

    static {
        for (Case c : Case.values()) {
            CASES.put(c, new AtomicLong());
        }
        for (Answer a : Answer.values()) {
            ANSWERS.put(a, new AtomicLong());
        }
    }

    private static boolean pick(Random r, int oneIn, Case c) {
        if (r.nextInt(oneIn) == 0) {
            CASES.get(c).incrementAndGet();
            return true;
        }
        return false;
    }

    static String review(Random r) {
        PolicyGenerator g = new PolicyGenerator(r, true);
        HasMetadata policy = g.policy("p" + r.nextInt(10));
        boolean isCcnp = policy instanceof CiliumClusterwideNetworkPolicy;
        if (isCcnp) {
            CASES.get(Case.CCNP).incrementAndGet();
        }
        String object = CiliumPolicies.toJson(policy);
        if (pick(r, 8, Case.BROKEN_PORT)) {
            object = object.replaceFirst("\"port\" ?: ?\"[0-9]+\"", "\"port\":\"99999\"");
        }
        if (pick(r, 12, Case.FRACTION)) {
            object = object.replaceFirst("\\{", "{\"x-fraction\": 1.50,");
        }
        if (pick(r, 12, Case.EXPONENT)) {
            object = object.replaceFirst("\\{", "{\"x-exponent\": 1e2,");
        }
        if (pick(r, 12, Case.MINUS_ZERO)) {
            object = object.replaceFirst("\\{", "{\"x-zero\": -0,");
        }
        if (pick(r, 10, Case.SPEC_IS_STRING)) {
            // last, so that it wins over the policy's own spec
            object = object.substring(0, object.lastIndexOf('}')) + ", \"spec\": \"everything\"}";
        }
        String operation = pick(r, 4, Case.UPDATE) ? "UPDATE" : pick(r, 8, Case.DELETE) ? "DELETE" : "CREATE";
        boolean otherCiliumKind = pick(r, 10, Case.OTHER_CILIUM_KIND);
        String kind = pick(r, 10, Case.OTHER_KIND) ? "Pod" : isCcnp ^ otherCiliumKind
                ? "CiliumClusterwideNetworkPolicy" : "CiliumNetworkPolicy";
        String kindField = "\"kind\": {\"group\": \"cilium.io\", \"version\": \"v2\", \"kind\": \"" + kind + "\"}";
        boolean kindAfter = pick(r, 8, Case.KIND_AFTER_OBJECT);
        StringBuilder request = new StringBuilder("{\"uid\": \"u-").append(r.nextInt(1000)).append('"');
        if (!kindAfter) {
            request.append(", ").append(kindField);
        }
        if (pick(r, 10, Case.SUBRESOURCE)) {
            request.append(", \"subResource\": \"status\"");
        }
        request.append(", \"name\": \"p\", \"namespace\": \"shop\", \"operation\": \"").append(operation)
                .append("\", \"userInfo\": {\"username\": \"admin\", \"groups\": [\"a\"]}, \"object\": ")
                .append(object);
        if (pick(r, 6, Case.OLD_OBJECT)) {
            request.append(", \"oldObject\": ").append(object);
        } else {
            request.append(", \"oldObject\": null");
        }
        if (kindAfter) {
            request.append(", ").append(kindField);
        }
        if (pick(r, 16, Case.DUPLICATE_OPERATION)) {
            request.append(", \"operation\": \"DELETE\"");
        }
        request.append(", \"dryRun\": false}");
        String uid = pick(r, 30, Case.ENVELOPE_UID_OBJECT) ? ", \"x\": {\"request\": 1}, \"request\": {\"uid\": {}}" : "";
        String json = "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": "
                + request + uid + "}";
        if (pick(r, 20, Case.TRUNCATED)) {
            json = json.substring(0, r.nextInt(json.length()));
        }
        return json;
    }

    @Test
    void theBytesPathAnswersAsTheObjectPath() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            String json = review(r);
            CiliumPolicyAdmission a = pick(r, 3, Case.LINTS) ? ADMISSION.withLints(true) : ADMISSION;
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            RUNS.incrementAndGet();
            String expected;
            Answer kind;
            try {
                AdmissionReview answer = a.review(CiliumPolicyAdmission.readReview(bytes));
                expected = new String(CiliumPolicyAdmission.writeReview(answer), StandardCharsets.UTF_8);
                kind = answer.getResponse().getAllowed() ? Answer.ALLOWED
                        : answer.getResponse().getStatus().getCode() == 422 ? Answer.REFUSED_422 : Answer.REFUSED_400;
            } catch (IllegalArgumentException e) {
                expected = "IllegalArgumentException: " + e.getMessage();
                kind = Answer.NOT_A_REVIEW;
            }
            ANSWERS.get(kind).incrementAndGet();
            String actual;
            try {
                actual = new String(CiliumPolicyAdmission.writeReview(a.reviewJson(bytes)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                actual = "IllegalArgumentException: " + e.getMessage();
            }
            assertThat(actual).as(json).isEqualTo(expected);
        });
    }

    @AfterAll
    static void theGeneratorReachedEveryCase() {
        System.out.println("AdmissionJsonProperties " + RUNS + " reviews: " + CASES + ", answers " + ANSWERS);
        if (RUNS.get() > 0) {
            for (Case c : Case.values()) {
                assertThat(CASES.get(c).get()).as("reviews with %s", c).isGreaterThanOrEqualTo(RUNS.get() / 60);
            }
            for (Answer a : Answer.values()) {
                assertThat(ANSWERS.get(a).get()).as("answers %s", a).isGreaterThanOrEqualTo(RUNS.get() / 60);
            }
        }
    }
}
