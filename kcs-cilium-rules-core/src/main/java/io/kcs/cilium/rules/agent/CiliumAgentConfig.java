package io.kcs.cilium.rules.agent;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Cilium agent options this library's semantics depend on, read as the agent reads them from the
 * {@code cilium-config} ConfigMap or its command-line flags.
 *
 * <table>
 *   <caption>Recognised options</caption>
 *   <tr><th>key</th><th>default</th><th>accepted values (as Cilium accepts them)</th></tr>
 *   <tr><td>{@code enable-l7-proxy}</td><td>{@code true}</td><td>Go {@code strconv.ParseBool}: 1, t, T, TRUE,
 *       true, True, 0, f, F, FALSE, false, False</td></tr>
 *   <tr><td>{@code policy-cidr-match-mode}</td><td>empty</td><td>a list of modes, only {@code nodes}
 *       (CIDR rules then also select node IPs)</td></tr>
 *   <tr><td>{@code monitor-aggregation}</td><td>{@code none} (agent; the Helm chart sets medium)</td><td>
 *       {@code none}/{@code disabled}/empty = 0, {@code lowest} = 1, {@code low} = 2, {@code medium} = 3,
 *       {@code max}/{@code maximum} = 4, case-insensitive, or a decimal 0-4 (Go {@code strconv.Atoi})</td></tr>
 *   <tr><td>{@code monitor-aggregation-interval}</td><td>{@code 5s}</td><td>Go duration ({@code 5s},
 *       {@code 1m30s}, {@code 500ms}); not negative</td></tr>
 *   <tr><td>{@code monitor-aggregation-flags}</td><td>{@code syn,fin,rst} (agent; the Helm chart sets all)</td>
 *       <td>tokens {@code fin syn rst psh ack urg ece cwr all none}, case-insensitive, separated by commas or
 *       white space; an unknown token is an error (it is fatal in Cilium)</td></tr>
 *   <tr><td>{@code enable-icmp-rules}</td><td>{@code true}</td><td>Go {@code strconv.ParseBool}; when false the
 *       agent refuses policies with {@code icmps}</td></tr>
 *   <tr><td>{@code enable-non-default-deny-policies}</td><td>{@code true}</td><td>Go {@code strconv.ParseBool};
 *       when false the agent ignores {@code enableDefaultDeny} and always turns default deny on</td></tr>
 *   <tr><td>{@code enable-node-selector-labels}</td><td>{@code false}</td><td>Go {@code strconv.ParseBool}; when
 *       false the agent refuses policies with {@code fromNodes} / {@code toNodes}</td></tr>
 *   <tr><td>{@code enable-extended-ip-protocols}</td><td>{@code false}</td><td>Go {@code strconv.ParseBool}
 *       (Cilium 1.19+); when true a port item may omit {@code port} (VRRP, IGMP and the tunnel protocols)</td></tr>
 *   <tr><td>{@code enable-host-firewall}</td><td>{@code false}</td><td>Go {@code strconv.ParseBool}; without it
 *       host policies ({@code nodeSelector}) are imported but not enforced</td></tr>
 *   <tr><td>{@code cluster-name}</td><td>{@code default}</td><td>the cluster's name (ClusterMesh); at most 32
 *       characters of lower-case letters, digits and {@code -}, starting and ending with a letter or
 *       digit</td></tr>
 *   <tr><td>{@code policy-default-local-cluster}</td><td>the Cilium line's: false in 1.18, true from 1.19 (no such
 *       option before 1.18)</td><td>Go {@code strconv.ParseBool}; when true the agent adds
 *       {@code k8s:io.cilium.k8s.policy.cluster=<cluster-name>} to every peer endpoint and node selector that names
 *       no cluster</td></tr>
 * </table>
 *
 * <p>The defaults are those of the agent in every line from 1.16 to 1.20 (Cilium {@code pkg/defaults/defaults.go});
 * the Helm chart may set other values.
 *
 * <p>Unknown keys are ignored, as a ConfigMap holds many other options. What it does not do: it does not read a
 * cluster or a file; it does not validate options it does not use.
 *
 * <pre>{@code
 * CiliumAgentConfig c = CiliumAgentConfig.fromOptions(Map.of(
 *         "enable-l7-proxy", "false", "monitor-aggregation", "medium"));
 * c.enableL7Proxy();                 // false
 * c.monitorAggregationLevel();       // 3
 * c.monitorAggregationInterval();    // PT5S
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CiliumAgentConfig {

    /** Option key: whether the L7 proxy (needed by FQDN rules) runs. */
    public static final String ENABLE_L7_PROXY = "enable-l7-proxy";
    /** Option key: extra peers CIDR rules select ({@code nodes}). */
    public static final String POLICY_CIDR_MATCH_MODE = "policy-cidr-match-mode";
    /** Option key: monitor aggregation level. */
    public static final String MONITOR_AGGREGATION = "monitor-aggregation";
    /** Option key: monitor aggregation interval. */
    public static final String MONITOR_AGGREGATION_INTERVAL = "monitor-aggregation-interval";
    /** Option key: TCP flags that always cause a report. */
    public static final String MONITOR_AGGREGATION_FLAGS = "monitor-aggregation-flags";

    /** Option key: whether policies may carry ICMP rules ({@code icmps}). */
    public static final String ENABLE_ICMP_RULES = "enable-icmp-rules";
    /** Option key: whether {@code enableDefaultDeny: false} is honoured. */
    public static final String ENABLE_NON_DEFAULT_DENY_POLICIES = "enable-non-default-deny-policies";
    /** Option key: whether {@code fromNodes} / {@code toNodes} may be used. */
    public static final String ENABLE_NODE_SELECTOR_LABELS = "enable-node-selector-labels";
    /** Option key: whether extended IP protocols (VRRP, IGMP, GRE, ...) may be given without a port. */
    public static final String ENABLE_EXTENDED_IP_PROTOCOLS = "enable-extended-ip-protocols";
    /** Option key: whether host policies are enforced. */
    public static final String ENABLE_HOST_FIREWALL = "enable-host-firewall";
    /** Option key: the cluster's name (ClusterMesh). */
    public static final String CLUSTER_NAME = "cluster-name";
    /** Option key: whether policy peers default to the local cluster (Cilium 1.18+). */
    public static final String POLICY_DEFAULT_LOCAL_CLUSTER = "policy-default-local-cluster";
    /** The agent's default {@value #CLUSTER_NAME}. */
    public static final String DEFAULT_CLUSTER_NAME = "default";

    /** TCP flag bits as Cilium numbers them (network order byte 13). */
    public static final int FLAG_FIN = 0x01;
    public static final int FLAG_SYN = 0x02;
    public static final int FLAG_RST = 0x04;
    public static final int FLAG_PSH = 0x08;
    public static final int FLAG_ACK = 0x10;
    public static final int FLAG_URG = 0x20;
    public static final int FLAG_ECE = 0x40;
    public static final int FLAG_CWR = 0x80;

    /** Bits of the boolean policy options in {@link #policyFlags}. */
    private static final int ICMP = 1;
    private static final int NON_DEFAULT_DENY = 2;
    private static final int NODE_SELECTOR_LABELS = 4;
    private static final int EXTENDED_IP = 8;
    private static final int HOST_FIREWALL = 16;

    private static final CiliumAgentConfig DEFAULTS = new CiliumAgentConfig(true, Set.of(), 0, Duration.ofSeconds(5),
            FLAG_SYN | FLAG_FIN | FLAG_RST, ICMP | NON_DEFAULT_DENY, DEFAULT_CLUSTER_NAME, null);

    private final boolean enableL7Proxy;
    private final Set<String> policyCidrMatchMode;
    private final int monitorAggregationLevel;
    private final Duration monitorAggregationInterval;
    private final int monitorAggregationFlags;
    private final int policyFlags;
    private final String clusterName;
    /** {@code policy-default-local-cluster} when set; null: the Cilium line's default. */
    private final Boolean policyDefaultLocalCluster;

    private CiliumAgentConfig(boolean enableL7Proxy, Set<String> policyCidrMatchMode, int monitorAggregationLevel,
            Duration monitorAggregationInterval, int monitorAggregationFlags, int policyFlags, String clusterName,
            Boolean policyDefaultLocalCluster) {
        this.policyFlags = policyFlags;
        this.clusterName = clusterName;
        this.policyDefaultLocalCluster = policyDefaultLocalCluster;
        this.enableL7Proxy = enableL7Proxy;
        this.policyCidrMatchMode = policyCidrMatchMode;
        this.monitorAggregationLevel = monitorAggregationLevel;
        this.monitorAggregationInterval = monitorAggregationInterval;
        this.monitorAggregationFlags = monitorAggregationFlags;
    }

    /**
     * The agent's defaults: L7 proxy on, no CIDR match mode, aggregation none, 5s, syn+fin+rst, ICMP rules on,
     * non-default-deny policies on, node selector labels off, extended IP protocols off, host firewall off.
     */
    public static CiliumAgentConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Reads agent options; unknown keys are ignored, missing keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the key and the value when a recognised option has a value Cilium
     *     rejects
     */
    public static CiliumAgentConfig fromOptions(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        boolean l7 = DEFAULTS.enableL7Proxy;
        Set<String> mode = DEFAULTS.policyCidrMatchMode;
        int level = DEFAULTS.monitorAggregationLevel;
        Duration interval = DEFAULTS.monitorAggregationInterval;
        int flags = DEFAULTS.monitorAggregationFlags;
        int policy = DEFAULTS.policyFlags;
        String cluster = DEFAULTS.clusterName;
        Boolean localCluster = DEFAULTS.policyDefaultLocalCluster;
        for (Map.Entry<String, String> e : new TreeMap<>(options).entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "option key");
            String value = Objects.requireNonNull(e.getValue(), () -> "value of option " + key);
            switch (key) {
                case ENABLE_L7_PROXY -> l7 = parseBool(key, value);
                case POLICY_CIDR_MATCH_MODE -> mode = parseMatchMode(key, value);
                case MONITOR_AGGREGATION -> level = parseLevel(key, value);
                case MONITOR_AGGREGATION_INTERVAL -> interval = parseInterval(key, value);
                case MONITOR_AGGREGATION_FLAGS -> flags = parseFlags(key, value);
                case ENABLE_ICMP_RULES -> policy = set(policy, ICMP, parseBool(key, value));
                case ENABLE_NON_DEFAULT_DENY_POLICIES -> policy = set(policy, NON_DEFAULT_DENY, parseBool(key, value));
                case ENABLE_NODE_SELECTOR_LABELS -> policy = set(policy, NODE_SELECTOR_LABELS, parseBool(key, value));
                case ENABLE_EXTENDED_IP_PROTOCOLS -> policy = set(policy, EXTENDED_IP, parseBool(key, value));
                case ENABLE_HOST_FIREWALL -> policy = set(policy, HOST_FIREWALL, parseBool(key, value));
                case CLUSTER_NAME -> cluster = parseClusterName(key, value);
                case POLICY_DEFAULT_LOCAL_CLUSTER -> localCluster = parseBool(key, value);
                default -> {
                    // other agent options are not ours to check
                }
            }
        }
        return new CiliumAgentConfig(l7, mode, level, interval, flags, policy, cluster, localCluster);
    }

    /** Cilium's cluster name rule ({@code pkg/clustermesh/types} {@code ValidateClusterName}, 1.20). */
    private static String parseClusterName(String key, String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 32 || !v.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw bad(key, value, "a cluster name: 1-32 lower-case letters, digits and '-', starting and"
                    + " ending with a letter or digit");
        }
        return v;
    }

    private static int set(int bits, int bit, boolean on) {
        return on ? bits | bit : bits & ~bit;
    }

    private static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("invalid value \"" + value + "\" for agent option " + key + ": expected "
                + expected);
    }

    private static boolean parseBool(String key, String v) {
        switch (v) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw bad(key, v, "a boolean (true, false, 1, 0, t, f)");
        }
    }

    private static Set<String> parseMatchMode(String key, String v) {
        Set<String> out = new LinkedHashSet<>();
        for (String token : v.split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!token.equals("nodes")) {
                throw bad(key, v, "an empty list or \"nodes\"");
            }
            out.add(token);
        }
        return Collections.unmodifiableSet(out);
    }

    private static int parseLevel(String key, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "", "none", "disabled":
                return 0;
            case "lowest":
                return 1;
            case "low":
                return 2;
            case "medium":
                return 3;
            case "max", "maximum":
                return 4;
            default:
                break;
        }
        // Go strconv.Atoi: optional sign, decimal digits.
        String digits = v.startsWith("+") || v.startsWith("-") ? v.substring(1) : v;
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(key, v, "none, lowest, low, medium, max(imum) or a number 0-4");
        }
        long n = Long.parseLong(digits) * (v.startsWith("-") ? -1 : 1);
        if (n < 0 || n > 4) {
            throw bad(key, v, "a monitor aggregation level between 0 and 4");
        }
        return (int) n;
    }

    private static Duration parseInterval(String key, String v) {
        Duration d;
        try {
            d = GoDuration.parse(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, "a Go duration such as 5s, 1m30s or 500ms (" + e.getMessage() + ")");
        }
        if (d.isNegative()) {
            throw bad(key, v, "a duration that is not negative");
        }
        return d;
    }

    private static int parseFlags(String key, String v) {
        int flags = 0;
        for (String raw : v.split("[,\\s]+")) {
            if (raw.isEmpty()) {
                continue;
            }
            switch (raw.toLowerCase(Locale.ROOT)) {
                case "fin" -> flags |= FLAG_FIN;
                case "syn" -> flags |= FLAG_SYN;
                case "rst" -> flags |= FLAG_RST;
                case "psh" -> flags |= FLAG_PSH;
                case "ack" -> flags |= FLAG_ACK;
                case "urg" -> flags |= FLAG_URG;
                case "ece" -> flags |= FLAG_ECE;
                case "cwr" -> flags |= FLAG_CWR;
                case "all" -> flags |= 0xFF;
                case "none" -> flags |= 0;
                default -> throw bad(key, v, "TCP flag tokens fin, syn, rst, psh, ack, urg, ece, cwr, all or none"
                        + " (unknown token \"" + raw + "\")");
            }
        }
        return flags;
    }

    /** Whether the L7 proxy runs ({@code enable-l7-proxy}); FQDN rules need it. */
    public boolean enableL7Proxy() {
        return enableL7Proxy;
    }

    /** The {@code policy-cidr-match-mode} list: empty, or {@code [nodes]}. */
    public Set<String> policyCidrMatchMode() {
        return policyCidrMatchMode;
    }

    /** Whether CIDR rules also select node IPs ({@code policy-cidr-match-mode=nodes}). */
    public boolean cidrRulesSelectNodes() {
        return policyCidrMatchMode.contains("nodes");
    }

    /** The monitor aggregation level 0 (none) to 4 (maximum). */
    public int monitorAggregationLevel() {
        return monitorAggregationLevel;
    }

    /** The monitor aggregation interval as configured (the datapath uses its whole seconds). */
    public Duration monitorAggregationInterval() {
        return monitorAggregationInterval;
    }

    /** The TCP flags that always cause a report, as bits {@link #FLAG_FIN} ... {@link #FLAG_CWR}. */
    public int monitorAggregationFlagBits() {
        return monitorAggregationFlags;
    }

    /** A copy with {@code enable-l7-proxy} set. */
    public CiliumAgentConfig withEnableL7Proxy(boolean enable) {
        return new CiliumAgentConfig(enable, policyCidrMatchMode, monitorAggregationLevel, monitorAggregationInterval,
                monitorAggregationFlags, policyFlags, clusterName, policyDefaultLocalCluster);
    }

    private CiliumAgentConfig withPolicyFlag(int bit, boolean on) {
        return new CiliumAgentConfig(enableL7Proxy, policyCidrMatchMode, monitorAggregationLevel,
                monitorAggregationInterval, monitorAggregationFlags, set(policyFlags, bit, on), clusterName,
                policyDefaultLocalCluster);
    }

    /** Whether policies may carry ICMP rules ({@code enable-icmp-rules}, default true). */
    public boolean enableIcmpRules() {
        return (policyFlags & ICMP) != 0;
    }

    /**
     * Whether {@code enableDefaultDeny} is honoured ({@code enable-non-default-deny-policies}, default true); when
     * false the agent turns default deny on in both directions of every rule.
     */
    public boolean enableNonDefaultDenyPolicies() {
        return (policyFlags & NON_DEFAULT_DENY) != 0;
    }

    /** Whether {@code fromNodes} / {@code toNodes} may be used ({@code enable-node-selector-labels}, default false). */
    public boolean enableNodeSelectorLabels() {
        return (policyFlags & NODE_SELECTOR_LABELS) != 0;
    }

    /**
     * Whether a port item may omit {@code port} ({@code enable-extended-ip-protocols}, default false, Cilium
     * 1.19+).
     */
    public boolean enableExtendedIpProtocols() {
        return (policyFlags & EXTENDED_IP) != 0;
    }

    /** Whether host policies are enforced ({@code enable-host-firewall}, default false). */
    public boolean enableHostFirewall() {
        return (policyFlags & HOST_FIREWALL) != 0;
    }

    /** A copy with {@code enable-icmp-rules} set. */
    public CiliumAgentConfig withEnableIcmpRules(boolean enable) {
        return withPolicyFlag(ICMP, enable);
    }

    /** A copy with {@code enable-non-default-deny-policies} set. */
    public CiliumAgentConfig withEnableNonDefaultDenyPolicies(boolean enable) {
        return withPolicyFlag(NON_DEFAULT_DENY, enable);
    }

    /** A copy with {@code enable-node-selector-labels} set. */
    public CiliumAgentConfig withEnableNodeSelectorLabels(boolean enable) {
        return withPolicyFlag(NODE_SELECTOR_LABELS, enable);
    }

    /** A copy with {@code enable-extended-ip-protocols} set. */
    public CiliumAgentConfig withEnableExtendedIpProtocols(boolean enable) {
        return withPolicyFlag(EXTENDED_IP, enable);
    }

    /** A copy with {@code enable-host-firewall} set. */
    public CiliumAgentConfig withEnableHostFirewall(boolean enable) {
        return withPolicyFlag(HOST_FIREWALL, enable);
    }

    /** The cluster's name ({@code cluster-name}, default {@value #DEFAULT_CLUSTER_NAME}). */
    public String clusterName() {
        return clusterName;
    }

    /**
     * {@code policy-default-local-cluster} when set; empty means the Cilium line's default (false in 1.18, true from
     * 1.19; the option does not exist before 1.18). See {@link #policyDefaultLocalCluster(int)}.
     */
    public Optional<Boolean> policyDefaultLocalClusterOption() {
        return Optional.ofNullable(policyDefaultLocalCluster);
    }

    /**
     * Whether an agent of Cilium {@code 1.<ciliumMinor>} scopes policy peers to the local cluster: the option when
     * set (from 1.18), else the line's default; always false before 1.18, which has no such behaviour
     * ({@code pkg/clustermesh/types/option.go} {@code LocalClusterNameForPolicies}).
     */
    public boolean policyDefaultLocalCluster(int ciliumMinor) {
        if (ciliumMinor < 18) {
            return false;
        }
        return policyDefaultLocalCluster != null ? policyDefaultLocalCluster : ciliumMinor >= 19;
    }

    /**
     * A copy with {@code cluster-name} set.
     *
     * @throws IllegalArgumentException when the name is not a valid Cilium cluster name
     */
    public CiliumAgentConfig withClusterName(String name) {
        return new CiliumAgentConfig(enableL7Proxy, policyCidrMatchMode, monitorAggregationLevel,
                monitorAggregationInterval, monitorAggregationFlags, policyFlags,
                parseClusterName(CLUSTER_NAME, Objects.requireNonNull(name, "name")), policyDefaultLocalCluster);
    }

    /** A copy with {@code policy-default-local-cluster} set. */
    public CiliumAgentConfig withPolicyDefaultLocalCluster(boolean enable) {
        return new CiliumAgentConfig(enableL7Proxy, policyCidrMatchMode, monitorAggregationLevel,
                monitorAggregationInterval, monitorAggregationFlags, policyFlags, clusterName, enable);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CiliumAgentConfig c && c.enableL7Proxy == enableL7Proxy
                && c.policyCidrMatchMode.equals(policyCidrMatchMode)
                && c.monitorAggregationLevel == monitorAggregationLevel
                && c.monitorAggregationInterval.equals(monitorAggregationInterval)
                && c.monitorAggregationFlags == monitorAggregationFlags && c.policyFlags == policyFlags
                && c.clusterName.equals(clusterName)
                && Objects.equals(c.policyDefaultLocalCluster, policyDefaultLocalCluster);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enableL7Proxy, policyCidrMatchMode, monitorAggregationLevel, monitorAggregationInterval,
                monitorAggregationFlags, policyFlags, clusterName, policyDefaultLocalCluster);
    }

    @Override
    public String toString() {
        return "CiliumAgentConfig[" + ENABLE_L7_PROXY + "=" + enableL7Proxy + ", " + POLICY_CIDR_MATCH_MODE + "="
                + String.join(",", policyCidrMatchMode) + ", " + MONITOR_AGGREGATION + "=" + monitorAggregationLevel
                + ", " + MONITOR_AGGREGATION_INTERVAL + "=" + monitorAggregationInterval + ", "
                + MONITOR_AGGREGATION_FLAGS + "=0x" + Integer.toHexString(monitorAggregationFlags) + ", "
                + ENABLE_ICMP_RULES + "=" + enableIcmpRules() + ", " + ENABLE_NON_DEFAULT_DENY_POLICIES + "="
                + enableNonDefaultDenyPolicies() + ", " + ENABLE_NODE_SELECTOR_LABELS + "=" + enableNodeSelectorLabels()
                + ", " + ENABLE_EXTENDED_IP_PROTOCOLS + "=" + enableExtendedIpProtocols() + ", " + ENABLE_HOST_FIREWALL
                + "=" + enableHostFirewall() + ", " + CLUSTER_NAME + "=" + clusterName
                + (policyDefaultLocalCluster == null ? "" : ", " + POLICY_DEFAULT_LOCAL_CLUSTER + "="
                        + policyDefaultLocalCluster) + "]";
    }
}
