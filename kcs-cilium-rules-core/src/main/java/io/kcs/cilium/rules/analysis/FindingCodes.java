package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.eval.ApplicabilityCodes;
import java.util.List;

/**
 * The stable codes of {@link Finding}s (documented in the README's "Analysis" table). Tools branch on these, never
 * on message wording. The applicability codes ({@link ApplicabilityCodes}) are reused as they are.
 *
 * <pre>{@code
 * boolean blocksAdmission = findings.stream().anyMatch(f -> f.code().equals(FindingCodes.COVERS_ALL_ADDRESSES));
 * }</pre>
 *
 * <p>Thread-safe (constants only).
 */
public final class FindingCodes {

    /**
     * ERROR by default: the exceptions of one direction together allow every IPv4 or every IPv6 address, the whole
     * internet ({@code 0.0.0.0/0}, a split cover such as {@code 0.0.0.0/1, 128.0.0.0/1}, {@code entity:world},
     * {@code entity:world-ipv4}, {@code entity:all}).
     */
    public static final String COVERS_ALL_ADDRESSES = "covers-all-addresses";
    /** WARNING: an entity that opens a broad class of peers ({@link AnalysisOptions#broadEntities()}). */
    public static final String BROAD_ENTITY = "broad-entity";
    /**
     * WARNING: a CIDR overlapping the cluster's pod, service or node ranges: Cilium's CIDR rules never select pods,
     * nodes or services, so the overlapping part allows nothing in the cluster.
     */
    public static final String CIDR_OVERLAPS_CLUSTER = "cidr-overlaps-cluster";
    /** WARNING: a CIDR with a shorter prefix than the configured floor ({@link AnalysisOptions#minPrefixLengthIpv4()}). */
    public static final String CIDR_TOO_BROAD = "cidr-too-broad";
    /** INFO: an entry whose peers other entries of the same direction already allow; removing it changes nothing. */
    public static final String REDUNDANT_ENTRY = "redundant-entry";
    /** WARNING: the FQDN pattern {@code *}, which allows every DNS name. */
    public static final String FQDN_MATCH_ALL = "fqdn-match-all";
    /** ERROR: FQDN exceptions while the agent runs without the L7 proxy (reused from {@link ApplicabilityCodes}). */
    public static final String FQDN_NEEDS_L7_PROXY = ApplicabilityCodes.FQDN_NEEDS_L7_PROXY;
    /** ERROR: an FQDN exception restricting ingress (reused from {@link ApplicabilityCodes}). */
    public static final String FQDN_IN_INGRESS = ApplicabilityCodes.FQDN_IN_INGRESS;
    /** WARNING: a service exception restricting ingress (reused from {@link ApplicabilityCodes}). */
    public static final String SERVICE_IN_INGRESS = ApplicabilityCodes.SERVICE_IN_INGRESS;

    /** Every code above, in README order. */
    public static final List<String> ALL = List.of(COVERS_ALL_ADDRESSES, BROAD_ENTITY, CIDR_OVERLAPS_CLUSTER,
            CIDR_TOO_BROAD, REDUNDANT_ENTRY, FQDN_MATCH_ALL, FQDN_NEEDS_L7_PROXY, FQDN_IN_INGRESS, SERVICE_IN_INGRESS);

    private FindingCodes() {}
}
