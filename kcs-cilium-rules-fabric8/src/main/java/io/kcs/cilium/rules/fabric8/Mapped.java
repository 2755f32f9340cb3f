package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.common.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * The result of a mapping: a value and every diagnostic about it (what could not be expressed, what was replaced
 * by an equivalent). Nothing is dropped silently: an exception that is not in the value has an ERROR diagnostic.
 *
 * <p>Immutable and thread-safe when {@code T} is (fabric8 models are mutable: treat them as read-only once shared).
 *
 * @param <T> the value's type
 */
public final class Mapped<T> {

    private final T value;
    private final List<Diagnostic> diagnostics;

    /** @param value the value; @param diagnostics every diagnostic */
    public Mapped(T value, List<Diagnostic> diagnostics) {
        this.value = Objects.requireNonNull(value, "value");
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The mapped value. */
    public T value() {
        return value;
    }

    /** Every diagnostic, errors and warnings. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Whether any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    @Override
    public String toString() {
        return "Mapped[" + value + ", " + diagnostics + "]";
    }
}
