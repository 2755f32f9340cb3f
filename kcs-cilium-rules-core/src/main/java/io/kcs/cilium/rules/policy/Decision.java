package io.kcs.cilium.rules.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
 * <p>A value: {@link #equals}, {@link #hashCode} and {@link #toString} are those of a record with the components
 * {@code outcome, allowedBy, deniedBy, l7Proxy, reason} (it was a record before; see the CHANGELOG). The reason a
 * {@link PolicyEngine} gives is computed on the first call of {@link #reason()} (or {@code equals}/{@code toString})
 * from immutable inputs, not when the flow is traced: most callers only read the outcome.
 *
 * <p>What it does not do: it does not describe replies (they skip policy) or what happens on other ports.
 * Immutable and thread-safe: the lazily computed reason is cached in a plain field with a racy single check (two
 * threads may both compute it; they compute the same immutable string, and a {@code String} is safely published
 * through a data race).
 */
public final class Decision {

    private final Outcome outcome;
    private final List<PolicyRule> allowedBy;
    private final List<PolicyRule> deniedBy;
    private final Optional<String> l7Proxy;
    /** Computes the reason when it was not given; null when it was. */
    private final Supplier<String> reasonSource;
    /** The reason, once known (racy single check: see the class comment). */
    private String reason;

    /**
     * A decision.
     *
     * @param outcome how this side decides
     * @param allowedBy the rules allowing the flow here
     * @param deniedBy the deny rules matching the flow here
     * @param l7Proxy the proxy the flow is redirected to, when an allowing rule has L7 rules
     * @param reason one sentence saying why, naming rules by their JSON path
     * @throws NullPointerException when an argument or a rule is null
     */
    public Decision(Outcome outcome, List<PolicyRule> allowedBy, List<PolicyRule> deniedBy, Optional<String> l7Proxy,
            String reason) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.allowedBy = List.copyOf(allowedBy);
        this.deniedBy = List.copyOf(deniedBy);
        this.l7Proxy = Objects.requireNonNull(l7Proxy, "l7Proxy");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.reasonSource = null;
    }

    /**
     * The engine's decision: the lists are already immutable ({@code List.of}/{@code List.copyOf}) and the reason is
     * computed on first use by {@code reasonSource}, which must be a pure function of immutable inputs.
     */
    Decision(Outcome outcome, List<PolicyRule> allowedBy, List<PolicyRule> deniedBy, Optional<String> l7Proxy,
            Supplier<String> reasonSource) {
        this.outcome = outcome;
        this.allowedBy = allowedBy;
        this.deniedBy = deniedBy;
        this.l7Proxy = l7Proxy;
        this.reasonSource = reasonSource;
    }

    /** How this side decides. */
    public Outcome outcome() {
        return outcome;
    }

    /** The rules allowing the flow here, in compile order. */
    public List<PolicyRule> allowedBy() {
        return allowedBy;
    }

    /** The deny rules matching the flow here, in compile order. */
    public List<PolicyRule> deniedBy() {
        return deniedBy;
    }

    /** The proxy the flow is redirected to, when an allowing rule has L7 rules. */
    public Optional<String> l7Proxy() {
        return l7Proxy;
    }

    /** One sentence saying why, naming rules by their JSON path (computed on first call). */
    public String reason() {
        String r = reason;
        if (r == null) {
            r = Objects.requireNonNull(reasonSource.get(), "reason");
            reason = r;
        }
        return r;
    }

    /** Whether this side lets the flow pass ({@link Outcome#passes()}). */
    public boolean passes() {
        return outcome.passes();
    }

    /** Equal when every component is, the reason included. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Decision d && outcome == d.outcome && allowedBy.equals(d.allowedBy)
                && deniedBy.equals(d.deniedBy) && l7Proxy.equals(d.l7Proxy) && reason().equals(d.reason());
    }

    /** A hash of the components but the reason (consistent with {@link #equals}; it does not compute the reason). */
    @Override
    public int hashCode() {
        return Objects.hash(outcome, allowedBy, deniedBy, l7Proxy);
    }

    /** As a record's: {@code Decision[outcome=..., allowedBy=..., deniedBy=..., l7Proxy=..., reason=...]}. */
    @Override
    public String toString() {
        return "Decision[outcome=" + outcome + ", allowedBy=" + allowedBy + ", deniedBy=" + deniedBy + ", l7Proxy="
                + l7Proxy + ", reason=" + reason() + "]";
    }
}
