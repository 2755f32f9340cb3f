package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Diagnostic;

import java.util.List;

/**
 * Diagnostic codes of {@link PolicyEvaluator#compile}: whether Cilium can apply a profile as written. They complement
 * the parser's {@code DiagnosticCodes}.
 *
 * <p>Thread-safe (constants only).
 */
public final class ApplicabilityCodes {

    /** ERROR: FQDN exceptions need the L7 proxy, and the agent runs with {@code enable-l7-proxy=false}. */
    public static final String FQDN_NEEDS_L7_PROXY = "fqdn-needs-l7-proxy";
    /** ERROR: an FQDN exception restricts ingress; Cilium has FQDN rules for egress only. */
    public static final String FQDN_IN_INGRESS = "fqdn-in-ingress";
    /** WARNING: a service exception restricts ingress; Cilium has no fromServices, pod labels are matched instead. */
    public static final String SERVICE_IN_INGRESS = "service-in-ingress";

    /** Every code above. */
    public static final List<String> ALL = List.of(FQDN_NEEDS_L7_PROXY, FQDN_IN_INGRESS, SERVICE_IN_INGRESS);

    private ApplicabilityCodes() {}
}
