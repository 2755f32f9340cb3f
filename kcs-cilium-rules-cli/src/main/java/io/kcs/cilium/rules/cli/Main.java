package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.parse.Cni;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code kcs-cilium-rules} command line: translate and check runtime-profile exception lists offline, without a
 * cluster.
 *
 * <p>Exit codes, the same for every command: 0 success; 1 the input has errors (and {@code explain}: the connection
 * is denied); 2 bad usage (an unknown option, a missing or invalid option value: a short message and "try ...
 * --help"); 3 an internal error (a one-line "internal error, please report" message) or an I/O error. Nothing
 * prints a stack trace.
 */
@Command(name = "kcs-cilium-rules", mixinStandardHelpOptions = true, version = "kcs-cilium-rules 0.1.0-SNAPSHOT",
        description = "Translate and check the network-exception lists of container runtime profiles, and validate"
                + " Cilium policies as the agent would.",
        footer = {"", "Exit codes: 0 success, 1 input errors (explain: also a denied connection), 2 bad usage,"
                + " 3 internal or I/O error.", "Run 'kcs-cilium-rules COMMAND --help' for a command's options and"
                + " examples."})
public final class Main {

    /** Exit code: the input has errors (or explain: the connection is denied). */
    static final int INPUT_ERROR = 1;
    /** Exit code: bad usage. */
    static final int USAGE = 2;
    /** Exit code: internal or I/O error. */
    static final int INTERNAL = 3;

    /** The commands in help order; only the one being run is instantiated (start-up time). */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("translate", TranslateCommand.class);
        m.put("check", CheckCommand.class);
        m.put("explain", ExplainCommand.class);
        m.put("diagram", DiagramCommand.class);
        m.put("aggregate", AggregateCommand.class);
        m.put("lint", LintCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("replay", ReplayCommand.class);
        m.put("learn", LearnCommand.class);
        m.put("webhook", WebhookCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("trace", TraceCommand.class);
        m.put("connectivity", ConnectivityCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code. For tests and embedding. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(commandLine(out, err, args), err, args);
    }

    /**
     * Executes {@code cl}; an {@link Error} escaping picocli's handlers (stack or heap exhausted) is reported like an
     * internal error, exit code 3.
     */
    static int execute(CommandLine cl, PrintWriter err, String... args) {
        try {
            return cl.execute(args);
        } catch (Error e) {
            return internalError(err, e);
        }
    }

    /** The command line with every command, its streams, converters and error handlers (exit codes 2, 3). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new String[0]);
    }

    /**
     * The command line for {@code args}: when the first argument names a command, only that command is set up
     * (loading the others' classes, Jackson's and fabric8's, costs a noticeable part of a run); otherwise all.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        COMMANDS.forEach((name, type) -> {
            if (!COMMANDS.containsKey(first) || first.equals(name)) {
                cl.addSubcommand(name, type);
            }
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.registerConverter(Format.class, s -> lowerCaseEnum(Format.class, s));
        cl.registerConverter(Cni.class, s -> lowerCaseEnum(Cni.class, s));
        cl.registerConverter(LearnCommand.Output.class, s -> lowerCaseEnum(LearnCommand.Output.class, s));
        cl.registerConverter(ConnectivityCommand.Output.class,
                s -> lowerCaseEnum(ConnectivityCommand.Output.class, s));
        cl.setParameterExceptionHandler((ex, arguments) -> usageError(err, ex));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> internalError(err, ex));
        return cl;
    }

    /** Converts option text to an enum constant, case-insensitively; the error lists the values in lower case. */
    static <E extends Enum<E>> E lowerCaseEnum(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + " but was '"
                + text + "'");
    }

    private static int usageError(PrintWriter err, ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        err.println("error: " + ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("did you mean: " + String.join(", ", u.getSuggestions()) + "?");
        }
        err.println("try: " + c.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return USAGE;
    }

    private static int internalError(PrintWriter err, Throwable ex) {
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            Throwable io = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            err.println("error: input/output failed: " + (io.getMessage() == null ? io.getClass().getSimpleName()
                    : io.getMessage()));
        } else {
            StackTraceElement[] trace = ex.getStackTrace();
            err.println("kcs-cilium-rules: internal error, please report it with the command line that caused it: "
                    + ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                    + (trace.length == 0 ? "" : " (at " + trace[0].getFileName() + ":" + trace[0].getLineNumber()
                            + ")"));
        }
        err.flush();
        return INTERNAL;
    }

    /** A usage error of {@code command}: exit code 2, the message and "try ... --help". */
    static ParameterException usage(picocli.CommandLine.Model.CommandSpec command, String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
