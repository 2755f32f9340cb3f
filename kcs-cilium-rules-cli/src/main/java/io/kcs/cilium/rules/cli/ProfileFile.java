package io.kcs.cilium.rules.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --profile FILE} format: YAML (or JSON) with optional {@code ingress} and {@code egress} keys, each an
 * exception list as one string or as a list of entries. A missing key leaves the direction unrestricted; an empty
 * string or list blocks it.
 *
 * <pre>
 * ingress: entity:ingress, endpoint:monitoring
 * egress:
 *   - entity:kube-apiserver
 *   - "*.example.com"
 *   - 10.0.0.0/8
 * </pre>
 */
final class ProfileFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The lists of a profile file: ingress then egress, each null when absent. */
    record Lists(String ingress, String egress) {}

    private ProfileFile() {}

    /** Reads {@code file}; throws IllegalArgumentException naming the file and the problem. */
    static Lists read(String file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(Path.of(file)));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("profile " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("profile " + file + " must be a map with ingress and/or egress");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!k.equals("ingress") && !k.equals("egress")) {
                throw new IllegalArgumentException("profile " + file + ": unknown key \"" + k
                        + "\" (expected ingress, egress)");
            }
        });
        return new Lists(list(file, root.get("ingress")), list(file, root.get("egress")));
    }

    private static String list(String file, JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return "";
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            List<String> entries = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isValueNode()) {
                    throw new IllegalArgumentException("profile " + file + ": list entries must be strings");
                }
                entries.add(e.asText());
            }
            return String.join(", ", entries);
        }
        throw new IllegalArgumentException("profile " + file + ": ingress and egress take a string or a list");
    }
}
