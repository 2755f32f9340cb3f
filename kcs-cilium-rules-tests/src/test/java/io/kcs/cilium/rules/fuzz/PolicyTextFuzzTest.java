package io.kcs.cilium.rules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcs.cilium.rules.policy.CidrPrefix;
import io.kcs.cilium.rules.policy.IcmpFamily;
import io.kcs.cilium.rules.policy.IcmpField;
import io.kcs.cilium.rules.policy.L4Proto;
import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.LabelSelectorOperator;
import io.kcs.cilium.rules.policy.LabelSelectorRequirement;
import io.kcs.cilium.rules.policy.Labels;
import io.kcs.cilium.rules.policy.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz target for the text readers of the core policy model ({@code Label.parse},
 * {@code parseSelectLabel}, {@code Port.parse}, {@code L4Proto.parse}, {@code CidrPrefix.parse}, ICMP type names,
 * selector keys). In a plain {@code mvn verify} it replays its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/fuzz/PolicyTextFuzzTestInputs/fuzzPolicyText/}).
 *
 * <p>Laws: only {@link IllegalArgumentException} escapes; what is accepted prints to text that reads back to an
 * equal value; a selector built from accepted keys matches the labels of its own {@code matchLabels} (for a
 * {@code cidr:} key only when the key is a prefix, as Cilium's {@code HasKey}).
 */
class PolicyTextFuzzTest {

    private static <T> T orNull(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException expected) {
            return null;
        }
    }

    @FuzzTest(maxDuration = "60s")
    void fuzzPolicyText(FuzzedDataProvider data) {
        String a = data.consumeString(400);
        String b = data.consumeString(100);
        String c = data.consumeRemainingAsString();

        Label label = orNull(() -> Label.parse(a));
        if (label != null) {
            assertThat(Label.parse(label.toString())).isEqualTo(label);
            assertThat(label.hasKeyOf(Label.of(Label.SOURCE_ANY, label.key()))).isTrue();
        }
        Label select = orNull(() -> Label.parseSelectLabel(a));
        assertThat(select == null).isEqualTo(label == null);

        Port port = orNull(() -> Port.parse(b));
        if (port != null) {
            assertThat(Port.parse(port.toString())).isEqualTo(port);
        }
        L4Proto.parse(b).ifPresent(p -> assertThat(L4Proto.parse(p.ciliumName())).contains(p));
        CidrPrefix cidr = orNull(() -> CidrPrefix.parse(b));
        if (cidr != null) {
            assertThat(CidrPrefix.parse(cidr.text())).isEqualTo(cidr);
        }
        for (IcmpFamily f : IcmpFamily.values()) {
            IcmpField icmp = orNull(() -> IcmpField.ofName(f, b));
            assertThat(icmp == null).isEqualTo(!IcmpField.typeNames(f).containsKey(b));
        }

        List<LabelSelectorRequirement> reqs = new ArrayList<>();
        for (LabelSelectorOperator op : LabelSelectorOperator.values()) {
            LabelSelectorRequirement r = orNull(() -> LabelSelectorRequirement.of(b, op,
                    op.takesValues() ? List.of(c) : List.of()));
            if (r != null) {
                reqs.add(r);
            }
        }
        LabelSelector s = orNull(() -> LabelSelector.of(Map.of(b, c), reqs));
        if (s != null) {
            assertThat(LabelSelector.of(s.matchLabels(), s.matchExpressions())).isEqualTo(s);
            Label key = Label.parseSelectLabel(b);
            String source = key.isAnySource() ? Label.SOURCE_K8S : key.source();
            Labels own = orNull(() -> Labels.of(Label.of(source, key.key(), c)));
            if (own != null) {
                // a cidr: key matches by prefix containment, so a key that is no prefix matches nothing (HasKey)
                boolean prefix = !source.equals(Label.SOURCE_CIDR) || key.cidrPrefix().isPresent();
                assertThat(LabelSelector.of(s.matchLabels()).matches(own)).isEqualTo(prefix);
            }
        }
    }
}
