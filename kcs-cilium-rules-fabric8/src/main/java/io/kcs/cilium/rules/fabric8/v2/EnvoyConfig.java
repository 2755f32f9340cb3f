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
 * The CiliumEnvoyConfig or CiliumClusterwideEnvoyConfig a {@link Listener} is defined in (Cilium
 * {@code api.EnvoyConfig}): {@code kind} (one of those two; the policy's own scope when absent) and {@code name}
 * (required by the CRD). It does not look the resource up.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * EnvoyConfig c = new EnvoyConfig().withKind("CiliumEnvoyConfig").withName("proxy");
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "name"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class EnvoyConfig extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("kind")
    private String kind;

    @JsonProperty("name")
    private String name;

    /** An empty {@code EnvoyConfig}. */
    public EnvoyConfig() {
    }

    /** CiliumEnvoyConfig or CiliumClusterwideEnvoyConfig; null when absent. */
    @JsonProperty("kind")
    public String getKind() {
        return kind;
    }

    /** Sets {@code kind}. */
    @JsonProperty("kind")
    public void setKind(String kind) {
        this.kind = kind;
    }

    /** Sets {@code kind} and returns this, for fluent construction. */
    public EnvoyConfig withKind(String kind) {
        this.kind = kind;
        return this;
    }

    /** The resource's name (required by the CRD); null when absent. */
    @JsonProperty("name")
    public String getName() {
        return name;
    }

    /** Sets {@code name}. */
    @JsonProperty("name")
    public void setName(String name) {
        this.name = name;
    }

    /** Sets {@code name} and returns this, for fluent construction. */
    public EnvoyConfig withName(String name) {
        this.name = name;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof EnvoyConfig o)) {
            return false;
        }
        return Objects.equals(kind, o.kind) && Objects.equals(name, o.name) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, getAdditionalProperties());
    }
}
