package io.kcs.cilium.rules.analysis;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link ProfileAnalyzer} knows about the cluster and what it should flag: the cluster's own address ranges, the
 * prefix-length floor, the entities counted as broad, the agent configuration (for the applicability checks) and
 * per-code severity overrides.
 *
 * <p>Defaults: no cluster ranges (so no {@code cidr-overlaps-cluster} finding until they are given), floor /8 for
 * IPv4 and /32 for IPv6 (the size of a regional registry's allocation; a shorter prefix is a continent-sized slice of
 * the internet), broad entities {@code all}, {@code world}, {@code cluster}, {@code cluster-mesh},
 * {@code remote-node}, the agent's defaults ({@link CiliumAgentConfig#defaults()}: L7 proxy on), and each code's
 * documented severity.
 *
 * <pre>{@code
 * AnalysisOptions o = AnalysisOptions.defaults()
 *         .withClusterCidrs(CidrSet.parse("10.244.0.0/16, 10.96.0.0/12, 192.168.0.0/24"))
 *         .withMinPrefixLength(16, 48)
 *         .withBroadEntities(Set.of(Entity.ALL, Entity.WORLD, Entity.HOST));
 * }</pre>
 *
 * <p>Immutable and thread-safe; every {@code with} method returns a new instance.
 */
public final class AnalysisOptions {

    private static final Set<Entity> DEFAULT_BROAD = Collections.unmodifiableSet(EnumSet.of(Entity.ALL, Entity.WORLD,
            Entity.CLUSTER, Entity.CLUSTER_MESH, Entity.REMOTE_NODE));
    private static final AnalysisOptions DEFAULTS = new AnalysisOptions(CidrSet.empty(), 8, 32, DEFAULT_BROAD,
            CiliumAgentConfig.defaults(), Map.of());

    private final CidrSet clusterCidrs;
    private final int minPrefixIpv4;
    private final int minPrefixIpv6;
    private final Set<Entity> broadEntities;
    private final CiliumAgentConfig agentConfig;
    private final Map<String, Severity> severities;

    private AnalysisOptions(CidrSet clusterCidrs, int minPrefixIpv4, int minPrefixIpv6, Set<Entity> broadEntities,
            CiliumAgentConfig agentConfig, Map<String, Severity> severities) {
        this.clusterCidrs = clusterCidrs;
        this.minPrefixIpv4 = minPrefixIpv4;
        this.minPrefixIpv6 = minPrefixIpv6;
        this.broadEntities = broadEntities;
        this.agentConfig = agentConfig;
        this.severities = severities;
    }

    /** The defaults described in the class comment. */
    public static AnalysisOptions defaults() {
        return DEFAULTS;
    }

    /** These options with the cluster's pod, service and node ranges (replacing earlier ones). */
    public AnalysisOptions withClusterCidrs(CidrSet cidrs) {
        return new AnalysisOptions(Objects.requireNonNull(cidrs, "cidrs"), minPrefixIpv4, minPrefixIpv6,
                broadEntities, agentConfig, severities);
    }

    /**
     * These options with a prefix-length floor per family: a CIDR exception with a shorter prefix gets
     * {@code cidr-too-broad}. 0 turns the check off for that family.
     *
     * @throws IllegalArgumentException when {@code ipv4} is outside 0..32 or {@code ipv6} outside 0..128
     */
    public AnalysisOptions withMinPrefixLength(int ipv4, int ipv6) {
        if (ipv4 < 0 || ipv4 > 32) {
            throw new IllegalArgumentException("IPv4 prefix-length floor must be 0..32, got " + ipv4);
        }
        if (ipv6 < 0 || ipv6 > 128) {
            throw new IllegalArgumentException("IPv6 prefix-length floor must be 0..128, got " + ipv6);
        }
        return new AnalysisOptions(clusterCidrs, ipv4, ipv6, broadEntities, agentConfig, severities);
    }

    /** These options with the entities reported as {@code broad-entity} (replacing the default set; may be empty). */
    public AnalysisOptions withBroadEntities(Set<Entity> entities) {
        Objects.requireNonNull(entities, "entities");
        EnumSet<Entity> copy = EnumSet.noneOf(Entity.class);
        for (Entity e : entities) {
            copy.add(Objects.requireNonNull(e, "entity"));
        }
        return new AnalysisOptions(clusterCidrs, minPrefixIpv4, minPrefixIpv6, Collections.unmodifiableSet(copy),
                agentConfig, severities);
    }

    /** These options with the agent configuration the applicability checks assume. */
    public AnalysisOptions withAgentConfig(CiliumAgentConfig config) {
        return new AnalysisOptions(clusterCidrs, minPrefixIpv4, minPrefixIpv6, broadEntities,
                Objects.requireNonNull(config, "config"), severities);
    }

    /**
     * These options with findings of {@code code} reported at {@code severity} instead of the documented one (for
     * example {@code covers-all-addresses} as a WARNING for an egress gateway namespace).
     *
     * @throws IllegalArgumentException when the code is not one of {@link FindingCodes#ALL}
     */
    public AnalysisOptions withSeverity(String code, Severity severity) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        if (!FindingCodes.ALL.contains(code)) {
            throw new IllegalArgumentException("unknown finding code \"" + code + "\"; known: " + FindingCodes.ALL);
        }
        Map<String, Severity> m = new TreeMap<>(severities);
        m.put(code, severity);
        return new AnalysisOptions(clusterCidrs, minPrefixIpv4, minPrefixIpv6, broadEntities, agentConfig,
                Collections.unmodifiableMap(m));
    }

    /** The cluster's pod, service and node ranges; empty by default. */
    public CidrSet clusterCidrs() {
        return clusterCidrs;
    }

    /** The IPv4 prefix-length floor (0: off). */
    public int minPrefixLengthIpv4() {
        return minPrefixIpv4;
    }

    /** The IPv6 prefix-length floor (0: off). */
    public int minPrefixLengthIpv6() {
        return minPrefixIpv6;
    }

    /** The entities reported as {@code broad-entity}; an unmodifiable set. */
    public Set<Entity> broadEntities() {
        return broadEntities;
    }

    /** The agent configuration the applicability checks assume. */
    public CiliumAgentConfig agentConfig() {
        return agentConfig;
    }

    /** The severity findings of {@code code} get: an override, else {@code documented}. */
    Severity severityOf(String code, Severity documented) {
        return severities.getOrDefault(code, documented);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalysisOptions a && a.clusterCidrs.equals(clusterCidrs)
                && a.minPrefixIpv4 == minPrefixIpv4 && a.minPrefixIpv6 == minPrefixIpv6
                && a.broadEntities.equals(broadEntities) && a.agentConfig.equals(agentConfig)
                && a.severities.equals(severities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterCidrs, minPrefixIpv4, minPrefixIpv6, broadEntities, agentConfig, severities);
    }

    @Override
    public String toString() {
        return "AnalysisOptions[clusterCidrs=" + clusterCidrs + ", minPrefixLength=/" + minPrefixIpv4 + ",/"
                + minPrefixIpv6 + ", broadEntities=" + broadEntities + ", " + agentConfig
                + (severities.isEmpty() ? "" : ", severities=" + severities) + "]";
    }
}
