package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.parse.Cni;
import io.kcs.cilium.rules.parse.RuleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options describing the cluster a profile is for, shared by translate and explain. */
final class EngineOptions {

    @Option(names = "--cni", defaultValue = "cilium", paramLabel = "cilium|other",
            description = "cilium (default) or other: with another CNI,"
            + " entity:/endpoint:/service: entries are ignored with a warning.")
    Cni cni;

    @Option(names = "--cilium-version", defaultValue = MappingOptions.NEWEST_CILIUM_VERSION, paramLabel = "1.N",
            description = "Target Cilium version, e.g. 1.16 (default ${DEFAULT-VALUE}).")
    String ciliumVersion;

    @Option(names = "--agent-option", paramLabel = "KEY=VALUE", description = "A cilium-config option (repeatable),"
            + " e.g. enable-l7-proxy=false or policy-cidr-match-mode=nodes.")
    List<String> agentOptions = new ArrayList<>();

    /** The lenient parser for the chosen CNI. */
    RuleParser parser() {
        return RuleParser.lenient().withCni(cni);
    }

    /**
     * The agent configuration of the {@code --agent-option}s.
     *
     * @throws picocli.CommandLine.ParameterException when an option is not key=value, unknown, repeated or invalid
     *     (see {@link AgentOptions})
     */
    CiliumAgentConfig agentConfig(CommandSpec command) {
        Map<String, String> options;
        try {
            options = AgentOptions.parse(agentOptions);
        } catch (IllegalArgumentException e) {
            throw Main.usage(command, e.getMessage());
        }
        try {
            return CiliumAgentConfig.fromOptions(options);
        } catch (IllegalArgumentException e) {
            throw Main.usage(command, "--agent-option: " + e.getMessage());
        }
    }

    /**
     * The mapping options: Cilium version and agent configuration.
     *
     * @throws picocli.CommandLine.ParameterException when the version or an agent option is invalid
     */
    MappingOptions mappingOptions(CommandSpec command) {
        CiliumAgentConfig agent = agentConfig(command);
        try {
            return MappingOptions.defaults().withCiliumVersion(ciliumVersion).withAgentConfig(agent);
        } catch (IllegalArgumentException e) {
            throw Main.usage(command, "--cilium-version: " + e.getMessage());
        }
    }
}
