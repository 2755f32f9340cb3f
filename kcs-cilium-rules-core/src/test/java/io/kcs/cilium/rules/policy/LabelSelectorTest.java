package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Selector matching as Cilium's EndpointSelector (keys qualified by {@code EndpointSelector.Sanitize}, requirements
 * matched by {@code MatchesRequirement} against {@code LabelArray.LookupLabel}). Rows come in pairs/groups that
 * differ in one place only.
 */
class LabelSelectorTest {

    /** Selector mini-syntax for the table: entries separated by ';' — "k=v" (matchLabels), "k in a b", "k notin a",
     * "k exists", "k !exists". */
    static LabelSelector selector(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<LabelSelectorRequirement> exprs = new ArrayList<>();
        if (!text.isBlank()) {
            for (String entry : text.split(";")) {
                String[] w = entry.trim().split(" +");
                if (w.length == 1) {
                    String[] kv = w[0].split("=", 2);
                    labels.put(kv[0], kv.length > 1 ? kv[1] : "");
                } else {
                    List<String> values = Arrays.asList(w).subList(2, w.length);
                    LabelSelectorOperator op = switch (w[1]) {
                        case "in" -> LabelSelectorOperator.IN;
                        case "notin" -> LabelSelectorOperator.NOT_IN;
                        case "exists" -> LabelSelectorOperator.EXISTS;
                        case "!exists" -> LabelSelectorOperator.DOES_NOT_EXIST;
                        default -> throw new IllegalArgumentException(w[1]);
                    };
                    exprs.add(LabelSelectorRequirement.of(w[0], op, values));
                }
            }
        }
        return LabelSelector.of(labels, exprs);
    }

    static Labels labels(String text) {
        return text.isBlank() ? Labels.empty() : Labels.parse(text.trim().split(" +"));
    }

    @ParameterizedTest(name = "[{index}] {0} matches [{1}]: {2}")
    @CsvSource(delimiter = '|', value = {
        // selector | endpoint labels | expected
        // empty selector: everything
        "'' | '' | true",
        "'' | k8s:app=web | true",
        // matchLabels, source rules (cf. Cilium TestLabelSelectorToRequirements / HasKey)
        "app=web | k8s:app=web | true",
        "app=web | k8s:app=db | false",
        "app=web | k8s:tier=web | false",
        "app=web | container:app=web | true",
        "any:app=web | container:app=web | true",
        "k8s:app=web | k8s:app=web | true",
        "k8s:app=web | container:app=web | false",
        "container:app=web | container:app=web | true",
        "app= | k8s:app | true",
        "app= | k8s:app=x | false",
        // namespace key without source: any (a pod's namespace label is k8s:)
        "io.kubernetes.pod.namespace=shop | k8s:io.kubernetes.pod.namespace=shop | true",
        "io.kubernetes.pod.namespace=shop | k8s:io.kubernetes.pod.namespace=bank | false",
        "k8s:io.kubernetes.pod.namespace=shop | k8s:io.kubernetes.pod.namespace=shop | true",
        "k8s:io.kubernetes.pod.namespace=shop | unspec:io.kubernetes.pod.namespace=shop | false",
        // reserved
        "reserved:host= | reserved:host | true",
        "reserved:host= | k8s:host | false",
        "$host= | reserved:host | true",
        "host= | reserved:host | true",
        // an empty source is no source (Cilium's parseSource / NewSourceEncodedLabelKey): any
        ":app=web | container:app=web | true",
        ":app=web | container:app=db | false",
        "reserved:host exists | reserved:host | true",
        "reserved:host exists | reserved:world | false",
        // AND of entries
        "app=web;tier=db | k8s:app=web k8s:tier=db | true",
        "app=web;tier=db | k8s:app=web k8s:tier=fe | false",
        "app=web;tier=db | k8s:app=web | false",
        // In
        "tier in db fe | k8s:tier=db | true",
        "tier in db fe | k8s:tier=fe | true",
        "tier in db fe | k8s:tier=be | false",
        "tier in db fe | k8s:app=db | false",
        "k8s:tier in db | container:tier=db | false",
        // NotIn: absent label satisfies it
        "tier notin db | k8s:tier=fe | true",
        "tier notin db | k8s:tier=db | false",
        "tier notin db | k8s:app=web | true",
        "k8s:tier notin db | container:tier=db | true",
        // Exists / DoesNotExist
        "tier exists | k8s:tier=db | true",
        "tier exists | k8s:app=db | false",
        "tier exists | k8s:tier | true",
        "k8s:tier exists | container:tier=x | false",
        "tier !exists | k8s:app=db | true",
        "tier !exists | k8s:tier=db | false",
        "k8s:tier !exists | container:tier=db | true",
        // CIDR keys match by containment
        "cidr:10.0.0.0/8 exists | cidr:10.1.0.0/16 | true",
        "cidr:10.0.0.0/8 exists | cidr:11.1.0.0/16 | false",
        "cidr:10.1.0.0/16 exists | cidr:10.0.0.0/8 | false",
        // contradictory requirements: nothing matches
        "tier exists;tier !exists | k8s:tier=db | false",
        "tier exists;tier !exists | '' | false",
    })
    void matchesAsCilium(String selector, String endpoint, boolean expected) {
        assertThat(selector(selector).matches(labels(endpoint))).isEqualTo(expected);
    }

    @Test
    void qualifiesKeysSoEquivalentSelectorsAreEqual() {
        // cf. Cilium TestEndpointSelectorSanitize: {app: frontend} -> {any:app: frontend}; k8s:app unchanged
        LabelSelector a = selector("app=frontend");
        assertThat(a.matchLabels()).containsExactly(Map.entry("any:app", "frontend"));
        assertThat(a).isEqualTo(selector("any:app=frontend")).hasSameHashCodeAs(selector("any:app=frontend"));
        assertThat(selector("k8s:app=frontend").matchLabels()).containsOnlyKeys("k8s:app");
        assertThat(selector("k8s:app=frontend")).isNotEqualTo(a);
        assertThat(selector("role in database").matchExpressions().get(0).key()).isEqualTo(Label.of("any", "role"));
        // mixed: matchLabels k8s:app kept, expression role -> any:role
        LabelSelector mixed = selector("k8s:app=x;role in db");
        assertThat(mixed.toString()).isEqualTo("{k8s:app=x,any:role in (db)}");
        // sanitising twice changes nothing
        assertThat(LabelSelector.of(mixed.matchLabels(), mixed.matchExpressions())).isEqualTo(mixed);
    }

    @Test
    void orderAndDuplicatesDoNotMatter() {
        assertThat(selector("b=2;a=1;x in q p p;y exists")).isEqualTo(selector("y exists;a=1;x in p q;b=2;x in q p"));
        assertThat(selector("x in q p p").matchExpressions().get(0).values()).containsExactly("p", "q");
        assertThat(selector("b=2;a=1;x in q p;y !exists;z notin 1").toString())
                .isEqualTo("{any:a=1,any:b=2,any:x in (p,q),any:y,!any:y,any:z notin (1)}".replace("any:y,!any:y",
                        "!any:y"));
    }

    @Test
    void emptySelectorSelectsAll() {
        assertThat(LabelSelector.all().isEmpty()).isTrue();
        assertThat(selector("")).isSameAs(LabelSelector.all());
        assertThat(LabelSelector.all().toString()).isEqualTo("{}");
        assertThat(selector("a=1").isEmpty()).isFalse();
        assertThat(selector("a exists").isEmpty()).isFalse();
    }

    @Test
    void refusesShapesKubernetesRefuses() {
        assertThatThrownBy(() -> LabelSelectorRequirement.of("a", LabelSelectorOperator.IN, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> LabelSelectorRequirement.of("a", LabelSelectorOperator.NOT_IN, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelSelectorRequirement.of("a", LabelSelectorOperator.EXISTS, List.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no values");
        assertThatThrownBy(() -> LabelSelectorRequirement.of("a", LabelSelectorOperator.DOES_NOT_EXIST,
                List.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelSelectorRequirement.of("", LabelSelectorOperator.EXISTS, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelSelector.of(Map.of("", "x"))).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> twice = new HashMap<>();
        twice.put("app", "web");
        twice.put("any:app", "db");
        assertThatThrownBy(() -> LabelSelector.of(twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two values");
        twice.put("any:app", "web");
        assertThat(LabelSelector.of(twice)).isEqualTo(selector("app=web"));
    }

    @Test
    void operatorNamesAreKubernetesNames() {
        assertThat(LabelSelectorOperator.fromName("In")).contains(LabelSelectorOperator.IN);
        assertThat(LabelSelectorOperator.fromName("NotIn")).contains(LabelSelectorOperator.NOT_IN);
        assertThat(LabelSelectorOperator.fromName("Exists")).contains(LabelSelectorOperator.EXISTS);
        assertThat(LabelSelectorOperator.fromName("DoesNotExist")).contains(LabelSelectorOperator.DOES_NOT_EXIST);
        assertThat(LabelSelectorOperator.fromName("in")).isEmpty();
        assertThat(LabelSelectorOperator.fromName("Gt")).isEmpty();
    }

    @Test
    void derivedCopiesAndKeyQueries() {
        LabelSelector s = selector("app=web");
        LabelSelector withNs = s.withMatchLabel("k8s:io.kubernetes.pod.namespace", "shop");
        assertThat(withNs.toString()).isEqualTo("{any:app=web,k8s:io.kubernetes.pod.namespace=shop}");
        assertThat(s.toString()).isEqualTo("{any:app=web}");
        assertThat(withNs.hasKey("k8s:io.kubernetes.pod.namespace")).isTrue();
        assertThat(withNs.hasKey("io.kubernetes.pod.namespace")).isFalse();
        assertThat(withNs.hasKey("app")).isTrue();
        assertThat(s.withMatchExpression(LabelSelectorRequirement.exists("tier")).hasKey("any:tier")).isTrue();
        assertThat(LabelSelector.ofLabels(Label.reserved("host")).toString()).isEqualTo("{reserved:host=}");
    }

    @Test
    void defendsItsCopies() {
        Map<String, String> m = new HashMap<>(Map.of("a", "1"));
        List<LabelSelectorRequirement> l = new ArrayList<>(List.of(LabelSelectorRequirement.exists("b")));
        LabelSelector s = LabelSelector.of(m, l);
        m.put("c", "3");
        l.add(LabelSelectorRequirement.exists("d"));
        assertThat(s.toString()).isEqualTo("{any:a=1,any:b}");
        assertThatThrownBy(() -> s.matchLabels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.matchExpressions().clear()).isInstanceOf(UnsupportedOperationException.class);
        List<String> values = new ArrayList<>(List.of("v"));
        LabelSelectorRequirement r = LabelSelectorRequirement.of("k", LabelSelectorOperator.IN, values);
        values.add("w");
        assertThat(r.values()).containsExactly("v");
    }
}
