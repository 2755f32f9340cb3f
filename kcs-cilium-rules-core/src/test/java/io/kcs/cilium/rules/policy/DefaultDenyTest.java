package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.Entity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cilium's default-deny defaulting ({@code Rule.Sanitize} in {@code pkg/policy/api/rule_validation.go}): every
 * combination of the written value, the presence of a section and {@code enable-non-default-deny-policies}.
 */
class DefaultDenyTest {

    private static Optional<Boolean> requested(String text) {
        return text.equals("-") ? Optional.empty() : Optional.of(Boolean.parseBoolean(text));
    }

    @ParameterizedTest(name = "requested {0}, section {1}, option {2} -> enabled {3} ({4})")
    @CsvSource(delimiter = '|', value = {
        // requested | hasSection | non-default-deny option | enabled | reason
        "-     | true  | true  | true  | IMPLIED_BY_SECTION",
        "-     | false | true  | false | NOT_IMPLIED",
        "true  | true  | true  | true  | EXPLICIT",
        "true  | false | true  | true  | EXPLICIT",
        "false | true  | true  | false | EXPLICIT",
        "false | false | true  | false | EXPLICIT",
        "-     | true  | false | true  | FORCED_BY_AGENT",
        "-     | false | false | true  | FORCED_BY_AGENT",
        "true  | true  | false | true  | FORCED_BY_AGENT",
        "true  | false | false | true  | FORCED_BY_AGENT",
        "false | true  | false | true  | FORCED_BY_AGENT",
        "false | false | false | true  | FORCED_BY_AGENT",
    })
    void followsCiliumsDefaulting(String requested, boolean hasSection, boolean option, boolean enabled,
            DefaultDeny.Reason reason) {
        DefaultDeny dd = DefaultDeny.defaulting(requested(requested), hasSection, option);
        assertThat(dd.enabled()).isEqualTo(enabled);
        assertThat(dd.reason()).isEqualTo(reason);
        assertThat(dd.requested()).isEqualTo(requested(requested));
        assertThat(dd.isEffective(hasSection)).isEqualTo(hasSection && enabled);
        assertThat(dd.overridesRequest()).isEqualTo(requested(requested).map(r -> r != enabled).orElse(false));
    }

    @Test
    void refusesContradictoryPostures() {
        assertThatThrownBy(() -> new DefaultDeny(false, DefaultDeny.Reason.IMPLIED_BY_SECTION, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultDeny(true, DefaultDeny.Reason.NOT_IMPLIED, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultDeny(true, DefaultDeny.Reason.EXPLICIT, Optional.of(false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultDeny(true, DefaultDeny.Reason.EXPLICIT, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultDeny(false, DefaultDeny.Reason.FORCED_BY_AGENT, Optional.of(false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DefaultDeny(true, DefaultDeny.Reason.FORCED_BY_AGENT, Optional.of(false)).toString())
                .isEqualTo("on (FORCED_BY_AGENT, requested false)");
    }

    private static final Subject ALL = Subject.endpoints(LabelSelector.all());
    private static final PolicyOrigin ORIGIN = PolicyOrigin.of(PolicyKind.CNP, Optional.of("default"), "p",
            OptionalInt.empty());
    private static final IngressRule IN = IngressRule.of(Peers.unrestricted(), List.of());
    private static final IngressDenyRule IN_DENY = new IngressDenyRule(Peers.unrestricted(), List.of(), List.of());
    private static final EgressRule EG = EgressRule.of(Peers.unrestricted(), List.of());
    private static final EgressDenyRule EG_DENY = new EgressDenyRule(Peers.unrestricted(), List.of(), List.of());

    /** Cilium's {@code TestSanitizeDefaultDeny} (non-default-deny policies on): posture per combination of sections. */
    @ParameterizedTest(name = "ingress {0} ingressDeny {1} egress {2} egressDeny {3} -> {4}/{5}")
    @CsvSource({
        "true,false,false,false,true,false",
        "false,true,false,false,true,false",
        "true,true,false,false,true,false",
        "false,false,true,true,false,true",
        "false,false,false,true,false,true",
        "false,false,true,false,false,true",
        "true,false,true,false,true,true",
        "false,false,false,false,false,false",
    })
    void builderDefaultsPerSection(boolean in, boolean inDeny, boolean eg, boolean egDeny, boolean ingressOn,
            boolean egressOn) {
        PolicyRule rule = PolicyRule.builder(ALL, ORIGIN)
                .ingress(in ? List.of(IN) : List.of()).ingressDeny(inDeny ? List.of(IN_DENY) : List.of())
                .egress(eg ? List.of(EG) : List.of()).egressDeny(egDeny ? List.of(EG_DENY) : List.of())
                .build();
        assertThat(rule.ingressDefaultDeny().enabled()).isEqualTo(ingressOn);
        assertThat(rule.egressDefaultDeny().enabled()).isEqualTo(egressOn);
        assertThat(rule.restrictsIngress()).isEqualTo(ingressOn);
        assertThat(rule.restrictsEgress()).isEqualTo(egressOn);
    }

    @Test
    void explicitFalseKeepsADirectionOpenUnlessTheAgentForcesIt() {
        PolicyRule open = PolicyRule.builder(ALL, ORIGIN).egress(List.of(EG))
                .defaultDeny(Optional.empty(), Optional.of(false), true).build();
        assertThat(open.restrictsEgress()).isFalse();
        assertThat(open.egressDefaultDeny().reason()).isEqualTo(DefaultDeny.Reason.EXPLICIT);
        PolicyRule forced = open.toBuilder().defaultDeny(Optional.empty(), Optional.of(false), false).build();
        assertThat(forced.restrictsEgress()).isTrue();
        assertThat(forced.ingressDefaultDeny()).isEqualTo(
                new DefaultDeny(true, DefaultDeny.Reason.FORCED_BY_AGENT, Optional.empty()));
        assertThat(forced.restrictsIngress()).isFalse();
    }

    @Test
    void ruleRefusesAPostureThatContradictsItsSections() {
        DefaultDeny implied = DefaultDeny.defaulting(Optional.empty(), true, true);
        DefaultDeny none = DefaultDeny.defaulting(Optional.empty(), false, true);
        assertThatThrownBy(() -> PolicyRule.builder(ALL, ORIGIN).egress(List.of(EG)).defaultDeny(implied, implied)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ingress");
        assertThatThrownBy(() -> PolicyRule.builder(ALL, ORIGIN).egress(List.of(EG)).defaultDeny(none, none)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("egress");
        assertThat(PolicyRule.builder(ALL, ORIGIN).egress(List.of(EG)).defaultDeny(none, implied).build()
                .restrictsEgress()).isTrue();
    }

    @Test
    void cnpRulesCannotSelectNodes() {
        assertThatThrownBy(() -> PolicyRule.builder(Subject.nodes(LabelSelector.all()), ORIGIN).egress(List.of(EG))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeSelector");
        PolicyOrigin ccnp = PolicyOrigin.of(PolicyKind.CCNP, Optional.empty(), "host-fw", OptionalInt.of(0));
        PolicyRule host = PolicyRule.builder(Subject.nodes(LabelSelector.of(Map.of("node-role", "worker"))), ccnp)
                .ingress(List.of(IngressRule.of(Peers.builder().entities(List.of(Entity.CLUSTER)).build(),
                        List.of())))
                .build();
        assertThat(host.subject().isHostPolicy()).isTrue();
        assertThat(host.toString()).startsWith("rule CiliumClusterwideNetworkPolicy host-fw specs[0] "
                + "nodeSelector={any:node-role=worker} ingressDefaultDeny=on (IMPLIED_BY_SECTION)");
    }
}
