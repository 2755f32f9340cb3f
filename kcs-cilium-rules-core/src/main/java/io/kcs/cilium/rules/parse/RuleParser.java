package io.kcs.cilium.rules.parse;

import io.kcs.cilium.rules.common.Severity;

import io.kcs.cilium.rules.common.Diagnostic;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.internal.AddressScanner;
import io.kcs.cilium.rules.internal.FqdnSyntax;
import io.kcs.cilium.rules.internal.K8sNames;
import io.kcs.cilium.rules.internal.Text;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Parses a runtime profile's network-exception list into a {@link RuleSet}, with precise diagnostics.
 *
 * <h2>Grammar</h2>
 * Entries are separated by {@code ,}; ASCII white space around {@code ,} {@code =} {@code |} {@code :} is ignored.
 * An entry is a CIDR ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address = host prefix), an FQDN name or
 * pattern ({@code api.example.com}, {@code *.example.com}), {@code entity:<name>}, {@code endpoint:<namespace>} or
 * {@code service:<namespace>} with optional labels after {@code |}.
 *
 * <h2>The comma rule for service labels</h2>
 * After {@code service:<ns>|} the first item is always a label. Each following comma-separated item continues the
 * label list iff it does not start with {@code entity:}, {@code endpoint:} or {@code service:} and (a) contains
 * {@code =}, or (b) contains {@code /} and is not CIDR-shaped (the part before {@code /} is neither only digits and
 * dots nor contains {@code :}), or (c) contains none of {@code .} {@code :} {@code *}. Anything else ends the list and
 * is an entry of its own. White space never changes the parse, but it drives one warning
 * ({@code ambiguous-label-boundary}): labels are conventionally joined by {@code ","} and entries by {@code ", "},
 * so an item read as a label that follows {@code ", "}, or an item read as an entry that could be a key-only label
 * and follows a bare {@code ","}, is reported. Workarounds: put a dotted key-only label first, or the service entry
 * last; write a one-label host name with a trailing dot ({@code localhost.}).
 *
 * <h2>Strict and lenient</h2>
 * A {@link #strict()} parser throws {@link RuleSyntaxException} (carrying every diagnostic) when there is any
 * error. A {@link #lenient()} parser skips invalid entries and reports each with an ERROR diagnostic covering it;
 * nothing is lost silently. An invalid label skips its whole service entry (dropping only the label would widen
 * the selector). Warnings never fail a parse.
 *
 * <h2>Limits</h2>
 * At most {@link #maxLength()} characters (default {@value #DEFAULT_MAX_LENGTH}) and {@link #maxEntries()} items
 * (entries and labels; default {@value #DEFAULT_MAX_ENTRIES}); beyond either, the result is empty with one
 * {@code input-too-large} ERROR and no work is spent on the excess. At most {@value #MAX_DIAGNOSTICS} diagnostics
 * are listed; one {@code too-many-diagnostics} diagnostic covers the rest.
 *
 * <p>What it does not do: no DNS lookups, no I/O, no regular expressions; no exception other than
 * {@link RuleSyntaxException} (strict mode) escapes for any text, and {@link NullPointerException} only for a null
 * argument.
 *
 * <pre>{@code
 * ParseResult r = RuleParser.lenient().withCni(Cni.OTHER)
 *         .parse("10.0.0.0/8, entity:kube-apiserver, *.example.com");
 * r.rules().toString();            // "10.0.0.0/8, *.example.com"
 * r.diagnostics().get(0).code();   // "cni-ignored"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; one parser can serve any number of threads.
 */
public final class RuleParser {

    /** Default maximum text length in characters. */
    public static final int DEFAULT_MAX_LENGTH = 1_000_000;
    /** Default maximum number of comma-separated items (entries and labels). */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** The largest item limit {@link #withMaxEntries} accepts. */
    public static final int MAX_ENTRIES_LIMIT = 1_000_000;

    /** Diagnostics listed individually; the rest are summarised by one {@code too-many-diagnostics}. */
    public static final int MAX_DIAGNOSTICS = 1_000;

    private static final RuleParser STRICT = new RuleParser(true, Cni.CILIUM, DEFAULT_MAX_LENGTH, DEFAULT_MAX_ENTRIES);
    private static final RuleParser LENIENT = new RuleParser(false, Cni.CILIUM, DEFAULT_MAX_LENGTH,
            DEFAULT_MAX_ENTRIES);

    private static final String ENTITY_NAMES;

    static {
        StringBuilder b = new StringBuilder();
        for (Entity e : Entity.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.ciliumName());
        }
        ENTITY_NAMES = b.toString();
    }

    private final boolean strict;
    private final Cni cni;
    private final int maxLength;
    private final int maxEntries;

    private RuleParser(boolean strict, Cni cni, int maxLength, int maxEntries) {
        this.strict = strict;
        this.cni = cni;
        this.maxLength = maxLength;
        this.maxEntries = maxEntries;
    }

    /** A parser that throws {@link RuleSyntaxException} on any error (Cilium CNI, default limits). */
    public static RuleParser strict() {
        return STRICT;
    }

    /** A parser that skips invalid entries, reporting each (Cilium CNI, default limits). */
    public static RuleParser lenient() {
        return LENIENT;
    }

    /** This parser for another CNI: with {@link Cni#OTHER}, Cilium-format entries are skipped with a warning. */
    public RuleParser withCni(Cni cni) {
        return new RuleParser(strict, Objects.requireNonNull(cni, "cni"), maxLength, maxEntries);
    }

    /**
     * This parser with another maximum text length.
     *
     * @throws IllegalArgumentException when {@code maxLength < 0}
     */
    public RuleParser withMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
        }
        return new RuleParser(strict, cni, maxLength, maxEntries);
    }

    /**
     * This parser with another maximum number of items (entries and labels).
     *
     * @throws IllegalArgumentException when {@code maxEntries} is outside 0 to {@value #MAX_ENTRIES_LIMIT}
     */
    public RuleParser withMaxEntries(int maxEntries) {
        if (maxEntries < 0 || maxEntries > MAX_ENTRIES_LIMIT) {
            throw new IllegalArgumentException("maxEntries must be 0 to " + MAX_ENTRIES_LIMIT + ": " + maxEntries);
        }
        return new RuleParser(strict, cni, maxLength, maxEntries);
    }

    /** Whether this parser throws on errors. */
    public boolean isStrict() {
        return strict;
    }

    /** The CNI this parser assumes. */
    public Cni cni() {
        return cni;
    }

    /** The maximum text length in characters. */
    public int maxLength() {
        return maxLength;
    }

    /** The maximum number of comma-separated items (entries and labels). */
    public int maxEntries() {
        return maxEntries;
    }

    /**
     * Parses {@code text}.
     *
     * @throws RuleSyntaxException (strict parser only) when the text has an error; it carries every diagnostic
     * @throws NullPointerException when {@code text} is null
     */
    public ParseResult parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        ParseResult result = singleCidr(text.toString());
        if (result != null) {
            return result;
        }
        result = new Run(text).run();
        if (strict && result.hasErrors()) {
            throw new RuleSyntaxException(result.diagnostics());
        }
        return result;
    }

    /**
     * The common single-entry case without the general machinery: a text whose only entry is a clean CIDR (no host
     * bits, not IPv4-mapped, so no diagnostic). A comma, a keyword, inner white space or an empty text fails the
     * scan. Returns null to take the general path, which also reports the limits.
     */
    private ParseResult singleCidr(String s) {
        int n = s.length();
        if (n > maxLength || maxEntries == 0) {
            return null;
        }
        int from = Text.skipSpace(s, 0, n);
        int to = Text.trimEnd(s, from, n);
        Cidr cidr;
        long v4 = AddressScanner.ipv4Cidr(s, from, to);
        if (v4 != -1) {
            IpAddress written = IpAddress.ofIpv4((int) (v4 >>> 8));
            int length = (int) (v4 & 0xFF);
            cidr = length == 0xFF ? Cidr.host(written) : Cidr.of(written, length);
            if (cidr.address() != written) {
                return null; // host bits set: the general path warns
            }
        } else {
            AddressScanner sc = new AddressScanner();
            if (!sc.scanCidr(s, from, to)) {
                return null;
            }
            cidr = cleanCidr(sc);
            if (cidr == null) {
                return null;
            }
        }
        return new ParseResult(RuleSet.of(List.of(new CidrRule(cidr)), s, new int[] {from, to}), List.of());
    }

    /** The CIDR just scanned when it needs no warning (no host bits set, not IPv4-mapped), else null. */
    private static Cidr cleanCidr(AddressScanner sc) {
        IpAddress written = sc.isIpv4() ? IpAddress.ofIpv4((int) sc.low()) : IpAddress.ofIpv6(sc.high(), sc.low());
        Cidr cidr = sc.prefixLength() < 0 ? Cidr.host(written) : Cidr.of(written, sc.prefixLength());
        if (cidr.address() != written
                || (!sc.isIpv4() && cidr.prefixLength() >= 96 && cidr.address().isIpv4Mapped())) {
            return null;
        }
        return cidr;
    }

    @Override
    public String toString() {
        return "RuleParser[" + (strict ? "strict" : "lenient") + ", cni=" + cni + ", maxLength=" + maxLength
                + ", maxEntries=" + maxEntries + "]";
    }

    /** The state of one parse. */
    private final class Run extends AddressScanner {
        private final String s;
        private final int n;
        private final List<Rule> rules = new ArrayList<>();
        private final Map<Rule, Integer> positions = new HashMap<>(); // accepted rule -> its index in `rules`
        private int[] spans = new int[8]; // start and end of each accepted rule
        private List<Diagnostic> diagnostics;
        private int items;
        private boolean tooLarge;
        private int suppressed;
        private boolean suppressedError;
        private int suppressedStart;
        private int suppressedEnd;

        Run(CharSequence text) {
            this.s = text.toString();
            this.n = text.length();
        }

        ParseResult run() {
            if (n > maxLength) {
                tooLarge("the exception list is " + n + " characters long; the limit is " + maxLength);
                return result();
            }
            if (Text.skipSpace(s, 0, n) == n) {
                return result();
            }
            int pos = 0;
            while (!tooLarge) {
                if (!countItem()) {
                    break;
                }
                int consumed = fastCidr(pos);
                if (consumed == -1) {
                    scanItem(pos);
                    consumed = entry(pos, itemEnd);
                }
                if (consumed >= n) {
                    break;
                }
                pos = consumed + 1;
            }
            return result();
        }

        /**
         * The common case first: an item that scans as a valid CIDR is a CIDR entry (the general path would read it
         * the same way: a keyword prefix, inner white space or an empty item fails the scan, and the word before the
         * first ':' of a valid IPv6 address is all hex digits, never a prefix word). Returns the end of the item, or
         * -1 to take the general path.
         */
        private int fastCidr(int pos) {
            int end = nextComma(pos);
            int from = Text.skipSpace(s, pos, end);
            int to = Text.trimEnd(s, from, end);
            if (!scanCidr(s, from, to)) {
                return -1;
            }
            addCidr(from, to);
            return end;
        }

        // Facts about the current item, gathered in one pass by scanItem (no allocation).
        private int itemEnd; // index of the ',' ending the item, or n
        private int from; // first non-space character, or itemEnd
        private int to; // after the last non-space character
        private int colon; // first ':' or -1
        private int slash; // first '/' or -1
        private boolean innerSpace; // white space between from and to
        private boolean digitsAndDots; // every non-space character is a digit or '.'

        private void scanItem(int pos) {
            int first = -1;
            int last = -1;
            int c1 = -1;
            int sl = -1;
            boolean spaceSeen = false;
            boolean inner = false;
            boolean dd = true;
            int i = pos;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c == ',') {
                    break;
                }
                if (Text.isSpace(c)) {
                    spaceSeen = first >= 0;
                    continue;
                }
                if (first < 0) {
                    first = i;
                } else if (spaceSeen) {
                    inner = true;
                }
                spaceSeen = false;
                last = i;
                if (c == ':') {
                    if (c1 < 0) {
                        c1 = i;
                    }
                    dd = false;
                } else if (c == '/') {
                    if (sl < 0) {
                        sl = i;
                    }
                    dd = false;
                } else if (c != '.' && (c < '0' || c > '9')) {
                    dd = false;
                }
            }
            itemEnd = i;
            from = first < 0 ? i : first;
            to = first < 0 ? i : last + 1;
            colon = c1;
            slash = sl;
            innerSpace = inner;
            digitsAndDots = dd;
        }

        private ParseResult result() {
            if (tooLarge) {
                rules.clear();
            }
            List<Diagnostic> out;
            if (diagnostics == null) {
                out = List.of();
            } else {
                if (suppressed > 0) {
                    diagnostics.add(new Diagnostic(suppressedError ? Severity.ERROR : Severity.WARNING,
                            DiagnosticCodes.TOO_MANY_DIAGNOSTICS, suppressedStart, suppressedEnd,
                            suppressed + " more diagnostics between offsets " + suppressedStart + " and "
                                    + suppressedEnd + " are not listed (at most " + MAX_DIAGNOSTICS + " are)"));
                }
                diagnostics.sort(Comparator.comparingInt(Diagnostic::start));
                out = diagnostics;
            }
            // RuleSet.of copies both and checks every span
            return new ParseResult(RuleSet.of(rules, s, Arrays.copyOf(spans, 2 * rules.size())), out);
        }

        /** The index of the ',' ending the item that starts at {@code from}, or the text's end. */
        private int nextComma(int from) {
            int comma = Text.indexOf(s, ',', from, n);
            return comma == -1 ? n : comma;
        }

        private boolean countItem() {
            if (++items > maxEntries) {
                tooLarge("the exception list has more than " + maxEntries + " comma-separated items (entries and"
                        + " labels); the limit is " + maxEntries);
                return false;
            }
            return true;
        }

        private void tooLarge(String message) {
            tooLarge = true;
            report(Severity.ERROR, DiagnosticCodes.INPUT_TOO_LARGE, 0, n, message + "; nothing was applied");
        }

        // ---------------------------------------------------------------------------------------------- entries

        /**
         * Parses the entry of the item scanned last (starting at {@code itemStart}); returns the end of the last item
         * it consumed.
         */
        private int entry(int itemStart, int itemEnd) {
            int from = this.from;
            int to = this.to;
            if (from == to) {
                emptyEntry(itemStart, itemEnd);
                return itemEnd;
            }
            int colon = this.colon;
            if (colon >= 0) {
                int wordEnd = Text.trimEnd(s, from, colon);
                if (Text.regionEquals(s, from, wordEnd, "entity")) {
                    entity(from, colon, to);
                    return itemEnd;
                }
                if (Text.regionEquals(s, from, wordEnd, "endpoint")) {
                    endpoint(from, colon, to);
                    return itemEnd;
                }
                if (Text.regionEquals(s, from, wordEnd, "service")) {
                    return service(from, colon, to, itemEnd);
                }
                if (isPrefixWord(from, wordEnd)) {
                    return unknownPrefix(from, wordEnd, to, itemEnd);
                }
            }
            if (innerSpace) {
                report(Severity.ERROR, DiagnosticCodes.WHITESPACE_IN_ENTRY, from, to, "white space inside "
                        + Text.quote(s, from, to) + "; entries are separated by ',' and a CIDR or DNS name has no"
                        + " spaces");
                return itemEnd;
            }
            if (colon >= 0 || slash >= 0 || digitsAndDots) {
                cidr(from, to, slash, colon >= 0 && (slash < 0 || colon < slash));
            } else {
                fqdn(from, to);
            }
            return itemEnd;
        }

        private void emptyEntry(int itemStart, int itemEnd) {
            int start = itemStart;
            int end = itemEnd;
            if (start == end) {
                // cover the comma before it, or the one after it at the start of the text
                if (start > 0) {
                    start--;
                } else {
                    end++;
                }
            }
            report(Severity.WARNING, DiagnosticCodes.EMPTY_ENTRY, start, end,
                    "empty entry between commas (or a trailing comma); skipped");
        }

        private boolean onlyDigitsAndDots(int from, int to) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c != '.' && (c < '0' || c > '9')) {
                    return false;
                }
            }
            return true;
        }

        /** A word before ':' that is meant as a rule prefix: letters, digits, '-', '_', not all hex digits. */
        private boolean isPrefixWord(int from, int to) {
            if (from == to) {
                return false;
            }
            boolean nonHex = false;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (!Text.isAlnum(c) && c != '-' && c != '_') {
                    return false;
                }
                char l = Text.toLowerAscii(c);
                if (!((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f'))) {
                    nonHex = true;
                }
            }
            return nonHex;
        }

        private int unknownPrefix(int from, int wordEnd, int to, int itemEnd) {
            int end = to;
            int consumed = itemEnd;
            // "serivce:ns|a=b,c": swallow what the comma rule would have read as labels, so that no label becomes an
            // entry of its own.
            if (Text.indexOf(s, '|', from, to) >= 0) {
                long r = skipLabels(itemEnd);
                consumed = (int) (r >>> 32);
                end = Math.max(end, (int) r);
            }
            String hint = hint(s.subSequence(from, wordEnd).toString(), List.of("entity", "endpoint", "service"));
            report(Severity.ERROR, DiagnosticCodes.UNKNOWN_PREFIX, from, wordEnd,
                    "unknown prefix " + Text.quote(s, from, wordEnd) + " in " + Text.quote(s, from, end)
                            + "; expected entity:, endpoint: or service:" + hint);
            return consumed;
        }

        // ------------------------------------------------------------------------------------------ CIDR, FQDN

        private void cidr(int from, int to, int slash, boolean ipv6) {
            AddressScanner sc = this;
            if (!sc.scanCidr(s, from, to, slash, ipv6)) {
                String code;
                String expected;
                switch (sc.errorKind()) {
                    case AddressScanner.BAD_IPV6 -> {
                        code = DiagnosticCodes.INVALID_IPV6;
                        expected = "expected an IPv6 address or CIDR such as 2001:db8::/32";
                    }
                    case AddressScanner.BAD_PREFIX -> {
                        code = DiagnosticCodes.INVALID_PREFIX_LENGTH;
                        expected = sc.isIpv4() ? "expected a prefix length 0-32" : "expected a prefix length 0-128";
                    }
                    default -> {
                        code = DiagnosticCodes.INVALID_IPV4;
                        expected = "expected an IPv4 address or CIDR such as 10.0.0.0/8";
                    }
                }
                int start = Math.max(from, Math.min(sc.errorStart(), to));
                int end = Math.max(start, Math.min(sc.errorEnd(), to));
                if (start == end) {
                    start = from;
                    end = to;
                }
                report(Severity.ERROR, code, start, end, "invalid CIDR " + Text.quote(s, from, to) + ": "
                        + sc.errorReason() + " (at " + Text.quote(s, start, end) + "); " + expected);
                return;
            }
            addCidr(from, to);
        }

        /** Adds the CIDR just scanned successfully, with its warnings. */
        private void addCidr(int from, int to) {
            AddressScanner sc = this;
            IpAddress written = sc.isIpv4() ? IpAddress.ofIpv4((int) sc.low())
                    : IpAddress.ofIpv6(sc.high(), sc.low());
            Cidr cidr = sc.prefixLength() < 0 ? Cidr.host(written) : Cidr.of(written, sc.prefixLength());
            if (cidr.address() != written) {
                report(Severity.WARNING, DiagnosticCodes.HOST_BITS_SET, from, to, Text.quote(s, from, to)
                        + " has host bits set; applied as " + cidr + " (Cilium masks them too)");
            }
            if (!sc.isIpv4() && cidr.prefixLength() >= 96 && cidr.address().isIpv4Mapped()) {
                report(Severity.WARNING, DiagnosticCodes.IPV4_MAPPED_IPV6, from, to, Text.quote(s, from, to)
                        + " is an IPv4-mapped IPv6 prefix; Cilium is family-strict, so it never matches IPv4"
                        + " traffic (write the IPv4 CIDR for that)");
            }
            add(new CidrRule(cidr), from, to);
        }

        private void fqdn(int from, int to) {
            String reason = FqdnSyntax.check(s, from, to, true);
            if (reason != null) {
                String hint = Text.indexOf(s, '=', from, to) >= 0
                        ? "; a label (key=value) is only allowed after service:<namespace>|"
                        : "";
                report(Severity.ERROR, DiagnosticCodes.INVALID_FQDN, from, to, "invalid entry "
                        + Text.quote(s, from, to) + ": " + reason + "; expected a CIDR, a DNS name such as"
                        + " api.example.com, a pattern such as *.example.com, or entity:, endpoint:, service:" + hint);
                return;
            }
            add(new FqdnRule(FqdnSelector.parse(s.subSequence(from, to).toString())), from, to);
        }

        // ------------------------------------------------------------------------------ entity, endpoint, service

        private void entity(int from, int colon, int to) {
            int v = Text.skipSpace(s, colon + 1, to);
            if (v == to) {
                report(Severity.ERROR, DiagnosticCodes.UNKNOWN_ENTITY, from, to, "missing entity name in "
                        + Text.quote(s, from, to) + "; expected one of " + ENTITY_NAMES);
                return;
            }
            Entity found = null;
            for (Entity e : Entity.values()) {
                if (Text.regionEquals(s, v, to, e.ciliumName())) {
                    found = e;
                    break;
                }
            }
            if (found == null) {
                List<String> names = new ArrayList<>();
                for (Entity e : Entity.values()) {
                    names.add(e.ciliumName());
                }
                report(Severity.ERROR, DiagnosticCodes.UNKNOWN_ENTITY, v, to, "unknown entity "
                        + Text.quote(s, v, to) + "; expected one of " + ENTITY_NAMES
                        + hint(s.subSequence(v, Math.min(to, v + 65)).toString(), names));
                return;
            }
            if (!found.inCrdEnum()) {
                report(Severity.WARNING, DiagnosticCodes.ENTITY_NOT_IN_CRD, v, to, "entity " + Text.quote(s, v, to)
                        + " is valid in Cilium's code but the CiliumNetworkPolicy CRD enum rejects it, so an API"
                        + " server may refuse the policy" + (found == Entity.CLUSTER_MESH ? " (Cilium 1.20+)" : ""));
            }
            addCilium(new EntityRule(found), from, to);
        }

        private void endpoint(int from, int colon, int to) {
            int v = Text.skipSpace(s, colon + 1, to);
            String reason = K8sNames.checkNamespace(s, v, to);
            if (reason != null) {
                report(Severity.ERROR, DiagnosticCodes.INVALID_NAMESPACE, v == to ? from : v, to, "invalid namespace "
                        + Text.quote(s, v, to) + " in " + Text.quote(s, from, to) + ": " + reason
                        + "; expected an RFC 1123 label such as payments");
                return;
            }
            addCilium(new EndpointRule(s.subSequence(v, to).toString()), from, to);
        }

        private int service(int from, int colon, int to, int itemEnd) {
            int v = Text.skipSpace(s, colon + 1, to);
            int pipe = Text.indexOf(s, '|', v, to);
            int nsEnd = Text.trimEnd(s, v, pipe < 0 ? to : pipe);
            boolean ok = true;
            String reason = K8sNames.checkNamespace(s, v, nsEnd);
            if (reason != null) {
                ok = false;
                report(Severity.ERROR, DiagnosticCodes.INVALID_NAMESPACE, v == nsEnd ? from : v,
                        v == nsEnd ? to : nsEnd, "invalid namespace " + Text.quote(s, v, nsEnd) + " in "
                                + Text.quote(s, from, to) + ": " + reason + "; expected an RFC 1123 label such as shop");
            }
            if (pipe < 0) {
                if (ok) {
                    addCilium(ServiceRule.of(s.subSequence(v, nsEnd).toString()), from, to);
                }
                return itemEnd;
            }
            Map<String, Optional<String>> labels = new TreeMap<>();
            int entryEnd = to;
            int first = Text.skipSpace(s, pipe + 1, to);
            if (first == to) {
                ok = false;
                report(Severity.ERROR, DiagnosticCodes.INVALID_LABEL, pipe, pipe + 1, "missing label after '|' in "
                        + Text.quote(s, from, to) + "; expected key, key=value or prefix/key=value");
            } else {
                ok &= label(first, to, labels, from);
            }
            int consumed = itemEnd;
            while (consumed < n && !tooLarge) {
                int next = consumed + 1;
                int nextEnd = nextComma(next);
                int t0 = Text.skipSpace(s, next, nextEnd);
                int t1 = Text.trimEnd(s, t0, nextEnd);
                if (t0 != t1 && !continuesLabels(t0, t1)) {
                    if (t0 == next && couldBeKeyOnlyLabel(t0, t1)) {
                        report(Severity.WARNING, DiagnosticCodes.AMBIGUOUS_LABEL_BOUNDARY, t0, t1,
                                Text.quote(s, t0, t1) + " directly after the labels of " + Text.quote(s, from, nsEnd)
                                        + " is read as an entry of its own, not as a key-only label; to mean a label,"
                                        + " put it first after '|' or move the service entry last");
                    }
                    break;
                }
                if (!countItem()) {
                    return n;
                }
                if (t0 == t1) {
                    emptyEntry(next, nextEnd);
                } else {
                    if (t0 > next && Text.indexOf(s, '=', t0, t1) < 0 && Text.indexOf(s, '/', t0, t1) < 0) {
                        report(Severity.WARNING, DiagnosticCodes.AMBIGUOUS_LABEL_BOUNDARY, t0, t1,
                                Text.quote(s, t0, t1) + " after the labels of " + Text.quote(s, from, nsEnd)
                                        + " is read as a key-only label; if it is meant as a DNS name, write it with"
                                        + " a trailing dot (" + Text.quote(s, t0, t1) + " + '.') or put it before the"
                                        + " service entry");
                    }
                    ok &= label(t0, t1, labels, from);
                    entryEnd = t1;
                }
                consumed = nextEnd;
            }
            if (ok) {
                addCilium(new ServiceRule(s.subSequence(v, nsEnd).toString(), labels), from, entryEnd);
            }
            return consumed;
        }

        /** The comma rule: whether item [t0, t1) (trimmed, non-empty) continues a service label list. */
        private boolean continuesLabels(int t0, int t1) {
            int colon = Text.indexOf(s, ':', t0, t1);
            if (colon >= 0) {
                int wordEnd = Text.trimEnd(s, t0, colon);
                if (Text.regionEquals(s, t0, wordEnd, "entity") || Text.regionEquals(s, t0, wordEnd, "endpoint")
                        || Text.regionEquals(s, t0, wordEnd, "service")) {
                    return false;
                }
            }
            if (Text.indexOf(s, '=', t0, t1) >= 0) {
                return true;
            }
            int slash = Text.indexOf(s, '/', t0, t1);
            if (slash >= 0) {
                return !cidrShaped(t0, slash);
            }
            for (int i = t0; i < t1; i++) {
                char c = s.charAt(i);
                if (c == '.' || c == ':' || c == '*') {
                    return false;
                }
            }
            return true;
        }

        private boolean cidrShaped(int from, int slash) {
            int end = Text.trimEnd(s, from, slash);
            return (end > from && onlyDigitsAndDots(from, end)) || Text.indexOf(s, ':', from, end) >= 0;
        }

        private boolean couldBeKeyOnlyLabel(int t0, int t1) {
            return Text.indexOf(s, ':', t0, t1) < 0 && Text.indexOf(s, '*', t0, t1) < 0 && !onlyDigitsAndDots(t0, t1)
                    && K8sNames.checkLabelKey(s, t0, t1) == null;
        }

        /** Skips the items the comma rule would read as labels after item end {@code itemEnd}; (consumed, lastEnd). */
        private long skipLabels(int itemEnd) {
            int consumed = itemEnd;
            int lastEnd = itemEnd;
            while (consumed < n && !tooLarge) {
                int next = consumed + 1;
                int nextEnd = nextComma(next);
                int t0 = Text.skipSpace(s, next, nextEnd);
                int t1 = Text.trimEnd(s, t0, nextEnd);
                if (t0 != t1 && !continuesLabels(t0, t1)) {
                    break;
                }
                if (!countItem()) {
                    return ((long) n << 32) | n;
                }
                if (t0 != t1) {
                    lastEnd = t1;
                }
                consumed = nextEnd;
            }
            return ((long) consumed << 32) | lastEnd;
        }

        /** Parses label item [t0, t1) into {@code labels}; returns false (after reporting) when it is invalid. */
        private boolean label(int t0, int t1, Map<String, Optional<String>> labels, int entryStart) {
            int eq = Text.indexOf(s, '=', t0, t1);
            int keyEnd = eq < 0 ? t1 : Text.trimEnd(s, t0, eq);
            String reason = K8sNames.checkLabelKey(s, t0, keyEnd);
            if (reason != null) {
                report(Severity.ERROR, DiagnosticCodes.INVALID_LABEL, t0, t1, "invalid label "
                        + Text.quote(s, t0, t1) + " of " + Text.quote(s, entryStart, Math.min(t1, entryStart + 40))
                        + ": " + reason + "; expected key, key=value or prefix/key=value; the whole service entry is"
                        + " skipped");
                return false;
            }
            Optional<String> value = Optional.empty();
            if (eq >= 0) {
                int v0 = Text.skipSpace(s, eq + 1, t1);
                String valueReason = K8sNames.checkLabelValue(s, v0, t1);
                if (valueReason != null) {
                    report(Severity.ERROR, DiagnosticCodes.INVALID_LABEL, v0, t1, "invalid label value "
                            + Text.quote(s, v0, t1) + " in " + Text.quote(s, t0, t1) + ": " + valueReason
                            + "; the whole service entry is skipped");
                    return false;
                }
                value = Optional.of(s.subSequence(v0, t1).toString());
            }
            String key = s.subSequence(t0, keyEnd).toString();
            Optional<String> previous = labels.get(key);
            if (previous != null) {
                if (previous.equals(value)) {
                    report(Severity.WARNING, DiagnosticCodes.DUPLICATE_LABEL, t0, t1, "label "
                            + Text.quote(s, t0, t1) + " is repeated; the repetition is ignored");
                    return true;
                }
                report(Severity.ERROR, DiagnosticCodes.DUPLICATE_LABEL, t0, t1, "label key " + Text.quote(key)
                        + " appears twice with different requirements (" + describe(previous) + " and "
                        + describe(value) + "); the whole service entry is skipped");
                return false;
            }
            labels.put(key, value);
            return true;
        }

        private String describe(Optional<String> value) {
            return value.map(v -> "= " + Text.quote(v)).orElse("exists");
        }

        // ------------------------------------------------------------------------------------------- results

        private void addCilium(Rule rule, int from, int to) {
            if (cni != Cni.CILIUM) {
                report(Severity.WARNING, DiagnosticCodes.CNI_IGNORED, from, to, Text.quote(s, from, to)
                        + " is a Cilium-format entry and the CNI is not Cilium; it is ignored");
                return;
            }
            add(rule, from, to);
        }

        /** Adds an accepted rule, or reports it as a repetition of an earlier one. */
        private void add(Rule rule, int from, int to) {
            int i = rules.size();
            Integer earlier = positions.putIfAbsent(rule, i);
            if (earlier != null) {
                report(Severity.WARNING, DiagnosticCodes.DUPLICATE_ENTRY, from, to, Text.quote(s, from, to)
                        + " repeats the entry at offset " + spans[2 * earlier] + " (" + rules.get(earlier)
                        + "); ignored");
                return;
            }
            if (2 * i == spans.length) {
                spans = Arrays.copyOf(spans, 2 * spans.length);
            }
            spans[2 * i] = from;
            spans[2 * i + 1] = to;
            rules.add(rule);
        }

        private void report(Severity severity, String code, int start, int end, String message) {
            if (diagnostics == null) {
                diagnostics = new ArrayList<>();
            }
            if (diagnostics.size() < MAX_DIAGNOSTICS || code.equals(DiagnosticCodes.INPUT_TOO_LARGE)) {
                diagnostics.add(new Diagnostic(severity, code, start, end, message));
                return;
            }
            if (suppressed++ == 0) {
                suppressedStart = start;
                suppressedEnd = end;
            }
            suppressedStart = Math.min(suppressedStart, start);
            suppressedEnd = Math.max(suppressedEnd, end);
            suppressedError |= severity == Severity.ERROR;
        }
    }

    /** {@code "; did you mean \"x\"?"} for the nearest candidate within edit distance 2, or "". */
    static String hint(String word, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = c.equalsIgnoreCase(word) ? 0 : Text.editDistance(word, c, 2);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best == null ? "" : "; did you mean " + Text.quote(best) + "?";
    }
}
