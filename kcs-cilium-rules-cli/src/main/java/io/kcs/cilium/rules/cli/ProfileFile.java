package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.fabric8.Hints;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The {@code --profile FILE} format: one YAML (or JSON) document, a map with optional {@code ingress} and
 * {@code egress} keys, each an exception list as one string or as a list of strings, one entry per item. A missing
 * key leaves the direction unrestricted; an empty string or list blocks it.
 *
 * <pre>
 * ingress: entity:ingress, endpoint:monitoring
 * egress:
 *   - entity:kube-apiserver
 *   - "*.example.com"
 *   - 10.0.0.0/8
 * </pre>
 *
 * <p>The file is read strictly, so that no YAML feature changes a policy behind the user's back: files larger than
 * {@link #MAX_BYTES} bytes, bytes that are not UTF-8, anchors and aliases, duplicate keys, other keys, several
 * documents, tags other than {@code !!str}, and values that YAML reads as something other than a string (an empty
 * item is null, {@code true} a boolean, {@code 443} an integer, {@code 2026-01-01} a timestamp; quote them) are
 * refused with the file, line and list item. What it does not do: it does not parse the exception lists (see
 * {@link ProfileOptions}), and it keeps each list item as it was written, never joining items into one text.
 *
 * <p>Stateless; thread-safe.
 */
final class ProfileFile {

    /** Largest profile file (and standard input list) read: 4 MiB, four times the parser's text limit. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Most items in one direction's list: the parser's default entry limit. */
    static final int MAX_ITEMS = RuleParser.DEFAULT_MAX_ENTRIES;

    private static final String STR = Tag.STR.getValue();
    private static final Resolver RESOLVER = new Resolver();

    /** One list item (or the whole list in string form) and the 1-based file line it starts on. */
    record Item(String text, int line) {}

    /**
     * One direction's exceptions as written: {@code listForm} false for one string (one item), true for a YAML list
     * (one item per entry, possibly none); {@code line} is where the value starts.
     */
    record Source(Direction direction, int line, boolean listForm, List<Item> items) {
        Source {
            items = List.copyOf(items);
        }

        /** {@code ingress} or {@code egress}. */
        String name() {
            return direction.lowerName();
        }
    }

    /** A read profile file: its name as given and the lists it holds (absent = unrestricted). */
    record Profile(String file, Optional<Source> ingress, Optional<Source> egress) {

        /** The lists present, ingress first. */
        List<Source> sources() {
            List<Source> out = new ArrayList<>(2);
            ingress.ifPresent(out::add);
            egress.ifPresent(out::add);
            return out;
        }
    }

    private ProfileFile() {}

    /**
     * Reads and checks the profile file {@code file}.
     *
     * @throws IllegalArgumentException naming the file, the line and the problem
     */
    static Profile read(String file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            bytes = readCapped(in, "profile " + file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": permission denied");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage());
        }
        return parse(file, bytes);
    }

    /**
     * Reads at most {@link #MAX_BYTES} bytes of {@code in}.
     *
     * @throws IllegalArgumentException when there are more, naming {@code what}
     */
    static byte[] readCapped(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(what + " is larger than " + MAX_BYTES + " bytes (4 MiB), the limit");
        }
        return bytes;
    }

    /**
     * Decodes {@code bytes} as UTF-8 (a leading byte order mark is dropped).
     *
     * @throws IllegalArgumentException naming {@code what}, the line and the first byte that is not UTF-8
     */
    static String decodeUtf8(String what, byte[] bytes) {
        int skip = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new IllegalArgumentException(what + " is not UTF-8: line " + line + ", byte " + (at - lineStart + 1)
                    + " of the line (0x" + String.format("%02X", bytes[Math.min(at, bytes.length - 1)] & 0xFF)
                    + ") is not part of a UTF-8 character; save it as UTF-8");
        }
        return out.flip().toString();
    }

    /**
     * Checks the profile text {@code bytes} read from {@code file}.
     *
     * @throws IllegalArgumentException naming the file, the line and the problem
     */
    static Profile parse(String file, byte[] bytes) {
        String text = decodeUtf8("profile " + file, bytes);
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        Reader r = new Reader(file, new ParserImpl(new StreamReader(text), options));
        try {
            return r.profile();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + (e.getContextMark() == null ? "" : " at line " + (e.getContextMark().getLine() + 1)) + ")";
            throw new IllegalArgumentException("profile " + file + where + ": not valid YAML: " + e.getProblem()
                    + context);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("profile " + file + ": not valid YAML: " + e.getMessage());
        }
    }

    /** Walks the parser's events, failing on the first thing that is not plain data. */
    private static final class Reader {
        private final String file;
        private final ParserImpl parser;

        Reader(String file, ParserImpl parser) {
            this.file = file;
            this.parser = parser;
        }

        private IllegalArgumentException fail(Event at, String problem) {
            return new IllegalArgumentException("profile " + file + ":" + line(at) + ": " + problem);
        }

        Profile profile() {
            parser.getEvent(); // stream start
            Event e = parser.getEvent();
            if (e.is(Event.ID.StreamEnd)) {
                throw new IllegalArgumentException("profile " + file + " is empty; expected a map with ingress and/or"
                        + " egress");
            }
            e = parser.getEvent(); // after document start: the root node
            plain(e, "the profile");
            if (!e.is(Event.ID.MappingStart)) {
                throw fail(e, "the profile must be a map with ingress and/or egress, not " + kind(e));
            }
            Source ingress = null;
            Source egress = null;
            while (!(e = parser.getEvent()).is(Event.ID.MappingEnd)) {
                plain(e, "a key");
                if (!(e instanceof ScalarEvent key)) {
                    throw fail(e, "keys must be ingress or egress, not " + kind(e));
                }
                String k = key.getValue();
                Direction d = switch (k) {
                    case "ingress" -> Direction.INGRESS;
                    case "egress" -> Direction.EGRESS;
                    default -> throw fail(e, "unknown key \"" + Text.quote(k) + "\" (expected ingress, egress)"
                            + Text.didYouMean(k, List.of("ingress", "egress")));
                };
                Source previous = d == Direction.INGRESS ? ingress : egress;
                if (previous != null) {
                    throw fail(e, "duplicate key \"" + k + "\" (first at line " + previous.line() + "); give each"
                            + " direction once");
                }
                Source s = source(d, parser.getEvent());
                if (d == Direction.INGRESS) {
                    ingress = s;
                } else {
                    egress = s;
                }
            }
            parser.getEvent(); // document end
            e = parser.getEvent();
            if (!e.is(Event.ID.StreamEnd)) {
                throw fail(e, "several YAML documents (a second one starts here); a profile is one document");
            }
            return new Profile(file, Optional.ofNullable(ingress), Optional.ofNullable(egress));
        }

        private Source source(Direction d, Event e) {
            String name = d.lowerName();
            plain(e, name);
            if (e instanceof ScalarEvent s) {
                String problem = notAString(s);
                if (problem != null) {
                    throw fail(e, name + " is " + problem + (problem.startsWith("empty") ? "; write " + name
                            + ": \"\" or " + name + ": [] to block all " + name + ", or remove the key to leave it"
                            + " unrestricted" : ""));
                }
                return new Source(d, line(e), false, List.of(new Item(s.getValue(), line(e))));
            }
            if (!e.is(Event.ID.SequenceStart)) {
                throw fail(e, name + " must be an exception list (a string or a list of strings), not " + kind(e));
            }
            List<Item> items = new ArrayList<>();
            Event item;
            while (!(item = parser.getEvent()).is(Event.ID.SequenceEnd)) {
                String entry = name + " entry " + (items.size() + 1);
                if (items.size() == MAX_ITEMS) {
                    throw fail(item, name + " has more than " + MAX_ITEMS + " entries, the limit");
                }
                plain(item, entry);
                if (!(item instanceof ScalarEvent s)) {
                    throw fail(item, entry + " is " + kind(item) + ", not a string; write one exception per item");
                }
                String problem = notAString(s);
                if (problem != null) {
                    throw fail(item, entry + " is " + problem);
                }
                items.add(new Item(s.getValue(), line(item)));
            }
            return new Source(d, line(e), true, items);
        }

        /** Refuses aliases, anchors and tags on {@code what}. */
        private void plain(Event e, String what) {
            if (e instanceof AliasEvent a) {
                throw fail(e, what + " is an alias (*" + Text.quote(a.getAnchor()) + "); anchors and aliases are not"
                        + " allowed in a profile, write the exceptions out");
            }
            if (e instanceof NodeEvent n && n.getAnchor() != null) {
                throw fail(e, what + " has an anchor (&" + Text.quote(n.getAnchor()) + "); anchors and aliases are"
                        + " not allowed in a profile");
            }
            String tag = e instanceof ScalarEvent s ? s.getTag()
                    : e instanceof CollectionStartEvent c ? c.getTag() : null;
            if (tag != null && !tag.equals("!") && !tag.equals(STR)) {
                throw fail(e, what + " has the tag " + Text.quote(tag) + "; tags other than !!str are not allowed");
            }
        }

        /** Null when {@code s} is a string; otherwise what YAML reads it as, and how to write it as a string. */
        private static String notAString(ScalarEvent s) {
            if (!s.isPlain() || s.getTag() != null) {
                return null; // quoted, block or !!str / ! tagged: a string
            }
            Tag t = RESOLVER.resolve(NodeId.scalar, s.getValue(), true);
            if (t.equals(Tag.STR)) {
                return null;
            }
            String v = "\"" + Text.quote(s.getValue()) + "\"";
            if (t.equals(Tag.NULL)) {
                return "empty (null)" + (s.getValue().isEmpty() ? "" : ": " + v);
            }
            String type = t.equals(Tag.BOOL) ? "a boolean" : t.equals(Tag.INT) ? "an integer"
                    : t.equals(Tag.FLOAT) ? "a number" : t.equals(Tag.TIMESTAMP) ? "a timestamp"
                    : "not a string (" + t.getValue() + ")";
            return type + " (" + Text.quote(s.getValue()) + "), not a string; quote it (" + v
                    + ") if you mean the text";
        }

        private static String kind(Event e) {
            return switch (e.getEventId()) {
                case MappingStart -> "a map";
                case SequenceStart -> "a list";
                case Scalar -> "a single value";
                default -> "empty";
            };
        }

        private static int line(Event e) {
            return e.getStartMark() == null ? 1 : e.getStartMark().getLine() + 1;
        }
    }

    /** Quoting and suggestions for messages. */
    static final class Text {
        private Text() {}

        /**
         * {@code s} as diagnostics show offending text, without the surrounding quotes: core's
         * {@link KubernetesNames#quote(CharSequence)} (cut after 64 characters, {@code "} and backslash escaped,
         * anything outside printable ASCII as a Java-style escape).
         */
        static String quote(String s) {
            String q = KubernetesNames.quote(s);
            return q.substring(1, q.length() - 1);
        }

        /**
         * {@code "; did you mean \"x\"?"} for the known word closest to {@code word} (fabric8's {@link Hints#nearest}),
         * or "" when none is close: at most {@code max(2, length of the suggestion / 3)} edits.
         */
        static String didYouMean(String word, List<String> known) {
            return Hints.nearest(word, known).filter(n -> n.distance() <= Math.max(2, n.word().length() / 3))
                    .map(n -> "; did you mean \"" + n.word() + "\"?").orElse("");
        }
    }
}
