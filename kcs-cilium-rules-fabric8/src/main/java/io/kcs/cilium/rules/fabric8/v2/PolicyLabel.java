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
 * A label of a rule ({@code key}, {@code value}, {@code source}).
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "value", "source"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class PolicyLabel extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("key")
    private String key;

    @JsonProperty("value")
    private String value;

    @JsonProperty("source")
    private String source;

    /** An empty {@code PolicyLabel}. */
    public PolicyLabel() {
    }

    /** The key; null when absent. */
    @JsonProperty("key")
    public String getKey() {
        return key;
    }

    /** Sets {@code key}. */
    @JsonProperty("key")
    public void setKey(String key) {
        this.key = key;
    }

    /** Sets {@code key} and returns this, for fluent construction. */
    public PolicyLabel withKey(String key) {
        this.key = key;
        return this;
    }

    /** The value; null when absent. */
    @JsonProperty("value")
    public String getValue() {
        return value;
    }

    /** Sets {@code value}. */
    @JsonProperty("value")
    public void setValue(String value) {
        this.value = value;
    }

    /** Sets {@code value} and returns this, for fluent construction. */
    public PolicyLabel withValue(String value) {
        this.value = value;
        return this;
    }

    /** The source, e.g. k8s or unspec; null when absent. */
    @JsonProperty("source")
    public String getSource() {
        return source;
    }

    /** Sets {@code source}. */
    @JsonProperty("source")
    public void setSource(String source) {
        this.source = source;
    }

    /** Sets {@code source} and returns this, for fluent construction. */
    public PolicyLabel withSource(String source) {
        this.source = source;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PolicyLabel o)) {
            return false;
        }
        return Objects.equals(key, o.key) && Objects.equals(value, o.value) && Objects.equals(source, o.source) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, source, getAdditionalProperties());
    }
}
