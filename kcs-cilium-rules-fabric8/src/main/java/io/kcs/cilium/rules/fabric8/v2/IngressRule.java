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
 * An ingress (or ingress-deny) rule: one peer kind per rule, optionally narrowed by ports.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"fromEndpoints", "fromRequires", "fromCIDR", "fromCIDRSet", "fromEntities", "fromGroups", "fromNodes", "toPorts", "icmps", "authentication"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class IngressRule extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("fromEndpoints")
    private java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromEndpoints;

    @JsonProperty("fromRequires")
    private java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromRequires;

    @JsonProperty("fromCIDR")
    private java.util.List<String> fromCIDR;

    @JsonProperty("fromCIDRSet")
    private java.util.List<CIDRRule> fromCIDRSet;

    @JsonProperty("fromEntities")
    private java.util.List<String> fromEntities;

    @JsonProperty("fromGroups")
    private java.util.List<Groups> fromGroups;

    @JsonProperty("fromNodes")
    private java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromNodes;

    @JsonProperty("toPorts")
    private java.util.List<PortRule> toPorts;

    @JsonProperty("icmps")
    private java.util.List<ICMPRule> icmps;

    @JsonProperty("authentication")
    private Authentication authentication;

    /** An empty {@code IngressRule}. */
    public IngressRule() {
    }

    /** Pods selected by labels ({@code k8s:io.kubernetes.pod.namespace} for a namespace); null when absent. */
    @JsonProperty("fromEndpoints")
    public java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> getFromEndpoints() {
        return fromEndpoints;
    }

    /** Sets {@code fromEndpoints}. */
    @JsonProperty("fromEndpoints")
    public void setFromEndpoints(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromEndpoints) {
        this.fromEndpoints = fromEndpoints;
    }

    /** Sets {@code fromEndpoints} and returns this, for fluent construction. */
    public IngressRule withFromEndpoints(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromEndpoints) {
        this.fromEndpoints = fromEndpoints;
        return this;
    }

    /** Removed in Cilium 1.19; kept to read old policies; null when absent. */
    @JsonProperty("fromRequires")
    public java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> getFromRequires() {
        return fromRequires;
    }

    /** Sets {@code fromRequires}. */
    @JsonProperty("fromRequires")
    public void setFromRequires(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromRequires) {
        this.fromRequires = fromRequires;
    }

    /** Sets {@code fromRequires} and returns this, for fluent construction. */
    public IngressRule withFromRequires(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromRequires) {
        this.fromRequires = fromRequires;
        return this;
    }

    /** Peers outside the cluster in these CIDRs; null when absent. */
    @JsonProperty("fromCIDR")
    public java.util.List<String> getFromCIDR() {
        return fromCIDR;
    }

    /** Sets {@code fromCIDR}. */
    @JsonProperty("fromCIDR")
    public void setFromCIDR(java.util.List<String> fromCIDR) {
        this.fromCIDR = fromCIDR;
    }

    /** Sets {@code fromCIDR} and returns this, for fluent construction. */
    public IngressRule withFromCIDR(java.util.List<String> fromCIDR) {
        this.fromCIDR = fromCIDR;
        return this;
    }

    /** CIDRs with exceptions or CIDR groups; null when absent. */
    @JsonProperty("fromCIDRSet")
    public java.util.List<CIDRRule> getFromCIDRSet() {
        return fromCIDRSet;
    }

    /** Sets {@code fromCIDRSet}. */
    @JsonProperty("fromCIDRSet")
    public void setFromCIDRSet(java.util.List<CIDRRule> fromCIDRSet) {
        this.fromCIDRSet = fromCIDRSet;
    }

    /** Sets {@code fromCIDRSet} and returns this, for fluent construction. */
    public IngressRule withFromCIDRSet(java.util.List<CIDRRule> fromCIDRSet) {
        this.fromCIDRSet = fromCIDRSet;
        return this;
    }

    /** Cilium entities; null when absent. */
    @JsonProperty("fromEntities")
    public java.util.List<String> getFromEntities() {
        return fromEntities;
    }

    /** Sets {@code fromEntities}. */
    @JsonProperty("fromEntities")
    public void setFromEntities(java.util.List<String> fromEntities) {
        this.fromEntities = fromEntities;
    }

    /** Sets {@code fromEntities} and returns this, for fluent construction. */
    public IngressRule withFromEntities(java.util.List<String> fromEntities) {
        this.fromEntities = fromEntities;
        return this;
    }

    /** Cloud provider groups; null when absent. */
    @JsonProperty("fromGroups")
    public java.util.List<Groups> getFromGroups() {
        return fromGroups;
    }

    /** Sets {@code fromGroups}. */
    @JsonProperty("fromGroups")
    public void setFromGroups(java.util.List<Groups> fromGroups) {
        this.fromGroups = fromGroups;
    }

    /** Sets {@code fromGroups} and returns this, for fluent construction. */
    public IngressRule withFromGroups(java.util.List<Groups> fromGroups) {
        this.fromGroups = fromGroups;
        return this;
    }

    /** Nodes selected by labels; null when absent. */
    @JsonProperty("fromNodes")
    public java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> getFromNodes() {
        return fromNodes;
    }

    /** Sets {@code fromNodes}. */
    @JsonProperty("fromNodes")
    public void setFromNodes(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromNodes) {
        this.fromNodes = fromNodes;
    }

    /** Sets {@code fromNodes} and returns this, for fluent construction. */
    public IngressRule withFromNodes(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> fromNodes) {
        this.fromNodes = fromNodes;
        return this;
    }

    /** Ports (and L7 rules) the peers may reach; null when absent. */
    @JsonProperty("toPorts")
    public java.util.List<PortRule> getToPorts() {
        return toPorts;
    }

    /** Sets {@code toPorts}. */
    @JsonProperty("toPorts")
    public void setToPorts(java.util.List<PortRule> toPorts) {
        this.toPorts = toPorts;
    }

    /** Sets {@code toPorts} and returns this, for fluent construction. */
    public IngressRule withToPorts(java.util.List<PortRule> toPorts) {
        this.toPorts = toPorts;
        return this;
    }

    /** ICMP types; null when absent. */
    @JsonProperty("icmps")
    public java.util.List<ICMPRule> getIcmps() {
        return icmps;
    }

    /** Sets {@code icmps}. */
    @JsonProperty("icmps")
    public void setIcmps(java.util.List<ICMPRule> icmps) {
        this.icmps = icmps;
    }

    /** Sets {@code icmps} and returns this, for fluent construction. */
    public IngressRule withIcmps(java.util.List<ICMPRule> icmps) {
        this.icmps = icmps;
        return this;
    }

    /** Mutual authentication settings; null when absent. */
    @JsonProperty("authentication")
    public Authentication getAuthentication() {
        return authentication;
    }

    /** Sets {@code authentication}. */
    @JsonProperty("authentication")
    public void setAuthentication(Authentication authentication) {
        this.authentication = authentication;
    }

    /** Sets {@code authentication} and returns this, for fluent construction. */
    public IngressRule withAuthentication(Authentication authentication) {
        this.authentication = authentication;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IngressRule o)) {
            return false;
        }
        return Objects.equals(fromEndpoints, o.fromEndpoints) && Objects.equals(fromRequires, o.fromRequires) && Objects.equals(fromCIDR, o.fromCIDR) && Objects.equals(fromCIDRSet, o.fromCIDRSet) && Objects.equals(fromEntities, o.fromEntities) && Objects.equals(fromGroups, o.fromGroups) && Objects.equals(fromNodes, o.fromNodes) && Objects.equals(toPorts, o.toPorts) && Objects.equals(icmps, o.icmps) && Objects.equals(authentication, o.authentication) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fromEndpoints, fromRequires, fromCIDR, fromCIDRSet, fromEntities, fromGroups, fromNodes, toPorts, icmps, authentication, getAdditionalProperties());
    }
}
