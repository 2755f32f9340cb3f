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
 * An ICMP type of one family.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"family", "type"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class ICMPField extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("family")
    private String family;

    @JsonProperty("type")
    private io.fabric8.kubernetes.api.model.IntOrString type;

    /** An empty {@code ICMPField}. */
    public ICMPField() {
    }

    /** IPv4 or IPv6; null when absent. */
    @JsonProperty("family")
    public String getFamily() {
        return family;
    }

    /** Sets {@code family}. */
    @JsonProperty("family")
    public void setFamily(String family) {
        this.family = family;
    }

    /** Sets {@code family} and returns this, for fluent construction. */
    public ICMPField withFamily(String family) {
        this.family = family;
        return this;
    }

    /** A type number or name; null when absent. */
    @JsonProperty("type")
    public io.fabric8.kubernetes.api.model.IntOrString getType() {
        return type;
    }

    /** Sets {@code type}. */
    @JsonProperty("type")
    public void setType(io.fabric8.kubernetes.api.model.IntOrString type) {
        this.type = type;
    }

    /** Sets {@code type} and returns this, for fluent construction. */
    public ICMPField withType(io.fabric8.kubernetes.api.model.IntOrString type) {
        this.type = type;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ICMPField o)) {
            return false;
        }
        return Objects.equals(family, o.family) && Objects.equals(type, o.type) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, type, getAdditionalProperties());
    }
}
