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
 * A port rule's {@code listener}: the custom Envoy listener to redirect the traffic to (Cilium
 * {@code api.Listener}): where it is defined ({@code envoyConfig}), its {@code name} (both required by the CRD) and
 * an optional {@code priority} (1-100 in the CRD). Cilium allows it on egress only and not with L7 rules; the
 * validator checks that, this class does not.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * PortRule r = new PortRule().withListener(new Listener()
 *         .withEnvoyConfig(new EnvoyConfig().withName("proxy")).withName("egress-listener").withPriority(10));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"envoyConfig", "name", "priority"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class Listener extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("envoyConfig")
    private EnvoyConfig envoyConfig;

    @JsonProperty("name")
    private String name;

    @JsonProperty("priority")
    private Integer priority;

    /** An empty {@code Listener}. */
    public Listener() {
    }

    /** The resource the listener is defined in (required by the CRD); null when absent. */
    @JsonProperty("envoyConfig")
    public EnvoyConfig getEnvoyConfig() {
        return envoyConfig;
    }

    /** Sets {@code envoyConfig}. */
    @JsonProperty("envoyConfig")
    public void setEnvoyConfig(EnvoyConfig envoyConfig) {
        this.envoyConfig = envoyConfig;
    }

    /** Sets {@code envoyConfig} and returns this, for fluent construction. */
    public Listener withEnvoyConfig(EnvoyConfig envoyConfig) {
        this.envoyConfig = envoyConfig;
        return this;
    }

    /** The listener's name (required by the CRD); null when absent. */
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
    public Listener withName(String name) {
        this.name = name;
        return this;
    }

    /** The priority among listeners of one policy map entry (1-100); null when absent. */
    @JsonProperty("priority")
    public Integer getPriority() {
        return priority;
    }

    /** Sets {@code priority}. */
    @JsonProperty("priority")
    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    /** Sets {@code priority} and returns this, for fluent construction. */
    public Listener withPriority(Integer priority) {
        this.priority = priority;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Listener o)) {
            return false;
        }
        return Objects.equals(envoyConfig, o.envoyConfig) && Objects.equals(name, o.name) && Objects.equals(priority, o.priority) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(envoyConfig, name, priority, getAdditionalProperties());
    }
}
