package io.kcs.cilium.rules.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kcs-cilium-rules} command line: translate and check runtime-profile exception lists offline, without a
 * cluster.
 *
 * <p>Exit codes: 0 success, 1 the input has errors, 2 bad usage. User errors never print a stack trace.
 */
@Command(name = "kcs-cilium-rules", mixinStandardHelpOptions = true, version = "kcs-cilium-rules 0.1.0-SNAPSHOT",
        description = "Translate and check the network-exception lists of container runtime profiles.",
        subcommands = {TranslateCommand.class, CheckCommand.class, ExplainCommand.class, DiagramCommand.class, AggregateCommand.class})
public final class Main {

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code. For tests and embedding. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }
}
