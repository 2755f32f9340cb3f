package io.kcs.cilium.rules.common;

/**
 * How bad a {@link Diagnostic} is. An {@link #ERROR} means the entry it covers was not applied (and a strict parse
 * fails); a {@link #WARNING} means the entry was applied, normalised or skipped on purpose (empty, duplicate, not
 * for this CNI), and the text probably does not say what its author meant; an {@link #INFO} (analysis findings only)
 * points out something harmless, such as an entry that others already cover.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Severity {
    /** The covered entry is invalid and was not applied. */
    ERROR,
    /** The covered entry was applied, normalised or deliberately skipped; worth a look. */
    WARNING,
    /**
     * Information only, nothing wrong: used by the analysis package for redundant entries
     * ({@code io.kcs.cilium.rules.analysis.Finding}); parser, applicability and mapping diagnostics never use it.
     */
    INFO
}
