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
 * An egress (or egress-deny) rule: one peer kind per rule, optionally narrowed by ports.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"toEndpoints", "toRequires", "toCIDR", "toCIDRSet", "toEntities", "toServices", "toFQDNs", "toGroups", "toNodes", "toPorts", "icmps", "authentication"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class EgressRule extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("toEndpoints")
    private java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toEndpoints;

    @JsonProperty("toRequires")
    private java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toRequires;

    @JsonProperty("toCIDR")
    private java.util.List<String> toCIDR;

    @JsonProperty("toCIDRSet")
    private java.util.List<CIDRRule> toCIDRSet;

    @JsonProperty("toEntities")
    private java.util.List<String> toEntities;

    @JsonProperty("toServices")
    private java.util.List<ServiceRef> toServices;

    @JsonProperty("toFQDNs")
    private java.util.List<FQDNSelector> toFQDNs;

    @JsonProperty("toGroups")
    private java.util.List<Groups> toGroups;

    @JsonProperty("toNodes")
    private java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toNodes;

    @JsonProperty("toPorts")
    private java.util.List<PortRule> toPorts;

    @JsonProperty("icmps")
    private java.util.List<ICMPRule> icmps;

    @JsonProperty("authentication")
    private Authentication authentication;

    /** An empty {@code EgressRule}. */
    public EgressRule() {
    }

    /** Pods selected by labels; null when absent. */
    @JsonProperty("toEndpoints")
    public java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> getToEndpoints() {
        return toEndpoints;
    }

    /** Sets {@code toEndpoints}. */
    @JsonProperty("toEndpoints")
    public void setToEndpoints(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toEndpoints) {
        this.toEndpoints = toEndpoints;
    }

    /** Sets {@code toEndpoints} and returns this, for fluent construction. */
    public EgressRule withToEndpoints(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toEndpoints) {
        this.toEndpoints = toEndpoints;
        return this;
    }

    /** Removed in Cilium 1.19; kept to read old policies; null when absent. */
    @JsonProperty("toRequires")
    public java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> getToRequires() {
        return toRequires;
    }

    /** Sets {@code toRequires}. */
    @JsonProperty("toRequires")
    public void setToRequires(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toRequires) {
        this.toRequires = toRequires;
    }

    /** Sets {@code toRequires} and returns this, for fluent construction. */
    public EgressRule withToRequires(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toRequires) {
        this.toRequires = toRequires;
        return this;
    }

    /** Peers outside the cluster in these CIDRs; null when absent. */
    @JsonProperty("toCIDR")
    public java.util.List<String> getToCIDR() {
        return toCIDR;
    }

    /** Sets {@code toCIDR}. */
    @JsonProperty("toCIDR")
    public void setToCIDR(java.util.List<String> toCIDR) {
        this.toCIDR = toCIDR;
    }

    /** Sets {@code toCIDR} and returns this, for fluent construction. */
    public EgressRule withToCIDR(java.util.List<String> toCIDR) {
        this.toCIDR = toCIDR;
        return this;
    }

    /** CIDRs with exceptions or CIDR groups; null when absent. */
    @JsonProperty("toCIDRSet")
    public java.util.List<CIDRRule> getToCIDRSet() {
        return toCIDRSet;
    }

    /** Sets {@code toCIDRSet}. */
    @JsonProperty("toCIDRSet")
    public void setToCIDRSet(java.util.List<CIDRRule> toCIDRSet) {
        this.toCIDRSet = toCIDRSet;
    }

    /** Sets {@code toCIDRSet} and returns this, for fluent construction. */
    public EgressRule withToCIDRSet(java.util.List<CIDRRule> toCIDRSet) {
        this.toCIDRSet = toCIDRSet;
        return this;
    }

    /** Cilium entities; null when absent. */
    @JsonProperty("toEntities")
    public java.util.List<String> getToEntities() {
        return toEntities;
    }

    /** Sets {@code toEntities}. */
    @JsonProperty("toEntities")
    public void setToEntities(java.util.List<String> toEntities) {
        this.toEntities = toEntities;
    }

    /** Sets {@code toEntities} and returns this, for fluent construction. */
    public EgressRule withToEntities(java.util.List<String> toEntities) {
        this.toEntities = toEntities;
        return this;
    }

    /** Kubernetes services by name or label selector; null when absent. */
    @JsonProperty("toServices")
    public java.util.List<ServiceRef> getToServices() {
        return toServices;
    }

    /** Sets {@code toServices}. */
    @JsonProperty("toServices")
    public void setToServices(java.util.List<ServiceRef> toServices) {
        this.toServices = toServices;
    }

    /** Sets {@code toServices} and returns this, for fluent construction. */
    public EgressRule withToServices(java.util.List<ServiceRef> toServices) {
        this.toServices = toServices;
        return this;
    }

    /** DNS names and patterns (needs a DNS L7 rule); null when absent. */
    @JsonProperty("toFQDNs")
    public java.util.List<FQDNSelector> getToFQDNs() {
        return toFQDNs;
    }

    /** Sets {@code toFQDNs}. */
    @JsonProperty("toFQDNs")
    public void setToFQDNs(java.util.List<FQDNSelector> toFQDNs) {
        this.toFQDNs = toFQDNs;
    }

    /** Sets {@code toFQDNs} and returns this, for fluent construction. */
    public EgressRule withToFQDNs(java.util.List<FQDNSelector> toFQDNs) {
        this.toFQDNs = toFQDNs;
        return this;
    }

    /** Cloud provider groups; null when absent. */
    @JsonProperty("toGroups")
    public java.util.List<Groups> getToGroups() {
        return toGroups;
    }

    /** Sets {@code toGroups}. */
    @JsonProperty("toGroups")
    public void setToGroups(java.util.List<Groups> toGroups) {
        this.toGroups = toGroups;
    }

    /** Sets {@code toGroups} and returns this, for fluent construction. */
    public EgressRule withToGroups(java.util.List<Groups> toGroups) {
        this.toGroups = toGroups;
        return this;
    }

    /** Nodes selected by labels; null when absent. */
    @JsonProperty("toNodes")
    public java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> getToNodes() {
        return toNodes;
    }

    /** Sets {@code toNodes}. */
    @JsonProperty("toNodes")
    public void setToNodes(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toNodes) {
        this.toNodes = toNodes;
    }

    /** Sets {@code toNodes} and returns this, for fluent construction. */
    public EgressRule withToNodes(java.util.List<io.fabric8.kubernetes.api.model.LabelSelector> toNodes) {
        this.toNodes = toNodes;
        return this;
    }

    /** Ports (and L7 rules) the endpoints may reach; null when absent. */
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
    public EgressRule withToPorts(java.util.List<PortRule> toPorts) {
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
    public EgressRule withIcmps(java.util.List<ICMPRule> icmps) {
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
    public EgressRule withAuthentication(Authentication authentication) {
        this.authentication = authentication;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof EgressRule o)) {
            return false;
        }
        return Objects.equals(toEndpoints, o.toEndpoints) && Objects.equals(toRequires, o.toRequires) && Objects.equals(toCIDR, o.toCIDR) && Objects.equals(toCIDRSet, o.toCIDRSet) && Objects.equals(toEntities, o.toEntities) && Objects.equals(toServices, o.toServices) && Objects.equals(toFQDNs, o.toFQDNs) && Objects.equals(toGroups, o.toGroups) && Objects.equals(toNodes, o.toNodes) && Objects.equals(toPorts, o.toPorts) && Objects.equals(icmps, o.icmps) && Objects.equals(authentication, o.authentication) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toEndpoints, toRequires, toCIDR, toCIDRSet, toEntities, toServices, toFQDNs, toGroups, toNodes, toPorts, icmps, authentication, getAdditionalProperties());
    }
}
