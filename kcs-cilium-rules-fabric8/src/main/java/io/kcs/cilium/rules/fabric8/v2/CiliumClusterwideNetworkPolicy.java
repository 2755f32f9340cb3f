package io.kcs.cilium.rules.fabric8.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.sundr.builder.annotations.Buildable;
import io.sundr.builder.annotations.BuildableReference;
import io.fabric8.kubernetes.api.model.HasMetadata;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Cilium {@code CiliumClusterwideNetworkPolicy} ({@code cilium.io/v2}), cluster-scoped (short name {@code ccnp}); its rules may select nodes with {@code nodeSelector}: {@link #getSpec() spec} (one rule) and/or
 * {@link #getSpecs() specs}, plus the status Cilium writes.
 *
 * <p>A fabric8 resource: {@code client.resources(CiliumClusterwideNetworkPolicy.class)} works with it, and fabric8's serialization reads
 * generic YAML with {@code apiVersion: cilium.io/v2} into it (registered in
 * {@code META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource}). Unknown fields are kept.
 *
 * <pre>{@code
 * CiliumClusterwideNetworkPolicy p = new CiliumClusterwideNetworkPolicy();
 * p.setMetadata(new ObjectMetaBuilder().withName("web-profile").build());
 * p.setSpec(new Rule().withEndpointSelector(selector).withEgress(List.of(new EgressRule())));
 * }</pre>
 *
 * <p>Mutable and not thread-safe, like fabric8's models.
 */
@Group("cilium.io")
@Version("v2")
@Kind("CiliumClusterwideNetworkPolicy")
@Plural("ciliumclusterwidenetworkpolicies")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "specs", "status"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class CiliumClusterwideNetworkPolicy extends CiliumModel implements HasMetadata {

    private static final long serialVersionUID = 1L;

    /** {@code cilium.io/v2}. */
    public static final String API_VERSION = "cilium.io/v2";
    /** {@code CiliumClusterwideNetworkPolicy}. */
    public static final String KIND = "CiliumClusterwideNetworkPolicy";

    @JsonProperty("apiVersion")
    private String apiVersion = API_VERSION;
    @JsonProperty("kind")
    private String kind = KIND;
    @JsonProperty("metadata")
    private ObjectMeta metadata;
    @JsonProperty("spec")
    private Rule spec;
    @JsonProperty("specs")
    private List<Rule> specs;
    @JsonProperty("status")
    private Map<String, Object> status;

    /** An empty policy with apiVersion and kind set. */
    public CiliumClusterwideNetworkPolicy() {
    }

    @Override
    @JsonProperty("apiVersion")
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    @JsonProperty("apiVersion")
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    @JsonProperty("kind")
    public String getKind() {
        return kind;
    }

    /** Sets the kind (normally {@value #KIND}). */
    @JsonProperty("kind")
    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    @JsonProperty("metadata")
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    @JsonProperty("metadata")
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    /** The single rule, or null. */
    @JsonProperty("spec")
    public Rule getSpec() {
        return spec;
    }

    /** Sets the single rule. */
    @JsonProperty("spec")
    public void setSpec(Rule spec) {
        this.spec = spec;
    }

    /** Further rules, or null. */
    @JsonProperty("specs")
    public List<Rule> getSpecs() {
        return specs;
    }

    /** Sets further rules. */
    @JsonProperty("specs")
    public void setSpecs(List<Rule> specs) {
        this.specs = specs;
    }

    /**
     * The status Cilium writes ({@code conditions}, {@code derivativePolicies} keyed by node), as read, or null.
     *
     * <p>Deliberately left a map, unlike every part of {@code spec}: the status belongs to the Cilium agents and
     * operator (a status subresource), nothing in this library reads or writes it, and the policies this library
     * writes have none. Kept as read so that a policy fetched from a cluster writes back unchanged.
     */
    @JsonProperty("status")
    public Map<String, Object> getStatus() {
        return status;
    }

    /** Sets the status. */
    @JsonProperty("status")
    public void setStatus(Map<String, Object> status) {
        this.status = status;
    }

    /** Every rule: {@code spec} first, then {@code specs}. */
    public List<Rule> rules() {
        java.util.ArrayList<Rule> all = new java.util.ArrayList<>();
        if (spec != null) {
            all.add(spec);
        }
        if (specs != null) {
            all.addAll(specs);
        }
        return all;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CiliumClusterwideNetworkPolicy o)) {
            return false;
        }
        return Objects.equals(apiVersion, o.apiVersion) && Objects.equals(kind, o.kind)
                && Objects.equals(metadata, o.metadata) && Objects.equals(spec, o.spec)
                && Objects.equals(specs, o.specs) && Objects.equals(status, o.status) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, metadata, spec, specs, status, getAdditionalProperties());
    }

    @Override
    public String toString() {
        return KIND + "[" + (metadata == null ? "" : metadata.getNamespace() + "/" + metadata.getName()) + "]";
    }
}
