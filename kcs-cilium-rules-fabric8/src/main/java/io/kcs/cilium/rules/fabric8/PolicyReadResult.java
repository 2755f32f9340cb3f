package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CiliumPolicyReader} made of a policy or a policy set: the rules the Cilium agent would import, after its
 * rewriting, and every diagnostic (the agent's refusals as ERRORs, lints as WARNINGs).
 *
 * <p>{@link #valid()} is true when no diagnostic is an ERROR, i.e. the agent would import every policy read. One policy
 * is imported whole or not at all, as the agent does: when a policy is not valid none of its rules is in
 * {@link #rules()}, so {@code read(policy)} of an invalid policy has no rules. A set read with
 * {@link CiliumPolicyReader#read(List)} holds the rules of each policy that is valid on its own (the agent imports
 * policies independently), in input order; its {@code valid()} is false as soon as one policy is refused, and the
 * ERRORs' paths name that policy ({@code <namespace>/<name>:spec...}).
 *
 * <p>What it is not: not an evaluation of traffic (see the core model's {@link PolicyRule} for the data), and not a
 * promise about what the API server accepts (the CRD schema is checked before the agent sees a policy).
 *
 * <pre>{@code
 * PolicyReadResult r = CiliumPolicyReader.create(MappingOptions.defaults()).read(policy);
 * if (!r.valid()) {
 *     r.errors().forEach(System.err::println);   // ERROR code at path: message
 * }
 * for (PolicyRule rule : r.rules()) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rules the rules the agent imports, in document order ({@code spec} first, then {@code specs}); empty when a
 *     single policy is not valid
 * @param diagnostics every finding, in document order per policy (the validator's, then the lints')
 */
public record PolicyReadResult(List<PolicyRule> rules, List<PolicyDiagnostic> diagnostics) {

    /**
     * Copies both lists.
     *
     * @throws NullPointerException when a list or an element is null
     */
    public PolicyReadResult {
        rules = List.copyOf(rules);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the agent would import everything read: no diagnostic is an ERROR. */
    public boolean valid() {
        for (PolicyDiagnostic d : diagnostics) {
            if (d.severity() == Severity.ERROR) {
                return false;
            }
        }
        return true;
    }

    /** The ERROR diagnostics, in order. */
    public List<PolicyDiagnostic> errors() {
        return only(Severity.ERROR);
    }

    /** The WARNING diagnostics, in order. */
    public List<PolicyDiagnostic> warnings() {
        return only(Severity.WARNING);
    }

    private List<PolicyDiagnostic> only(Severity severity) {
        List<PolicyDiagnostic> out = new ArrayList<>();
        for (PolicyDiagnostic d : diagnostics) {
            if (d.severity() == severity) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** Whether some diagnostic has this code. */
    public boolean hasCode(String code) {
        Objects.requireNonNull(code, "code");
        for (PolicyDiagnostic d : diagnostics) {
            if (d.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** {@code valid, N rules, M diagnostics} then one diagnostic per line. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(valid() ? "valid" : "invalid").append(", ").append(rules.size()).append(" rules, ")
                .append(diagnostics.size()).append(" diagnostics");
        for (PolicyDiagnostic d : diagnostics) {
            b.append('\n').append(d);
        }
        return b.toString();
    }
}
