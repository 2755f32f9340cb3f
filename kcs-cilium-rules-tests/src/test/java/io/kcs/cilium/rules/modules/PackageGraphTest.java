package io.kcs.cilium.rules.modules;

import static io.kcs.cilium.rules.modules.PackageGraph.CLI;
import static io.kcs.cilium.rules.modules.PackageGraph.CORE;
import static io.kcs.cilium.rules.modules.PackageGraph.FABRIC8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.modules.PackageGraph.NarrowEdge;
import io.kcs.cilium.rules.modules.PackageGraph.Reference;
import io.kcs.cilium.rules.modules.PackageGraph.Row;
import io.kcs.cilium.rules.modules.PackageGraph.SourceFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the main sources of the core, fabric8 and CLI modules is the one drawn in the design's
 * {@code architecture.md} (the table in {@link PackageGraph}), with exactly one tolerated back edge:
 * {@code RuleSet.parse(text)} delegating to {@code RuleParser}. The checker itself is tested first on small sources
 * that differ from an allowed one in one place.
 */
class PackageGraphTest {

    private static List<SourceFile> sources;

    @BeforeAll
    static void readSources() {
        Path root = PackageGraph.repositoryRoot().orElseThrow(() -> new AssertionError(
                "no directory above " + Path.of("").toAbsolutePath() + " holds " + CORE + "/src/main/java"));
        sources = PackageGraph.read(root);
    }

    private static List<SourceFile> in(String pkg) {
        return sources.stream().filter(f -> PackageGraph.packageOf(f).flatMap(PackageGraph::shortName)
                .filter(pkg::equals).isPresent()).toList();
    }

    /** Which types of package {@code to} the files of package {@code from} reference, as "File.java -> Type". */
    private static Set<String> uses(String from, String to) {
        return PackageGraph.edges(sources).getOrDefault(from, Map.of()).getOrDefault(to, List.of()).stream()
                .map(r -> r.file().fileName() + " -> " + r.type()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Nested
    class TheSources {

        @Test
        void areReadFromEveryCheckedModule() {
            // a wrong path must not make every other test pass vacuously
            Map<String, Long> perModule = sources.stream()
                    .collect(Collectors.groupingBy(SourceFile::module, Collectors.counting()));
            assertThat(perModule.keySet()).containsExactlyInAnyOrder(CORE, FABRIC8, CLI);
            assertThat(perModule.get(CORE)).isGreaterThanOrEqualTo(40);
            assertThat(perModule.get(FABRIC8)).isGreaterThanOrEqualTo(20);
            assertThat(perModule.get(CLI)).isGreaterThanOrEqualTo(10);
            Set<String> packages = sources.stream().map(PackageGraph::packageOf).flatMap(java.util.Optional::stream)
                    .flatMap(p -> PackageGraph.shortName(p).stream()).collect(Collectors.toSet());
            assertThat(packages).contains("rules", "common", "agent", "internal", "net", "fqdn", "parse", "eval",
                    "events", "fabric8", "fabric8.v2", "cli");
        }

        @Test
        void followTheTable() {
            assertThat(PackageGraph.violations(sources)).as("imports against the allowed package graph").isEmpty();
        }

        @Test
        void useParseFromTheRulesPackageOnlyForRuleSetParse() {
            assertThat(uses("rules", "parse")).containsExactly("RuleSet.java -> RuleParser",
                    "RuleSet.java -> RuleSyntaxException");
        }

        @Test
        void keepEventsAwayFromEval() {
            assertThat(uses("events", "eval")).isEmpty();
        }

        @Test
        void keepEvalAwayFromEventsAndParse() {
            assertThat(uses("eval", "events")).isEmpty();
            assertThat(uses("eval", "parse")).isEmpty();
        }

        @Test
        void keepNetAndFqdnLeaves() {
            for (String leaf : List.of("net", "fqdn")) {
                for (String above : List.of("rules", "eval", "events", "parse")) {
                    assertThat(uses(leaf, above)).as("%s -> %s", leaf, above).isEmpty();
                }
            }
        }

        @Test
        void keepCommonAndAgentFreeOfOurPackages() {
            assertThat(PackageGraph.edges(sources)).doesNotContainKeys("common", "agent");
            assertThat(in("common")).isNotEmpty();
        }
    }

    @Nested
    class TheTable {

        @Test
        void namesOnlyPackagesThatHaveARow() {
            for (Row r : PackageGraph.TABLE.values()) {
                assertThat(PackageGraph.TABLE.keySet()).as("arrows of %s", r.pkg()).containsAll(r.mayImport());
            }
            for (NarrowEdge e : PackageGraph.NARROW) {
                assertThat(PackageGraph.TABLE.get(e.from()).mayImport()).as("%s", e).contains(e.to());
            }
        }

        @Test
        void isAcyclicBesideTheOneToleratedBackEdge() {
            assertThat(PackageGraph.cycle(PackageGraph.TABLE, PackageGraph.NARROW)).isEmpty();
            assertThat(PackageGraph.NARROW.stream().filter(NarrowEdge::backEdge))
                    .singleElement().satisfies(e -> {
                        assertThat(e.from() + " -> " + e.to()).isEqualTo("rules -> parse");
                        assertThat(e.types()).containsExactlyInAnyOrder("RuleParser", "RuleSyntaxException");
                    });
        }

        @Test
        void findsACycleThatANewArrowWouldClose() {
            // one arrow more than the real table: net -> eval closes eval -> net -> eval
            Map<String, Row> t = new LinkedHashMap<>(PackageGraph.TABLE);
            Row net = t.get("net");
            Set<String> more = new TreeSet<>(net.mayImport());
            more.add("eval");
            t.put("net", new Row(net.module(), "net", more, net.note()));
            assertThat(PackageGraph.cycle(t, PackageGraph.NARROW)).hasValueSatisfying(c -> assertThat(c)
                    .contains("net -> eval").contains("eval"));
            // and without the back edge's tolerance, rules <-> parse is a cycle
            assertThat(PackageGraph.cycle(PackageGraph.TABLE, List.of())).hasValueSatisfying(c -> assertThat(c)
                    .contains("rules").contains("parse"));
        }

        @Test
        void drawsTheNeverArrowsOfTheDesign() {
            Map<String, Row> t = PackageGraph.TABLE;
            assertThat(t.get("common").mayImport()).isEmpty();
            assertThat(t.get("agent").mayImport()).isEmpty();
            assertThat(t.get("events").mayImport()).doesNotContain("eval");
            assertThat(t.get("eval").mayImport()).doesNotContain("events");
            for (String leaf : List.of("net", "fqdn")) {
                assertThat(t.get(leaf).mayImport()).doesNotContain("eval", "events", "parse", "rules");
            }
            for (Row r : t.values()) {
                if (r.module().equals(CORE)) {
                    assertThat(r.mayImport()).as(r.pkg()).doesNotContain("fabric8", "fabric8.v2", "cli");
                    // the new consumers sit at the top of the flow: no core package depends on them
                    assertThat(r.mayImport()).as(r.pkg()).doesNotContain("analysis", "hubble");
                } else {
                    assertThat(r.mayImport()).as(r.pkg()).doesNotContain("internal");
                }
            }
            assertThat(t.get("fabric8.v2").mayImport()).isEmpty();
            assertThat(t.get("policy").mayImport()).containsExactlyInAnyOrder("net", "fqdn", "common", "internal",
                    "rules", "eval", "agent");
            // the engine in policy reads eval's peers and peer selection: eval must never read policy back
            assertThat(t.get("eval").mayImport()).doesNotContain("policy");
            assertThat(PackageGraph.narrow("policy", "rules")).hasValueSatisfying(e -> assertThat(e.types())
                    .containsExactly("Entity"));
        }
    }

    /** The checker on small sources; each negative row differs from its positive row in one place. */
    @Nested
    class TheChecker {

        private SourceFile file(String module, String pkg, String name, String body) {
            String dir = pkg.replace('.', '/');
            return new SourceFile(module, module + "/src/main/java/" + dir + "/" + name, "package " + pkg + ";\n\n"
                    + body);
        }

        private List<String> check(SourceFile f) {
            return PackageGraph.violations(List.of(f));
        }

        @Test
        void acceptsAnAllowedImportAndRefusesOneInThePlaceOfIt() {
            String ok = "import io.kcs.cilium.rules.common.Direction;\nclass A {}\n";
            String bad = "import io.kcs.cilium.rules.eval.Verdict;\nclass A {}\n";
            assertThat(check(file(CORE, "io.kcs.cilium.rules.events", "A.java", ok))).isEmpty();
            assertThat(check(file(CORE, "io.kcs.cilium.rules.events", "A.java", bad))).singleElement()
                    .satisfies(m -> assertThat(m).startsWith(CORE + "/src/main/java/io/kcs/cilium/rules/events/A.java:3:")
                            .contains("events must not use io.kcs.cilium.rules.eval.Verdict (package eval)")
                            .contains("may import only [agent, common, net]").contains("PackageGraph.TABLE"));
        }

        @Test
        void readsStaticAndOnDemandImports() {
            assertThat(check(file(CORE, "io.kcs.cilium.rules.events", "A.java",
                    "import static io.kcs.cilium.rules.common.Direction.EGRESS;\nclass A {}\n"))).isEmpty();
            assertThat(check(file(CORE, "io.kcs.cilium.rules.events", "A.java",
                    "import static io.kcs.cilium.rules.eval.Verdict.ALLOWED;\nclass A {}\n"))).hasSize(1);
            assertThat(check(file(CORE, "io.kcs.cilium.rules.events", "A.java",
                    "import io.kcs.cilium.rules.common.*;\nclass A {}\n"))).isEmpty();
            assertThat(check(file(CORE, "io.kcs.cilium.rules.events", "A.java",
                    "import io.kcs.cilium.rules.eval.*;\nclass A {}\n"))).hasSize(1);
        }

        @Test
        void readsFullyQualifiedNamesInCodeButNotInCommentsOrLiterals() {
            String pkg = "io.kcs.cilium.rules.events";
            assertThat(check(file(CORE, pkg, "A.java", "class A { io.kcs.cilium.rules.eval.Verdict v; }\n")))
                    .singleElement().satisfies(m -> assertThat(m).contains("A.java:3:"));
            assertThat(check(file(CORE, pkg, "A.java", "class A { io.kcs.cilium.rules.net.Cidr v; }\n"))).isEmpty();
            assertThat(check(file(CORE, pkg, "A.java",
                    "/** {@link io.kcs.cilium.rules.eval.Verdict} */\nclass A {}\n"))).isEmpty();
            assertThat(check(file(CORE, pkg, "A.java",
                    "// import io.kcs.cilium.rules.eval.Verdict;\nclass A {}\n"))).isEmpty();
            assertThat(check(file(CORE, pkg, "A.java",
                    "class A { String s = \"io.kcs.cilium.rules.eval.Verdict\"; }\n"))).isEmpty();
            assertThat(check(file(CORE, pkg, "A.java",
                    "class A { String s = \"\"\"\n  import io.kcs.cilium.rules.eval.Verdict;\n  \"\"\"; }\n")))
                    .isEmpty();
            assertThat(check(file(CORE, pkg, "A.java",
                    "class A { String s = \"a\\\"\"; io.kcs.cilium.rules.eval.Verdict v; }\n"))).hasSize(1);
            assertThat(check(file(CORE, pkg, "A.java",
                    "class A { char c = '\"'; io.kcs.cilium.rules.eval.Verdict v; }\n"))).hasSize(1);
        }

        @Test
        void allowsTheBackEdgeOnlyForRuleSetAndItsTwoTypes() {
            String pkg = "io.kcs.cilium.rules";
            assertThat(check(file(CORE, pkg, "RuleSet.java",
                    "import io.kcs.cilium.rules.parse.RuleParser;\nclass RuleSet {}\n"))).isEmpty();
            assertThat(check(file(CORE, pkg, "RuleSet.java",
                    "import io.kcs.cilium.rules.parse.RuleSyntaxException;\nclass RuleSet {}\n"))).isEmpty();
            assertThat(check(file(CORE, pkg, "Rule.java",
                    "import io.kcs.cilium.rules.parse.RuleParser;\nclass Rule {}\n"))).singleElement()
                    .satisfies(m -> assertThat(m).contains("rules may use only [RuleParser, RuleSyntaxException]"
                            + " of parse and only in [RuleSet.java]"));
            assertThat(check(file(CORE, pkg, "RuleSet.java",
                    "import io.kcs.cilium.rules.parse.ParseResult;\nclass RuleSet {}\n"))).hasSize(1);
            assertThat(check(file(CORE, pkg, "RuleSet.java",
                    "import io.kcs.cilium.rules.parse.*;\nclass RuleSet {}\n"))).hasSize(1);
        }

        @Test
        void allowsPolicyOnlyTheEntityOfTheRulesPackage() {
            String pkg = "io.kcs.cilium.rules.policy";
            assertThat(check(file(CORE, pkg, "A.java", "import io.kcs.cilium.rules.Entity;\nclass A {}\n")))
                    .isEmpty();
            assertThat(check(file(CORE, pkg, "A.java", "import io.kcs.cilium.rules.EntityRule;\nclass A {}\n")))
                    .singleElement().satisfies(m -> assertThat(m).contains("policy may use only [Entity] of rules"));
        }

        @Test
        void refusesAPackageWithoutARowAndSaysWhatToDo() {
            assertThat(check(file(CORE, "io.kcs.cilium.rules.eval", "A.java", "class A {}\n"))).isEmpty();
            assertThat(check(file(CORE, "io.kcs.cilium.rules.evaluation", "A.java", "class A {}\n")))
                    .singleElement().satisfies(m -> assertThat(m)
                            .startsWith("package io.kcs.cilium.rules.evaluation (first seen in " + CORE)
                            .contains("add a row to PackageGraph.TABLE"));
            assertThat(check(file(CORE, "io.kcs.cilium.rules.events", "A.java",
                    "import io.kcs.cilium.rules.evaluation.X;\nclass A {}\n"))).singleElement()
                    .satisfies(m -> assertThat(m).contains("not in the package table"));
        }

        @Test
        void refusesAPackageInTheWrongModule() {
            assertThat(check(file(FABRIC8, "io.kcs.cilium.rules.fabric8", "A.java", "class A {}\n"))).isEmpty();
            assertThat(check(file(CORE, "io.kcs.cilium.rules.fabric8", "A.java", "class A {}\n")))
                    .singleElement().satisfies(m -> assertThat(m).contains("belongs to " + FABRIC8));
        }

        @Test
        void keepsTheCoreOnTheJdkAndGuava() {
            String pkg = "io.kcs.cilium.rules.net";
            assertThat(check(file(CORE, pkg, "A.java",
                    "import com.google.common.collect.ImmutableList;\nimport java.util.List;\nclass A {}\n")))
                    .isEmpty();
            assertThat(check(file(CORE, pkg, "A.java",
                    "import com.fasterxml.jackson.core.JsonParser;\nimport java.util.List;\nclass A {}\n")))
                    .singleElement().satisfies(m -> assertThat(m).contains("net uses com.fasterxml.jackson.core"
                            + ".JsonParser"));
            assertThat(check(file(FABRIC8, "io.kcs.cilium.rules.fabric8", "A.java",
                    "import com.fasterxml.jackson.core.JsonParser;\nclass A {}\n"))).isEmpty();
            SourceFile moduleInfo = new SourceFile(CORE, CORE + "/src/main/java/module-info.java",
                    "module io.kcs.cilium.rules {\n    requires com.google.common;\n}\n");
            assertThat(check(moduleInfo)).isEmpty();
            assertThat(check(new SourceFile(CORE, moduleInfo.path(), moduleInfo.text()
                    .replace("com.google.common", "io.fabric8.kubernetes.model"))))
                    .singleElement().satisfies(m -> assertThat(m).contains("requires io.fabric8.kubernetes.model"));
        }

        @Test
        void keepsFabric8AndTheCliOffTheInternalPackage() {
            assertThat(check(file(CLI, "io.kcs.cilium.rules.cli", "A.java",
                    "import io.kcs.cilium.rules.KubernetesNames;\nclass A {}\n"))).isEmpty();
            assertThat(check(file(CLI, "io.kcs.cilium.rules.cli", "A.java",
                    "import io.kcs.cilium.rules.internal.K8sNames;\nclass A {}\n"))).hasSize(1);
            assertThat(check(file(FABRIC8, "io.kcs.cilium.rules.fabric8.v2", "A.java",
                    "import io.kcs.cilium.rules.fabric8.v2.B;\nclass A {}\n"))).isEmpty();
            assertThat(check(file(FABRIC8, "io.kcs.cilium.rules.fabric8.v2", "A.java",
                    "import io.kcs.cilium.rules.fabric8.Mapped;\nclass A {}\n"))).hasSize(1);
        }

        @Test
        void namesTheLineOfEachReference() {
            SourceFile f = file(CORE, "io.kcs.cilium.rules.events", "A.java",
                    "import java.util.List;\n/*\n * x\n */\nimport io.kcs.cilium.rules.net.Cidr;\nclass A {}\n");
            assertThat(PackageGraph.references(f)).extracting(Reference::line, Reference::pkg, Reference::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "java.util", "List"),
                            org.assertj.core.groups.Tuple.tuple(7, "io.kcs.cilium.rules.net", "Cidr"));
        }
    }
}
