package io.kcs.cilium.rules.eval;

import java.util.List;

/**
 * The diagnostic codes of {@link Applicability#check}: whether Cilium can apply a profile as written. The one set of
 * these codes, reported alike by {@link PolicyEvaluator#compile} (in {@link PolicyNotApplicableException} and
 * {@link PolicyEvaluator#diagnostics()}) and by the fabric8 {@code CiliumPolicyMapper}. They complement the parser's
 * {@code DiagnosticCodes}; what they do not cover: the mapper's own codes (Cilium-version and CRD limits).
 *
 * <pre>{@code
 * if (d.code().equals(ApplicabilityCodes.FQDN_NEEDS_L7_PROXY)) { ... }
 * }</pre>
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
