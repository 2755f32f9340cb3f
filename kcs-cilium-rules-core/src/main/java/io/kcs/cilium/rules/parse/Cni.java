package io.kcs.cilium.rules.parse;

/**
 * The cluster's CNI, which decides whether Cilium-format entries ({@code entity:}, {@code endpoint:},
 * {@code service:}) apply. With {@link #OTHER} they are still checked but then skipped with a
 * {@code cni-ignored} warning, never half-applied; CIDR and FQDN entries apply with every CNI.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Cni {
    /** Cilium: every entry kind applies. */
    CILIUM,
    /** Any other CNI: Cilium-format entries are skipped with a warning. */
    OTHER
}
