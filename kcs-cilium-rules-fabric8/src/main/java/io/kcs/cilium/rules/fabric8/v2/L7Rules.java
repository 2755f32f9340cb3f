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
 * L7 rules of a port rule.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"dns", "http", "kafka", "l7proto", "l7"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class L7Rules extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("dns")
    private java.util.List<FQDNSelector> dns;

    @JsonProperty("http")
    private java.util.List<PortRuleHTTP> http;

    @JsonProperty("kafka")
    private java.util.List<PortRuleKafka> kafka;

    @JsonProperty("l7proto")
    private String l7proto;

    @JsonProperty("l7")
    private java.util.List<java.util.Map<String, String>> l7;

    /** An empty {@code L7Rules}. */
    public L7Rules() {
    }

    /** DNS rules (egress only, explicit port); null when absent. */
    @JsonProperty("dns")
    public java.util.List<FQDNSelector> getDns() {
        return dns;
    }

    /** Sets {@code dns}. */
    @JsonProperty("dns")
    public void setDns(java.util.List<FQDNSelector> dns) {
        this.dns = dns;
    }

    /** Sets {@code dns} and returns this, for fluent construction. */
    public L7Rules withDns(java.util.List<FQDNSelector> dns) {
        this.dns = dns;
        return this;
    }

    /** HTTP rules; null when absent. */
    @JsonProperty("http")
    public java.util.List<PortRuleHTTP> getHttp() {
        return http;
    }

    /** Sets {@code http}. */
    @JsonProperty("http")
    public void setHttp(java.util.List<PortRuleHTTP> http) {
        this.http = http;
    }

    /** Sets {@code http} and returns this, for fluent construction. */
    public L7Rules withHttp(java.util.List<PortRuleHTTP> http) {
        this.http = http;
        return this;
    }

    /** Kafka rules; null when absent. */
    @JsonProperty("kafka")
    public java.util.List<PortRuleKafka> getKafka() {
        return kafka;
    }

    /** Sets {@code kafka}. */
    @JsonProperty("kafka")
    public void setKafka(java.util.List<PortRuleKafka> kafka) {
        this.kafka = kafka;
    }

    /** Sets {@code kafka} and returns this, for fluent construction. */
    public L7Rules withKafka(java.util.List<PortRuleKafka> kafka) {
        this.kafka = kafka;
        return this;
    }

    /** A generic L7 parser; null when absent. */
    @JsonProperty("l7proto")
    public String getL7proto() {
        return l7proto;
    }

    /** Sets {@code l7proto}. */
    @JsonProperty("l7proto")
    public void setL7proto(String l7proto) {
        this.l7proto = l7proto;
    }

    /** Sets {@code l7proto} and returns this, for fluent construction. */
    public L7Rules withL7proto(String l7proto) {
        this.l7proto = l7proto;
        return this;
    }

    /** Generic L7 rules; null when absent. */
    @JsonProperty("l7")
    public java.util.List<java.util.Map<String, String>> getL7() {
        return l7;
    }

    /** Sets {@code l7}. */
    @JsonProperty("l7")
    public void setL7(java.util.List<java.util.Map<String, String>> l7) {
        this.l7 = l7;
    }

    /** Sets {@code l7} and returns this, for fluent construction. */
    public L7Rules withL7(java.util.List<java.util.Map<String, String>> l7) {
        this.l7 = l7;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof L7Rules o)) {
            return false;
        }
        return Objects.equals(dns, o.dns) && Objects.equals(http, o.http) && Objects.equals(kafka, o.kafka) && Objects.equals(l7proto, o.l7proto) && Objects.equals(l7, o.l7) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dns, http, kafka, l7proto, l7, getAdditionalProperties());
    }
}
