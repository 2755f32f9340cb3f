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
 * The AWS part of a {@link Groups} item (Cilium {@code api.AWSGroup}): ENIs selected by {@code labels} (AND-ed) or
 * VPC security groups by ID or name (OR-ed within each list). {@code region} is deprecated and unused by Cilium. It
 * does not contact AWS.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * AWSGroup aws = new AWSGroup().withSecurityGroupsIds(java.util.List.of("sg-0123456789abcdef0"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"labels", "region", "securityGroupsIds", "securityGroupsNames"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class AWSGroup extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("labels")
    private java.util.Map<String, String> labels;

    @JsonProperty("region")
    private String region;

    @JsonProperty("securityGroupsIds")
    private java.util.List<String> securityGroupsIds;

    @JsonProperty("securityGroupsNames")
    private java.util.List<String> securityGroupsNames;

    /** An empty {@code AWSGroup}. */
    public AWSGroup() {
    }

    /** ENI labels, all of which must match; null when absent. */
    @JsonProperty("labels")
    public java.util.Map<String, String> getLabels() {
        return labels;
    }

    /** Sets {@code labels}. */
    @JsonProperty("labels")
    public void setLabels(java.util.Map<String, String> labels) {
        this.labels = labels;
    }

    /** Sets {@code labels} and returns this, for fluent construction. */
    public AWSGroup withLabels(java.util.Map<String, String> labels) {
        this.labels = labels;
        return this;
    }

    /** Deprecated and unused by Cilium; null when absent. */
    @JsonProperty("region")
    public String getRegion() {
        return region;
    }

    /** Sets {@code region}. */
    @JsonProperty("region")
    public void setRegion(String region) {
        this.region = region;
    }

    /** Sets {@code region} and returns this, for fluent construction. */
    public AWSGroup withRegion(String region) {
        this.region = region;
        return this;
    }

    /** Security group IDs; null when absent. */
    @JsonProperty("securityGroupsIds")
    public java.util.List<String> getSecurityGroupsIds() {
        return securityGroupsIds;
    }

    /** Sets {@code securityGroupsIds}. */
    @JsonProperty("securityGroupsIds")
    public void setSecurityGroupsIds(java.util.List<String> securityGroupsIds) {
        this.securityGroupsIds = securityGroupsIds;
    }

    /** Sets {@code securityGroupsIds} and returns this, for fluent construction. */
    public AWSGroup withSecurityGroupsIds(java.util.List<String> securityGroupsIds) {
        this.securityGroupsIds = securityGroupsIds;
        return this;
    }

    /** Security group names; null when absent. */
    @JsonProperty("securityGroupsNames")
    public java.util.List<String> getSecurityGroupsNames() {
        return securityGroupsNames;
    }

    /** Sets {@code securityGroupsNames}. */
    @JsonProperty("securityGroupsNames")
    public void setSecurityGroupsNames(java.util.List<String> securityGroupsNames) {
        this.securityGroupsNames = securityGroupsNames;
    }

    /** Sets {@code securityGroupsNames} and returns this, for fluent construction. */
    public AWSGroup withSecurityGroupsNames(java.util.List<String> securityGroupsNames) {
        this.securityGroupsNames = securityGroupsNames;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AWSGroup o)) {
            return false;
        }
        return Objects.equals(labels, o.labels) && Objects.equals(region, o.region) && Objects.equals(securityGroupsIds, o.securityGroupsIds) && Objects.equals(securityGroupsNames, o.securityGroupsNames) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, region, securityGroupsIds, securityGroupsNames, getAdditionalProperties());
    }
}
