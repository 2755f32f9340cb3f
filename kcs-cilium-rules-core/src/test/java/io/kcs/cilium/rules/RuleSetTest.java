package io.kcs.cilium.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final Rule CIDR = new CidrRule(Cidr.parse("10.0.0.0/8"));
    private static final Rule FQDN = new FqdnRule(FqdnSelector.parse("*.example.com"));
    private static final Rule HOST = new EntityRule(Entity.HOST);

    @Test
    void removesDuplicatesKeepingTheFirstOccurrence() {
        RuleSet rs = RuleSet.of(List.of(FQDN, CIDR, FQDN, HOST, CIDR));
        assertThat(rs.rules()).containsExactly(FQDN, CIDR, HOST);
        assertThat(rs.size()).isEqualTo(3);
    }

    @Test
    void removesDuplicatesInLargeCollections() {
        List<Rule> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(new CidrRule(Cidr.parse("10.0." + i + ".0/24")));
        }
        many.addAll(many);
        assertThat(RuleSet.of(many).size()).isEqualTo(50);
    }

    @Test
    void theSpanFactoryCopiesChecksAndDeduplicates() {
        String text = "10.0.0.0/8, *.example.com, 10.0.0.0/8";
        int[] spans = {0, 10, 12, 25, 27, 37};
        RuleSet rs = RuleSet.of(new ArrayList<>(List.of(CIDR, FQDN, CIDR)), text, spans);
        assertThat(rs.rules()).containsExactly(CIDR, FQDN);
        assertThat(rs.spanOf(1)).contains(new io.kcs.cilium.rules.common.TextSpan(12, 25));
        spans[2] = 0; // the caller's array is not kept
        assertThat(rs.spanOf(1)).contains(new io.kcs.cilium.rules.common.TextSpan(12, 25));
        assertThatThrownBy(() -> rs.rules().add(HOST)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> RuleSet.of(List.of(CIDR), text, new int[] {0, 10, 12}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 2 span offsets");
        assertThatThrownBy(() -> RuleSet.of(List.of(CIDR), text, new int[] {5, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5-4");
        assertThatThrownBy(() -> RuleSet.of(List.of(CIDR), text, new int[] {0, 38}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 37");
        List<Rule> many = new ArrayList<>();
        int[] manySpans = new int[40];
        for (int i = 0; i < 20; i++) {
            many.add(i % 2 == 0 ? new CidrRule(Cidr.parse("10.0." + i + ".0/24")) : CIDR);
            manySpans[2 * i] = i;
            manySpans[2 * i + 1] = i + 1;
        }
        RuleSet big = RuleSet.of(many, text, manySpans);
        assertThat(big.size()).isEqualTo(11);
        assertThat(big.spanOf(CIDR)).contains(new io.kcs.cilium.rules.common.TextSpan(1, 2));
        assertThat(big.spanOf(10)).contains(new io.kcs.cilium.rules.common.TextSpan(18, 19));
    }

    @Test
    void equalityIsOrderSensitive() {
        assertThat(RuleSet.of(CIDR, FQDN)).isEqualTo(RuleSet.of(List.of(CIDR, FQDN, CIDR)));
        assertThat(RuleSet.of(CIDR, FQDN)).hasSameHashCodeAs(RuleSet.of(CIDR, FQDN));
        assertThat(RuleSet.of(CIDR, FQDN)).isNotEqualTo(RuleSet.of(FQDN, CIDR));
    }

    @Test
    void emptySetIsEmptyEverywhere() {
        assertThat(RuleSet.empty().isEmpty()).isTrue();
        assertThat(RuleSet.of(List.of())).isEqualTo(RuleSet.empty());
        assertThat(RuleSet.parse("")).isEqualTo(RuleSet.empty());
        assertThat(RuleSet.empty().toString()).isEmpty();
    }

    @Test
    void rulesAreUnmodifiable() {
        RuleSet rs = RuleSet.of(CIDR);
        assertThatThrownBy(() -> rs.rules().add(FQDN)).isInstanceOf(UnsupportedOperationException.class);
        List<Rule> source = new ArrayList<>(List.of(CIDR));
        RuleSet copy = RuleSet.of(source);
        source.add(FQDN);
        assertThat(copy.size()).isEqualTo(1);
    }

    @Test
    void rejectsNullElements() {
        assertThatThrownBy(() -> RuleSet.of(Arrays.asList(CIDR, null))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void selectsRulesByKind() {
        RuleSet rs = RuleSet.parse("10.0.0.0/8, a.com, 2001:db8::/32, entity:host");
        assertThat(rs.rulesOf(CidrRule.class)).extracting(CidrRule::toString)
                .containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(rs.rulesOf(ServiceRule.class)).isEmpty();
        assertThat(rs.contains(HOST)).isTrue();
    }

    @Test
    void canonicalTextSeparatesEntriesWithCommaSpace() {
        assertThat(RuleSet.of(CIDR, FQDN, HOST).toString()).isEqualTo("10.0.0.0/8, *.example.com, entity:host");
    }

    @Test
    void oneLabelNameAfterLabelledServiceGetsATrailingDot() {
        Rule svc = ServiceRule.withLabels("shop", Map.of("app", "web"));
        Rule bare = new FqdnRule(FqdnSelector.matchName("localhost"));
        RuleSet rs = RuleSet.of(svc, bare);
        assertThat(rs.toString()).isEqualTo("service:shop|app=web, localhost.");
        assertThat(RuleSet.parse(rs.toString())).isEqualTo(rs);
        assertThat(RuleSet.of(ServiceRule.of("shop"), bare).toString()).isEqualTo("service:shop, localhost");
        assertThat(RuleSet.of(bare, svc).toString()).isEqualTo("localhost, service:shop|app=web");
    }

    @Test
    void iteratesInOrder() {
        List<Rule> seen = new ArrayList<>();
        RuleSet.of(HOST, CIDR).forEach(seen::add);
        assertThat(seen).containsExactly(HOST, CIDR);
    }
}
