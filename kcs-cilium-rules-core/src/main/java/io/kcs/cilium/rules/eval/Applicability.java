package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.common.TextSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether Cilium can apply a runtime profile as written on an agent with a given configuration: the one
 * implementation behind {@link PolicyEvaluator#compile} (which throws {@link PolicyNotApplicableException} on an
 * error) and the fabric8 {@code CiliumPolicyMapper} (which leaves the offending exceptions out of the policy), so
 * both report the same diagnostics for the same profile.
 *
 * <p>The checks, per exception, with codes from {@link ApplicabilityCodes}:
 * <ul>
 *   <li>an FQDN exception restricting ingress: ERROR {@code fqdn-in-ingress} (Cilium has FQDN rules for egress
 *       only; reported once, whatever the L7 proxy setting);
 *   <li>an FQDN exception restricting egress while the agent runs with {@code enable-l7-proxy=false}: ERROR
 *       {@code fqdn-needs-l7-proxy};
 *   <li>a service exception restricting ingress: WARNING {@code service-in-ingress} (Cilium has no
 *       {@code fromServices}; the pods of the namespace whose pod labels match are selected instead).
 * </ul>
 * Diagnostics come ingress list first, then egress list, each in list order. Offsets are the exception's span in the
 * text its {@link RuleSet} was parsed from ({@code 0-0} when it was built from rules).
 *
 * <p>What it does not do: it does not check the exceptions' own syntax (the parser did), nor anything that depends on
 * a Cilium version or on the CRD (the mapper reports those, e.g. {@code entity-replaced}).
 *
 * <pre>{@code
 * RuntimeProfile p = RuntimeProfile.builder().restrictIngress(RuleSet.parse("10.0.0.0/8, api.example.com")).build();
 * List<Diagnostic> d = Applicability.check(p, CiliumAgentConfig.defaults());
 * // [ERROR fqdn-in-ingress at 12-27: exception api.example.com (ingress list, columns 13-27)
 * //  restricts ingress, but Cilium has FQDN rules for egress only]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Applicability {

    private Applicability() {}

    /**
     * Every diagnostic, errors and warnings, about applying {@code profile} on an agent with {@code config}; empty
     * when Cilium applies it as written.
     *
     * @throws NullPointerException when an argument is null
     */
    public static List<Diagnostic> check(RuntimeProfile profile, CiliumAgentConfig config) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(config, "config");
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Direction d : Direction.values()) {
            Optional<RuleSet> rules = profile.exceptions(d);
            if (rules.isEmpty()) {
                continue;
            }
            RuleSet rs = rules.get();
            for (int i = 0; i < rs.size(); i++) {
                Rule r = rs.rules().get(i);
                TextSpan span = rs.spanOf(i).orElse(new TextSpan(0, 0));
                if (r instanceof FqdnRule && d == Direction.INGRESS) {
                    diagnostics.add(new Diagnostic(Severity.ERROR, ApplicabilityCodes.FQDN_IN_INGRESS, span.start(),
                            span.end(), PolicyEvaluator.describe(r, rs, i, d)
                                    + " restricts ingress, but Cilium has FQDN rules for egress only"));
                } else if (r instanceof FqdnRule && !config.enableL7Proxy()) {
                    diagnostics.add(new Diagnostic(Severity.ERROR, ApplicabilityCodes.FQDN_NEEDS_L7_PROXY,
                            span.start(), span.end(), PolicyEvaluator.describe(r, rs, i, d) + " needs Cilium's L7"
                                    + " proxy, but the agent runs with enable-l7-proxy=false"));
                } else if (r instanceof ServiceRule && d == Direction.INGRESS) {
                    diagnostics.add(new Diagnostic(Severity.WARNING, ApplicabilityCodes.SERVICE_IN_INGRESS,
                            span.start(), span.end(), PolicyEvaluator.describe(r, rs, i, d) + " restricts ingress;"
                                    + " Cilium has no fromServices, so it allows the pods of the namespace whose pod"
                                    + " labels match the given labels"));
                }
            }
        }
        return List.copyOf(diagnostics);
    }

    /** Whether {@code diagnostics} has an error, i.e. Cilium could not apply the profile as written. */
    static boolean hasError(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
