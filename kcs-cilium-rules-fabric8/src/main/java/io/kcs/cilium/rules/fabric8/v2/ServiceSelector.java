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
 * Kubernetes services selected by their labels in a namespace.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"selector", "namespace"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class ServiceSelector extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("selector")
    private io.fabric8.kubernetes.api.model.LabelSelector selector;

    @JsonProperty("namespace")
    private String namespace;

    /** An empty {@code ServiceSelector}. */
    public ServiceSelector() {
    }

    /** The services' labels; null when absent. */
    @JsonProperty("selector")
    public io.fabric8.kubernetes.api.model.LabelSelector getSelector() {
        return selector;
    }

    /** Sets {@code selector}. */
    @JsonProperty("selector")
    public void setSelector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        this.selector = selector;
    }

    /** Sets {@code selector} and returns this, for fluent construction. */
    public ServiceSelector withSelector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        this.selector = selector;
        return this;
    }

    /** Their namespace; null when absent. */
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
    public ServiceSelector withNamespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ServiceSelector o)) {
            return false;
        }
        return Objects.equals(selector, o.selector) && Objects.equals(namespace, o.namespace) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(selector, namespace, getAdditionalProperties());
    }
}
