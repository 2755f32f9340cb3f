package io.kcs.cilium.rules.fabric8;

import static io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes.*;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kcs.cilium.rules.KubernetesNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cilium's label-selector checks ({@code pkg/policy/api/selector.go EndpointSelector.Sanitize},
 * {@code pkg/labels/validation.go}): label keys with an optional alphanumeric source, Kubernetes label values,
 * operators and values of {@code matchExpressions}. One instance per validation run (it remembers verdicts of keys
 * and values it has seen, at most 4,096 of each); not thread-safe.
 */
final class Selectors {

    private static final int MAX_ITEMS = 1_000;

    /** Verdicts remembered per run (keys, group keys, values repeat across a policy); bounded. */
    private static final int MEMO_LIMIT = 4_096;

    private final int minor;
    private final List<PolicyDiagnostic> out;
    private final Map<String, Optional<String>> keys = new java.util.HashMap<>();
    private final Map<String, Optional<String>> groupKeys = new java.util.HashMap<>();
    private final Map<String, Optional<String>> values = new java.util.HashMap<>();

    /** A checker for one validation run of Cilium 1.{@code minor}, reporting to {@code out}. Not thread-safe. */
    Selectors(int minor, List<PolicyDiagnostic> out) {
        this.minor = minor;
        this.out = out;
    }

    private static void remember(Map<String, Optional<String>> memo, String text, Optional<String> verdict) {
        if (memo.size() < MEMO_LIMIT) {
            memo.put(text, verdict);
        }
    }

    private Optional<String> key(String key, boolean cidrGroup) {
        Map<String, Optional<String>> memo = cidrGroup ? groupKeys : keys;
        Optional<String> v = memo.get(key);
        if (v == null) {
            v = keyProblem(key, minor, cidrGroup);
            remember(memo, key, v);
        }
        return v;
    }

    private Optional<String> value(String value) {
        Optional<String> v = values.get(value);
        if (v == null) {
            v = valueProblem(value);
            remember(values, value, v);
        }
        return v;
    }

    /** Checks {@code s} as Cilium 1.{@code minor} does; {@code cidrGroup} for a {@code cidrGroupSelector}. */
    void check(LabelSelector s, JsonPath path, boolean cidrGroup) {
        if (s == null) {
            return;
        }
        Map<String, String> labels = s.getMatchLabels();
        if (labels != null) {
            int n = 0;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (n++ >= MAX_ITEMS) {
                    break;
                }
                String key = e.getKey() == null ? "" : e.getKey();
                Optional<String> keyProblem = key(key, cidrGroup);
                if (keyProblem.isPresent()) {
                    out.add(PolicyDiagnostic.error(INVALID_LABEL_KEY, path + ".matchLabels." + key, "invalid label"
                            + " key " + PolicyChecks.q(key) + ": " + keyProblem.get() + SEL_CHECK));
                }
                String value = e.getValue() == null ? "" : e.getValue();
                Optional<String> valueProblem = value(value);
                if (valueProblem.isPresent()) {
                    out.add(PolicyDiagnostic.error(INVALID_LABEL_VALUE, path + ".matchLabels." + key, "invalid label"
                            + " value " + PolicyChecks.q(value) + ": " + valueProblem.get() + SEL_CHECK));
                }
            }
        }
        List<LabelSelectorRequirement> exprs = s.getMatchExpressions();
        if (exprs != null) {
            for (int i = 0; i < Math.min(exprs.size(), MAX_ITEMS); i++) {
                LabelSelectorRequirement r = exprs.get(i);
                JsonPath where = path.field("matchExpressions").index(i);
                if (r == null) {
                    out.add(PolicyDiagnostic.error(INVALID_SELECTOR_OPERATOR, where.toString(), "the requirement is"
                            + " null, so it has no operator; write key, operator and values" + SEL_CHECK));
                    continue;
                }
                requirement(r, where, cidrGroup);
            }
        }
    }

    private static final String SEL_CHECK = " (Cilium selector.go EndpointSelector.Sanitize, labels/validation.go)";

    private void requirement(LabelSelectorRequirement r, JsonPath where, boolean cidrGroup) {
        String op = r.getOperator() == null ? "" : r.getOperator();
        List<String> vals = r.getValues() == null ? List.of() : r.getValues();
        switch (op) {
            case "In", "NotIn" -> {
                if (vals.isEmpty()) {
                    out.add(PolicyDiagnostic.error(INVALID_SELECTOR_VALUES, where + ".values", "values must be given"
                            + " when operator is In or NotIn" + SEL_CHECK));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!vals.isEmpty()) {
                    out.add(PolicyDiagnostic.error(INVALID_SELECTOR_VALUES, where + ".values", "values may not be"
                            + " given when operator is Exists or DoesNotExist; remove them" + SEL_CHECK));
                }
            }
            default -> out.add(PolicyDiagnostic.error(INVALID_SELECTOR_OPERATOR, where + ".operator", "operator "
                    + PolicyChecks.q(op) + " is not a selector operator; use In, NotIn, Exists or DoesNotExist"
                    + " (case-sensitive)" + SEL_CHECK));
        }
        String key = r.getKey() == null ? "" : r.getKey();
        key(key, cidrGroup).ifPresent(why -> out.add(PolicyDiagnostic.error(INVALID_LABEL_KEY,
                where + ".key",
                "invalid label key " + PolicyChecks.q(key) + ": " + why + SEL_CHECK)));
        for (int k = 0; k < Math.min(vals.size(), MAX_ITEMS); k++) {
            String v = vals.get(k) == null ? "" : vals.get(k);
            int idx = k;
            value(v).ifPresent(why -> out.add(PolicyDiagnostic.error(INVALID_LABEL_VALUE, where + ".values["
                    + idx + "]", "invalid label value " + PolicyChecks.q(v) + ": " + why + SEL_CHECK)));
        }
    }

    /**
     * A selector key as Cilium 1.{@code minor} checks it.
     *
     * <p>1.20 ({@code labels.IsValidCiliumLabelKey}) checks the key as written: {@code [source:]key}, the source
     * alphanumeric and non-empty, at most one {@code :}, the key a Kubernetes qualified name. 1.16 to 1.19 first
     * rewrite it to Cilium's internal form {@code source.key} (source before the first {@code :}, {@code any}
     * without one or when empty, {@code reserved} for a leading {@code $}, the key cut at its first {@code =}; a
     * {@code cidrGroupSelector} key gets {@code cidrgroup.} glued in front as written) and check that as a Kubernetes
     * qualified name, so the source counts towards the 63 characters of a key without prefix and a second {@code :}
     * is refused.
     */
    static Optional<String> keyProblem(String key, int minor, boolean cidrGroup) {
        if (key == null) {
            return Optional.of("the key is null");
        }
        if (minor < 20) {
            String internal;
            if (cidrGroup) {
                internal = "cidrgroup." + key;
            } else {
                String source;
                String k;
                int colon = key.indexOf(':');
                if (colon >= 0) {
                    source = key.substring(0, colon);
                    k = key.substring(colon + 1);
                } else if (key.startsWith("$")) {
                    source = "reserved";
                    k = key.substring(1);
                } else {
                    source = "any";
                    k = key;
                }
                source = source.isEmpty() ? "any" : source;
                int eq = k.indexOf('=');
                internal = source + "." + (eq >= 0 ? k.substring(0, eq) : k);
            }
            return KubernetesNames.labelKeyProblem(internal).map(why -> why + " (Cilium 1." + minor + " checks the"
                    + " key in its internal form " + PolicyChecks.q(internal) + ")");
        }
        return keyProblem(key);
    }

    /**
     * Cilium 1.20 {@code labels.IsValidCiliumLabelKey}: {@code [source:]key}, the source alphanumeric and non-empty,
     * at most one {@code :}, the key a Kubernetes qualified name.
     */
    static Optional<String> keyProblem(String key) {
        if (key == null) {
            return Optional.of("the key is null");
        }
        String name = key;
        int colon = key.indexOf(':');
        if (colon >= 0) {
            if (key.indexOf(':', colon + 1) >= 0) {
                return Optional.of("a label key has at most one ':' (between the source and the key)");
            }
            String source = key.substring(0, colon);
            if (source.isEmpty() || !source.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
                return Optional.of("the label source " + PolicyChecks.q(source) + " must be a non-empty string of"
                        + " letters and digits (k8s, any, reserved, cidr, ...)");
            }
            name = key.substring(colon + 1);
        }
        return KubernetesNames.labelKeyProblem(name);
    }

    /** Kubernetes {@code IsValidLabelValue}. */
    static Optional<String> valueProblem(String value) {
        return KubernetesNames.labelValueProblem(value);
    }
}
