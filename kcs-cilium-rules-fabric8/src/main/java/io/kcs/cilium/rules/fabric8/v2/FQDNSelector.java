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
 * A {@code toFQDNs} item: {@code matchName} or {@code matchPattern}.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"matchName", "matchPattern"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class FQDNSelector extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("matchName")
    private String matchName;

    @JsonProperty("matchPattern")
    private String matchPattern;

    /** An empty {@code FQDNSelector}. */
    public FQDNSelector() {
    }

    /** An exact DNS name; null when absent. */
    @JsonProperty("matchName")
    public String getMatchName() {
        return matchName;
    }

    /** Sets {@code matchName}. */
    @JsonProperty("matchName")
    public void setMatchName(String matchName) {
        this.matchName = matchName;
    }

    /** Sets {@code matchName} and returns this, for fluent construction. */
    public FQDNSelector withMatchName(String matchName) {
        this.matchName = matchName;
        return this;
    }

    /** A DNS pattern with {@code *}; null when absent. */
    @JsonProperty("matchPattern")
    public String getMatchPattern() {
        return matchPattern;
    }

    /** Sets {@code matchPattern}. */
    @JsonProperty("matchPattern")
    public void setMatchPattern(String matchPattern) {
        this.matchPattern = matchPattern;
    }

    /** Sets {@code matchPattern} and returns this, for fluent construction. */
    public FQDNSelector withMatchPattern(String matchPattern) {
        this.matchPattern = matchPattern;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FQDNSelector o)) {
            return false;
        }
        return Objects.equals(matchName, o.matchName) && Objects.equals(matchPattern, o.matchPattern) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matchName, matchPattern, getAdditionalProperties());
    }
}
