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
 * A Kubernetes service reference of {@code toServices}: by name or by label selector.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"k8sService", "k8sServiceSelector"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class ServiceRef extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("k8sService")
    private K8sServiceNamespace k8sService;

    @JsonProperty("k8sServiceSelector")
    private ServiceSelector k8sServiceSelector;

    /** An empty {@code ServiceRef}. */
    public ServiceRef() {
    }

    /** A service by name; null when absent. */
    @JsonProperty("k8sService")
    public K8sServiceNamespace getK8sService() {
        return k8sService;
    }

    /** Sets {@code k8sService}. */
    @JsonProperty("k8sService")
    public void setK8sService(K8sServiceNamespace k8sService) {
        this.k8sService = k8sService;
    }

    /** Sets {@code k8sService} and returns this, for fluent construction. */
    public ServiceRef withK8sService(K8sServiceNamespace k8sService) {
        this.k8sService = k8sService;
        return this;
    }

    /** Services by labels; null when absent. */
    @JsonProperty("k8sServiceSelector")
    public ServiceSelector getK8sServiceSelector() {
        return k8sServiceSelector;
    }

    /** Sets {@code k8sServiceSelector}. */
    @JsonProperty("k8sServiceSelector")
    public void setK8sServiceSelector(ServiceSelector k8sServiceSelector) {
        this.k8sServiceSelector = k8sServiceSelector;
    }

    /** Sets {@code k8sServiceSelector} and returns this, for fluent construction. */
    public ServiceRef withK8sServiceSelector(ServiceSelector k8sServiceSelector) {
        this.k8sServiceSelector = k8sServiceSelector;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ServiceRef o)) {
            return false;
        }
        return Objects.equals(k8sService, o.k8sService) && Objects.equals(k8sServiceSelector, o.k8sServiceSelector) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(k8sService, k8sServiceSelector, getAdditionalProperties());
    }
}
