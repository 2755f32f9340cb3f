package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The default-deny posture of one direction of a {@link PolicyRule} after Cilium's defaulting, and why.
 *
 * <p>Cilium's {@code Rule.Sanitize} ({@code pkg/policy/api/rule_validation.go}):
 * <ul>
 *   <li>With the agent option {@code enable-non-default-deny-policies} on (the default): an explicit
 *   {@code enableDefaultDeny.<direction>} is kept ({@link Reason#EXPLICIT}); otherwise default deny is on when the
 *   rule has an allow or a deny section for that direction ({@link Reason#IMPLIED_BY_SECTION}) and off when it has
 *   neither ({@link Reason#NOT_IMPLIED}).</li>
 *   <li>With the option off: both directions are set to on, whatever was written ({@link Reason#FORCED_BY_AGENT}).
 *   </li>
 * </ul>
 * A direction with no section never restricts traffic, whatever its flag says; see {@link #isEffective}.
 *
 * <pre>{@code
 * DefaultDeny.defaulting(Optional.of(false), true, true);    // disabled, EXPLICIT, requested false
 * DefaultDeny.defaulting(Optional.empty(), true, true);      // enabled, IMPLIED_BY_SECTION
 * DefaultDeny.defaulting(Optional.empty(), false, true);     // disabled, NOT_IMPLIED
 * DefaultDeny.defaulting(Optional.of(false), true, false);   // enabled, FORCED_BY_AGENT, requested false
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param enabled whether default deny is on after defaulting
 * @param reason why
 * @param requested the {@code enableDefaultDeny} value written in the policy, when written
 */
public record DefaultDeny(boolean enabled, Reason reason, Optional<Boolean> requested) {

    /** Why a direction's default deny is on or off. */
    public enum Reason {
        /** The policy set {@code enableDefaultDeny} for the direction, and the agent honours it. */
        EXPLICIT,
        /** Not set; the rule has an allow or deny section for the direction, so default deny is on. */
        IMPLIED_BY_SECTION,
        /** Not set; the rule has no section for the direction, so default deny is off. */
        NOT_IMPLIED,
        /** The agent runs with {@code enable-non-default-deny-policies=false}: always on. */
        FORCED_BY_AGENT
    }

    /** @throws IllegalArgumentException when the reason contradicts the values */
    public DefaultDeny {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requested, "requested");
        boolean ok = switch (reason) {
            case EXPLICIT -> requested.isPresent() && requested.get() == enabled;
            case IMPLIED_BY_SECTION -> enabled && requested.isEmpty();
            case NOT_IMPLIED -> !enabled && requested.isEmpty();
            case FORCED_BY_AGENT -> enabled;
        };
        if (!ok) {
            throw new IllegalArgumentException("default deny " + (enabled ? "on" : "off") + " with reason " + reason
                    + " and requested " + requested.map(String::valueOf).orElse("nothing") + " is contradictory");
        }
    }

    /**
     * Cilium's defaulting for one direction (a pure function).
     *
     * @param requested {@code enableDefaultDeny.<direction>} as written, empty when omitted
     * @param hasSection whether the rule has an allow or deny section for the direction ({@code ingress} or
     *     {@code ingressDeny} non-empty, likewise for egress)
     * @param nonDefaultDenyPoliciesEnabled the agent option {@code enable-non-default-deny-policies}
     */
    public static DefaultDeny defaulting(Optional<Boolean> requested, boolean hasSection,
            boolean nonDefaultDenyPoliciesEnabled) {
        Objects.requireNonNull(requested, "requested");
        if (!nonDefaultDenyPoliciesEnabled) {
            return new DefaultDeny(true, Reason.FORCED_BY_AGENT, requested);
        }
        if (requested.isPresent()) {
            return new DefaultDeny(requested.get(), Reason.EXPLICIT, requested);
        }
        return hasSection ? IMPLIED : NOT_IMPLIED;
    }

    /** The two values of an unset direction (immutable, so shared). */
    private static final DefaultDeny IMPLIED = new DefaultDeny(true, Reason.IMPLIED_BY_SECTION, Optional.empty());
    private static final DefaultDeny NOT_IMPLIED = new DefaultDeny(false, Reason.NOT_IMPLIED, Optional.empty());

    /**
     * Whether the posture changes anything for a direction: only a direction with a section restricts traffic.
     *
     * @param hasSection whether the rule has an allow or deny section for the direction
     */
    public boolean isEffective(boolean hasSection) {
        return hasSection && enabled;
    }

    /** Whether the policy asked for something the agent does not honour ({@link Reason#FORCED_BY_AGENT} over false). */
    public boolean overridesRequest() {
        return requested.isPresent() && requested.get() != enabled;
    }

    /** {@code on (REASON)} or {@code off (REASON)}. */
    @Override
    public String toString() {
        return (enabled ? "on" : "off") + " (" + reason + requested.map(r -> ", requested " + r).orElse("") + ")";
    }
}
