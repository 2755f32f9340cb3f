package io.kcs.cilium.rules.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyDiagnostic;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Policy YAML files as the {@code trace} and {@code connectivity} commands read them: multi-document YAML split on
 * {@code ---} lines; CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy documents read by the strict
 * {@link CiliumPolicyReader} (a policy with an error is refused whole, as the agent refuses it); other documents are
 * returned as {@link Document}s for callers that want them (workload manifests), or skipped.
 *
 * <p>Diagnostics are printed compiler-style, one a line: {@code FILE:DOC: error|warning: CODE at PATH: message}
 * (DOC is the 1-based document number in the file). Not thread-safe (one command run).
 */
final class PolicyFiles {

    /** At most this many bytes per file (bounded input). */
    static final long MAX_FILE_BYTES = 32L << 20;

    /** One YAML document of a file. */
    record Document(Path file, int index, String kind, String text) {
        String where() {
            return file + ":" + index;
        }
    }

    /** What was read: the engine's rules, the other documents and whether any policy had an error. */
    record Read(List<PolicyRule> rules, List<Document> others, boolean errors) {
    }

    private PolicyFiles() {}

    /**
     * Reads the files; prints every diagnostic to {@code err}.
     *
     * @throws IllegalArgumentException for a file too large (a usage error)
     * @throws IOException when a file cannot be read
     */
    static Read read(List<Path> files, MappingOptions options, PrintWriter err) throws IOException {
        CiliumPolicyReader reader = CiliumPolicyReader.create(options);
        List<PolicyRule> rules = new ArrayList<>();
        List<Document> others = new ArrayList<>();
        boolean errors = false;
        for (Path file : files) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            int index = 0;
            for (String text : documents(Files.readString(file, StandardCharsets.UTF_8))) {
                index++;
                if (text.isBlank() || text.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                    continue;
                }
                Map<?, ?> generic;
                try {
                    generic = CiliumPolicies.fromYaml(text, Map.class);
                } catch (IllegalArgumentException e) {
                    err.println(file + ":" + index + ": error: " + e.getMessage());
                    errors = true;
                    continue;
                }
                String kind = String.valueOf(generic.get("kind"));
                Document doc = new Document(file, index, kind, text);
                HasMetadata policy;
                try {
                    if (kind.equals("CiliumNetworkPolicy")) {
                        policy = CiliumPolicies.fromYaml(text, CiliumNetworkPolicy.class);
                    } else if (kind.equals("CiliumClusterwideNetworkPolicy")) {
                        policy = CiliumPolicies.fromYaml(text, CiliumClusterwideNetworkPolicy.class);
                    } else {
                        others.add(doc);
                        continue;
                    }
                } catch (IllegalArgumentException e) {
                    err.println(doc.where() + ": error: " + e.getMessage());
                    errors = true;
                    continue;
                }
                PolicyReadResult result = reader.read(policy);
                for (PolicyDiagnostic d : result.diagnostics()) {
                    err.println(doc.where() + ": " + (d.isError() ? "error" : "warning") + ": " + d.code() + " at "
                            + (d.path().isEmpty() ? "<policy>" : d.path()) + ": " + d.message());
                }
                errors |= !result.valid();
                rules.addAll(result.rules());
            }
        }
        err.flush();
        return new Read(List.copyOf(rules), List.copyOf(others), errors);
    }

    /** The documents of a YAML stream, split on lines that are {@code ---} (with an optional comment). */
    static List<String> documents(String yaml) {
        List<String> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : yaml.split("\r?\n", -1)) {
            if (line.startsWith("---") && line.substring(3).trim().replaceFirst("^#.*", "").isEmpty()) {
                docs.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(line).append('\n');
        }
        docs.add(current.toString());
        return docs;
    }
}
