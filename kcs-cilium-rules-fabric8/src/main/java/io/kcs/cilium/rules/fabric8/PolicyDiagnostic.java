package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.common.Severity;
import java.util.Objects;

/**
 * One finding about a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy: how bad it is, a stable code (one of
 * {@link PolicyDiagnosticCodes}), the JSON path of the offending field and a message saying what is wrong, how to fix
 * it and which Cilium check it mirrors.
 *
 * <p>An {@link Severity#ERROR} means the Cilium agent would refuse the whole policy (it imports all rules of a policy
 * or none); a {@link Severity#WARNING} means the agent imports it but it probably does not do what its author meant.
 * The path is written the way the policy document is nested, from the resource root: {@code spec},
 * {@code specs[2]}, {@code spec.egress[0].toPorts[1].ports[0].endPort}, {@code metadata.name}; the empty string
 * means the whole resource. Tools should branch on {@link #code()} and {@link #path()}, never on the message
 * wording.
 *
 * <p>What it is not: not a position in YAML text (a document read from a file has no stable line numbers once
 * deserialised), and not a Kubernetes status condition.
 *
 * <pre>{@code
 * PolicyDiagnostic d = CiliumPolicyValidator.create(MappingOptions.defaults()).validate(policy).get(0);
 * d.code();   // "l7-requires-tcp"
 * d.path();   // "spec.egress[0].toPorts[0].ports[0].protocol"
 * d.toString(); // "ERROR l7-requires-tcp at spec.egress[0].toPorts[0].ports[0].protocol: L7 rules ..."
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity ERROR (the agent refuses the policy) or WARNING
 * @param code stable kebab-case code, a constant of {@link PolicyDiagnosticCodes}
 * @param path JSON path of the offending field from the resource root, empty for the whole resource
 * @param message what is wrong, how to fix it, and the Cilium check it mirrors
 */
public record PolicyDiagnostic(Severity severity, String code, String path, String message) {

    /**
     * @throws NullPointerException when a component is null
     */
    public PolicyDiagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** An ERROR diagnostic. */
    public static PolicyDiagnostic error(String code, String path, String message) {
        return new PolicyDiagnostic(Severity.ERROR, code, path, message);
    }

    /** A WARNING diagnostic. */
    public static PolicyDiagnostic warning(String code, String path, String message) {
        return new PolicyDiagnostic(Severity.WARNING, code, path, message);
    }

    /** Whether this is an {@link Severity#ERROR}. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** A copy whose path is {@code prefix} followed by this path (for diagnostics of a policy set). */
    public PolicyDiagnostic withPathPrefix(String prefix) {
        return new PolicyDiagnostic(severity, code, Objects.requireNonNull(prefix, "prefix") + path, message);
    }

    /** {@code ERROR code at path: message} ({@code at <policy>} when the path is empty). */
    @Override
    public String toString() {
        return severity + " " + code + " at " + (path.isEmpty() ? "<policy>" : path) + ": " + message;
    }
}
