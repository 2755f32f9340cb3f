package io.kcs.cilium.rules;

import java.util.Objects;

/**
 * An exception for a Cilium entity ({@code toEntities}/{@code fromEntities}), written {@code entity:<name>}.
 *
 * <pre>{@code
 * new EntityRule(Entity.KUBE_APISERVER).toString();  // "entity:kube-apiserver"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param entity the entity
 */
public record EntityRule(Entity entity) implements Rule {

    /** @throws NullPointerException when {@code entity} is null */
    public EntityRule {
        Objects.requireNonNull(entity, "entity");
    }

    /** {@code entity:<cilium name>}. */
    @Override
    public String toString() {
        return entity.entryText();
    }
}
