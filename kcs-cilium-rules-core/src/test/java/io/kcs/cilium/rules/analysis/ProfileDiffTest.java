package io.kcs.cilium.rules.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Egress diffs as tables: before, after, newly allowed, no longer allowed; {@code ~} marks an inexact entry. */
class ProfileDiffTest {

    private static RuntimeProfile egress(String list) {
        return list == null ? RuntimeProfile.unrestricted()
                : RuntimeProfile.builder().restrictEgress(RuleSet.parse(list)).build();
    }

    private static String show(RuleSet rs, java.util.List<Rule> inexact) {
        return rs.rules().stream().map(r -> (inexact.contains(r) ? "~" : "") + r).collect(Collectors.joining(", "));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        // nothing changes in what is allowed
        "10.0.0.0/8                  ; 10.0.0.0/9, 10.128.0.0/9     ; ; ",
        "*.example.com               ; *.example.com, api.example.com ; ; ",
        "entity:cluster              ; entity:cluster, endpoint:shop, entity:host ; ; ",
        "entity:world                ; 0.0.0.0/0, ::/0              ; ; ",
        "entity:world                ; entity:world-ipv4, entity:world-ipv6 ; ; ",
        "api.example.com             ; api.example.com, entity:none ; ; ",
        // CIDR algebra, minimal lists
        "10.0.0.0/8                  ; 10.0.0.0/8, 10.2.0.0/16, 11.0.0.0/8 ; 11.0.0.0/8 ; ",
        "10.0.0.0/8                  ; 10.0.0.0/7                   ; 11.0.0.0/8 ; ",
        "10.0.0.0/8                  ; 10.0.0.0/9                   ;            ; 10.128.0.0/9",
        "10.0.0.0/9                  ; entity:world-ipv4            ; 0.0.0.0/5, 8.0.0.0/7, 10.128.0.0/9, 11.0.0.0/8, 12.0.0.0/6, 16.0.0.0/4, 32.0.0.0/3, 64.0.0.0/2, 128.0.0.0/1 ; ",
        "                            ; entity:world                 ; entity:world ; ",
        "0.0.0.0/0                   ; entity:world                 ; ::/0       ; ",
        // FQDN containment
        "*.example.com               ; **.example.com               ; ~**.example.com ; ",
        "**.example.com              ; *.example.com                ;            ; ~**.example.com",
        "api.example.com             ; *.example.com                ; ~*.example.com ; ",
        "www.example.com             ; api.example.com              ; api.example.com ; www.example.com",
        "*.x.io, **.*.x.io           ; **.x.io                      ;            ; ",
        "*.x.io                      ; *.x.io, api.x.io, a.b.x.io   ; a.b.x.io   ; ",
        "0.0.0.0/0, ::/0             ; 0.0.0.0/0, ::/0, *.x.io      ;            ; ",
        "0.0.0.0/0                   ; 0.0.0.0/0, *.x.io            ; *.x.io     ; ",
        "*.x.io                      ; entity:world                 ; entity:world ; ",
        // entity lattice
        "entity:host                 ; entity:cluster               ; ~entity:cluster ; ",
        "                            ; entity:cluster               ; entity:cluster ; ",
        "entity:cluster              ; entity:cluster-mesh          ; ~entity:cluster-mesh ; ",
        "entity:host                 ; entity:host, entity:remote-node ; entity:remote-node ; ",
        "entity:cluster              ; entity:host                  ;            ; ~entity:cluster",
        "entity:cluster              ; entity:cluster, entity:world ; entity:world ; ",
        "                            ; entity:all                   ; entity:all ; ",
        "entity:world-ipv4           ; entity:world                 ; ::/0       ; ",
        // pods: namespaces and services by containment
        "endpoint:shop               ; endpoint:shop, endpoint:pay  ; endpoint:pay ; ",
        "endpoint:shop               ; service:shop|app=web         ;            ; ~endpoint:shop",
        "service:shop|app=web        ; endpoint:shop                ; ~endpoint:shop ; ",
        "service:shop|app            ; service:shop|app=web         ;            ; ~service:shop|app",
        "service:shop|app=web        ; service:shop|app=api         ; service:shop|app=api ; service:shop|app=web",
        "service:shop|app=web        ; service:shop|tier            ; ~service:shop|tier ; ~service:shop|app=web",
        "endpoint:shop               ; entity:cluster               ; ~entity:cluster ; ",
        "endpoint:shop, entity:host  ; entity:cluster, endpoint:pay ; ~entity:cluster ; ",
    })
    void egressDiff(String before, String after, String newlyOrNull, String goneOrNull) {
        String newly = newlyOrNull == null ? "" : newlyOrNull;
        String gone = goneOrNull == null ? "" : goneOrNull;
        ProfileDiff d = ProfileDiff.between(egress(before == null ? "" : before), egress(after));
        assertThat(show(d.egress().newlyAllowed(), d.egress().inexactNewlyAllowed())).as("newly allowed")
                .isEqualTo(newly);
        assertThat(show(d.egress().noLongerAllowed(), d.egress().inexactNoLongerAllowed())).as("no longer allowed")
                .isEqualTo(gone);
        assertThat(d.isWidening()).isEqualTo(!newly.isEmpty());
        assertThat(d.ingress().isEmpty()).isTrue();
    }

    @Test
    void aDirectionBecomingUnrestrictedNewlyAllowsEverythingItDidNotAllow() {
        ProfileDiff d = ProfileDiff.between(egress(""), egress(null));
        assertThat(d.egress().newlyAllowed().toString()).isEqualTo("entity:all");
        assertThat(d.egress().restrictionChanged()).isTrue();
        assertThat(d.summary()).isEqualTo("egress is no longer restricted; newly allows egress to entity:all");
        ProfileDiff back = ProfileDiff.between(egress(null), egress("10.0.0.0/8, entity:cluster"));
        assertThat(back.egress().newlyAllowed()).isEmpty();
        assertThat(back.isWidening()).isFalse();
        assertThat(back.egress().noLongerAllowed().toString()).startsWith("0.0.0.0/5, 8.0.0.0/7, 11.0.0.0/8")
                .endsWith("::/0, entity:cluster-mesh");
        assertThat(back.egress().inexactNoLongerAllowed().toString()).isEqualTo("[entity:cluster-mesh]");
        assertThat(back.summary()).startsWith("egress is now restricted; no longer allows egress to 0.0.0.0/5");
        ProfileDiff partly = ProfileDiff.between(egress("entity:host, 10.0.0.0/8"), egress(null));
        assertThat(partly.egress().newlyAllowed().toString()).endsWith("::/0, entity:cluster-mesh");
    }

    @Test
    void fqdnOnIngressAllowsNothingAndAnIdenticalProfileHasNoDiff() {
        RuntimeProfile a = RuntimeProfile.builder().restrictIngress(RuleSet.parse("endpoint:a")).build();
        RuntimeProfile b = RuntimeProfile.builder().restrictIngress(RuleSet.parse("endpoint:a, api.example.com"))
                .build();
        assertThat(ProfileDiff.between(a, b).isEmpty()).isTrue();
        assertThat(ProfileDiff.between(b, b).isEmpty()).isTrue();
        assertThat(ProfileDiff.between(b, b).summary()).isEqualTo("no change in what the profile allows");
    }

    @Test
    void summaryNamesBothDirections() {
        RuntimeProfile before = RuntimeProfile.builder().restrictIngress(RuleSet.parse("endpoint:monitoring"))
                .restrictEgress(RuleSet.parse("10.0.0.0/8")).build();
        RuntimeProfile after = RuntimeProfile.builder().restrictIngress(RuleSet.parse(""))
                .restrictEgress(RuleSet.parse("10.0.0.0/8, 10.2.0.0/16, 192.0.2.0/24, *.example.org")).build();
        ProfileDiff d = ProfileDiff.between(before, after);
        assertThat(d.summary()).isEqualTo("no longer allows ingress from endpoint:monitoring; newly allows egress to"
                + " 192.0.2.0/24, *.example.org");
        assertThat(d.direction(Direction.EGRESS)).isSameAs(d.egress());
    }
}
