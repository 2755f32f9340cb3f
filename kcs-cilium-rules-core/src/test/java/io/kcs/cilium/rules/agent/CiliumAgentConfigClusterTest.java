package io.kcs.cilium.rules.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster options the policy reader needs: {@code cluster-name} (Cilium {@code ValidateClusterName}) and
 * {@code policy-default-local-cluster} with its per-line default ({@code pkg/clustermesh/types/option.go}: added in
 * 1.18 off, on from 1.19).
 */
class CiliumAgentConfigClusterTest {

    @Test
    void defaults() {
        CiliumAgentConfig c = CiliumAgentConfig.defaults();
        assertThat(c.clusterName()).isEqualTo("default");
        assertThat(c.policyDefaultLocalClusterOption()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"16,,false", "17,true,false", "18,,false", "18,true,true", "19,,true", "19,false,false", "20,,true"})
    void localClusterPerLine(int minor, Boolean option, boolean expected) {
        CiliumAgentConfig c = option == null ? CiliumAgentConfig.defaults()
                : CiliumAgentConfig.fromOptions(Map.of("policy-default-local-cluster", option.toString()));
        assertThat(c.policyDefaultLocalCluster(minor)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "cluster1", "east-1", "a2345678901234567890123456789012"})
    void validClusterNames(String name) {
        assertThat(CiliumAgentConfig.fromOptions(Map.of("cluster-name", name)).clusterName()).isEqualTo(name);
        assertThat(CiliumAgentConfig.defaults().withClusterName(name).clusterName()).isEqualTo(name);
    }

    /** Each differs from a valid name in one place: upper case, a dot, edge dash, 33 characters, empty. */
    @ParameterizedTest
    @ValueSource(strings = {"Cluster1", "cluster.1", "-east", "east-", "a23456789012345678901234567890123", ""})
    void invalidClusterNames(String name) {
        assertThatThrownBy(() -> CiliumAgentConfig.fromOptions(Map.of("cluster-name", name)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster-name");
    }

    @Test
    void theOptionsTakePartInEquality() {
        CiliumAgentConfig a = CiliumAgentConfig.defaults().withClusterName("east");
        assertThat(a).isNotEqualTo(CiliumAgentConfig.defaults());
        assertThat(a.withPolicyDefaultLocalCluster(true)).isNotEqualTo(a);
        assertThat(a.withEnableL7Proxy(false).clusterName()).isEqualTo("east");
        assertThat(a.toString()).contains("cluster-name=east");
    }
}
