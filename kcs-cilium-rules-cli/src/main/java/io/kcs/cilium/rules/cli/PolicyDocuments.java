package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML (or JSON) files {@code validate} reads: any number of documents separated by {@code ---} lines, as
 * {@code kubectl apply -f} takes them, each a Kubernetes object. A {@code List} (or {@code CiliumNetworkPolicyList},
 * as {@code kubectl get cnp -o yaml} prints) stands for its {@code items}.
 *
 * <p>Read strictly, like {@link ProfileFile}, so that no YAML feature changes a policy behind the user's back: files
 * larger than {@link #MAX_BYTES}, bytes that are not UTF-8, anchors and aliases (and merge keys), duplicate keys,
 * explicit tags other than {@code !!str}, and nesting deeper than {@link #MAX_DEPTH} are refused, each as an error
 * of the document it is in, with its line; the other documents are still read. A YAML syntax error ends its
 * document (the text up to the next {@code ---} line), never the file. Documents with nothing in them are skipped,
 * as kubectl does.
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
    static final int MAX_DEPTH = 64;

    /** Codes of the problems found before a document reaches the policy reader. */
    static final String YAML_SYNTAX = "yaml-syntax";
    /** An anchor, alias, merge key, duplicate key or explicit tag: YAML features a policy file may not use. */
    static final String YAML_NOT_ALLOWED = "yaml-not-allowed";
    /** A document that is not a Kubernetes object (a list or a single value), or too deeply nested. */
    static final String NOT_AN_OBJECT = "not-an-object";
    /** A CiliumNetworkPolicy or CCNP whose fields have the wrong types (a number where a list belongs...). */
    static final String INVALID_STRUCTURE = "invalid-structure";

    private static final Pattern SEPARATOR = Pattern.compile("---(?:[ \\t].*)?");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final String STR = Tag.STR.getValue();
    private static final Resolver RESOLVER = new Resolver();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
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
            String p = path;
            while (!p.isEmpty()) {
                Integer l = lines.get(p);
                if (l != null) {
                    return l;
                }
                int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
                p = cut <= 0 ? "" : p.substring(0, cut);
            }
            return line;
        }

        /** {@code "document 2"} or {@code "document 2, item 3"} (1-based), for messages. */
        String name() {
            return "document " + index + (item >= 0 ? ", item " + (item + 1) : "");
        }

        /** {@code "document-2"} or {@code "document-2/item-3"}: the document in a diagnostic's path. */
        String id() {
            return "document-" + index + (item >= 0 ? "/item-" + (item + 1) : "");
        }
    }

    private PolicyDocuments() {}

    /** Reads the documents of {@code text} (the decoded file {@code file}); never throws for any text. */
    static List<Document> parse(String file, String text) {
        List<Document> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int chunkStart = 0;
        int index = 0;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || (i > chunkStart && SEPARATOR.matcher(lines.get(i)).matches())) {
                String chunk = String.join("\n", lines.subList(chunkStart, i));
                index = chunk(file, chunk, chunkStart, index, out);
                chunkStart = i;
            }
        }
        return out;
    }

    /** Reads one chunk (text between separator lines) starting at 0-based line {@code offset}; returns the index. */
    private static int chunk(String file, String chunk, int offset, int index, List<Document> out) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        ParserImpl parser = new ParserImpl(new StreamReader(chunk), options);
        Builder b = null;
        try {
            parser.getEvent(); // stream start
            while (parser.peekEvent().is(Event.ID.DocumentStart)) {
                parser.getEvent();
                if (parser.peekEvent().is(Event.ID.DocumentEnd)) {
                    parser.getEvent(); // "---" alone, or only comments: nothing in it
                    continue;
                }
                index++;
                b = new Builder(file, index, offset);
                Event root = parser.peekEvent();
                if (root instanceof ScalarEvent s && s.getValue().isEmpty() && s.isPlain() && s.getTag() == null
                        && s.getAnchor() == null) {
                    parser.getEvent();
                    parser.getEvent(); // document end
                    index--;
                    b = null;
                    continue;
                }
                JsonNode node = b.node(parser, "", 0);
                parser.getEvent(); // document end
                b.finish(node, out);
                b = null;
            }
        } catch (Builder.Refused r) {
            out.add(b.failed(r.problem));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = offset + (m == null ? 0 : m.getLine()) + 1;
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            Problem p = new Problem(line, YAML_SYNTAX, "", "not valid YAML: " + e.getProblem() + context);
            out.add(b != null ? b.failed(p) : new Document(file, index + 1, -1, line, Optional.empty(), List.of(p),
                    Map.of()));
            return b != null ? index : index + 1;
        } catch (YAMLException e) {
            Problem p = new Problem(offset + 1, YAML_SYNTAX, "", "not valid YAML: " + e.getMessage());
            out.add(b != null ? b.failed(p) : new Document(file, index + 1, -1, offset + 1, Optional.empty(),
                    List.of(p), Map.of()));
            return b != null ? index : index + 1;
        }
        return index;
    }

    /** Builds one document's JSON tree from parser events, recording the line of every path. */
    private static final class Builder {
        private final String file;
        private final int index;
        private final int offset;
        private final Map<String, Integer> lines = new HashMap<>();
        private int startLine;

        /** Thrown to end a document at its first problem. */
        static final class Refused extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final transient Problem problem;

            Refused(Problem problem) {
                super(problem.message(), null, false, false);
                this.problem = problem;
            }
        }

        Builder(String file, int index, int offset) {
            this.file = file;
            this.index = index;
            this.offset = offset;
        }

        private int line(Event e) {
            return offset + (e.getStartMark() == null ? 0 : e.getStartMark().getLine()) + 1;
        }

        private Refused refuse(Event at, String code, String path, String message) {
            return new Refused(new Problem(line(at), code, path, message));
        }

        Document failed(Problem p) {
            return new Document(file, index, -1, startLine == 0 ? p.line() : startLine, Optional.empty(),
                    List.of(p), lines);
        }

        JsonNode node(ParserImpl parser, String path, int depth) {
            Event e = parser.getEvent();
            if (depth == 0) {
                startLine = line(e);
            }
            String what = path.isEmpty() ? "the document" : path;
            if (e instanceof AliasEvent a) {
                throw refuse(e, YAML_NOT_ALLOWED, path, what + " is an alias (*" + ProfileFile.Text.quote(
                        a.getAnchor()) + "); anchors and aliases are not allowed in a policy file, write the value"
                        + " out");
            }
            if (e instanceof NodeEvent n && n.getAnchor() != null) {
                throw refuse(e, YAML_NOT_ALLOWED, path, what + " has an anchor (&" + ProfileFile.Text.quote(
                        n.getAnchor()) + "); anchors and aliases are not allowed in a policy file");
            }
            String tag = e instanceof ScalarEvent s ? s.getTag()
                    : e instanceof CollectionStartEvent c ? c.getTag() : null;
            if (tag != null && !tag.equals("!") && !tag.equals(STR)) {
                throw refuse(e, YAML_NOT_ALLOWED, path, what + " has the tag " + ProfileFile.Text.quote(tag)
                        + "; tags other than !!str are not allowed in a policy file");
            }
            if (depth > MAX_DEPTH) {
                throw refuse(e, NOT_AN_OBJECT, path, what + " is nested deeper than " + MAX_DEPTH + " levels, the"
                        + " limit");
            }
            if (!path.isEmpty()) {
                lines.putIfAbsent(path, line(e));
            }
            if (e instanceof ScalarEvent s) {
                return scalar(s);
            }
            if (e.is(Event.ID.SequenceStart)) {
                ArrayNode array = NODES.arrayNode();
                while (!parser.peekEvent().is(Event.ID.SequenceEnd)) {
                    array.add(node(parser, path + "[" + array.size() + "]", depth + 1));
                }
                parser.getEvent();
                return array;
            }
            if (e.is(Event.ID.MappingStart)) {
                ObjectNode object = NODES.objectNode();
                Map<String, Integer> keyLines = new HashMap<>();
                while (!parser.peekEvent().is(Event.ID.MappingEnd)) {
                    Event k = parser.peekEvent();
                    if (!(k instanceof ScalarEvent key)) {
                        throw refuse(k, NOT_AN_OBJECT, path, "a key in " + what + " is a list or a map; keys must be"
                                + " strings");
                    }
                    if (key.getAnchor() != null || (key.getTag() != null && !key.getTag().equals(STR)
                            && !key.getTag().equals("!"))) {
                        throw refuse(k, YAML_NOT_ALLOWED, path, "a key in " + what + " has an anchor or a tag;"
                                + " neither is allowed in a policy file");
                    }
                    parser.getEvent();
                    String name = key.getValue();
                    if (key.isPlain() && name.equals("<<")) {
                        throw refuse(k, YAML_NOT_ALLOWED, path, what + " has a merge key (<<); merge keys are not"
                                + " allowed in a policy file, write the keys out");
                    }
                    Integer first = keyLines.putIfAbsent(name, line(k));
                    if (first != null) {
                        throw refuse(k, YAML_NOT_ALLOWED, path, "duplicate key \"" + ProfileFile.Text.quote(name)
                                + "\" in " + what + " (first at line " + first + "); YAML readers disagree on which"
                                + " one counts, give it once");
                    }
                    String child = path.isEmpty() ? name : path + "." + name;
                    lines.putIfAbsent(child, line(k));
                    object.set(name, node(parser, child, depth + 1));
                }
                parser.getEvent();
                return object;
            }
            throw refuse(e, YAML_SYNTAX, path, "unexpected " + e.getEventId() + " in " + what);
        }

        /** A scalar typed as YAML 1.1 resolves plain scalars (as Kubernetes' YAML reader does); quoted: a string. */
        private static JsonNode scalar(ScalarEvent s) {
            String v = s.getValue();
            if (!s.isPlain() || s.getTag() != null) {
                return NODES.textNode(v);
            }
            Tag t = RESOLVER.resolve(NodeId.scalar, v, true);
            if (t.equals(Tag.NULL)) {
                return NODES.nullNode();
            }
            if (t.equals(Tag.BOOL)) {
                String l = v.toLowerCase(java.util.Locale.ROOT);
                return NODES.booleanNode(l.equals("true") || l.equals("yes") || l.equals("on") || l.equals("y"));
            }
            if (t.equals(Tag.INT) && DECIMAL.matcher(v).matches() && v.length() <= 40) {
                BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
                // the smallest node type, as a JSON parser gives it: binders such as IntOrString want an int
                return n.bitLength() < 32 ? NODES.numberNode(n.intValue())
                        : n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
            }
            if (t.equals(Tag.FLOAT) && FLOAT.matcher(v).matches() && v.length() <= 40) {
                return NODES.numberNode(Double.parseDouble(v));
            }
            return NODES.textNode(v);
        }

        /** Turns the tree into documents: a List's items one by one, anything else as itself. */
        void finish(JsonNode node, List<Document> out) {
            if (!node.isObject()) {
                out.add(new Document(file, index, -1, startLine, Optional.empty(), List.of(new Problem(startLine,
                        NOT_AN_OBJECT, "", "the document is " + (node.isArray() ? "a list" : "a single value")
                        + ", not a Kubernetes object (a map with apiVersion, kind, metadata)")), lines));
                return;
            }
            JsonNode kind = node.path("kind");
            JsonNode items = node.path("items");
            if (kind.isTextual() && kind.asText().endsWith("List") && items.isArray()) {
                for (int i = 0; i < items.size(); i++) {
                    String prefix = "items[" + i + "]";
                    Map<String, Integer> sub = new HashMap<>();
                    lines.forEach((p, l) -> {
                        if (p.startsWith(prefix + ".")) {
                            sub.put(p.substring(prefix.length() + 1), l);
                        }
                    });
                    int itemLine = lines.getOrDefault(prefix, startLine);
                    out.add(object(items.get(i), i, itemLine, sub));
                }
                return;
            }
            out.add(object(node, -1, startLine, lines));
        }

        private Document object(JsonNode node, int item, int line, Map<String, Integer> paths) {
            String where = item >= 0 ? "item " + (item + 1) : "the document";
            if (!node.isObject()) {
                return new Document(file, index, item, line, Optional.empty(), List.of(new Problem(line,
                        NOT_AN_OBJECT, "", where + " is not a Kubernetes object (a map with apiVersion, kind,"
                        + " metadata)")), paths);
            }
            String kind = node.path("kind").asText("");
            Class<? extends HasMetadata> type = switch (kind) {
                case CiliumNetworkPolicy.KIND -> CiliumNetworkPolicy.class;
                case CiliumClusterwideNetworkPolicy.KIND -> CiliumClusterwideNetworkPolicy.class;
                default -> GenericKubernetesResource.class; // the reader says what is wrong with it
            };
            try {
                return new Document(file, index, item, line, Optional.of(JSON.treeToValue(node, type)), List.of(),
                        paths);
            } catch (JacksonException e) {
                String path = e instanceof JsonMappingException m ? path(m) : "";
                int at = path.isEmpty() ? line : paths.getOrDefault(path, line);
                return new Document(file, index, item, line, Optional.empty(), List.of(new Problem(at,
                        INVALID_STRUCTURE, path, "not a valid " + (kind.isEmpty() ? "object" : kind) + ": "
                        + firstLine(e.getOriginalMessage()))), paths);
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
}
