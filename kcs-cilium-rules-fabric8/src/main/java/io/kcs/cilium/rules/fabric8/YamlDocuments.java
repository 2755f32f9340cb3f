package io.kcs.cilium.rules.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcs.cilium.rules.KubernetesNames;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 * Kubernetes manifests as {@code kubectl apply -f} takes them, read strictly: any number of YAML (or JSON) documents
 * separated by {@code ---} lines, each a Kubernetes object; a {@code List} (or {@code CiliumNetworkPolicyList},
 * {@code DeploymentList}...) stands for its {@code items}. The one strict YAML reader of the library and the command
 * line ({@link WorkloadReader#read(String)}, the CLI's {@code validate}, {@code trace} and {@code connectivity}).
 *
 * <p>Strict, so that no YAML feature changes an object behind the user's back: text longer than
 * {@link #MAX_CHARS}, anchors and aliases (and merge keys), duplicate keys, explicit tags other than {@code !!str},
 * keys that are not strings and nesting deeper than {@link #MAX_DEPTH} are refused, each as a {@link Problem} of the
 * document it is in, with its line; the other documents are still read. A YAML syntax error ends its document (the
 * text up to the next {@code ---} line), never the text. Documents with nothing in them are skipped, as kubectl
 * does. Plain scalars are typed as YAML 1.1 resolves them (as Kubernetes' reader does: {@code yes} is a boolean,
 * {@code 0x1F} a number); quoted scalars are strings.
 *
 * <p>What it does not do: it does not bind the objects to model classes (callers do, with Jackson), check their
 * fields, or read {@code %YAML} 1.2 semantics.
 *
 * <p>Each document keeps the line of every JSON path in it ({@code spec.template.metadata.labels}: the line of that
 * key or list item), so that a finding about the object can be shown at its line ({@link Document#lineOf}).
 *
 * <pre>{@code
 * for (YamlDocuments.Document d : YamlDocuments.read(text)) {
 *     d.problems().forEach(p -> System.err.println("line " + p.line() + ": " + p.code() + ": " + p.message()));
 *     d.object().ifPresent(tree -> ...);   // a Jackson ObjectNode
 * }
 * }</pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class YamlDocuments {

    /** Longest text read: 16 Mi characters (the API server takes objects up to about 1.5 MiB each). */
    public static final int MAX_CHARS = 16 * 1024 * 1024;
    /** Deepest nesting of maps and lists in a document (a CiliumNetworkPolicy needs about 10, a Deployment 12). */
    public static final int MAX_DEPTH = 64;

    /** Code: the text is not valid YAML. */
    public static final String YAML_SYNTAX = "yaml-syntax";
    /** Code: an anchor, alias, merge key, duplicate key or explicit tag: YAML features a manifest may not use. */
    public static final String YAML_NOT_ALLOWED = "yaml-not-allowed";
    /** Code: a document (or List item) that is not a Kubernetes object (a list or a single value), or too deep. */
    public static final String NOT_AN_OBJECT = "not-an-object";
    /** Code: the text is longer than {@link #MAX_CHARS}. */
    public static final String TOO_LARGE = "too-large";

    private static final Pattern SEPARATOR = Pattern.compile("---(?:[ \\t].*)?");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final String STR = Tag.STR.getValue();
    private static final Resolver RESOLVER = new Resolver();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A problem found while reading.
     *
     * @param line its 1-based line in the text
     * @param code one of {@link #YAML_SYNTAX}, {@link #YAML_NOT_ALLOWED}, {@link #NOT_AN_OBJECT}, {@link #TOO_LARGE}
     * @param path the JSON path it is at (empty: the document)
     * @param message what is wrong and how to fix it
     */
    public record Problem(int line, String code, String path, String message) {
        /**
         * @throws NullPointerException when a component is null
         */
        public Problem {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * One document (or one item of a List document): where it is, its tree (absent when it could not be read, then
     * {@code problems} says why) and the line of each JSON path in it.
     *
     * @param index 1-based position among the text's non-empty documents
     * @param item 0-based index in a List document's items, or -1
     * @param line the 1-based line the document (or item) starts on
     * @param object the object, when the document is one and was read without problems
     * @param problems why there is no object (empty when there is one)
     * @param lines the 1-based line of each JSON path (relative to the item for a List's item)
     */
    public record Document(int index, int item, int line, Optional<ObjectNode> object, List<Problem> problems,
            Map<String, Integer> lines) {

        /**
         * Copies the lists and maps.
         *
         * @throws NullPointerException when a component is null
         */
        public Document {
            Objects.requireNonNull(object, "object");
            problems = List.copyOf(problems);
            lines = Map.copyOf(lines);
        }

        /**
         * The line of {@code path} (a JSON path such as {@code spec.egress[0].toPorts[1].ports[0].endPort}): of the
         * path itself, else of its longest prefix in the document, else the document's first line.
         */
        public int lineOf(String path) {
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
        public String name() {
            return "document " + index + (item >= 0 ? ", item " + (item + 1) : "");
        }

        /** {@code "document-2"} or {@code "document-2/item-3"}: the document in a diagnostic's path. */
        public String id() {
            return "document-" + index + (item >= 0 ? "/item-" + (item + 1) : "");
        }
    }

    private YamlDocuments() {}

    /**
     * Reads the documents of {@code text}; never throws for any text (bad input gives {@link Problem}s).
     *
     * @throws NullPointerException when {@code text} is null
     */
    public static List<Document> read(String text) {
        Objects.requireNonNull(text, "text");
        List<Document> out = new ArrayList<>();
        if (text.length() > MAX_CHARS) {
            out.add(new Document(1, -1, 1, Optional.empty(), List.of(new Problem(1, TOO_LARGE, "", "the text has "
                    + text.length() + " characters, more than " + MAX_CHARS + ", the limit; split it")), Map.of()));
            return out;
        }
        List<String> lines = text.lines().toList();
        int chunkStart = 0;
        int index = 0;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || (i > chunkStart && SEPARATOR.matcher(lines.get(i)).matches())) {
                String chunk = String.join("\n", lines.subList(chunkStart, i));
                index = chunk(chunk, chunkStart, index, out);
                chunkStart = i;
            }
        }
        return out;
    }

    /** {@code s} as messages quote offending text, without the surrounding quotes. */
    static String quote(String s) {
        String q = KubernetesNames.quote(s);
        return q.substring(1, q.length() - 1);
    }

    /** Reads one chunk (text between separator lines) starting at 0-based line {@code offset}; returns the index. */
    private static int chunk(String chunk, int offset, int index, List<Document> out) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS + 1);
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
                b = new Builder(index, offset);
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
            out.add(b != null ? b.failed(p) : new Document(index + 1, -1, line, Optional.empty(), List.of(p),
                    Map.of()));
            return b != null ? index : index + 1;
        } catch (YAMLException e) {
            Problem p = new Problem(offset + 1, YAML_SYNTAX, "", "not valid YAML: " + e.getMessage());
            out.add(b != null ? b.failed(p) : new Document(index + 1, -1, offset + 1, Optional.empty(), List.of(p),
                    Map.of()));
            return b != null ? index : index + 1;
        }
        return index;
    }

    /** Builds one document's JSON tree from parser events, recording the line of every path. */
    private static final class Builder {
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

        Builder(int index, int offset) {
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
            return new Document(index, -1, startLine == 0 ? p.line() : startLine, Optional.empty(), List.of(p),
                    lines);
        }

        JsonNode node(ParserImpl parser, String path, int depth) {
            Event e = parser.getEvent();
            if (depth == 0) {
                startLine = line(e);
            }
            String what = path.isEmpty() ? "the document" : path;
            if (e instanceof AliasEvent a) {
                throw refuse(e, YAML_NOT_ALLOWED, path, what + " is an alias (*" + quote(a.getAnchor())
                        + "); anchors and aliases are not allowed in a manifest, write the value out");
            }
            if (e instanceof NodeEvent n && n.getAnchor() != null) {
                throw refuse(e, YAML_NOT_ALLOWED, path, what + " has an anchor (&" + quote(n.getAnchor())
                        + "); anchors and aliases are not allowed in a manifest");
            }
            String tag = e instanceof ScalarEvent s ? s.getTag()
                    : e instanceof CollectionStartEvent c ? c.getTag() : null;
            if (tag != null && !tag.equals("!") && !tag.equals(STR)) {
                throw refuse(e, YAML_NOT_ALLOWED, path, what + " has the tag " + quote(tag)
                        + "; tags other than !!str are not allowed in a manifest");
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
                                + " neither is allowed in a manifest");
                    }
                    parser.getEvent();
                    String name = key.getValue();
                    if (key.isPlain() && name.equals("<<")) {
                        throw refuse(k, YAML_NOT_ALLOWED, path, what + " has a merge key (<<); merge keys are not"
                                + " allowed in a manifest, write the keys out");
                    }
                    Integer first = keyLines.putIfAbsent(name, line(k));
                    if (first != null) {
                        throw refuse(k, YAML_NOT_ALLOWED, path, "duplicate key \"" + quote(name) + "\" in " + what
                                + " (first at line " + first + "); YAML readers disagree on which one counts, give it"
                                + " once");
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
                String l = v.toLowerCase(Locale.ROOT);
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
                out.add(new Document(index, -1, startLine, Optional.empty(), List.of(new Problem(startLine,
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
                    JsonNode item = items.get(i);
                    out.add(item.isObject() ? new Document(index, i, itemLine, Optional.of((ObjectNode) item),
                            List.of(), sub) : new Document(index, i, itemLine, Optional.empty(), List.of(
                            new Problem(itemLine, NOT_AN_OBJECT, "", "item " + (i + 1) + " is not a Kubernetes"
                            + " object (a map with apiVersion, kind, metadata)")), sub));
                }
                return;
            }
            out.add(new Document(index, -1, startLine, Optional.of((ObjectNode) node), List.of(), lines));
        }
    }
}
