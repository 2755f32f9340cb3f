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
 * A {@code toPorts} item: ports and optional L7 rules.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ports", "rules", "terminatingTLS", "originatingTLS", "serverNames", "listener"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class PortRule extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("ports")
    private java.util.List<PortProtocol> ports;

    @JsonProperty("rules")
    private L7Rules rules;

    @JsonProperty("terminatingTLS")
    private TLSContext terminatingTLS;

    @JsonProperty("originatingTLS")
    private TLSContext originatingTLS;

    @JsonProperty("serverNames")
    private java.util.List<String> serverNames;

    @JsonProperty("listener")
    private Listener listener;

    /** An empty {@code PortRule}. */
    public PortRule() {
    }

    /** Ports (at most 40); null when absent. */
    @JsonProperty("ports")
    public java.util.List<PortProtocol> getPorts() {
        return ports;
    }

    /** Sets {@code ports}. */
    @JsonProperty("ports")
    public void setPorts(java.util.List<PortProtocol> ports) {
        this.ports = ports;
    }

    /** Sets {@code ports} and returns this, for fluent construction. */
    public PortRule withPorts(java.util.List<PortProtocol> ports) {
        this.ports = ports;
        return this;
    }

    /** L7 rules; null when absent. */
    @JsonProperty("rules")
    public L7Rules getRules() {
        return rules;
    }

    /** Sets {@code rules}. */
    @JsonProperty("rules")
    public void setRules(L7Rules rules) {
        this.rules = rules;
    }

    /** Sets {@code rules} and returns this, for fluent construction. */
    public PortRule withRules(L7Rules rules) {
        this.rules = rules;
        return this;
    }

    /** TLS termination; null when absent. */
    @JsonProperty("terminatingTLS")
    public TLSContext getTerminatingTLS() {
        return terminatingTLS;
    }

    /** Sets {@code terminatingTLS}. */
    @JsonProperty("terminatingTLS")
    public void setTerminatingTLS(TLSContext terminatingTLS) {
        this.terminatingTLS = terminatingTLS;
    }

    /** Sets {@code terminatingTLS} and returns this, for fluent construction. */
    public PortRule withTerminatingTLS(TLSContext terminatingTLS) {
        this.terminatingTLS = terminatingTLS;
        return this;
    }

    /** TLS origination; null when absent. */
    @JsonProperty("originatingTLS")
    public TLSContext getOriginatingTLS() {
        return originatingTLS;
    }

    /** Sets {@code originatingTLS}. */
    @JsonProperty("originatingTLS")
    public void setOriginatingTLS(TLSContext originatingTLS) {
        this.originatingTLS = originatingTLS;
    }

    /** Sets {@code originatingTLS} and returns this, for fluent construction. */
    public PortRule withOriginatingTLS(TLSContext originatingTLS) {
        this.originatingTLS = originatingTLS;
        return this;
    }

    /** TLS SNI names; null when absent. */
    @JsonProperty("serverNames")
    public java.util.List<String> getServerNames() {
        return serverNames;
    }

    /** Sets {@code serverNames}. */
    @JsonProperty("serverNames")
    public void setServerNames(java.util.List<String> serverNames) {
        this.serverNames = serverNames;
    }

    /** Sets {@code serverNames} and returns this, for fluent construction. */
    public PortRule withServerNames(java.util.List<String> serverNames) {
        this.serverNames = serverNames;
        return this;
    }

    /** An Envoy listener; null when absent. */
    @JsonProperty("listener")
    public Listener getListener() {
        return listener;
    }

    /** Sets {@code listener}. */
    @JsonProperty("listener")
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** Sets {@code listener} and returns this, for fluent construction. */
    public PortRule withListener(Listener listener) {
        this.listener = listener;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PortRule o)) {
            return false;
        }
        return Objects.equals(ports, o.ports) && Objects.equals(rules, o.rules) && Objects.equals(terminatingTLS, o.terminatingTLS) && Objects.equals(originatingTLS, o.originatingTLS) && Objects.equals(serverNames, o.serverNames) && Objects.equals(listener, o.listener) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ports, rules, terminatingTLS, originatingTLS, serverNames, listener, getAdditionalProperties());
    }
}
