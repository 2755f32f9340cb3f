package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Kafka L7 rule (Cilium's {@code PortRuleKafka}, Cilium 1.16–1.17; removed later), kept as data. Either
 * {@code role} or {@code apiKey} is used, as Cilium documents.
 *
 * <pre>{@code
 * new KafkaRule(Optional.of("produce"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("orders"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param role {@code produce} or {@code consume}
 * @param apiKey a Kafka API key name (e.g. {@code fetch})
 * @param apiVersion the API version
 * @param clientId the client ID
 * @param topic the topic
 */
public record KafkaRule(Optional<String> role, Optional<String> apiKey, Optional<String> apiVersion,
        Optional<String> clientId, Optional<String> topic) {
    /** Checks for nulls and sizes. */
    public KafkaRule {
        Checks.optionalText(role, "role");
        Checks.optionalText(apiKey, "apiKey");
        Checks.optionalText(apiVersion, "apiVersion");
        Checks.optionalText(clientId, "clientID");
        Checks.optionalText(topic, "topic");
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        role.ifPresent(v -> parts.add("role=" + Checks.quote(v)));
        apiKey.ifPresent(v -> parts.add("apiKey=" + Checks.quote(v)));
        apiVersion.ifPresent(v -> parts.add("apiVersion=" + Checks.quote(v)));
        clientId.ifPresent(v -> parts.add("clientID=" + Checks.quote(v)));
        topic.ifPresent(v -> parts.add("topic=" + Checks.quote(v)));
        return "kafka{" + String.join(" ", parts) + "}";
    }
}
