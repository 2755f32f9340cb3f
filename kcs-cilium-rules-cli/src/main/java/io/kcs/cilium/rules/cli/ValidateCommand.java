package io.kcs.cilium.rules.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE...}: judges CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy documents as the Cilium
 * agent would, before {@code kubectl apply}. Files hold any number of YAML (or JSON) documents; {@code -} reads
 * standard input. Every document is read with {@link PolicyDocuments} (strict YAML), all policies together with
 * {@link CiliumPolicyReader#read(List)} (so cross-policy lints see every file), and each diagnostic is printed at
 * the line of the field it names: {@code file:line: severity: code: path: message}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy YAML as the Cilium agent would"
                + " (its Sanitize and ParseToCiliumRule checks, plus lints), before kubectl apply.",
        footer = {"", "Examples:",
            "  kcs-cilium-rules validate policies/*.yaml",
            "  kubectl get cnp -A -o yaml | kcs-cilium-rules validate -",
            "  kcs-cilium-rules validate --cilium-version 1.17 \\",
            "      --agent-option enable-l7-proxy=false web.yaml",
            "", "Output: file:line: severity: code: path: message, one line per diagnostic, then a summary;"
                    + " path is <namespace>/<name>:<JSON path> (a CCNP: <name>:<JSON path>).",
            "", "Exit codes: 0 every policy valid (warnings allowed), 1 errors, 2 bad usage or unreadable file,"
                    + " 3 internal error."})
final class ValidateCommand implements Callable<Integer> {

    /** The file name diagnostics of standard input carry. */
    static final String STDIN = "<stdin>";

    /** Code: a document with the same kind, namespace and name as an earlier one (kubectl keeps the last). */
    static final String DUPLICATE_POLICY = "duplicate-policy";
    /** Code: a file that is not UTF-8. */
    static final String NOT_UTF8 = "not-utf8";
    /** Code: more documents than {@link PolicyDocuments#MAX_DOCUMENTS}. */
    static final String TOO_MANY_DOCUMENTS = "too-many-documents";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "YAML or JSON files with one or more documents"
            + " (--- between them; a List's items count one by one); - reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--cilium-version", defaultValue = MappingOptions.NEWEST_CILIUM_VERSION, paramLabel = "1.N",
            description = "The Cilium version whose rules apply, e.g. 1.16 (default ${DEFAULT-VALUE}).")
    String ciliumVersion;

    @Option(names = "--agent-option", paramLabel = "KEY=VALUE", description = "A cilium-config option the checks"
            + " depend on (repeatable), e.g. enable-l7-proxy=false.")
    List<String> agentOptions = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default): compiler-style lines and a summary; json: one object per diagnostic.")
    Format format;

    /** A document with its diagnostics, in output order. */
    private static final class Report {
        final PolicyDocuments.Document document;
        final List<PolicyDocuments.Problem> problems = new ArrayList<>();
        final List<PolicyDiagnostic> diagnostics = new ArrayList<>();
        /** The place among the objects read together, -1 when the document gave none. */
        int objectIndex = -1;

        Report(PolicyDocuments.Document document) {
            this.document = document;
            problems.addAll(document.problems());
        }

        /** The policy part of the reader's paths, or the document's name when it has no object. */
        String id() {
            return document.object().map(o -> policyId(o, objectIndex)).orElse(document.id());
        }

        boolean isPolicy() {
            return document.object().filter(o -> o instanceof CiliumNetworkPolicy
                    || o instanceof CiliumClusterwideNetworkPolicy).isPresent();
        }

        boolean valid() {
            return isPolicy() && problems.stream().noneMatch(p -> severity(p) == Severity.ERROR)
                    && diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR);
        }
    }

    /** Problems found before the reader are errors, except a duplicate policy (a warning). */
    static Severity severity(PolicyDocuments.Problem p) {
        return p.code().equals(DUPLICATE_POLICY) ? Severity.WARNING : Severity.ERROR;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (files.isEmpty()) {
            throw Main.usage(spec, "give at least one FILE, or - to read standard input");
        }
        if (files.stream().filter("-"::equals).count() > 1) {
            throw Main.usage(spec, "- (standard input) can be given only once");
        }
        MappingOptions options = mappingOptions();
        List<Report> reports = new ArrayList<>();
        int documents = 0;
        for (String file : files) {
            String name = file.equals("-") ? STDIN : file;
            byte[] bytes = read(file);
            String text;
            try {
                text = ProfileFile.decodeUtf8(name, bytes);
            } catch (IllegalArgumentException e) {
                java.util.regex.Matcher at = java.util.regex.Pattern.compile("line ([0-9]{1,9}),")
                        .matcher(e.getMessage());
                reports.add(fileProblem(name, at.find() ? Integer.parseInt(at.group(1)) : 1, NOT_UTF8,
                        e.getMessage()));
                continue;
            }
            for (PolicyDocuments.Document d : PolicyDocuments.parse(name, text)) {
                if (++documents > PolicyDocuments.MAX_DOCUMENTS) {
                    reports.add(new Report(new PolicyDocuments.Document(name, d.index(), d.item(), d.line(),
                            java.util.Optional.empty(), List.of(new PolicyDocuments.Problem(d.line(),
                            TOO_MANY_DOCUMENTS, "", "more than " + PolicyDocuments.MAX_DOCUMENTS + " documents in"
                            + " one run, the limit; the rest is not read; validate the files in smaller groups")),
                            Map.of())));
                    break;
                }
                reports.add(new Report(d));
            }
            if (documents > PolicyDocuments.MAX_DOCUMENTS) {
                break;
            }
        }
        int objects = 0;
        for (Report r : reports) {
            if (r.document.object().isPresent()) {
                r.objectIndex = objects++;
            }
        }
        duplicates(reports);
        judge(CiliumPolicyReader.create(options), reports);
        return print(out, reports);
    }

    private MappingOptions mappingOptions() {
        Map<String, String> parsed;
        try {
            parsed = AgentOptions.parse(agentOptions);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        CiliumAgentConfig agent;
        try {
            agent = CiliumAgentConfig.fromOptions(parsed);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, "--agent-option: " + e.getMessage());
        }
        try {
            return MappingOptions.defaults().withCiliumVersion(ciliumVersion).withAgentConfig(agent);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, "--cilium-version: " + e.getMessage());
        }
    }

    /** The bytes of {@code file} ({@code -}: standard input), at most {@link PolicyDocuments#MAX_BYTES}. */
    private byte[] read(String file) {
        String what = file.equals("-") ? "standard input" : file;
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readNBytes(PolicyDocuments.MAX_BYTES + 1);
            if (bytes.length > PolicyDocuments.MAX_BYTES) {
                throw Main.usage(spec, what + " is larger than " + PolicyDocuments.MAX_BYTES / (1024 * 1024)
                        + " MiB, the limit");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw Main.usage(spec, "cannot read " + what + ": no such file");
        } catch (AccessDeniedException e) {
            throw Main.usage(spec, "cannot read " + what + ": permission denied");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw Main.usage(spec, "cannot read " + what + ": " + e.getMessage());
        }
    }

    private static Report fileProblem(String file, int line, String code, String message) {
        return new Report(new PolicyDocuments.Document(file, 1, -1, line, java.util.Optional.empty(),
                List.of(new PolicyDocuments.Problem(line, code, "", message)), Map.of()));
    }

    /**
     * The policy part of the reader's paths: {@code <namespace>/<name>} for a CiliumNetworkPolicy with a namespace,
     * {@code <name>} otherwise, {@code #<index>} for a missing name (as {@link CiliumPolicyReader#read(List)} writes
     * it; {@code index} is the object's 0-based place in the list read).
     */
    static String policyId(HasMetadata o, int index) {
        ObjectMeta m = o.getMetadata();
        String name = m == null || m.getName() == null || m.getName().isEmpty() ? "#" + index : m.getName();
        String ns = o instanceof CiliumNetworkPolicy && m != null && m.getNamespace() != null
                && !m.getNamespace().isEmpty() ? m.getNamespace() + "/" : "";
        return ns + name;
    }

    /** Warns about a second document with the kind, namespace and name of an earlier one. */
    private static void duplicates(List<Report> reports) {
        Map<String, Report> seen = new HashMap<>();
        for (Report r : reports) {
            if (!r.isPolicy()) {
                continue;
            }
            HasMetadata o = r.document.object().orElseThrow();
            String key = o.getKind() + " " + r.id();
            Report first = r.id().startsWith("#") ? null : seen.putIfAbsent(key, r);
            if (first != null) {
                r.problems.add(new PolicyDocuments.Problem(r.document.line(), DUPLICATE_POLICY, "",
                        "the same " + o.getKind() + " " + r.id() + " as " + first.document.name() + " ("
                        + first.document.file() + ":" + first.document.line() + "); kubectl apply keeps only the"
                        + " last one, so the first never takes effect; rename one or remove it"));
            }
        }
    }

    /**
     * Reads every object together (cross-policy lints) and gives each diagnostic to its document: the reader
     * prefixes paths with {@code <namespace>/<name>:}; when several documents share that prefix, a diagnostic goes
     * to the one whose own reading has it.
     */
    private static void judge(CiliumPolicyReader reader, List<Report> reports) {
        List<HasMetadata> objects = new ArrayList<>();
        Map<String, List<Report>> byId = new LinkedHashMap<>();
        for (Report r : reports) {
            r.document.object().ifPresent(o -> {
                objects.add(o);
                byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
            });
        }
        if (objects.isEmpty()) {
            return;
        }
        PolicyReadResult all = reader.read(objects);
        Map<Report, List<PolicyDiagnostic>> own = new HashMap<>();
        for (PolicyDiagnostic d : all.diagnostics()) {
            int colon = d.path().indexOf(':');
            String id = colon < 0 ? "" : d.path().substring(0, colon);
            List<Report> candidates = byId.getOrDefault(id, List.of());
            Report target;
            if (candidates.size() == 1) {
                target = candidates.get(0);
            } else if (candidates.isEmpty()) {
                target = reports.stream().filter(r -> r.document.object().isPresent()).findFirst().orElseThrow();
            } else {
                String local = d.path().substring(colon + 1);
                target = candidates.stream().filter(r -> own.computeIfAbsent(r, x -> reader.read(
                        x.document.object().orElseThrow()).diagnostics()).stream().anyMatch(
                        o -> o.code().equals(d.code()) && o.path().equals(local))).findFirst()
                        .orElse(candidates.get(0));
            }
            target.diagnostics.add(d);
        }
    }

    private int print(PrintWriter out, List<Report> reports) {
        int errors = 0;
        int warnings = 0;
        int valid = 0;
        for (Report r : reports) {
            PolicyDocuments.Document doc = r.document;
            String id = r.id();
            for (PolicyDocuments.Problem p : r.problems) {
                Severity s = severity(p);
                line(out, doc.file(), p.line(), doc, s, p.code(), p.path().isEmpty() ? id : id + ":" + p.path(),
                        p.message());
                errors += s == Severity.ERROR ? 1 : 0;
                warnings += s == Severity.WARNING ? 1 : 0;
            }
            for (PolicyDiagnostic d : r.diagnostics) {
                int colon = d.path().indexOf(':');
                String local = colon < 0 ? d.path() : d.path().substring(colon + 1);
                line(out, doc.file(), doc.lineOf(local), doc, d.severity(), d.code(), d.path(), d.message());
                errors += d.severity() == Severity.ERROR ? 1 : 0;
                warnings += d.severity() == Severity.WARNING ? 1 : 0;
            }
            valid += r.valid() ? 1 : 0;
        }
        if (format == Format.TEXT) {
            out.println(reports.size() + (reports.size() == 1 ? " document: " : " documents: ") + valid + " valid, "
                    + (reports.size() - valid) + " not; " + errors + (errors == 1 ? " error, " : " errors, ")
                    + warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        out.flush();
        return errors > 0 ? Main.INPUT_ERROR : 0;
    }

    private void line(PrintWriter out, String file, int line, PolicyDocuments.Document doc, Severity severity,
            String code, String path, String message) {
        if (format == Format.TEXT) {
            out.println(file + ":" + line + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + code + ": "
                    + path + ": " + message);
        } else {
            out.println("{\"file\":\"" + Diagnostics.escape(file) + "\",\"line\":" + line + ",\"document\":"
                    + doc.index() + (doc.item() >= 0 ? ",\"item\":" + (doc.item() + 1) : "") + ",\"severity\":\""
                    + severity + "\",\"code\":\"" + Diagnostics.escape(code) + "\",\"path\":\""
                    + Diagnostics.escape(path) + "\",\"message\":\"" + Diagnostics.escape(message) + "\"}");
        }
    }
}
