package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Value semantics of the policy records: normalisation, omitted vs empty, equality, defended copies, text. */
class PolicyModelTest {

    private static LabelSelector sel(String key, String value) {
        return LabelSelector.of(Map.of(key, value));
    }

    @Test
    void everyProtocolParsesFromItsCiliumNameInAnyCase() {
        for (L4Proto p : L4Proto.values()) {
            assertThat(L4Proto.parse(p.ciliumName())).contains(p);
            assertThat(L4Proto.parse(p.ciliumName().toLowerCase(java.util.Locale.ROOT))).contains(p);
        }
        assertThat(L4Proto.parse("")).contains(L4Proto.ANY);
        assertThat(L4Proto.parse("QUIC")).isEmpty();
        assertThat(L4Proto.parse("TCP ")).isEmpty();
    }

    @Test
    void peersKeepOmittedAndEmptyApart() {
        // cf. Cilium ingress.go: a nil FromEndpoints with toPorts is a wildcard, an empty non-nil one selects nothing
        Peers omitted = Peers.unrestricted();
        Peers empty = Peers.builder().endpoints(List.of()).build();
        assertThat(omitted.isUnrestricted()).isTrue();
        assertThat(empty.isUnrestricted()).isFalse();
        assertThat(empty).isNotEqualTo(omitted);
        assertThat(empty.endpoints()).contains(List.of());
        assertThat(omitted.endpoints()).isEmpty();
        assertThat(omitted.endpointList()).isEmpty();
        assertThat(empty.givenFields()).containsExactly("Endpoints");
        assertThat(omitted.toString()).isEqualTo("*");
        assertThat(empty.toString()).isEqualTo("endpoints=[]");
    }

    @Test
    void peerFieldsAreSortedSets() {
        Peers a = Peers.builder().endpoints(List.of(sel("b", "2"), sel("a", "1"), sel("any:b", "2")))
                .entities(List.of(Entity.WORLD, Entity.HOST, Entity.WORLD))
                .cidrs(List.of(CidrPrefix.parse("10.0.0.0/8"), CidrPrefix.parse("10.0.0.0/8"),
                        CidrPrefix.parse("192.0.2.1")))
                .build();
        Peers b = Peers.builder().entities(List.of(Entity.HOST, Entity.WORLD))
                .cidrs(List.of(CidrPrefix.parse("192.0.2.1"), CidrPrefix.parse("10.0.0.0/8")))
                .endpoints(List.of(sel("a", "1"), sel("b", "2"))).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.endpointList()).hasSize(2);
        assertThat(a.toString()).isEqualTo(
                "endpoints=[{any:a=1}, {any:b=2}] cidrs=[10.0.0.0/8, 192.0.2.1] entities=[world, host]");
        assertThat(a.givenFields()).containsExactly("Endpoints", "CIDR", "Entities");
    }

    @Test
    void peersDefendTheirCopies() {
        List<LabelSelector> list = new ArrayList<>(List.of(sel("a", "1")));
        Peers.Builder builder = Peers.builder().endpoints(list);
        list.add(sel("b", "2"));
        Peers p = builder.build();
        assertThat(p.endpointList()).hasSize(1);
        assertThatThrownBy(() -> p.endpointList().add(sel("c", "3")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.toBuilder().nodes(List.of(LabelSelector.all())).build().nodeList())
                .containsExactly(LabelSelector.all());
        assertThat(p.nodes()).isEmpty();
    }

    @Test
    void cidrPrefixesKeepTheirText() {
        CidrPrefix hostBits = CidrPrefix.parse("10.0.0.1/8");
        assertThat(hostBits.cidr()).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(hostBits.text()).isEqualTo("10.0.0.1/8");
        assertThat(hostBits.hasHostBits()).isTrue();
        assertThat(hostBits).isNotEqualTo(CidrPrefix.parse("10.0.0.0/8"));
        assertThat(CidrPrefix.parse("10.0.0.0/8").hasHostBits()).isFalse();
        assertThat(CidrPrefix.parse("192.0.2.7").hasLength()).isFalse();
        assertThat(CidrPrefix.parse("192.0.2.7").cidr()).isEqualTo(Cidr.parse("192.0.2.7/32"));
        assertThatThrownBy(() -> CidrPrefix.parse("010.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CidrPrefix.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CidrPrefix("10.0.0.0/8", Cidr.parse("10.0.0.0/9")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cidrRulesNeedExactlyOneSourceAndSubtractExceptions() {
        CidrRule r = CidrRule.of(CidrPrefix.parse("10.0.0.0/8"),
                List.of(CidrPrefix.parse("10.96.0.0/12"), CidrPrefix.parse("10.96.0.0/12")));
        assertThat(r.except()).hasSize(1);
        assertThat(r.effective().contains(IpAddress.parse("10.96.0.1"))).isFalse();
        assertThat(r.effective().contains(IpAddress.parse("10.1.0.1"))).isTrue();
        assertThat(r.toString()).isEqualTo("10.0.0.0/8 except [10.96.0.0/12]");
        assertThat(CidrRule.groupRef("corp").toString()).isEqualTo("cidrGroupRef=corp");
        assertThat(CidrRule.groupRef("corp").effective().isEmpty()).isTrue();
        assertThat(CidrRule.groupSelector(sel("cidrgroup:team", "a")).toString())
                .isEqualTo("cidrGroupSelector={cidrgroup:team=a}");
        // cf. Cilium CIDRRule.sanitize: "one of cidr, cidrGroupRef, or cidrGroupSelector is required" / "more than one"
        assertThatThrownBy(() -> new CidrRule(Optional.empty(), List.of(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new CidrRule(Optional.of(CidrPrefix.parse("10.0.0.0/8")), List.of(),
                Optional.of("corp"), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        // except beside a group: Cilium's CIDRRule.sanitize checks except only beside a cidr, so it is kept as data
        CidrRule group = new CidrRule(Optional.empty(), List.of(CidrPrefix.parse("10.0.0.0/8")),
                Optional.of("corp"), Optional.empty());
        assertThat(group.toString()).isEqualTo("cidrGroupRef=corp except [10.0.0.0/8]");
        assertThat(group.effective().isEmpty()).isTrue();
    }

    @Test
    void servicesGroupsAndOrigins() {
        assertThat(new ServicePeer.ByName("kubernetes", Optional.of("default")).toString())
                .isEqualTo("k8sService=default/kubernetes");
        assertThat(new ServicePeer.BySelector(sel("app", "db"), Optional.empty()).toString())
                .isEqualTo("k8sServiceSelector={any:app=db}");
        assertThatThrownBy(() -> new ServicePeer.ByName("", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IngressRule.of(Peers.builder().services(List.of(
                new ServicePeer.ByName("db", Optional.empty()))).build(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fromServices");
        Groups g = new Groups(Optional.of(new AwsGroup(Map.of("b", "2", "a", "1"), List.of("sg-2", "sg-1", "sg-1"),
                List.of(), Optional.of("eu-west-1"))));
        assertThat(g.aws().orElseThrow().securityGroupsIds()).containsExactly("sg-1", "sg-2");
        assertThat(g.toString()).isEqualTo(
                "groups{aws{labels={a=1, b=2} securityGroupsIds=[sg-1, sg-2] securityGroupsNames=[] region=eu-west-1}}");

        PolicyOrigin o = PolicyOrigin.of(PolicyKind.CNP, Optional.of("shop"), "allow-web", OptionalInt.of(2));
        assertThat(o.path()).isEqualTo("specs[2]");
        assertThat(o.toString()).isEqualTo("CiliumNetworkPolicy shop/allow-web specs[2]");
        assertThat(PolicyOrigin.of(PolicyKind.CCNP, Optional.empty(), "x", OptionalInt.empty()).path())
                .isEqualTo("spec");
        assertThatThrownBy(() -> PolicyOrigin.of(PolicyKind.CNP, Optional.empty(), "x", OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a namespace");
        assertThatThrownBy(() -> PolicyOrigin.of(PolicyKind.CCNP, Optional.of("ns"), "x", OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyOrigin.of(PolicyKind.CCNP, Optional.empty(), "x", OptionalInt.of(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(o.withRuleMetadata(List.of(Label.parse("k8s:team=a")), Optional.of("d")).labels())
                .containsExactly(Label.parse("k8s:team=a"));
    }

    @Test
    void fqdnEntriesKeepTheTextCiliumKeeps() {
        FqdnMatch name = FqdnMatch.name("API.example.com.");
        assertThat(name.matchName()).contains("API.example.com.");
        assertThat(name.selector().orElseThrow().matches("api.example.com")).isTrue();
        // Cilium's character check lets a digits-and-dots name through; FqdnSelector does not, so no matcher
        assertThat(FqdnMatch.name("1.2.3.4").selector()).isEmpty();
        assertThat(new FqdnMatch(Optional.of(""), Optional.of("*.x.io"))).isEqualTo(FqdnMatch.pattern("*.x.io"));
        // both given: matchName wins, as Cilium's ToRegex
        FqdnMatch both = new FqdnMatch(Optional.of("a.io"), Optional.of("*"));
        assertThat(both.selector().orElseThrow().matches("b.io")).isFalse();
        assertThat(both.toString()).isEqualTo("matchName=\"a.io\" matchPattern=\"*\"");
        assertThat(new DnsRule(Optional.empty(), Optional.empty()).selector()).isEmpty();
        assertThat(DnsRule.matchPattern("*").toString()).isEqualTo("dns{matchPattern=\"*\"}");
        assertThat(FqdnMatch.of(FqdnSelector.matchPattern("*.Example.com."))).isEqualTo(FqdnMatch.pattern("*.example.com"));
        assertThat(FqdnMatch.of(FqdnSelector.matchName("Example.com"))).isEqualTo(FqdnMatch.name("example.com"));
        assertThat(DnsRule.of(FqdnSelector.matchPattern("*"))).isEqualTo(DnsRule.matchPattern("*"));
        assertThatThrownBy(() -> FqdnMatch.name("a".repeat(FqdnMatch.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);

        EgressRule e = new EgressRule(Peers.unrestricted(), Optional.of(List.of(FqdnMatch.pattern("*.b.io"),
                FqdnMatch.name("a.io"), FqdnMatch.pattern("*.b.io"))), List.of(), List.of(), Optional.empty());
        assertThat(e.fqdnList()).containsExactly(FqdnMatch.name("a.io"), FqdnMatch.pattern("*.b.io"));
        assertThat(e.isPeerUnrestricted()).isFalse();
        assertThat(e.toString()).isEqualTo("egress{toFQDNs=[matchName=\"a.io\", matchPattern=\"*.b.io\"]}");
    }

    @Test
    void portRulesAndL7AreDataInWrittenOrder() {
        PortRule dns = PortRule.of(List.of(PortProtocol.udp(53), PortProtocol.tcp(53)),
                L7Rules.dns(List.of(DnsRule.matchPattern("*"), DnsRule.matchName("a.io"))));
        assertThat(dns.ports()).containsExactly(PortProtocol.udp(53), PortProtocol.tcp(53));
        assertThat(dns.hasL7Rules()).isTrue();
        assertThat(dns.rules().orElseThrow().hasDns()).isTrue();
        assertThat(dns.toString()).isEqualTo(
                "toPorts{ports=[53/UDP, 53/TCP] rules{dns=[dns{matchPattern=\"*\"}, dns{matchName=\"a.io\"}]}}");
        assertThat(PortRule.of(List.of(), L7Rules.empty()).hasL7Rules()).isFalse();
        HttpRule get = HttpRule.of("GET", "/api/.*");
        assertThat(get.toString()).isEqualTo("http{method=\"GET\" path=\"/api/.*\"}");
        assertThat(HttpRule.of("", "").isEmpty()).isTrue();
        Map<String, String> generic = new HashMap<>(Map.of("b", "2", "a", "1"));
        L7Rules l7 = new L7Rules(List.of(), List.of(), List.of(), Optional.of("myproto"), List.of(generic));
        generic.put("c", "3");
        assertThat(l7.l7().get(0)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(l7.toString()).isEqualTo("rules{l7proto=\"myproto\" l7=[{a=1, b=2}]}");
        KafkaRule k = new KafkaRule(Optional.of("produce"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("orders"));
        assertThat(k.toString()).isEqualTo("kafka{role=\"produce\" topic=\"orders\"}");
        HeaderMatch hm = new HeaderMatch(Optional.of(HeaderMatch.Mismatch.REPLACE), "x-token", Optional.of(
                new Secret(Optional.of("ns"), "tok")), Optional.empty());
        assertThat(hm.toString()).isEqualTo("x-token secret=ns/tok mismatch=replace");
        assertThat(HeaderMatch.Mismatch.parse("LOG")).contains(HeaderMatch.Mismatch.LOG);
        assertThat(HeaderMatch.Mismatch.parse("log")).isEmpty();
        assertThatThrownBy(() -> new Listener("CiliumEnvoyConfig", "cec", "", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Listener("CiliumEnvoyConfig", "cec", "l", 0).toString()).isEqualTo("CiliumEnvoyConfig/cec/l");
        assertThat(AuthenticationMode.parse("required")).contains(AuthenticationMode.REQUIRED);
        assertThat(AuthenticationMode.parse("Required")).isEmpty();
    }

    @Test
    void textIsBoundedAndQuoted() {
        assertThatThrownBy(() -> HttpRule.of("x".repeat(Checks.MAX_TEXT + 1), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 65536");
        assertThat(HttpRule.of("GET", "/a\"b\n").toString()).isEqualTo("http{method=\"GET\" path=\"/a\\\"b\\n\"}");
    }

    @Test
    void rulesPrintEveryEntry() {
        PolicyRule rule = PolicyRule.builder(
                        Subject.endpoints(sel("k8s:io.kubernetes.pod.namespace", "shop").withMatchLabel("app", "web")),
                        PolicyOrigin.of(PolicyKind.CNP, Optional.of("shop"), "web", OptionalInt.empty()))
                .ingress(List.of(IngressRule.of(Peers.builder().entities(List.of(Entity.WORLD)).build(),
                        List.of(PortRule.of(List.of(PortProtocol.tcp(443)))))))
                .egressDeny(List.of(new EgressDenyRule(Peers.builder().cidrs(List.of(
                        CidrPrefix.parse("169.254.169.254/32"))).build(), List.of(), List.of())))
                .build();
        assertThat(rule.toString()).isEqualTo(String.join("\n",
                "rule CiliumNetworkPolicy shop/web spec endpointSelector={any:app=web,"
                        + "k8s:io.kubernetes.pod.namespace=shop} ingressDefaultDeny=on (IMPLIED_BY_SECTION) "
                        + "egressDefaultDeny=on (IMPLIED_BY_SECTION)",
                "  ingress{from=entities=[world] toPorts=[toPorts{ports=[443/TCP]}]}",
                "  egressDeny{to=cidrs=[169.254.169.254/32]}"));
        assertThat(rule).isEqualTo(rule.toBuilder().build());
        assertThat(rule.hasIngressSection()).isTrue();
        assertThat(rule.hasEgressSection()).isTrue();
    }
}
