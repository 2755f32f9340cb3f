package io.kcs.cilium.rules.fabric8;

import static io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes.INVALID_HEADER_MATCH;
import static io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes.INVALID_HTTP_REGEX;

import com.google.re2j.PatternSyntaxException;
import io.kcs.cilium.rules.fabric8.v2.CiliumModel;
import io.kcs.cilium.rules.fabric8.v2.HeaderMatch;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import io.kcs.cilium.rules.fabric8.v2.Secret;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cilium's HTTP rule check ({@code pkg/policy/api/http.go PortRuleHTTP.Sanitize}): {@code path} and {@code method}
 * must compile as Go regular expressions, and every {@code headerMatches} item needs a name, a known mismatch action
 * and, when it refers to a secret, the secret's name.
 *
 * <p>The expressions are compiled with RE2/J, a port of Go's {@code regexp} package (same RE2 syntax, linear-time
 * matching, so untrusted input cannot make it hang). One known difference: Go refuses expressions nested deeper than
 * 1,000 levels ("expression nests too deeply"); RE2/J has no such limit, so such an expression passes here. Headers
 * ({@code headers}) are not checked, as in Cilium. One instance per validation run (it remembers the verdicts of
 * at most 4,096 expressions); not thread-safe.
 */
final class Http {

    private static final Set<String> MISMATCH = Set.of("LOG", "ADD", "DELETE", "REPLACE");
    private static final String CHECK = " (Cilium http.go PortRuleHTTP.Sanitize)";

    private static final int MEMO_LIMIT = 4_096;

    private final List<PolicyDiagnostic> out;
    /** Expression -> RE2 error description, or "" when it compiles. */
    private final Map<String, String> compiled = new java.util.HashMap<>();

    Http(List<PolicyDiagnostic> out) {
        this.out = out;
    }

    /** Checks the HTTP rule at {@code where}; the path's text is made only for a diagnostic. */
    void check(PortRuleHTTP h, JsonPath where) {
        if (h == null) {
            out.add(PolicyDiagnostic.warning(PolicyDiagnosticCodes.NULL_ITEM, where.toString(), "the item is null;"
                    + " the agent reads it as an empty HTTP rule {}, which allows every request; remove it or write it"
                    + " out"));
            return;
        }
        for (String key : h.getAdditionalProperties().keySet()) {
            out.add(PolicyDiagnostic.warning(PolicyDiagnosticCodes.UNKNOWN_FIELD, where + "." + key, "unknown field "
                    + PolicyChecks.q(key) + " in an HTTP rule: the agent's decoder drops it; remove it or correct"
                    + " its spelling"));
        }
        regex(h.getPath(), where, ".path", "path");
        regex(h.getMethod(), where, ".method", "method");
        List<HeaderMatch> matches = h.getHeaderMatches();
        if (matches == null) {
            return;
        }
        for (int i = 0; i < Math.min(matches.size(), CiliumPolicyValidator.MAX_LIST_ITEMS); i++) {
            HeaderMatch m = matches.get(i);
            JsonPath mw = where.field("headerMatches").index(i);
            String name = m == null ? null : m.getName();
            if (name == null || name.isEmpty()) {
                out.add(PolicyDiagnostic.error(INVALID_HEADER_MATCH, mw + ".name", "the header match has no name;"
                        + " set name" + " (Cilium http.go PortRuleHTTP.Sanitize: \"Header name missing\")"));
            }
            String mismatch = m == null ? null : m.getMismatch();
            if (mismatch != null && !mismatch.isEmpty() && !MISMATCH.contains(mismatch)) {
                out.add(PolicyDiagnostic.error(INVALID_HEADER_MATCH, mw + ".mismatch", "invalid mismatch action "
                        + PolicyChecks.q(mismatch) + "; use LOG, ADD, DELETE or REPLACE (Cilium http.go"
                        + " PortRuleHTTP.Sanitize: \"Invalid header action\")"));
            }
            Secret secret = m == null ? null : m.getSecret();
            if (secret != null) {
                String sn = secret.getName();
                if (sn == null || sn.isEmpty()) {
                    out.add(PolicyDiagnostic.error(INVALID_HEADER_MATCH, mw + ".secret.name", "the secret has no"
                            + " name; set secret.name (Cilium http.go PortRuleHTTP.Sanitize: \"Secret name"
                            + " missing\")"));
                }
            }
            unknownFields(m, mw, "", "a header match");
            unknownFields(secret, mw, ".secret", "a secret");
        }
    }

    /** Fields of a header match (or its secret) the agent's decoder drops. */
    private void unknownFields(CiliumModel model, JsonPath where, String field, String what) {
        if (model == null) {
            return;
        }
        for (String key : model.getAdditionalProperties().keySet()) {
            out.add(PolicyDiagnostic.warning(PolicyDiagnosticCodes.UNKNOWN_FIELD, where + field + "." + key,
                    "unknown field " + PolicyChecks.q(key) + " in " + what + ": the agent's decoder drops it; remove it"
                    + " or correct its spelling"));
        }
    }

    private void regex(String expr, JsonPath where, String suffix, String field) {
        if (expr == null || expr.isEmpty()) {
            return;
        }
        String error = compiled.get(expr);
        if (error == null) {
            error = compileError(expr);
            if (compiled.size() < MEMO_LIMIT) {
                compiled.put(expr, error);
            }
        }
        if (!error.isEmpty()) {
            out.add(PolicyDiagnostic.error(INVALID_HTTP_REGEX, where + suffix, "the HTTP " + field + " "
                    + PolicyChecks.q(expr) + " is not a valid Go (RE2) regular expression: " + error
                    + "; fix it (RE2 has no look-around and no back references)" + CHECK));
        }
    }

    /** RE2/J's description of why {@code expr} does not compile, or "" when it does. */
    private static String compileError(String expr) {
        try {
            com.google.re2j.Pattern.compile(expr);
            return "";
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        } catch (RuntimeException e) {
            return "it does not compile";
        }
    }
}
