package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
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
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import io.kcs.cilium.rules.parse.RuleSyntaxException;
import io.kcs.cilium.rules.common.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Parser laws over generated inputs (10,000 examples each): value round trip and text fixpoint, totality (only
 * {@link RuleSyntaxException} from a strict parser, nothing from a lenient one), diagnostic ranges inside the input
 * and sorted, an error in entry k reported inside entry k, lenient completeness, and a differential test of address
 * parsing against IPAddress. Inputs are built from a seeded {@link Random} per example.
 */
class ParserProperties {

    private static final int EXAMPLES = 10_000;

    /** Diagnostic codes (and "clean" for a parse without diagnostics) seen by the lenient parses of the properties. */
    private static final Map<String, java.util.concurrent.atomic.AtomicLong> SEEN =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong PARSES = new java.util.concurrent.atomic.AtomicLong();

    private static ParseResult seen(ParseResult result) {
        PARSES.incrementAndGet();
        if (result.diagnostics().isEmpty()) {
            SEEN.computeIfAbsent("clean", k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        }
        result.diagnostics().stream().map(Diagnostic::code).distinct().forEach(code ->
                SEEN.computeIfAbsent(code, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet());
        return result;
    }

    @org.junit.jupiter.api.AfterAll
    static void theGeneratorsReachedEveryCommonDiagnostic() {
        long n = PARSES.get();
        System.out.println("ParserProperties coverage over " + n + " lenient parses: " + new TreeMap<>(SEEN));
        for (String code : List.of("clean", "empty-entry", "duplicate-entry", "whitespace-in-entry", "invalid-ipv4",
                "invalid-ipv6", "invalid-prefix-length", "host-bits-set", "invalid-fqdn", "unknown-prefix",
                "unknown-entity", "invalid-namespace", "invalid-label", "ambiguous-label-boundary")) {
            assertThat((double) SEEN.getOrDefault(code, new java.util.concurrent.atomic.AtomicLong()).get() / n)
                    .as("fraction of parses with %s among %d", code, n).isGreaterThanOrEqualTo(0.001);
        }
    }

    // ------------------------------------------------------------------------------------------- generators

    static IpAddress address(Random r, boolean v4) {
        return v4 ? IpAddress.ofIpv4(r.nextInt()) : IpAddress.ofIpv6(r.nextLong(), r.nextLong());
    }

    static int prefixLength(Random r, boolean v4) {
        int[] edges = v4 ? new int[] {0, 1, 8, 16, 24, 31, 32} : new int[] {0, 1, 32, 48, 64, 96, 127, 128};
        return r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextInt(v4 ? 33 : 129);
    }

    static String label(Random r, int max) {
        String alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
        String inner = alnum + "-";
        int len = 1 + r.nextInt(max);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append((i == 0 || i == len - 1 ? alnum : inner).charAt(r.nextInt(i == 0 || i == len - 1
                    ? alnum.length() : inner.length())));
        }
        return b.toString();
    }

    static String dnsName(Random r, boolean pattern) {
        int labels = 1 + r.nextInt(4);
        StringBuilder b = new StringBuilder();
        if (pattern) {
            String[] starts = {"*.", "**.", "*", "sub*.", "*x*."};
            b.append(starts[r.nextInt(starts.length)]);
        }
        for (int i = 0; i < labels; i++) {
            if (i > 0) {
                b.append('.');
            }
            String l = label(r, 8);
            b.append(r.nextInt(8) == 0 ? l + "_x" : l);
        }
        String s = b.toString();
        // a name made only of digits and dots is an IPv4 attempt, never a name
        return s.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) ? s + "x" : s;
    }

    static Map<String, Optional<String>> labels(Random r) {
        Map<String, Optional<String>> m = new TreeMap<>();
        int n = r.nextInt(4);
        boolean dottedKeyOnly = false;
        for (int i = 0; i < n; i++) {
            String key;
            switch (r.nextInt(4)) {
                case 0 -> key = "app.kubernetes.io/" + label(r, 6);
                case 1 -> key = label(r, 6) + "." + label(r, 4); // dotted, no prefix
                default -> key = label(r, 8);
            }
            Optional<String> value = switch (r.nextInt(3)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of("");
                default -> Optional.of(label(r, 6) + (r.nextBoolean() ? "" : ".v" + r.nextInt(9)));
            };
            if (value.isEmpty() && key.contains(".") && !key.contains("/")) {
                if (dottedKeyOnly) {
                    continue; // the grammar can hold only one such label
                }
                dottedKeyOnly = true;
            }
            m.put(key, value);
        }
        return m;
    }

    static Rule rule(Random r) {
        switch (r.nextInt(9)) {
            case 0:
            case 1: {
                boolean v4 = r.nextInt(3) != 0;
                return new CidrRule(Cidr.of(address(r, v4), prefixLength(r, v4)));
            }
            case 2:
                return new FqdnRule(FqdnSelector.matchName(dnsName(r, false)));
            case 3:
                return new FqdnRule(FqdnSelector.matchName(label(r, 8) + "x")); // one label
            case 4:
                return new FqdnRule(FqdnSelector.matchPattern(dnsName(r, true)));
            case 5:
                return new EntityRule(Entity.values()[r.nextInt(Entity.values().length)]);
            case 6:
                return new EndpointRule(label(r, 20));
            default:
                return new ServiceRule(label(r, 12), labels(r));
        }
    }

    static RuleSet ruleSet(Random r) {
        List<Rule> rules = new ArrayList<>();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            rules.add(rule(r));
        }
        return RuleSet.of(rules);
    }

    /** A random string over an alphabet rich in the grammar's delimiters, with control chars and lone surrogates. */
    static String noise(Random r) {
        String alphabet = ",,,|||===:::///***...  \t09aAfFzZ_-entity:service:endpoint:\u0000\u007f\u00e9\ud800\udc00";
        int len = r.nextInt(60);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append(r.nextInt(10) == 0 ? (char) r.nextInt(0x10000) : alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static String mutate(String s, Random r) {
        if (r.nextInt(10) == 0 && !s.isEmpty()) {
            // repeat one entry (a duplicate after normalisation, or a widened service label list), then edit
            String[] entries = s.split(", ");
            s = s + ", " + entries[r.nextInt(entries.length)];
        }
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(4);
        String inserts = ",|=:/*. x0\u0000\ud800";
        for (int i = 0; i < edits; i++) {
            int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, inserts.charAt(r.nextInt(inserts.length())));
                case 1 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < b.length()) {
                        b.setCharAt(at, inserts.charAt(r.nextInt(inserts.length())));
                    }
                }
            }
        }
        return b.toString();
    }

    // ----------------------------------------------------------------------------------------------- laws

    @Test
    void canonicalTextParsesBackToEqualRules() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            RuleSet rs = ruleSet(new Random(seed));
            String text = rs.toString();
            ParseResult again = RuleParser.strict().parse(text);
            assertThat(again.rules()).as(text).isEqualTo(rs);
            assertThat(again.rules().toString()).isEqualTo(text);
            assertThat(again.diagnostics()).as(text).allMatch(d -> d.severity() == Severity.WARNING);
        });
    }

    @Test
    void noInputMakesTheParserThrowAnythingButRuleSyntaxException() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            String text = r.nextBoolean() ? noise(r) : mutate(ruleSet(r).toString(), r);
            ParseResult lenient = seen(RuleParser.lenient().parse(text));
            checkRanges(text, lenient.diagnostics());
            try {
                ParseResult strict = RuleParser.strict().parse(text);
                assertThat(strict.hasErrors()).isFalse();
                assertThat(strict.rules()).isEqualTo(lenient.rules());
            } catch (RuleSyntaxException e) {
                assertThat(lenient.hasErrors()).isTrue();
                checkRanges(text, e.diagnostics());
            }
            // whatever was kept is canonical and parses back strictly
            assertThatCode(() -> RuleSet.parse(lenient.rules().toString())).doesNotThrowAnyException();
            assertThat(RuleSet.parse(lenient.rules().toString())).isEqualTo(lenient.rules());
        });
    }

    static void checkRanges(String text, List<Diagnostic> diagnostics) {
        int previous = 0;
        for (Diagnostic d : diagnostics) {
            assertThat(d.start()).isBetween(0, text.length());
            assertThat(d.end()).isBetween(d.start(), text.length());
            assertThat(d.start()).isGreaterThanOrEqualTo(previous);
            previous = d.start();
        }
    }

    private static final String[] BAD = {"300.1.1.1", "10.0.0.0/33", "010.1.2.3", "entity:nope", "endpoint:Bad_NS",
        "a..b", "fe80::1%eth0", "1::2::3", "servce:x", "exa$mple.com", "10.0.0.0/08", "service:Shop"};

    @Test
    void anErrorInEntryKIsReportedInsideEntryKAndTheOthersAreKept() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            // entries that never merge with their neighbours (no service labels)
            List<Rule> rules = new ArrayList<>();
            int n = 1 + r.nextInt(8);
            while (rules.size() < n) {
                Rule x = rule(r);
                if (!(x instanceof ServiceRule) && !rules.contains(x)) {
                    rules.add(x);
                }
            }
            int k = r.nextInt(n);
            String bad = BAD[r.nextInt(BAD.length)];
            StringBuilder text = new StringBuilder();
            int badStart = -1;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    text.append(r.nextBoolean() ? ", " : " ,");
                }
                if (i == k) {
                    badStart = text.length();
                    text.append(bad);
                } else {
                    text.append(rules.get(i));
                }
            }
            int badEnd = badStart + bad.length();
            ParseResult result = seen(RuleParser.lenient().parse(text));
            List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertThat(errors).as(text.toString()).hasSize(1);
            assertThat(errors.get(0).start()).isGreaterThanOrEqualTo(badStart);
            assertThat(errors.get(0).end()).isLessThanOrEqualTo(badEnd);
            List<Rule> expected = new ArrayList<>(rules);
            expected.remove(k);
            assertThat(result.rules().rules()).containsExactlyElementsOf(expected);
        });
    }

    @Test
    void everyEntryTheLenientParserSkipsIsCoveredByADiagnostic() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            String text = mutate(ruleSet(r).toString(), r);
            ParseResult result = seen(RuleParser.lenient().parse(text));
            // Split at commas. Items outside every kept rule's span form runs of skipped text (a service entry
            // spans several items); every such run must overlap a diagnostic.
            List<int[]> kept = new ArrayList<>();
            for (int i = 0; i < result.rules().size(); i++) {
                result.rules().spanOf(i).ifPresent(sp -> kept.add(new int[] {sp.start(), sp.end()}));
            }
            int runStart = -1;
            int runEnd = -1;
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ',') {
                    int from = start;
                    int to = i;
                    start = i + 1;
                    boolean blank = text.substring(from, to).isBlank();
                    boolean inKept = kept.stream().anyMatch(sp -> sp[0] < to && from < sp[1]);
                    if (inKept || (blank && runStart < 0)) {
                        if (runStart >= 0) {
                            assertCovered(result, text, runStart, runEnd);
                            runStart = -1;
                        }
                        continue;
                    }
                    if (runStart < 0) {
                        runStart = from;
                    }
                    runEnd = to;
                }
            }
            if (runStart >= 0) {
                assertCovered(result, text, runStart, runEnd);
            }
        });
    }

    private static void assertCovered(ParseResult result, String text, int from, int to) {
        boolean covered = result.diagnostics().stream().anyMatch(d -> d.start() < to && from < d.end()
                || (d.start() == d.end() && d.start() >= from && d.start() <= to));
        assertThat(covered).as("skipped [%d,%d) of %s -> %s", from, to, text, result).isTrue();
    }

    @Test
    void aSingleEntryParsesAsItDoesInAList() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            boolean v4 = r.nextInt(4) != 0;
            String text = Cidr.of(address(r, v4), prefixLength(r, v4)).toString();
            if (r.nextBoolean()) {
                text = mutate(r.nextBoolean() ? text : address(r, v4).toString(), r).replace(",", "");
            }
            // alone, the text may take the single-entry fast path; followed by a comma it cannot
            ParseResult alone = seen(RuleParser.lenient().parse(text));
            ParseResult listed = seen(RuleParser.lenient().parse(text + ","));
            assertThat(alone.rules()).as(text).isEqualTo(listed.rules());
            assertThat(alone.hasErrors()).isEqualTo(listed.hasErrors());
            assertThat(alone.diagnostics().stream().map(Diagnostic::code).toList()).isEqualTo(
                    listed.diagnostics().stream().map(Diagnostic::code).filter(c -> !c.equals("empty-entry")).toList());
        });
    }

    @Test
    void addressesParseAsIpAddressReadsThem() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            boolean v4 = r.nextBoolean();
            IpAddress a = address(r, v4);
            if (!v4 && r.nextInt(4) == 0) {
                a = IpAddress.ofIpv6(r.nextInt(3) == 0 ? 0 : a.high() & 0xFFFF0000FFFFL, r.nextInt(3) == 0 ? 0
                        : a.low() & 0xFFFF00000000FFFFL); // zero runs
            }
            String text = spell(a, r);
            IpAddress ours = IpAddress.parse(text);
            IPAddress theirs = new IPAddressString(text).getAddress();
            assertThat(theirs).as(text).isNotNull();
            assertThat(ours.toBytes()).as(text).isEqualTo(theirs.getBytes());
            assertThat(ours).isEqualTo(a);
            if (v4) {
                assertThat(ours.toString()).isEqualTo(theirs.toCanonicalString());
            } else if (!ours.isIpv4Mapped()) {
                assertThat(ours.toString()).as(text).isEqualTo(theirs.toCanonicalString()); // RFC 5952
            }
            int len = prefixLength(r, v4);
            Cidr c = Cidr.parse(text + "/" + len);
            IPAddress block = new IPAddressString(text + "/" + len).getAddress().toPrefixBlock();
            assertThat(c.address().toBytes()).isEqualTo(block.getLower().getBytes());
            assertThat(c.prefixLength()).isEqualTo(len);
        });
    }

    /** A valid but not necessarily canonical spelling of {@code a}. */
    static String spell(IpAddress a, Random r) {
        if (a.isIpv4()) {
            return a.toString();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            long w = i < 4 ? a.high() : a.low();
            g[i] = (int) (w >>> (48 - 16 * (i & 3))) & 0xFFFF;
        }
        switch (r.nextInt(4)) {
            case 0: // full, with leading zeros, mixed case
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 8; i++) {
                    b.append(i > 0 ? ":" : "").append(String.format(r.nextBoolean() ? "%04x" : "%X", g[i]));
                }
                return b.toString();
            case 1: // canonical
                return a.toString();
            case 2: // upper case canonical
                return a.toString().toUpperCase(Locale.ROOT);
            default: { // dotted IPv4 tail
                StringBuilder t = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    t.append(Integer.toHexString(g[i])).append(':');
                }
                return t.append(g[6] >>> 8).append('.').append(g[6] & 0xFF).append('.').append(g[7] >>> 8).append('.')
                        .append(g[7] & 0xFF).toString();
            }
        }
    }
}
