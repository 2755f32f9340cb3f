package io.kcs.cilium.rules.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.net.CidrSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * One table per finding code. Each positive row has a negative twin that differs in one place; the expected column
 * lists the findings of that code as {@code SEVERITY subject[+covers]}, joined by {@code &} (empty: none).
 */
class ProfileAnalyzerTest {

    private static final AnalysisOptions CLUSTER = AnalysisOptions.defaults()
            .withClusterCidrs(CidrSet.parse("10.244.0.0/16, 10.96.0.0/12, fd00:10::/56"));

    private static RuntimeProfile egress(String list) {
        return RuntimeProfile.builder().restrictEgress(RuleSet.parse(list)).build();
    }

    private static RuntimeProfile ingress(String list) {
        return RuntimeProfile.builder().restrictIngress(RuleSet.parse(list)).build();
    }

    /** The findings of {@code code} as "SEVERITY r1+r2+..." joined by "; ". */
    private static String of(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code))
                .map(f -> f.severity() + " " + f.rules().stream().map(Rule::toString).collect(Collectors.joining("+")))
                .collect(Collectors.joining(" & "));
    }

    private static String run(AnalysisOptions o, String list, String code) {
        return of(ProfileAnalyzer.create(o).analyze(egress(list)), code);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        // whole families, however written
        "0.0.0.0/0                                 ; ERROR 0.0.0.0/0",
        "0.0.0.0/1                                 ; ",
        "0.0.0.0/1, 128.0.0.0/1                    ; ERROR 0.0.0.0/1+128.0.0.0/1",
        "0.0.0.0/1, 128.0.0.0/2                    ; ",
        "0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/2       ; ERROR 0.0.0.0/1+128.0.0.0/2+192.0.0.0/2",
        "0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/3       ; ",
        "::/1, 8000::/1                            ; ERROR ::/1+8000::/1",
        "::/1, 8000::/2                            ; ",
        "entity:world                              ; ERROR entity:world",
        "entity:cluster                            ; ",
        "entity:all                                ; ERROR entity:all",
        "entity:world-ipv4                         ; ERROR entity:world-ipv4",
        "entity:world-ipv6                         ; ERROR entity:world-ipv6",
        "entity:kube-apiserver                     ; ",
        // the redundant part of a split is not named; the cover is
        "0.0.0.0/1, 128.0.0.0/1, 10.0.0.0/8         ; ERROR 0.0.0.0/1+128.0.0.0/1",
        "entity:world-ipv4, 0.0.0.0/1              ; ERROR entity:world-ipv4",
        "*, **.com                                 ; ",
    })
    void coversAllAddresses(String list, String expected) {
        assertThat(run(AnalysisOptions.defaults(), list, FindingCodes.COVERS_ALL_ADDRESSES))
                .isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void coversAllAddressesSaysWhichFamilyAndIsTheFirstFinding() {
        List<Finding> f = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(egress(
                "entity:host, 0.0.0.0/1, 128.0.0.0/1"));
        assertThat(f.get(0).code()).isEqualTo(FindingCodes.COVERS_ALL_ADDRESSES);
        assertThat(f.get(0).direction()).isEqualTo(Direction.EGRESS);
        assertThat(f.get(0).message()).contains("whole internet over IPv4").contains("0.0.0.0/1, 128.0.0.0/1");
        Finding both = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(ingress("entity:world")).get(0);
        assertThat(both.direction()).isEqualTo(Direction.INGRESS);
        assertThat(both.message()).contains("every IPv4 and every IPv6 address");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "entity:all          ; WARNING entity:all",
        "entity:world        ; WARNING entity:world",
        "entity:cluster      ; WARNING entity:cluster",
        "entity:cluster-mesh ; WARNING entity:cluster-mesh",
        "entity:remote-node  ; WARNING entity:remote-node",
        "entity:host         ; ",
        "entity:world-ipv4   ; ",
        "entity:kube-apiserver ; ",
        "endpoint:remote-node ; ",
    })
    void broadEntityWithTheDefaultSet(String list, String expected) {
        assertThat(run(AnalysisOptions.defaults(), list, FindingCodes.BROAD_ENTITY))
                .isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void broadEntityNamesWhatItOpensAndFollowsTheConfiguredSet() {
        Finding f = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(egress("entity:remote-node")).get(0);
        assertThat(f.message()).contains("every other node").contains("host-network pods");
        AnalysisOptions hostOnly = AnalysisOptions.defaults().withBroadEntities(Set.of(Entity.HOST));
        assertThat(run(hostOnly, "entity:host", FindingCodes.BROAD_ENTITY)).isEqualTo("WARNING entity:host");
        assertThat(run(hostOnly, "entity:remote-node", FindingCodes.BROAD_ENTITY)).isEmpty();
        assertThat(run(AnalysisOptions.defaults().withBroadEntities(Set.of()), "entity:all",
                FindingCodes.BROAD_ENTITY)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "10.244.1.0/24     ; WARNING 10.244.1.0/24",
        "10.245.1.0/24     ; ",
        "10.0.0.0/8        ; WARNING 10.0.0.0/8",
        "11.0.0.0/8        ; ",
        "10.96.0.1/32      ; WARNING 10.96.0.1/32",
        "10.112.0.1/32     ; ",
        "fd00:10::/64      ; WARNING fd00:10::/64",
        "fd00:11::/64      ; ",
        "entity:world      ; ",
    })
    void cidrOverlapsCluster(String list, String expected) {
        assertThat(run(CLUSTER, list, FindingCodes.CIDR_OVERLAPS_CLUSTER)).isEqualTo(expected == null ? ""
                : expected);
    }

    @Test
    void cidrOverlapsClusterNamesTheOverlapAndNeedsClusterRanges() {
        Finding f = ProfileAnalyzer.create(CLUSTER).analyze(egress("10.0.0.0/8")).stream()
                .filter(x -> x.code().equals(FindingCodes.CIDR_OVERLAPS_CLUSTER)).findFirst().orElseThrow();
        assertThat(f.message()).contains("10.96.0.0/12, 10.244.0.0/16").contains("never select pods");
        assertThat(run(AnalysisOptions.defaults(), "10.244.1.0/24", FindingCodes.CIDR_OVERLAPS_CLUSTER)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} floor {1},{2}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "10.0.0.0/7     ; 8 ; 32 ; WARNING 10.0.0.0/7",
        "10.0.0.0/8     ; 8 ; 32 ; ",
        "10.0.0.0/15    ; 16; 32 ; WARNING 10.0.0.0/15",
        "10.0.0.0/16    ; 16; 32 ; ",
        "10.0.0.0/1     ; 0 ; 32 ; ",
        "2001:db8::/31  ; 8 ; 32 ; WARNING 2001:db8::/31",
        "2001:db8::/32  ; 8 ; 32 ; ",
        "2001:db8::/31  ; 8 ; 0  ; ",
    })
    void cidrTooBroad(String list, int v4, int v6, String expected) {
        assertThat(run(AnalysisOptions.defaults().withMinPrefixLength(v4, v6), list, FindingCodes.CIDR_TOO_BROAD))
                .isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        // CIDRs: nested, split, under world entities
        "10.0.0.0/8, 10.1.0.0/16                    ; INFO 10.1.0.0/16+10.0.0.0/8",
        "10.0.0.0/8, 11.1.0.0/16                    ; ",
        "10.1.0.0/16, 10.0.0.0/8                    ; INFO 10.1.0.0/16+10.0.0.0/8",
        "10.0.0.0/8, 10.1.0.0/16, 10.1.2.0/24       ; INFO 10.1.0.0/16+10.0.0.0/8 & INFO 10.1.2.0/24+10.1.0.0/16",
        "0.0.0.0/1, 128.0.0.0/1, 0.0.0.0/0          ; INFO 0.0.0.0/1+0.0.0.0/0 & INFO 128.0.0.0/1+0.0.0.0/0",
        "203.0.113.0/24, entity:world               ; INFO 203.0.113.0/24+entity:world",
        "203.0.113.0/24, entity:world-ipv6          ; ",
        "2001:db8::/32, entity:world-ipv6           ; INFO 2001:db8::/32+entity:world-ipv6",
        // FQDN: names under patterns, patterns under patterns, unions
        "*.example.com, api.example.com             ; INFO api.example.com+*.example.com",
        "*.example.com, example.com                 ; ",
        "*.example.com, a.b.example.com             ; ",
        "**.example.com, a.b.example.com            ; INFO a.b.example.com+**.example.com",
        "**.example.com, *.example.com              ; INFO *.example.com+**.example.com",
        "*.example.com, **.example.com              ; INFO *.example.com+**.example.com",
        "*.x.io, **.*.x.io, **.x.io                 ; INFO **.x.io+*.x.io+**.*.x.io",
        "*.x.io, **.*.*.x.io, **.x.io               ; INFO *.x.io+**.x.io & INFO **.*.*.x.io+**.x.io",
        "api.example.com, 0.0.0.0/0, ::/0           ; INFO api.example.com+0.0.0.0/0+::/0",
        "api.example.com, 0.0.0.0/0                 ; ",
        "api.example.com, entity:world              ; INFO api.example.com+entity:world",
        "api.example.com, *                         ; INFO api.example.com+*",
        // pods: endpoint and services under entities, services under services
        "endpoint:shop, entity:cluster              ; INFO endpoint:shop+entity:cluster",
        "endpoint:shop, entity:host                 ; ",
        "service:shop|app=web, endpoint:shop        ; INFO service:shop|app=web+endpoint:shop",
        "service:shop|app=web, endpoint:pay         ; ",
        "service:shop|app=web,tier, service:shop|app=web ; INFO service:shop|app=web,tier+service:shop|app=web",
        "service:shop|app=web, service:shop|app     ; INFO service:shop|app=web+service:shop|app",
        "service:shop|app, service:shop|app=web     ; INFO service:shop|app=web+service:shop|app",
        "service:shop|app=web, service:shop|app=api ; ",
        "service:shop|app=web, service:shop         ; INFO service:shop|app=web+service:shop",
        "service:shop, entity:all                   ; INFO service:shop+entity:all",
        // entities: the lattice
        "entity:host, entity:cluster                ; INFO entity:host+entity:cluster",
        "entity:host, entity:world                  ; ",
        "entity:kube-apiserver, entity:cluster      ; INFO entity:kube-apiserver+entity:cluster",
        "entity:world-ipv4, entity:world            ; INFO entity:world-ipv4+entity:world",
        "entity:world, entity:world-ipv4, entity:world-ipv6 ; INFO entity:world-ipv4+entity:world & INFO entity:world-ipv6+entity:world",
        "entity:world-ipv4, entity:world-ipv6       ; ",
        "entity:cluster, entity:cluster-mesh        ; INFO entity:cluster+entity:cluster-mesh",
        "entity:cluster-mesh, entity:cluster        ; INFO entity:cluster+entity:cluster-mesh",
        "entity:cluster, entity:world, entity:all   ; INFO entity:cluster+entity:all & INFO entity:world+entity:all",
        "entity:world-ipv4, 0.0.0.0/0               ; INFO 0.0.0.0/0+entity:world-ipv4",
        "entity:none                                ; INFO entity:none",
    })
    void redundantEntry(String list, String expected) {
        assertThat(run(AnalysisOptions.defaults(), list, FindingCodes.REDUNDANT_ENTRY))
                .isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void redundantFqdnOnIngressIsLeftToTheApplicabilityError() {
        List<Finding> f = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(ingress(
                "*.example.com, api.example.com"));
        assertThat(of(f, FindingCodes.REDUNDANT_ENTRY)).isEmpty();
        assertThat(of(f, FindingCodes.FQDN_IN_INGRESS)).isEqualTo("ERROR *.example.com & ERROR api.example.com");
    }

    @Test
    void removingEveryRedundantEntryChangesNothing() {
        RuleSet rs = RuleSet.parse("10.1.0.0/16, 10.0.0.0/8, 0.0.0.0/1, 128.0.0.0/1, 0.0.0.0/0, api.x.io, *.x.io,"
                + " **.x.io, endpoint:a, service:a|k=v, entity:host, entity:cluster, entity:world-ipv4");
        List<Finding> f = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(
                RuntimeProfile.builder().restrictEgress(rs).build());
        List<Rule> removed = f.stream().filter(x -> x.code().equals(FindingCodes.REDUNDANT_ENTRY))
                .map(x -> x.rules().get(0)).toList();
        RuleSet kept = RuleSet.of(rs.rules().stream().filter(r -> !removed.contains(r)).toList());
        assertThat(kept.toString()).isEqualTo("**.x.io, entity:cluster, entity:world-ipv4");
        ProfileDiff d = ProfileDiff.between(RuntimeProfile.builder().restrictEgress(rs).build(),
                RuntimeProfile.builder().restrictEgress(kept).build());
        assertThat(d.isEmpty()).as(d.summary()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "*                 ; WARNING *",
        "**                ; WARNING **",
        "*.com             ; ",
        "**.com            ; ",
        "*com              ; ",
    })
    void fqdnMatchAll(String list, String expected) {
        assertThat(run(AnalysisOptions.defaults(), list, FindingCodes.FQDN_MATCH_ALL))
                .isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void applicabilityDiagnosticsAreFindingsOfTheirEntry() {
        AnalysisOptions noProxy = AnalysisOptions.defaults().withAgentConfig(
                CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", "false")));
        assertThat(run(noProxy, "10.0.0.0/8, api.example.com", FindingCodes.FQDN_NEEDS_L7_PROXY))
                .isEqualTo("ERROR api.example.com");
        assertThat(run(AnalysisOptions.defaults(), "10.0.0.0/8, api.example.com", FindingCodes.FQDN_NEEDS_L7_PROXY))
                .isEmpty();
        List<Finding> in = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(ingress(
                "10.0.0.0/8, api.example.com, service:shop|app=web"));
        assertThat(of(in, FindingCodes.FQDN_IN_INGRESS)).isEqualTo("ERROR api.example.com");
        assertThat(of(in, FindingCodes.SERVICE_IN_INGRESS)).isEqualTo("WARNING service:shop|app=web");
        List<Finding> out = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(egress(
                "10.0.0.0/8, api.example.com, service:shop|app=web"));
        assertThat(out).isEmpty();
    }

    @Test
    void everyCodeHasATableAndSeveritiesCanBeChanged() {
        assertThat(FindingCodes.ALL).hasSize(9).doesNotHaveDuplicates();
        AnalysisOptions o = AnalysisOptions.defaults().withSeverity(FindingCodes.COVERS_ALL_ADDRESSES,
                Severity.WARNING);
        assertThat(run(o, "entity:world", FindingCodes.COVERS_ALL_ADDRESSES)).isEqualTo("WARNING entity:world");
        assertThatThrownBy(() -> o.withSeverity("covers-everything", Severity.INFO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covers-everything");
        assertThatThrownBy(() -> o.withMinPrefixLength(33, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withMinPrefixLength(0, 129)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findingsComeIngressFirstThenByPositionAndUnrestrictedHasNone() {
        RuntimeProfile p = RuntimeProfile.builder().restrictIngress(RuleSet.parse("entity:remote-node"))
                .restrictEgress(RuleSet.parse("entity:cluster, 10.0.0.0/7, *")).build();
        List<String> codes = ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(p).stream()
                .map(f -> f.direction().lowerName() + " " + f.code()).toList();
        assertThat(codes).containsExactly("ingress broad-entity", "egress broad-entity", "egress cidr-too-broad",
                "egress fqdn-match-all");
        assertThat(ProfileAnalyzer.create(AnalysisOptions.defaults()).analyze(RuntimeProfile.unrestricted()))
                .isEmpty();
    }
}
