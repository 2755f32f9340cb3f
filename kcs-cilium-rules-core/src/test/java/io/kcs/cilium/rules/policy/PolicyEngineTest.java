package io.kcs.cilium.rules.policy;

import static io.kcs.cilium.rules.policy.Rules.cidrSet;
import static io.kcs.cilium.rules.policy.Rules.cidrs;
import static io.kcs.cilium.rules.policy.Rules.cnp;
import static io.kcs.cilium.rules.policy.Rules.ccnp;
import static io.kcs.cilium.rules.policy.Rules.endpoints;
import static io.kcs.cilium.rules.policy.Rules.entities;
import static io.kcs.cilium.rules.policy.Rules.in;
import static io.kcs.cilium.rules.policy.Rules.inDeny;
import static io.kcs.cilium.rules.policy.Rules.nonDefaultDeny;
import static io.kcs.cilium.rules.policy.Rules.out;
import static io.kcs.cilium.rules.policy.Rules.outDeny;
import static io.kcs.cilium.rules.policy.Rules.pods;
import static io.kcs.cilium.rules.policy.Rules.port;
import static io.kcs.cilium.rules.policy.Rules.sel;
import static io.kcs.cilium.rules.policy.Rules.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.agent.PolicyEnforcement;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scenario tables for {@link PolicyEngine}: our own rows, modelled on Cilium's {@code pkg/policy/*_test.go} and
 * cilium-cli's connectivity suite (each test names its source). Each negative row differs from a positive one in
 * one place.
 */
class PolicyEngineTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final CiliumAgentConfig DEFAULTS = CiliumAgentConfig.defaults();

    static final Peer.Pod CLIENT = Peer.pod("app", Map.of("kind", "client"));
    static final Peer.Pod CLIENT2 = Peer.pod("app", Map.of("kind", "client", "other", "client"));
    static final Peer.Pod ECHO = Peer.pod("app", Map.of("kind", "echo"));
    static final Peer.Pod OTHER_NS_CLIENT = Peer.pod("other", Map.of("kind", "client"));
    static final Peer WORLD = Peer.world(IpAddress.parse("203.0.113.7"));

    static PolicyEngine engine(PolicyRule... rules) {
        return PolicyEngine.compile(List.of(rules), DEFAULTS, DnsCache.create());
    }

    static PolicyEngine engine(CiliumAgentConfig config, PolicyRule... rules) {
        return PolicyEngine.compile(List.of(rules), config, DnsCache.create());
    }

    static Trace tcp80(PolicyEngine e, Peer from, Peer to) {
        return e.trace(from, to, Protocol.TCP, 80, NOW);
    }

    // ------------------------------------------------------------------------------------------- no policy

    /** repository_test.go TestDefaultAllow / TestComputePolicyEnforcementAndRules: no rule, nothing enforced. */
    @Test
    void withoutRulesEverythingPassesAndNothingIsEnforced() {
        Trace t = tcp80(engine(), CLIENT, ECHO);
        assertThat(t.allowed()).isTrue();
        assertThat(t.egress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(t.ingress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        Trace w = tcp80(engine(), CLIENT, WORLD);
        assertThat(w.ingress().outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(w.explanation()).contains("world 203.0.113.7 is not a Cilium endpoint");
    }

    // ------------------------------------------------------------------------------------------- L3 / L4

    /**
     * repository_test.go TestMinikubeGettingStarted: A allows ingress from B on 80/TCP with an HTTP rule; a second
     * rule allows the same without L7. Rows differ in source, port, protocol.
     */
    @Test
    void minikubeGettingStarted() {
        LabelSelector a = pods("app", "kind", "echo");
        PolicyRule l4 = cnp("app", "l4", a).ingress(List.of(in(endpoints(pods("app", "kind", "client")),
                tcp(80)))).build();
        PolicyRule l7 = cnp("app", "l7", a).ingress(List.of(in(endpoints(pods("app", "kind", "client")),
                PortRule.of(List.of(PortProtocol.tcp(80)), L7Rules.http(List.of(HttpRule.of("GET", "/"))))))).build();
        PolicyEngine e = engine(l4, l7);
        Trace ok = tcp80(e, CLIENT, ECHO);
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.ingress().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(ok.ingress().allowedBy()).containsExactly(l4, l7);
        assertThat(ok.ingress().l7Proxy()).contains("http");
        assertThat(ok.explanation()).contains("CiliumNetworkPolicy app/l4 spec.ingress[0] (fromEndpoints, toPorts[0])");
        // one place changed each
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 81, NOW).ingress().outcome())
                .isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(e.trace(CLIENT, ECHO, Protocol.UDP, 80, NOW).ingress().outcome())
                .isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(tcp80(e, OTHER_NS_CLIENT, ECHO).ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        Trace denied = e.trace(CLIENT, ECHO, Protocol.TCP, 81, NOW);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.explanation()).contains("default-denied").contains("CiliumNetworkPolicy app/l4 spec")
                .contains("TCP/81");
        // the egress side of the client is not selected by any rule
        assertThat(ok.egress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
    }

    /** repository_test.go TestWildcardL3RulesIngress: an entry without peers but with ports selects every peer. */
    @Test
    void emptyPeerListWithPortsSelectsEveryPeer() {
        PolicyEngine e = engine(cnp("app", "wild", pods("app", "kind", "echo"))
                .ingress(List.of(in(Peers.unrestricted(), tcp(80)))).build());
        assertThat(tcp80(e, OTHER_NS_CLIENT, ECHO).allowed()).isTrue();
        assertThat(tcp80(e, WORLD, ECHO).allowed()).isTrue();
        assertThat(e.trace(WORLD, ECHO, Protocol.TCP, 8080, NOW).allowed()).isFalse();
    }

    /** The default-deny idiom ingress: [{}] (design facts §2 "gotchas"): enforced, allows nothing. */
    @Test
    void emptyIngressEntryAllowsNothingButEnforces() {
        PolicyEngine e = engine(cnp("app", "deny-all", pods("app")).ingress(List.of(in(Peers.unrestricted())))
                .build());
        Trace t = tcp80(e, CLIENT, ECHO);
        assertThat(t.ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(t.egress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
    }

    /** An explicitly empty fromEndpoints list selects nothing (Go: non-nil empty slice), even with ports. */
    @Test
    void explicitlyEmptyPeerListSelectsNothing() {
        PolicyEngine e = engine(cnp("app", "none", pods("app", "kind", "echo"))
                .ingress(List.of(in(Peers.builder().endpoints(List.of()).build(), tcp(80)))).build());
        assertThat(tcp80(e, CLIENT, ECHO).ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
    }

    /** rule_test.go TestL4Policy / TestEgressRuleRestrictions: port 0 means all ports; ANY is TCP+UDP+SCTP. */
    @Test
    void portZeroAndProtocolAny() {
        PolicyEngine e = engine(cnp("app", "any", pods("app", "kind", "client"))
                .egress(List.of(out(endpoints(pods("app", "kind", "echo")), port("0", 0, L4Proto.ANY)))).build());
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 1, NOW).egress().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(e.trace(CLIENT, ECHO, Protocol.UDP, 65535, NOW).egress().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(e.trace(CLIENT, ECHO, Protocol.SCTP, 9, NOW).egress().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(e.trace(CLIENT, ECHO, Protocol.ICMP, 8, NOW).egress().outcome())
                .isEqualTo(Outcome.DEFAULT_DENIED);
    }

    /** distillery_test.go TestEgressPortRangePrecedence: a range with endPort; a deny inside it wins. */
    @Test
    void portRangesAndDenyInside() {
        PolicyEngine e = engine(cnp("app", "range", pods("app", "kind", "client"))
                .egress(List.of(out(endpoints(pods("app", "kind", "echo")), port("8080", 8090, L4Proto.TCP))))
                .egressDeny(List.of(outDeny(endpoints(pods("app", "kind", "echo")), tcp(8085)))).build());
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW).allowed()).isTrue();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8090, NOW).allowed()).isTrue();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8084, NOW).allowed()).isTrue();
        Trace d = e.trace(CLIENT, ECHO, Protocol.TCP, 8085, NOW);
        assertThat(d.egress().outcome()).isEqualTo(Outcome.DENIED_BY_RULE);
        assertThat(d.explanation()).contains("spec.egressDeny[0]").contains("take precedence");
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8091, NOW).egress().outcome())
                .isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8079, NOW).egress().outcome())
                .isEqualTo(Outcome.DEFAULT_DENIED);
    }

    /** rule_test.go TestIngressAllowAllNamedPort: a named port resolves on the destination pod. */
    @Test
    void namedPortsResolveOnTheDestination() {
        PolicyEngine e = engine(cnp("app", "named", pods("app", "kind", "echo"))
                .ingress(List.of(in(endpoints(pods("app")), port("http", 0, L4Proto.TCP)))).build());
        Peer.Pod echoWithPort = ECHO.withNamedPorts(Map.of("http", 8080));
        assertThat(e.trace(CLIENT, echoWithPort, Protocol.TCP, 8080, NOW).allowed()).isTrue();
        assertThat(e.trace(CLIENT, echoWithPort, Protocol.TCP, 80, NOW).allowed()).isFalse();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW).allowed()).isFalse();
    }

    /** rule_test.go TestICMPPolicy: icmps by family and type. */
    @Test
    void icmpTypesByFamily() {
        PolicyEngine e = engine(cnp("app", "icmp", pods("app", "kind", "echo"))
                .ingress(List.of(new IngressRule(endpoints(pods("app")), List.of(),
                        List.of(new IcmpRule(List.of(IcmpField.ofNumber(IcmpFamily.IPV4, 8),
                                IcmpField.ofName(IcmpFamily.IPV6, "EchoRequest")))), Optional.empty())))
                .build());
        assertThat(e.trace(CLIENT, ECHO, Protocol.ICMP, 8, NOW).allowed()).isTrue();
        assertThat(e.trace(CLIENT, ECHO, Protocol.ICMPV6, 128, NOW).allowed()).isTrue();
        assertThat(e.trace(CLIENT, ECHO, Protocol.ICMP, 0, NOW).allowed()).isFalse();
        assertThat(e.trace(CLIENT, ECHO, Protocol.ICMPV6, 8, NOW).allowed()).isFalse();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8, NOW).allowed()).isFalse();
        assertThat(e.trace(CLIENT, ECHO, Protocol.ICMP, 8, NOW).explanation()).contains("icmps[0]");
    }

    // ------------------------------------------------------------------------------------------- deny

    /** repository_deny_test.go TestDeniesIngress: deny on a port beats an L3 allow; other ports stay allowed. */
    @Test
    void denyTakesPrecedenceOnTheNamedPortOnly() {
        PolicyRule allow = cnp("app", "allow", pods("app", "kind", "echo"))
                .ingress(List.of(in(endpoints(pods("app", "kind", "client"))))).build();
        PolicyRule deny = cnp("app", "deny", pods("app", "kind", "echo"))
                .ingressDeny(List.of(inDeny(endpoints(pods("app", "kind", "client")), tcp(80)))).build();
        PolicyEngine e = engine(allow, deny);
        Trace d = tcp80(e, CLIENT, ECHO);
        assertThat(d.ingress().outcome()).isEqualTo(Outcome.DENIED_BY_RULE);
        assertThat(d.ingress().deniedBy()).containsExactly(deny);
        assertThat(d.ingress().allowedBy()).containsExactly(allow);
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 81, NOW).ingress().outcome()).isEqualTo(Outcome.ALLOWED);
    }

    /**
     * repository_test.go TestComputePolicyEnforcementAndRules (non-default-deny rows): a rule with
     * enableDefaultDeny false does not enforce, but its deny rules still apply.
     */
    @Test
    void nonDefaultDenyRulesDoNotEnforceButDeniesApply() {
        PolicyRule allow = nonDefaultDeny(cnp("app", "audit", pods("app", "kind", "echo"))
                .ingress(List.of(in(endpoints(pods("app", "kind", "client")), tcp(80))))).build();
        PolicyRule deny = nonDefaultDeny(cnp("app", "no-81", pods("app", "kind", "echo"))
                .ingressDeny(List.of(inDeny(endpoints(pods("app")), tcp(81))))).build();
        PolicyEngine e = engine(allow, deny);
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 9999, NOW).ingress().outcome())
                .isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 81, NOW).ingress().outcome())
                .isEqualTo(Outcome.DENIED_BY_RULE);
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 9999, NOW).explanation()).contains("wildcard allow");
        // the agent forcing default deny (enable-non-default-deny-policies=false) enforces the same rules
        PolicyEngine forced = engine(DEFAULTS.withEnableNonDefaultDenyPolicies(false), allow, deny);
        assertThat(forced.trace(CLIENT, ECHO, Protocol.TCP, 9999, NOW).ingress().outcome())
                .isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(forced.trace(CLIENT, ECHO, Protocol.TCP, 80, NOW).ingress().outcome())
                .isEqualTo(Outcome.ALLOWED);
    }

    /** A deny-only policy turns default deny on (its section implies it), like Cilium's ingressDeny. */
    @Test
    void denyOnlyPolicyEnforcesDefaultDeny() {
        PolicyEngine e = engine(cnp("app", "deny", pods("app", "kind", "echo"))
                .ingressDeny(List.of(inDeny(entities(Entity.WORLD)))).build());
        assertThat(tcp80(e, CLIENT, ECHO).ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(tcp80(e, WORLD, ECHO).ingress().outcome()).isEqualTo(Outcome.DENIED_BY_RULE);
    }

    // ------------------------------------------------------------------------------------------- enforcement

    /** repository.go computePolicyEnforcementAndRules: enable-policy always / never; init always enforced. */
    @Test
    void policyEnforcementModes() {
        PolicyRule deny = cnp("app", "deny", pods("app", "kind", "echo"))
                .ingressDeny(List.of(inDeny(endpoints(pods("app"))))).build();
        CiliumAgentConfig always = DEFAULTS.withPolicyEnforcement(PolicyEnforcement.ALWAYS);
        CiliumAgentConfig never = DEFAULTS.withPolicyEnforcement(PolicyEnforcement.NEVER);
        Trace a = tcp80(engine(always), CLIENT, ECHO);
        assertThat(a.egress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(a.ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(a.explanation()).contains("enable-policy=always");
        Trace n = tcp80(engine(never, deny), CLIENT, ECHO);
        assertThat(n.allowed()).isTrue();
        assertThat(n.ingress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(tcp80(engine(deny), CLIENT, ECHO).allowed()).isFalse();
        assertThat(tcp80(engine(), Peer.init(), ECHO).egress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(CiliumAgentConfig.fromOptions(Map.of("enable-policy", "Always")).policyEnforcement())
                .isEqualTo(PolicyEnforcement.ALWAYS);
        assertThatThrownBy(() -> CiliumAgentConfig.fromOptions(Map.of("enable-policy", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable-policy");
    }

    /** repository.go: ingress from the local host is allowed when default deny is on (allow-localhost auto). */
    @Test
    void localHostReachesEnforcedEndpointsUnlessAllowLocalhostIsPolicy() {
        PolicyRule r = cnp("app", "only-client", pods("app", "kind", "echo"))
                .ingress(List.of(in(endpoints(pods("app", "kind", "client"))))).build();
        Trace t = tcp80(engine(r), Peer.host(), ECHO);
        assertThat(t.ingress().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(t.explanation()).contains("allow-localhost");
        assertThat(tcp80(engine(DEFAULTS.withAlwaysAllowLocalhost(false), r), Peer.host(), ECHO).allowed())
                .isFalse();
        assertThat(tcp80(engine(r), Peer.remoteNode(), ECHO).allowed()).isFalse();
        // with enable-policy=always and no rule selecting the pod, Cilium synthesizes no localhost rule
        assertThat(tcp80(engine(DEFAULTS.withPolicyEnforcement(PolicyEnforcement.ALWAYS)), Peer.host(), ECHO)
                .ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
    }

    /** rule.go matchesSubject: nodeSelector rules select only the host, and only with the host firewall. */
    @Test
    void hostPoliciesNeedTheHostFirewall() {
        PolicyRule host = ccnp("host-fw", Subject.nodes(sel("node-role", "worker")))
                .ingress(List.of(in(entities(Entity.CLUSTER), tcp(22)))).build();
        Peer.Host worker = Peer.host().withNodeLabels(Map.of("node-role", "worker"));
        CiliumAgentConfig fw = DEFAULTS.withEnableHostFirewall(true);
        assertThat(tcp80(engine(fw, host), WORLD, worker).ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(engine(fw, host).trace(CLIENT, worker, Protocol.TCP, 22, NOW).ingress().outcome())
                .isEqualTo(Outcome.ALLOWED);
        assertThat(tcp80(engine(host), WORLD, worker).ingress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(tcp80(engine(fw, host), WORLD, Peer.host().withNodeLabels(Map.of("node-role", "control")))
                .ingress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        // an endpointSelector {} never selects the host
        PolicyRule all = ccnp("all", Subject.endpoints(LabelSelector.all()))
                .ingress(List.of(in(Peers.unrestricted()))).build();
        assertThat(tcp80(engine(fw, all), WORLD, worker).ingress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(tcp80(engine(fw, all), WORLD, ECHO).ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
    }

    /** repository.go: a CNP selects only pods of its own namespace. */
    @Test
    void namespacedPolicySelectsOnlyItsNamespace() {
        PolicyRule r = cnp("app", "deny", LabelSelector.all()).ingress(List.of(in(Peers.unrestricted()))).build();
        assertThat(tcp80(engine(r), CLIENT, ECHO).allowed()).isFalse();
        assertThat(tcp80(engine(r), CLIENT, OTHER_NS_CLIENT).allowed()).isTrue();
    }

    // ------------------------------------------------------------------------------------------- peers

    /** rule_test.go TestEgressL4AllowWorld / TestEgressL3AllowAllEntity: entities. */
    @Test
    void entitiesSelectByIdentity() {
        PolicyEngine e = engine(cnp("app", "world", pods("app", "kind", "client"))
                .egress(List.of(out(entities(Entity.WORLD), tcp(80)))).build());
        assertThat(tcp80(e, CLIENT, WORLD).allowed()).isTrue();
        assertThat(tcp80(e, CLIENT, ECHO).allowed()).isFalse();
        assertThat(tcp80(e, CLIENT, Peer.kubeApiserver()).allowed()).isFalse();
        assertThat(tcp80(e, CLIENT, Peer.kubeApiserver(IpAddress.parse("198.51.100.1"))).allowed()).isTrue();
        PolicyEngine cluster = engine(cnp("app", "cluster", pods("app", "kind", "client"))
                .egress(List.of(out(entities(Entity.CLUSTER)))).build());
        assertThat(tcp80(cluster, CLIENT, ECHO).allowed()).isTrue();
        assertThat(tcp80(cluster, CLIENT, Peer.remoteNode()).allowed()).isTrue();
        assertThat(tcp80(cluster, CLIENT, WORLD).allowed()).isFalse();
    }

    /** layer3.rst / ingress.go: CIDR rules select only world; nodes with policy-cidr-match-mode=nodes. */
    @Test
    void cidrSelectsWorldOnly() {
        PolicyRule r = cnp("app", "cidr", pods("app", "kind", "client"))
                .egress(List.of(out(cidrs("10.0.0.0/8")))).build();
        IpAddress ip = IpAddress.parse("10.1.2.3");
        assertThat(tcp80(engine(r), CLIENT, Peer.world(ip)).allowed()).isTrue();
        assertThat(tcp80(engine(r), CLIENT, Peer.pod("app", Map.of()).withIp(ip)).allowed()).isFalse();
        assertThat(tcp80(engine(r), CLIENT, Peer.remoteNode(ip)).allowed()).isFalse();
        CiliumAgentConfig nodes = CiliumAgentConfig.fromOptions(Map.of("policy-cidr-match-mode", "nodes"));
        assertThat(tcp80(engine(nodes, r), CLIENT, Peer.remoteNode(ip)).allowed()).isTrue();
        assertThat(tcp80(engine(r), CLIENT, Peer.world(IpAddress.parse("11.0.0.1"))).allowed()).isFalse();
        assertThat(tcp80(engine(r), CLIENT, Peer.world(IpAddress.parse("::ffff:10.1.2.3"))).allowed()).isFalse();
    }

    /** distillery_test.go Test_EnsureDeniesPrecedeAllows / cidr except: the hole in a CIDR set. */
    @Test
    void cidrSetExcept() {
        PolicyEngine e = engine(cnp("app", "cidrset", pods("app", "kind", "client"))
                .egress(List.of(out(cidrSet("10.0.0.0/8", "10.96.0.0/12")))).build());
        assertThat(tcp80(e, CLIENT, Peer.world(IpAddress.parse("10.1.0.1"))).allowed()).isTrue();
        assertThat(tcp80(e, CLIENT, Peer.world(IpAddress.parse("10.96.0.1"))).allowed()).isFalse();
        assertThat(tcp80(e, CLIENT, Peer.world(IpAddress.parse("10.1.0.1"))).explanation()).contains("toCIDRSet");
    }

    /** toFQDNs through the DNS cache (TTL honoured); never in-cluster peers. */
    @Test
    void fqdnThroughTheDnsCache() {
        DnsCache dns = DnsCache.create();
        IpAddress api = IpAddress.parse("203.0.113.10");
        dns.observe("api.example.com", List.of(api), Duration.ofSeconds(60), NOW);
        EgressRule fq = new EgressRule(Peers.unrestricted(), Optional.of(List.of(FqdnMatch.name("api.example.com"),
                FqdnMatch.pattern("*.cdn.example.net"))), List.of(tcp(443)), List.of(), Optional.empty());
        PolicyEngine e = PolicyEngine.compile(List.of(cnp("app", "fqdn", pods("app", "kind", "client"))
                .egress(List.of(fq)).build()), DEFAULTS, dns);
        assertThat(e.trace(CLIENT, Peer.world(api), Protocol.TCP, 443, NOW).allowed()).isTrue();
        assertThat(e.trace(CLIENT, Peer.world(api), Protocol.TCP, 443, NOW.plusSeconds(61)).allowed()).isFalse();
        assertThat(e.trace(CLIENT, Peer.world(api), Protocol.TCP, 80, NOW).allowed()).isFalse();
        assertThat(e.trace(CLIENT, Peer.world(IpAddress.parse("203.0.113.11")), Protocol.TCP, 443, NOW).allowed())
                .isFalse();
        Peer cdn = Peer.world(IpAddress.parse("192.0.2.9")).withDnsNames(java.util.Set.of("img.cdn.example.net"));
        assertThat(e.trace(CLIENT, cdn, Protocol.TCP, 443, NOW).allowed()).isTrue();
        assertThat(e.trace(CLIENT, cdn, Protocol.TCP, 443, NOW).explanation()).contains("toFQDNs");
    }

    /** toServices by name and by selector (the Service's pods, however addressed). */
    @Test
    void servicesByNameAndSelector() {
        EgressRule byName = EgressRule.of(Peers.builder().services(List.of(new ServicePeer.ByName("db",
                Optional.of("data")))).build(), List.of());
        EgressRule bySel = EgressRule.of(Peers.builder().services(List.of(new ServicePeer.BySelector(
                sel("tier", "cache"), Optional.of("data")))).build(), List.of());
        PolicyEngine e = engine(cnp("app", "svc", pods("app", "kind", "client")).egress(List.of(byName, bySel))
                .build());
        Peer.Pod pg = Peer.pod("data", Map.of("app", "postgres"));
        assertThat(tcp80(e, CLIENT, pg.viaService("db", Map.of())).allowed()).isTrue();
        assertThat(tcp80(e, CLIENT, pg.viaService("other", Map.of())).allowed()).isFalse();
        assertThat(tcp80(e, CLIENT, pg).allowed()).isFalse();
        assertThat(tcp80(e, CLIENT, pg.viaService("redis", Map.of("tier", "cache"))).allowed()).isTrue();
        assertThat(tcp80(e, CLIENT, Peer.pod("app", Map.of()).viaService("db", Map.of())).allowed()).isFalse();
    }

    /** Identity labels: namespace labels, service account, cluster (cilium-cli client-egress-to-echo-service-account). */
    @Test
    void namespaceLabelsServiceAccountAndCluster() {
        PolicyRule sa = cnp("app", "sa", pods("app", "kind", "echo")).ingress(List.of(in(endpoints(sel(
                "k8s:io.cilium.k8s.policy.serviceaccount", "client"))))).build();
        assertThat(tcp80(engine(sa), CLIENT.withServiceAccount("client"), ECHO).allowed()).isTrue();
        assertThat(tcp80(engine(sa), CLIENT.withServiceAccount("client2"), ECHO).allowed()).isFalse();
        PolicyRule nsl = cnp("app", "nsl", pods("app", "kind", "echo")).ingress(List.of(in(endpoints(sel(
                "k8s:io.cilium.k8s.namespace.labels.team", "blue"))))).build();
        assertThat(tcp80(engine(nsl), OTHER_NS_CLIENT.withNamespaceLabels(Map.of("team", "blue")), ECHO).allowed())
                .isTrue();
        assertThat(tcp80(engine(nsl), OTHER_NS_CLIENT.withNamespaceLabels(Map.of("team", "red")), ECHO).allowed())
                .isFalse();
        PolicyRule cl = cnp("app", "cl", pods("app", "kind", "echo")).ingress(List.of(in(endpoints(sel(
                "k8s:io.cilium.k8s.policy.cluster", "east"))))).build();
        assertThat(tcp80(engine(DEFAULTS.withClusterName("east"), cl), CLIENT, ECHO).allowed()).isTrue();
        assertThat(tcp80(engine(cl), CLIENT, ECHO).allowed()).isFalse();
    }

    /** fromNodes / toNodes select nodes by their labels (enable-node-selector-labels). */
    @Test
    void nodesByLabels() {
        PolicyEngine e = engine(DEFAULTS.withEnableNodeSelectorLabels(true), cnp("app", "nodes",
                pods("app", "kind", "client")).egress(List.of(out(Peers.builder().nodes(List.of(sel("zone", "a")))
                        .build()))).build());
        assertThat(tcp80(e, CLIENT, Peer.remoteNode().withNodeLabels(Map.of("zone", "a"))).allowed()).isTrue();
        assertThat(tcp80(e, CLIENT, Peer.remoteNode().withNodeLabels(Map.of("zone", "b"))).allowed()).isFalse();
        assertThat(tcp80(e, CLIENT, Peer.pod("app", Map.of("zone", "a"))).allowed()).isFalse();
    }

    // ------------------------------------------------------------------------------------------- both sides

    /** cilium-cli connectivity "echo-ingress-from-other-client-deny": egress allowed, ingress denies. */
    @Test
    void bothSidesMustAllow() {
        PolicyRule egress = cnp("app", "client-egress", pods("app", "kind", "client"))
                .egress(List.of(out(endpoints(pods("app", "kind", "echo")), tcp(8080)))).build();
        PolicyRule ingressDeny = cnp("app", "echo-deny-other", pods("app", "kind", "echo"))
                .ingressDeny(List.of(inDeny(endpoints(pods("app", "other", "client"))))).build();
        PolicyRule ingressAllow = cnp("app", "echo-allow", pods("app", "kind", "echo"))
                .ingress(List.of(in(endpoints(pods("app"))))).build();
        PolicyEngine e = engine(egress, ingressDeny, ingressAllow);
        Trace ok = e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW);
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.egress().outcome()).isEqualTo(Outcome.ALLOWED);
        Trace no = e.trace(CLIENT2, ECHO, Protocol.TCP, 8080, NOW);
        assertThat(no.allowed()).isFalse();
        assertThat(no.egress().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(no.ingress().outcome()).isEqualTo(Outcome.DENIED_BY_RULE);
        assertThat(no.explanation()).startsWith("Denied: TCP/8080").contains("echo-deny-other");
    }

    /** cilium-cli connectivity "all-egress-deny" / "client-egress-only-dns": egress [{}] then DNS only. */
    @Test
    void egressOnlyDns() {
        Peer.Pod dnsPod = Peer.pod("kube-system", Map.of("k8s-app", "kube-dns"));
        PolicyEngine e = engine(cnp("app", "only-dns", pods("app", "kind", "client")).egress(List.of(
                out(endpoints(pods("kube-system", "k8s-app", "kube-dns")), PortRule.of(List.of(
                        PortProtocol.udp(53), PortProtocol.tcp(53)), L7Rules.dns(List.of(DnsRule.matchPattern("*")))))))
                .build());
        Trace dns = e.trace(CLIENT, dnsPod, Protocol.UDP, 53, NOW);
        assertThat(dns.allowed()).isTrue();
        assertThat(dns.egress().l7Proxy()).contains("dns");
        assertThat(tcp80(e, CLIENT, ECHO).allowed()).isFalse();
        assertThat(tcp80(e, CLIENT, WORLD).allowed()).isFalse();
    }

    // ------------------------------------------------------------------------------------------- L7

    /** cilium-cli connectivity "echo-ingress-l7": GET /public allowed, GET /private refused, regex paths (RE2). */
    @Test
    void httpRulesWithRe2() {
        PortRule http = PortRule.of(List.of(PortProtocol.tcp(8080)), L7Rules.http(List.of(
                HttpRule.of("GET", "/public"), HttpRule.of("GET|HEAD", "/api/v[0-9]+/.*"),
                new HttpRule(Optional.of("POST"), Optional.of("/admin"), Optional.of("admin\\.example\\.com"),
                        List.of("X-Token: s3cret"), List.of()))));
        PolicyEngine e = engine(cnp("app", "l7", pods("app", "kind", "echo"))
                .ingress(List.of(in(endpoints(pods("app")), http))).build());
        HttpRequest get = HttpRequest.parse("GET /public");
        Trace ok = e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, get);
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.explanation()).contains("rules.http[0]");
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, HttpRequest.parse("GET /private")).allowed())
                .isFalse();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, HttpRequest.parse("GET /public/x")).allowed())
                .isFalse();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, HttpRequest.parse("HEAD /api/v2/items"))
                .allowed()).isTrue();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, HttpRequest.parse("PUT /api/v2/items"))
                .allowed()).isFalse();
        HttpRequest admin = HttpRequest.parse("POST /admin").withHost("admin.example.com")
                .withHeader("x-token", "s3cret");
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, admin).allowed()).isTrue();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, admin.withHeader("X-Token", "other")).allowed())
                .isFalse();
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, admin.withHost("adminXexample.com")).allowed())
                .isFalse();
        Trace refused = e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW, HttpRequest.parse("GET /private"));
        assertThat(refused.ingress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(refused.explanation()).contains("http proxy refuses it");
        // without a request: the L4 view, redirected to the proxy
        assertThat(e.trace(CLIENT, ECHO, Protocol.TCP, 8080, NOW).ingress().l7Proxy()).contains("http");
    }

    /** An L4-only rule for the same peer and port adds an allow-all L7 rule (TestMinikubeGettingStarted's {}). */
    @Test
    void l4RuleOnTheSamePortAllowsEveryRequest() {
        LabelSelector echo = pods("app", "kind", "echo");
        PolicyEngine e = engine(cnp("app", "l7", echo).ingress(List.of(in(endpoints(pods("app")),
                PortRule.of(List.of(PortProtocol.tcp(80)), L7Rules.http(List.of(HttpRule.of("GET", "/"))))))).build(),
                cnp("app", "l4", echo).ingress(List.of(in(endpoints(pods("app")), tcp(80)))).build());
        Trace t = e.trace(CLIENT, ECHO, Protocol.TCP, 80, NOW, HttpRequest.parse("DELETE /x"));
        assertThat(t.allowed()).isTrue();
        assertThat(t.ingress().l7Proxy()).contains("http");
        assertThat(t.ingress().allowedBy()).hasSize(1);
    }

    /** DNS rules: matchName / matchPattern (cilium-cli "client-egress-to-fqdns" DNS part). */
    @Test
    void dnsRules() {
        Peer.Pod dnsPod = Peer.pod("kube-system", Map.of("k8s-app", "kube-dns"));
        PolicyEngine e = engine(cnp("app", "dns", pods("app", "kind", "client")).egress(List.of(
                out(endpoints(pods("kube-system", "k8s-app", "kube-dns")), PortRule.of(List.of(PortProtocol.udp(53)),
                        L7Rules.dns(List.of(DnsRule.matchName("api.example.com"),
                                DnsRule.matchPattern("*.example.org"))))))).build());
        assertThat(e.trace(CLIENT, dnsPod, Protocol.UDP, 53, NOW, DnsQuery.of("API.example.com.")).allowed()).isTrue();
        assertThat(e.trace(CLIENT, dnsPod, Protocol.UDP, 53, NOW, DnsQuery.of("www.example.org")).allowed()).isTrue();
        assertThat(e.trace(CLIENT, dnsPod, Protocol.UDP, 53, NOW, DnsQuery.of("example.org")).allowed()).isFalse();
        assertThat(e.trace(CLIENT, dnsPod, Protocol.UDP, 53, NOW, DnsQuery.of("evil.com")).allowed()).isFalse();
        assertThat(e.trace(CLIENT, dnsPod, Protocol.UDP, 53, NOW, DnsQuery.of("www.example.org")).explanation())
                .contains("rules.dns[1]");
    }

    /** The README's "Trace a flow offline" example prints exactly this explanation. */
    @Test
    void readmeExampleExplanation() {
        PolicyRule allowWeb = cnp("db", "allow-web", pods("db", "app", "postgres")).ingress(List.of(in(
                endpoints(pods("shop", "app", "web")), tcp(5432)))).build();
        Trace t = engine(allowWeb).trace(Peer.pod("shop", Map.of("app", "web")), Peer.pod("db",
                Map.of("app", "postgres")), Protocol.TCP, 5433, NOW);
        assertThat(t.explanation()).isEqualTo("Denied: TCP/5433 from pod shop/{app=web} to pod db/{app=postgres}."
                + " Egress: egress of pod shop/{app=web} is not enforced: no rule selecting it has an egress section."
                + " Ingress: ingress of pod db/{app=postgres} is default-denied: CiliumNetworkPolicy db/allow-web spec"
                + " turns ingress default deny on and no ingress rule allows TCP/5433 from pod shop/{app=web}; add an"
                + " ingress rule that allows it.");
    }

    // ------------------------------------------------------------------------------------------- input checks

    @Test
    void rejectsPortsOutOfRangeWithAPreciseMessage() {
        PolicyEngine e = engine();
        assertThatThrownBy(() -> e.trace(CLIENT, ECHO, Protocol.TCP, 65536, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port 65536 is outside 0-65535 for TCP");
        assertThatThrownBy(() -> e.trace(CLIENT, ECHO, Protocol.ICMP, 256, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ICMP type 256 is outside 0-255 for ICMP");
        assertThatThrownBy(() -> e.trace(CLIENT, ECHO, Protocol.TCP, -1, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRequest.parse("GET"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("METHOD PATH");
        assertThatThrownBy(() -> Peer.pod("a", Map.of()).withNamedPorts(Map.of("http", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1-65535");
    }
}
