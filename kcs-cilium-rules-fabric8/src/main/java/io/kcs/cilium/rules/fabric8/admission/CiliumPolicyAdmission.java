package io.kcs.cilium.rules.fabric8.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Kubernetes validating admission handler that refuses a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy the
 * Cilium agent would refuse, judged by {@link CiliumPolicyReader} for the Cilium line and agent options of a
 * {@link MappingOptions}. Call it from any admission controller (Quarkus, Spring, JOSDK, a plain HTTP server): it
 * takes the API server's {@code AdmissionReview} ({@code admission.k8s.io/v1}) and returns the answer.
 *
 * <p>What it decides:
 * <ul>
 *   <li>The answer carries the request's {@code uid}, and the request's {@code apiVersion} and {@code kind}
 *   ({@code admission.k8s.io/v1} / {@code AdmissionReview} when the request has none).</li>
 *   <li>{@code CREATE} and {@code UPDATE} of {@code cilium.io/v2} {@code CiliumNetworkPolicy} and
 *   {@code CiliumClusterwideNetworkPolicy} (by the request's {@code kind}, not the object's) are read; a policy with
 *   an ERROR is refused with {@code status.code} 422, {@code reason} {@code Invalid}, a message listing every error
 *   with its JSON path (at most {@link #MAX_MESSAGE_CHARS} characters, then "and N more") and one
 *   {@code status.details.causes} entry per error ({@code field} = the path, {@code reason} = the diagnostic code; at
 *   most {@link #MAX_CAUSES}, the last one then says how many were left out).</li>
 *   <li>WARNING diagnostics become admission {@code warnings}, which {@code kubectl} shows: each at most
 *   {@link #MAX_WARNING_CHARS} characters (the API server's advice; the path is kept, the message cut with "..."),
 *   control characters replaced by spaces, at most {@link #MAX_WARNINGS} of them (the last then reads
 *   "and N more warnings"). The reader's lints ({@link PolicyDiagnosticCodes#lints()}) are dropped unless
 *   {@link #withLints(boolean) withLints(true)}. With {@link #withDenyOnWarnings(boolean) withDenyOnWarnings(true)}
 *   a policy with a (kept) warning is refused as an error would refuse it.</li>
 *   <li>{@code DELETE}, {@code CONNECT}, any other operation, any other kind or version, and subresources
 *   ({@code status}) are allowed untouched. {@code dryRun} requests are judged the same way.</li>
 *   <li>A request it cannot decode (no review, no request, no object, an object that is not a JSON object of the
 *   policy's shape) is refused with {@code status.code} 400 and a message saying what is wrong; it never throws.</li>
 * </ul>
 * The object may be a typed policy (as fabric8's deserialiser produces), a Jackson {@link JsonNode}, a {@link Map}
 * (as generic JSON binding produces) or any other {@link HasMetadata}; it is converted to the typed model by the
 * request's kind. A CiliumNetworkPolicy without {@code metadata.namespace} gets the request's namespace (the input is
 * never modified: a copy is read). From request bytes, {@link #reviewJson(byte[])} gives the same answer as
 * {@code review(readReview(bytes))} with less work (the policy is bound straight from the bytes); a server should
 * use it.
 *
 * <p>What it does not do: it does not mutate (no patch), apply the CRD schema (the API server does that before
 * admission), contact the cluster, or look at other policies (the set lints of {@link CiliumPolicyReader#read(List)}
 * need the whole set, which an admission request does not carry).
 *
 * <pre>{@code
 * CiliumPolicyAdmission admission = CiliumPolicyAdmission.create(MappingOptions.defaults().withCiliumVersion("1.19"))
 *         .withLints(true);
 * AdmissionReview answer = admission.review(requestReview);   // answer.getResponse().getAllowed()
 * byte[] json = CiliumPolicyAdmission.writeReview(admission.reviewJson(requestBody));   // bytes in, bytes out
 * }</pre>
 *
 * <p>Immutable and thread-safe: one instance serves any number of concurrent requests (do not modify a request
 * while it is reviewed: fabric8's models are mutable).
 */
public final class CiliumPolicyAdmission {

    /** The most characters of a refusal's message (the errors listed in it, then "and N more"). */
    public static final int MAX_MESSAGE_CHARS = 4096;
    /** The most {@code status.details.causes} entries of a refusal. */
    public static final int MAX_CAUSES = 100;
    /** The most characters of one admission warning (the API server's advice for warnings). */
    public static final int MAX_WARNING_CHARS = 120;
    /** The most admission warnings of one answer. */
    public static final int MAX_WARNINGS = 20;

    static final String DEFAULT_API_VERSION = "admission.k8s.io/v1";
    static final String KIND = "AdmissionReview";
    private static final String CNP = "CiliumNetworkPolicy";
    private static final String CCNP = "CiliumClusterwideNetworkPolicy";
    private static final Set<String> LINTS = Set.copyOf(PolicyDiagnosticCodes.lints());
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // immutable readers of the mapper above (configured once, thread-safe; no cache of ours)
    private static final ObjectReader REVIEW = JSON.readerFor(AdmissionReview.class);
    private static final ObjectReader CNP_READER = JSON.readerFor(CiliumNetworkPolicy.class);
    private static final ObjectReader CCNP_READER = JSON.readerFor(CiliumClusterwideNetworkPolicy.class);

    private final CiliumPolicyReader reader;
    private final boolean lints;
    private final boolean denyOnWarnings;

    private CiliumPolicyAdmission(CiliumPolicyReader reader, boolean lints, boolean denyOnWarnings) {
        this.reader = reader;
        this.lints = lints;
        this.denyOnWarnings = denyOnWarnings;
    }

    /**
     * A handler judging by the Cilium line and agent options of {@code options}, without lints, refusing on errors
     * only.
     *
     * @throws NullPointerException when {@code options} is null
     */
    public static CiliumPolicyAdmission create(MappingOptions options) {
        return new CiliumPolicyAdmission(CiliumPolicyReader.create(Objects.requireNonNull(options, "options")),
                false, false);
    }

    /** A copy that also reports the reader's lints as warnings ({@code true}) or drops them ({@code false}, the default). */
    public CiliumPolicyAdmission withLints(boolean enabled) {
        return new CiliumPolicyAdmission(reader, enabled, denyOnWarnings);
    }

    /** A copy that refuses a policy with any (kept) warning ({@code true}) or only with errors ({@code false}, the default). */
    public CiliumPolicyAdmission withDenyOnWarnings(boolean enabled) {
        return new CiliumPolicyAdmission(reader, lints, enabled);
    }

    /** The options policies are judged by. */
    public MappingOptions options() {
        return reader.options();
    }

    /** Whether the reader's lints are reported. */
    public boolean lints() {
        return lints;
    }

    /** Whether warnings refuse a policy. */
    public boolean denyOnWarnings() {
        return denyOnWarnings;
    }

    /**
     * Reviews one admission request.
     *
     * @param request the API server's review (its {@code request} part); null and malformed requests are refused
     * @return a new review with {@code response} set (the input is not modified); never null; never throws
     */
    public AdmissionReview review(AdmissionReview request) {
        String apiVersion = request == null || blank(request.getApiVersion()) ? DEFAULT_API_VERSION
                : request.getApiVersion();
        String kind = request == null || blank(request.getKind()) ? KIND : request.getKind();
        AdmissionRequest r = request == null ? null : request.getRequest();
        String uid = r == null || r.getUid() == null ? "" : r.getUid();
        AdmissionResponse response;
        try {
            response = r == null ? refuse(uid, 400, "BadRequest", "the AdmissionReview has no request", List.of(), null)
                    : judge(r, uid);
        } catch (RuntimeException | StackOverflowError e) {
            // the reader never throws; this guards the decoding of arbitrary objects
            response = refuse(uid, 400, "BadRequest", "cannot review the request: " + e.getClass().getSimpleName(),
                    List.of(), null);
        }
        AdmissionReview out = new AdmissionReview();
        out.setApiVersion(apiVersion);
        out.setKind(kind);
        out.setResponse(response);
        return out;
    }

    /**
     * Reads an {@code AdmissionReview} from JSON as the API server sends it, robustly: the {@code object} and
     * {@code oldObject} stay JSON trees ({@link JsonNode}) for {@link #review(AdmissionReview)} to decode, so that a
     * malformed policy gives a refusal rather than a failure to read the whole review (fabric8's own deserialiser
     * fails the whole review on, say, a {@code spec} that is a string). Jackson's default read limits apply
     * (nesting depth 1000; bound the input size before calling).
     *
     * @throws IllegalArgumentException when the text is not JSON, not a JSON object, or its envelope does not bind
     *         (e.g. {@code request.uid} is an object); the message says where
     */
    public static AdmissionReview readReview(byte[] json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + bounded(clean(describe(e)), 300));
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode object = null;
        JsonNode oldObject = null;
        if (root.get("request") instanceof ObjectNode request) {
            object = request.remove("object");
            oldObject = request.remove("oldObject");
        }
        AdmissionReview review;
        try {
            review = JSON.treeToValue(root, AdmissionReview.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an AdmissionReview: " + bounded(clean(describe(e)), 300));
        }
        if (review.getRequest() != null) {
            review.getRequest().setObject(object == null || object.isNull() ? null : object);
            review.getRequest().setOldObject(oldObject == null || oldObject.isNull() ? null : oldObject);
        }
        return review;
    }

    /**
     * Reviews one admission request given as the JSON the API server posts: the same answer as
     * {@code review(readReview(json))}, and the same {@link IllegalArgumentException} when {@code json} is not an
     * AdmissionReview, but faster: the policy is bound from the bytes straight to the typed model (no JSON tree of the
     * object is built) and {@code oldObject} is skipped, not built. Requests it cannot answer that way with certainty
     * (a malformed policy, a number written as a fraction or an exponent, duplicate keys that matter, a
     * {@code request.kind} that follows the {@code object}) take the {@code readReview} path, so the answer is always
     * the same. Write the answer with {@link #writeReview(AdmissionReview)}.
     *
     * <pre>{@code
     * byte[] answer = CiliumPolicyAdmission.writeReview(admission.reviewJson(requestBody));
     * }</pre>
     *
     * @param json the request body; Jackson's default read limits apply (nesting depth 1000; bound the input size
     *        before calling)
     * @return a new review with {@code response} set; never null
     * @throws IllegalArgumentException when {@link #readReview(byte[])} throws (the same message)
     * @throws NullPointerException when {@code json} is null
     */
    public AdmissionReview reviewJson(byte[] json) {
        Objects.requireNonNull(json, "json");
        AdmissionReview streamed;
        try {
            streamed = streamed(json);
        } catch (java.io.IOException | RuntimeException | StackOverflowError e) {
            streamed = null;   // the tree path gives the precise refusal or exception
        }
        return streamed != null ? streamed : review(readReview(json));
    }

    /** The one-pass answer of {@link #reviewJson}, or null when it takes the tree path (for tests). */
    AdmissionReview reviewStreamedOnly(byte[] json) {
        try {
            return streamed(json);
        } catch (java.io.IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** What {@link #reviewJson} learns about the request while streaming it. */
    private static final class Streamed {
        String operation;
        String subResource;
        GroupVersionKind kind;
        /** A routing field that is not a plain string (or object for the kind): only the tree path decides. */
        boolean unusual;
        boolean sawObject;
        boolean sawOldObject;
        /** The object, bound to the typed model for the route known when it was read; null when skipped. */
        HasMetadata policy;
        GroupVersionKind boundFor;
    }

    /**
     * The answer of {@link #reviewJson} from one pass over the bytes, or null when only the tree path can be sure of
     * it.
     */
    private AdmissionReview streamed(byte[] json) throws java.io.IOException {
        try (Checked p = new Checked(JSON.createParser(json))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            TokenBuffer envelope = new TokenBuffer(JSON, false);
            envelope.writeStartObject();
            Streamed request = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                envelope.writeFieldName(name);
                if (name.equals("request")) {
                    if (request != null || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    request = request(p, envelope);
                    if (request == null) {
                        return null;
                    }
                } else {
                    envelope.copyCurrentStructure(p);
                }
            }
            envelope.writeEndObject();
            if (request == null || p.unusual) {
                return null;
            }
            AdmissionReview review = REVIEW.readValue(envelope.asParser(JSON));
            AdmissionRequest r = review.getRequest();
            if (r == null) {
                return null;
            }
            GroupVersionKind gvk = route(r);
            String uid = r.getUid() == null ? "" : r.getUid();
            AdmissionResponse response;
            if (gvk == null && request.boundFor == null) {
                response = allow(uid, List.of());
            } else if (gvk != null && request.policy != null && sameKind(gvk, request.boundFor)) {
                boolean namespaced = CNP.equals(gvk.getKind());
                response = judge(complete(request.policy, namespaced, r), gvk, namespaced, uid);
            } else {
                return null;
            }
            AdmissionReview out = new AdmissionReview();
            out.setApiVersion(blank(review.getApiVersion()) ? DEFAULT_API_VERSION : review.getApiVersion());
            out.setKind(blank(review.getKind()) ? KIND : review.getKind());
            out.setResponse(response);
            return out;
        }
    }

    /** Streams the {@code request} object into {@code envelope}, binding or skipping its {@code object}. */
    private static Streamed request(Checked p, TokenBuffer envelope) throws java.io.IOException {
        Streamed s = new Streamed();
        envelope.writeStartObject();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "object" -> {
                    if (s.sawObject || value != JsonToken.START_OBJECT || s.unusual) {
                        return null;
                    }
                    s.sawObject = true;
                    AdmissionRequest routing = new AdmissionRequest();
                    routing.setOperation(s.operation);
                    routing.setSubResource(s.subResource);
                    routing.setKind(s.kind);
                    GroupVersionKind gvk = route(routing);
                    if (gvk == null) {
                        p.skipChildren();
                    } else {
                        s.policy = (CNP.equals(gvk.getKind()) ? CNP_READER : CCNP_READER).readValue(p);
                        s.boundFor = gvk;
                    }
                }
                case "oldObject" -> {
                    if (s.sawOldObject) {
                        return null;
                    }
                    s.sawOldObject = true;
                    p.skipChildren();
                }
                default -> {
                    envelope.writeFieldName(name);
                    if (name.equals("kind")) {
                        JsonNode kind = JSON.readTree(p);
                        envelope.writeTree(kind);
                        s.kind = kindOf(kind, s);
                    } else {
                        if (name.equals("operation") || name.equals("subResource")) {
                            if (value == JsonToken.VALUE_STRING) {
                                String text = p.getText();
                                if (name.equals("operation")) {
                                    s.operation = text;
                                } else {
                                    s.subResource = text;
                                }
                            } else if (value != JsonToken.VALUE_NULL) {
                                s.unusual = true;
                            }
                        }
                        envelope.copyCurrentStructure(p);
                    }
                }
            }
        }
        envelope.writeEndObject();
        return s;
    }

    private static GroupVersionKind kindOf(JsonNode kind, Streamed s) {
        if (kind.isNull()) {
            return null;
        }
        if (!(kind instanceof ObjectNode)) {
            s.unusual = true;
            return null;
        }
        GroupVersionKind gvk = new GroupVersionKind();
        for (String field : new String[] {"group", "version", "kind"}) {
            JsonNode v = kind.get(field);
            if (v != null && !v.isTextual() && !v.isNull()) {
                s.unusual = true;
            }
        }
        gvk.setGroup(text(kind.get("group")));
        gvk.setVersion(text(kind.get("version")));
        gvk.setKind(text(kind.get("kind")));
        return gvk;
    }

    private static String text(JsonNode n) {
        return n == null || !n.isTextual() ? null : n.textValue();
    }

    private static boolean sameKind(GroupVersionKind a, GroupVersionKind b) {
        return b != null && Objects.equals(a.getGroup(), b.getGroup()) && Objects.equals(a.getVersion(),
                b.getVersion()) && Objects.equals(a.getKind(), b.getKind());
    }

    /**
     * A parser that notes the tokens a JSON tree would not give back as written: a JSON tree keeps a fraction or an
     * exponent as a {@code double} ({@code 1e2} reads back as {@code 100.0}) and {@code -0} as {@code 0}, so a request
     * holding one takes the tree path, whose answer is the reference.
     */
    private static final class Checked extends JsonParserDelegate {
        boolean unusual;

        Checked(JsonParser p) {
            super(p);
        }

        @Override
        public JsonToken nextToken() throws java.io.IOException {
            JsonToken t = delegate.nextToken();
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                unusual = true;
            } else if (t == JsonToken.VALUE_NUMBER_INT && delegate.getTextLength() > 1
                    && delegate.getTextCharacters()[delegate.getTextOffset()] == '-'
                    && delegate.getTextCharacters()[delegate.getTextOffset() + 1] == '0') {
                unusual = true;
            }
            return t;
        }

        @Override
        public JsonToken nextValue() throws java.io.IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }
    }

    /**
     * Writes a review (an answer of {@link #review(AdmissionReview)}) as JSON for the API server.
     *
     * @throws IllegalArgumentException when the review cannot be written (an object of a type Jackson cannot write)
     */
    public static byte[] writeReview(AdmissionReview review) {
        Objects.requireNonNull(review, "review");
        try {
            return JSON.writeValueAsBytes(review);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the review: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        return e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage()
                + (j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr() + ", column "
                + j.getLocation().getColumnNr()) : String.valueOf(e.getMessage());
    }

    private AdmissionResponse judge(AdmissionRequest r, String uid) {
        GroupVersionKind gvk = route(r);
        if (gvk == null) {
            return allow(uid, List.of());
        }
        boolean namespaced = CNP.equals(gvk.getKind());
        Object object = r.getObject();
        if (object == null) {
            return refuse(uid, 400, "BadRequest", r.getOperation() + " of a " + gvk.getKind() + " without an object",
                    List.of(), null);
        }
        HasMetadata policy;
        try {
            policy = complete(decode(object, namespaced), namespaced, r);
        } catch (IllegalArgumentException e) {
            return refuse(uid, 400, "BadRequest", "cannot decode the " + gvk.getKind() + ": " + bounded(
                    String.valueOf(e.getMessage()), 300), List.of(), null);
        }
        return judge(policy, gvk, namespaced, uid);
    }

    /**
     * The kind of a request this handler reads: {@code CREATE} or {@code UPDATE} (not of a subresource) of a
     * {@code cilium.io/v2} CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy; null for everything it allows
     * untouched.
     */
    private static GroupVersionKind route(AdmissionRequest r) {
        String operation = r.getOperation() == null ? "" : r.getOperation();
        if (!operation.equals("CREATE") && !operation.equals("UPDATE")) {
            return null;
        }
        if (!blank(r.getSubResource())) {
            return null;
        }
        GroupVersionKind gvk = r.getKind();
        if (gvk == null || !"cilium.io".equals(gvk.getGroup()) || !"v2".equals(gvk.getVersion())
                || !(CNP.equals(gvk.getKind()) || CCNP.equals(gvk.getKind()))) {
            return null;
        }
        return gvk;
    }

    private AdmissionResponse judge(HasMetadata policy, GroupVersionKind gvk, boolean namespaced, String uid) {
        PolicyReadResult read = reader.read(policy);
        List<PolicyDiagnostic> errors = new ArrayList<>();
        List<PolicyDiagnostic> warnings = new ArrayList<>();
        for (PolicyDiagnostic d : read.diagnostics()) {
            if (d.isError()) {
                errors.add(d);
            } else if (lints || !LINTS.contains(d.code())) {
                warnings.add(d);
            }
        }
        String what = gvk.getKind() + " " + identity(policy, namespaced);
        if (!errors.isEmpty()) {
            return refuse(uid, 422, "Invalid", what + " is refused by Cilium " + "1." + reader.options().ciliumMinor()
                    + ": " + count(errors.size(), "error"), errors, details(policy, gvk, errors), warnings(warnings));
        }
        if (denyOnWarnings && !warnings.isEmpty()) {
            return refuse(uid, 422, "Invalid", what + " is refused (warnings are denied): "
                    + count(warnings.size(), "warning"), warnings, details(policy, gvk, warnings), List.of());
        }
        return allow(uid, warnings(warnings));
    }

    private static HasMetadata decode(Object object, boolean namespaced) {
        Class<? extends HasMetadata> type = namespaced ? CiliumNetworkPolicy.class
                : CiliumClusterwideNetworkPolicy.class;
        JsonNode tree;
        try {
            tree = object instanceof JsonNode n ? n : JSON.valueToTree(object);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!(tree instanceof ObjectNode)) {
            throw new IllegalArgumentException("the object is JSON " + tree.getNodeType().toString()
                    .toLowerCase(Locale.ROOT) + ", not a JSON object");
        }
        try {
            return JSON.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new IllegalArgumentException(String.valueOf(m));
        }
    }

    /** The decoded policy with the request's name and (for a CNP) namespace where it has none. */
    private static HasMetadata complete(HasMetadata policy, boolean namespaced, AdmissionRequest r) {
        if (policy == null) {
            throw new IllegalArgumentException("empty object");
        }
        ObjectMeta meta = policy.getMetadata();
        if (meta == null) {
            meta = new ObjectMeta();
            policy.setMetadata(meta);
        }
        if (blank(meta.getName()) && !blank(r.getName())) {
            meta.setName(r.getName());
        }
        if (namespaced && blank(meta.getNamespace()) && !blank(r.getNamespace())) {
            meta.setNamespace(r.getNamespace());
        }
        return policy;
    }

    private static String identity(HasMetadata policy, boolean namespaced) {
        ObjectMeta m = policy.getMetadata();
        String name = m == null || blank(m.getName()) ? "(unnamed)" : m.getName();
        String ns = m == null || blank(m.getNamespace()) ? "" : m.getNamespace() + "/";
        return bounded((namespaced ? ns : "") + name, 300);
    }

    private static StatusDetails details(HasMetadata policy, GroupVersionKind gvk, List<PolicyDiagnostic> reasons) {
        StatusDetails d = new StatusDetails();
        d.setGroup(gvk.getGroup());
        d.setKind(gvk.getKind());
        ObjectMeta m = policy.getMetadata();
        if (m != null && !blank(m.getName())) {
            d.setName(m.getName());
        }
        List<StatusCause> causes = new ArrayList<>();
        int shown = reasons.size() > MAX_CAUSES ? MAX_CAUSES - 1 : reasons.size();
        for (int i = 0; i < shown; i++) {
            PolicyDiagnostic e = reasons.get(i);
            causes.add(new StatusCause(bounded(clean(e.path()), 1000), bounded(clean(e.message()), 1000),
                    e.code()));
        }
        if (shown < reasons.size()) {
            causes.add(new StatusCause("", "and " + (reasons.size() - shown) + " more", "TooMany"));
        }
        d.setCauses(causes);
        return d;
    }

    private static AdmissionResponse allow(String uid, List<String> warnings) {
        AdmissionResponse a = new AdmissionResponse();
        a.setUid(uid);
        a.setAllowed(true);
        if (!warnings.isEmpty()) {
            a.setWarnings(warnings);
        }
        return a;
    }

    private static AdmissionResponse refuse(String uid, int code, String reason, String headline,
                                            List<PolicyDiagnostic> reasons, StatusDetails details) {
        return refuse(uid, code, reason, headline, reasons, details, List.of());
    }

    private static AdmissionResponse refuse(String uid, int code, String reason, String headline,
                                            List<PolicyDiagnostic> reasons, StatusDetails details,
                                            List<String> warnings) {
        Status s = new Status();
        s.setApiVersion("v1");
        s.setKind("Status");
        s.setStatus("Failure");
        s.setCode(code);
        s.setReason(reason);
        s.setMessage(message(clean(headline), reasons));
        if (details != null) {
            s.setDetails(details);
        }
        AdmissionResponse a = new AdmissionResponse();
        a.setUid(uid);
        a.setAllowed(false);
        a.setStatus(s);
        if (!warnings.isEmpty()) {
            a.setWarnings(warnings);
        }
        return a;
    }

    /** "headline: path: message; path: message; ... and N more", at most MAX_MESSAGE_CHARS characters. */
    static String message(String headline, List<PolicyDiagnostic> reasons) {
        StringBuilder b = new StringBuilder(bounded(headline, MAX_MESSAGE_CHARS / 2));
        String tailReserve = "; and 1000000 more";
        for (int i = 0; i < reasons.size(); i++) {
            PolicyDiagnostic d = reasons.get(i);
            String item = (i == 0 ? ": " : "; ") + bounded(clean(d.path()), 300) + ": "
                    + bounded(clean(d.message()), 500);
            if (b.length() + item.length() + tailReserve.length() > MAX_MESSAGE_CHARS) {
                b.append("; and ").append(reasons.size() - i).append(" more");
                return b.toString();
            }
            b.append(item);
        }
        return b.toString();
    }

    /** The admission warnings: "path: message" each at most MAX_WARNING_CHARS, at most MAX_WARNINGS of them. */
    static List<String> warnings(List<PolicyDiagnostic> warnings) {
        List<String> out = new ArrayList<>();
        int shown = warnings.size() > MAX_WARNINGS ? MAX_WARNINGS - 1 : warnings.size();
        for (int i = 0; i < shown; i++) {
            PolicyDiagnostic d = warnings.get(i);
            String path = bounded(clean(d.path()), MAX_WARNING_CHARS / 2);
            String prefix = path.isEmpty() ? "" : path + ": ";
            out.add(prefix + bounded(clean(d.message()), MAX_WARNING_CHARS - prefix.length()));
        }
        if (shown < warnings.size()) {
            out.add("and " + (warnings.size() - shown) + " more warnings");
        }
        return List.copyOf(out);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Control characters (including line breaks) become spaces: warnings and messages are single lines. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, ' ');
            }
        }
        return b == null ? s : b.toString();
    }

    /** At most {@code max} characters (max >= 4); a cut text ends in "..." and never splits a surrogate pair. */
    static String bounded(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 3;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "...";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "CiliumPolicyAdmission[cilium " + "1." + reader.options().ciliumMinor() + ", lints=" + lints
                + ", denyOnWarnings=" + denyOnWarnings + "]";
    }
}
