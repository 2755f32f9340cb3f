package io.kcs.cilium.rules.fabric8;

import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How runtime profiles are mapped to Cilium policies: the target Cilium version (which entities and patterns its
 * CRD accepts), where the DNS proxy companion rule points, and the agent configuration.
 *
 * <pre>{@code
 * MappingOptions o = MappingOptions.defaults().withCiliumVersion("1.18");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MappingOptions {

    /** The newest Cilium line this library knows (its CRD is the reference of the typed model). */
    public static final String NEWEST_CILIUM_VERSION = "1.20";
    /** The oldest Cilium line this library knows. */
    public static final String OLDEST_CILIUM_VERSION = "1.16";

    private static final int NEWEST_MINOR = 20;
    private static final int OLDEST_MINOR = 16;

    private static final Map<String, String> KUBE_DNS = Map.of("k8s:io.kubernetes.pod.namespace", "kube-system",
            "k8s:k8s-app", "kube-dns");

    private final int minor;
    private final Map<String, String> dnsSelector;
    private final List<PortProtocol> dnsPorts;
    private final CiliumAgentConfig agentConfig;
    private final CidrSet clusterCidrs;

    private MappingOptions(int minor, Map<String, String> dnsSelector, List<PortProtocol> dnsPorts,
            CiliumAgentConfig agentConfig) {
        this(minor, dnsSelector, dnsPorts, agentConfig, CidrSet.empty());
    }

    private MappingOptions(int minor, Map<String, String> dnsSelector, List<PortProtocol> dnsPorts,
            CiliumAgentConfig agentConfig, CidrSet clusterCidrs) {
        this.minor = minor;
        this.dnsSelector = dnsSelector;
        this.dnsPorts = dnsPorts;
        this.agentConfig = agentConfig;
        this.clusterCidrs = clusterCidrs;
    }

    /** {@code o} with this instance's cluster ranges (every {@code with*} keeps them). */
    private MappingOptions keep(MappingOptions o) {
        return new MappingOptions(o.minor, o.dnsSelector, o.dnsPorts, o.agentConfig, clusterCidrs);
    }

    /** Newest Cilium line (1.20), kube-dns in kube-system on port 53 UDP and TCP, agent defaults. */
    public static MappingOptions defaults() {
        return new MappingOptions(NEWEST_MINOR, new TreeMap<>(KUBE_DNS), List.of(port("53", "UDP"), port("53", "TCP")),
                CiliumAgentConfig.defaults());
    }

    private static PortProtocol port(String port, String protocol) {
        return new PortProtocol().withPort(port).withProtocol(protocol);
    }

    /**
     * Targets Cilium {@code 1.<minor>}, {@code "1.16"} to {@code "1.20"} (a patch version such as {@code 1.18.4} or
     * a leading {@code v} is accepted; only the line counts). The line picks the CRD's entity enum, the FQDN pattern
     * semantics, and the agent checks of {@link CiliumPolicyValidator} (for example the protocols a port may name).
     *
     * @throws IllegalArgumentException when the text is not {@code 1.<minor>[.<patch>]} with minor 16 to 20
     */
    public MappingOptions withCiliumVersion(String version) {
        Objects.requireNonNull(version, "version");
        String v = version.startsWith("v") ? version.substring(1) : version;
        String[] parts = v.split("\\.");
        int m;
        try {
            if (parts.length < 2 || parts.length > 3 || !parts[0].equals("1")) {
                throw new NumberFormatException();
            }
            m = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cilium version must look like 1.16 or 1.16.3: " + version);
        }
        if (m < OLDEST_MINOR || m > NEWEST_MINOR) {
            throw new IllegalArgumentException("Cilium version must be a line from " + OLDEST_CILIUM_VERSION + " to "
                    + NEWEST_CILIUM_VERSION + ": " + version);
        }
        return keep(new MappingOptions(m, dnsSelector, dnsPorts, agentConfig));
    }

    /**
     * Points the DNS companion rule of FQDN exceptions at the pods matching {@code selector} (endpoint-selector
     * keys, e.g. {@code k8s:k8s-app}) on {@code ports} (explicit ports, no ranges: Cilium's DNS rules need them).
     *
     * @throws IllegalArgumentException when the selector is empty (it would select every pod) or has an invalid label
     *     (see {@link EndpointSelectors}), when there is no port, or a port is missing or a range
     */
    public MappingOptions withDnsProxyTarget(Map<String, String> selector, List<PortProtocol> ports) {
        Map<String, String> checked = EndpointSelectors.requireValid(Objects.requireNonNull(selector, "selector"));
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("the DNS target selector is empty: it would select every pod");
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a DNS target needs at least one port");
        }
        for (PortProtocol p : ports) {
            if (p.getPort() == null || p.getEndPort() != null) {
                throw new IllegalArgumentException("DNS rules need explicit ports without ranges: " + p.getPort());
            }
        }
        return keep(new MappingOptions(minor, checked, List.copyOf(ports), agentConfig));
    }

    /** The agent configuration (FQDN exceptions need {@code enable-l7-proxy}). */
    public MappingOptions withAgentConfig(CiliumAgentConfig config) {
        return keep(new MappingOptions(minor, dnsSelector, dnsPorts, Objects.requireNonNull(config, "config")));
    }

    /** The Cilium minor version targeted (1.x). */
    public int ciliumMinor() {
        return minor;
    }

    /** The DNS companion rule's endpoint selector. */
    public Map<String, String> dnsSelector() {
        return dnsSelector;
    }

    /** The DNS companion rule's ports (fresh copies: the model classes are mutable). */
    public List<PortProtocol> dnsPorts() {
        List<PortProtocol> out = new java.util.ArrayList<>();
        for (PortProtocol p : dnsPorts) {
            out.add(port(p.getPort(), p.getProtocol()));
        }
        return out;
    }

    /** The agent configuration. */
    public CiliumAgentConfig agentConfig() {
        return agentConfig;
    }

    /**
     * The address ranges of the cluster itself: its pod CIDRs, service (ClusterIP) range and node network. The
     * reader uses them for the {@code cidr-selects-cluster-range} lint: Cilium's CIDR rules select only peers
     * outside the cluster (identities derived from an address), never pods, services or (unless
     * {@code policy-cidr-match-mode=nodes}) nodes, so a CIDR rule over these ranges rarely does what its author
     * meant. Empty (the default) turns the lint off.
     *
     * <pre>{@code
     * MappingOptions o = MappingOptions.defaults()
     *         .withClusterCidrs(CidrSet.parse("10.244.0.0/16,10.96.0.0/12,192.168.0.0/24"));
     * }</pre>
     */
    public MappingOptions withClusterCidrs(CidrSet cidrs) {
        return new MappingOptions(minor, dnsSelector, dnsPorts, agentConfig, Objects.requireNonNull(cidrs, "cidrs"));
    }

    /** The cluster's own address ranges ({@link #withClusterCidrs}); empty when not configured. */
    public CidrSet clusterCidrs() {
        return clusterCidrs;
    }

    @Override
    public String toString() {
        return "MappingOptions[cilium=1." + minor + ", dns=" + dnsSelector + ", " + agentConfig
                + (clusterCidrs.isEmpty() ? "" : ", clusterCidrs=" + clusterCidrs) + "]";
    }
}
