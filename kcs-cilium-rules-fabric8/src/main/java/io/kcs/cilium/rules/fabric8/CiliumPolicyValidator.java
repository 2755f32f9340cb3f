package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Judges a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy as the Cilium agent does before it imports it, and
 * returns every finding as a {@link PolicyDiagnostic} with the JSON path of the offending field.
 *
 * <p>It mirrors the agent's checks of the targeted Cilium line ({@link MappingOptions#withCiliumVersion}, 1.16 to
 * 1.20) under its agent options ({@link MappingOptions#withAgentConfig}): {@code Rule.Sanitize} of
 * {@code pkg/policy/api/rule_validation.go} and the selector, port, FQDN, HTTP and entity checks it calls, the
 * {@code Parse} of {@code cnp_types.go} / {@code ccnp_types.go}, and the warnings of {@code ParseToCiliumRule}. A
 * policy with no ERROR is one the agent imports. Where the agent stops at the first error, this validator reports
 * every error it finds, each with its own code (see {@link PolicyDiagnosticCodes}).
 *
 * <p>What it does not do: it does not apply the CRD's OpenAPI schema (the API server does that first; run
 * {@code validate-cnp} or a schema validator for it), does not look at other policies, does not contact a cluster
 * and never resolves a name. It never throws: a null object, null lists and null items, and very long lists
 * ({@link #MAX_LIST_ITEMS}) are diagnostics.
 *
 * <pre>{@code
 * CiliumPolicyValidator v = CiliumPolicyValidator.create(MappingOptions.defaults().withCiliumVersion("1.18"));
 * for (PolicyDiagnostic d : v.validate(policy)) {
 *     System.err.println(d);   // ERROR l7-requires-tcp at spec.egress[0].toPorts[0].ports[0].protocol: ...
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #validate} only reads the policy (do not modify it concurrently, fabric8's
 * models are mutable).
 */
public final class CiliumPolicyValidator {

    /** Items read of any one list (rules, peers, ports...); longer lists get one {@code too-many-items} ERROR. */
    public static final int MAX_LIST_ITEMS = 10_000;

    private final MappingOptions options;

    private CiliumPolicyValidator(MappingOptions options) {
        this.options = options;
    }

    /**
     * A validator for the Cilium line and agent options of {@code options}.
     *
     * @throws NullPointerException when {@code options} is null
     */
    public static CiliumPolicyValidator create(MappingOptions options) {
        return new CiliumPolicyValidator(Objects.requireNonNull(options, "options"));
    }

    /** The options this validator judges by. */
    public MappingOptions options() {
        return options;
    }

    /**
     * Every finding about {@code policy}, in document order; empty when the agent would import it and there is
     * nothing to warn about. A {@link CiliumNetworkPolicy} or {@link CiliumClusterwideNetworkPolicy}; any other
     * object (or null) gives one ERROR {@link PolicyDiagnosticCodes#UNSUPPORTED_KIND}.
     *
     * @return an unmodifiable list; never throws
     */
    public List<PolicyDiagnostic> validate(HasMetadata policy) {
        List<PolicyDiagnostic> out = new ArrayList<>();
        String written = writtenKind(policy);
        if (written != null) { // e.g. a "kind: Pod" document read into the CiliumNetworkPolicy class
            out.add(PolicyDiagnostic.error(PolicyDiagnosticCodes.UNSUPPORTED_KIND, "kind", "the object says kind "
                    + io.kcs.cilium.rules.KubernetesNames.quote(written) + ", not " + policy.getClass().getSimpleName()
                    + "; only CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) are Cilium"
                    + " policies, and the API server would not take this object as one"));
            return Collections.unmodifiableList(out);
        }
        if (policy instanceof CiliumNetworkPolicy cnp) {
            new PolicyChecks(options, out).check(CiliumNetworkPolicy.KIND, cnp.getMetadata(), cnp.getSpec(),
                    cnp.getSpecs(), true);
        } else if (policy instanceof CiliumClusterwideNetworkPolicy ccnp) {
            new PolicyChecks(options, out).check(CiliumClusterwideNetworkPolicy.KIND, ccnp.getMetadata(),
                    ccnp.getSpec(), ccnp.getSpecs(), false);
        } else {
            String what = policy == null ? "null" : "kind " + kindOf(policy);
            out.add(PolicyDiagnostic.error(PolicyDiagnosticCodes.UNSUPPORTED_KIND, "kind", "cannot validate " + what
                    + ": only CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) are Cilium"
                    + " policies; read the document into one of them"));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The kind a CiliumNetworkPolicy or CCNP object says it is when that is not its class's kind (a document of
     * another kind deserialised into the class), else null.
     */
    private static String writtenKind(HasMetadata policy) {
        String expected = policy instanceof CiliumNetworkPolicy ? CiliumNetworkPolicy.KIND
                : policy instanceof CiliumClusterwideNetworkPolicy ? CiliumClusterwideNetworkPolicy.KIND : null;
        if (expected == null) {
            return null;
        }
        String kind;
        try {
            kind = policy.getKind();
        } catch (RuntimeException e) {
            return null;
        }
        return kind == null || kind.equals(expected) ? null : kind;
    }

    private static String kindOf(HasMetadata policy) {
        String kind;
        try {
            kind = policy.getKind();
        } catch (RuntimeException e) {
            kind = null;
        }
        return kind == null ? policy.getClass().getSimpleName() : io.kcs.cilium.rules.KubernetesNames.quote(kind);
    }
}
