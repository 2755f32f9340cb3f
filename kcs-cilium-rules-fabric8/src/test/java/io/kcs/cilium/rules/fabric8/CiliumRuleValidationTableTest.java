package io.kcs.cilium.rules.fabric8;

import static io.kcs.cilium.rules.fabric8.PolicyDiagnosticCodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cilium's own validation tests, ported as example rows (our own YAML; each row names the Go test it restates, from
 * the fact sheet of Cilium 1.16-1.20). A row says for which Cilium lines it holds, the policy, and the expected
 * ERROR code and JSON path, or none ({@code ""}: the agent imports it). Rows come in pairs that differ in one place,
 * one valid and one invalid, so a check that refuses everything or nothing fails.
 */
class CiliumRuleValidationTableTest {

    /** One example: Cilium lines {@code from..to}, agent options, the policy, the expected error (or none). */
    record Row(String cilium, int from, int to, Map<String, String> options, String kind, String spec, String code,
            String path) {
        @Override
        public String toString() {
            return cilium + " [1." + from + "-1." + to + "] " + (code.isEmpty() ? "valid" : code + " at " + path)
                    + ": " + spec;
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private static void row(String cilium, int from, int to, String kind, String spec, String code, String path) {
        ROWS.add(new Row(cilium, from, to, Map.of(), kind, spec, code, path));
    }

    private static void row(String cilium, String kind, String spec, String code, String path) {
        row(cilium, 16, 20, kind, spec, code, path);
    }

    private static void rowWith(String cilium, Map<String, String> options, String spec, String code, String path) {
        ROWS.add(new Row(cilium, 16, 20, options, "CNP", spec, code, path));
    }

    private static final String OK = "";
    private static final String HTTP_GET = "{http: [{method: GET, path: /}]}";

    private static String ingressPorts(String ports, String rules) {
        return "{endpointSelector: {}, ingress: [{fromEndpoints: [{}], toPorts: [{ports: " + ports
                + (rules.isEmpty() ? "" : ", rules: " + rules) + "}]}]}";
    }

    private static String egressPorts(String ports, String rules) {
        return "{endpointSelector: {}, egress: [{toEndpoints: [{}], toPorts: [{ports: " + ports
                + (rules.isEmpty() ? "" : ", rules: " + rules) + "}]}]}";
    }

    private static String egressPortRule(String portRule) {
        return "{endpointSelector: {}, egress: [{toEndpoints: [{}], toPorts: [" + portRule + "]}]}";
    }

    private static String ports(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(p -> "{port: \"" + p + "\", protocol: TCP}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String icmpFields(int count) {
        return IntStream.range(1, count + 1).mapToObj(t -> "{type: " + t + "}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static final String INVALID_SELECTOR = "{matchLabels: {any.foo: bar, k8s.baz: alice}, matchExpressions:"
            + " [{key: any.foo, operator: asdfasdfasdf, values: [default]}]}";

    static {
        String p0 = "spec.ingress[0].toPorts[0]";
        String e0 = "spec.egress[0].toPorts[0]";
        // ---- rule_validation_test.go TestL7RulesWithNonTCPProtocols ----
        row("TestL7RulesWithNonTCPProtocols: HTTP on TCP ports", "CNP",
                ingressPorts("[{port: \"80\", protocol: TCP}, {port: \"81\", protocol: TCP}]", HTTP_GET), OK, "");
        row("TestL7RulesWithNonTCPProtocols: DNS rules without ports", "CNP",
                "{endpointSelector: {}, egress: [{toEndpoints: [{}], toPorts: [{rules: {dns: [{matchName: domain.com}]}}]}]}",
                DNS_NEEDS_PORT, e0 + ".rules.dns");
        row("TestL7RulesWithNonTCPProtocols: DNS rules on 53/TCP and 53/UDP", "CNP",
                egressPorts("[{port: \"53\", protocol: TCP}, {port: \"53\", protocol: UDP}]",
                        "{dns: [{matchName: domain.com}]}"), OK, "");
        row("TestL7RulesWithNonTCPProtocols: SCTP without L7", "CNP", egressPorts("[{port: \"4000\", protocol: SCTP}]", ""),
                OK, "");
        row("TestL7RulesWithNonTCPProtocols: SCTP in egressDeny", "CNP",
                "{endpointSelector: {}, egressDeny: [{toEndpoints: [{}], toPorts: [{ports: [{port: \"4000\", protocol: SCTP}]}]}]}",
                OK, "");
        row("TestL7RulesWithNonTCPProtocols: HTTP on UDP", "CNP", ingressPorts("[{port: \"80\", protocol: UDP}]", HTTP_GET),
                L7_REQUIRES_TCP, p0 + ".ports[0].protocol");
        row("TestL7RulesWithNonTCPProtocols: DNS rules on ingress", "CNP",
                ingressPorts("[{port: \"53\", protocol: ANY}]", "{dns: [{matchName: domain.com}]}"), DNS_ON_INGRESS,
                p0 + ".rules.dns");
        row("TestL7RulesWithNonTCPProtocols: HTTP on ANY", "CNP", ingressPorts("[{port: \"80\", protocol: ANY}]", HTTP_GET),
                L7_REQUIRES_TCP, p0 + ".ports[0].protocol");
        row("TestL7RulesWithNonTCPProtocols: HTTP with the protocol omitted (ANY)", "CNP",
                ingressPorts("[{port: \"80\"}]", HTTP_GET), L7_REQUIRES_TCP, p0 + ".ports[0]");
        row("TestL7RulesWithNonTCPProtocols: HTTP on TCP and UDP", "CNP",
                ingressPorts("[{port: \"80\", protocol: TCP}, {port: \"12345\", protocol: UDP}]", HTTP_GET),
                L7_REQUIRES_TCP, p0 + ".ports[1].protocol");
        row("TestL7RulesWithNonTCPProtocols: HTTP on UDP and TCP", "CNP",
                ingressPorts("[{port: \"80\", protocol: UDP}, {port: \"12345\", protocol: TCP}]", HTTP_GET),
                L7_REQUIRES_TCP, p0 + ".ports[0].protocol");
        row("TestL7RulesWithNonTCPProtocols: serverNames without L7", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], serverNames: [foo.bar.com, bar.foo.com]}"), OK, "");
        row("TestL7RulesWithNonTCPProtocols: empty server name", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], serverNames: [\"\"]}"), EMPTY_SERVER_NAME,
                e0 + ".serverNames[0]");
        row("TestL7RulesWithNonTCPProtocols: serverNames with L7, no TLS termination", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], serverNames: [foo.bar.com], rules: " + HTTP_GET
                        + "}"), SERVER_NAMES_WITH_L7, e0 + ".serverNames");
        row("TestL7RulesWithNonTCPProtocols: serverNames with L7 and TLS termination", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], serverNames: [foo.bar.com], rules: " + HTTP_GET
                        + ", terminatingTLS: {secret: {name: test-secret}}}"), OK, "");
        for (String kind : new String[] {"", ", kind: CiliumClusterwideEnvoyConfig", ", kind: CiliumEnvoyConfig"}) {
            row("TestL7RulesWithNonTCPProtocols: egress listener" + kind, "CNP",
                    egressPortRule("{ports: [{port: \"443\", protocol: TCP}], listener: {envoyConfig: {name: test-config"
                            + kind + "}, name: myCustomListener}}"), OK, "");
        }
        row("TestL7RulesWithNonTCPProtocols: ingress listener", "CNP",
                "{endpointSelector: {}, ingress: [{fromEndpoints: [{}], toPorts: [{ports: [{port: \"443\", protocol: TCP}],"
                        + " listener: {envoyConfig: {name: test-config}, name: myCustomListener}}]}]}",
                LISTENER_ON_INGRESS, p0 + ".listener");
        row("TestL7RulesWithNonTCPProtocols: listener with L7 rules", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], listener: {envoyConfig: {name: test-config},"
                        + " name: myCustomListener}, rules: " + HTTP_GET + "}"), LISTENER_WITH_L7, e0 + ".listener");

        // ---- TestL7RuleRejectsEmptyPort ----
        row("TestL7RuleRejectsEmptyPort: L7 on port 0", "CNP", ingressPorts("[{port: \"0\", protocol: TCP}]", "{http: [{}]}"),
                L7_WITH_PORT_ZERO, p0 + ".ports");
        row("TestL7RuleRejectsEmptyPort: L7 on port 80", "CNP", ingressPorts("[{port: \"80\", protocol: TCP}]", "{http: [{}]}"),
                OK, "");

        // ---- TestHTTPRuleRegexes (Go RE2 syntax) ----
        String tcp8081 = "[{port: \"80\", protocol: TCP}, {port: \"81\", protocol: TCP}]";
        row("TestHTTPRuleRegexes: path *", "CNP", ingressPorts(tcp8081, "{http: [{path: \"*\"}]}"), INVALID_HTTP_REGEX,
                p0 + ".rules.http[0].path");
        row("TestHTTPRuleRegexes: path .*", "CNP", ingressPorts(tcp8081, "{http: [{path: \".*\"}]}"), OK, "");
        row("TestHTTPRuleRegexes: method *", "CNP", ingressPorts(tcp8081, "{http: [{method: \"*\"}]}"), INVALID_HTTP_REGEX,
                p0 + ".rules.http[0].method");
        row("TestHTTPRuleRegexes: look-ahead is not RE2", "CNP", ingressPorts(tcp8081, "{http: [{path: \"/a(?=b)\"}]}"),
                INVALID_HTTP_REGEX, p0 + ".rules.http[0].path");
        row("TestHTTPRuleRegexes: a named group is RE2", "CNP", ingressPorts(tcp8081, "{http: [{path: \"/(?P<v>a)\"}]}"),
                OK, "");
        row("http.go PortRuleHTTP.Sanitize: header match without name", "CNP",
                ingressPorts(tcp8081, "{http: [{headerMatches: [{value: x}]}]}"), INVALID_HEADER_MATCH,
                p0 + ".rules.http[0].headerMatches[0].name");
        row("http.go PortRuleHTTP.Sanitize: header match with name", "CNP",
                ingressPorts(tcp8081, "{http: [{headerMatches: [{name: X-Token, value: x}]}]}"), OK, "");
        row("http.go PortRuleHTTP.Sanitize: invalid mismatch action", "CNP",
                ingressPorts(tcp8081, "{http: [{headerMatches: [{name: X-Token, mismatch: log}]}]}"), INVALID_HEADER_MATCH,
                p0 + ".rules.http[0].headerMatches[0].mismatch");
        row("http.go PortRuleHTTP.Sanitize: secret without name", "CNP",
                ingressPorts(tcp8081, "{http: [{headerMatches: [{name: X-Token, secret: {namespace: a}}]}]}"),
                INVALID_HEADER_MATCH, p0 + ".rules.http[0].headerMatches[0].secret.name");

        // ---- TestCIDRsanitize ----
        String set = "{endpointSelector: {}, egress: [{toCIDRSet: [%s]}]}";
        row("TestCIDRsanitize: empty CIDR rule", 17, 20, "CNP", set.formatted("{}"), CIDR_RULE_SOURCE,
                "spec.egress[0].toCIDRSet[0]");
        row("TestCIDRsanitize: empty CIDR rule (1.16: the cidr must parse)", 16, 16, "CNP", set.formatted("{}"),
                INVALID_CIDR, "spec.egress[0].toCIDRSet[0].cidr");
        for (String c : new String[] {"0.0.0.0/0", "10.0.0.0/24", "192.0.2.3/32", "::/0", "ff02::/64",
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334/128"}) {
            row("TestCIDRsanitize: " + c, "CNP", set.formatted("{cidr: \"" + c + "\"}"), OK, "");
        }
        row("TestCIDRsanitize: group reference", "CNP", set.formatted("{cidrGroupRef: cidrgroup}"), OK, "");
        row("TestCIDRsanitize: group selector", 17, 20, "CNP", set.formatted("{cidrGroupSelector: {matchLabels: {foo: bar}}}"),
                OK, "");
        row("TestCIDRsanitize: group reference and selector", 17, 20, "CNP",
                set.formatted("{cidrGroupRef: foo, cidrGroupSelector: {matchLabels: {foo: bar}}}"), CIDR_RULE_SOURCE,
                "spec.egress[0].toCIDRSet[0]");
        row("TestCIDRsanitize: mask notation", "CNP", set.formatted("{cidr: 10.0.0.0/254.0.0.255}"), INVALID_CIDR,
                "spec.egress[0].toCIDRSet[0].cidr");
        row("TestCIDRsanitize: except inside", "CNP", set.formatted("{cidr: 10.0.0.0/24, except: [10.0.0.1/32, 10.0.0.128/25]}"),
                OK, "");
        row("TestCIDRsanitize: except broader (1.20)", 20, 20, "CNP", set.formatted("{cidr: 10.0.0.0/24, except: [10.0.0.0/16]}"),
                INVALID_CIDR_EXCEPT, "spec.egress[0].toCIDRSet[0].except[0]");
        row("TestCIDRsanitize: except broader (accepted before 1.20)", 16, 19, "CNP",
                set.formatted("{cidr: 10.0.0.0/24, except: [10.0.0.0/16]}"), OK, "");
        row("TestCIDRsanitize: except outside", "CNP", set.formatted("{cidr: 10.0.0.0/24, except: [10.1.0.0/24]}"),
                INVALID_CIDR_EXCEPT, "spec.egress[0].toCIDRSet[0].except[0]");
        row("rule_validation.go CIDRRule.sanitize: except of the other family", "CNP",
                set.formatted("{cidr: 10.0.0.0/8, except: [\"::/0\"]}"), INVALID_CIDR_EXCEPT,
                "spec.egress[0].toCIDRSet[0].except[0]");

        // ---- TestToServicesSanitize ----
        String svc = "{endpointSelector: {}, %s: [{toServices: [{k8sServiceSelector: {selector: {matchLabels: {app:"
                + " tested-service}}}}], toPorts: [{ports: [{port: \"80\", protocol: TCP}, {port: \"81\", protocol: TCP}]}]}]}";
        row("TestToServicesSanitize: toServices with toPorts (1.16)", 16, 16, "CNP", svc.formatted("egress"),
                TO_SERVICES_WITH_PORTS, "spec.egress[0].toPorts");
        row("TestToServicesSanitize: toServices with toPorts", 17, 20, "CNP", svc.formatted("egress"), OK, "");
        row("TestToServicesSanitize: deny toServices with toPorts (1.16)", 16, 16, "CNP", svc.formatted("egressDeny"),
                TO_SERVICES_WITH_PORTS, "spec.egressDeny[0].toPorts");
        row("TestToServicesSanitize: deny toServices with toPorts", 17, 20, "CNP", svc.formatted("egressDeny"), OK, "");

        // ---- TestL7Rules (generic L7, 1.16-1.19) ----
        row("TestL7Rules: l7proto with rules", 16, 19, "CNP", ingressPorts(tcp8081,
                "{l7proto: test.lineparser, l7: [{method: PUT, path: /}, {method: GET, path: /}]}"), OK, "");
        row("TestL7Rules: l7proto without rules", 16, 19, "CNP", ingressPorts(tcp8081, "{l7proto: test.lineparser}"), OK, "");
        row("TestL7Rules: empty key", 16, 19, "CNP", ingressPorts(tcp8081,
                "{l7proto: test.lineparser, l7: [{\"\": x}]}"), INVALID_L7_RULE, p0 + ".rules.l7[0]");
        row("L7Rules.sanitize: l7 without l7proto", 16, 19, "CNP", ingressPorts(tcp8081, "{l7: [{method: PUT}]}"),
                INVALID_L7_RULE, p0 + ".rules.l7");
        row("generic L7 removed in 1.20: an empty key is not looked at", 20, 20, "CNP", ingressPorts(tcp8081,
                "{l7proto: test.lineparser, l7: [{\"\": x}]}"), OK, "");

        // ---- TestPortRangesNotAllowedWithL7Rules (1.16) / TestPortRangesNotAllowedWithDNSRules (1.17+) ----
        String range = "[{port: \"443\", endPort: 445, protocol: TCP}]";
        row("TestPortRangesNotAllowedWithL7Rules: DNS", 16, 16, "CNP", egressPorts(range, "{dns: [{matchName: www.google.com}]}"),
                L7_PORT_RANGE, e0 + ".ports[0].endPort");
        row("TestPortRangesNotAllowedWithDNSRules", 17, 20, "CNP", egressPorts(range, "{dns: [{matchName: www.google.com}]}"),
                DNS_PORT_RANGE, e0 + ".ports[0].endPort");
        row("TestPortRangesNotAllowedWithDNSRules: single port", "CNP",
                egressPorts("[{port: \"443\", protocol: TCP}]", "{dns: [{matchName: www.google.com}]}"), OK, "");
        row("TestPortRangesNotAllowedWithL7Rules: HTTP", 16, 16, "CNP", egressPorts(range, HTTP_GET), L7_PORT_RANGE,
                e0 + ".ports[0].endPort");
        row("TestPortRangesNotAllowedWithDNSRules: HTTP on a range is allowed", 17, 20, "CNP", egressPorts(range, HTTP_GET),
                OK, "");

        // ---- TestL7RulesWithNodeSelector (CCNP host policies) ----
        String l7 = "toPorts: [{ports: [{port: \"80\", protocol: TCP}], rules: {http: [{method: PUT, path: /}]}}]";
        row("TestL7RulesWithNodeSelector: ingress", "CCNP", "{nodeSelector: {}, ingress: [{fromEndpoints: [{}], " + l7 + "}]}",
                L7_ON_HOST_POLICY, p0 + ".rules");
        row("TestL7RulesWithNodeSelector: egress", "CCNP", "{nodeSelector: {}, egress: [{toEndpoints: [{}], " + l7 + "}]}",
                L7_ON_HOST_POLICY, e0 + ".rules");
        row("TestL7RulesWithNodeSelector: same rule on endpoints", "CCNP",
                "{endpointSelector: {}, egress: [{toEndpoints: [{}], " + l7 + "}]}", OK, "");
        String dns = "toPorts: [{ports: [{port: \"53\", protocol: UDP}], rules: {dns: [{matchName: domain.com}]}}]";
        row("TestL7RulesWithNodeSelector: DNS on host egress", 17, 20, "CCNP",
                "{nodeSelector: {}, egress: [{toEndpoints: [{}], " + dns + "}]}", OK, "");
        row("TestL7RulesWithNodeSelector: DNS on host egress (1.16)", 16, 16, "CCNP",
                "{nodeSelector: {}, egress: [{toEndpoints: [{}], " + dns + "}]}", L7_ON_HOST_POLICY, e0 + ".rules");
        row("TestL7RulesWithNodeSelector: host ingress without ports", "CCNP",
                "{nodeSelector: {}, ingress: [{fromEndpoints: [{}]}]}", OK, "");
        row("TestL7RulesWithNodeSelector: host ingressDeny", "CCNP", "{nodeSelector: {}, ingressDeny: [{fromEndpoints: [{}]}]}",
                OK, "");

        // ---- TestInvalidEndpointSelectors ----
        for (String[] place : new String[][] {{"ingress", "fromEndpoints"}, {"ingressDeny", "fromEndpoints"},
            {"egress", "toEndpoints"}, {"egressDeny", "toEndpoints"}}) {
            String at = "spec." + place[0] + "[0]." + place[1] + "[0]";
            row("TestInvalidEndpointSelectors: " + place[0] + " " + place[1], "CNP", "{endpointSelector: {}, "
                    + place[0] + ": [{" + place[1] + ": [" + INVALID_SELECTOR + "]}]}", INVALID_SELECTOR_OPERATOR,
                    at + ".matchExpressions[0].operator");
            row("TestInvalidEndpointSelectors: " + place[0] + " " + place[1] + " with In", "CNP", "{endpointSelector: {}, "
                    + place[0] + ": [{" + place[1] + ": [" + INVALID_SELECTOR.replace("asdfasdfasdf", "In") + "]}]}",
                    OK, "");
        }
        for (String[] place : new String[][] {{"ingress", "fromRequires"}, {"egress", "toRequires"}}) {
            row("TestInvalidEndpointSelectors: " + place[1] + " (1.16-1.18)", 16, 18, "CNP", "{endpointSelector: {}, "
                    + place[0] + ": [{" + place[1] + ": [" + INVALID_SELECTOR + "]}]}", INVALID_SELECTOR_OPERATOR,
                    "spec." + place[0] + "[0]." + place[1] + "[0].matchExpressions[0].operator");
            row("TestInvalidEndpointSelectors: " + place[1] + " ignored from 1.19", 19, 20, "CNP", "{endpointSelector: {}, "
                    + place[0] + ": [{" + place[1] + ": [" + INVALID_SELECTOR + "]}]}", OK, "");
        }
        row("TestInvalidEndpointSelectors: endpointSelector", "CNP", "{endpointSelector: " + INVALID_SELECTOR
                + ", ingress: [{}]}", INVALID_SELECTOR_OPERATOR, "spec.endpointSelector.matchExpressions[0].operator");

        // ---- TestNodeSelector / TestPrivilegedNodeSelector ----
        row("TestPrivilegedNodeSelector: invalid node selector", "CCNP", "{nodeSelector: " + INVALID_SELECTOR
                + ", egress: [{}]}", INVALID_SELECTOR_OPERATOR, "spec.nodeSelector.matchExpressions[0].operator");
        row("TestPrivilegedNodeSelector: both selectors", "CCNP", "{endpointSelector: {}, nodeSelector: {}, egress: [{}]}",
                TWO_SUBJECTS, "spec.nodeSelector");
        row("TestPrivilegedNodeSelector: no selector", "CCNP", "{egress: [{}]}", NO_SUBJECT, "spec");
        row("TestPrivilegedNodeSelector: node selector only", "CCNP", "{nodeSelector: {}, egress: [{}]}", OK, "");

        // ---- TestTooManyPortsRule ----
        row("TestTooManyPortsRule: 41 ingress ports", "CNP", ingressPorts(ports(80, 41), ""), TOO_MANY_PORTS, p0 + ".ports");
        row("TestTooManyPortsRule: 40 ingress ports", "CNP", ingressPorts(ports(80, 40), ""), OK, "");
        row("TestTooManyPortsRule: 41 ingressDeny ports", "CNP",
                "{endpointSelector: {}, ingressDeny: [{fromEndpoints: [{}], toPorts: [{ports: " + ports(80, 41) + "}]}]}",
                TOO_MANY_PORTS, "spec.ingressDeny[0].toPorts[0].ports");

        // ---- TestInvalidIPProtocolRules (1.19+) and the protocol sets per line ----
        String proto = "{endpointSelector: {}, %s: [{toPorts: [{ports: [{port: \"%s\", protocol: %s}]}]}]}";
        row("TestInvalidIPProtocolRules: VRRP with a port", 19, 20, "CNP", proto.formatted("ingress", "1", "VRRP"),
                PORT_WITH_PORTLESS_PROTOCOL, p0 + ".ports[0].port");
        row("TestInvalidIPProtocolRules: VRRP with port 0", 19, 20, "CNP", proto.formatted("ingress", "0", "VRRP"), OK, "");
        row("TestInvalidIPProtocolRules: IGMP with a port", 19, 20, "CNP", proto.formatted("egress", "1", "IGMP"),
                PORT_WITH_PORTLESS_PROTOCOL, e0 + ".ports[0].port");
        row("PortProtocol.sanitize: the port check reads the protocol as written", 19, 20, "CNP",
                proto.formatted("egress", "80", "vrrp"), OK, "");
        row("utils.go L4Proto.Validate: VRRP before 1.19", 16, 18, "CNP", proto.formatted("ingress", "0", "VRRP"),
                INVALID_PROTOCOL, p0 + ".ports[0].protocol");
        row("utils.go L4Proto.Validate: GRE in 1.20", 20, 20, "CNP", proto.formatted("ingress", "0", "GRE"), OK, "");
        row("utils.go L4Proto.Validate: GRE before 1.20", 16, 19, "CNP", proto.formatted("ingress", "0", "GRE"),
                INVALID_PROTOCOL, p0 + ".ports[0].protocol");
        row("utils_test.go TestParseL4Proto: tcp", "CNP", proto.formatted("ingress", "80", "tcp"), OK, "");
        row("utils_test.go TestParseL4Proto: Any", "CNP", proto.formatted("ingress", "80", "Any"), OK, "");
        row("utils_test.go TestParseL4Proto: foo2", "CNP", proto.formatted("ingress", "80", "foo2"), INVALID_PROTOCOL,
                p0 + ".ports[0].protocol");
        row("utils_test.go TestParseL4Proto: ICMP is not a port protocol", "CNP", proto.formatted("ingress", "80", "ICMP"),
                INVALID_PROTOCOL, p0 + ".ports[0].protocol");
        row("PortProtocol.sanitize: port missing", "CNP",
                "{endpointSelector: {}, ingress: [{toPorts: [{ports: [{protocol: TCP}]}]}]}", PORT_MISSING,
                p0 + ".ports[0].port");

        // ---- PortProtocol.sanitize: Go strconv.ParseUint(s, 0, 16) and IANA service names ----
        String[][] portTexts = {{"80", OK}, {"65535", OK}, {"65536", INVALID_PORT}, {"70000", INVALID_PORT},
            {"010", OK}, {"080", INVALID_PORT}, {"1_000", OK}, {"_1000", INVALID_PORT}, {"1__0", INVALID_PORT},
            {"0x10", OK}, {"http", OK}, {"http-8080", OK}, {"-http", INVALID_PORT}, {"http--x", INVALID_PORT},
            {"a234567890123456", INVALID_PORT}, {"+80", INVALID_PORT}, {"8 0", INVALID_PORT}};
        for (String[] t : portTexts) {
            row("PortProtocol.sanitize (iana.IsSvcName, strconv.ParseUint): " + t[0], "CNP",
                    proto.formatted("ingress", t[0], "TCP"), t[1], t[1].isEmpty() ? "" : p0 + ".ports[0].port");
        }

        // ---- ICMP: TestTooManyICMPFields, TestWrongICMPFieldFamily, TestICMPRuleWithOtherRuleFailed, icmp_test ----
        String icmp = "{endpointSelector: {}, %s: [{icmps: [{fields: %s}]}]}";
        row("TestTooManyICMPFields: ingress", "CNP", icmp.formatted("ingress", icmpFields(41)), TOO_MANY_ICMP_FIELDS,
                "spec.ingress[0].icmps[0].fields");
        row("TestTooManyICMPFields: ingress, 40", "CNP", icmp.formatted("ingress", icmpFields(40)), OK, "");
        row("TestTooManyICMPFields: ingressDeny", "CNP", icmp.formatted("ingressDeny", icmpFields(41)), TOO_MANY_ICMP_FIELDS,
                "spec.ingressDeny[0].icmps[0].fields");
        row("TestWrongICMPFieldFamily: ingress", "CNP", icmp.formatted("ingress", "[{family: hoge, type: 0}]"),
                INVALID_ICMP_FAMILY, "spec.ingress[0].icmps[0].fields[0].family");
        row("TestWrongICMPFieldFamily: ingressDeny", "CNP", icmp.formatted("ingressDeny", "[{family: hoge, type: 0}]"),
                INVALID_ICMP_FAMILY, "spec.ingressDeny[0].icmps[0].fields[0].family");
        row("TestWrongICMPFieldFamily: IPv6", "CNP", icmp.formatted("ingress", "[{family: IPv6, type: 0}]"), OK, "");
        row("TestICMPFieldUnmarshal: IPv4 8", "CNP", icmp.formatted("ingress", "[{family: IPv4, type: 8}]"), OK, "");
        row("TestICMPFieldUnmarshal: IPv4 EchoRequest", "CNP", icmp.formatted("ingress", "[{family: IPv4, type: EchoRequest}]"),
                OK, "");
        row("TestICMPFieldUnmarshal: an IPv6 name in IPv4", "CNP",
                icmp.formatted("ingress", "[{family: IPv4, type: ICMPNodeInformationQuery}]"), INVALID_ICMP_TYPE,
                "spec.ingress[0].icmps[0].fields[0].type");
        row("TestICMPFieldUnmarshal: an IPv6 name in IPv6", "CNP",
                icmp.formatted("ingress", "[{family: IPv6, type: ICMPNodeInformationQuery}]"), OK, "");
        row("icmp.go ICMPField.UnmarshalJSON: no family means the IPv4 table", "CNP",
                icmp.formatted("egress", "[{type: PacketTooBig}]"), INVALID_ICMP_TYPE, "spec.egress[0].icmps[0].fields[0].type");
        for (String section : new String[] {"ingress", "egress", "ingressDeny", "egressDeny"}) {
            row("TestICMPRuleWithOtherRuleFailed: " + section, "CNP", "{endpointSelector: {}, " + section
                    + ": [{icmps: [{fields: [{type: 8}]}], toPorts: [{ports: [{port: \"80\", protocol: TCP}]}]}]}",
                    ICMP_WITH_PORTS, "spec." + section + "[0].icmps");
        }
        rowWith("rule_validation.go: ICMP rules need enable-icmp-rules", Map.of("enable-icmp-rules", "false"),
                icmp.formatted("ingress", "[{type: 8}]"), ICMP_RULES_DISABLED, "spec.ingress[0].icmps");

        // ---- TestL7RuleDirectionalitySupport (Kafka 1.16-1.19) ----
        row("TestL7RuleDirectionalitySupport: Kafka on egress", 16, 19, "CNP",
                "{endpointSelector: {}, egress: [{toPorts: [{ports: " + tcp8081
                        + ", rules: {kafka: [{role: consume, topic: deathstar-plans}]}}]}]}", OK, "");
        row("TestL7RuleDirectionalitySupport: DNS on ingress", "CNP", "{endpointSelector: {}, ingress: [{toPorts: [{ports:"
                + " [{port: \"53\", protocol: TCP}, {port: \"53\", protocol: UDP}], rules: {dns: [{matchName: empire.gov}]}}]}]}",
                DNS_ON_INGRESS, p0 + ".rules.dns");
        String kafka = "{endpointSelector: {}, egress: [{toPorts: [{ports: [{port: \"9092\", protocol: TCP}], rules:"
                + " {kafka: [%s]}}]}]}";
        row("kafka.go PortRule.Sanitize: role and apiKey", 16, 19, "CNP", kafka.formatted("{role: produce, apiKey: fetch}"),
                INVALID_KAFKA_RULE, e0 + ".rules.kafka[0]");
        row("kafka.go PortRule.Sanitize: unknown role", 16, 19, "CNP", kafka.formatted("{role: producer}"),
                INVALID_KAFKA_RULE, e0 + ".rules.kafka[0].role");
        row("kafka.go PortRule.Sanitize: API key, any case", 16, 19, "CNP", kafka.formatted("{apiKey: Fetch}"), OK, "");
        row("kafka.go PortRule.Sanitize: unknown API key", 16, 19, "CNP", kafka.formatted("{apiKey: fetchh}"),
                INVALID_KAFKA_RULE, e0 + ".rules.kafka[0].apiKey");
        row("kafka.go PortRule.Sanitize: topic characters", 16, 19, "CNP", kafka.formatted("{topic: \"a b\"}"),
                INVALID_KAFKA_RULE, e0 + ".rules.kafka[0].topic");
        row("kafka.go PortRule.Sanitize: apiVersion", 16, 19, "CNP", kafka.formatted("{apiVersion: \"40000\"}"),
                INVALID_KAFKA_RULE, e0 + ".rules.kafka[0].apiVersion");
        row("Kafka removed in 1.20: the rules are dropped", 20, 20, "CNP", kafka.formatted("{role: producer}"), OK, "");
        row("L7Rules.sanitize: two L7 protocols in one rules block", 16, 19, "CNP",
                "{endpointSelector: {}, egress: [{toPorts: [{ports: [{port: \"80\", protocol: TCP}], rules: {http: [{}],"
                        + " kafka: [{topic: t}]}}]}]}", MULTIPLE_L7_TYPES, e0 + ".rules");

        // ---- TestSanitizeDefaultDeny / rule with no section ----
        row("TestSanitizeDefaultDeny: no section", 17, 20, "CNP", "{endpointSelector: {}}", NO_SECTION, "spec");
        row("TestSanitizeDefaultDeny: no section (1.16 accepts it)", 16, 16, "CNP", "{endpointSelector: {}}", OK, "");
        row("TestSanitizeDefaultDeny: ingress: [] is no section", 17, 20, "CNP", "{endpointSelector: {}, ingress: []}",
                NO_SECTION, "spec");
        row("TestSanitizeDefaultDeny: ingressDeny only", "CNP", "{endpointSelector: {}, ingressDeny: [{}]}", OK, "");
        row("rule.go: log is known from 1.18", 18, 20, "CNP", "{endpointSelector: {}, ingress: [{}], log: {value: x}}",
                OK, "");

        // ---- fqdn_test.go TestFQDNSelectorSanitize / TestPortRuleDNSSanitize ----
        String fq = "{endpointSelector: {}, egress: [{toFQDNs: [%s]}]}";
        String dnsRule = "{endpointSelector: {}, egress: [{toEndpoints: [{}], toPorts: [{ports: [{port: \"53\", protocol:"
                + " ANY}], rules: {dns: [%s]}}]}]}";
        for (String ok : new String[] {"{matchName: cilium.io.}", "{matchName: get-cilium.io.}",
            "{matchName: foo.cilium.io.}", "{matchName: cilium.io}", "{matchName: _cilium.io}",
            "{matchPattern: \"*.cilium.io\"}", "{matchPattern: \"*._cilium.io\"}", "{matchPattern: \"*cilium.io\"}",
            "{matchPattern: cilium.io}"}) {
            row("TestFQDNSelectorSanitize: " + ok, "CNP", fq.formatted(ok), OK, "");
            row("TestPortRuleDNSSanitize: " + ok, "CNP", dnsRule.formatted(ok), OK, "");
        }
        row("TestFQDNSelectorSanitize: matchName a{1,2}", "CNP", fq.formatted("{matchName: \"a{1,2}.cilium.io.\"}"),
                INVALID_FQDN, "spec.egress[0].toFQDNs[0].matchName");
        row("TestFQDNSelectorSanitize: matchPattern [a-z]*", "CNP", fq.formatted("{matchPattern: \"[a-z]*.cilium.io.\"}"),
                INVALID_FQDN, "spec.egress[0].toFQDNs[0].matchPattern");
        row("TestFQDNSelectorSanitize: both set", "CNP", fq.formatted("{matchName: cilium.io, matchPattern: \"*cilium.io\"}"),
                INVALID_FQDN, "spec.egress[0].toFQDNs[0]");
        row("TestPortRuleDNSSanitize: matchName a{1,2}", "CNP", dnsRule.formatted("{matchName: \"a{1,2}.cilium.io.\"}"),
                INVALID_FQDN, e0 + ".rules.dns[0].matchName");
        row("TestPortRuleDNSSanitize: both set is not an agent error for DNS rules", "CNP",
                dnsRule.formatted("{matchName: cilium.io, matchPattern: \"*cilium.io\"}"), OK, "");
        row("FQDNSelector.sanitize: only characters are checked (the CRD pattern refuses a..com, the agent does not)",
                "CNP", fq.formatted("{matchName: a..com}"), OK, "");
        row("FQDNSelector.sanitize: a space", "CNP", fq.formatted("{matchName: \"a b.com\"}"), INVALID_FQDN,
                "spec.egress[0].toFQDNs[0].matchName");
        String longPattern = "a".repeat(250) + ".io.*";
        row("matchpattern.go Validate: pattern over 255 characters", 19, 20, "CNP",
                fq.formatted("{matchPattern: \"" + longPattern + "x\"}"), INVALID_FQDN, "spec.egress[0].toFQDNs[0].matchPattern");
        row("matchpattern.go Validate: pattern of 255 characters", 19, 20, "CNP",
                fq.formatted("{matchPattern: \"" + longPattern + "\"}"), OK, "");

        // ---- selector_test.go, labels/validation_test.go (keys and values) ----
        String sel = "{endpointSelector: {matchLabels: {%s}}, ingress: [{}]}";
        row("TestEndpointSelectorSanitize: k8s:k8s:app", "CNP", sel.formatted("\"k8s:k8s:app\": x"), INVALID_LABEL_KEY,
                "spec.endpointSelector.matchLabels.k8s:k8s:app");
        row("TestEndpointSelectorSanitize: k8s:app", "CNP", sel.formatted("\"k8s:app\": x"), OK, "");
        for (String key : new String[] {"simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple",
            "now-with-dashes/simple", "now-with-dashes/now-with-dashes", "now.with.dots/simple",
            "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "UpperCaseAreOK123",
            "k8s:key", "any:simple/simple", "k8s:app.kubernetes.io", "k8s:app.k8s.io/name", "reserved:k8s-app"}) {
            row("TestValidateLabels: key " + key, "CNP", sel.formatted("\"" + key + "\": \"123_-.BaR\""), OK, "");
        }
        for (String key : new String[] {"nospecialchars^=@", "cantendwithadash-", "only/one/slash", "a".repeat(254),
            "k8s:empty:source"}) {
            row("TestValidateLabels: key " + key, "CNP", sel.formatted("\"" + key + "\": v"), INVALID_LABEL_KEY,
                    "spec.endpointSelector.matchLabels." + key);
        }
        row("TestValidateLabels: key :empty-source (1.20)", 20, 20, "CNP", sel.formatted("\":empty-source\": v"),
                INVALID_LABEL_KEY, "spec.endpointSelector.matchLabels.:empty-source");
        row("selector.go before 1.20: an empty source is any", 16, 19, "CNP", sel.formatted("\":empty-source\": v"), OK, "");
        String key60 = "k".repeat(60);
        row("selector.go before 1.20: any. counts towards 63 characters", 16, 19, "CNP", sel.formatted(key60 + ": v"),
                INVALID_LABEL_KEY, "spec.endpointSelector.matchLabels." + key60);
        row("labels/validation.go 1.20: a 60-character key", 20, 20, "CNP", sel.formatted(key60 + ": v"), OK, "");
        row("selector.go before 1.20: $host is reserved:host", 16, 19, "CNP", sel.formatted("\"$host\": \"\""), OK, "");
        row("labels/validation.go 1.20: $host", 20, 20, "CNP", sel.formatted("\"$host\": \"\""), INVALID_LABEL_KEY,
                "spec.endpointSelector.matchLabels.$host");
        for (String value : new String[] {"a".repeat(64), "some\\\\bad\\\\value", "bad,value", "?#$notsogood"}) {
            row("TestValidateLabels: value " + value, "CNP", sel.formatted("app: \"" + value + "\""), INVALID_LABEL_VALUE,
                    "spec.endpointSelector.matchLabels.app");
        }
        row("TestValidateLabels: value of 63 characters", "CNP", sel.formatted("app: " + "a".repeat(63)), OK, "");
        row("issue 10: Payments_NS is a valid value", "CNP", sel.formatted("app: Payments_NS"), OK, "");
        String expr = "{endpointSelector: {matchExpressions: [%s]}, ingress: [{}]}";
        row("TestLabelSelectorMatchExpression: In [value]", "CNP", expr.formatted("{key: key, operator: In, values: [value]}"),
                OK, "");
        row("TestLabelSelectorMatchExpression: key -key (1.20)", 20, 20, "CNP",
                expr.formatted("{key: \"-key\", operator: In, values: [value]}"), INVALID_LABEL_KEY,
                "spec.endpointSelector.matchExpressions[0].key");
        row("selector.go before 1.20: -key is checked as any.-key", 16, 19, "CNP",
                expr.formatted("{key: \"-key\", operator: In, values: [value]}"), OK, "");
        row("TestLabelSelectorMatchExpression: operator abc", "CNP", expr.formatted("{key: key, operator: abc, values: [value]}"),
                INVALID_SELECTOR_OPERATOR, "spec.endpointSelector.matchExpressions[0].operator");
        row("TestLabelSelectorMatchExpression: operator in (case-sensitive)", "CNP",
                expr.formatted("{key: key, operator: in, values: [value]}"), INVALID_SELECTOR_OPERATOR,
                "spec.endpointSelector.matchExpressions[0].operator");
        row("TestLabelSelectorMatchExpression: value -value", "CNP",
                expr.formatted("{key: key, operator: In, values: [\"-value\"]}"), INVALID_LABEL_VALUE,
                "spec.endpointSelector.matchExpressions[0].values[0]");
        row("labels/validation.go: In without values", "CNP", expr.formatted("{key: key, operator: In, values: []}"),
                INVALID_SELECTOR_VALUES, "spec.endpointSelector.matchExpressions[0].values");
        row("labels/validation.go: Exists with values", "CNP", expr.formatted("{key: key, operator: Exists, values: [a]}"),
                INVALID_SELECTOR_VALUES, "spec.endpointSelector.matchExpressions[0].values");
        row("labels/validation.go: Exists without values", "CNP", expr.formatted("{key: key, operator: Exists}"), OK, "");
        row("selector.go 1.17-1.19: a cidrGroupSelector key with a source", 17, 19, "CNP",
                set.formatted("{cidrGroupSelector: {matchLabels: {\"k8s:foo\": bar}}}"), INVALID_LABEL_KEY,
                "spec.egress[0].toCIDRSet[0].cidrGroupSelector.matchLabels.k8s:foo");
        row("selector.go 1.20: a cidrGroupSelector key keeps its source", 20, 20, "CNP",
                set.formatted("{cidrGroupSelector: {matchLabels: {\"k8s:foo\": bar}}}"), OK, "");

        // ---- rule_test.go TestL3Policy, TestEgressRuleRestrictions, TestPolicyEntityValidation* ----
        row("TestL3Policy: CIDR list with bare addresses and host bits", "CNP", "{endpointSelector: {}, ingress:"
                + " [{fromCIDR: [10.0.1.0/24, 192.168.2.0, 10.0.3.1, \"2001:db8::1/48\", \"2001:db9::\"]}]}", OK, "");
        String from = "{endpointSelector: {}, ingress: [{%s}]}";
        row("TestL3Policy: 10.0.1..0/24", "CNP", from.formatted("fromCIDR: [10.0.1..0/24]"), INVALID_CIDR,
                "spec.ingress[0].fromCIDR[0]");
        row("TestL3Policy: fromCIDRSet with an empty cidr", 17, 20, "CNP", from.formatted("fromCIDRSet: [{cidr: \"\"}]"),
                CIDR_RULE_SOURCE, "spec.ingress[0].fromCIDRSet[0]");
        row("TestL3Policy: fromCIDRSet with a bare address", "CNP", from.formatted("fromCIDRSet: [{cidr: 10.0.1.32}]"),
                INVALID_CIDR, "spec.ingress[0].fromCIDRSet[0].cidr");
        row("TestL3Policy: fromCIDRSet with a prefix", "CNP", from.formatted("fromCIDRSet: [{cidr: 10.0.1.0/24}]"), OK, "");
        row("TestL3Policy: except outside", "CNP", from.formatted("fromCIDRSet: [{cidr: 10.0.0.0/10, except: [10.64.0.0/11]}]"),
                INVALID_CIDR_EXCEPT, "spec.ingress[0].fromCIDRSet[0].except[0]");
        row("TestL3Policy: mask notation", "CNP", from.formatted("fromCIDR: [10.0.1.0/128.0.0.128]"), INVALID_CIDR,
                "spec.ingress[0].fromCIDR[0]");
        row("TestL3Policy: prefix too long", "CNP", from.formatted("fromCIDR: [10.0.1.0/34]"), INVALID_CIDR,
                "spec.ingress[0].fromCIDR[0]");
        row("netip.ParseAddr: leading zero in an IPv4 octet", "CNP", from.formatted("fromCIDR: [10.0.1.010]"), INVALID_CIDR,
                "spec.ingress[0].fromCIDR[0]");
        row("netip.ParsePrefix: leading zero in the length", "CNP", from.formatted("fromCIDR: [10.0.0.0/08]"), INVALID_CIDR,
                "spec.ingress[0].fromCIDR[0]");
        row("CIDR.sanitize: a bare IPv6 address with a zone", "CNP", from.formatted("fromCIDR: [\"fe80::1%eth0\"]"), OK, "");
        row("CIDR.sanitize: empty", "CNP", from.formatted("fromCIDR: [\"\"]"), INVALID_CIDR, "spec.ingress[0].fromCIDR[0]");
        row("TestEgressRuleRestrictions: toCIDR and toEndpoints", "CNP", "{endpointSelector: {}, egress: [{toCIDR:"
                + " [10.1.0.0/16, \"2001:dbf::/64\"], toEndpoints: [{matchLabels: {foo: \"\"}}]}]}", PEER_KINDS_COMBINED,
                "spec.egress[0].toEndpoints");
        row("TestEgressRuleRestrictions: toCIDR alone", "CNP", "{endpointSelector: {}, egress: [{toCIDR:"
                + " [10.1.0.0/16, \"2001:dbf::/64\"]}]}", OK, "");
        row("IngressCommonRule.sanitize: fromEntities and fromCIDR", "CNP",
                from.formatted("fromEntities: [world], fromCIDR: [10.0.0.0/8]"), PEER_KINDS_COMBINED,
                "spec.ingress[0].fromEntities");
        row("EgressRule.sanitize: toFQDNs and toEndpoints", "CNP", "{endpointSelector: {}, egress: [{toEndpoints: [{}],"
                + " toFQDNs: [{matchName: a.com}]}]}", PEER_KINDS_COMBINED, "spec.egress[0].toFQDNs");
        for (String e : new String[] {"world", "host", "world-ipv4", "kube-apiserver"}) {
            row("TestPolicyEntityValidationEgress: " + e, "CNP", "{endpointSelector: {}, egress: [{toEntities: [" + e + "]}]}",
                    OK, "");
        }
        row("TestPolicyEntityValidationEgress: trololo", "CNP", "{endpointSelector: {}, egress: [{toEntities: [trololo]}]}",
                UNKNOWN_ENTITY, "spec.egress[0].toEntities[0]");
        row("TestPolicyEntityValidationIngress: trololo", "CNP", "{endpointSelector: {}, ingress: [{fromEntities: [trololo]}]}",
                UNKNOWN_ENTITY, "spec.ingress[0].fromEntities[0]");
        row("entity.go: names are case-sensitive", "CNP", "{endpointSelector: {}, ingress: [{fromEntities: [World]}]}",
                UNKNOWN_ENTITY, "spec.ingress[0].fromEntities[0]");
        row("entity.go: no cluster-mesh entity", "CNP", "{endpointSelector: {}, ingress: [{fromEntities: [cluster-mesh]}]}",
                UNKNOWN_ENTITY, "spec.ingress[0].fromEntities[0]");
        rowWith("rule_validation.go: fromNodes needs enable-node-selector-labels", Map.of(),
                "{endpointSelector: {}, ingress: [{fromNodes: [{}]}]}", NODE_PEERS_DISABLED, "spec.ingress[0].fromNodes");
        rowWith("rule_validation.go: fromNodes with enable-node-selector-labels", Map.of("enable-node-selector-labels", "true"),
                "{endpointSelector: {}, ingress: [{fromNodes: [{}]}]}", OK, "");
        rowWith("rule_validation.go: L7 needs enable-l7-proxy", Map.of("enable-l7-proxy", "false"),
                ingressPorts("[{port: \"80\", protocol: TCP}]", HTTP_GET), L7_PROXY_DISABLED, p0 + ".rules");
        rowWith("rule_validation.go: empty port with enable-extended-ip-protocols (1.19+)",
                Map.of("enable-extended-ip-protocols", "true"),
                "{endpointSelector: {}, egress: [{toPorts: [{ports: [{protocol: TCP}]}]}]}", "", "");

        // ---- the typed sub-objects (TLSContext, Listener, HeaderMatch, Groups, Authentication): valid rows and
        // twins that differ in one place ----
        row("PortRule.sanitize: TLS contexts with secrets (no agent check on their values)", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], terminatingTLS: {secret: {name: a},"
                        + " certificate: c}, originatingTLS: {secret: {namespace: ns, name: b}, trustedCA: t}, rules: "
                        + HTTP_GET + "}"), OK, "");
        row("PortRule.sanitize: serverNames with L7 and TLS termination", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], serverNames: [a.example],"
                        + " terminatingTLS: {secret: {name: a}}, rules: " + HTTP_GET + "}"), OK, "");
        row("PortRule.sanitize: serverNames with L7 and only TLS origination", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], serverNames: [a.example],"
                        + " originatingTLS: {secret: {name: a}}, rules: " + HTTP_GET + "}"), SERVER_NAMES_WITH_L7,
                e0 + ".serverNames");
        row("rule_validation.go: an egress listener with a priority", "CNP",
                egressPortRule("{ports: [{port: \"443\", protocol: TCP}], listener: {envoyConfig: {kind:"
                        + " CiliumEnvoyConfig, name: c}, name: l, priority: 5}}"), OK, "");
        row("http.go PortRuleHTTP.Sanitize: header match with a named secret", "CNP",
                ingressPorts(tcp8081, "{http: [{headerMatches: [{name: X-Token, secret: {name: s}, mismatch: LOG}]}]}"),
                OK, "");
        row("EgressRule.sanitize: toGroups alone", "CNP",
                "{endpointSelector: {}, egress: [{toGroups: [{aws: {securityGroupsIds: [sg-1], labels: {a: b}}}]}]}",
                OK, "");
        row("EgressRule.sanitize: toGroups and toCIDR", "CNP", "{endpointSelector: {}, egress: [{toCIDR: [10.0.0.0/8],"
                + " toGroups: [{aws: {securityGroupsIds: [sg-1], labels: {a: b}}}]}]}", PEER_KINDS_COMBINED,
                "spec.egress[0].toGroups");
        row("IngressRule.sanitize: fromGroups alone, with authentication", "CNP", "{endpointSelector: {}, ingress:"
                + " [{fromGroups: [{aws: {securityGroupsNames: [web]}}], authentication: {mode: required}}]}", OK, "");
        row("IngressRule.sanitize: fromGroups and fromEntities", "CNP", "{endpointSelector: {}, ingress:"
                + " [{fromEntities: [world], fromGroups: [{aws: {securityGroupsNames: [web]}}], authentication:"
                + " {mode: required}}]}", PEER_KINDS_COMBINED, "spec.ingress[0].fromGroups");
    }

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowAgreesWithCilium(Row row) {
        for (int minor = row.from(); minor <= row.to(); minor++) {
            if (row.options().containsKey("enable-extended-ip-protocols") && minor < 19) {
                continue;
            }
            HasMetadata policy = row.kind().equals("CCNP") ? ValidationTables.ccnp(row.spec())
                    : ValidationTables.cnp(row.spec());
            List<PolicyDiagnostic> errors = ValidationTables.errors(ValidationTables.validate(policy, "1." + minor,
                    row.options()));
            if (row.code().isEmpty()) {
                assertThat(errors).as("Cilium 1.%d", minor).isEmpty();
            } else {
                assertThat(errors).as("Cilium 1.%d", minor).extracting(PolicyDiagnostic::code, PolicyDiagnostic::path)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(row.code(), row.path()));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void everyErrorCodeOfTheAgentChecksHasARow() {
        List<String> covered = ROWS.stream().map(Row::code).distinct().toList();
        assertThat(covered).contains(NO_SECTION, NO_SUBJECT, TWO_SUBJECTS, INVALID_LABEL_KEY, INVALID_LABEL_VALUE,
                INVALID_SELECTOR_OPERATOR, INVALID_SELECTOR_VALUES, PEER_KINDS_COMBINED, NODE_PEERS_DISABLED,
                UNKNOWN_ENTITY, INVALID_CIDR, CIDR_RULE_SOURCE, INVALID_CIDR_EXCEPT, INVALID_FQDN, TOO_MANY_PORTS,
                PORT_MISSING, INVALID_PORT, PORT_WITH_PORTLESS_PROTOCOL, INVALID_PROTOCOL, ICMP_RULES_DISABLED,
                ICMP_WITH_PORTS, TOO_MANY_ICMP_FIELDS, INVALID_ICMP_FAMILY, INVALID_ICMP_TYPE, L7_PROXY_DISABLED,
                L7_ON_HOST_POLICY, DNS_ON_INGRESS, L7_REQUIRES_TCP, DNS_NEEDS_PORT, DNS_PORT_RANGE, L7_WITH_PORT_ZERO,
                MULTIPLE_L7_TYPES, SERVER_NAMES_WITH_L7, EMPTY_SERVER_NAME, LISTENER_ON_INGRESS, LISTENER_WITH_L7,
                INVALID_HTTP_REGEX, INVALID_HEADER_MATCH, TO_SERVICES_WITH_PORTS, INVALID_L7_RULE, INVALID_KAFKA_RULE,
                L7_PORT_RANGE);
    }
}
