package io.kcs.cilium.rules.parse;

import io.kcs.cilium.rules.common.Severity;

import io.kcs.cilium.rules.common.Diagnostic;

import io.kcs.cilium.rules.RuleSet;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link RuleParser} made of a text: the rules it accepted and every diagnostic, in text order.
 *
 * <p>With a lenient parser, {@link #rules()} holds every valid entry and each skipped entry has a diagnostic
 * covering it; {@link #hasErrors()} tells whether anything was skipped as invalid. A strict parser never returns a
 * result with errors (it throws {@link RuleSyntaxException}), so its results carry warnings at most.
 *
 * <pre>{@code
 * ParseResult r = RuleParser.lenient().parse("10.0.0.0/8, 300.1.1.1, *.example.com");
 * r.rules().toString();   // "10.0.0.0/8, *.example.com"
 * r.hasErrors();          // true (invalid-ipv4 at 12-15)
 * r.orThrow();            // throws RuleSyntaxException
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ParseResult {

    private final RuleSet rules;
    private final List<Diagnostic> diagnostics;
    private final boolean hasErrors;

    /**
     * @param rules the accepted rules
     * @param diagnostics every diagnostic, in text order
     */
    public ParseResult(RuleSet rules, List<Diagnostic> diagnostics) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.diagnostics = List.copyOf(diagnostics);
        boolean errors = false;
        for (Diagnostic d : this.diagnostics) {
            errors |= d.isError();
        }
        this.hasErrors = errors;
    }

    /** The accepted rules, duplicates removed, in first-occurrence order. */
    public RuleSet rules() {
        return rules;
    }

    /** Every diagnostic, errors and warnings, ordered by position. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Whether any diagnostic is an {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return hasErrors;
    }

    /**
     * The rules when there is no error.
     *
     * @throws RuleSyntaxException carrying every diagnostic when there is an error
     */
    public RuleSet orThrow() {
        if (hasErrors) {
            throw new RuleSyntaxException(diagnostics);
        }
        return rules;
    }

    @Override
    public String toString() {
        return "ParseResult[rules=" + rules + ", diagnostics=" + diagnostics + "]";
    }
}
