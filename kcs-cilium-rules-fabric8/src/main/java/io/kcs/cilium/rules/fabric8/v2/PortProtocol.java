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
 * A port, port range and protocol.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"port", "endPort", "protocol"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class PortProtocol extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("port")
    private String port;

    @JsonProperty("endPort")
    private Integer endPort;

    @JsonProperty("protocol")
    private String protocol;

    /** An empty {@code PortProtocol}. */
    public PortProtocol() {
    }

    /** A port number or name; null when absent. */
    @JsonProperty("port")
    public String getPort() {
        return port;
    }

    /** Sets {@code port}. */
    @JsonProperty("port")
    public void setPort(String port) {
        this.port = port;
    }

    /** Sets {@code port} and returns this, for fluent construction. */
    public PortProtocol withPort(String port) {
        this.port = port;
        return this;
    }

    /** The end of a port range; null when absent. */
    @JsonProperty("endPort")
    public Integer getEndPort() {
        return endPort;
    }

    /** Sets {@code endPort}. */
    @JsonProperty("endPort")
    public void setEndPort(Integer endPort) {
        this.endPort = endPort;
    }

    /** Sets {@code endPort} and returns this, for fluent construction. */
    public PortProtocol withEndPort(Integer endPort) {
        this.endPort = endPort;
        return this;
    }

    /** TCP, UDP, SCTP or ANY (1.19+ also ICMP, ICMPV6, VRRP, IGMP); null when absent. */
    @JsonProperty("protocol")
    public String getProtocol() {
        return protocol;
    }

    /** Sets {@code protocol}. */
    @JsonProperty("protocol")
    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    /** Sets {@code protocol} and returns this, for fluent construction. */
    public PortProtocol withProtocol(String protocol) {
        this.protocol = protocol;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PortProtocol o)) {
            return false;
        }
        return Objects.equals(port, o.port) && Objects.equals(endPort, o.endPort) && Objects.equals(protocol, o.protocol) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(port, endPort, protocol, getAdditionalProperties());
    }
}
