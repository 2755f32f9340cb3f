package io.kcs.cilium.rules.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CiliumAgentConfigTest {

    @Test
    void defaultsAreTheAgentsDefaults() {
        CiliumAgentConfig c = CiliumAgentConfig.defaults();
        assertThat(c.enableL7Proxy()).isTrue();
        assertThat(c.cidrRulesSelectNodes()).isFalse();
        assertThat(c.monitorAggregationLevel()).isZero();
        assertThat(c.monitorAggregationInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.monitorAggregationFlagBits()).isEqualTo(
                CiliumAgentConfig.FLAG_SYN | CiliumAgentConfig.FLAG_FIN | CiliumAgentConfig.FLAG_RST);
        assertThat(CiliumAgentConfig.fromOptions(Map.of())).isEqualTo(c);
    }

    @ParameterizedTest
    @CsvSource({"1,true", "t,true", "T,true", "TRUE,true", "true,true", "True,true", "0,false", "f,false",
        "F,false", "FALSE,false", "false,false", "False,false"})
    void readsBooleansAsGoDoes(String text, boolean expected) {
        assertThat(CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", text)).enableL7Proxy())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "tRUE", "", " true", "2"})
    void rejectsOtherBooleansNamingKeyAndValue(String text) {
        assertThatThrownBy(() -> CiliumAgentConfig.fromOptions(Map.of("enable-l7-proxy", text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enable-l7-proxy").hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"none,0", "disabled,0", "'',0", "lowest,1", "low,2", "medium,3", "MEDIUM,3", "Max,4",
        "maximum,4", "0,0", "3,3", "4,4", "+2,2", "-0,0"})
    void readsAggregationLevels(String text, int level) {
        assertThat(CiliumAgentConfig.fromOptions(Map.of("monitor-aggregation", text)).monitorAggregationLevel())
                .isEqualTo(level);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "-1", "high", "med", "3.0", " 3"})
    void rejectsBadAggregationLevels(String text) {
        assertThatThrownBy(() -> CiliumAgentConfig.fromOptions(Map.of("monitor-aggregation", text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("monitor-aggregation");
    }

    @ParameterizedTest
    @CsvSource({"5s,5000", "1m30s,90000", "500ms,500", "0,0", "1h,3600000", "1.5s,1500", "2s500ms,2500",
        "+3s,3000", ".5s,500", "1us,0", "1000000ns,1"})
    void readsGoDurations(String text, long millis) {
        assertThat(CiliumAgentConfig.fromOptions(Map.of("monitor-aggregation-interval", text))
                .monitorAggregationInterval().toMillis()).isEqualTo(millis);
    }

    @Test
    void readsMicroSecondSigns() {
        assertThat(CiliumAgentConfig.fromOptions(Map.of("monitor-aggregation-interval", "3\u00b5s"))
                .monitorAggregationInterval()).isEqualTo(Duration.ofNanos(3000));
        assertThat(CiliumAgentConfig.fromOptions(Map.of("monitor-aggregation-interval", "3\u03bcs"))
                .monitorAggregationInterval()).isEqualTo(Duration.ofNanos(3000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "", "s", "5 s", "-5s", "1d", ".s", "5S", "9999999999h"})
    void rejectsBadDurations(String text) {
        assertThatThrownBy(() -> CiliumAgentConfig.fromOptions(Map.of("monitor-aggregation-interval", text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("monitor-aggregation-interval");
    }

    @Test
    void readsFlagTokens() {
        assertThat(flags("all")).isEqualTo(0xFF);
        assertThat(flags("none")).isZero();
        assertThat(flags("SYN,fin")).isEqualTo(CiliumAgentConfig.FLAG_SYN | CiliumAgentConfig.FLAG_FIN);
        assertThat(flags("psh ack")).isEqualTo(CiliumAgentConfig.FLAG_PSH | CiliumAgentConfig.FLAG_ACK);
        assertThat(flags("urg,ece,cwr,rst")).isEqualTo(0x20 | 0x40 | 0x80 | 0x04);
        assertThatThrownBy(() -> flags("syn,bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bogus").hasMessageContaining("monitor-aggregation-flags");
    }

    private static int flags(String text) {
        return CiliumAgentConfig.fromOptions(Map.of("monitor-aggregation-flags", text)).monitorAggregationFlagBits();
    }

    @Test
    void readsCidrMatchMode() {
        assertThat(CiliumAgentConfig.fromOptions(Map.of("policy-cidr-match-mode", "nodes")).cidrRulesSelectNodes())
                .isTrue();
        assertThat(CiliumAgentConfig.fromOptions(Map.of("policy-cidr-match-mode", "")).cidrRulesSelectNodes())
                .isFalse();
        assertThatThrownBy(() -> CiliumAgentConfig.fromOptions(Map.of("policy-cidr-match-mode", "pods")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ignoresUnknownKeys() {
        assertThat(CiliumAgentConfig.fromOptions(Map.of("tunnel", "vxlan", "monitor-aggregation-intervalInsert",
                "x"))).isEqualTo(CiliumAgentConfig.defaults());
    }

    @Test
    void policyOptionDefaultsAreTheAgentsDefaults() {
        // pkg/defaults/defaults.go: EnableICMPRules true, EnableNonDefaultDenyPolicies true,
        // EnableNodeSelectorLabels false, EnableExtendedIPProtocols false; enable-host-firewall false
        CiliumAgentConfig c = CiliumAgentConfig.defaults();
        assertThat(c.enableIcmpRules()).isTrue();
        assertThat(c.enableNonDefaultDenyPolicies()).isTrue();
        assertThat(c.enableNodeSelectorLabels()).isFalse();
        assertThat(c.enableExtendedIpProtocols()).isFalse();
        assertThat(c.enableHostFirewall()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"enable-icmp-rules,f", "enable-non-default-deny-policies,0", "enable-node-selector-labels,true",
        "enable-extended-ip-protocols,T", "enable-host-firewall,1"})
    void readsEachPolicyOptionAndChangesOnlyIt(String key, String value) {
        CiliumAgentConfig c = CiliumAgentConfig.fromOptions(Map.of(key, value));
        CiliumAgentConfig d = CiliumAgentConfig.defaults();
        boolean[] got = {c.enableIcmpRules(), c.enableNonDefaultDenyPolicies(), c.enableNodeSelectorLabels(),
            c.enableExtendedIpProtocols(), c.enableHostFirewall()};
        boolean[] defaults = {d.enableIcmpRules(), d.enableNonDefaultDenyPolicies(), d.enableNodeSelectorLabels(),
            d.enableExtendedIpProtocols(), d.enableHostFirewall()};
        int changed = 0;
        for (int i = 0; i < got.length; i++) {
            changed += got[i] != defaults[i] ? 1 : 0;
        }
        assertThat(changed).isEqualTo(1);
        assertThat(c).isNotEqualTo(d).hasToString(c.toString());
        assertThat(c.toString()).contains(key + "=");
        assertThatThrownBy(() -> CiliumAgentConfig.fromOptions(Map.of(key, "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    @Test
    void withersChangeOnePolicyOption() {
        CiliumAgentConfig d = CiliumAgentConfig.defaults();
        assertThat(d.withEnableIcmpRules(false).enableIcmpRules()).isFalse();
        assertThat(d.withEnableNonDefaultDenyPolicies(false).enableNonDefaultDenyPolicies()).isFalse();
        assertThat(d.withEnableNodeSelectorLabels(true).enableNodeSelectorLabels()).isTrue();
        assertThat(d.withEnableExtendedIpProtocols(true).enableExtendedIpProtocols()).isTrue();
        assertThat(d.withEnableHostFirewall(true).enableHostFirewall()).isTrue();
        assertThat(d.withEnableHostFirewall(true).withEnableHostFirewall(false)).isEqualTo(d);
        assertThat(d.withEnableL7Proxy(false).enableIcmpRules()).isTrue();
    }
}
