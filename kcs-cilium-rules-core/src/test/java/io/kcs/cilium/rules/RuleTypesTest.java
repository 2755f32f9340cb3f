package io.kcs.cilium.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleTypesTest {

    private static Map<String, Optional<String>> labels(Object... keyValues) {
        Map<String, Optional<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], Optional.ofNullable((String) keyValues[i + 1]));
        }
        return m;
    }

    @Test
    void serviceLabelsAreOrderedByKeyAndImmutable() {
        ServiceRule s = new ServiceRule("shop", labels("tier", null, "app", "web", "env", ""));
        assertThat(s.labels().keySet()).containsExactly("app", "env", "tier");
        assertThat(s.toString()).isEqualTo("service:shop|app=web,env=,tier");
        assertThatThrownBy(() -> s.labels().put("x", Optional.empty()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDottedUnprefixedKeyOnlyLabelIsWrittenFirst() {
        ServiceRule s = new ServiceRule("shop", labels("zone", "a", "foo.bar", null, "app", null));
        assertThat(s.toString()).isEqualTo("service:shop|foo.bar,app,zone=a");
        assertThat(RuleSet.parse(s.toString()).rules()).containsExactly(s);
    }

    @Test
    void rejectsTwoDottedUnprefixedKeyOnlyLabels() {
        assertThatThrownBy(() -> new ServiceRule("shop", labels("a.b", null, "c.d", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most one");
        // with values, or with a prefix, they are fine
        assertThat(new ServiceRule("shop", labels("a.b", "1", "c.d", null, "x.io/e.f", null)).toString())
                .isEqualTo("service:shop|c.d,a.b=1,x.io/e.f");
    }

    @Test
    void aKeyOnlyLabelWithADigitsAndDotsPrefixIsWrittenFirst() {
        ServiceRule s = new ServiceRule("shop", labels("a", null, "0.0/b", null, "z", "1"));
        assertThat(s.toString()).isEqualTo("service:shop|0.0/b,a,z=1");
        assertThat(RuleSet.parse(s.toString()).rules()).containsExactly(s);
        assertThatThrownBy(() -> new ServiceRule("shop", labels("0.0/b", null, "c.d", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Shop", "-shop", "shop-", "sh_op", "a.b"})
    void rejectsInvalidNamespaces(String ns) {
        assertThatThrownBy(() -> new EndpointRule(ns)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceRule.of(ns)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheLongestNamespace() {
        String ns = "a".repeat(63);
        assertThat(new EndpointRule(ns).namespace()).isEqualTo(ns);
        assertThatThrownBy(() -> new EndpointRule(ns + "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "a b", "/a", "a/", "A.io/b", "x/y/z", "a=b"})
    void rejectsInvalidLabelKeys(String key) {
        assertThatThrownBy(() -> new ServiceRule("shop", labels(key, "v")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "v-", "v v", "v|w"})
    void rejectsInvalidLabelValues(String value) {
        assertThatThrownBy(() -> new ServiceRule("shop", labels("k", value)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsLabelLengthLimits() {
        String name = "a".repeat(63);
        assertThat(new ServiceRule("s", labels(name, name)).labels()).containsKey(name);
        assertThatThrownBy(() -> new ServiceRule("s", labels(name + "a", "v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceRule("s", labels("k", name + "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> new CidrRule(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FqdnRule(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EntityRule(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EndpointRule(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ServiceRule("s", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringIsTheCanonicalEntryText() {
        assertThat(new EntityRule(Entity.REMOTE_NODE).toString()).isEqualTo("entity:remote-node");
        assertThat(new EndpointRule("pay").toString()).isEqualTo("endpoint:pay");
        assertThat(ServiceRule.of("db").toString()).isEqualTo("service:db");
    }
}
