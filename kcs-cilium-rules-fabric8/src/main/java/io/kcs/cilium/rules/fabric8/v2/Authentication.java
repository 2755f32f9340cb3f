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
 * A rule's {@code authentication} (Cilium {@code api.Authentication}): the mutual authentication {@code mode} the
 * allowed traffic needs ({@code disabled}, {@code required} or {@code test-always-fail} in the CRD, which requires
 * the field). Allow rules only: deny rules have no authentication. It does not authenticate anything.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * IngressRule in = new IngressRule().withAuthentication(new Authentication().withMode("required"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class Authentication extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("mode")
    private String mode;

    /** An empty {@code Authentication}. */
    public Authentication() {
    }

    /** disabled, required or test-always-fail (required by the CRD); null when absent. */
    @JsonProperty("mode")
    public String getMode() {
        return mode;
    }

    /** Sets {@code mode}. */
    @JsonProperty("mode")
    public void setMode(String mode) {
        this.mode = mode;
    }

    /** Sets {@code mode} and returns this, for fluent construction. */
    public Authentication withMode(String mode) {
        this.mode = mode;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Authentication o)) {
            return false;
        }
        return Objects.equals(mode, o.mode) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, getAdditionalProperties());
    }
}
