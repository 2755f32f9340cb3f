package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.Cni;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check}: diagnostics of exception lists, like a compiler. Lists come from arguments, from standard input
 * ({@code -}, for lists longer than the 128 KiB Linux allows for one argument) or from a profile file
 * ({@code --profile FILE}, the format of {@link ProfileFile}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check exception lists and print every diagnostic with a caret under the offending text.",
        footer = {"", "Examples:", "  kcs-cilium-rules check '10.0.0.1/8, entity:wrld, 010.1.2.3'",
            "  kcs-cilium-rules check --format json 'service:shop|app=web, tier'",
            "  kcs-cilium-rules check - < egress-list.txt",
            "  kcs-cilium-rules check --profile profile.yaml",
            "", "Exit codes: 0 clean (warnings allowed), 1 errors, 2 bad usage or unreadable input."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "LIST", description = "Exception lists to check; - reads one list from"
            + " standard input (UTF-8, at most 4 MiB).")
    List<String> lists = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "FILE", description = "Also check the ingress and egress lists of a"
            + " profile file (YAML or JSON), located by file, line and list item.")
    String profileFile;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json (one object per line).")
    String format;

    @Option(names = "--cni", defaultValue = "cilium", description = "cilium (default) or other.")
    String cni;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("error: --format takes text or json, got \"" + format + "\"");
            return 2;
        }
        if (!cni.equals("cilium") && !cni.equals("other")) {
            err.println("error: --cni takes cilium or other, got \"" + cni + "\"");
            return 2;
        }
        if (lists.isEmpty() && profileFile == null) {
            err.println("error: give a LIST, - (read the list from standard input) or --profile FILE");
            err.println("try: kcs-cilium-rules check --help");
            return 2;
        }
        if (lists.stream().filter("-"::equals).count() > 1) {
            err.println("error: - (standard input) can be given only once");
            return 2;
        }
        List<String> texts = new ArrayList<>(lists.size());
        ProfileFile.Profile profile = null;
        try {
            for (String list : lists) {
                texts.add(list.equals("-") ? readStandardInput() : list);
            }
            if (profileFile != null) {
                profile = ProfileFile.read(profileFile);
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read standard input: " + e.getMessage());
            return 2;
        }
        RuleParser parser = RuleParser.lenient().withCni(cni.equals("other") ? Cni.OTHER : Cni.CILIUM);
        boolean json = format.equals("json");
        boolean errors = false;
        for (int i = 0; i < texts.size(); i++) {
            boolean stdin = lists.get(i).equals("-");
            String what = stdin ? "stdin" : lists.size() == 1 ? "list" : "list" + (i + 1);
            String text = texts.get(i);
            ParseResult r = parser.parse(text);
            if (json) {
                for (Diagnostic d : r.diagnostics()) {
                    int at = Math.min(d.start(), text.length());
                    out.println(stdin ? Diagnostics.json(what, d, "",
                            Diagnostics.lineOf(text, at), Diagnostics.columnOf(text, at), 0) : Diagnostics.json(what, d));
                    errors |= d.isError();
                }
            } else {
                errors |= Diagnostics.print(out, what, text, r.diagnostics());
                out.println(what + ": " + summary(r.rules()));
            }
        }
        if (profile != null) {
            for (ProfileFile.Source s : profile.sources()) {
                ProfileOptions.Checked c = ProfileOptions.check(profile.file(), s, parser);
                for (ProfileOptions.Located l : c.diagnostics()) {
                    if (json) {
                        out.println(l.json());
                    } else {
                        Diagnostics.printOne(out, l.location(), l.text(), l.diagnostic());
                    }
                }
                errors |= c.hasErrors();
                if (!json) {
                    out.println(s.name() + ": " + summary(c.rules()));
                }
            }
        }
        out.flush();
        return errors ? 1 : 0;
    }

    /** {@code "1 exception: 10.0.0.0/8"}, {@code "2 exceptions: ..."}. */
    static String summary(RuleSet rules) {
        return rules.size() + (rules.size() == 1 ? " exception: " : " exceptions: ") + rules;
    }

    private static String readStandardInput() throws IOException {
        byte[] bytes = ProfileFile.readCapped(System.in, "standard input");
        return ProfileFile.decodeUtf8("standard input", bytes);
    }
}
