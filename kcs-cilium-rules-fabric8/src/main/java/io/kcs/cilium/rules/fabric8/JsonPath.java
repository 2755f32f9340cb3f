package io.kcs.cilium.rules.fabric8;

/**
 * A JSON path into a policy ({@code spec.egress[0].toPorts[1].ports[0]}) made only when a diagnostic needs its text:
 * each step is a small node pointing at its parent, so walking a valid policy builds no string. {@link #toString()}
 * renders the path: a field is joined with {@code .} (none after an empty root), an index is {@code [i]}.
 *
 * <p>{@link #NONE} is the path of a walk that needs no path at all (the validator's and converter's first pass over
 * a rule, redone with real paths only when it finds something): its steps are itself, so that walk allocates no
 * node.
 *
 * <pre>{@code
 * JsonPath.of("spec").field("egress").index(0).field("toPorts").toString();   // "spec.egress[0].toPorts"
 * }</pre>
 *
 * <p>Package-private; immutable and thread-safe.
 */
final class JsonPath {

    /** No path: every step of it is itself; it renders as {@code <no path>} (never shown in a diagnostic). */
    static final JsonPath NONE = new JsonPath(null, "<no path>", -1);

    private final JsonPath parent;
    /** The field name, or null for an index step. */
    private final String field;
    private final int index;

    private JsonPath(JsonPath parent, String field, int index) {
        this.parent = parent;
        this.field = field;
        this.index = index;
    }

    /** A root path, rendered as {@code text}. */
    static JsonPath of(String text) {
        return new JsonPath(null, text, -1);
    }

    /** This path, then {@code .name}. */
    JsonPath field(String name) {
        return this == NONE ? NONE : new JsonPath(this, name, -1);
    }

    /** This path, then {@code [i]}. */
    JsonPath index(int i) {
        return this == NONE ? NONE : new JsonPath(this, null, i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render(sb);
        return sb.toString();
    }

    private void render(StringBuilder sb) {
        if (parent != null) {
            parent.render(sb);
        }
        if (field == null) {
            sb.append('[').append(index).append(']');
        } else {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(field);
        }
    }
}
