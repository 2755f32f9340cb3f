package io.kcs.cilium.rules.fabric8;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * YAML and JSON for Cilium policies: what {@code kubectl apply} and GitOps repositories take.
 *
 * <p>Output is deterministic (fields in schema order, map keys sorted, nulls omitted, no document-start marker
 * noise), so that regenerated policies diff quietly. Parsing errors are {@link IllegalArgumentException}s with the
 * line and column; no Jackson type escapes.
 *
 * <pre>{@code
 * String yaml = CiliumPolicies.toYaml(policy);
 * CiliumNetworkPolicy back = CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
 * }</pre>
 *
 * <p>Thread-safe (the mappers are configured once and only read).
 */
public final class CiliumPolicies {

    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .stringQuotingChecker(new Quoting())
            .build()));

    /**
     * Quotes every string a YAML 1.1 or 1.2 reader could take for something else: besides Jackson's defaults,
     * numbers in any spelling ({@code 3e9}, {@code 0x1f}, {@code .5}, {@code 1_000}, {@code 0o17}), infinities and NaN,
     * so that namespaces or label keys such as {@code 3e9} stay strings.
     */
    private static final class Quoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final java.util.regex.Pattern NUMBER_LIKE = java.util.regex.Pattern.compile(
                "[-+]?(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?0[xXoObB][0-9a-fA-F_]+"
                        + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[0-9]+(:[0-5]?[0-9])+");

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || NUMBER_LIKE.matcher(name).matches();
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || NUMBER_LIKE.matcher(value).matches();
        }
    }
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private CiliumPolicies() {}

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The resource as YAML. */
    public static String toYaml(HasMetadata resource) {
        return write(YAML, resource);
    }

    /** The resource as pretty-printed JSON. */
    public static String toJson(HasMetadata resource) {
        Objects.requireNonNull(resource, "resource");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(resource);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + resource + ": " + e.getOriginalMessage());
        }
    }

    private static String write(ObjectMapper m, HasMetadata resource) {
        Objects.requireNonNull(resource, "resource");
        try {
            return m.writeValueAsString(resource);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + resource + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Reads YAML (or JSON, which is YAML) into {@code type}.
     *
     * @throws IllegalArgumentException naming the line and column when the text is not valid YAML of that type
     */
    public static <T> T fromYaml(String yaml, Class<T> type) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(type, "type");
        try {
            T value = YAML.readValue(yaml, type);
            if (value == null) {
                throw new IllegalArgumentException("empty YAML document for " + type.getSimpleName());
            }
            return value;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " YAML" + where + ": "
                    + e.getOriginalMessage());
        }
    }
}
