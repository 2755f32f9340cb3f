package io.kcs.cilium.rules;

/**
 * One entry of a runtime profile's network-exception list: a peer that a restricted direction still allows.
 *
 * <p>The set of kinds is closed ({@link CidrRule}, {@link FqdnRule}, {@link EntityRule}, {@link EndpointRule},
 * {@link ServiceRule}); callers branch over it:
 * <pre>{@code
 * for (Rule rule : RuleSet.parse("10.0.0.0/8, *.example.com, entity:host")) {
 *     if (rule instanceof CidrRule c) {
 *         System.out.println("CIDR " + c.cidr());
 *     } else if (rule instanceof FqdnRule f) {
 *         System.out.println("FQDN " + f.selector().value());
 *     } // ...
 * }
 * }</pre>
 *
 * <p>{@link #toString()} of every rule is its canonical entry text, which the parser reads back to an equal rule:
 * {@code RuleSet.parse(rule.toString())} holds exactly {@code rule}.
 *
 * <p>What it does not do: a rule does not know its direction or how it is enforced; see the evaluation and mapping
 * packages. All implementations are immutable records and thread-safe.
 */
public sealed interface Rule permits CidrRule, FqdnRule, EntityRule, EndpointRule, ServiceRule {

    /** The canonical entry text, e.g. {@code 10.0.0.0/8}, {@code *.example.com}, {@code service:shop|app=web}. */
    @Override
    String toString();
}
