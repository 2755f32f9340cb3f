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
 * A rule's {@code log} (Cilium {@code api.LogConfig}, from 1.18): {@code value} is copied into the policy verdict
 * events (Hubble) of traffic the rule decides; at most 32 printable characters in the CRD. It does not enable
 * logging by itself.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * Rule r = new Rule().withLog(new LogConfig().withValue("web-egress"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"value"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class LogConfig extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("value")
    private String value;

    /** An empty {@code LogConfig}. */
    public LogConfig() {
    }

    /** The text to log (at most 32 characters in the CRD); null when absent. */
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
    public LogConfig withValue(String value) {
        this.value = value;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof LogConfig o)) {
            return false;
        }
        return Objects.equals(value, o.value) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, getAdditionalProperties());
    }
}
