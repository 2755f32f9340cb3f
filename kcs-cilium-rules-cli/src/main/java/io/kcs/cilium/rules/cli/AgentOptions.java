package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --agent-option KEY=VALUE} values of every command, read one way: each must be {@code key=value} (white
 * space around both trimmed), the key one of the options the library reads ({@link #KNOWN}) and given once. A
 * ConfigMap may hold many other options ({@link CiliumAgentConfig} ignores them), but on the command line an unknown
 * key is almost always a typo that would silently leave the default in force ({@code monitor-aggregaton=none}).
 * The values themselves are checked by {@link CiliumAgentConfig#fromOptions(Map)}.
 */
final class AgentOptions {

    /** The agent options the library reads. */
    static final List<String> KNOWN = List.of(CiliumAgentConfig.MONITOR_AGGREGATION,
            CiliumAgentConfig.MONITOR_AGGREGATION_INTERVAL, CiliumAgentConfig.MONITOR_AGGREGATION_FLAGS,
            CiliumAgentConfig.ENABLE_L7_PROXY, CiliumAgentConfig.POLICY_CIDR_MATCH_MODE,
            CiliumAgentConfig.ENABLE_ICMP_RULES, CiliumAgentConfig.ENABLE_NON_DEFAULT_DENY_POLICIES,
            CiliumAgentConfig.ENABLE_NODE_SELECTOR_LABELS, CiliumAgentConfig.ENABLE_EXTENDED_IP_PROTOCOLS,
            CiliumAgentConfig.ENABLE_HOST_FIREWALL, CiliumAgentConfig.CLUSTER_NAME,
            CiliumAgentConfig.POLICY_DEFAULT_LOCAL_CLUSTER);

    private AgentOptions() {}

    /**
     * The options as an ordered map.
     *
     * @throws IllegalArgumentException naming the offending value: not key=value, an unknown key (with the closest
     *     known one), or a key given more than once
     */
    static Map<String, String> parse(List<String> values) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String kv : values) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--agent-option takes key=value, got \""
                        + ProfileFile.Text.quote(kv) + "\"");
            }
            String key = kv.substring(0, eq).trim();
            String value = kv.substring(eq + 1).trim();
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown agent option \"" + ProfileFile.Text.quote(key) + "\""
                        + ProfileFile.Text.didYouMean(key, KNOWN) + " (known: " + String.join(", ", KNOWN) + ")");
            }
            String earlier = options.put(key, value);
            if (earlier != null) {
                throw new IllegalArgumentException("agent option " + key + " is given more than once (\""
                        + ProfileFile.Text.quote(earlier) + "\" and \"" + ProfileFile.Text.quote(value) + "\")");
            }
        }
        return options;
    }
}
