/**
 * kcs-cilium-rules core: the exception-list rule model and parser, IP/CIDR/FQDN types with Cilium's matching
 * semantics, policy evaluation and network-event aggregation.
 *
 * <p>Exports the API packages only: {@code io.kcs.cilium.rules} (rules, {@code RuleSet}, {@code Entity},
 * {@code KubernetesNames}), {@code .common}, {@code .parse}, {@code .net}, {@code .fqdn}, {@code .agent},
 * {@code .eval}, {@code .events}, {@code .policy} (the immutable model of CiliumNetworkPolicy rules), {@code .analysis}
 * (guardrails and profile diffs) and {@code .hubble} (Hubble flows, replay, learning). The helpers in {@code io.kcs.cilium.rules.internal} (scanners, syntax checks)
 * are not exported. Guava, jackson-core (which reads Hubble flow JSON in {@code .hubble}) and RE2/J (Go regexes of
 * HTTP rules in {@code .policy}) are used internally and appear nowhere in the API, so none is re-exported.
 */
module io.kcs.cilium.rules {
    requires com.google.common;
    requires com.fasterxml.jackson.core;
    requires re2j;

    exports io.kcs.cilium.rules;
    exports io.kcs.cilium.rules.common;
    exports io.kcs.cilium.rules.parse;
    exports io.kcs.cilium.rules.net;
    exports io.kcs.cilium.rules.fqdn;
    exports io.kcs.cilium.rules.agent;
    exports io.kcs.cilium.rules.eval;
    exports io.kcs.cilium.rules.events;
    exports io.kcs.cilium.rules.policy;
    exports io.kcs.cilium.rules.analysis;
    exports io.kcs.cilium.rules.hubble;
}
