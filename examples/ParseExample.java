import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;

/**
 * Parses an exception list leniently and prints its canonical form and every diagnostic with a caret line.
 * Run it as a single-file program against the built core jar (see README "Try it").
 */
public class ParseExample {
    public static void main(String[] args) {
        String text = args.length > 0 ? String.join(" ", args)
                : "10.0.0.1/8, *.Example.com, entity:wrld, service:shop|app=web,tier, 010.1.2.3";
        ParseResult result = RuleParser.lenient().parse(text);
        System.out.println("input:     " + text);
        System.out.println("canonical: " + result.rules());
        System.out.println("rules:     " + result.rules().size());
        for (Diagnostic d : result.diagnostics()) {
            System.out.println();
            System.out.println(d.severity() + " " + d.code() + " at " + d.start() + "-" + d.end() + ": " + d.message());
            System.out.println("  " + text);
            System.out.println("  " + " ".repeat(d.start()) + "^".repeat(Math.max(1, d.end() - d.start())));
        }
        System.exit(result.hasErrors() ? 1 : 0);
    }
}
