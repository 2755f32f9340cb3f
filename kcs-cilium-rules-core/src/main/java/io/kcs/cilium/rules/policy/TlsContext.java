package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A TLS context of a {@link PortRule} ({@code terminatingTLS} / {@code originatingTLS}; Cilium's
 * {@code api.TLSContext}), as data: the secret and the key names in it.
 *
 * <pre>{@code
 * new TlsContext(Optional.of(new Secret(Optional.empty(), "tls")), Optional.empty(),
 *         Optional.of("tls.crt"), Optional.of("tls.key"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param secret the secret holding the material
 * @param trustedCa the key of the trusted CA bundle in the secret
 * @param certificate the key of the certificate in the secret
 * @param privateKey the key of the private key in the secret
 */
public record TlsContext(Optional<Secret> secret, Optional<String> trustedCa, Optional<String> certificate,
        Optional<String> privateKey) {
    /** Checks for nulls and sizes. */
    public TlsContext {
        Objects.requireNonNull(secret, "secret");
        Checks.optionalText(trustedCa, "trustedCA");
        Checks.optionalText(certificate, "certificate");
        Checks.optionalText(privateKey, "privateKey");
    }
}
