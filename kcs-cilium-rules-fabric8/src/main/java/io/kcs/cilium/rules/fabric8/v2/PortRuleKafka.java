package io.kcs.cilium.rules.fabric8.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.sundr.builder.annotations.Buildable;
import io.sundr.builder.annotations.BuildableReference;
import java.util.Objects;

/**
 * A Kafka L7 rule ({@code rules.kafka} item; Cilium {@code kafka.PortRule}): {@code role} ({@code produce} or
 * {@code consume}) or {@code apiKey}, and optionally {@code apiVersion}, {@code clientID}, {@code topic}. Cilium
 * 1.16 to 1.19 only: the 1.20 CRD has no Kafka rules, and the validator reports them as unknown there. This class
 * is kept so that older policies read and write back.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * L7Rules l7 = new L7Rules().withKafka(java.util.List.of(
 *         new PortRuleKafka().withRole("consume").withTopic("orders")));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiKey", "apiVersion", "clientID", "role", "topic"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class PortRuleKafka extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("apiKey")
    private String apiKey;

    @JsonProperty("apiVersion")
    private String apiVersion;

    @JsonProperty("clientID")
    private String clientID;

    @JsonProperty("role")
    private String role;

    @JsonProperty("topic")
    private String topic;

    /** An empty {@code PortRuleKafka}. */
    public PortRuleKafka() {
    }

    /** The Kafka API key, e.g. {@code fetch}; null when absent. */
    @JsonProperty("apiKey")
    public String getApiKey() {
        return apiKey;
    }

    /** Sets {@code apiKey}. */
    @JsonProperty("apiKey")
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    /** Sets {@code apiKey} and returns this, for fluent construction. */
    public PortRuleKafka withApiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    /** The Kafka API version, a decimal number; null when absent. */
    @JsonProperty("apiVersion")
    public String getApiVersion() {
        return apiVersion;
    }

    /** Sets {@code apiVersion}. */
    @JsonProperty("apiVersion")
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /** Sets {@code apiVersion} and returns this, for fluent construction. */
    public PortRuleKafka withApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
        return this;
    }

    /** The Kafka client ID; null when absent. */
    @JsonProperty("clientID")
    public String getClientID() {
        return clientID;
    }

    /** Sets {@code clientID}. */
    @JsonProperty("clientID")
    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    /** Sets {@code clientID} and returns this, for fluent construction. */
    public PortRuleKafka withClientID(String clientID) {
        this.clientID = clientID;
        return this;
    }

    /** The role, {@code produce} or {@code consume} (case-insensitive); null when absent. */
    @JsonProperty("role")
    public String getRole() {
        return role;
    }

    /** Sets {@code role}. */
    @JsonProperty("role")
    public void setRole(String role) {
        this.role = role;
    }

    /** Sets {@code role} and returns this, for fluent construction. */
    public PortRuleKafka withRole(String role) {
        this.role = role;
        return this;
    }

    /** The Kafka topic; null when absent. */
    @JsonProperty("topic")
    public String getTopic() {
        return topic;
    }

    /** Sets {@code topic}. */
    @JsonProperty("topic")
    public void setTopic(String topic) {
        this.topic = topic;
    }

    /** Sets {@code topic} and returns this, for fluent construction. */
    public PortRuleKafka withTopic(String topic) {
        this.topic = topic;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PortRuleKafka o)) {
            return false;
        }
        return Objects.equals(apiKey, o.apiKey) && Objects.equals(apiVersion, o.apiVersion) && Objects.equals(clientID, o.clientID) && Objects.equals(role, o.role) && Objects.equals(topic, o.topic) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiKey, apiVersion, clientID, role, topic, getAdditionalProperties());
    }
}
