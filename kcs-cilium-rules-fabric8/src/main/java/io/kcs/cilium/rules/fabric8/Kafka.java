package io.kcs.cilium.rules.fabric8;

import static io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes.INVALID_KAFKA_RULE;

import io.kcs.cilium.rules.fabric8.v2.PortRuleKafka;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cilium's Kafka rule check (1.16 to 1.19; {@code cilium/proxy pkg/policy/api/kafka/kafka.go PortRule.Sanitize}):
 * not both {@code role} and {@code apiKey}; a known API key (case-insensitive); role {@code produce} or
 * {@code consume}; {@code apiVersion} a decimal 0-32767; {@code topic} at most 255 characters of letters, digits,
 * {@code . _ -} (and backslash, which Cilium's character class lets through). Stateless.
 */
final class Kafka {

    private Kafka() {}

    /** Cilium {@code kafka.APIKeyMap} keys. */
    static final Set<String> API_KEYS = Set.of("produce", "fetch", "offsets", "metadata", "leaderandisr",
            "stopreplica", "updatemetadata", "controlledshutdown", "offsetcommit", "offsetfetch", "findcoordinator",
            "joingroup", "heartbeat", "leavegroup", "syncgroup", "describegroups", "listgroups", "saslhandshake",
            "apiversions", "createtopics", "deletetopics", "deleterecords", "initproducerid", "offsetforleaderepoch",
            "addpartitionstotxn", "addoffsetstotxn", "endtxn", "writetxnmarkers", "txnoffsetcommit", "describeacls",
            "createacls", "deleteacls", "describeconfigs", "alterconfigs");

    /** Cilium {@code kafka.MaxTopicLen}. */
    static final int MAX_TOPIC_LENGTH = 255;

    private static final String CHECK = " (Cilium kafka.go PortRule.Sanitize)";

    static void check(PortRuleKafka rule, JsonPath where, List<PolicyDiagnostic> out) {
        if (rule == null) {
            return;
        }
        String role = text(rule.getRole());
        String apiKey = text(rule.getApiKey());
        String apiVersion = text(rule.getApiVersion());
        String topic = text(rule.getTopic());
        if (!role.isEmpty() && !apiKey.isEmpty()) {
            out.add(PolicyDiagnostic.error(INVALID_KAFKA_RULE, where.toString(), "role and apiKey cannot both be set;"
                    + " keep one" + CHECK));
        }
        if (!apiKey.isEmpty() && !API_KEYS.contains(apiKey.toLowerCase(Locale.ROOT))) {
            out.add(PolicyDiagnostic.error(INVALID_KAFKA_RULE, where + ".apiKey", "invalid Kafka apiKey "
                    + PolicyChecks.q(apiKey) + Hints.closest(apiKey, List.copyOf(API_KEYS))
                    .map(h -> " (did you mean " + PolicyChecks.q(h) + "?)").orElse("") + CHECK));
        }
        if (!role.isEmpty() && !role.equalsIgnoreCase("produce") && !role.equalsIgnoreCase("consume")) {
            out.add(PolicyDiagnostic.error(INVALID_KAFKA_RULE, where + ".role", "invalid Kafka role "
                    + PolicyChecks.q(role) + "; use produce or consume" + CHECK));
        }
        if (!apiVersion.isEmpty() && !validVersion(apiVersion)) {
            out.add(PolicyDiagnostic.error(INVALID_KAFKA_RULE, where + ".apiVersion", "invalid Kafka apiVersion "
                    + PolicyChecks.q(apiVersion) + "; use a number 0-32767" + CHECK));
        }
        if (!topic.isEmpty()) {
            if (topic.length() > MAX_TOPIC_LENGTH) {
                out.add(PolicyDiagnostic.error(INVALID_KAFKA_RULE, where + ".topic", "the Kafka topic is "
                        + topic.length() + " characters long, at most " + MAX_TOPIC_LENGTH + " are allowed" + CHECK));
            } else if (!topic.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0'
                    && c <= '9' || c == '.' || c == '_' || c == '-' || c == '\\')) {
                out.add(PolicyDiagnostic.error(INVALID_KAFKA_RULE, where + ".topic", "invalid Kafka topic name "
                        + PolicyChecks.q(topic) + "; use letters, digits, . _ -" + CHECK));
            }
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** Go {@code strconv.ParseInt(s, 10, 16)} and not negative. */
    private static boolean validVersion(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int n = Integer.parseInt(digits);
        return s.startsWith("-") ? n == 0 : n <= Short.MAX_VALUE;
    }
}
