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
 * One Cilium policy rule ({@code spec} or an item of {@code specs}): the endpoints it selects and what they may send and receive.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"endpointSelector", "nodeSelector", "ingress", "ingressDeny", "egress", "egressDeny", "labels", "description", "enableDefaultDeny", "log"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class Rule extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("endpointSelector")
    private io.fabric8.kubernetes.api.model.LabelSelector endpointSelector;

    @JsonProperty("nodeSelector")
    private io.fabric8.kubernetes.api.model.LabelSelector nodeSelector;

    @JsonProperty("ingress")
    private java.util.List<IngressRule> ingress;

    @JsonProperty("ingressDeny")
    private java.util.List<IngressRule> ingressDeny;

    @JsonProperty("egress")
    private java.util.List<EgressRule> egress;

    @JsonProperty("egressDeny")
    private java.util.List<EgressRule> egressDeny;

    @JsonProperty("labels")
    private java.util.List<PolicyLabel> labels;

    @JsonProperty("description")
    private String description;

    @JsonProperty("enableDefaultDeny")
    private DefaultDenyConfig enableDefaultDeny;

    @JsonProperty("log")
    private LogConfig log;

    /** An empty {@code Rule}. */
    public Rule() {
    }

    /** The endpoints this rule applies to (CNP; CCNP too unless nodeSelector is set); null when absent. */
    @JsonProperty("endpointSelector")
    public io.fabric8.kubernetes.api.model.LabelSelector getEndpointSelector() {
        return endpointSelector;
    }

    /** Sets {@code endpointSelector}. */
    @JsonProperty("endpointSelector")
    public void setEndpointSelector(io.fabric8.kubernetes.api.model.LabelSelector endpointSelector) {
        this.endpointSelector = endpointSelector;
    }

    /** Sets {@code endpointSelector} and returns this, for fluent construction. */
    public Rule withEndpointSelector(io.fabric8.kubernetes.api.model.LabelSelector endpointSelector) {
        this.endpointSelector = endpointSelector;
        return this;
    }

    /** The nodes this rule applies to (CCNP only); null when absent. */
    @JsonProperty("nodeSelector")
    public io.fabric8.kubernetes.api.model.LabelSelector getNodeSelector() {
        return nodeSelector;
    }

    /** Sets {@code nodeSelector}. */
    @JsonProperty("nodeSelector")
    public void setNodeSelector(io.fabric8.kubernetes.api.model.LabelSelector nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    /** Sets {@code nodeSelector} and returns this, for fluent construction. */
    public Rule withNodeSelector(io.fabric8.kubernetes.api.model.LabelSelector nodeSelector) {
        this.nodeSelector = nodeSelector;
        return this;
    }

    /** Allowed ingress; an empty rule {@code {}} turns on default deny; null when absent. */
    @JsonProperty("ingress")
    public java.util.List<IngressRule> getIngress() {
        return ingress;
    }

    /** Sets {@code ingress}. */
    @JsonProperty("ingress")
    public void setIngress(java.util.List<IngressRule> ingress) {
        this.ingress = ingress;
    }

    /** Sets {@code ingress} and returns this, for fluent construction. */
    public Rule withIngress(java.util.List<IngressRule> ingress) {
        this.ingress = ingress;
        return this;
    }

    /** Denied ingress (beats any allow); null when absent. */
    @JsonProperty("ingressDeny")
    public java.util.List<IngressRule> getIngressDeny() {
        return ingressDeny;
    }

    /** Sets {@code ingressDeny}. */
    @JsonProperty("ingressDeny")
    public void setIngressDeny(java.util.List<IngressRule> ingressDeny) {
        this.ingressDeny = ingressDeny;
    }

    /** Sets {@code ingressDeny} and returns this, for fluent construction. */
    public Rule withIngressDeny(java.util.List<IngressRule> ingressDeny) {
        this.ingressDeny = ingressDeny;
        return this;
    }

    /** Allowed egress; an empty rule {@code {}} turns on default deny; null when absent. */
    @JsonProperty("egress")
    public java.util.List<EgressRule> getEgress() {
        return egress;
    }

    /** Sets {@code egress}. */
    @JsonProperty("egress")
    public void setEgress(java.util.List<EgressRule> egress) {
        this.egress = egress;
    }

    /** Sets {@code egress} and returns this, for fluent construction. */
    public Rule withEgress(java.util.List<EgressRule> egress) {
        this.egress = egress;
        return this;
    }

    /** Denied egress (beats any allow); null when absent. */
    @JsonProperty("egressDeny")
    public java.util.List<EgressRule> getEgressDeny() {
        return egressDeny;
    }

    /** Sets {@code egressDeny}. */
    @JsonProperty("egressDeny")
    public void setEgressDeny(java.util.List<EgressRule> egressDeny) {
        this.egressDeny = egressDeny;
    }

    /** Sets {@code egressDeny} and returns this, for fluent construction. */
    public Rule withEgressDeny(java.util.List<EgressRule> egressDeny) {
        this.egressDeny = egressDeny;
        return this;
    }

    /** Labels identifying the rule; null when absent. */
    @JsonProperty("labels")
    public java.util.List<PolicyLabel> getLabels() {
        return labels;
    }

    /** Sets {@code labels}. */
    @JsonProperty("labels")
    public void setLabels(java.util.List<PolicyLabel> labels) {
        this.labels = labels;
    }

    /** Sets {@code labels} and returns this, for fluent construction. */
    public Rule withLabels(java.util.List<PolicyLabel> labels) {
        this.labels = labels;
        return this;
    }

    /** Free text; null when absent. */
    @JsonProperty("description")
    public String getDescription() {
        return description;
    }

    /** Sets {@code description}. */
    @JsonProperty("description")
    public void setDescription(String description) {
        this.description = description;
    }

    /** Sets {@code description} and returns this, for fluent construction. */
    public Rule withDescription(String description) {
        this.description = description;
        return this;
    }

    /** Whether the rule turns on default deny per direction (1.16+); null when absent. */
    @JsonProperty("enableDefaultDeny")
    public DefaultDenyConfig getEnableDefaultDeny() {
        return enableDefaultDeny;
    }

    /** Sets {@code enableDefaultDeny}. */
    @JsonProperty("enableDefaultDeny")
    public void setEnableDefaultDeny(DefaultDenyConfig enableDefaultDeny) {
        this.enableDefaultDeny = enableDefaultDeny;
    }

    /** Sets {@code enableDefaultDeny} and returns this, for fluent construction. */
    public Rule withEnableDefaultDeny(DefaultDenyConfig enableDefaultDeny) {
        this.enableDefaultDeny = enableDefaultDeny;
        return this;
    }

    /** Logging configuration; null when absent. */
    @JsonProperty("log")
    public LogConfig getLog() {
        return log;
    }

    /** Sets {@code log}. */
    @JsonProperty("log")
    public void setLog(LogConfig log) {
        this.log = log;
    }

    /** Sets {@code log} and returns this, for fluent construction. */
    public Rule withLog(LogConfig log) {
        this.log = log;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Rule o)) {
            return false;
        }
        return Objects.equals(endpointSelector, o.endpointSelector) && Objects.equals(nodeSelector, o.nodeSelector) && Objects.equals(ingress, o.ingress) && Objects.equals(ingressDeny, o.ingressDeny) && Objects.equals(egress, o.egress) && Objects.equals(egressDeny, o.egressDeny) && Objects.equals(labels, o.labels) && Objects.equals(description, o.description) && Objects.equals(enableDefaultDeny, o.enableDefaultDeny) && Objects.equals(log, o.log) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpointSelector, nodeSelector, ingress, ingressDeny, egress, egressDeny, labels, description, enableDefaultDeny, log, getAdditionalProperties());
    }
}
