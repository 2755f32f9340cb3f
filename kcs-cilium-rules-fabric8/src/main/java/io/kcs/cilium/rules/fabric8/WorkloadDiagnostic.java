package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.common.Severity;
import java.util.Objects;

/**
 * One finding of {@link WorkloadReader} about a Kubernetes manifest: how bad it is, a stable code (the constants of
 * this record), which input and object it is about, the JSON path of the offending field, and a message saying what
 * is wrong and how to fix it.
 *
 * <p>An {@link Severity#ERROR} means the object was not read (it is refused whole: no workload, namespace, Service or
 * node is made of it, since half of it would give a wrong identity); a {@link Severity#WARNING} means something was
 * ignored and said so (a kind that is not read, a pod IP beyond the first, an object replaced by a later one of the
 * same kind and name): the reader never drops anything silently. Tools should branch on {@link #code()} and
 * {@link #path()}, never on the message wording.
 *
 * <p>What it is not: not an exception, and not a {@link PolicyDiagnostic} (that one is about Cilium policies).
 *
 * <pre>{@code
 * WorkloadDiagnostic d = WorkloadReader.read(yaml).diagnostics().get(0);
 * d.code();      // "invalid-label"
 * d.where();     // "deployments/shop/web: spec.template.metadata.labels.app"
 * d.line();      // 12 (0 when the objects were not read from text)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity ERROR (the object is not read) or WARNING (something is ignored)
 * @param code stable kebab-case code, a constant of this record or of {@link YamlDocuments}
 * @param input 0-based index of the document (or resource) in the input, -1 for the input as a whole
 * @param object the object: {@code <resource>/<namespace>/<name>} ({@code deployments/shop/web}), {@code
 *     <resource>/<name>} for cluster-scoped kinds ({@code nodes/n1}), or the document's place ({@code document-3},
 *     {@code document-3/item-2}) when it has no name; empty for the input as a whole
 * @param path JSON path of the offending field from the object's root ({@code spec.template.metadata.labels}), empty
 *     for the whole object
 * @param line 1-based line of that field in the text, 0 when the input was not text
 * @param message what is wrong and how to fix it
 */
public record WorkloadDiagnostic(Severity severity, String code, int input, String object, String path, int line,
        String message) {

    /** Code (WARNING): a kind {@link WorkloadReader} does not read; the object is ignored. */
    public static final String IGNORED_KIND = "ignored-kind";
    /** Code (ERROR): no {@code kind}, or not a string. */
    public static final String MISSING_KIND = "missing-kind";
    /** Code (ERROR): no {@code metadata.name}, or an invalid one; or an invalid {@code metadata.namespace}. */
    public static final String INVALID_NAME = "invalid-name";
    /** Code (ERROR): a field of the wrong type (a number where a list belongs...), as Jackson cannot bind it. */
    public static final String INVALID_STRUCTURE = "invalid-structure";
    /** Code (ERROR): a list item with nothing in it ({@code - } alone): Kubernetes refuses it, we cannot guess it. */
    public static final String EMPTY_LIST_ITEM = "empty-list-item";
    /** Code (ERROR): a workload without a pod template ({@code spec.template}, a CronJob's job template). */
    public static final String MISSING_TEMPLATE = "missing-template";
    /** Code (ERROR): a label key or value Kubernetes does not take (or a label without a value). */
    public static final String INVALID_LABEL = "invalid-label";
    /** Code (ERROR): a container port outside 1-65535, an unknown protocol or an invalid port name. */
    public static final String INVALID_PORT = "invalid-port";
    /** Code (ERROR): a pod or node IP that is not an IP address. */
    public static final String INVALID_IP = "invalid-ip";
    /** Code (ERROR): a value the identity cannot hold (service account name...), as {@code Peer.Pod} says. */
    public static final String INVALID_IDENTITY = "invalid-identity";
    /** Code (WARNING): a second object of the same kind, namespace and name: the later one is read (as kubectl). */
    public static final String DUPLICATE_OBJECT = "duplicate-object";
    /** Code (WARNING): part of an object is not used (a pod's second IP: a peer has one). */
    public static final String IGNORED_FIELD = "ignored-field";
    /** Code (ERROR): more objects or workloads than the reader's limits; the rest is not read. */
    public static final String TOO_MANY = "too-many";

    /**
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException for a negative line or an input below -1
     */
    public WorkloadDiagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0 || input < -1) {
            throw new IllegalArgumentException("line " + line + " or input " + input + " is negative");
        }
    }

    /** Whether this is an {@link Severity#ERROR}. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code object: path}, {@code object} alone when the path is empty, {@code <input>} for the whole input. */
    public String where() {
        String o = object.isEmpty() ? "<input>" : object;
        return path.isEmpty() ? o : o + ": " + path;
    }

    /** {@code ERROR code at where (line N): message} (no line part when the line is unknown). */
    @Override
    public String toString() {
        return severity + " " + code + " at " + where() + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
    }
}
