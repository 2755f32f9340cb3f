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
 * Whether a rule turns on default deny per direction (Cilium 1.16+).
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ingress", "egress"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class DefaultDenyConfig extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("ingress")
    private Boolean ingress;

    @JsonProperty("egress")
    private Boolean egress;

    /** An empty {@code DefaultDenyConfig}. */
    public DefaultDenyConfig() {
    }

    /** For ingress; null when absent. */
    @JsonProperty("ingress")
    public Boolean getIngress() {
        return ingress;
    }

    /** Sets {@code ingress}. */
    @JsonProperty("ingress")
    public void setIngress(Boolean ingress) {
        this.ingress = ingress;
    }

    /** Sets {@code ingress} and returns this, for fluent construction. */
    public DefaultDenyConfig withIngress(Boolean ingress) {
        this.ingress = ingress;
        return this;
    }

    /** For egress; null when absent. */
    @JsonProperty("egress")
    public Boolean getEgress() {
        return egress;
    }

    /** Sets {@code egress}. */
    @JsonProperty("egress")
    public void setEgress(Boolean egress) {
        this.egress = egress;
    }

    /** Sets {@code egress} and returns this, for fluent construction. */
    public DefaultDenyConfig withEgress(Boolean egress) {
        this.egress = egress;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof DefaultDenyConfig o)) {
            return false;
        }
        return Objects.equals(ingress, o.ingress) && Objects.equals(egress, o.egress) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ingress, egress, getAdditionalProperties());
    }
}
