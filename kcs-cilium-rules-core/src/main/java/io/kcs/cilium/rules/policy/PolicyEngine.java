package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.agent.PolicyEnforcement;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.PeerSelection;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An offline Cilium policy engine: compiles CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy rules (the
 * {@link PolicyRule} model the reader produces) once, then answers "may this peer open this flow to that peer, and
 * which rule decides?" for any number of flows, with the Cilium agent's semantics ({@code pkg/policy/repository.go},
 * {@code rule.go}, {@code l4.go}, {@code mapstate.go}).
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Both sides.</b> A flow passes when the source's egress and the destination's ingress both let it pass;
 *       a side that is not a Cilium endpoint (world, remote node, unmanaged, API server) is
 *       {@link Outcome#NOT_APPLICABLE}. Cilium endpoints are pods, the local host (only with
 *       {@code enable-host-firewall}), health, ingress and init endpoints. Replies skip policy.
 *   <li><b>Subjects.</b> A rule with an {@code endpointSelector} selects endpoints other than the host whose
 *       identity labels match (a CiliumNetworkPolicy only pods of its namespace); a {@code nodeSelector} rule
 *       selects only the local host, by its node labels ({@code rule.go} {@code matchesSubject}).
 *   <li><b>Enforcement</b> per direction ({@code computePolicyEnforcementAndRules}): {@code enable-policy=never}:
 *       nothing, deny rules included; {@code always} (and every init endpoint): enforced with default deny;
 *       {@code default}: enforced with default deny when a selecting rule with a section for the direction has
 *       default deny on (its {@link DefaultDeny}, or every such rule when
 *       {@code enable-non-default-deny-policies=false}); when selecting rules exist but none turns default deny on,
 *       Cilium adds a wildcard allow, so only deny rules bite ({@link Outcome#NOT_ENFORCED}).
 *   <li><b>Deny precedence.</b> A matching deny rule beats every allow ({@link Outcome#DENIED_BY_RULE}).
 *   <li><b>Localhost.</b> With {@code allow-localhost} {@code auto} (Kubernetes) or {@code always}, ingress from
 *       the local host to a non-host endpoint whose ingress has default deny is allowed by a synthesized rule.
 *   <li><b>Peers.</b> Endpoint selectors match identity labels (pod labels, namespace, namespace labels, service
 *       account, cluster; reserved labels); entities, CIDRs (world only, nodes with
 *       {@code policy-cidr-match-mode=nodes}), FQDNs (through the {@link DnsCache}) and services as
 *       {@link PeerSelection} says, the same code the runtime-profile evaluator uses; {@code fromNodes}/
 *       {@code toNodes} match node labels of the host and remote nodes. Peer fields of one entry are
 *       alternatives; an entry without peer fields but with ports or ICMP rules selects every peer; an entry with
 *       neither selects nothing; an empty list selects nothing. CIDR groups ({@code cidrGroupRef},
 *       {@code cidrGroupSelector}) and cloud {@code groups} cannot be resolved offline and select nothing.
 *   <li><b>Ports.</b> No {@code toPorts} and no {@code icmps}: every protocol and port. Otherwise a port rule
 *       matches its protocol ({@code ANY} = TCP, UDP, SCTP) and port, {@code 0} = all ports, {@code endPort} a
 *       range, a named port the destination pod's {@link Peer.Pod#namedPorts()}; a port rule without ports is
 *       every port of TCP, UDP and SCTP; ICMP rules match ICMP / ICMPv6 by family and type.
 *   <li><b>L7.</b> An allowing port rule with L7 rules (or a listener) redirects the flow to the proxy:
 *       {@link Decision#l7Proxy()}.
 * </ul>
 *
 * <h2>Indexes</h2>
 * Rules are indexed by the identity labels their subject selectors require (one {@code key=value} of
 * {@code matchLabels} per rule, the namespace otherwise), the way Cilium's selector cache maps selectors to the
 * identities they select: a trace looks up the rules selecting each side by that side's labels, never scanning
 * every rule. The result is kept per endpoint identity (a bounded cache of peers compared by value, looked up first by
 * reference), with, per protocol and port, the entries whose ports can match, and which peer endpoint selectors select
 * it (filled on first use, one byte per distinct selector, for engines of at most 4,096
 * selectors); caching changes no verdict, rule list or explanation. Every cache is per engine, bounded, and read
 * without a lock (immutable entries published through final fields, or idempotent racy writes). The explanation of a
 * {@link Trace} is built on first use ({@link Trace#explanation()}), not when the flow is traced.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.compile(rules, CiliumAgentConfig.defaults(), DnsCache.create());
 * Peer web = Peer.pod("shop", Map.of("app", "web"));
 * Peer db = Peer.pod("db", Map.of("app", "postgres"));
 * Trace t = engine.trace(web, db, Protocol.TCP, 5432, Instant.now());
 * t.allowed();                    // true or false
 * t.ingress().outcome();          // e.g. ALLOWED
 * t.explanation();                // which policy, rule and section decided
 * }</pre>
 *
 * <p>What it does not do: no cluster access, no DNS lookups (only the given cache), no policy tiers or priorities,
 * no authentication ({@code authentication.mode}), no CIDR groups, no ClusterMesh remote identities beyond
 * labels. Immutable after {@link #compile}; {@link #trace} is thread-safe and allocation-light (the
 * {@link DnsCache} it reads is itself thread-safe).
 */
public final class PolicyEngine {

    /** At most this many rules per engine (a bound on input size). */
    public static final int MAX_RULES = 1_000_000;

    private static final String NODE_BUCKET = "\u0000node";

    private final List<PolicyRule> rules;
    private final CiliumAgentConfig config;
    private final DnsCache dns;
    private final Map<String, CompiledRule[]> subjectIndex;
    private final CompiledRule[] unindexed;
    /**
     * Per endpoint identity (pod or host peer, compared by value): its identity labels and the rules selecting it,
     * computed on first sight, the way Cilium's selector cache keeps, per identity, what selects it. Bounded: past
     * {@link #IDENTITY_CACHE_MAX} identities, new ones are computed per trace and not kept.
     */
    private final ConcurrentHashMap<Peer, Identity> identities = new ConcurrentHashMap<>();

    /** At most this many endpoint identities are cached per engine. */
    static final int IDENTITY_CACHE_MAX = 16_384;

    /**
     * How many distinct peer endpoint selectors the rules have (each has an id); an identity memoizes which of them
     * select it (Cilium's selector cache, the other way round) when there are at most {@link #MEMO_MAX_SELECTORS}.
     */
    private final int selectors;
    /** The selector memo of every world peer (they all have the same identity labels). */
    private final byte[] worldMemo;

    /** At most this many peer selectors are memoized per identity (a bound on memory: one byte each). */
    static final int MEMO_MAX_SELECTORS = 4_096;

    private static final Labels WORLD_LABELS = IdentityLabels.of(Peer.world(IpAddress.parse("0.0.0.0")), "");

    private PolicyEngine(List<PolicyRule> rules, CiliumAgentConfig config, DnsCache dns) {
        this.rules = rules;
        this.config = config;
        this.dns = dns;
        Map<String, List<CompiledRule>> index = new HashMap<>();
        List<CompiledRule> rest = new ArrayList<>();
        Map<LabelSelector, Integer> selectorIds = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule c = new CompiledRule(i, rules.get(i), config, selectorIds);
            String bucket = c.bucket();
            if (bucket == null) {
                rest.add(c);
            } else {
                index.computeIfAbsent(bucket, k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, CompiledRule[]> frozen = new HashMap<>(index.size() * 2);
        index.forEach((k, v) -> frozen.put(k, v.toArray(new CompiledRule[0])));
        this.subjectIndex = frozen;
        this.unindexed = rest.toArray(new CompiledRule[0]);
        this.selectors = selectorIds.size();
        this.worldMemo = memo();
    }

    /** A fresh selector memo for one identity, or null when the engine has too many peer selectors to memoize. */
    private byte[] memo() {
        return selectors <= MEMO_MAX_SELECTORS ? new byte[selectors] : null;
    }

    /**
     * Compiles {@code rules} for {@code config}, reading FQDN selections from {@code dns} at trace time.
     *
     * @param rules the rules of every policy (as the reader produces them), in any order: the verdicts do not
     *     depend on it; the order of {@link Decision#allowedBy()} follows it
     * @param config the agent options that change semantics
     * @param dns the DNS answers the proxy saw (read at trace time, so later observations count)
     * @throws NullPointerException when an argument or a rule is null
     * @throws IllegalArgumentException when there are more than {@link #MAX_RULES} rules
     */
    public static PolicyEngine compile(List<PolicyRule> rules, CiliumAgentConfig config, DnsCache dns) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dns, "dns");
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException(rules.size() + " rules, more than " + MAX_RULES);
        }
        return new PolicyEngine(List.copyOf(rules), config, dns);
    }

    /** The compiled rules, in the order given. */
    public List<PolicyRule> rules() {
        return rules;
    }

    /** The agent options the engine applies. */
    public CiliumAgentConfig config() {
        return config;
    }

    /**
     * Traces a new flow from {@code source} to {@code destination}.
     *
     * @param protocol the L4 protocol
     * @param port the destination port (0-65535) for TCP, UDP and SCTP; the ICMP type (0-255) for ICMP and ICMPv6;
     *     ignored (give 0) for {@link Protocol#OTHER}
     * @param now the time FQDN selections are evaluated at (DNS answers expire)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the port is out of range for the protocol
     */
    public Trace trace(Peer source, Peer destination, Protocol protocol, int port, Instant now) {
        return trace(source, destination, protocol, port, now, L7Request.NONE);
    }

    /**
     * Traces a new flow carrying the HTTP request {@code request}: as {@link #trace(Peer, Peer, Protocol, int,
     * Instant)}, and where an allowing port rule has HTTP rules the request must match one of them (method, path,
     * host, headers; Cilium's regexes are RE2, evaluated with RE2/J); the matching L7 rule is named in the
     * explanation. A port rule with L7 rules of another kind (DNS, Kafka) refuses the request.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the port is out of range for the protocol
     */
    public Trace trace(Peer source, Peer destination, Protocol protocol, int port, Instant now,
            HttpRequest request) {
        return trace(source, destination, protocol, port, now, L7Request.of(Objects.requireNonNull(request,
                "request")));
    }

    /**
     * Traces a DNS query {@code query} sent from {@code source} to the DNS server {@code destination}: where an
     * allowing egress port rule has DNS rules ({@code toPorts[].rules.dns}) the queried name must match one
     * ({@code matchName} exactly, {@code matchPattern} with Cilium's wildcards).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the port is out of range for the protocol
     */
    public Trace trace(Peer source, Peer destination, Protocol protocol, int port, Instant now, DnsQuery query) {
        return trace(source, destination, protocol, port, now, L7Request.of(Objects.requireNonNull(query,
                "query")));
    }

    private Trace trace(Peer source, Peer destination, Protocol protocol, int port, Instant now, L7Request l7) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(now, "now");
        checkPort(protocol, port);
        Flow flow = new Flow(protocol, port, destination instanceof Peer.Pod p ? p.namedPorts() : Map.of(), now, l7);
        Side src = side(source);
        Side dst = side(destination);
        Decision egress = decide(src, dst, true, flow, true);
        Decision ingress = decide(dst, src, false, flow, true);
        // the explanation is built by Trace.explanation() on first use, from the decisions' lazy reasons
        return new Trace(source, destination, protocol, port, egress, ingress);
    }

    /**
     * Whether the flow passes both sides: {@link #trace(Peer, Peer, Protocol, int, Instant)}{@code .allowed()}
     * without building decisions and explanations (what {@link ConnectivityMap} uses).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the port is out of range for the protocol
     */
    public boolean allows(Peer source, Peer destination, Protocol protocol, int port, Instant now) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(now, "now");
        checkPort(protocol, port);
        Flow flow = new Flow(protocol, port, destination instanceof Peer.Pod p ? p.namedPorts() : Map.of(), now,
                L7Request.NONE);
        Side src = side(source);
        Side dst = side(destination);
        return decide(src, dst, true, flow, false).passes() && decide(dst, src, false, flow, false).passes();
    }

    private static void checkPort(Protocol protocol, int port) {
        int max = switch (protocol) {
            case TCP, UDP, SCTP -> 65_535;
            case ICMP, ICMPV6 -> 255;
            case OTHER -> Integer.MAX_VALUE;
        };
        if (port < 0 || port > max) {
            throw new IllegalArgumentException((protocol == Protocol.ICMP || protocol == Protocol.ICMPV6
                    ? "ICMP type " : "port ") + port + " is outside 0-" + max + " for " + protocol);
        }
    }

    static String flowText(Protocol protocol, int port) {
        return switch (protocol) {
            case ICMP, ICMPV6 -> protocol + " type " + port;
            case OTHER -> "a flow of another IP protocol";
            default -> protocol + "/" + port;
        };
    }

    // ------------------------------------------------------------------------------------------------- decide

    private static boolean isEndpoint(Peer p) {
        return p instanceof Peer.Pod || p instanceof Peer.Host || p instanceof Peer.Health
                || p instanceof Peer.Ingress || p instanceof Peer.Init;
    }

    private static final List<Decision> QUICK = java.util.Arrays.stream(Outcome.values())
            .map(o -> new Decision(o, List.of(), List.of(), Optional.empty(), "")).toList();

    private static Decision quick(Outcome o) {
        return QUICK.get(o.ordinal());
    }

    /**
     * One side's decision; without {@code explain} a shared decision carrying only the outcome. With it, the rule
     * lists are built here and the reason is left to a {@link Reason} that builds the text on first use.
     */
    private Decision decide(Side self, Side other, boolean egress, Flow flow, boolean explain) {
        if (!isEndpoint(self.peer)) {
            return explain ? explained(Outcome.NOT_APPLICABLE, Reason.NOT_ENDPOINT, self, other, egress, flow)
                    : quick(Outcome.NOT_APPLICABLE);
        }
        if (self.peer instanceof Peer.Host && !config.enableHostFirewall()) {
            return explain ? explained(Outcome.NOT_ENFORCED, Reason.HOST_FIREWALL_OFF, self, other, egress, flow)
                    : quick(Outcome.NOT_ENFORCED);
        }
        if (config.policyEnforcement() == PolicyEnforcement.NEVER) {
            return explain ? explained(Outcome.NOT_ENFORCED, Reason.NEVER, self, other, egress, flow)
                    : quick(Outcome.NOT_ENFORCED);
        }
        View view = self.view(egress);
        boolean always = config.policyEnforcement() == PolicyEnforcement.ALWAYS || self.peer instanceof Peer.Init;
        CompiledRule defaultDenyBy = view.defaultDenyBy;
        boolean anySection = view.anySection;
        boolean anyAllowed = false;
        boolean anyDenied = false;
        // with explain only: the rule lists (built only when a second rule comes) and the first matches for the text
        PolicyRule allowed1 = null;
        PolicyRule denied1 = null;
        List<PolicyRule> allowedMore = null;
        List<PolicyRule> deniedMore = null;
        Reason reason = explain ? new Reason(self.peer, other.peer, egress, flow.protocol, flow.port) : null;
        String proxy = null;
        String l7Where = null;
        boolean l7Refused = false;
        CompiledRule lastDenied = null;
        CompiledRule lastAllowed = null;
        // Only the entries whose ports can match this flow, in rule order, each rule's deny entries first: the
        // same visiting order as going through every selecting rule's sections.
        for (Candidate c : view.candidates(flow)) {
            CompiledRule r = c.rule;
            Entry e = c.entry;
            String port = e.matchPort(flow);
            if (port == null) {
                continue;
            }
            String peer = e.peers.match(other, config, dns, flow.now);
            if (peer == null) {
                continue;
            }
            if (c.deny) {
                anyDenied = true;
                if (explain) {
                    if (lastDenied != r) {
                        if (denied1 == null) {
                            denied1 = r.rule;
                        } else {
                            if (deniedMore == null) {
                                deniedMore = new ArrayList<>(4);
                                deniedMore.add(denied1);
                            }
                            deniedMore.add(r.rule);
                        }
                    }
                    reason.deny(c, peer, port);
                }
                lastDenied = r;
                continue;
            }
            PortRule pr = e.anyL7 ? e.lastPortRule(flow) : null;
            if (pr != null && config.enableL7Proxy() && (pr.hasL7Rules() || pr.listener().isPresent())) {
                String kind = L7.proxyKind(pr);
                if (proxy == null) {
                    proxy = kind;
                }
                Optional<String> l7hit = e.l7(flow).evaluate(flow.l7);
                if (l7hit.isEmpty()) {
                    l7Refused = true;
                    continue;
                }
                if (explain && l7Where == null && !l7hit.get().isEmpty()) {
                    l7Where = r.name + " " + e.path + " " + l7hit.get();
                }
            } else if (explain && !flow.l7.isNone()) {
                l7Where = l7Where == null ? r.name + " " + e.path + " (no L7 rules: every request)" : l7Where;
            }
            anyAllowed = true;
            if (explain) {
                if (lastAllowed != r) {
                    if (allowed1 == null) {
                        allowed1 = r.rule;
                    } else {
                        if (allowedMore == null) {
                            allowedMore = new ArrayList<>(4);
                            allowedMore.add(allowed1);
                        }
                        allowedMore.add(r.rule);
                    }
                }
                reason.allow(c, peer, port);
            }
            lastAllowed = r;
        }
        boolean enforced = always || defaultDenyBy != null;
        boolean localhost = !egress && anySection && config.alwaysAllowLocalhost()
                && other.peer instanceof Peer.Host && !(self.peer instanceof Peer.Host);
        if (!explain) {
            return quick(anyDenied ? Outcome.DENIED_BY_RULE : !enforced ? Outcome.NOT_ENFORCED
                    : anyAllowed || localhost ? Outcome.ALLOWED : Outcome.DEFAULT_DENIED);
        }
        List<PolicyRule> allowedBy = rules(allowed1, allowedMore);
        List<PolicyRule> deniedBy = rules(denied1, deniedMore);
        Optional<String> l7Proxy = Optional.ofNullable(proxy);
        reason.context(always, anySection, defaultDenyBy, proxy, l7Where, l7Refused);
        if (anyDenied) {
            return new Decision(Outcome.DENIED_BY_RULE, allowedBy, deniedBy, Optional.empty(),
                    reason.kind(Reason.DENIED));
        }
        if (!enforced) {
            return new Decision(Outcome.NOT_ENFORCED, allowedBy, deniedBy, l7Proxy, reason.kind(Reason.NOT_ENFORCED));
        }
        if (anyAllowed) {
            return new Decision(Outcome.ALLOWED, allowedBy, deniedBy, l7Proxy, reason.kind(Reason.ALLOWED));
        }
        if (localhost) {
            return new Decision(Outcome.ALLOWED, List.of(), List.of(), Optional.empty(),
                    reason.kind(Reason.LOCALHOST));
        }
        return new Decision(Outcome.DEFAULT_DENIED, List.of(), List.of(), l7Refused ? l7Proxy : Optional.empty(),
                reason.kind(Reason.DEFAULT_DENIED));
    }

    private static List<PolicyRule> rules(PolicyRule first, List<PolicyRule> more) {
        return more != null ? List.copyOf(more) : first != null ? List.of(first) : List.of();
    }

    private static Decision explained(Outcome outcome, int kind, Side self, Side other, boolean egress, Flow flow) {
        return new Decision(outcome, List.of(), List.of(), Optional.empty(),
                new Reason(self.peer, other.peer, egress, flow.protocol, flow.port).kind(kind));
    }

    /**
     * The text of a {@link Decision#reason()}, built on first use from what {@link #decide} saw: the peers, the flow,
     * the first three matching entries of each kind (the text names at most three) and how many matched. Filled by
     * {@code decide} on one thread before the decision holding it is constructed (which publishes it through a final
     * field) and never changed after: {@link #get()} is a pure function of it.
     */
    static final class Reason implements java.util.function.Supplier<String> {
        static final int NOT_ENDPOINT = 0;
        static final int HOST_FIREWALL_OFF = 1;
        static final int NEVER = 2;
        static final int DENIED = 3;
        static final int NOT_ENFORCED = 4;
        static final int ALLOWED = 5;
        static final int LOCALHOST = 6;
        static final int DEFAULT_DENIED = 7;
        private static final int SHOWN = 3;

        private final Peer self;
        private final Peer other;
        private final boolean egress;
        private final Protocol protocol;
        private final int port;
        private int kind;
        private boolean always;
        private boolean anySection;
        private CompiledRule defaultDenyBy;
        private String proxy;
        private String l7Where;
        private boolean l7Refused;
        /** The first matches: candidate, peer field, port name ("" for every port), per kind. */
        private Object[] allows;
        private int allowCount;
        private Object[] denies;
        private int denyCount;

        Reason(Peer self, Peer other, boolean egress, Protocol protocol, int port) {
            this.self = self;
            this.other = other;
            this.egress = egress;
            this.protocol = protocol;
            this.port = port;
        }

        Reason kind(int k) {
            this.kind = k;
            return this;
        }

        void context(boolean always, boolean anySection, CompiledRule defaultDenyBy, String proxy, String l7Where,
                boolean l7Refused) {
            this.always = always;
            this.anySection = anySection;
            this.defaultDenyBy = defaultDenyBy;
            this.proxy = proxy;
            this.l7Where = l7Where;
            this.l7Refused = l7Refused;
        }

        void allow(Candidate c, String peer, String portName) {
            if (allowCount < SHOWN) {
                if (allows == null) {
                    allows = new Object[3 * SHOWN];
                }
                allows[3 * allowCount] = c;
                allows[3 * allowCount + 1] = peer;
                allows[3 * allowCount + 2] = portName;
            }
            allowCount++;
        }

        void deny(Candidate c, String peer, String portName) {
            if (denyCount < SHOWN) {
                if (denies == null) {
                    denies = new Object[3 * SHOWN];
                }
                denies[3 * denyCount] = c;
                denies[3 * denyCount + 1] = peer;
                denies[3 * denyCount + 2] = portName;
            }
            denyCount++;
        }

        /** "R path (peer, port), ... and N more": the first three matches and how many more there are. */
        private static String list(Object[] where, int count) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(count, SHOWN); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                Candidate c = (Candidate) where[3 * i];
                String peer = (String) where[3 * i + 1];
                String portName = (String) where[3 * i + 2];
                b.append(c.rule.name).append(' ').append(c.entry.path).append(" (").append(peer);
                if (!portName.isEmpty()) {
                    b.append(", ").append(portName);
                }
                b.append(')');
            }
            if (count > SHOWN) {
                b.append(" and ").append(count - SHOWN).append(" more");
            }
            return b.toString();
        }

        @Override
        public String get() {
            String dir = egress ? "egress" : "ingress";
            String who = self.describe();
            switch (kind) {
                case NOT_ENDPOINT:
                    return who + " is not a Cilium endpoint, so no " + dir + " policy applies on this side.";
                case HOST_FIREWALL_OFF:
                    return dir + " of " + who + " is not enforced: host policies need enable-host-firewall.";
                case NEVER:
                    return dir + " of " + who
                            + " is not enforced: enable-policy=never turns all policy off, deny rules included.";
                case DENIED:
                    return dir + " of " + who + " is denied by " + list(denies, denyCount)
                            + "; deny rules take precedence over allow rules" + (allowCount == 0 ? "."
                                    : " (it would otherwise be allowed by " + list(allows, allowCount) + ").");
                case NOT_ENFORCED: {
                    String why = !anySection ? (always ? "" : "no rule selecting it has an " + dir + " section")
                            : "the rules selecting it do not turn " + dir + " default deny on, so Cilium adds a"
                                    + " wildcard allow";
                    return dir + " of " + who + " is not enforced: " + why + (allowCount == 0 ? ""
                            : "; also allowed by " + list(allows, allowCount)) + l7Text() + ".";
                }
                case ALLOWED:
                    return dir + " of " + who + " is allowed by " + list(allows, allowCount) + l7Text() + ".";
                case LOCALHOST:
                    return dir + " of " + who + " is allowed from the local host by the rule Cilium synthesizes for"
                            + " allow-localhost (auto in Kubernetes, or always).";
                default: {
                    String enforcedBy = defaultDenyBy != null ? defaultDenyBy.name + " "
                            + defaultDenyBy.rule.origin().path() + " turns " + dir + " default deny on"
                            : (self instanceof Peer.Init ? "init endpoints are always enforced"
                                    : "enable-policy=always");
                    String peerText = (egress ? " to " : " from ") + other.describe();
                    return dir + " of " + who + " is default-denied: " + enforcedBy + " and no " + dir
                            + " rule allows " + flowText(protocol, port) + peerText + (l7Refused ? " for this request"
                                    + " (the " + proxy + " proxy refuses it: no L7 rule matches)" : "")
                            + "; add an " + dir + " rule that allows it.";
                }
            }
        }

        private String l7Text() {
            return (proxy == null ? "" : "; the flow is redirected to the " + proxy + " proxy")
                    + (l7Where == null ? "" : "; the request matches " + l7Where);
        }
    }

    /** The side of a flow for {@code peer}: its identity labels and selecting rules, from the identity cache. */
    private Side side(Peer peer) {
        // First by reference (callers trace the same Peer objects again and again): a direct-mapped array of
        // immutable pairs, racy but safe (final fields); then by value.
        int slot = System.identityHashCode(peer) & (RECENT - 1);
        Recent r = recent[slot];
        if (r != null && r.side.peer == peer) {
            return r.side;
        }
        if (peer instanceof Peer.World) {
            Side world = new Side(peer, WORLD_LABELS, null, null, worldMemo);
            recent[slot] = new Recent(world);
            return world;
        }
        Identity id = identities.get(peer);
        if (id == null) {
            boolean keep = identities.size() < IDENTITY_CACHE_MAX;
            Side fresh = new Side(peer, IdentityLabels.of(peer, config.clusterName()), null, null, null);
            byte[] memo = keep ? memo() : null;
            if (isEndpoint(peer)) {
                CompiledRule[] sel = selecting(fresh);
                id = new Identity(fresh.labels, new View(sel, false), new View(sel, true), memo);
            } else {
                id = new Identity(fresh.labels, null, null, memo);
            }
            if (keep) {
                identities.putIfAbsent(peer, id);
            }
        }
        Side side = new Side(peer, id.labels, id.ingress, id.egress, id.memo);
        recent[slot] = new Recent(side);
        return side;
    }

    private static final int RECENT = 4_096;
    private final Recent[] recent = new Recent[RECENT];

    /** A peer object last traced, as the side it makes (immutable: final fields only). */
    private record Recent(Side side) {
    }

    private static final CompiledRule[] NO_RULES = new CompiledRule[0];

    /** What the engine keeps per endpoint identity. */
    private record Identity(Labels labels, View ingress, View egress, byte[] memo) {
    }

    /** An entry of a selecting rule with its rule; {@code deny} for the deny sections. */
    static final class Candidate {
        final CompiledRule rule;
        final Entry entry;
        final boolean deny;

        Candidate(CompiledRule rule, Entry entry, boolean deny) {
            this.rule = rule;
            this.entry = entry;
            this.deny = deny;
        }
    }

    /**
     * One endpoint identity's direction: what does not depend on the flow (whether a selecting rule has a section
     * here, the first one turning default deny on) and, per protocol and port, the entries whose ports can match
     * (a bounded cache: an entry with a named port is always kept, since named ports are the destination's).
     */
    static final class View {
        static final int MAX_PORTS = 1_024;
        final boolean anySection;
        final CompiledRule defaultDenyBy;
        private static final int RECENT_PORTS = 16;
        private final Candidate[] all;
        private final ConcurrentHashMap<Integer, Candidate[]> byPort = new ConcurrentHashMap<>();
        /**
         * The last ports looked up, direct-mapped by port (racy but safe: immutable pairs with final fields), so a
         * repeated port needs neither a boxed key nor a map lookup.
         */
        private final PortCandidates[] recentPorts = new PortCandidates[RECENT_PORTS];

        View(CompiledRule[] selecting, boolean egress) {
            boolean any = false;
            CompiledRule dd = null;
            List<Candidate> list = new ArrayList<>();
            for (CompiledRule r : selecting) {
                Entry[] allows = egress ? r.egress : r.ingress;
                Entry[] denies = egress ? r.egressDeny : r.ingressDeny;
                if (allows.length == 0 && denies.length == 0) {
                    continue;
                }
                any = true;
                if (dd == null && (egress ? r.egressDefaultDeny : r.ingressDefaultDeny)) {
                    dd = r;
                }
                for (Entry e : denies) {
                    if (!e.selectsNothing) {
                        list.add(new Candidate(r, e, true));
                    }
                }
                for (Entry e : allows) {
                    if (!e.selectsNothing) {
                        list.add(new Candidate(r, e, false));
                    }
                }
            }
            this.anySection = any;
            this.defaultDenyBy = dd;
            this.all = list.toArray(new Candidate[0]);
        }

        Candidate[] candidates(Flow flow) {
            if (all.length == 0) {
                return all;
            }
            int port = flow.protocol == Protocol.OTHER ? 0 : flow.port;
            int key = (flow.protocol.ordinal() << 16) | port;
            int slot = (key ^ (key >>> 16) ^ (key >>> 3)) & (RECENT_PORTS - 1);
            PortCandidates pc = recentPorts[slot];
            if (pc != null && pc.key == key) {
                return pc.candidates;
            }
            Candidate[] c = byPort.get(key);
            if (c == null) {
                Flow probe = new Flow(flow.protocol, port, Map.of(), flow.now, L7Request.NONE);
                List<Candidate> out = new ArrayList<>();
                for (Candidate k : all) {
                    if (k.entry.mayMatchPort(probe)) {
                        out.add(k);
                    }
                }
                c = out.toArray(new Candidate[0]);
                if (byPort.size() < MAX_PORTS) {
                    byPort.putIfAbsent(key, c);
                }
            }
            recentPorts[slot] = new PortCandidates(key, c);
            return c;
        }
    }

    /** A port key and the candidates of a view for it. */
    private record PortCandidates(int key, Candidate[] candidates) {
    }

    /** The rules selecting {@code self} (its subject), in compile order, looked up by its identity labels. */
    private CompiledRule[] selecting(Side self) {
        List<CompiledRule> out = new ArrayList<>(32);
        if (self.peer instanceof Peer.Host) {
            collect(subjectIndex.get(NODE_BUCKET), self, out);
        } else {
            String ns = self.peer instanceof Peer.Pod p ? p.namespace() : null;
            for (Label l : self.labels().asList()) {
                if (ns != null) {
                    collect(subjectIndex.get(bucketKey(ns, l.key(), l.value())), self, out);
                }
                collect(subjectIndex.get(bucketKey("", l.key(), l.value())), self, out);
            }
            collect(unindexed, self, out);
        }
        if (out.size() > 1) {
            out.sort((a, b) -> Integer.compare(a.order, b.order));
        }
        return out.toArray(NO_RULES);
    }

    private static void collect(CompiledRule[] candidates, Side self, List<CompiledRule> out) {
        if (candidates == null) {
            return;
        }
        for (CompiledRule c : candidates) {
            if (c.selects(self)) {
                out.add(c);
            }
        }
    }

    /** A subject-index bucket: the policy's namespace ("" for clusterwide rules) and one required label. */
    static String bucketKey(String namespace, String key, String value) {
        return namespace + "\u0000" + key + "=" + value;
    }

    // ------------------------------------------------------------------------------------------------- inputs

    /** A flow's L4 part plus the optional L7 request it carries. */
    static final class Flow {
        final Protocol protocol;
        final int port;
        final Map<String, Integer> namedPorts;
        final Instant now;
        final L7Request l7;

        Flow(Protocol protocol, int port, Map<String, Integer> namedPorts, Instant now, L7Request l7) {
            this.protocol = protocol;
            this.port = port;
            this.namedPorts = namedPorts;
            this.now = now;
            this.l7 = l7;
        }
    }

    /** One side of a flow with what selectors need, computed once per trace. */
    static final class Side {
        final Peer peer;
        final Labels labels;
        /** This endpoint's ingress and egress views, or null when not an endpoint. */
        private final View ingress;
        private final View egress;

        /**
         * Per peer selector id: 0 not known yet, 1 does not select this identity, 2 selects it; or null (no memo).
         * Shared by every side of one identity and written without a lock: each cell is only ever set to the one
         * value {@link LabelSelector#matches} gives for these labels, byte writes are atomic, and a reader that does
         * not see a write yet computes the same value again.
         */
        private final byte[] memo;

        Side(Peer peer, Labels labels, View ingress, View egress, byte[] memo) {
            this.peer = peer;
            this.labels = labels;
            this.ingress = ingress;
            this.egress = egress;
            this.memo = memo;
        }

        /** Whether peer selector {@code s} (id {@code id}) selects this side's identity labels. */
        boolean selectedBy(LabelSelector s, int id) {
            byte[] m = memo;
            if (m == null) {
                return s.matches(labels);
            }
            byte known = m[id];
            if (known != 0) {
                return known == 2;
            }
            boolean v = s.matches(labels);
            m[id] = v ? (byte) 2 : (byte) 1;
            return v;
        }

        View view(boolean egressSide) {
            return egressSide ? egress : ingress;
        }

        Labels labels() {
            return labels;
        }
    }

    // ------------------------------------------------------------------------------------------------- rules

    /** A rule with its sections compiled. */
    static final class CompiledRule {
        final int order;
        final PolicyRule rule;
        final String name;
        final boolean node;
        final Optional<String> namespace;
        final LabelSelector subject;
        final Entry[] ingress;
        final Entry[] ingressDeny;
        final Entry[] egress;
        final Entry[] egressDeny;
        final boolean ingressDefaultDeny;
        final boolean egressDefaultDeny;
        /** The subject requires only the bucket's label (and its namespace), so a pod found in the bucket matches. */
        private boolean bucketOnly;
        private String requiredNamespace;

        CompiledRule(int order, PolicyRule rule, CiliumAgentConfig config, Map<LabelSelector, Integer> selectorIds) {
            this.order = order;
            this.rule = rule;
            PolicyOrigin o = rule.origin();
            this.name = o.kind().kindName() + " " + o.qualifiedName();
            this.node = rule.subject().isHostPolicy();
            this.namespace = o.namespace();
            this.subject = rule.subject().selector();
            String base = o.path();
            Optional<String> ns = o.namespace();
            List<Entry> list = new ArrayList<>();
            for (int i = 0; i < rule.ingress().size(); i++) {
                IngressRule r = rule.ingress().get(i);
                list.add(new Entry(base + ".ingress[" + i + "]", "from", new PeerMatcher(r.from(),
                        Optional.empty(), "from", ns, selectorIds), r.toPorts(), r.icmps()));
            }
            this.ingress = list.toArray(new Entry[0]);
            list.clear();
            for (int i = 0; i < rule.ingressDeny().size(); i++) {
                IngressDenyRule r = rule.ingressDeny().get(i);
                list.add(new Entry(base + ".ingressDeny[" + i + "]", "from", new PeerMatcher(r.from(),
                        Optional.empty(), "from", ns, selectorIds), denyPorts(r.toPorts()), r.icmps()));
            }
            this.ingressDeny = list.toArray(new Entry[0]);
            list.clear();
            for (int i = 0; i < rule.egress().size(); i++) {
                EgressRule r = rule.egress().get(i);
                list.add(new Entry(base + ".egress[" + i + "]", "to", new PeerMatcher(r.to(), r.toFqdns(), "to", ns,
                        selectorIds),
                        r.toPorts(), r.icmps()));
            }
            this.egress = list.toArray(new Entry[0]);
            list.clear();
            for (int i = 0; i < rule.egressDeny().size(); i++) {
                EgressDenyRule r = rule.egressDeny().get(i);
                list.add(new Entry(base + ".egressDeny[" + i + "]", "to", new PeerMatcher(r.to(), Optional.empty(),
                        "to", ns, selectorIds), denyPorts(r.toPorts()), r.icmps()));
            }
            this.egressDeny = list.toArray(new Entry[0]);
            boolean forced = !config.enableNonDefaultDenyPolicies();
            this.ingressDefaultDeny = rule.hasIngressSection() && (forced || rule.ingressDefaultDeny().enabled());
            this.egressDefaultDeny = rule.hasEgressSection() && (forced || rule.egressDefaultDeny().enabled());
        }

        private static List<PortRule> denyPorts(List<PortDenyRule> ports) {
            List<PortRule> out = new ArrayList<>(ports.size());
            for (PortDenyRule p : ports) {
                out.add(PortRule.of(p.ports()));
            }
            return out;
        }

        /**
         * The index bucket: the policy's namespace with one required matchLabels pair (not the namespace key when
         * another exists), else with the namespace; null (scanned for every endpoint) for a clusterwide rule whose
         * subject requires no label.
         */
        String bucket() {
            if (node) {
                return NODE_BUCKET;
            }
            String ns = namespace.orElse("");
            String nsKey = null;
            String chosen = null;
            boolean simple = subject.matchExpressions().isEmpty();
            int others = 0;
            for (Map.Entry<String, String> e : subject.matchLabels().entrySet()) {
                Label key = Label.parseSelectLabel(e.getKey());
                boolean podSource = key.isAnySource() || key.source().equals(Label.SOURCE_K8S);
                if (key.source().equals(Label.SOURCE_CIDR) || !podSource) {
                    simple = false;
                    continue;
                }
                if (key.key().equals(IdentityLabels.NAMESPACE)) {
                    nsKey = bucketKey(ns, key.key(), e.getValue());
                    requiredNamespace = e.getValue();
                    continue;
                }
                others++;
                if (chosen == null) {
                    chosen = bucketKey(ns, key.key(), e.getValue());
                }
            }
            String bucket = chosen != null ? chosen : nsKey != null ? nsKey
                    : namespace.map(n -> bucketKey(n, IdentityLabels.NAMESPACE, n)).orElse(null);
            bucketOnly = simple && bucket != null && others <= 1 && (chosen != null || nsKey != null);
            return bucket;
        }

        boolean selects(Side self) {
            if (node) {
                return self.peer instanceof Peer.Host && subject.matches(self.labels());
            }
            if (self.peer instanceof Peer.Host) {
                return false;
            }
            if (namespace.isPresent() && !(self.peer instanceof Peer.Pod p && p.namespace().equals(namespace.get()))) {
                return false;
            }
            if (bucketOnly && self.peer instanceof Peer.Pod p) {
                // found through the bucket of its own label: only the namespace remains to check
                return requiredNamespace == null || requiredNamespace.equals(p.namespace());
            }
            return subject.matches(self.labels());
        }
    }

    /** One entry of a section: peers AND (ports OR ICMP rules). */
    static final class Entry {
        final String path;
        final PeerMatcher peers;
        final List<PortRule> toPorts;
        /** Port items flattened (for cache locality): protocol bit set, range or name, index of their port rule. */
        final int[] specProtocols;
        final int[] specLow;
        final int[] specHigh;
        final String[] specNamed;
        final int[] specRule;
        final L7[] l7;
        final String[] portNames;
        final String[] icmpNames;
        final List<IcmpRule> icmps;
        final boolean allPorts;
        final boolean selectsNothing;
        /** Whether a port rule has L7 rules or a listener (only then can a match redirect to a proxy). */
        final boolean anyL7;

        Entry(String path, String prefix, PeerMatcher peers, List<PortRule> toPorts, List<IcmpRule> icmps) {
            this.path = path;
            this.peers = peers;
            this.toPorts = toPorts;
            this.icmps = icmps;
            this.allPorts = toPorts.isEmpty() && icmps.isEmpty();
            // Cilium: an entry with no peer and no port selects nothing (ingress: [{}] is the default-deny idiom).
            this.selectsNothing = peers.all && allPorts;
            boolean l7Any = false;
            for (PortRule pr : toPorts) {
                l7Any |= pr.hasL7Rules() || pr.listener().isPresent();
            }
            this.anyL7 = l7Any;
            List<PortSpec> flat = new ArrayList<>();
            List<Integer> owner = new ArrayList<>();
            this.l7 = new L7[toPorts.size()];
            this.portNames = new String[toPorts.size()];
            this.icmpNames = new String[icmps.size()];
            for (int i = 0; i < icmpNames.length; i++) {
                icmpNames[i] = "icmps[" + i + "]";
            }
            for (int i = 0; i < toPorts.size(); i++) {
                l7[i] = new L7(toPorts.get(i));
                portNames[i] = "toPorts[" + i + "]";
                List<PortProtocol> ports = toPorts.get(i).ports();
                if (ports.isEmpty()) {
                    flat.add(new PortSpec(EnumSet.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP), 0, 65_535, null));
                    owner.add(i);
                    continue;
                }
                for (PortProtocol pp : ports) {
                    flat.add(PortSpec.of(pp));
                    owner.add(i);
                }
            }
            int n = flat.size();
            this.specProtocols = new int[n];
            this.specLow = new int[n];
            this.specHigh = new int[n];
            this.specNamed = new String[n];
            this.specRule = new int[n];
            for (int k = 0; k < n; k++) {
                PortSpec ps = flat.get(k);
                for (Protocol pr : ps.protocols) {
                    specProtocols[k] |= 1 << pr.ordinal();
                }
                specLow[k] = ps.low;
                specHigh[k] = ps.high;
                specNamed[k] = ps.named;
                specRule[k] = owner.get(k);
            }
        }

        /**
         * Whether the entry's ports may match a flow of {@code probe}'s protocol and port (probe without named
         * ports): a named port item may match any flow of its protocols, depending on the destination.
         */
        boolean mayMatchPort(Flow probe) {
            if (matchPort(probe) != null) {
                return true;
            }
            for (String n : specNamed) {
                if (n != null) {
                    return true;
                }
            }
            return false;
        }

        /** The port rule or ICMP rule matching the flow ("toPorts[0]", "" for every port), or null. */
        String matchPort(Flow flow) {
            if (allPorts) {
                return "";
            }
            int hit = portRuleIndex(flow);
            if (hit >= 0) {
                return portNames[hit];
            }
            for (int i = 0; i < icmps.size(); i++) {
                for (IcmpField f : icmps.get(i).fields()) {
                    Protocol p = f.family() == IcmpFamily.IPV4 ? Protocol.ICMP : Protocol.ICMPV6;
                    if (p == flow.protocol && f.type() == flow.port) {
                        return icmpNames[i];
                    }
                }
            }
            return null;
        }

        private int portRuleIndex(Flow flow) {
            int bit = 1 << flow.protocol.ordinal();
            for (int k = 0; k < specRule.length; k++) {
                if ((specProtocols[k] & bit) == 0) {
                    continue;
                }
                if (flow.protocol == Protocol.OTHER) {
                    return specRule[k];
                }
                String named = specNamed[k];
                if (named != null) {
                    Integer n = flow.namedPorts.get(named);
                    if (n != null && n == flow.port) {
                        return specRule[k];
                    }
                } else if (flow.port >= specLow[k] && flow.port <= specHigh[k]) {
                    return specRule[k];
                }
            }
            return -1;
        }

        /** The compiled L7 rules of the port rule that matched the flow; call only when {@link #lastPortRule} is not null. */
        L7 l7(Flow flow) {
            return l7[portRuleIndex(flow)];
        }

        /** The port rule that matched the flow (for L7), or null for L3-only and ICMP matches. */
        PortRule lastPortRule(Flow flow) {
            if (allPorts) {
                return null;
            }
            int i = portRuleIndex(flow);
            return i < 0 ? null : toPorts.get(i);
        }
    }

    /** One port item: protocols, a port range or a named port. */
    static final class PortSpec {
        final Set<Protocol> protocols;
        final int low;
        final int high;
        final String named;

        PortSpec(Set<Protocol> protocols, int low, int high, String named) {
            this.protocols = protocols;
            this.low = low;
            this.high = high;
            this.named = named;
        }

        static PortSpec of(PortProtocol p) {
            Set<Protocol> protos = EnumSet.noneOf(Protocol.class);
            protos.addAll(p.protocol().packetProtocols());
            if (p.port() instanceof Port.Named n) {
                return new PortSpec(protos, 0, 0, n.name());
            }
            int port = ((Port.Numbered) p.port()).number();
            if (port == 0) {
                return new PortSpec(protos, 0, Integer.MAX_VALUE, null);
            }
            // Cilium ignores an endPort below the port (l4.go: the range is port..max(port, endPort)).
            return new PortSpec(protos, port, Math.max(port, p.endPort()), null);
        }
    }

    /** The peer part of an entry. */
    static final class PeerMatcher {
        final boolean all;
        private final String prefix;
        private final LabelSelector[] endpoints;
        /** The engine-wide id of each endpoint selector (for the identities' selector memo). */
        private final int[] endpointIds;
        private final CidrSet cidrs;
        private final CidrSet cidrSets;
        private final int entities;
        private final List<ServicePeer> services;
        private final Optional<String> policyNamespace;
        private final LabelSelector[] nodes;
        private final Set<String> fqdnNames;
        private final FqdnSelector[] fqdnPatterns;
        private final boolean hasFqdn;

        private final String allName;
        private final String entitiesName;
        private final String endpointsName;
        private final String cidrName;
        private final String cidrSetName;
        private final String nodesName;

        PeerMatcher(Peers p, Optional<List<FqdnMatch>> fqdns, String prefix, Optional<String> policyNamespace,
                Map<LabelSelector, Integer> selectorIds) {
            this.prefix = prefix;
            this.allName = "every " + (prefix.equals("from") ? "source" : "destination") + " peer";
            this.entitiesName = prefix + "Entities";
            this.endpointsName = prefix + "Endpoints";
            this.cidrName = prefix + "CIDR";
            this.cidrSetName = prefix + "CIDRSet";
            this.nodesName = prefix + "Nodes";
            this.all = p.isUnrestricted() && fqdns.isEmpty();
            this.endpoints = p.endpointList().toArray(new LabelSelector[0]);
            this.endpointIds = new int[endpoints.length];
            for (int i = 0; i < endpoints.length; i++) {
                endpointIds[i] = selectorIds.computeIfAbsent(endpoints[i], k -> selectorIds.size());
            }
            this.cidrs = p.cidrs().isPresent() ? CidrSet.of(p.cidrList().stream().map(CidrPrefix::cidr).toList())
                    : null;
            CidrSet sets = null;
            if (p.cidrSets().isPresent()) {
                sets = CidrSet.empty();
                for (CidrRule r : p.cidrSetList()) {
                    sets = sets.union(r.effective());
                }
            }
            this.cidrSets = sets;
            int bits = 0;
            for (Entity e : p.entityList()) {
                bits |= 1 << e.ordinal();
            }
            this.entities = bits;
            this.services = p.serviceList();
            this.policyNamespace = policyNamespace;
            this.nodes = p.nodeList().toArray(new LabelSelector[0]);
            Set<String> names = new java.util.HashSet<>();
            List<FqdnSelector> patterns = new ArrayList<>();
            for (FqdnMatch m : fqdns.orElse(List.of())) {
                Optional<FqdnSelector> s = m.selector();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.get().isPattern()) {
                    patterns.add(s.get());
                } else {
                    names.add(s.get().value());
                }
            }
            this.fqdnNames = names;
            this.fqdnPatterns = patterns.toArray(new FqdnSelector[0]);
            this.hasFqdn = !names.isEmpty() || !patterns.isEmpty();
        }

        /** The peer field that selects {@code other} ("fromEndpoints"), or null. */
        String match(Side other, CiliumAgentConfig config, DnsCache dns, Instant now) {
            if (all) {
                return allName;
            }
            Peer peer = other.peer;
            if (entities != 0 && (PeerSelection.entityBits(peer) & entities) != 0) {
                return entitiesName;
            }
            for (int i = 0; i < endpoints.length; i++) {
                if (other.selectedBy(endpoints[i], endpointIds[i])) {
                    return endpointsName;
                }
            }
            if (cidrs != null || cidrSets != null) {
                Optional<IpAddress> ip = PeerSelection.cidrAddress(peer, config);
                if (ip.isPresent()) {
                    if (cidrs != null && cidrs.contains(ip.get())) {
                        return cidrName;
                    }
                    if (cidrSets != null && cidrSets.contains(ip.get())) {
                        return cidrSetName;
                    }
                }
            }
            if (!services.isEmpty() && PeerSelection.serviceOf(peer).isPresent()) {
                Peer.Pod pod = (Peer.Pod) peer;
                Peer.Service svc = pod.service().orElseThrow();
                for (ServicePeer s : services) {
                    Optional<String> ns = s.namespace().or(() -> policyNamespace);
                    if (ns.isPresent() && !ns.get().equals(pod.namespace())) {
                        continue;
                    }
                    if (s instanceof ServicePeer.ByName n ? n.serviceName().equals(svc.name())
                            : ((ServicePeer.BySelector) s).selector().matches(serviceLabels(svc))) {
                        return "toServices";
                    }
                }
            }
            if (nodes.length != 0 && (peer instanceof Peer.Host || peer instanceof Peer.RemoteNode)) {
                for (LabelSelector s : nodes) {
                    if (s.matches(other.labels())) {
                        return nodesName;
                    }
                }
            }
            if (hasFqdn) {
                Set<String> names = PeerSelection.fqdnNames(peer, dns, now);
                for (String n : names) {
                    if (fqdnNames.contains(n)) {
                        return "toFQDNs";
                    }
                }
                for (FqdnSelector s : fqdnPatterns) {
                    for (String n : names) {
                        if (s.matches(n)) {
                            return "toFQDNs";
                        }
                    }
                }
            }
            return null;
        }

        private static Labels serviceLabels(Peer.Service svc) {
            List<Label> out = new ArrayList<>(svc.labels().size());
            svc.labels().forEach((k, v) -> out.add(Label.k8s(k, v)));
            return Labels.of(out);
        }
    }

    @Override
    public String toString() {
        return "PolicyEngine[" + rules.size() + " rules, " + config + "]";
    }
}
