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
 * An {@code icmps} item.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"fields"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class ICMPRule extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("fields")
    private java.util.List<ICMPField> fields;

    /** An empty {@code ICMPRule}. */
    public ICMPRule() {
    }

    /** ICMP types by family; null when absent. */
    @JsonProperty("fields")
    public java.util.List<ICMPField> getFields() {
        return fields;
    }

    /** Sets {@code fields}. */
    @JsonProperty("fields")
    public void setFields(java.util.List<ICMPField> fields) {
        this.fields = fields;
    }

    /** Sets {@code fields} and returns this, for fluent construction. */
    public ICMPRule withFields(java.util.List<ICMPField> fields) {
        this.fields = fields;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ICMPRule o)) {
            return false;
        }
        return Objects.equals(fields, o.fields) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, getAdditionalProperties());
    }
}
