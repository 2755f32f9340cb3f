package io.kcs.cilium.rules.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Helpers of the ported example tables: policies from short YAML, validation under a line and options. */
final class ValidationTables {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ValidationTables() {}

    /** A CNP in namespace {@code shop} named {@code p} whose {@code spec} is the YAML flow text {@code spec}. */
    static CiliumNetworkPolicy cnp(String spec) {
        return (CiliumNetworkPolicy) policy("CiliumNetworkPolicy", "{metadata: {name: p, namespace: shop}, spec: "
                + spec + "}");
    }

    /** A CCNP named {@code p} whose {@code spec} is {@code spec}. */
    static CiliumClusterwideNetworkPolicy ccnp(String spec) {
        return (CiliumClusterwideNetworkPolicy) policy("CiliumClusterwideNetworkPolicy", "{metadata: {name: p}, spec: "
                + spec + "}");
    }

    /** A policy of {@code kind} from YAML text (flow or block) without apiVersion and kind. */
    static HasMetadata policy(String kind, String yaml) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("apiVersion", "cilium.io/v2").put("kind", kind);
            return kind.equals(CiliumClusterwideNetworkPolicy.KIND)
                    ? YAML.treeToValue(tree, CiliumClusterwideNetworkPolicy.class)
                    : YAML.treeToValue(tree, CiliumNetworkPolicy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PolicyDiagnostic> validate(HasMetadata policy, String version, Map<String, String> agentOptions) {
        MappingOptions options = MappingOptions.defaults().withCiliumVersion(version)
                .withAgentConfig(CiliumAgentConfig.fromOptions(agentOptions));
        return CiliumPolicyValidator.create(options).validate(policy);
    }

    static List<PolicyDiagnostic> errors(List<PolicyDiagnostic> ds) {
        return ds.stream().filter(PolicyDiagnostic::isError).toList();
    }
}
