package io.kcs.cilium.rules.fabric8.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.sundr.builder.annotations.Buildable;
import io.sundr.builder.annotations.BuildableReference;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of {@link CiliumClusterwideNetworkPolicy} as the API server returns it. Mutable and not thread-safe, like fabric8's models.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "items"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class CiliumClusterwideNetworkPolicyList extends CiliumModel implements KubernetesResourceList<CiliumClusterwideNetworkPolicy> {

    private static final long serialVersionUID = 1L;

    @JsonProperty("apiVersion")
    private String apiVersion = CiliumClusterwideNetworkPolicy.API_VERSION;
    @JsonProperty("kind")
    private String kind = "CiliumClusterwideNetworkPolicyList";
    @JsonProperty("metadata")
    private ListMeta metadata;
    @JsonProperty("items")
    private List<CiliumClusterwideNetworkPolicy> items = new ArrayList<>();

    /** An empty list (the API version and kind set). */
    public CiliumClusterwideNetworkPolicyList() {}

    /** The API version, {@code cilium.io/v2}. */
    public String getApiVersion() {
        return apiVersion;
    }

    /** Sets the API version. */
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /** {@code CiliumClusterwideNetworkPolicyList}. */
    public String getKind() {
        return kind;
    }

    /** Sets the kind. */
    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ListMeta getMetadata() {
        return metadata;
    }

    /** Sets the list metadata. */
    public void setMetadata(ListMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public List<CiliumClusterwideNetworkPolicy> getItems() {
        return items;
    }

    /** Sets the items. */
    public void setItems(List<CiliumClusterwideNetworkPolicy> items) {
        this.items = items;
    }
}
