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
 * A {@code toGroups} / {@code fromGroups} item (Cilium {@code api.Groups}): CIDRs an external integration resolves;
 * only AWS ({@code aws}) exists. Like {@code toCIDR}, it cannot select traffic from inside the cluster. It does not
 * resolve the group.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * EgressRule e = new EgressRule().withToGroups(java.util.List.of(new Groups()
 *         .withAws(new AWSGroup().withSecurityGroupsIds(java.util.List.of("sg-0123456789abcdef0")))));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"aws"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class Groups extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("aws")
    private AWSGroup aws;

    /** An empty {@code Groups}. */
    public Groups() {
    }

    /** The AWS group; null when absent. */
    @JsonProperty("aws")
    public AWSGroup getAws() {
        return aws;
    }

    /** Sets {@code aws}. */
    @JsonProperty("aws")
    public void setAws(AWSGroup aws) {
        this.aws = aws;
    }

    /** Sets {@code aws} and returns this, for fluent construction. */
    public Groups withAws(AWSGroup aws) {
        this.aws = aws;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Groups o)) {
            return false;
        }
        return Objects.equals(aws, o.aws) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(aws, getAdditionalProperties());
    }
}
