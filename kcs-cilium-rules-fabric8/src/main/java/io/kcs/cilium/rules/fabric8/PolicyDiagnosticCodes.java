package io.kcs.cilium.rules.fabric8;

import java.util.List;

/**
 * The stable codes of {@link PolicyDiagnostic}, one constant per check. Each mirrors one check the Cilium agent makes
 * before it imports a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy ({@code pkg/policy/api/rule_validation.go}
 * {@code Sanitize}, the selector, port, FQDN, HTTP and entity checks it calls, {@code cnp_types.go} /
 * {@code ccnp_types.go} {@code Parse}, {@code utils.go} {@code ParseToCiliumRule}), or names a WARNING about something
 * the agent accepts silently but changes or drops. Codes never change meaning; new ones may be added.
 *
 * <p>Every constant's Javadoc says which Cilium check it mirrors, gives an example and the fix. Unless noted, the
 * severity is ERROR (the agent refuses the whole policy).
 *
 * <pre>{@code
 * if (d.code().equals(PolicyDiagnosticCodes.L7_REQUIRES_TCP)) { ... }
 * }</pre>
 *
 * <p>Constants only; thread-safe.
 */
public final class PolicyDiagnosticCodes {

    private PolicyDiagnosticCodes() {}

    // ---- the resource (cnp_types.go / ccnp_types.go Parse) ----

    /**
     * The object is neither a CiliumNetworkPolicy nor a CiliumClusterwideNetworkPolicy (or is null). Not a Cilium
     * check: the validator reads only these two kinds. Example: a {@code kind: Pod}. Fix: pass a CNP or CCNP.
     */
    public static final String UNSUPPORTED_KIND = "unsupported-kind";

    /**
     * {@code metadata.name} is missing or empty. Mirrors {@code Parse}: "CiliumNetworkPolicy must have name". Fix: set
     * {@code metadata.name}.
     */
    public static final String MISSING_NAME = "missing-name";

    /**
     * Neither {@code spec} nor {@code specs}. Mirrors {@code Parse}: {@code ErrEmptyCNP} / {@code ErrEmptyCCNP}
     * ("Invalid CiliumNetworkPolicy spec(s): empty policy"). Fix: add a {@code spec}.
     */
    public static final String EMPTY_POLICY = "empty-policy";

    /**
     * WARNING: {@code specs: []} and no {@code spec}. {@code Parse} accepts it and imports no rule, so the policy has
     * no effect. Fix: add rules or delete the policy.
     */
    public static final String EMPTY_SPECS = "empty-specs";

    /**
     * A {@code null} item in {@code specs}. The agent dereferences every item ({@code rule.Sanitize()}); a null rule
     * is never valid. Example: {@code specs: [null]}. Fix: remove the item.
     */
    public static final String NULL_RULE = "null-rule";

    /**
     * {@code nodeSelector} in a CiliumNetworkPolicy. Mirrors {@code Parse}: "rule cannot have NodeSelector". Host
     * policies exist only clusterwide. Fix: use a CiliumClusterwideNetworkPolicy, or {@code endpointSelector}.
     */
    public static final String NODE_SELECTOR_IN_CNP = "node-selector-in-cnp";

    /**
     * WARNING: a field the targeted Cilium version does not know (e.g. {@code fromRequires} on 1.19+, a misspelt
     * {@code toPort}). The agent's decoder drops unknown fields silently, so the rule means less than it says. Fix:
     * remove or correct the field.
     */
    public static final String UNKNOWN_FIELD = "unknown-field";

    /**
     * WARNING: a {@code null} item in a list of rules, selectors or ports. Go's decoder turns it into an empty value
     * ({@code {}}), which often widens a rule. Example: {@code egress: [null]}. Fix: remove the item or write it out.
     */
    public static final String NULL_ITEM = "null-item";

    /**
     * A list longer than the validator reads ({@link CiliumPolicyValidator#MAX_LIST_ITEMS}); the rest is not checked.
     * Not a Cilium check (the agent has no such bound; the API server's request size limit is the practical one).
     * Fix: split the policy.
     */
    public static final String TOO_MANY_ITEMS = "too-many-items";

    // ---- the rule (rule_validation.go Rule.Sanitize) ----

    /**
     * A rule with none of {@code ingress}, {@code ingressDeny}, {@code egress}, {@code egressDeny} (or all empty).
     * Mirrors {@code Rule.Sanitize}: "rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny". Fix:
     * add a section; {@code ingress: [{}]} denies all ingress.
     */
    public static final String NO_SECTION = "no-section";

    /**
     * A rule with neither {@code endpointSelector} nor {@code nodeSelector}. Mirrors {@code Rule.Sanitize}: "rule must
     * have one of EndpointSelector or NodeSelector". Fix: add {@code endpointSelector: {}} (every endpoint of the
     * namespace) or a narrower one.
     */
    public static final String NO_SUBJECT = "no-subject";

    /**
     * A rule with both {@code endpointSelector} and {@code nodeSelector}. Mirrors {@code Rule.Sanitize}: "rule cannot
     * have both EndpointSelector and NodeSelector". Fix: keep one; split into two rules.
     */
    public static final String TWO_SUBJECTS = "two-subjects";

    /**
     * WARNING: {@code enableDefaultDeny} sets {@code false} while the agent runs with
     * {@code enable-non-default-deny-policies=false}. Mirrors {@code Rule.Sanitize}: the agent then forces default
     * deny on for both directions, ignoring the field. Fix: enable the agent option, or remove the field.
     */
    public static final String DEFAULT_DENY_IGNORED = "default-deny-ignored";

    // ---- selectors (selector.go EndpointSelector.Sanitize, labels/validation.go) ----

    /**
     * An invalid label key in a selector ({@code matchLabels} key or {@code matchExpressions[].key}). Mirrors
     * {@code labels.IsValidCiliumLabelKey}: an optional alphanumeric source and {@code :}, then a Kubernetes
     * qualified name. Example: {@code "app name"}, {@code "k8s:a:b"}. Fix: use a valid label key.
     */
    public static final String INVALID_LABEL_KEY = "invalid-label-key";

    /**
     * An invalid label value in a selector. Mirrors Kubernetes {@code IsValidLabelValue} (at most 63 characters,
     * alphanumerics with {@code -_.} inside). Example: {@code app: "web/frontend"}. Fix: use a valid label value.
     */
    public static final String INVALID_LABEL_VALUE = "invalid-label-value";

    /**
     * A {@code matchExpressions} operator other than {@code In}, {@code NotIn}, {@code Exists},
     * {@code DoesNotExist} (case-sensitive). Mirrors {@code ValidateLabelSelectorRequirement}. Fix: use one of them.
     */
    public static final String INVALID_SELECTOR_OPERATOR = "invalid-selector-operator";

    /**
     * {@code values} do not fit the operator: empty for {@code In}/{@code NotIn}, or present for
     * {@code Exists}/{@code DoesNotExist}. Mirrors {@code ValidateLabelSelectorRequirement}. Fix: add or remove
     * {@code values}.
     */
    public static final String INVALID_SELECTOR_VALUES = "invalid-selector-values";

    /**
     * WARNING: a CiliumNetworkPolicy's {@code endpointSelector} matches a namespace other than its own
     * ({@code k8s:io.kubernetes.pod.namespace}). Mirrors {@code ParseToCiliumRule}: the agent logs "illegal namespace
     * match in EndpointSelector" and replaces it with the policy's namespace. Fix: remove the namespace key, or use a
     * CCNP.
     */
    public static final String NAMESPACE_MATCH_REPLACED = "namespace-match-replaced";

    // ---- peers (rule_validation.go IngressCommonRule / EgressCommonRule sanitize) ----

    /**
     * Two peer kinds in one rule, e.g. {@code toEndpoints} and {@code toCIDR}. Mirrors {@code sanitize}: "combining
     * ToEndpoints and ToCIDR is not supported yet". Fix: one rule per peer kind.
     */
    public static final String PEER_KINDS_COMBINED = "peer-kinds-combined";

    /**
     * {@code fromNodes} / {@code toNodes} while {@code enable-node-selector-labels} is off. Mirrors
     * {@code ErrFromToNodesRequiresNodeSelectorOption}. Fix: enable the agent option, or use the {@code remote-node}
     * entity.
     */
    public static final String NODE_PEERS_DISABLED = "node-peers-disabled";

    /**
     * An entity name Cilium does not know. Mirrors {@code sanitize}: "unsupported entity". Example:
     * {@code toEntities: [wrld]}. Fix: use a name of {@code EntitySelectorMapping} (the message suggests one).
     */
    public static final String UNKNOWN_ENTITY = "unknown-entity";

    /**
     * An invalid {@code fromCIDR}/{@code toCIDR}, or {@code cidr} of a CIDR set. Mirrors {@code CIDR.sanitize} (an
     * address or a prefix, Go {@code netip} syntax) and {@code CIDRRule.sanitize} (a prefix only). Example:
     * {@code 10.0.0.0/33}. Fix: write a valid prefix.
     */
    public static final String INVALID_CIDR = "invalid-cidr";

    /**
     * A CIDR set item with none, or more than one, of {@code cidr}, {@code cidrGroupRef}, {@code cidrGroupSelector}.
     * Mirrors {@code CIDRRule.sanitize}. Fix: keep exactly one.
     */
    public static final String CIDR_RULE_SOURCE = "cidr-rule-source";

    /**
     * An {@code except} entry that is not a prefix, or not inside the set's {@code cidr} (other family, shorter, or
     * outside). Mirrors {@code CIDRRule.sanitize}: "allow CIDR prefix ... does not contain exclude CIDR prefix". Fix:
     * list only sub-prefixes of {@code cidr}.
     */
    public static final String INVALID_CIDR_EXCEPT = "invalid-cidr-except";

    /**
     * An invalid {@code toFQDNs} selector or DNS rule: both {@code matchName} and {@code matchPattern}, characters
     * outside {@code [-a-zA-Z0-9_.]} (with {@code *} for patterns). Mirrors {@code FQDNSelector.sanitize} and
     * {@code matchpattern.Validate}. Fix: one of the two, with a valid name or pattern.
     */
    public static final String INVALID_FQDN = "invalid-fqdn";

    // ---- L4 (rule_validation.go PortRule / PortProtocol sanitize, l4.go) ----

    /**
     * More than 40 ports in one {@code toPorts} item. Mirrors {@code maxPorts}: "too many ports, the max is 40".
     * Fix: split into several {@code toPorts} items.
     */
    public static final String TOO_MANY_PORTS = "too-many-ports";

    /**
     * A port item without {@code port} while {@code enable-extended-ip-protocols} is off. Mirrors
     * {@code PortProtocol.sanitize}: "port must be specified". Fix: set the port ({@code "0"} for all ports).
     */
    public static final String PORT_MISSING = "port-missing";

    /**
     * A {@code port} that is neither an IANA service name nor a number 0-65535 (Go {@code strconv.ParseUint(s, 0,
     * 16)}, so {@code 0x50} is 80 only if it is not a valid name). Mirrors {@code PortProtocol.sanitize}: "unable to
     * parse port". Example: {@code "70000"}. Fix: a port number or a named port.
     */
    public static final String INVALID_PORT = "invalid-port";

    /**
     * A non-zero port with an extended IP protocol (VRRP, IGMP, GRE, IPIP, IPV6, ESP, AH), which have no ports.
     * Mirrors {@code PortProtocol.sanitize}: "port must be empty or 0". Fix: remove the port.
     */
    public static final String PORT_WITH_PORTLESS_PROTOCOL = "port-with-portless-protocol";

    /**
     * A protocol Cilium does not know (case-insensitive). Mirrors {@code ParseL4Proto}: "invalid protocol". Example:
     * {@code protocol: ICMP} (use {@code icmps}). Fix: TCP, UDP, SCTP, ANY (and the extended ones on newer lines).
     */
    public static final String INVALID_PROTOCOL = "invalid-protocol";

    /**
     * WARNING: {@code endPort} below {@code port}, or {@code endPort} with a named port. Cilium does not refuse it:
     * the range is ignored and only {@code port} is allowed. Fix: correct the range.
     */
    public static final String IGNORED_END_PORT = "ignored-end-port";

    /**
     * ICMP rules while {@code enable-icmp-rules} is off. Mirrors {@code sanitize}: "ICMP rules can only be applied
     * when the enable-icmp-rules flag is set". Fix: enable the option, or remove {@code icmps}.
     */
    public static final String ICMP_RULES_DISABLED = "icmp-rules-disabled";

    /**
     * {@code icmps} and {@code toPorts} in one rule. Mirrors {@code errUnsupportedICMPWithToPorts}. Fix: a separate
     * rule for each.
     */
    public static final String ICMP_WITH_PORTS = "icmp-with-ports";

    /**
     * More than 40 {@code fields} in one ICMP rule. Mirrors {@code maxICMPFields}: "too many types, the max is 40".
     * Fix: split the rule.
     */
    public static final String TOO_MANY_ICMP_FIELDS = "too-many-icmp-fields";

    /**
     * An ICMP {@code family} other than {@code IPv4}, {@code IPv6} or empty (case-sensitive). Mirrors
     * {@code ICMPRule.verify}: "wrong family". Fix: {@code IPv4} or {@code IPv6}.
     */
    public static final String INVALID_ICMP_FAMILY = "invalid-icmp-family";

    /**
     * An ICMP {@code type} name that is not in the family's table, or a number outside 0-255. Mirrors
     * {@code ICMPField.UnmarshalJSON}: "ICMP type ... not found in ...". Example: {@code type: EchoRequest} is valid,
     * {@code type: Ping} is not. Fix: a number or a known name of the family.
     */
    public static final String INVALID_ICMP_TYPE = "invalid-icmp-type";

    // ---- L7 (rule_validation.go PortRule / L7Rules sanitize, http.go, fqdn.go) ----

    /**
     * L7 rules while {@code enable-l7-proxy} is off. Mirrors {@code sanitize}: "L7 policy is not supported since L7
     * proxy is not enabled". Fix: enable the L7 proxy, or remove {@code rules}.
     */
    public static final String L7_PROXY_DISABLED = "l7-proxy-disabled";

    /**
     * L7 rules in a host policy ({@code nodeSelector}) where Cilium does not support them: any L7 on host ingress,
     * HTTP on host egress. Mirrors "L7 policy is not supported on host ingress yet" / "L7 protocol HTTP is not
     * supported on host egress yet". Fix: remove the L7 rules from the host policy.
     */
    public static final String L7_ON_HOST_POLICY = "l7-on-host-policy";

    /**
     * DNS rules on ingress. Mirrors "L7 protocol DNS is not supported on ingress yet" and "DNS rules are not allowed
     * on ingress". Fix: DNS rules belong in egress rules towards the DNS server.
     */
    public static final String DNS_ON_INGRESS = "dns-on-ingress";

    /**
     * L7 rules other than DNS on a port whose protocol is not TCP (ANY included). Mirrors {@code PortRule.sanitize}:
     * "L7 rules can only apply to TCP (not UDP) except for DNS rules". Fix: {@code protocol: TCP}.
     */
    public static final String L7_REQUIRES_TCP = "l7-requires-tcp";

    /**
     * DNS rules with no port. Mirrors {@code L7Rules.sanitize}: "port 53 must be specified for DNS rules". Fix: add
     * {@code ports: [{port: "53", protocol: ANY}]}.
     */
    public static final String DNS_NEEDS_PORT = "dns-needs-port";

    /**
     * A port range together with DNS rules. Mirrors {@code PortProtocol.sanitize}: "DNS rules do not support port
     * ranges". Fix: remove {@code endPort}.
     */
    public static final String DNS_PORT_RANGE = "dns-port-range";

    /**
     * L7 rules with port 0 (all ports). Mirrors "L7 rules can not be used when a port is 0". Fix: name the ports.
     */
    public static final String L7_WITH_PORT_ZERO = "l7-with-port-zero";

    /**
     * More than one L7 rule type (e.g. {@code http} and {@code dns}) in one {@code rules}. Mirrors "multiple L7
     * protocol rule types specified in single rule" (HTTP and DNS; Kafka and generic L7 are exclusive by the CRD).
     * Fix: one {@code toPorts} item per type.
     */
    public static final String MULTIPLE_L7_TYPES = "multiple-l7-types";

    /**
     * {@code serverNames} together with L7 rules but without {@code terminatingTLS}. Mirrors "ServerNames are not
     * allowed with L7 rules without TLS termination". Fix: add {@code terminatingTLS} or drop the L7 rules.
     */
    public static final String SERVER_NAMES_WITH_L7 = "server-names-with-l7";

    /**
     * An empty string in {@code serverNames}. Mirrors {@code errEmptyServerName}: "empty server name is not allowed".
     * Fix: remove it.
     */
    public static final String EMPTY_SERVER_NAME = "empty-server-name";

    /**
     * A {@code listener} on ingress. Mirrors "Listener is not allowed on ingress". Fix: listeners work on egress only.
     */
    public static final String LISTENER_ON_INGRESS = "listener-on-ingress";

    /**
     * A {@code listener} together with L7 rules. Mirrors "Listener is not allowed with L7 rules". Fix: one or the
     * other.
     */
    public static final String LISTENER_WITH_L7 = "listener-with-l7";

    /**
     * An HTTP {@code path} or {@code method} that is not a valid Go RE2 regular expression. Mirrors
     * {@code PortRuleHTTP.Sanitize} ({@code regexp.Compile}). Example: {@code path: "/api/(v1"}. Fix: a valid RE2
     * expression (no look-around, no back references).
     */
    public static final String INVALID_HTTP_REGEX = "invalid-http-regex";

    /**
     * An invalid HTTP {@code headerMatches} item: no {@code name}, an unknown {@code mismatch} action (LOG, ADD,
     * DELETE, REPLACE), or a {@code secret} without name. Mirrors {@code PortRuleHTTP.Sanitize}. Fix: complete the
     * item.
     */
    public static final String INVALID_HEADER_MATCH = "invalid-header-match";

    /**
     * {@code toServices} together with {@code toPorts} on Cilium 1.16. Mirrors 1.16's {@code EgressRule.sanitize}:
     * "combining ToServices and ToPorts is not supported yet" (allowed from 1.17). Fix: target 1.17+, or allow the
     * service's pods with {@code toEndpoints} and {@code toPorts}.
     */
    public static final String TO_SERVICES_WITH_PORTS = "to-services-with-ports";

    /**
     * An invalid generic L7 rule (1.16-1.19): {@code l7} without {@code l7proto}, or an empty key. Mirrors
     * {@code L7Rules.sanitize} / {@code PortRuleL7.Sanitize}. Generic L7 rules were removed in 1.20 (the fields are
     * then {@link #UNKNOWN_FIELD}). Fix: set {@code l7proto}; remove empty keys.
     */
    public static final String INVALID_L7_RULE = "invalid-l7-rule";

    /**
     * An invalid Kafka rule (1.16-1.19): both {@code role} and {@code apiKey}, an unknown API key or role, an
     * {@code apiVersion} outside 0-32767, a topic longer than 255 characters or with other characters than letters,
     * digits, {@code . _ -}. Mirrors {@code kafka.PortRule.Sanitize}. Kafka rules were removed in 1.20 (then
     * {@link #UNKNOWN_FIELD}). Fix: correct the field.
     */
    public static final String INVALID_KAFKA_RULE = "invalid-kafka-rule";

    /**
     * A port range together with L7 rules on Cilium 1.16. Mirrors 1.16's {@code PortProtocol.sanitize}: "L7 rules do
     * not support port ranges" (1.17+ refuses ranges only with DNS rules, {@link #DNS_PORT_RANGE}). Fix: remove
     * {@code endPort}, or target 1.17+.
     */
    public static final String L7_PORT_RANGE = "l7-port-range";

    /**
     * A rule {@code labels} item without {@code key}. Mirrors {@code labels.Label.UnmarshalJSON}: "invalid Label:
     * does not contain label key" (the agent cannot decode the policy). Fix: set {@code key}.
     */
    public static final String INVALID_RULE_LABEL = "invalid-rule-label";

    /** Every code, in declaration order. */
    public static List<String> all() {
        return List.of(UNSUPPORTED_KIND, MISSING_NAME, EMPTY_POLICY, EMPTY_SPECS, NULL_RULE,
                NODE_SELECTOR_IN_CNP, UNKNOWN_FIELD, NULL_ITEM, TOO_MANY_ITEMS, NO_SECTION, NO_SUBJECT, TWO_SUBJECTS,
                DEFAULT_DENY_IGNORED, INVALID_LABEL_KEY, INVALID_LABEL_VALUE, INVALID_SELECTOR_OPERATOR,
                INVALID_SELECTOR_VALUES, NAMESPACE_MATCH_REPLACED, PEER_KINDS_COMBINED, NODE_PEERS_DISABLED,
                UNKNOWN_ENTITY, INVALID_CIDR, CIDR_RULE_SOURCE, INVALID_CIDR_EXCEPT, INVALID_FQDN, TOO_MANY_PORTS,
                PORT_MISSING, INVALID_PORT, PORT_WITH_PORTLESS_PROTOCOL, INVALID_PROTOCOL, IGNORED_END_PORT,
                ICMP_RULES_DISABLED, ICMP_WITH_PORTS, TOO_MANY_ICMP_FIELDS, INVALID_ICMP_FAMILY, INVALID_ICMP_TYPE,
                L7_PROXY_DISABLED, L7_ON_HOST_POLICY, DNS_ON_INGRESS, L7_REQUIRES_TCP, DNS_NEEDS_PORT, DNS_PORT_RANGE,
                L7_WITH_PORT_ZERO, MULTIPLE_L7_TYPES, SERVER_NAMES_WITH_L7, EMPTY_SERVER_NAME, LISTENER_ON_INGRESS,
                LISTENER_WITH_L7, INVALID_HTTP_REGEX, INVALID_HEADER_MATCH, TO_SERVICES_WITH_PORTS, INVALID_L7_RULE,
                INVALID_KAFKA_RULE, L7_PORT_RANGE, INVALID_RULE_LABEL);
    }

    // ---- CiliumPolicyReader ----

    /**
     * ERROR of {@link CiliumPolicyReader}: a rule the validator accepted but the core policy model cannot hold (a
     * gap between the two, to be reported as a bug); the policy then gives no rule. Path: the offending field.
     */
    public static final String NOT_REPRESENTABLE = "unrepresentable-rule";

    /**
     * ERROR of {@link CiliumPolicyReader}: {@code metadata.name} is not an RFC 1123 subdomain or
     * {@code metadata.namespace} not an RFC 1123 label. The API server refuses such an object, so no agent ever sees
     * it (and the reader would otherwise inject an impossible namespace into selectors). Path:
     * {@code metadata.namespace}. Fix: a lower-case name of letters, digits and {@code -}.
     */
    public static final String INVALID_OBJECT_NAME = "invalid-object-name";

    // ---- lints of CiliumPolicyReader (WARNINGs on policies the agent imports; never make a read invalid) ----

    /**
     * WARNING (lint): an {@code endpointSelector} of {@code {}}: a CiliumNetworkPolicy then applies to every pod of
     * its namespace, a CiliumClusterwideNetworkPolicy to every endpoint of the cluster (kube-system and Cilium's own
     * included). Cilium: an empty EndpointSelector is a wildcard. Fix: add {@code matchLabels} naming the pods. The
     * same code as {@link EndpointSelectors#EMPTY}, which the profile mapper reports.
     */
    public static final String EMPTY_ENDPOINT_SELECTOR = EndpointSelectors.EMPTY;

    /**
     * WARNING (lint): {@code fromEndpoints: [{}]} or {@code toEndpoints: [{}]} in a CiliumClusterwideNetworkPolicy
     * (any section). {@code ParseToCiliumRule} adds only {@code k8s:io.kubernetes.pod.namespace exists}, so the peer
     * is every pod of every namespace. Example path: {@code spec.ingress[0].fromEndpoints[0]}. Fix: name the
     * namespace or the pods' labels.
     */
    public static final String CLUSTERWIDE_WILDCARD_ENDPOINTS = "clusterwide-wildcard-endpoints";

    /**
     * WARNING (lint): a {@code toCIDR} / {@code fromCIDR} / {@code toCIDRSet} / {@code fromCIDRSet} prefix (less its
     * {@code except} prefixes) overlaps the cluster's own ranges of {@link MappingOptions#withClusterCidrs}. Cilium's
     * CIDR rules select only peers outside the cluster, never pods or services (nor nodes unless
     * {@code policy-cidr-match-mode=nodes}). Example: {@code toCIDR: [10.0.0.0/8]} with pods in 10.244.0.0/16. Fix:
     * select in-cluster peers with endpoints, entities or services.
     */
    public static final String CIDR_SELECTS_CLUSTER_RANGE = "cidr-selects-cluster-range";

    /**
     * WARNING (lint): an allow rule that can never take effect because a deny rule of the same subject (same policy)
     * denies {@code toEntities: [all]} / {@code fromEntities: [all]}, or {@code world} while the allow rule's peers
     * are all outside the cluster (CIDRs, FQDNs, world entities), on every port or on ports covering the allow rule's
     * ports. Deny rules win over allow rules. Example: {@code egressDeny: [{toEntities: [world]}]} with
     * {@code egress: [{toFQDNs: [...]}]}. Path: the allow rule, e.g. {@code spec.egress[1]}. Fix: remove the allow
     * rule or narrow the deny rule.
     */
    public static final String ALLOW_SHADOWED_BY_DENY = "allow-shadowed-by-deny";

    /**
     * WARNING (lint): {@code enableDefaultDeny.ingress} or {@code .egress} set on a rule with no section in that
     * direction ({@code ingress}/{@code ingressDeny}, {@code egress}/{@code egressDeny}). The agent sets the
     * default-deny posture only for directions that have rules ({@code RulesToPolicyEntries}), so the field changes
     * nothing, whether true or false. Path: {@code spec.enableDefaultDeny.egress}. Fix: add a section
     * ({@code egress: [{}]} turns default deny on without allowing anything) or remove the field. (The agent option
     * {@code enable-non-default-deny-policies=false} case is {@link #DEFAULT_DENY_IGNORED}.)
     */
    public static final String DEFAULT_DENY_NO_EFFECT = "default-deny-no-effect";

    /**
     * WARNING (lint, policy sets): {@code enableDefaultDeny.<direction>: false} on a rule whose allow rules in that
     * direction have no L7 rules, while no other policy read together turns default deny on for the same endpoints:
     * everything is allowed anyway, so the allow rules change nothing. Path: the section, {@code spec.egress}. Fix:
     * remove {@code enableDefaultDeny: false} or the rules.
     */
    public static final String ALLOW_WITHOUT_DEFAULT_DENY = "allow-without-default-deny";

    /**
     * WARNING (lint, policy sets): an egress rule with {@code toFQDNs} whose endpoints no DNS rule of the policies
     * read together covers: no egress rule with {@code toPorts[].rules.dns} selects them, so their DNS queries never
     * pass Cilium's DNS proxy, toFQDNs learns no address and the traffic stays denied. Path:
     * {@code spec.egress[0].toFQDNs}. Fix: an egress rule to kube-dns on port 53 with
     * {@code rules.dns: [{matchPattern: "*"}]} for the same endpoints.
     */
    public static final String FQDN_WITHOUT_DNS_RULE = "fqdn-without-dns-rule";

    /**
     * WARNING (lint, policy sets): a {@code toFQDNs} selector whose names no DNS rule covering the endpoints allows
     * ({@code rules.dns} patterns of the covering rules do not match it): the DNS proxy refuses the query. Path:
     * {@code spec.egress[0].toFQDNs[1]}. Fix: add a {@code rules.dns} entry matching it.
     */
    public static final String FQDN_NOT_IN_DNS_RULES = "fqdn-not-in-dns-rules";

    /** The lint codes of {@link CiliumPolicyReader}, in declaration order (all WARNING). */
    public static List<String> lints() {
        return List.of(EMPTY_ENDPOINT_SELECTOR, CLUSTERWIDE_WILDCARD_ENDPOINTS, CIDR_SELECTS_CLUSTER_RANGE,
                ALLOW_SHADOWED_BY_DENY, DEFAULT_DENY_NO_EFFECT, ALLOW_WITHOUT_DEFAULT_DENY, FQDN_WITHOUT_DNS_RULE,
                FQDN_NOT_IN_DNS_RULES);
    }
}
