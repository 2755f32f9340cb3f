package io.kcs.cilium.rules.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side's verdict on a traced flow: the source endpoint's egress or the destination endpoint's ingress, as
 * {@link PolicyEngine#trace} computes it with Cilium's semantics.
 *
 * <p>{@link #allowedBy()} lists every rule (in compile order) that allows the flow on this side, also when the
 * direction is not enforced; {@link #deniedBy()} every deny rule that matches it. {@link #l7Proxy()} names the
 * proxy the allowing rules redirect the flow to ({@code "http"}, {@code "kafka"}, {@code "dns"}, the
 * {@code l7proto} name, or {@code "envoy"} for a listener), when one does. {@link #reason()} is this side's part of
 * the {@link Trace#explanation()}.
 *
 * <pre>{@code
 * Decision d = engine.trace(web, db, Protocol.TCP, 5432, now).ingress();
 * d.outcome();      // ALLOWED
 * d.allowedBy();    // [rule CiliumNetworkPolicy db/allow-web spec ...]
 * d.l7Proxy();      // Optional.empty(): plain L4
 * }</pre>
 *
 * <p>What it does not do: it does not describe replies (they skip policy) or what happens on other ports.
 * Immutable and thread-safe.
 *
 * @param outcome how this side decides
 * @param allowedBy the rules allowing the flow here
 * @param deniedBy the deny rules matching the flow here
 * @param l7Proxy the proxy the flow is redirected to, when an allowing rule has L7 rules
 * @param reason one sentence saying why, naming rules by their JSON path
 */
public record Decision(Outcome outcome, List<PolicyRule> allowedBy, List<PolicyRule> deniedBy,
        Optional<String> l7Proxy, String reason) {

    /** @throws NullPointerException when a component is null */
    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        allowedBy = List.copyOf(allowedBy);
        deniedBy = List.copyOf(deniedBy);
        Objects.requireNonNull(l7Proxy, "l7Proxy");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether this side lets the flow pass ({@link Outcome#passes()}). */
    public boolean passes() {
        return outcome.passes();
    }
}
