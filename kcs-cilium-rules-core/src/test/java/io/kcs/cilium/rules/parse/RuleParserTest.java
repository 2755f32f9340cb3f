package io.kcs.cilium.rules.parse;

import io.kcs.cilium.rules.common.Severity;

import io.kcs.cilium.rules.common.Diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleParserTest {

    private static ParseResult lenient(String text) {
        return RuleParser.lenient().parse(text);
    }

    private static List<String> codes(ParseResult r) {
        return r.diagnostics().stream().map(Diagnostic::code).toList();
    }

    /** The only diagnostic of a lenient parse, which must exist. */
    private static Diagnostic single(String text) {
        ParseResult r = lenient(text);
        assertThat(r.diagnostics()).as("diagnostics of %s", text).hasSize(1);
        return r.diagnostics().get(0);
    }

    private static String covered(String text, Diagnostic d) {
        return text.substring(d.start(), d.end());
    }

    @Nested
    class EntryKinds {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = ';', value = {
            "10.0.0.0/8; 10.0.0.0/8",
            "192.0.2.7; 192.0.2.7/32",
            "0.0.0.0/0; 0.0.0.0/0",
            "2001:db8::/32; 2001:db8::/32",
            "2001:DB8:0:0::/32; 2001:db8::/32",
            "::1; ::1/128",
            "::/0; ::/0",
            "api.example.com; api.example.com",
            "Example.COM.; example.com",
            "*.example.com; *.example.com",
            "**.example.com; **.example.com",
            "*; *",
            "localhost; localhost",
            "under_score.example; under_score.example",
            "entity:world; entity:world",
            "entity:kube-apiserver; entity:kube-apiserver",
            "endpoint:payments; endpoint:payments",
            "service:db; service:db",
            "service:shop|app=web,tier; service:shop|app=web,tier",
            "service:shop|tier,app=web; service:shop|app=web,tier",
            "service:shop|app=; service:shop|app=",
            "service:shop|app.kubernetes.io/name=web; service:shop|app.kubernetes.io/name=web",
            "service:shop|foo.bar,app=web; service:shop|foo.bar,app=web",
        })
        void parsesEachEntryKindToItsCanonicalText(String text, String canonical) {
            ParseResult r = RuleParser.strict().parse(text);
            assertThat(r.diagnostics()).isEmpty();
            assertThat(r.rules().toString()).isEqualTo(canonical);
            assertThat(r.rules().size()).isEqualTo(1);
        }

        @Test
        void buildsTheExpectedRuleObjects() {
            RuleSet rs = RuleSet.parse("10.0.0.0/8, *.example.com, entity:host, endpoint:pay, service:shop|app=web,tier");
            Map<String, Optional<String>> labels = new LinkedHashMap<>();
            labels.put("app", Optional.of("web"));
            labels.put("tier", Optional.empty());
            assertThat(rs.rules()).containsExactly(
                    new CidrRule(Cidr.parse("10.0.0.0/8")),
                    new FqdnRule(FqdnSelector.matchPattern("*.example.com")),
                    new EntityRule(Entity.HOST),
                    new EndpointRule("pay"),
                    new ServiceRule("shop", labels));
        }

        @Test
        void everyEntityNameParses() {
            for (Entity e : Entity.values()) {
                ParseResult r = lenient("entity:" + e.ciliumName());
                assertThat(r.rules().rules()).containsExactly(new EntityRule(e));
                assertThat(r.hasErrors()).isFalse();
            }
        }

        @Test
        void emptyAndBlankTextsAreValidEmptyLists() {
            assertThat(RuleSet.parse("").isEmpty()).isTrue();
            assertThat(RuleParser.strict().parse(" \t\n ").diagnostics()).isEmpty();
            assertThat(RuleSet.parse("   ").isEmpty()).isTrue();
        }

        @Test
        void acceptsSpacesAroundSeparators() {
            RuleSet rs = RuleSet.parse(" entity : world ,endpoint:  pay , service : shop | app = web , env = staging ");
            assertThat(rs.toString()).isEqualTo("entity:world, endpoint:pay, service:shop|app=web,env=staging");
        }

        @Test
        void acceptsTabsAndNewlinesAsSpace() {
            assertThat(RuleSet.parse("10.0.0.0/8,\n\t*.example.com\r\n").toString())
                    .isEqualTo("10.0.0.0/8, *.example.com");
        }
    }

    @Nested
    class CommaRule {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = ';', value = {
            // the first item after '|' is always a label
            "service:s|a,b; service:s|a,b",
            // (a) contains '=' continues
            "service:s|a=1,b.c=2; service:s|a=1,b.c=2",
            // (b) '/' and not a CIDR continues
            "service:s|a=1,app.kubernetes.io/name; service:s|a=1,app.kubernetes.io/name",
            // (c) none of . : * continues
            "service:s|a=1,k8s-app; service:s|a=1,k8s-app",
            // a CIDR ends the list
            "service:s|a=1,10.0.0.0/8; service:s|a=1, 10.0.0.0/8",
            "service:s|a=1,2001:db8::/32; service:s|a=1, 2001:db8::/32",
            // a dotted name ends the list
            "service:s|a=1, example.com; service:s|a=1, example.com",
            // a pattern ends the list
            "service:s|a=1,*; service:s|a=1, *",
            // prefixed rules end the list
            "service:s|a=1,entity:world; service:s|a=1, entity:world",
            "service:s|a=1,endpoint:x; service:s|a=1, endpoint:x",
            "service:s|a=1,service:t|b; service:s|a=1, service:t|b",
            // a bare IP address ends the list
            "service:s|a=1,10.1.2.3; service:s|a=1, 10.1.2.3/32",
        })
        void resolvesCommasDeterministically(String text, String canonical) {
            assertThat(lenient(text).rules().toString()).isEqualTo(canonical);
        }

        @Test
        void aBareWordAfterLabelsIsALabelAndSpacingBeforeItWarns() {
            ParseResult r = lenient("service:s|a=1, localhost");
            assertThat(r.rules().toString()).isEqualTo("service:s|a=1,localhost");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.AMBIGUOUS_LABEL_BOUNDARY);
            assertThat(covered("service:s|a=1, localhost", r.diagnostics().get(0))).isEqualTo("localhost");
        }

        @Test
        void aTrailingDotMakesAOneLabelNameAnEntry() {
            ParseResult r = lenient("service:s|a=1, localhost.");
            assertThat(r.rules().toString()).isEqualTo("service:s|a=1, localhost.");
            assertThat(r.rules().rules()).hasSize(2);
            assertThat(r.diagnostics()).isEmpty();
        }

        @Test
        void aDottedKeyWrittenLikeALabelEndsTheListWithAWarning() {
            String text = "service:s|a=1,foo.bar";
            ParseResult r = lenient(text);
            assertThat(r.rules().toString()).isEqualTo("service:s|a=1, foo.bar");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.AMBIGUOUS_LABEL_BOUNDARY);
            assertThat(covered(text, r.diagnostics().get(0))).isEqualTo("foo.bar");
        }

        @Test
        void aDottedKeyOnlyLabelIsALabelWhenFirst() {
            ParseResult r = lenient("service:s|foo.bar,a=1");
            assertThat(r.diagnostics()).isEmpty();
            assertThat(((ServiceRule) r.rules().rules().get(0)).labels())
                    .containsEntry("foo.bar", Optional.empty()).containsEntry("a", Optional.of("1"));
        }

        @Test
        void canonicalTextOfServiceRulesNeverWarns() {
            String text = "service:s|foo.bar,a=1,b, 10.0.0.0/8, example.com, service:t|x=, entity:host";
            ParseResult r = RuleParser.strict().parse(text);
            assertThat(r.diagnostics()).isEmpty();
            assertThat(r.rules().toString()).isEqualTo(text);
        }

        @Test
        void emptyItemsInsideALabelListAreSkippedWithAWarning() {
            ParseResult r = lenient("service:s|a=1,,b");
            assertThat(r.rules().toString()).isEqualTo("service:s|a=1,b");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.EMPTY_ENTRY);
        }
    }

    @Nested
    class Diagnostics {

        @ParameterizedTest(name = "{0}: {1} covers \"{2}\"")
        @CsvSource(delimiter = ';', value = {
            "010.0.0.1; invalid-ipv4; 010",
            "10.1; invalid-ipv4; 10.1",
            "256.1.1.1; invalid-ipv4; 256",
            "1.2.3.4.5; invalid-ipv4; .5",
            "1.2.3.4a/8; invalid-ipv4; a",
            "123; invalid-ipv4; 123",
            "example.com/24; invalid-ipv4; e",
            "fe80::1%eth0; invalid-ipv6; %eth0",
            "1::2::3; invalid-ipv6; ::",
            "1:2:3:4:5:6:7:8:9; invalid-ipv6; 9",
            "12345::; invalid-ipv6; 12345",
            "::ffff:010.0.0.1; invalid-ipv6; 010",
            "10.0.0.0/33; invalid-prefix-length; 33",
            "2001:db8::/129; invalid-prefix-length; 129",
            "10.0.0.0/08; invalid-prefix-length; 08",
            "10.0.0.0/+8; invalid-prefix-length; +8",
            "10.0.0.0/; invalid-prefix-length; /",
            "a..b; invalid-fqdn; a..b",
            ".example.com; invalid-fqdn; .example.com",
            "exa$mple.com; invalid-fqdn; exa$mple.com",
            "app=web; invalid-fqdn; app=web",
            "http://example.com; unknown-prefix; http",
            "Entity:world; unknown-prefix; Entity",
            "entiy:world; unknown-prefix; entiy",
            "entity:wrld; unknown-entity; wrld",
            "entity:World; unknown-entity; World",
            "entity:; unknown-entity; entity:",
            "endpoint:Pay; invalid-namespace; Pay",
            "endpoint:-pay; invalid-namespace; -pay",
            "endpoint:; invalid-namespace; endpoint:",
            "service:a_b; invalid-namespace; a_b",
            "service:shop|; invalid-label; |",
            "service:shop|app=we b; invalid-label; we b",
            "service:shop|-app=web; invalid-label; -app=web",
            "service:shop|app=web|tier=x; invalid-label; web|tier=x",
            "service:shop|a=1,a=2; duplicate-label; a=2",
            "10.0.0.0 /8; whitespace-in-entry; 10.0.0.0 /8",
            "api. example.com; whitespace-in-entry; api. example.com",
        })
        void reportsEachErrorWithItsCodeAndRange(String text, String code, String coveredText) {
            Diagnostic d = single(text);
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.code()).isEqualTo(code);
            assertThat(covered(text, d)).isEqualTo(coveredText);
            assertThat(lenient(text).rules().isEmpty()).isTrue();
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = ';', value = {
            "10.0.0.1/8; host-bits-set; 10.0.0.1/8; 10.0.0.0/8",
            "2001:db8::1/32; host-bits-set; 2001:db8::1/32; 2001:db8::/32",
            "::ffff:10.0.0.0/104; ipv4-mapped-ipv6; ::ffff:10.0.0.0/104; ::ffff:10.0.0.0/104",
            "::ffff:10.0.0.1; ipv4-mapped-ipv6; ::ffff:10.0.0.1; ::ffff:10.0.0.1/128",
            "entity:world-ipv4; entity-not-in-crd; world-ipv4; entity:world-ipv4",
            "entity:world-ipv6; entity-not-in-crd; world-ipv6; entity:world-ipv6",
            "entity:cluster-mesh; entity-not-in-crd; cluster-mesh; entity:cluster-mesh",
            "service:s|a=1,a=1; duplicate-label; a=1; service:s|a=1",
        })
        void reportsWarningsAndStillAppliesTheEntry(String text, String code, String coveredText, String applied) {
            ParseResult r = RuleParser.strict().parse(text);
            assertThat(r.diagnostics()).hasSize(1);
            Diagnostic d = r.diagnostics().get(0);
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.code()).isEqualTo(code);
            assertThat(covered(text, d)).isEqualTo(coveredText);
            assertThat(r.rules().toString()).isEqualTo(applied);
        }

        @Test
        void hostBitsAndMappedTogetherGiveTwoWarnings() {
            assertThat(codes(lenient("::ffff:10.0.0.1/104")))
                    .containsExactly(DiagnosticCodes.HOST_BITS_SET, DiagnosticCodes.IPV4_MAPPED_IPV6);
        }

        @Test
        void emptyEntriesWarnAndAreSkipped() {
            String text = ",10.0.0.0/8,, ,*.a.com,";
            ParseResult r = lenient(text);
            assertThat(r.rules().toString()).isEqualTo("10.0.0.0/8, *.a.com");
            assertThat(r.diagnostics()).extracting(Diagnostic::code).containsOnly(DiagnosticCodes.EMPTY_ENTRY);
            assertThat(r.diagnostics()).hasSize(4);
            assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.end()).isGreaterThan(d.start()));
            assertThat(r.hasErrors()).isFalse();
        }

        @Test
        void duplicatesWarnAndKeepTheFirstOccurrence() {
            String text = "10.0.0.0/8, Example.com, 10.0.0.1/8, example.com., entity:host, entity:host";
            ParseResult r = lenient(text);
            assertThat(r.rules().toString()).isEqualTo("10.0.0.0/8, example.com, entity:host");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.HOST_BITS_SET, DiagnosticCodes.DUPLICATE_ENTRY,
                    DiagnosticCodes.DUPLICATE_ENTRY, DiagnosticCodes.DUPLICATE_ENTRY);
            assertThat(r.diagnostics().get(1).message()).contains("offset 0");
            assertThat(r.diagnostics().get(2).message()).contains("offset 12");
        }

        @Test
        void duplicatesAreFoundInLongLists() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                b.append("10.0.").append(i).append(".0/24, ");
            }
            b.append("10.0.42.0/24");
            ParseResult r = lenient(b.toString());
            assertThat(r.rules().size()).isEqualTo(100);
            assertThat(codes(r)).containsExactly(DiagnosticCodes.DUPLICATE_ENTRY);
        }

        @Test
        void suggestsTheNearestEntity() {
            assertThat(single("entity:kube-apisever").message()).contains("did you mean \"kube-apiserver\"");
            assertThat(single("entity:remotenode").message()).contains("did you mean \"remote-node\"");
            assertThat(single("entity:HOST").message()).contains("did you mean \"host\"");
            assertThat(single("entity:xyzzy").message()).doesNotContain("did you mean").contains("expected one of");
        }

        @Test
        void suggestsTheNearestPrefix() {
            assertThat(single("servce:shop").message()).contains("did you mean \"service\"");
            assertThat(single("Endpoint:x").message()).contains("did you mean \"endpoint\"");
        }

        @Test
        void messagesNameTheOffendingTextAndWhatWasExpected() {
            Diagnostic d = single("010.0.0.1/8");
            assertThat(d.message()).contains("\"010.0.0.1/8\"").contains("leading zero").contains("expected");
            Diagnostic f = single("a..b");
            assertThat(f.message()).contains("\"a..b\"").contains("expected");
        }

        @Test
        void messagesEscapeControlCharactersAndSurrogates() {
            Diagnostic d = single("a\u0000b\uD800");
            assertThat(d.message()).contains("\\u0000").contains("\\ud800");
            assertThat(d.code()).isEqualTo(DiagnosticCodes.INVALID_FQDN);
        }

        @Test
        void anInvalidLabelSkipsTheWholeServiceEntryAndItsLabels() {
            String text = "service:shop|app=web,ti er,env=x, 10.0.0.0/8";
            ParseResult r = lenient(text);
            assertThat(r.rules().toString()).isEqualTo("10.0.0.0/8");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.INVALID_LABEL);
            assertThat(covered(text, r.diagnostics().get(0))).isEqualTo("ti er");
        }

        @Test
        void anUnknownPrefixWithLabelsSwallowsItsLabels() {
            ParseResult r = lenient("serivce:shop|app=web,tier, 10.0.0.0/8");
            assertThat(r.rules().toString()).isEqualTo("10.0.0.0/8");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.UNKNOWN_PREFIX);
        }

        @Test
        void anInvalidNamespaceStillConsumesTheLabels() {
            ParseResult r = lenient("service:Shop|app=web,tier, 10.0.0.0/8");
            assertThat(r.rules().toString()).isEqualTo("10.0.0.0/8");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.INVALID_NAMESPACE);
        }

        @Test
        void everyDocumentedCodeIsDistinct() {
            assertThat(DiagnosticCodes.ALL).doesNotHaveDuplicates().hasSize(19);
        }
    }

    @Nested
    class StrictAndLenient {

        @Test
        void strictThrowsWithEveryDiagnostic() {
            String text = "10.0.0.1/8, 10.0.0.0/33, entity:wrld, ok.example.com";
            assertThatThrownBy(() -> RuleParser.strict().parse(text))
                    .isInstanceOf(RuleSyntaxException.class)
                    .hasMessageContaining("2 errors")
                    .hasMessageContaining("invalid-prefix-length at 21-23")
                    .hasMessageContaining("unknown-entity at 32-36")
                    .satisfies(e -> assertThat(((RuleSyntaxException) e).diagnostics())
                            .extracting(Diagnostic::code)
                            .containsExactly(DiagnosticCodes.HOST_BITS_SET, DiagnosticCodes.INVALID_PREFIX_LENGTH,
                                    DiagnosticCodes.UNKNOWN_ENTITY));
        }

        @Test
        void ruleSetParseIsStrict() {
            assertThatThrownBy(() -> RuleSet.parse("entity:nope")).isInstanceOf(RuleSyntaxException.class);
        }

        @Test
        void lenientKeepsValidEntriesAndReportsEachSkippedOne() {
            String text = "10.0.0.0/8, 300.0.0.1, *.example.com, entity:nope, endpoint:pay";
            ParseResult r = lenient(text);
            assertThat(r.rules().toString()).isEqualTo("10.0.0.0/8, *.example.com, endpoint:pay");
            assertThat(r.hasErrors()).isTrue();
            assertThat(codes(r)).containsExactly(DiagnosticCodes.INVALID_IPV4, DiagnosticCodes.UNKNOWN_ENTITY);
            assertThatThrownBy(r::orThrow).isInstanceOf(RuleSyntaxException.class);
        }

        @Test
        void orThrowReturnsTheRulesWhenThereAreOnlyWarnings() {
            assertThat(lenient("10.0.0.1/8").orThrow().toString()).isEqualTo("10.0.0.0/8");
        }

        @Test
        void warningsNeverFailAStrictParse() {
            assertThat(RuleParser.strict().parse("10.0.0.1/8,, 10.0.0.0/8").rules().toString())
                    .isEqualTo("10.0.0.0/8");
        }
    }

    @Nested
    class CniMode {

        @Test
        void otherCniSkipsCiliumEntriesWithAWarning() {
            String text = "10.0.0.0/8, entity:kube-apiserver, *.example.com, endpoint:pay, service:db|app=pg,tier";
            ParseResult r = RuleParser.strict().withCni(Cni.OTHER).parse(text);
            assertThat(r.rules().toString()).isEqualTo("10.0.0.0/8, *.example.com");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.CNI_IGNORED, DiagnosticCodes.CNI_IGNORED,
                    DiagnosticCodes.CNI_IGNORED);
            assertThat(covered(text, r.diagnostics().get(2))).isEqualTo("service:db|app=pg,tier");
        }

        @Test
        void otherCniStillReportsInvalidCiliumEntries() {
            ParseResult r = RuleParser.lenient().withCni(Cni.OTHER).parse("entity:wrld");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.UNKNOWN_ENTITY);
        }

        @Test
        void ciliumIsTheDefault() {
            assertThat(RuleParser.strict().cni()).isEqualTo(Cni.CILIUM);
            assertThat(RuleParser.lenient().cni()).isEqualTo(Cni.CILIUM);
        }
    }

    /**
     * White space never changes the parse: a leading space gives the same rules and the same diagnostics (codes,
     * severities, messages), shifted by one. The texts put a ':' '/' '=' or digit at index 0, where an index test
     * written as {@code > 0} instead of {@code >= 0} would go wrong.
     */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {":zz", ":a:b", "/8", "/a/b", "=x", "=", "0.0.0", "9.9.9", "0.0.0.0.0", "09.1.1.1", ":1",
        "::1/129", "a:b", "*=1", "0/x", "1:2:3", "service:s|a=1, =b", "entity:wrld", "x.y/8", ".a", "a.com ",
        "10.0.0.1/8", "::ffff:1.2.3.4"})
    void aLeadingSpaceChangesOnlyTheOffsets(String text) {
        ParseResult plain = lenient(text);
        ParseResult spaced = lenient(" " + text);
        assertThat(spaced.rules().rules()).isEqualTo(plain.rules().rules());
        assertThat(spaced.diagnostics()).hasSameSizeAs(plain.diagnostics());
        for (int i = 0; i < plain.diagnostics().size(); i++) {
            Diagnostic a = plain.diagnostics().get(i);
            Diagnostic b = spaced.diagnostics().get(i);
            assertThat(b.code()).isEqualTo(a.code());
            assertThat(b.severity()).isEqualTo(a.severity());
            assertThat(b.message()).isEqualTo(a.message());
            assertThat(b.start()).isEqualTo(a.start() + 1);
            assertThat(b.end()).isEqualTo(a.end() + 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0", "9.9.9", "0.0.0.0.0", "99.0.0", "1.2.3.4.5"})
    void digitsAndDotsAreAnIpv4AttemptNeverAName(String text) {
        assertThat(codes(lenient(text))).containsExactly(DiagnosticCodes.INVALID_IPV4);
    }

    @Test
    void theOverflowDiagnosticIsAnErrorOnlyWhenItHidesAnError() {
        ParseResult warnings = lenient(",".repeat(1_100));
        Diagnostic last = warnings.diagnostics().get(warnings.diagnostics().size() - 1);
        assertThat(warnings.diagnostics()).hasSize(1_001);
        assertThat(last.code()).isEqualTo(DiagnosticCodes.TOO_MANY_DIAGNOSTICS);
        assertThat(last.severity()).isEqualTo(Severity.WARNING);
        ParseResult errors = lenient(",".repeat(1_100) + "300.1.1.1");
        Diagnostic lastError = errors.diagnostics().get(errors.diagnostics().size() - 1);
        assertThat(lastError.code()).isEqualTo(DiagnosticCodes.TOO_MANY_DIAGNOSTICS);
        assertThat(lastError.severity()).isEqualTo(Severity.ERROR);
        assertThat(errors.diagnostics().stream().filter(d -> d.code().equals(DiagnosticCodes.TOO_MANY_DIAGNOSTICS)))
                .hasSize(1);
    }

    @Nested
    class Limits {

        @Test
        void rejectsTextLongerThanTheLimitWithoutParsingIt() {
            RuleParser p = RuleParser.lenient().withMaxLength(10);
            String text = "10.0.0.0/8, 10.0.0.0/9";
            ParseResult r = p.parse(text);
            assertThat(r.rules().isEmpty()).isTrue();
            assertThat(codes(r)).containsExactly(DiagnosticCodes.INPUT_TOO_LARGE);
            assertThat(r.diagnostics().get(0).start()).isZero();
            assertThat(r.diagnostics().get(0).end()).isEqualTo(text.length());
            assertThat(p.parse("10.0.0.0/8").rules().size()).isEqualTo(1);
        }

        @Test
        void rejectsMoreItemsThanTheLimit() {
            RuleParser p = RuleParser.lenient().withMaxEntries(3);
            assertThat(p.parse("a.com, b.com, c.com").rules().size()).isEqualTo(3);
            ParseResult r = p.parse("a.com, b.com, c.com, d.com");
            assertThat(r.rules().isEmpty()).isTrue();
            assertThat(codes(r)).containsExactly(DiagnosticCodes.INPUT_TOO_LARGE);
        }

        @Test
        void labelsCountTowardTheItemLimit() {
            ParseResult r = RuleParser.lenient().withMaxEntries(3).parse("service:s|a,b,c,d");
            assertThat(codes(r)).containsExactly(DiagnosticCodes.INPUT_TOO_LARGE);
        }

        @Test
        void defaultLimitsAreAMillionCharactersAndAHundredThousandEntries() {
            assertThat(RuleParser.strict().maxLength()).isEqualTo(1_000_000);
            assertThat(RuleParser.strict().maxEntries()).isEqualTo(100_000);
            String tooLong = "a".repeat(1_000_001);
            assertThatThrownBy(() -> RuleSet.parse(tooLong)).isInstanceOf(RuleSyntaxException.class)
                    .satisfies(e -> assertThat(((RuleSyntaxException) e).diagnostics())
                            .extracting(Diagnostic::code).containsExactly(DiagnosticCodes.INPUT_TOO_LARGE));
        }

        @Test
        void aMillionCommasAreRejectedByTheEntryLimit() {
            ParseResult r = RuleParser.lenient().parse(",".repeat(1_000_000));
            assertThat(r.rules().isEmpty()).isTrue();
            assertThat(r.hasErrors()).isTrue();
            assertThat(r.diagnostics()).extracting(Diagnostic::code).contains(DiagnosticCodes.INPUT_TOO_LARGE);
            assertThat(r.diagnostics().size()).isLessThanOrEqualTo(RuleParser.MAX_DIAGNOSTICS + 2);
        }

        @Test
        void summarisesDiagnosticsBeyondTheCap() {
            String text = "x..y,".repeat(1500);
            ParseResult r = RuleParser.lenient().parse(text);
            assertThat(r.diagnostics()).hasSize(RuleParser.MAX_DIAGNOSTICS + 1);
            Diagnostic last = r.diagnostics().get(r.diagnostics().size() - 1);
            assertThat(last.code()).isEqualTo(DiagnosticCodes.TOO_MANY_DIAGNOSTICS);
            assertThat(last.severity()).isEqualTo(Severity.ERROR);
            assertThat(last.end()).isLessThanOrEqualTo(text.length());
            assertThat(last.message()).contains("501 more");
        }

        @Test
        void nestedPipesAreJustAnInvalidLabel() {
            String text = "service:a|" + "b|".repeat(100_000) + "c";
            ParseResult r = RuleParser.lenient().parse(text);
            assertThat(codes(r)).containsExactly(DiagnosticCodes.INVALID_LABEL);
        }

        @Test
        void aSingleCidrObeysBothLimits() {
            // the one-CIDR text takes a fast path; the limits apply to it exactly as to a list
            String text = "10.0.0.0/8";
            assertThat(RuleParser.lenient().withMaxLength(text.length()).parse(text).rules().size()).isEqualTo(1);
            assertThat(codes(RuleParser.lenient().withMaxLength(text.length() - 1).parse(text)))
                    .containsExactly(DiagnosticCodes.INPUT_TOO_LARGE);
            assertThat(RuleParser.lenient().withMaxEntries(1).parse(text).rules().size()).isEqualTo(1);
            assertThat(codes(RuleParser.lenient().withMaxEntries(0).parse(text)))
                    .containsExactly(DiagnosticCodes.INPUT_TOO_LARGE);
            assertThat(codes(RuleParser.lenient().withMaxEntries(0).parse("2001:db8::/32")))
                    .containsExactly(DiagnosticCodes.INPUT_TOO_LARGE);
        }

        @Test
        void theLimitsAcceptTheirBounds() {
            assertThat(RuleParser.lenient().withMaxLength(0).parse("").rules().isEmpty()).isTrue();
            assertThat(codes(RuleParser.lenient().withMaxLength(0).parse("a"))).containsExactly(
                    DiagnosticCodes.INPUT_TOO_LARGE);
            assertThat(RuleParser.lenient().withMaxEntries(0).maxEntries()).isZero();
            assertThat(RuleParser.lenient().withMaxEntries(RuleParser.MAX_ENTRIES_LIMIT).maxEntries())
                    .isEqualTo(RuleParser.MAX_ENTRIES_LIMIT);
            assertThatThrownBy(() -> RuleParser.lenient().withMaxEntries(RuleParser.MAX_ENTRIES_LIMIT + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"::ffff:0.0.0.0/96", "::ffff:10.0.0.0/104", "::ffff:10.0.0.1", "::ffff:0:0/96"})
        void aSingleIpv4MappedCidrWarnsAsInAList(String text) {
            assertThat(codes(lenient(text))).containsExactly(DiagnosticCodes.IPV4_MAPPED_IPV6);
            assertThat(codes(lenient(text + ", 192.0.2.1"))).containsExactly(DiagnosticCodes.IPV4_MAPPED_IPV6);
        }

        @Test
        void hugeEntriesGiveBoundedMessages() {
            ParseResult r = RuleParser.lenient().parse("entity:" + "x".repeat(500_000));
            assertThat(r.diagnostics().get(0).message().length()).isLessThan(1_000);
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, Integer.MIN_VALUE})
        void rejectsNegativeLimits(int limit) {
            assertThatThrownBy(() -> RuleParser.strict().withMaxLength(limit))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleParser.strict().withMaxEntries(limit))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void capsTheItemLimitAtAMillion() {
            assertThat(RuleParser.strict().withMaxEntries(RuleParser.MAX_ENTRIES_LIMIT).maxEntries())
                    .isEqualTo(1_000_000);
            assertThatThrownBy(() -> RuleParser.strict().withMaxEntries(RuleParser.MAX_ENTRIES_LIMIT + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @ValueSource(strings = {
            "10.0.0.0/8, 2001:db8::/32, api.example.com, *.example.com, entity:world, endpoint:payments,"
                    + " service:shop|app=web,tier",
            "service:s|a=1, localhost.",
            "service:s|foo.bar,a.b/c=d,x, service:t, 0.0.0.0/0, ::/0",
            "entity:all, entity:none, **.a.b, *a*.c, ::ffff:1.2.3.4/128",
        })
        void canonicalTextParsesBackToEqualRules(String text) {
            RuleSet rs = RuleSet.parse(text);
            RuleSet again = RuleSet.parse(rs.toString());
            assertThat(again).isEqualTo(rs);
            assertThat(again.toString()).isEqualTo(rs.toString());
        }

        @Test
        void ruleTextOfEveryRuleParsesToThatRule() {
            for (Rule r : RuleSet.parse("10.0.0.0/8, x.y, entity:host, endpoint:a, service:b|k=v,k2")) {
                assertThat(RuleSet.parse(r.toString()).rules()).containsExactly(r);
            }
        }
    }
}
