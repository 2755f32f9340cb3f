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
 * An HTTP L7 rule.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "method", "host", "headers", "headerMatches"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class PortRuleHTTP extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("path")
    private String path;

    @JsonProperty("method")
    private String method;

    @JsonProperty("host")
    private String host;

    @JsonProperty("headers")
    private java.util.List<String> headers;

    @JsonProperty("headerMatches")
    private java.util.List<HeaderMatch> headerMatches;

    /** An empty {@code PortRuleHTTP}. */
    public PortRuleHTTP() {
    }

    /** A path regular expression; null when absent. */
    @JsonProperty("path")
    public String getPath() {
        return path;
    }

    /** Sets {@code path}. */
    @JsonProperty("path")
    public void setPath(String path) {
        this.path = path;
    }

    /** Sets {@code path} and returns this, for fluent construction. */
    public PortRuleHTTP withPath(String path) {
        this.path = path;
        return this;
    }

    /** A method regular expression; null when absent. */
    @JsonProperty("method")
    public String getMethod() {
        return method;
    }

    /** Sets {@code method}. */
    @JsonProperty("method")
    public void setMethod(String method) {
        this.method = method;
    }

    /** Sets {@code method} and returns this, for fluent construction. */
    public PortRuleHTTP withMethod(String method) {
        this.method = method;
        return this;
    }

    /** A host regular expression; null when absent. */
    @JsonProperty("host")
    public String getHost() {
        return host;
    }

    /** Sets {@code host}. */
    @JsonProperty("host")
    public void setHost(String host) {
        this.host = host;
    }

    /** Sets {@code host} and returns this, for fluent construction. */
    public PortRuleHTTP withHost(String host) {
        this.host = host;
        return this;
    }

    /** Required headers; null when absent. */
    @JsonProperty("headers")
    public java.util.List<String> getHeaders() {
        return headers;
    }

    /** Sets {@code headers}. */
    @JsonProperty("headers")
    public void setHeaders(java.util.List<String> headers) {
        this.headers = headers;
    }

    /** Sets {@code headers} and returns this, for fluent construction. */
    public PortRuleHTTP withHeaders(java.util.List<String> headers) {
        this.headers = headers;
        return this;
    }

    /** Header matches; null when absent. */
    @JsonProperty("headerMatches")
    public java.util.List<HeaderMatch> getHeaderMatches() {
        return headerMatches;
    }

    /** Sets {@code headerMatches}. */
    @JsonProperty("headerMatches")
    public void setHeaderMatches(java.util.List<HeaderMatch> headerMatches) {
        this.headerMatches = headerMatches;
    }

    /** Sets {@code headerMatches} and returns this, for fluent construction. */
    public PortRuleHTTP withHeaderMatches(java.util.List<HeaderMatch> headerMatches) {
        this.headerMatches = headerMatches;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PortRuleHTTP o)) {
            return false;
        }
        return Objects.equals(path, o.path) && Objects.equals(method, o.method) && Objects.equals(host, o.host) && Objects.equals(headers, o.headers) && Objects.equals(headerMatches, o.headerMatches) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, method, host, headers, headerMatches, getAdditionalProperties());
    }
}
