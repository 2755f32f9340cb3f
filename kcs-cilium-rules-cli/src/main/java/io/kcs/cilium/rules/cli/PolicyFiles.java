package io.kcs.cilium.rules.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.YamlDocuments;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy YAML files as the {@code trace} and {@code connectivity} commands read them, through the same strict reader
 * as {@code validate} ({@link PolicyDocuments}, fabric8's {@link YamlDocuments}): multi-document YAML, Lists by their
 * items, anchors, aliases, duplicate keys and tags refused with their line, {@code -} for standard input.
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy documents are read by the strict
 * {@link CiliumPolicyReader} (a policy with an error is refused whole, as the agent refuses it); other documents are
 * returned as {@link Other}s for callers that want them (workload manifests), or skipped. A document that is not
 * readable YAML (or not an object) is an error whatever its kind.
 *
 * <p>Diagnostics are printed compiler-style, one a line: {@code FILE:DOC: error|warning: CODE at PATH (line N):
 * message} (DOC is the 1-based document number in the file, N the line of PATH). Not thread-safe (one command run).
 */
final class PolicyFiles {

    /** At most this many bytes per file (bounded input): {@link PolicyDocuments#MAX_BYTES}. */
    static final long MAX_FILE_BYTES = PolicyDocuments.MAX_BYTES;

    /** A document of another kind than a policy (or with problems before its kind is known), with its file. */
    record Other(String file, YamlDocuments.Document document) {
        String where() {
            return file + ":" + document.index();
        }
    }

    /** What was read: the engine's rules, the other documents and whether any document had an error. */
    record Read(List<PolicyRule> rules, List<Other> others, boolean errors) {
    }

    private PolicyFiles() {}

    /**
     * Reads the files ({@code -}: standard input); prints every diagnostic to {@code err}.
     *
     * @throws IllegalArgumentException for a file too large (a usage error)
     * @throws IOException when a file cannot be read
     */
    static Read read(List<Path> files, MappingOptions options, PrintWriter err) throws IOException {
        CiliumPolicyReader reader = CiliumPolicyReader.create(options);
        List<PolicyRule> rules = new ArrayList<>();
        List<Other> others = new ArrayList<>();
        boolean errors = false;
        int documents = 0;
        for (Path file : files) {
            boolean stdin = file.toString().equals("-");
            String name = stdin ? ValidateCommand.STDIN : file.toString();
            byte[] bytes;
            try (InputStream in = stdin ? System.in : Files.newInputStream(file)) {
                bytes = in.readNBytes(PolicyDocuments.MAX_BYTES + 1);
            }
            if (bytes.length > PolicyDocuments.MAX_BYTES) {
                throw new IllegalArgumentException(name + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            String text;
            try {
                text = ProfileFile.decodeUtf8(name, bytes);
            } catch (IllegalArgumentException e) {
                err.println(name + ":1: error: " + ValidateCommand.NOT_UTF8 + " at <file>: " + e.getMessage());
                errors = true;
                continue;
            }
            for (YamlDocuments.Document d : YamlDocuments.read(text)) {
                if (++documents > PolicyDocuments.MAX_DOCUMENTS) {
                    err.println(name + ":" + d.index() + ": error: " + ValidateCommand.TOO_MANY_DOCUMENTS
                            + " at <document>: more than " + PolicyDocuments.MAX_DOCUMENTS + " documents in one run,"
                            + " the limit; the rest is not read");
                    err.flush();
                    return new Read(List.copyOf(rules), List.copyOf(others), true);
                }
                String kind = d.object().map(o -> o.path("kind").asText("")).orElse("");
                if (d.object().isPresent() && !kind.equals(CiliumNetworkPolicy.KIND)
                        && !kind.equals(CiliumClusterwideNetworkPolicy.KIND)) {
                    others.add(new Other(name, d));
                    continue;
                }
                PolicyDocuments.Document doc = PolicyDocuments.bind(name, d);
                String where = name + ":" + d.index();
                for (PolicyDocuments.Problem p : doc.problems()) {
                    err.println(where + ": error: " + p.code() + " at " + (p.path().isEmpty() ? "<document>"
                            : p.path()) + " (line " + p.line() + "): " + p.message());
                    errors = true;
                }
                if (doc.object().isEmpty()) {
                    continue;
                }
                HasMetadata object = doc.object().get();
                PolicyReadResult result = reader.read(object);
                for (PolicyDiagnostic g : result.diagnostics()) {
                    err.println(where + ": " + (g.isError() ? "error" : "warning") + ": " + g.code() + " at "
                            + (g.path().isEmpty() ? "<policy>" : g.path()) + " (line " + doc.lineOf(g.path())
                            + "): " + g.message());
                }
                errors |= !result.valid();
                rules.addAll(result.rules());
            }
        }
        err.flush();
        return new Read(List.copyOf(rules), List.copyOf(others), errors);
    }
}
