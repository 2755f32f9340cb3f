package io.kcs.cilium.rules.policy;

/**
 * The Kubernetes kind a policy rule was read from.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum PolicyKind {
    /** {@code CiliumNetworkPolicy}: namespaced. */
    CNP("CiliumNetworkPolicy", true),
    /** {@code CiliumClusterwideNetworkPolicy}: cluster-scoped. */
    CCNP("CiliumClusterwideNetworkPolicy", false);

    private final String kindName;
    private final boolean namespaced;

    PolicyKind(String kindName, boolean namespaced) {
        this.kindName = kindName;
        this.namespaced = namespaced;
    }

    /** The Kubernetes {@code kind}. */
    public String kindName() {
        return kindName;
    }

    /** Whether objects of this kind have a namespace. */
    public boolean isNamespaced() {
        return namespaced;
    }
}
