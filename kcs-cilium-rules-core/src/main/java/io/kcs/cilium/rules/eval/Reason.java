package io.kcs.cilium.rules.eval;

/**
 * Why a {@link Verdict} is what it is.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Reason {
    /** The packet's (bundled) direction is not restricted by the profile: allowed. */
    UNRESTRICTED,
    /** The direction is restricted and an exception matches the peer: allowed. */
    EXCEPTION_MATCHED,
    /** The direction is restricted and no exception matches the peer: denied. */
    NO_EXCEPTION_MATCHED,
    /** A reply of a connection whose request is allowed: allowed, whatever the reply's own direction says. */
    REPLY_OF_ALLOWED_CONNECTION,
    /** A reply of a connection whose request is denied (the connection never existed): denied. */
    REPLY_OF_DENIED_CONNECTION
}
