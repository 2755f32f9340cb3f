package io.kcs.cilium.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Boundary rows for the parser: each row sits on one edge of a documented rule (README "Exception-list syntax
 * reference", "The comma rule for service labels", "Limits", "Diagnostic codes"), and its twin differs in one place
 * only, on the other side of that edge. Rows give the canonical rules ({@code -} for none) and every diagnostic as
 * {@code code start-end} in text order ({@code -} for none).
 */
class RuleParserBoundaryTest {

    private static String rules(ParseResult r) {
        return r.rules().isEmpty() ? "-" : r.rules().toString();
    }

    private static String diagnostics(ParseResult r) {
        if (r.diagnostics().isEmpty()) {
            return "-";
        }
        return r.diagnostics().stream().map(d -> d.code() + " " + d.start() + "-" + d.end())
                .collect(Collectors.joining(" / "));
    }

    private static void check(RuleParser parser, String text, String expectedRules, String expectedDiagnostics) {
        ParseResult r = parser.parse(text);
        assertThat(rules(r)).as("rules of %s", text).isEqualTo(expectedRules);
        assertThat(diagnostics(r)).as("diagnostics of %s", text).isEqualTo(expectedDiagnostics);
    }

    private static Diagnostic only(String text) {
        ParseResult r = RuleParser.lenient().parse(text);
        assertThat(r.diagnostics()).as("diagnostics of %s", text).hasSize(1);
        return r.diagnostics().get(0);
    }

    /** Where the item starts decides nothing: an item at offset 0 is read like the same item later in the list. */
    @Nested
    class ItemAtTheStartOfTheText {

        @ParameterizedTest(name = "[{0}]")
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            // a ':' makes an IPv6 attempt, also when it is the very first character
            ":x; -; invalid-ipv6 0-1",
            "a.com, :x; a.com; invalid-ipv6 7-8",
            // the first ':' (not a later one) decides IPv6 against a '/'
            ":/:; -; invalid-ipv6 0-1",
            "a.com, :/:; a.com; invalid-ipv6 7-8",
            // a ':' after a '/' is in the prefix length: the address is IPv4, also when the '/' comes first
            "/:; -; invalid-ipv4 0-1",
            "a.com, /:; a.com; invalid-ipv4 7-8",
            // the first '/' is the prefix separator
            "/8/8; -; invalid-ipv4 0-1",
            "a.com, /8/8; a.com; invalid-ipv4 7-8",
            // digits and dots only: an IPv4 attempt, never a name, with 0 and 9 like any digit
            "9.9; -; invalid-ipv4 0-3",
            "0.0; -; invalid-ipv4 0-3",
            "9.x; 9.x; -",
            // an IPv6 address starting with a letter is a CIDR too
            "fe80::1; fe80::1/128; -",
            "a.com, FE80::/10; a.com, fe80::/10; -",
            // trailing white space is not part of the entry
            "\"a..b , x.com\"; x.com; invalid-fqdn 0-4",
            "\"x.com, a..b , y.com\"; x.com, y.com; invalid-fqdn 7-11",
        })
        void readsTheItemTheSameWayAnywhere(String text, String expectedRules, String expectedDiagnostics) {
            check(RuleParser.lenient(), text, expectedRules, expectedDiagnostics);
        }
    }

    /** A word before ':' is a rule prefix unless it is made only of hex digits (then the item is IPv6). */
    @Nested
    class PrefixWords {

        @ParameterizedTest(name = "[{0}]")
        @CsvSource(delimiter = ';', value = {
            "0:x; invalid-ipv6 2-3",
            "9:x; invalid-ipv6 2-3",
            "a:x; invalid-ipv6 2-3",
            "f:x; invalid-ipv6 2-3",
            "A:x; invalid-ipv6 2-3",
            "F:x; invalid-ipv6 2-3",
            "g:x; unknown-prefix 0-1",
            "G:x; unknown-prefix 0-1",
            "fg:x; unknown-prefix 0-2",
            // '-' and '_' may be part of a prefix word, '.' may not
            "a-b:x; unknown-prefix 0-3",
            "a_b:x; unknown-prefix 0-3",
            "a.b:x; invalid-ipv6 0-5",
        })
        void hexWordsAreIpv6AndOtherWordsArePrefixes(String text, String expectedDiagnostics) {
            check(RuleParser.lenient(), text, "-", expectedDiagnostics);
        }

        @ParameterizedTest(name = "[{0}]")
        @CsvSource(delimiter = ';', value = {
            // the misspelt service swallows what the comma rule reads as its labels, up to the end of the text
            "servce:shop|app=web; -; unknown-prefix 0-6",
            "servce:shop|app=web,tier; -; unknown-prefix 0-6",
            "servce:shop|app=web,tier, x.com; x.com; unknown-prefix 0-6",
            "servce:shop|app=web, x.com; x.com; unknown-prefix 0-6",
            "servce:shop, tier; tier; unknown-prefix 0-6",
        })
        void anUnknownPrefixSwallowsItsLabels(String text, String expectedRules, String expectedDiagnostics) {
            check(RuleParser.lenient(), text, expectedRules, expectedDiagnostics);
        }

        @Test
        void theUnknownPrefixMessageQuotesTheEntryWithItsLabels() {
            assertThat(only("servce:shop|app=web,tier, x.com").message())
                    .contains("in \"servce:shop|app=web,tier\";").contains("did you mean \"service\"?");
            assertThat(only("servce:shop|app=web,,tier, x.com").message())
                    .contains("in \"servce:shop|app=web,,tier\";");
            assertThat(only("servce:shop|app=web, x.com").message()).contains("in \"servce:shop|app=web\";");
        }
    }

    /** The comma rule, one row per edge of (a), (b), (c) and the prefix exception, each with its twin. */
    @Nested
    class CommaRuleEdges {

        @ParameterizedTest(name = "[{0}]")
        @CsvSource(delimiter = ';', value = {
            // CIDR-shaped after '/': digits and dots before it, 0 and 9 included, end the label list
            "service:s|a=1,9.9.9.9/32; service:s|a=1, 9.9.9.9/32; ambiguous-label-boundary 14-24",
            "service:s|a=1,9.9.9.x/32; service:s|9.9.9.x/32,a=1; -",
            "service:s|a=1,10.0.0.0/8; service:s|a=1, 10.0.0.0/8; ambiguous-label-boundary 14-24",
            "service:s|a=1,10.0.0.x/8; service:s|10.0.0.x/8,a=1; -",
            // an empty part before '/' is not CIDR-shaped: the item is a (malformed) label
            "service:s|a=1,/8; -; invalid-label 14-16",
            "service:s|a=1,1/8; service:s|a=1; ambiguous-label-boundary 14-17 / invalid-ipv4 14-15",
            // digits and dots only: an entry, and never a key-only label (no ambiguity warning)
            "service:s|a=1,9.9; service:s|a=1; invalid-ipv4 14-17",
            "service:s|a=1,0.0; service:s|a=1; invalid-ipv4 14-17",
            "service:s|a=1,9.x; service:s|a=1, 9.x; ambiguous-label-boundary 14-17",
            // a pattern is never a key-only label (no ambiguity warning)
            "service:s|a=1,*.x.com; service:s|a=1, *.x.com; -",
            "service:s|a=1,x.x.com; service:s|a=1, x.x.com; ambiguous-label-boundary 14-21",
            // entity:, endpoint:, service: start an entry even with '=' or '/' in them
            "service:s|a=1,entity:x=y; service:s|a=1; unknown-entity 21-24",
            "service:s|a=1,entit:x=y; -; invalid-label 14-23",
            "service:s|a=1,endpoint:x=y; service:s|a=1; invalid-namespace 23-26",
            "service:s|a=1,endpoin:x=y; -; invalid-label 14-25",
            "service:s|a=1,service:t|b=2; service:s|a=1, service:t|b=2; -",
            "service:s|a=1,servic:t|b=2; -; invalid-label 14-26",
        })
        void endsOrContinuesTheLabelList(String text, String expectedRules, String expectedDiagnostics) {
            check(RuleParser.lenient(), text, expectedRules, expectedDiagnostics);
        }

        @ParameterizedTest(name = "[{0}]")
        @CsvSource(delimiter = ';', value = {
            // the namespace is covered when there is one, the whole entry when it is missing
            "service:Shop|a=1; invalid-namespace 8-12",
            "service:|a=1; invalid-namespace 0-12",
            "service: |a=1; invalid-namespace 0-13",
            "service:Shop; invalid-namespace 8-12",
            "service:; invalid-namespace 0-8",
        })
        void aBadNamespaceIsCoveredPrecisely(String text, String expectedDiagnostics) {
            check(RuleParser.lenient(), text, "-", expectedDiagnostics);
        }

        @Test
        void twoRequirementsForOneKeyAreNamedInTheMessage() {
            Diagnostic valueThenExists = only("service:s|a=1,a");
            assertThat(valueThenExists.severity()).isEqualTo(Severity.ERROR);
            assertThat(valueThenExists.code()).isEqualTo(DiagnosticCodes.DUPLICATE_LABEL);
            assertThat(valueThenExists.message()).contains("(= \"1\" and exists)");
            assertThat(only("service:s|a,a=1").message()).contains("(exists and = \"1\")");
            assertThat(only("service:s|a=1,a=2").message()).contains("(= \"1\" and = \"2\")");
        }
    }

    @Nested
    class CidrWarningsAndMessages {

        @ParameterizedTest(name = "[{0}]")
        @CsvSource(delimiter = ';', value = {
            // /0 is a prefix length like any other: host bits are masked with a warning
            "1.2.3.4/0; 0.0.0.0/0; host-bits-set 0-9",
            "0.0.0.0/0; 0.0.0.0/0; -",
            "1.2.3.4/1; 0.0.0.0/1; host-bits-set 0-9",
            "::1/0; ::/0; host-bits-set 0-5",
            "a.com, 1.2.3.4/0; a.com, 0.0.0.0/0; host-bits-set 7-16",
            // IPv4-mapped from /96 on (the whole ::ffff:0:0/96 block), not below
            "::ffff:0.0.0.0/96; ::ffff:0.0.0.0/96; ipv4-mapped-ipv6 0-17",
            "::ffff:0.0.0.0/95; ::fffe:0:0/95; host-bits-set 0-17",
            "a.com, ::ffff:0.0.0.0/96; a.com, ::ffff:0.0.0.0/96; ipv4-mapped-ipv6 7-24",
            "::ffff:10.0.0.1/96; ::ffff:0.0.0.0/96; host-bits-set 0-18 / ipv4-mapped-ipv6 0-18",
        })
        void warnsOnTheDocumentedEdges(String text, String expectedRules, String expectedDiagnostics) {
            check(RuleParser.lenient(), text, expectedRules, expectedDiagnostics);
        }

        @Test
        void thePrefixLengthMessageNamesTheRangeOfTheFamily() {
            assertThat(only("10.0.0.0/33").message()).contains("expected a prefix length 0-32")
                    .doesNotContain("0-128");
            assertThat(only("::/129").message()).contains("expected a prefix length 0-128");
        }

        @Test
        void anInvalidNameWithEqualsSignPointsAtLabels() {
            String labelHint = "a label (key=value) is only allowed after service:<namespace>|";
            assertThat(only("=b").message()).contains(labelHint);
            assertThat(only("a.com, =b").message()).contains(labelHint);
            assertThat(only(".b").message()).doesNotContain(labelHint);
        }

        @Test
        void onlyClusterMeshNamesTheCiliumVersion() {
            Diagnostic mesh = only("entity:cluster-mesh");
            assertThat(mesh.code()).isEqualTo(DiagnosticCodes.ENTITY_NOT_IN_CRD);
            assertThat(mesh.message()).contains("(Cilium 1.20+)");
            Diagnostic ipv4 = only("entity:world-ipv4");
            assertThat(ipv4.code()).isEqualTo(DiagnosticCodes.ENTITY_NOT_IN_CRD);
            assertThat(ipv4.message()).doesNotContain("1.20");
        }
    }

    @Nested
    class Limits {

        @Test
        void aListOfExactlyMaxLengthCharactersParses() {
            String text = "10.0.0.0/8, a.com";
            check(RuleParser.lenient().withMaxLength(17), text, "10.0.0.0/8, a.com", "-");
            check(RuleParser.lenient().withMaxLength(16), text, "-", "input-too-large 0-17");
        }

        @Test
        void aSingleCidrObeysBothLimits() {
            String text = "10.0.0.0/8";
            check(RuleParser.lenient().withMaxLength(10), text, "10.0.0.0/8", "-");
            check(RuleParser.lenient().withMaxLength(9), text, "-", "input-too-large 0-10");
            check(RuleParser.lenient().withMaxEntries(1), text, "10.0.0.0/8", "-");
            check(RuleParser.lenient().withMaxEntries(0), text, "-", "input-too-large 0-10");
        }

        @Test
        void theItemBeyondMaxEntriesIsNotParsed() {
            String text = "a.com, 300.1.1.1";
            check(RuleParser.lenient().withMaxEntries(2), text, "a.com", "invalid-ipv4 7-10");
            check(RuleParser.lenient().withMaxEntries(1), text, "-", "input-too-large 0-16");
        }

        @Test
        void theLabelBeyondMaxEntriesIsNotParsed() {
            String text = "service:s|a=1,b=2,c=%";
            check(RuleParser.lenient().withMaxEntries(3), text, "-", "invalid-label 20-21");
            check(RuleParser.lenient().withMaxEntries(2), text, "-", "input-too-large 0-21");
        }
    }

    @Nested
    class Descriptions {

        @Test
        void aParserSaysWhetherItIsStrictAndWhatItsSettingsAre() {
            assertThat(RuleParser.strict().isStrict()).isTrue();
            assertThat(RuleParser.lenient().isStrict()).isFalse();
            assertThat(RuleParser.strict().toString()).startsWith("RuleParser[strict,");
            assertThat(RuleParser.lenient().withCni(Cni.OTHER).withMaxLength(7).withMaxEntries(3).toString())
                    .isEqualTo("RuleParser[lenient, cni=OTHER, maxLength=7, maxEntries=3]");
        }

        @Test
        void aParseResultShowsItsRulesAndDiagnostics() {
            String shown = RuleParser.lenient().parse("a.com, a..b").toString();
            assertThat(shown).startsWith("ParseResult[rules=a.com, diagnostics=[").contains("invalid-fqdn");
        }
    }

    @Nested
    class DiagnosticOrder {

        @Test
        void diagnosticsAreInTextOrderEvenWhenTheEntryIsJudgedAfterItsLabels() {
            // the label warning is found first, the CNI warning (covering the whole entry) when the entry is complete
            check(RuleParser.lenient().withCni(Cni.OTHER), "service:s|a=1,a=1", "-",
                    "cni-ignored 0-17 / duplicate-label 14-17");
            check(RuleParser.lenient(), "service:s|a=1, service:s|a=1,a=1", "service:s|a=1",
                    "duplicate-entry 15-32 / duplicate-label 29-32");
        }
    }

    /** Duplicates are found however long the list is (the parser indexes long lists). */
    @Nested
    class DuplicatesInLongLists {

        private List<String> distinct(int count) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add("10." + (i >> 8) + "." + (i & 0xFF) + ".0/24");
            }
            return items;
        }

        @Test
        void eachRepetitionNamesTheOffsetOfItsFirstOccurrence() {
            for (int count : new int[] {15, 16, 17, 40, 600}) {
                List<String> items = distinct(count);
                List<String> twice = new ArrayList<>(items);
                twice.addAll(items);
                String text = String.join(", ", twice);
                ParseResult r = RuleParser.lenient().parse(text);
                assertThat(r.rules().size()).as("rules of %d items twice", count).isEqualTo(count);
                assertThat(r.diagnostics()).as("diagnostics of %d items twice", count).hasSize(count);
                int offset = 0;
                List<Integer> firstOffsets = new ArrayList<>();
                for (String item : items) {
                    firstOffsets.add(offset);
                    offset += item.length() + 2;
                }
                for (int i = 0; i < count; i++) {
                    Diagnostic d = r.diagnostics().get(i);
                    assertThat(d.code()).isEqualTo(DiagnosticCodes.DUPLICATE_ENTRY);
                    assertThat(text.substring(d.start(), d.end())).isEqualTo(items.get(i));
                    assertThat(d.start()).isEqualTo(offset + firstOffsets.get(i));
                    assertThat(d.message()).contains("repeats the entry at offset " + firstOffsets.get(i) + " (");
                }
            }
        }
    }

    /** The one {@code too-many-diagnostics} covers exactly the unlisted ones, with their worst severity. */
    @Nested
    class TooManyDiagnostics {

        private final int listed = RuleParser.MAX_DIAGNOSTICS;

        private void checkSummary(String item, int diagnosticsPerText, Severity expected) {
            int copies = diagnosticsPerText;
            String text = String.join(", ", Collections.nCopies(copies, item));
            ParseResult r = RuleParser.lenient().parse(text);
            assertThat(r.diagnostics()).hasSize(listed + 1);
            Diagnostic last = r.diagnostics().get(listed);
            assertThat(last.code()).isEqualTo(DiagnosticCodes.TOO_MANY_DIAGNOSTICS);
            assertThat(last.severity()).isEqualTo(expected);
            int stride = item.length() + 2;
            int unlisted = copies - listed - (expected == Severity.WARNING ? 1 : 0);
            int firstUnlisted = copies - unlisted;
            assertThat(last.start()).isEqualTo(firstUnlisted * stride);
            assertThat(last.end()).isEqualTo(text.length());
            assertThat(last.message()).startsWith(unlisted + " more diagnostics between offsets "
                    + firstUnlisted * stride + " and " + text.length());
        }

        @Test
        void unlistedErrorsMakeAnError() {
            checkSummary("a..b", listed + 3, Severity.ERROR);
        }

        @Test
        void unlistedWarningsMakeAWarning() {
            // the first a.b is a rule, each copy after it a duplicate-entry warning
            checkSummary("a.b", listed + 4, Severity.WARNING);
        }
    }
}
