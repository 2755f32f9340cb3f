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
 * A CIDR with exceptions ({@code toCIDRSet}/{@code fromCIDRSet}), or a CIDR group reference.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cidr", "except", "cidrGroupRef", "cidrGroupSelector"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class CIDRRule extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("cidr")
    private String cidr;

    @JsonProperty("except")
    private java.util.List<String> exceptCidrs;

    @JsonProperty("cidrGroupRef")
    private String cidrGroupRef;

    @JsonProperty("cidrGroupSelector")
    private io.fabric8.kubernetes.api.model.LabelSelector cidrGroupSelector;

    /** An empty {@code CIDRRule}. */
    public CIDRRule() {
    }

    /** The prefix; null when absent. */
    @JsonProperty("cidr")
    public String getCidr() {
        return cidr;
    }

    /** Sets {@code cidr}. */
    @JsonProperty("cidr")
    public void setCidr(String cidr) {
        this.cidr = cidr;
    }

    /** Sets {@code cidr} and returns this, for fluent construction. */
    public CIDRRule withCidr(String cidr) {
        this.cidr = cidr;
        return this;
    }

    /** Prefixes inside {@code cidr} that are not allowed; null when absent. */
    @JsonProperty("except")
    public java.util.List<String> getExcept() {
        return exceptCidrs;
    }

    /** Sets {@code except}. */
    @JsonProperty("except")
    public void setExcept(java.util.List<String> exceptCidrs) {
        this.exceptCidrs = exceptCidrs;
    }

    /** Sets {@code except} and returns this, for fluent construction. */
    public CIDRRule withExcept(java.util.List<String> exceptCidrs) {
        this.exceptCidrs = exceptCidrs;
        return this;
    }

    /** Name of a CiliumCIDRGroup; null when absent. */
    @JsonProperty("cidrGroupRef")
    public String getCidrGroupRef() {
        return cidrGroupRef;
    }

    /** Sets {@code cidrGroupRef}. */
    @JsonProperty("cidrGroupRef")
    public void setCidrGroupRef(String cidrGroupRef) {
        this.cidrGroupRef = cidrGroupRef;
    }

    /** Sets {@code cidrGroupRef} and returns this, for fluent construction. */
    public CIDRRule withCidrGroupRef(String cidrGroupRef) {
        this.cidrGroupRef = cidrGroupRef;
        return this;
    }

    /** CiliumCIDRGroups by labels; null when absent. */
    @JsonProperty("cidrGroupSelector")
    public io.fabric8.kubernetes.api.model.LabelSelector getCidrGroupSelector() {
        return cidrGroupSelector;
    }

    /** Sets {@code cidrGroupSelector}. */
    @JsonProperty("cidrGroupSelector")
    public void setCidrGroupSelector(io.fabric8.kubernetes.api.model.LabelSelector cidrGroupSelector) {
        this.cidrGroupSelector = cidrGroupSelector;
    }

    /** Sets {@code cidrGroupSelector} and returns this, for fluent construction. */
    public CIDRRule withCidrGroupSelector(io.fabric8.kubernetes.api.model.LabelSelector cidrGroupSelector) {
        this.cidrGroupSelector = cidrGroupSelector;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CIDRRule o)) {
            return false;
        }
        return Objects.equals(cidr, o.cidr) && Objects.equals(exceptCidrs, o.exceptCidrs) && Objects.equals(cidrGroupRef, o.cidrGroupRef) && Objects.equals(cidrGroupSelector, o.cidrGroupSelector) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cidr, exceptCidrs, cidrGroupRef, cidrGroupSelector, getAdditionalProperties());
    }
}
