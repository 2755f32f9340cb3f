package io.kcs.cilium.rules.fabric8.v2;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the {@code cilium.io/v2} spec model classes: keeps fields a class does not model (newer Cilium versions,
 * vendor extensions) so that any policy reads and writes back without loss.
 *
 * <p>Not thread-safe, like fabric8's model classes.
 */
@JsonDeserialize(using = JsonDeserializer.None.class) // plain bean binding, not fabric8's polymorphic dispatcher
public abstract class CiliumModel implements KubernetesResource {

    private static final long serialVersionUID = 1L;

    @JsonIgnore
    private Map<String, Object> additionalProperties = new LinkedHashMap<>();

    /** A model with no unmodelled fields. */
    protected CiliumModel() {}

    /** Fields this class does not model, in document order. */
    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    /** Keeps a field this class does not model. */
    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }

    /** Replaces every unmodelled field. */
    public void setAdditionalProperties(Map<String, Object> properties) {
        this.additionalProperties = new LinkedHashMap<>(properties);
    }

    boolean sameAdditional(CiliumModel o) {
        return additionalProperties.equals(o.additionalProperties);
    }
}
