package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.common.TextSpan;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.parse.DiagnosticCodes;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The profile options shared by translate, explain and diagram: {@code --ingress}/{@code --egress} lists or
 * {@code --profile FILE} (see {@link ProfileFile}).
 *
 * <p>A list given as one string is parsed as one exception list. A profile-file list of items is parsed item by
 * item, so an item never continues the previous one (the labels of {@code - service:shop|app=web} end with that
 * item); an exception equal to one of an earlier item is skipped with a {@code duplicate-entry} warning, an empty
 * item with an {@code empty-entry} warning. Diagnostics of a profile file name the file, the line and the item
 * ({@code p.yaml:7: egress entry 3: error [invalid-ipv4] ...}) or, for a list written as one string, the character in
 * it ({@code p.yaml:1: ingress, character 24: ...}).
 *
 * <p>Not thread-safe: picocli fills the fields, then one command uses them.
 */
final class ProfileOptions {

    @Option(names = "--egress", description = "Egress exception list: restricts egress to these exceptions.")
    String egress;

    @Option(names = "--ingress", description = "Ingress exception list: restricts ingress to these exceptions.")
    String ingress;

    @Option(names = "--profile", description = "A profile file (YAML or JSON) with ingress and/or egress lists"
            + " instead of --ingress/--egress.")
    String profileFile;

    private ProfileFile.Profile profile;

    /** The parsed profile: null lists are unrestricted directions. */
    record Parsed(RuntimeProfile profile, RuleSet ingress, RuleSet egress, boolean errors, boolean warnings,
            Map<Rule, String> ingressPlaces, Map<Rule, String> egressPlaces) {

        Parsed(RuntimeProfile profile, RuleSet ingress, RuleSet egress, boolean errors, boolean warnings) {
            this(profile, ingress, egress, errors, warnings, Map.of(), Map.of());
        }

        /**
         * Where {@code rule} of a profile file written as a list of items came from ({@code p.yaml:4, egress entry
         * 3}); empty for lists given as one string, whose rules carry their own spans.
         */
        Optional<String> placeOf(Direction direction, Rule rule) {
            return Optional.ofNullable((direction == Direction.INGRESS ? ingressPlaces : egressPlaces).get(rule));
        }
    }

    /**
     * One diagnostic of a profile-file list with its place: the list ({@code ingress}/{@code egress}), the text the
     * offsets refer to (the item, or the whole list in string form), the file line, and the 1-based item number (0
     * for a list written as one string).
     */
    record Located(String list, Diagnostic diagnostic, String text, String file, int line, int entry) {

        /** {@code "p.yaml:7: egress entry 3: "} or {@code "p.yaml:1: ingress, character 24: "}. */
        String location() {
            return file + ":" + line + ": " + list + (entry > 0 ? " entry " + entry
                    : ", character " + (Math.min(diagnostic.start(), text.length()) + 1)) + ": ";
        }

        /** The diagnostic as a JSON object (see {@link Diagnostics#json(String, Diagnostic, String, int, int, int)}). */
        String json() {
            return Diagnostics.json(list, diagnostic, file, line, 0, entry);
        }
    }

    /** The rules of one profile-file list and its diagnostics. */
    record Checked(RuleSet rules, List<Located> diagnostics, Map<Rule, String> places) {
        Checked {
            diagnostics = List.copyOf(diagnostics);
            places = Map.copyOf(places);
        }

        boolean hasErrors() {
            return diagnostics.stream().anyMatch(l -> l.diagnostic().isError());
        }
    }

    /**
     * Reads the lists from the options or the profile file.
     *
     * @throws IllegalArgumentException on a usage problem (both kinds of input, an unreadable or malformed file)
     */
    void resolve() {
        if (profileFile == null) {
            return;
        }
        if (egress != null || ingress != null) {
            throw new IllegalArgumentException("give --profile or --ingress/--egress, not both");
        }
        profile = ProfileFile.read(profileFile);
    }

    /** Whether no direction is restricted. */
    boolean isEmpty() {
        return ingress == null && egress == null && (profile == null || profile.sources().isEmpty());
    }

    /** Parses the lists with {@code parser}, printing their diagnostics to {@code err}. */
    Parsed parse(PrintWriter err, RuleParser parser) {
        return parse(err, parser, Format.TEXT);
    }

    /** Parses the lists with {@code parser}, printing their diagnostics to {@code err} in {@code format}. */
    Parsed parse(PrintWriter err, RuleParser parser, Format format) {
        boolean errors = false;
        boolean warnings = false;
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        RuleSet in = null;
        RuleSet eg = null;
        if (profile != null) {
            Map<Rule, String> inPlaces = Map.of();
            Map<Rule, String> egPlaces = Map.of();
            for (ProfileFile.Source s : profile.sources()) {
                Checked c = check(profile.file(), s, parser);
                for (Located l : c.diagnostics()) {
                    if (format == Format.JSON) {
                        err.println(l.json());
                    } else {
                        Diagnostics.printOne(err, l.location(), l.text(), l.diagnostic());
                    }
                    warnings |= !l.diagnostic().isError();
                }
                errors |= c.hasErrors();
                if (s.direction() == Direction.INGRESS) {
                    inPlaces = c.places();
                    in = c.rules();
                    b.restrictIngress(in);
                } else {
                    egPlaces = c.places();
                    eg = c.rules();
                    b.restrictEgress(eg);
                }
            }
            return new Parsed(b.build(), in, eg, errors, warnings, inPlaces, egPlaces);
        }
        if (ingress != null) {
            ParseResult r = parser.parse(ingress);
            errors |= Diagnostics.report(err, format, "ingress", ingress, r.diagnostics());
            warnings |= r.diagnostics().stream().anyMatch(d -> !d.isError());
            in = r.rules();
            b.restrictIngress(in);
        }
        if (egress != null) {
            ParseResult r = parser.parse(egress);
            errors |= Diagnostics.report(err, format, "egress", egress, r.diagnostics());
            warnings |= r.diagnostics().stream().anyMatch(d -> !d.isError());
            eg = r.rules();
            b.restrictEgress(eg);
        }
        return new Parsed(b.build(), in, eg, errors, warnings);
    }

    /** Parses one list of the profile file {@code file}: a string as one list, a list item by item. */
    static Checked check(String file, ProfileFile.Source s, RuleParser parser) {
        List<Located> out = new ArrayList<>();
        if (!s.listForm()) {
            ProfileFile.Item item = s.items().get(0);
            ParseResult r = parser.parse(item.text());
            for (Diagnostic d : r.diagnostics()) {
                out.add(new Located(s.name(), d, item.text(), file, item.line(), 0));
            }
            return new Checked(r.rules(), out, Map.of());
        }
        List<Rule> rules = new ArrayList<>();
        Map<Rule, Integer> firstEntry = new HashMap<>();
        Map<Rule, String> places = new HashMap<>();
        for (int i = 0; i < s.items().size(); i++) {
            ProfileFile.Item item = s.items().get(i);
            int entry = i + 1;
            ParseResult r = parser.parse(item.text());
            for (Diagnostic d : r.diagnostics()) {
                out.add(new Located(s.name(), d, item.text(), file, item.line(), entry));
            }
            if (item.text().isBlank()) {
                out.add(new Located(s.name(), new Diagnostic(Severity.WARNING, DiagnosticCodes.EMPTY_ENTRY, 0,
                        item.text().length(), "empty list item; skipped"), item.text(), file, item.line(), entry));
            }
            RuleSet rs = r.rules();
            for (int k = 0; k < rs.size(); k++) {
                Rule rule = rs.rules().get(k);
                Integer first = firstEntry.putIfAbsent(rule, entry);
                if (first == null) {
                    rules.add(rule);
                    places.put(rule, file + ":" + item.line() + ", " + s.name() + " entry " + entry);
                } else if (first != entry) {
                    TextSpan span = rs.spanOf(k).orElse(new TextSpan(0, item.text().length()));
                    out.add(new Located(s.name(), new Diagnostic(Severity.WARNING, DiagnosticCodes.DUPLICATE_ENTRY,
                            span.start(), span.end(), "\"" + ProfileFile.Text.quote(rule.toString())
                            + "\" is the same exception as " + s.name() + " entry " + first + "; skipped"),
                            item.text(), file, item.line(), entry));
                }
            }
        }
        return new Checked(RuleSet.of(rules), out, places);
    }
}
