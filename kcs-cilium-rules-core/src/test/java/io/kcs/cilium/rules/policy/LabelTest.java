package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.net.Cidr;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label parsing and key matching, after Cilium's {@code pkg/labels/labels.go} (ParseLabel, ParseSelectLabel, HasKey). */
class LabelTest {

    @ParameterizedTest(name = "parse({0}) = {1} : {2} = {3}")
    @CsvSource(delimiter = '|', value = {
        // text | source | key | value      (cf. Cilium TestParseLabel)
        "k8s:app=web | k8s | app | web",
        "app | unspec | app | ''",
        "app=web | unspec | app | web",
        "any:app=web | any | app | web",
        "container:app=web | container | app | web",
        "reserved:host | reserved | host | ''",
        "$host | reserved | host | ''",
        "reserved:=host | reserved | host | ''",
        "k8s:io.kubernetes.pod.namespace=shop | k8s | io.kubernetes.pod.namespace | shop",
        "io.kubernetes.pod.namespace=shop | unspec | io.kubernetes.pod.namespace | shop",
        "app.kubernetes.io/name=db | unspec | app.kubernetes.io/name | db",
        "k8s:app.kubernetes.io/name=db | k8s | app.kubernetes.io/name | db",
        "k8s:a:b=c | k8s | a:b | c",
        "k8s:a=b=c | k8s | a | b=c",
        "cidr:10.0.0.0/8 | cidr | 10.0.0.0/8 | ''",
        "cilium-generated:x | cilium-generated | x | ''",
        "k8s:app= | k8s | app | ''",
        ":app=web | unspec | app | web",
        "$=x | reserved | x | ''",
    })
    void parsesSourceKeyAndValueAsCiliumParseLabel(String text, String source, String key, String value) {
        assertThat(Label.parse(text)).isEqualTo(new Label(source, key, value));
    }

    @ParameterizedTest(name = "parseSelectLabel({0}).source = {1}")
    @CsvSource(delimiter = '|', value = {
        "app | any",
        "app=web | any",
        "io.kubernetes.pod.namespace | any",
        "k8s:app | k8s",
        "unspec:app | unspec",
        "$host | reserved",
        ":app | any",
    })
    void selectLabelsWithoutSourceAreAny(String text, String source) {
        assertThat(Label.parseSelectLabel(text).source()).isEqualTo(source);
    }

    @ParameterizedTest(name = "parse({0}) is refused")
    @CsvSource(delimiter = '|', value = {"''", "k8s:", ":", "=web", "k8s:=web", "$"})
    void refusesLabelsWithoutKey(String text) {
        assertThatThrownBy(() -> Label.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Label.isValid(text)).isFalse();
    }

    @Test
    void refusesOverlongParts() {
        assertThatThrownBy(() -> Label.of("k8s", "a".repeat(Label.MAX_KEY_LENGTH + 1), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 317");
        assertThat(Label.of("k8s", "a".repeat(Label.MAX_KEY_LENGTH), "").key()).hasSize(317);
        assertThatThrownBy(() -> Label.parse("k8s:a=" + "v".repeat(Label.MAX_VALUE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Label.of("k:8s", "a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Label.of("k8s", "a=b", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringIsCiliumsFormAndParsesBack() {
        for (String text : List.of("k8s:app=web", "reserved:host", "any:tier", "cidr:10.0.0.0/8", "k8s:a=b=c")) {
            assertThat(Label.parse(text).toString()).isEqualTo(text);
            assertThat(Label.parse(Label.parse(text).toString())).isEqualTo(Label.parse(text));
        }
        assertThat(Label.parse("$host").toString()).isEqualTo("reserved:host");
        assertThat(Label.parse("app").extendedKey()).isEqualTo("unspec:app");
    }

    @ParameterizedTest(name = "label {0} hasKeyOf selector key {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // endpoint label | selector key | expected   (cf. Cilium Label.HasKey)
        "k8s:app=web | any:app | true",
        "container:app=web | any:app | true",
        "reserved:app | any:app | true",
        "k8s:app=web | k8s:app | true",
        "container:app=web | k8s:app | false",
        "k8s:app=web | container:app | false",
        "k8s:app=web | any:tier | false",
        "k8s:app=web | k8s:App | false",
        "reserved:host | reserved:host | true",
        "k8s:host | reserved:host | false",
        "unspec:app | any:app | true",
        "unspec:app | k8s:app | false",
        "cidr:10.1.0.0/16 | cidr:10.0.0.0/8 | true",
        "cidr:10.0.0.0/8 | cidr:10.0.0.0/8 | true",
        "cidr:10.0.0.0/8 | cidr:10.1.0.0/16 | false",
        "cidr:11.0.0.0/8 | cidr:10.0.0.0/8 | false",
        "cidr:2001-db8--/48 | cidr:2001-db8--/32 | true",
        "cidr:2001-db9--/48 | cidr:2001-db8--/32 | false",
        "cidr:10.1.0.0/16 | any:10.0.0.0/8 | false",
        "cidr:10.0.0.0/8 | any:10.0.0.0/8 | true",
    })
    void matchesKeysAsCiliumHasKey(String label, String selectorKey, boolean expected) {
        assertThat(Label.parse(label).hasKeyOf(Label.parseSelectLabel(selectorKey))).isEqualTo(expected);
    }

    @Test
    void cidrLabelsKnowTheirPrefix() {
        assertThat(Label.parse("cidr:10.0.0.0/8").cidrPrefix()).contains(Cidr.parse("10.0.0.0/8"));
        assertThat(Label.parse("cidr:2001-db8--/32").cidrPrefix()).contains(Cidr.parse("2001:db8::/32"));
        assertThat(Label.parse("cidr:10.0.0.1").cidrPrefix()).isEmpty();
        assertThat(Label.parse("cidr:bogus/8").cidrPrefix()).isEmpty();
        assertThat(Label.parse("k8s:10.0.0.0/8").cidrPrefix()).isEqualTo(Optional.empty());
    }
}
