package io.kcs.cilium.rules.cli;

import static io.kcs.cilium.rules.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.cli.MainTest.Run;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every user-supplied label and name is checked with the parser's rules; nothing is kept or dropped silently. */
class SelectorValidationTest {

    private static Run translate(String... selectors) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("translate", "--namespace", "shop",
                "--name", "p", "--egress", "10.0.0.0/8"));
        for (String s : selectors) {
            args.add("--selector");
            args.add(s);
        }
        return run(args.toArray(new String[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app=web", "app.kubernetes.io/name=web", "k8s:app=web", "app=", "tier=front_end-1.2"})
    void acceptsValidSelectorLabels(String label) {
        Run r = translate(label);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad key=web", "app=we b", "app=-web", "App_=web", "/app=web", "ex ample.com/app=web",
        "app=" + "w123456789w123456789w123456789w123456789w123456789w123456789w1234", "foo:app=web", "=web"})
    void rejectsInvalidSelectorLabelsAsUsageErrors(String label) {
        Run r = translate(label);
        assertThat(r.code()).as(label).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: --selector").doesNotContain("Exception");
    }

    @Test
    void theReportedSelectorExampleNamesTheOffendingCharacter() {
        Run r = translate("bad key=va lue");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\"bad key=va lue\"").contains("a space");
    }

    @Test
    void aKeyGivenTwiceWithDifferentValuesIsAnError() {
        Run r = translate("app=web", "app=api");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("app").contains("web").contains("api");
        assertThat(translate("app=web", "app=web").code()).as("the same label twice changes nothing").isZero();
    }

    @Test
    void commaSeparatedSelectorsAreSeveralLabels() {
        Run r = translate("app=web,tier=front");
        assertThat(r.code()).isZero();
        CiliumNetworkPolicy p = CiliumPolicies.fromYaml(r.out(), CiliumNetworkPolicy.class);
        assertThat(p.getSpec().getEndpointSelector().getMatchLabels()).containsOnlyKeys("app", "tier");
    }

    @Test
    void anEmptySelectorIsWarnedAbout() {
        Run r = translate();
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning").contains("[empty-endpoint-selector]").contains("every pod")
                .contains("shop");
        Run cw = run("translate", "--clusterwide", "--name", "p", "--egress", "10.0.0.0/8");
        assertThat(cw.code()).isZero();
        assertThat(cw.err()).contains("[empty-endpoint-selector]").contains("cluster");
    }

    @Test
    void explainChecksPodLabelsAndNamespaces() {
        assertThat(run("explain", "--egress", "endpoint:db", "--to-pod", "db/role=primary").code()).isZero();
        for (String pod : new String[] {"Db/role=primary", "db/ro le=primary", "db/role=pri mary", "db/role"}) {
            Run r = run("explain", "--egress", "endpoint:db", "--to-pod", pod);
            assertThat(r.code()).as(pod).isEqualTo(2);
            assertThat(r.err()).as(pod).startsWith("error: --to-pod");
        }
        Run via = run("explain", "--egress", "service:db|app=pg", "--to-pod", "db", "--via-service", "app=p g");
        assertThat(via.code()).isEqualTo(2);
        assertThat(via.err()).startsWith("error: --via-service");
    }

    @Test
    void diagramChecksItsSelectorToo() {
        assertThat(run("diagram", "--selector", "app=web", "--egress", "").code()).isZero();
        Run r = run("diagram", "--selector", "app=we b", "--egress", "");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --selector");
    }
}
