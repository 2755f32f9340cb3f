package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.YamlDocuments;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML (or JSON) files the CLI reads ({@code validate}, {@code trace}, {@code connectivity}): any number of
 * documents separated by {@code ---} lines, as {@code kubectl apply -f} takes them, each a Kubernetes object. A
 * {@code List} (or {@code CiliumNetworkPolicyList}, as {@code kubectl get cnp -o yaml} prints) stands for its
 * {@code items}.
 *
 * <p>Read strictly by fabric8's {@link YamlDocuments} (the one strict YAML reader of the project), so that no YAML
 * feature changes a policy behind the user's back: files larger than {@link #MAX_BYTES}, bytes that are not UTF-8,
 * anchors and aliases (and merge keys), duplicate keys, explicit tags other than {@code !!str}, and nesting deeper
 * than {@link #MAX_DEPTH} are refused, each as an error of the document it is in, with its line; the other documents
 * are still read. A YAML syntax error ends its document (the text up to the next {@code ---} line), never the file.
 * Documents with nothing in them are skipped, as kubectl does. This class binds each object to its model class
 * (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, else a generic resource).
 *
 * <p>Each document keeps the line of every JSON path in it ({@code spec.egress[0].toPorts[1]}: the line of that key
 * or list item), so that a diagnostic found on the object can be shown at its line ({@link Document#lineOf}).
 *
 * <p>Stateless; thread-safe.
 */
final class PolicyDocuments {

    /** Largest file (or standard input) read: 16 MiB (the API server takes objects up to about 1.5 MiB each). */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    /** Most documents in one run, all files together. */
    static final int MAX_DOCUMENTS = 10_000;
    /** Deepest nesting of maps and lists in a document (a CiliumNetworkPolicy needs about 10). */
    static final int MAX_DEPTH = YamlDocuments.MAX_DEPTH;

    /** Codes of the problems found before a document reaches the policy reader. */
    static final String YAML_SYNTAX = YamlDocuments.YAML_SYNTAX;
    /** An anchor, alias, merge key, duplicate key or explicit tag: YAML features a policy file may not use. */
    static final String YAML_NOT_ALLOWED = YamlDocuments.YAML_NOT_ALLOWED;
    /** A document that is not a Kubernetes object (a list or a single value), or too deeply nested. */
    static final String NOT_AN_OBJECT = YamlDocuments.NOT_AN_OBJECT;
    /** A CiliumNetworkPolicy or CCNP whose fields have the wrong types (a number where a list belongs...). */
    static final String INVALID_STRUCTURE = "invalid-structure";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A problem found while reading: its 1-based line, a code, the JSON path (may be empty) and a message. */
    record Problem(int line, String code, String path, String message) {}

    /**
     * One document (or one item of a List document): where it is, the object (absent when the document could not
     * be read) and the problems found reading it.
     *
     * @param file the file name as given ({@code <stdin>} for standard input)
     * @param index 1-based position among the file's non-empty documents
     * @param item 0-based index in a List document's items, or -1
     * @param line the 1-based line the document (or item) starts on
     */
    record Document(String file, int index, int item, int line, Optional<HasMetadata> object,
            List<Problem> problems, Map<String, Integer> lines) {

        Document {
            problems = List.copyOf(problems);
            lines = Map.copyOf(lines);
        }

        /**
         * The line of {@code path} (a JSON path such as {@code spec.egress[0].toPorts[1].ports[0].endPort}): of the
         * path itself, else of its longest prefix in the document, else the document's first line.
         */
        int lineOf(String path) {
            return yaml().lineOf(path);
        }

        /** {@code "document 2"} or {@code "document 2, item 3"} (1-based), for messages. */
        String name() {
            return yaml().name();
        }

        /** {@code "document-2"} or {@code "document-2/item-3"}: the document in a diagnostic's path. */
        String id() {
            return yaml().id();
        }

        private YamlDocuments.Document yaml() {
            return new YamlDocuments.Document(index, item, line, Optional.empty(), List.of(), lines);
        }
    }

    private PolicyDocuments() {}

    /** Reads the documents of {@code text} (the decoded file {@code file}); never throws for any text. */
    static List<Document> parse(String file, String text) {
        return YamlDocuments.read(text).stream().map(d -> bind(file, d)).toList();
    }

    /** The document with its object bound to its model class (a policy kind, else a generic resource). */
    static Document bind(String file, YamlDocuments.Document d) {
        List<Problem> problems = d.problems().stream().map(p -> new Problem(p.line(), p.code(), p.path(),
                p.message())).toList();
        if (d.object().isEmpty()) {
            return new Document(file, d.index(), d.item(), d.line(), Optional.empty(), problems, d.lines());
        }
        JsonNode node = d.object().get();
        String kind = node.path("kind").asText("");
        Class<? extends HasMetadata> type = switch (kind) {
            case CiliumNetworkPolicy.KIND -> CiliumNetworkPolicy.class;
            case CiliumClusterwideNetworkPolicy.KIND -> CiliumClusterwideNetworkPolicy.class;
            default -> GenericKubernetesResource.class; // the reader says what is wrong with it
        };
        try {
            return new Document(file, d.index(), d.item(), d.line(), Optional.of(JSON.treeToValue(node, type)),
                    List.of(), d.lines());
        } catch (JacksonException e) {
            String path = e instanceof JsonMappingException m ? path(m) : "";
            int at = path.isEmpty() ? d.line() : d.lines().getOrDefault(path, d.line());
            return new Document(file, d.index(), d.item(), d.line(), Optional.empty(), List.of(new Problem(at,
                    INVALID_STRUCTURE, path, "not a valid " + (kind.isEmpty() ? "object" : kind) + ": "
                    + firstLine(e.getOriginalMessage()))), d.lines());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable value";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
