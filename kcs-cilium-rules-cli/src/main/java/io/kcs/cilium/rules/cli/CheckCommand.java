package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.parse.Cni;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check}: diagnostics of exception lists, like a compiler. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check exception lists and print every diagnostic with a caret under the offending text.",
        footer = {"", "Examples:", "  kcs-cilium-rules check '10.0.0.1/8, entity:wrld, 010.1.2.3'",
            "  kcs-cilium-rules check --format json 'service:shop|app=web, tier'",
            "", "Exit codes: 0 clean (warnings allowed), 1 errors, 2 bad usage."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LIST", description = "Exception lists to check.")
    List<String> lists = new ArrayList<>();

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
        RuleParser parser = RuleParser.lenient().withCni(cni.equals("other") ? Cni.OTHER : Cni.CILIUM);
        boolean errors = false;
        for (int i = 0; i < lists.size(); i++) {
            String what = lists.size() == 1 ? "list" : "list" + (i + 1);
            ParseResult r = parser.parse(lists.get(i));
            if (format.equals("json")) {
                for (Diagnostic d : r.diagnostics()) {
                    out.println(Diagnostics.json(what, d));
                    errors |= d.isError();
                }
            } else {
                errors |= Diagnostics.print(out, what, lists.get(i), r.diagnostics());
                out.println(what + ": " + r.rules().size() + " exceptions: " + r.rules());
            }
        }
        out.flush();
        return errors ? 1 : 0;
    }
}
