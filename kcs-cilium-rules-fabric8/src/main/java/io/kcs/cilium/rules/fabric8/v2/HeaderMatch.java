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
 * An HTTP rule's {@code headerMatches} item (Cilium {@code api.HeaderMatch}): the header {@code name} (required
 * by the CRD) must be present and, when {@code value} or {@code secret} is given, match it; {@code mismatch}
 * ({@code LOG}, {@code ADD}, {@code DELETE}, {@code REPLACE}) says what Envoy does on a mismatch instead of
 * refusing the request. It does not read the secret.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * PortRuleHTTP h = new PortRuleHTTP().withHeaderMatches(java.util.List.of(
 *         new HeaderMatch().withName("X-Token").withSecret(new Secret().withName("token")).withMismatch("LOG")));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mismatch", "name", "secret", "value"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class HeaderMatch extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("mismatch")
    private String mismatch;

    @JsonProperty("name")
    private String name;

    @JsonProperty("secret")
    private Secret secret;

    @JsonProperty("value")
    private String value;

    /** An empty {@code HeaderMatch}. */
    public HeaderMatch() {
    }

    /** What to do on a mismatch: LOG, ADD, DELETE or REPLACE; null when absent. */
    @JsonProperty("mismatch")
    public String getMismatch() {
        return mismatch;
    }

    /** Sets {@code mismatch}. */
    @JsonProperty("mismatch")
    public void setMismatch(String mismatch) {
        this.mismatch = mismatch;
    }

    /** Sets {@code mismatch} and returns this, for fluent construction. */
    public HeaderMatch withMismatch(String mismatch) {
        this.mismatch = mismatch;
        return this;
    }

    /** The header name (required by the CRD); null when absent. */
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
    public HeaderMatch withName(String name) {
        this.name = name;
        return this;
    }

    /** A secret holding the value to match; null when absent. */
    @JsonProperty("secret")
    public Secret getSecret() {
        return secret;
    }

    /** Sets {@code secret}. */
    @JsonProperty("secret")
    public void setSecret(Secret secret) {
        this.secret = secret;
    }

    /** Sets {@code secret} and returns this, for fluent construction. */
    public HeaderMatch withSecret(Secret secret) {
        this.secret = secret;
        return this;
    }

    /** The value to match (the fallback when the secret is missing); null when absent. */
    @JsonProperty("value")
    public String getValue() {
        return value;
    }

    /** Sets {@code value}. */
    @JsonProperty("value")
    public void setValue(String value) {
        this.value = value;
    }

    /** Sets {@code value} and returns this, for fluent construction. */
    public HeaderMatch withValue(String value) {
        this.value = value;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof HeaderMatch o)) {
            return false;
        }
        return Objects.equals(mismatch, o.mismatch) && Objects.equals(name, o.name) && Objects.equals(secret, o.secret) && Objects.equals(value, o.value) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mismatch, name, secret, value, getAdditionalProperties());
    }
}
