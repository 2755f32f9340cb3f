package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kcs.cilium.rules.cli.PolicyDocuments.Document;
import io.kcs.cilium.rules.cli.PolicyDocuments.Problem;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyDocumentsTest {

    private static final String CNP = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: web
              namespace: shop
            spec:
              endpointSelector:
                matchLabels:
                  app: web
              egress:
              - toPorts:
                - ports:
                  - port: "53"
                    endPort: 60
            """;

    private static List<Document> parse(String text) {
        return PolicyDocuments.parse("f.yaml", text);
    }

    private static Problem onlyProblem(String text) {
        List<Document> docs = parse(text);
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).object()).isEmpty();
        assertThat(docs.get(0).problems()).hasSize(1);
        return docs.get(0).problems().get(0);
    }

    @Test
    void readsAPolicyAndTheLineOfEveryPath() {
        Document d = parse(CNP).get(0);
        assertThat(d.problems()).isEmpty();
        assertThat(d.object()).get().isInstanceOf(CiliumNetworkPolicy.class);
        CiliumNetworkPolicy p = (CiliumNetworkPolicy) d.object().get();
        assertThat(p.getSpec().getEgress().get(0).getToPorts().get(0).getPorts().get(0).getEndPort()).isEqualTo(60);
        assertThat(d.line()).isEqualTo(1);
        assertThat(d.lineOf("spec.egress[0].toPorts[0].ports[0].endPort")).isEqualTo(14);
        assertThat(d.lineOf("spec.egress[0].toPorts[0].ports[0]")).isEqualTo(13);
        assertThat(d.lineOf("spec.egress[0]")).isEqualTo(11);
        assertThat(d.lineOf("spec.egress")).isEqualTo(10);
        // a path not in the text (a field the reader names but the author left out): its longest known prefix
        assertThat(d.lineOf("spec.egress[0].toPorts[0].rules.dns[0]")).isEqualTo(12);
        assertThat(d.lineOf("spec.endpointSelector.matchLabels.app")).isEqualTo(9);
        assertThat(d.lineOf("")).isEqualTo(1);
        assertThat(d.lineOf("nowhere")).isEqualTo(1);
    }

    @Test
    void severalDocumentsAreNumberedAndLocatedInTheFile() {
        String ccnp = "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: all}\n"
                + "spec:\n  endpointSelector: {}\n  ingress:\n  - {}\n";
        List<Document> docs = parse("# leading comment\n---\n" + CNP + "---\n---\n# only a comment\n---\n" + ccnp
                + "...\n");
        assertThat(docs).extracting(Document::index).containsExactly(1, 2);
        assertThat(docs).extracting(Document::line).containsExactly(3, 21);
        assertThat(docs.get(1).object()).get().isInstanceOf(CiliumClusterwideNetworkPolicy.class);
        assertThat(docs.get(1).lineOf("spec.ingress[0]")).isEqualTo(27);
    }

    @Test
    void aSyntaxErrorEndsItsDocumentOnly() {
        List<Document> docs = parse(CNP + "---\nkind: CiliumNetworkPolicy\nspec: [\n---\n" + CNP);
        assertThat(docs).hasSize(3);
        assertThat(docs.get(0).problems()).isEmpty();
        assertThat(docs.get(1).problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(PolicyDocuments.YAML_SYNTAX);
            assertThat(p.line()).isBetween(17, 18);
        });
        assertThat(docs.get(2).problems()).isEmpty();
        assertThat(docs.get(2).line()).isEqualTo(19);
        assertThat(docs).extracting(Document::index).containsExactly(1, 2, 3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "anchor and alias   | 'metadata: &m {name: a}\nspec: *m\n'                     | 1 | yaml-not-allowed",
        "alias              | 'a: 1\nspec: *m\n'                                       | 2 | yaml-not-allowed",
        "merge key          | 'metadata:\n  <<: {name: a}\n'                           | 2 | yaml-not-allowed",
        "duplicate key      | 'kind: A\nmetadata: {}\nkind: B\n'                       | 3 | yaml-not-allowed",
        "tag                | 'kind: !!binary aGk=\n'                                  | 1 | yaml-not-allowed",
        "custom tag         | 'spec: !foo {}\n'                                        | 1 | yaml-not-allowed",
        "a list             | '- a\n- b\n'                                             | 1 | not-an-object",
        "a single value     | 'hello\n'                                                | 1 | not-an-object",
        "map as key         | '? {a: 1}\n: b\n'                                        | 1 | not-an-object",
        "wrong field type   | 'kind: CiliumNetworkPolicy\nspec:\n  egress: 5\n'        | 3 | invalid-structure",
    })
    void refusesWhatAPolicyFileMayNotUse(String what, String text, int line, String code) {
        Problem p = onlyProblem(text.replace("\\n", "\n"));
        assertThat(p.code()).as(what).isEqualTo(code);
        assertThat(p.line()).as(what).isEqualTo(line);
    }

    private static final String PORT_RULE = "kind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n"
            + "  endpointSelector: {}\n  egress:\n  - toPorts:\n    - ports: [{port: \"443\", protocol: TCP}]\n";

    /** A wrong JSON type inside the typed sub-objects of the v2 model: one problem with the value's path and line. */
    static Stream<Arguments> wrongTypesInsideSubObjects() {
        String port = "spec.egress[0].toPorts[0].";
        String rule = "kind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  endpointSelector: {}\n";
        return Stream.of(
                Arguments.of("kafka apiVersion", PORT_RULE + "      rules:\n        kafka:\n        - apiVersion: {}\n",
                        10, port + "rules.kafka[0].apiVersion"),
                Arguments.of("kafka item", PORT_RULE + "      rules:\n        kafka: [5]\n", 9, port + "rules.kafka[0]"),
                Arguments.of("headerMatches", PORT_RULE + "      rules:\n        http:\n        - headerMatches: x\n",
                        10, port + "rules.http[0].headerMatches"),
                Arguments.of("header match secret", PORT_RULE + "      rules:\n        http:\n        - headerMatches:\n"
                        + "          - name: X\n            secret: [a]\n", 12,
                        port + "rules.http[0].headerMatches[0].secret"),
                Arguments.of("listener priority", PORT_RULE + "      listener:\n        name: l\n        priority: high\n",
                        10, port + "listener.priority"),
                Arguments.of("listener envoyConfig", PORT_RULE + "      listener:\n        envoyConfig: x\n", 9,
                        port + "listener.envoyConfig"),
                Arguments.of("terminatingTLS secret", PORT_RULE + "      terminatingTLS:\n        secret: web\n", 9,
                        port + "terminatingTLS.secret"),
                Arguments.of("originatingTLS trustedCA", PORT_RULE + "      originatingTLS:\n        trustedCA: [a]\n",
                        9, port + "originatingTLS.trustedCA"),
                Arguments.of("toGroups aws", rule + "  egress:\n  - toGroups:\n    - aws: [a]\n", 7,
                        "spec.egress[0].toGroups[0].aws"),
                Arguments.of("fromGroups security group names", rule + "  ingress:\n  - fromGroups:\n    - aws:\n"
                        + "        securityGroupsNames: {a: b}\n", 8,
                        "spec.ingress[0].fromGroups[0].aws.securityGroupsNames"),
                Arguments.of("authentication mode", rule + "  ingress:\n  - authentication:\n      mode: [required]\n",
                        7, "spec.ingress[0].authentication.mode"),
                Arguments.of("log value", rule + "  ingress:\n  - {}\n  log:\n    value: {a: 1}\n", 8,
                        "spec.log.value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypesInsideSubObjects")
    void aWrongTypeInsideASubObjectIsAnInvalidStructureAtItsPath(String what, String text, int line, String path) {
        Problem p = onlyProblem(text);
        assertThat(p.code()).isEqualTo(PolicyDocuments.INVALID_STRUCTURE);
        assertThat(p.path()).isEqualTo(path);
        assertThat(p.line()).isEqualTo(line);
        assertThat(p.message()).startsWith("not a valid CiliumNetworkPolicy: ");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithoutAStackOverflow() {
        String deep = "a: " + "[".repeat(100_000);
        Problem p = onlyProblem(deep);
        assertThat(p.code()).isEqualTo(PolicyDocuments.NOT_AN_OBJECT);
        assertThat(p.message()).contains("deeper than 64");
    }

    @Test
    void otherKindsAreReadForTheReaderToRefuse() {
        Document d = parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n").get(0);
        assertThat(d.problems()).isEmpty();
        assertThat(d.object()).get().isInstanceOf(GenericKubernetesResource.class);
        assertThat(d.object().get().getKind()).isEqualTo("Pod");
    }

    @Test
    void aListStandsForItsItems() {
        String list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: cilium.io/v2\n  kind: CiliumNetworkPolicy\n"
                + "  metadata: {name: a, namespace: x}\n  spec:\n    endpointSelector: {}\n    egress:\n    - {}\n"
                + "- 5\n";
        List<Document> docs = parse(list);
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).item()).isZero();
        assertThat(docs.get(0).line()).isEqualTo(4);
        assertThat(docs.get(0).lineOf("spec.egress[0]")).isEqualTo(10);
        assertThat(docs.get(0).name()).isEqualTo("document 1, item 1");
        assertThat(docs.get(0).id()).isEqualTo("document-1/item-1");
        assertThat(docs.get(1).problems()).extracting(Problem::code).containsExactly(PolicyDocuments.NOT_AN_OBJECT);
        assertThat(docs.get(1).line()).isEqualTo(11);
    }

    @Test
    void scalarsAreTypedAsKubernetesReadsThem() {
        Document d = parse("kind: CiliumNetworkPolicy\nmetadata: {name: a}\nspec:\n  enableDefaultDeny: {egress: false}\n"
                + "  egress:\n  - toPorts:\n    - ports:\n      - {port: 53, protocol: UDP}\n      - {port: '80'}\n")
                .get(0);
        assertThat(d.problems()).isEmpty();
        CiliumNetworkPolicy p = (CiliumNetworkPolicy) d.object().orElseThrow();
        assertThat(p.getSpec().getEnableDefaultDeny().getEgress()).isFalse();
        assertThat(parse("kind: CiliumNetworkPolicy\nspec:\n  egress:\n  - icmps:\n    - fields:\n      - {type: 8}\n")
                .get(0).problems()).as("ICMP type 8 binds to IntOrString").isEmpty();
        assertThat(p.getSpec().getEgress().get(0).getToPorts().get(0).getPorts()).extracting(x -> x.getPort())
                .containsExactly("53", "80");
    }

    @Test
    void emptyInputHasNoDocuments() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("# nothing\n---\n...\n")).isEmpty();
    }
}
