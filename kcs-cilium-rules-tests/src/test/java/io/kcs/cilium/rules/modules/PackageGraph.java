package io.kcs.cilium.rules.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package graph we allow (the arrows of the design's {@code architecture.md}, "may import"), and a checker that
 * reads main source files and reports every reference that is not an allowed arrow.
 *
 * <p>What it reads: {@code import} and {@code import static} declarations and fully qualified references to our
 * packages in code ({@code io.kcs.cilium.rules.eval.Verdict v}), after blanking comments, string, character and
 * text-block literals, so that Javadoc links and examples are not dependencies. What it does not read: class files
 * (a reference through reflection or through a type's simple name in the same package is not an arrow anyway), nor
 * the test sources (the tests module may import everything).
 *
 * <p>Extending it: a new package needs one {@link Row} in {@link #TABLE} (its module and the packages it may
 * import); a new arrow is one more name in a row, and its reason belongs in the commit message. The checker
 * refuses packages that are not in the table, so a new package cannot slip in without a row.
 *
 * <pre>{@code
 * List<String> problems = PackageGraph.violations(PackageGraph.read(repositoryRoot));
 * }</pre>
 *
 * <p>Immutable tables and stateless static methods; thread-safe.
 */
final class PackageGraph {

    /** Our root package; short names in the table are relative to it ({@code "rules"} is the root itself). */
    static final String ROOT = "io.kcs.cilium.rules";

    static final String CORE = "kcs-cilium-rules-core";
    static final String FABRIC8 = "kcs-cilium-rules-fabric8";
    static final String CLI = "kcs-cilium-rules-cli";
    /** The modules whose main sources are checked, in reactor order. */
    static final List<String> MODULES = List.of(CORE, FABRIC8, CLI);

    /**
     * One package: the module it lives in, the packages of ours it may import (short names), and why the row is as it
     * is when the design document does not say it.
     */
    record Row(String module, String pkg, Set<String> mayImport, String note) {
        Row {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(pkg, "pkg");
            mayImport = Collections.unmodifiableSet(new TreeSet<>(mayImport));
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * An arrow allowed for a few types only (and, when {@code files} is not empty, only from those source files).
     * {@code backEdge} marks the one arrow that closes a cycle on purpose.
     */
    record NarrowEdge(String from, String to, Set<String> types, Set<String> files, boolean backEdge, String why) {
        NarrowEdge {
            types = Set.copyOf(types);
            files = Set.copyOf(files);
        }
    }

    /** The core packages fabric8 and the CLI may use: every core row except {@code internal} (not exported). */
    private static final String[] CORE_API = {"rules", "common", "net", "fqdn", "agent", "parse", "eval", "events",
        "policy", "analysis", "hubble"};

    /** The allowed graph, by short package name. */
    static final Map<String, Row> TABLE = table(
            // kcs-cilium-rules-core (architecture.md)
            row(CORE, "common", "imports nothing of ours (Diagnostic, Severity, TextSpan, Direction)"),
            row(CORE, "agent", "imports nothing of ours"),
            row(CORE, "internal", "helpers shared by several packages; imports nothing of ours, never exported"),
            row(CORE, "net", "a leaf value package", "internal"),
            row(CORE, "fqdn", "a leaf value package", "net", "internal"),
            row(CORE, "rules", "the model; + the tolerated back edge to parse (NARROW)",
                    "net", "fqdn", "common", "internal", "parse"),
            row(CORE, "parse", "text -> rules", "rules", "net", "fqdn", "common", "internal"),
            row(CORE, "eval", "architecture.md's eval -> parse (Diagnostic) is gone: Diagnostic lives in common",
                    "rules", "net", "fqdn", "agent", "common", "internal"),
            row(CORE, "events", "never eval: aggregation consumes evaluation results (Direction lives in common)",
                    "net", "agent", "common"),
            // new core packages (not yet drawn in architecture.md)
            row(CORE, "policy", "NEW: Cilium's policy model and the offline engine; of the rules package only Entity"
                    + " (NARROW); the engine reads peers, agent options and shares eval's peer selection",
                    "net", "fqdn", "common", "internal", "rules", "eval", "agent"),
            row(CORE, "analysis", "NEW: containment, lattice and diff of rules and profiles; a consumer at the top"
                    + " of the flow beside eval, which it reads (profiles, applicability); nothing in core imports it",
                    "rules", "net", "fqdn", "agent", "common", "internal", "eval"),
            row(CORE, "hubble", "NEW: Hubble flows read into events and evaluation inputs, and profiles (rules)"
                    + " learned from them; a consumer at the top of the flow; nothing in core imports it",
                    "rules", "net", "fqdn", "agent", "common", "internal", "eval", "events"),
            // kcs-cilium-rules-fabric8
            row(FABRIC8, "fabric8.v2", "typed CRD models: fabric8 and Jackson annotations only"),
            row(FABRIC8, "fabric8", "the mapper and YAML/JSON helpers: -> core API, fabric8.v2",
                    concat(CORE_API, "fabric8.v2")),
            row(FABRIC8, "fabric8.admission", "NEW: the admission handler over fabric8's AdmissionReview: -> core"
                    + " API, the reader (fabric8), fabric8.v2; nothing in the library imports it",
                    concat(CORE_API, "fabric8", "fabric8.v2")),
            // kcs-cilium-rules-cli
            row(CLI, "cli", "picocli commands: -> core API, fabric8, the admission handler (webhook)",
                    concat(CORE_API, "fabric8", "fabric8.v2", "fabric8.admission")));

    /** Arrows allowed for some types only. */
    static final List<NarrowEdge> NARROW = List.of(
            new NarrowEdge("rules", "parse", Set.of("RuleParser", "RuleSyntaxException"), Set.of("RuleSet.java"),
                    true, "the tolerated back edge: RuleSet.parse(text) delegates to RuleParser.strict()"),
            new NarrowEdge("policy", "rules", Set.of("Entity"), Set.of(), false,
                    "the policy model shares Cilium's entity names, not the exception-list rules"));

    /**
     * External (non-our) packages a module may use, by prefix; a module not listed here is not restricted. The core
     * module: the JDK and Guava only (architecture.md: never fabric8, Jackson, picocli or any Kubernetes type).
     */
    static final Map<String, List<String>> EXTERNAL =
            Map.of(CORE, List.of("java.", "com.google.common.", "com.fasterxml.jackson.core.", "com.google.re2j."));

    /**
     * jackson-core's streaming parser: allowed in the core for package {@code hubble} only (reading Hubble flow JSON
     * lines), never in an API signature; no other Jackson module (databind, YAML) in the core.
     */
    static final String JACKSON_CORE = "com.fasterxml.jackson.core.";

    /** The only core package that may use {@link #JACKSON_CORE}. */
    static final String JACKSON_CORE_USER = "hubble";

    /** RE2/J (Go's regex semantics for Cilium's HTTP rules): in the core for package {@code policy} only. */
    static final String RE2J = "com.google.re2j.";

    /** The only core package that may use {@link #RE2J}. */
    static final String RE2J_USER = "policy";

    /** Module names the core's {@code module-info.java} may require (besides {@code java.*}). */
    static final Set<String> CORE_REQUIRES = Set.of("com.google.common", "com.fasterxml.jackson.core", "re2j");

    private PackageGraph() {}

    private static Row row(String module, String pkg, String note, String... mayImport) {
        return new Row(module, pkg, Set.of(mayImport), note);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Map<String, Row> table(Row... rows) {
        Map<String, Row> t = new LinkedHashMap<>();
        for (Row r : rows) {
            if (t.put(r.pkg(), r) != null) {
                throw new IllegalStateException("two rows for " + r.pkg());
            }
        }
        return Collections.unmodifiableMap(t);
    }

    static Optional<NarrowEdge> narrow(String from, String to) {
        return NARROW.stream().filter(e -> e.from().equals(from) && e.to().equals(to)).findFirst();
    }

    // ------------------------------------------------------------------------------------------------ sources

    /** One main source file: its module, its path relative to the repository root, and its text. */
    record SourceFile(String module, String path, String text) {
        String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** A reference from a source file to a qualified name (an import or a fully qualified name in code). */
    record Reference(SourceFile file, int line, String name, String pkg, String type) {
        String where() {
            return file.path() + ":" + line;
        }
    }

    /** The repository root: the first directory upwards from the working directory holding the core module. */
    static Optional<Path> repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(CORE).resolve("src/main/java"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Every {@code .java} file under {@code <module>/src/main/java} of the checked modules, sorted by path. */
    static List<SourceFile> read(Path root) {
        List<SourceFile> out = new ArrayList<>();
        for (String module : MODULES) {
            Path dir = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java")).sorted()::iterator) {
                    out.add(new SourceFile(module, root.relativize(f).toString().replace('\\', '/'),
                            Files.readString(f, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ lexing

    /**
     * The text with comments and the contents of string, character and text-block literals replaced by spaces (line
     * breaks kept, so offsets and line numbers stay valid).
     */
    static String codeOnly(String src) {
        int n = src.length();
        StringBuilder b = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = literalEnd(src, i + 3, "\"\"\"", false);
            } else if (c == '"' || c == '\'') {
                end = literalEnd(src, i + 1, String.valueOf(c), true);
            } else {
                b.append(c);
                i++;
                continue;
            }
            for (int j = i; j < end; j++) {
                b.append(src.charAt(j) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return b.toString();
    }

    /** The end (exclusive) of a literal whose body starts at {@code from} and ends with {@code close}. */
    private static int literalEnd(String src, int from, String close, boolean endsAtLineBreak) {
        int j = from;
        while (j < src.length()) {
            char c = src.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (src.startsWith(close, j)) {
                return j + close.length();
            } else if (endsAtLineBreak && c == '\n') {
                return j;
            } else {
                j++;
            }
        }
        return src.length();
    }

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.\\s]+?)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(static\\s+)?([\\w.\\s*]+?)\\s*;");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])io\\s*\\.\\s*kcs\\s*\\.\\s*cilium\\s*\\.\\s*"
            + "rules(?:\\s*\\.\\s*(?:[A-Za-z_$][\\w$]*|\\*))*");
    private static final Pattern REQUIRES = Pattern.compile("\\brequires\\s+(?:(?:transitive|static)\\s+)*([\\w.]+)\\s*;");

    /** The package a file declares, if any. */
    static Optional<String> packageOf(SourceFile f) {
        Matcher m = PACKAGE.matcher(codeOnly(f.text()));
        return m.find() ? Optional.of(m.group(1).replaceAll("\\s", "")) : Optional.empty();
    }

    /** The imports and the fully qualified references to our packages in code, in source order. */
    static List<Reference> references(SourceFile f) {
        String code = codeOnly(f.text());
        List<Reference> out = new ArrayList<>();
        StringBuilder rest = new StringBuilder(code);
        Matcher p = PACKAGE.matcher(code);
        if (p.find()) {
            blank(rest, p.start(), p.end());
        }
        Matcher m = IMPORT.matcher(code);
        while (m.find()) {
            out.add(reference(f, code, m.start(), m.group(2), m.group(1) != null));
            blank(rest, m.start(), m.end());
        }
        Matcher q = QUALIFIED.matcher(rest);
        while (q.find()) {
            out.add(reference(f, code, q.start(), q.group(), false));
        }
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    private static void blank(StringBuilder b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b.charAt(i) != '\n') {
                b.setCharAt(i, ' ');
            }
        }
    }

    /**
     * Splits a qualified name at its first segment that starts with an upper-case letter (Java naming): the package
     * before it, the top-level type at it ({@code "*"} for an on-demand import of a package).
     */
    private static Reference reference(SourceFile f, String code, int offset, String raw, boolean isStatic) {
        String name = raw.replaceAll("\\s", "");
        String[] parts = name.split("\\.");
        int i = 0;
        while (i < parts.length && !parts[i].equals("*")
                && (parts[i].isEmpty() || !Character.isUpperCase(parts[i].charAt(0)))) {
            i++;
        }
        String pkg = String.join(".", List.of(parts).subList(0, i));
        String type = i < parts.length ? parts[i] : "";
        int line = 1;
        for (int j = 0; j < offset; j++) {
            if (code.charAt(j) == '\n') {
                line++;
            }
        }
        return new Reference(f, line, name, pkg, type);
    }

    /** The short name of one of our packages ({@code "rules"} for the root), empty for an external package. */
    static Optional<String> shortName(String pkg) {
        if (pkg.equals(ROOT)) {
            return Optional.of("rules");
        }
        return pkg.startsWith(ROOT + ".") ? Optional.of(pkg.substring(ROOT.length() + 1)) : Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ checking

    /** Every reference from a package of ours to another package of ours, grouped as {@code from -> to -> refs}. */
    static Map<String, Map<String, List<Reference>>> edges(List<SourceFile> files) {
        Map<String, Map<String, List<Reference>>> out = new TreeMap<>();
        for (SourceFile f : files) {
            Optional<String> from = packageOf(f).flatMap(PackageGraph::shortName);
            if (from.isEmpty()) {
                continue;
            }
            for (Reference r : references(f)) {
                Optional<String> to = shortName(r.pkg());
                if (to.isPresent() && !to.get().equals(from.get())) {
                    out.computeIfAbsent(from.get(), k -> new TreeMap<>())
                            .computeIfAbsent(to.get(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    /** Every way {@code files} break the table, one precise message each; empty when the graph is as allowed. */
    static List<String> violations(List<SourceFile> files) {
        Set<String> out = new LinkedHashSet<>();
        for (SourceFile f : files) {
            if (f.fileName().equals("module-info.java")) {
                out.addAll(moduleInfoViolations(f));
                continue;
            }
            Optional<String> declared = packageOf(f);
            if (declared.isEmpty()) {
                out.add(f.path() + ": no package declaration; every main source file of " + f.module()
                        + " belongs to a package of " + ROOT);
                continue;
            }
            Optional<String> from = shortName(declared.get());
            Row row = from.map(TABLE::get).orElse(null);
            if (row == null) {
                out.add("package " + declared.get() + " (first seen in " + f.path() + ") is not in the package table;"
                        + " add a row to PackageGraph.TABLE with its module and the packages of ours it may import"
                        + " (following architecture.md), and say why in the commit message");
                continue;
            }
            if (!row.module().equals(f.module())) {
                out.add(f.path() + ": package " + declared.get() + " belongs to " + row.module()
                        + " in PackageGraph.TABLE, but this file is in " + f.module()
                        + " (a package split over modules breaks the module path)");
            }
            for (Reference r : references(f)) {
                check(f, row, r).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    private static Optional<String> check(SourceFile f, Row row, Reference r) {
        Optional<String> to = shortName(r.pkg());
        if (to.isEmpty()) {
            List<String> allowed = EXTERNAL.get(f.module());
            if (f.module().equals(CORE) && r.name().startsWith(JACKSON_CORE) && !row.pkg().equals(JACKSON_CORE_USER)) {
                return Optional.of(r.where() + ": " + row.pkg() + " uses " + r.name() + "; in the core only package "
                        + JACKSON_CORE_USER + " may use jackson-core (to read Hubble flow JSON), never in the API");
            }
            if (f.module().equals(CORE) && r.name().startsWith(RE2J) && !row.pkg().equals(RE2J_USER)) {
                return Optional.of(r.where() + ": " + row.pkg() + " uses " + r.name() + "; in the core only package "
                        + RE2J_USER + " may use RE2/J (Cilium's HTTP rule regexes), never in the API");
            }
            if (allowed == null || allowed.stream().anyMatch(r.name()::startsWith)) {
                return Optional.empty();
            }
            return Optional.of(r.where() + ": " + row.pkg() + " uses " + r.name() + "; " + f.module()
                    + " may use only packages starting with " + allowed + " (architecture.md: the core never uses"
                    + " fabric8, Jackson, picocli or Kubernetes types)");
        }
        String target = to.get();
        if (target.equals(row.pkg())) {
            return Optional.empty();
        }
        if (!TABLE.containsKey(target)) {
            return Optional.of(r.where() + ": " + row.pkg() + " uses " + r.name() + " of package " + r.pkg()
                    + ", which is not in the package table; add a row to PackageGraph.TABLE");
        }
        if (!row.mayImport().contains(target)) {
            return Optional.of(r.where() + ": " + row.pkg() + " must not use " + r.name() + " (package " + target
                    + "); " + row.pkg() + " may import only " + row.mayImport() + " (" + row.note() + "). If this"
                    + " arrow is really needed, add it to PackageGraph.TABLE and say why in the commit message");
        }
        Optional<NarrowEdge> narrow = narrow(row.pkg(), target);
        if (narrow.isPresent()) {
            NarrowEdge e = narrow.get();
            boolean typeOk = e.types().contains(r.type());
            boolean fileOk = e.files().isEmpty() || e.files().contains(f.fileName());
            if (!typeOk || !fileOk) {
                return Optional.of(r.where() + ": " + row.pkg() + " may use only " + new TreeSet<>(e.types())
                        + " of " + target + (e.files().isEmpty() ? "" : " and only in " + new TreeSet<>(e.files()))
                        + " (" + e.why() + "), not " + r.name());
            }
        }
        return Optional.empty();
    }

    private static List<String> moduleInfoViolations(SourceFile f) {
        if (!f.module().equals(CORE)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String code = codeOnly(f.text());
        Matcher m = REQUIRES.matcher(code);
        while (m.find()) {
            String module = m.group(1);
            if (!module.startsWith("java.") && !CORE_REQUIRES.contains(module)) {
                out.add(f.path() + ": the core module requires " + module + "; it may require only the JDK and "
                        + CORE_REQUIRES + " (architecture.md: the core never uses fabric8, Jackson, picocli or"
                        + " Kubernetes types)");
            }
        }
        return out;
    }

    /**
     * A cycle in the table's arrows without the tolerated back edges, as {@code a -> b -> ... -> a}; empty when the
     * allowed graph is acyclic.
     */
    static Optional<String> cycle(Map<String, Row> table, List<NarrowEdge> narrow) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the path, 2 done
        for (String start : new TreeSet<>(table.keySet())) {
            List<String> path = new ArrayList<>();
            Optional<String> c = visit(start, table, narrow, state, path);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> visit(String p, Map<String, Row> table, List<NarrowEdge> narrow,
            Map<String, Integer> state, List<String> path) {
        Integer s = state.get(p);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        if (s != null) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
            loop.add(p);
            return Optional.of(String.join(" -> ", loop));
        }
        state.put(p, 1);
        path.add(p);
        Row row = table.get(p);
        if (row != null) {
            for (String q : row.mayImport()) {
                boolean tolerated = narrow.stream()
                        .anyMatch(e -> e.backEdge() && e.from().equals(p) && e.to().equals(q));
                if (!tolerated) {
                    Optional<String> c = visit(q, table, narrow, state, path);
                    if (c.isPresent()) {
                        return c;
                    }
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
        return Optional.empty();
    }
}
