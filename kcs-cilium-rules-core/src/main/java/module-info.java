/**
 * kcs-cilium-rules core: the exception-list rule model and parser, IP/CIDR/FQDN types with Cilium's matching
 * semantics, policy evaluation and network-event aggregation.
 *
 * <p>Exports the API packages only: {@code io.kcs.cilium.rules} (rules, {@code RuleSet}, {@code Entity},
 * {@code KubernetesNames}), {@code .common}, {@code .parse}, {@code .net}, {@code .fqdn}, {@code .agent},
 * {@code .eval}, {@code .events} and {@code .policy} (the immutable model of CiliumNetworkPolicy rules). The helpers in {@code io.kcs.cilium.rules.internal} (scanners, syntax checks)
 * are not exported. Guava is used internally and does not appear in the API, so it is not re-exported.
 */
module io.kcs.cilium.rules {
    requires com.google.common;

    exports io.kcs.cilium.rules;
    exports io.kcs.cilium.rules.common;
    exports io.kcs.cilium.rules.parse;
    exports io.kcs.cilium.rules.net;
    exports io.kcs.cilium.rules.fqdn;
    exports io.kcs.cilium.rules.agent;
    exports io.kcs.cilium.rules.eval;
    exports io.kcs.cilium.rules.events;
    exports io.kcs.cilium.rules.policy;
}
