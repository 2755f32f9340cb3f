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
 * A TLS context of a port rule, {@code terminatingTLS} or {@code originatingTLS} (Cilium {@code api.TLSContext}):
 * the secret holding the certificates and key, and optionally the names of the items in it ({@code trustedCA},
 * {@code certificate}, {@code privateKey}; Cilium assumes {@code ca.crt}, {@code tls.crt}, {@code tls.key} when
 * absent). The CRD requires {@code secret}. It does not read the secret or the certificates.
 *
 * <p>A mutable Jackson/fabric8 model class of the {@code cilium.io/v2} schema: null fields are omitted when written,
 * fields this version does not know are kept in {@link #getAdditionalProperties()} and written back unchanged.
 * Fields are written in the CRD schema's (alphabetical) order, as the map this class replaces was. It does not check
 * values (required fields, enums, ranges): {@code CiliumPolicyValidator} does, as the Cilium agent does.
 * Not thread-safe (like fabric8's models); build it, then share it read-only.
 *
 * <pre>{@code
 * PortRule r = new PortRule().withTerminatingTLS(new TLSContext()
 *         .withSecret(new Secret().withNamespace("shop").withName("web-tls")).withCertificate("tls.crt"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"certificate", "privateKey", "secret", "trustedCA"})
@JsonDeserialize(using = JsonDeserializer.None.class)
@Buildable(editableEnabled = false, validationEnabled = false, generateBuilderPackage = false,
        lazyCollectionInitEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = {@BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.ListMeta.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelector.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class),
            @BuildableReference(io.fabric8.kubernetes.api.model.IntOrString.class)})
public class TLSContext extends CiliumModel {

    private static final long serialVersionUID = 1L;

    @JsonProperty("certificate")
    private String certificate;

    @JsonProperty("privateKey")
    private String privateKey;

    @JsonProperty("secret")
    private Secret secret;

    @JsonProperty("trustedCA")
    private String trustedCA;

    /** An empty {@code TLSContext}. */
    public TLSContext() {
    }

    /** The item (or file) name of the certificate chain; null when absent. */
    @JsonProperty("certificate")
    public String getCertificate() {
        return certificate;
    }

    /** Sets {@code certificate}. */
    @JsonProperty("certificate")
    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }

    /** Sets {@code certificate} and returns this, for fluent construction. */
    public TLSContext withCertificate(String certificate) {
        this.certificate = certificate;
        return this;
    }

    /** The item (or file) name of the private key; null when absent. */
    @JsonProperty("privateKey")
    public String getPrivateKey() {
        return privateKey;
    }

    /** Sets {@code privateKey}. */
    @JsonProperty("privateKey")
    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    /** Sets {@code privateKey} and returns this, for fluent construction. */
    public TLSContext withPrivateKey(String privateKey) {
        this.privateKey = privateKey;
        return this;
    }

    /** The secret with the certificates and key (required by the CRD); null when absent. */
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
    public TLSContext withSecret(Secret secret) {
        this.secret = secret;
        return this;
    }

    /** The item (or file) name of the trusted CA; null when absent. */
    @JsonProperty("trustedCA")
    public String getTrustedCA() {
        return trustedCA;
    }

    /** Sets {@code trustedCA}. */
    @JsonProperty("trustedCA")
    public void setTrustedCA(String trustedCA) {
        this.trustedCA = trustedCA;
    }

    /** Sets {@code trustedCA} and returns this, for fluent construction. */
    public TLSContext withTrustedCA(String trustedCA) {
        this.trustedCA = trustedCA;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TLSContext o)) {
            return false;
        }
        return Objects.equals(certificate, o.certificate) && Objects.equals(privateKey, o.privateKey) && Objects.equals(secret, o.secret) && Objects.equals(trustedCA, o.trustedCA) && sameAdditional(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificate, privateKey, secret, trustedCA, getAdditionalProperties());
    }
}
