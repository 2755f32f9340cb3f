package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code authentication.mode} of an allow rule (Cilium's {@code AuthenticationMode}), kept as data.
 *
 * <pre>{@code
 * AuthenticationMode.parse("required");   // Optional[REQUIRED]
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum AuthenticationMode {
    /** No authentication (always succeeds). */
    DISABLED("disabled"),
    /** Mutual authentication (mTLS with SPIFFE by default). */
    REQUIRED("required"),
    /** A test mode that always fails. */
    TEST_ALWAYS_FAIL("test-always-fail");

    private final String ciliumName;

    AuthenticationMode(String ciliumName) {
        this.ciliumName = ciliumName;
    }

    /** The name written in a policy. */
    public String ciliumName() {
        return ciliumName;
    }

    /** The mode written {@code text} (exact), or empty. */
    public static Optional<AuthenticationMode> parse(String text) {
        Objects.requireNonNull(text, "text");
        for (AuthenticationMode m : values()) {
            if (m.ciliumName.equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
