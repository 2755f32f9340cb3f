package io.kcs.cilium.rules.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code headerMatches} entry of an {@link HttpRule} (Cilium's {@code api.HeaderMatch}), as data.
 *
 * <pre>{@code
 * new HeaderMatch(Optional.of(HeaderMatch.Mismatch.LOG), "x-token", Optional.empty(), Optional.of("abc"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param mismatch what Envoy does on a mismatch; empty: the request is denied
 * @param name the header name, non-empty
 * @param secret a secret whose value is the expected header value
 * @param value the expected value (used when there is no secret)
 */
public record HeaderMatch(Optional<Mismatch> mismatch, String name, Optional<Secret> secret, Optional<String> value) {

    /** Cilium's {@code MismatchAction}. */
    public enum Mismatch {
        /** Log and keep checking. */
        LOG,
        /** Add the missing value. */
        ADD,
        /** Remove the mismatching header. */
        DELETE,
        /** Replace (or add) the header. */
        REPLACE;

        /** Parses Cilium's upper-case name exactly. */
        public static Optional<Mismatch> parse(String text) {
            Objects.requireNonNull(text, "text");
            for (Mismatch m : values()) {
                if (m.name().equals(text)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** @throws IllegalArgumentException when the name is empty or text too long */
    public HeaderMatch {
        Objects.requireNonNull(mismatch, "mismatch");
        Checks.nonEmpty(name, "header name", Checks.MAX_TEXT);
        Objects.requireNonNull(secret, "secret");
        Checks.optionalText(value, "header value");
    }

    @Override
    public String toString() {
        return name + (value.isPresent() ? "=" + Checks.quote(value.get()) : "")
                + secret.map(s -> " secret=" + s).orElse("")
                + mismatch.map(m -> " mismatch=" + m.name().toLowerCase(Locale.ROOT)).orElse("");
    }
}
