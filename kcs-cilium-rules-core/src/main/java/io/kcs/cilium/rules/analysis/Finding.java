package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.common.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One thing {@link ProfileAnalyzer} found in a runtime profile: how bad it is, a stable code
 * ({@link FindingCodes}), the direction, the entries involved and a message for a reviewer that says what the
 * entries open.
 *
 * <p>{@link #rules()} lists the entries involved, the one the finding is about first: for
 * {@code redundant-entry} the redundant entry, then the entries that cover it; for {@code covers-all-addresses} the
 * entries that together cover the address family. Rules are those of the analysed {@code RuleSet}, so
 * {@code ruleSet.spanOf(finding.rules().get(0))} locates the entry in the text it was parsed from.
 *
 * <pre>{@code
 * Finding f = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(RuntimeProfile.builder()
 *         .restrictEgress(RuleSet.parse("0.0.0.0/1, 128.0.0.0/1")).build()).get(0);
 * f.severity();  // ERROR
 * f.code();      // "covers-all-addresses"
 * f.rules();     // [0.0.0.0/1, 128.0.0.0/1]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity ERROR, WARNING or INFO
 * @param code stable kebab-case code from {@link FindingCodes}
 * @param direction the direction whose exception list it concerns
 * @param rules the entries involved, the subject first; never empty except for a direction-wide finding
 * @param message what it opens, in words a reviewer understands
 */
public record Finding(Severity severity, String code, Direction direction, List<Rule> rules, String message) {

    /** @throws NullPointerException when a component or a rule is null */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(direction, "direction");
        rules = List.copyOf(rules);
        Objects.requireNonNull(message, "message");
    }

    /** Whether this is an {@link Severity#ERROR}. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code ERROR covers-all-addresses egress [0.0.0.0/0]: message}. */
    @Override
    public String toString() {
        return severity + " " + code + " " + direction.lowerName() + " " + rules + ": " + message;
    }
}
