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
 * A reference to a Kubernetes secret ({@code namespace}, {@code name}), as used by a {@link TLSContext} and a
 * {@link HeaderMatch} (Cilium {@code api.Secret}). The CRD requires {@code name}; without {@code namespace} the
 * context of use decides (e.g. the policy's namespace). It does not read the secret.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * Secret s = new Secret().withNamespace("shop").withName("web-tls");
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "namespace"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class Secret extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("name")
    private String name;

    @JsonProperty("namespace")
    private String namespace;

    /** An empty {@code Secret}. */
    public Secret() {
    }

    /** The secret's name (required by the CRD); null when absent. */
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
    public Secret withName(String name) {
        this.name = name;
        return this;
    }

    /** The secret's namespace; the context of use decides when absent; null when absent. */
    @JsonProperty("namespace")
    public String getNamespace() {
        return namespace;
    }

    /** Sets {@code namespace}. */
    @JsonProperty("namespace")
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** Sets {@code namespace} and returns this, for fluent construction. */
    public Secret withNamespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Secret o)) {
            return false;
        }
        return Objects.equals(name, o.name) && Objects.equals(namespace, o.namespace) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, getAdditionalProperties());
    }
}
