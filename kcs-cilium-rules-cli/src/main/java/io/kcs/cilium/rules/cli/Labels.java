package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.fabric8.EndpointSelectors;
import io.kcs.cilium.rules.KubernetesNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Label options ({@code --selector}, {@code --to-pod NS/k=v}, {@code --via-service}) checked with the exception-list
 * parser's label rules: {@code key=value} items separated by commas, white space around {@code ,} and {@code =}
 * ignored, a key given twice with different values refused. Every problem is a usage error (exit code 2).
 */
final class Labels {

    private Labels() {}

    /** Endpoint-selector labels (a Cilium source prefix k8s: or any: is allowed), from repeated options. */
    static Map<String, String> selector(CommandSpec command, String option, List<String> values) {
        return parse(command, option, values, true);
    }

    /** Pod or Service labels (Kubernetes syntax, no source prefix). */
    static Map<String, String> podLabels(CommandSpec command, String option, String value) {
        return parse(command, option, List.of(value), false);
    }

    /** A namespace, checked as the parser checks {@code endpoint:} namespaces. */
    static String namespace(CommandSpec command, String option, String value) {
        String ns = value.strip();
        String problem = KubernetesNames.namespaceProblem(ns).orElse(null);
        if (problem != null) {
            throw Main.usage(command, option + " \"" + value + "\": " + problem);
        }
        return ns;
    }

    private static Map<String, String> parse(CommandSpec command, String option, List<String> values,
            boolean sources) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                if (item.isBlank() && values.size() == 1 && value.isBlank()) {
                    continue; // an empty label list
                }
                int eq = item.indexOf('=');
                if (eq < 0) {
                    throw Main.usage(command, option + " takes key=value, got \"" + item.strip() + "\"");
                }
                String key = item.substring(0, eq).strip();
                String v = item.substring(eq + 1).strip();
                Optional<String> problem = sources || key.indexOf(':') < 0 ? EndpointSelectors.problem(key, v)
                        : Optional.of("character ':' is not allowed in a label key");
                if (problem.isPresent()) {
                    throw Main.usage(command, option + " \"" + value + "\": " + problem.get());
                }
                String earlier = labels.put(key, v);
                if (earlier != null && !earlier.equals(v)) {
                    throw Main.usage(command, option + ": label key \"" + key + "\" given twice, with values \""
                            + earlier + "\" and \"" + v + "\"; a selector matches one value per key");
                }
            }
        }
        return labels;
    }
}
