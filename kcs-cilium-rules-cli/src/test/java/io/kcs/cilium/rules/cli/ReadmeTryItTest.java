package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code ./kcs-cilium-rules} line of the README's "Try it" section through {@link Main#run}, with
 * {@code < file} read from the repository root, and checks the exit code the README states (1 for {@code check} of a
 * list with an error, 0 for the others).
 */
class ReadmeTryItTest {

    private static final Path ROOT = Path.of("..");
    private static final String LAUNCHER = "./kcs-cilium-rules ";

    /** The command lines of the first code block after the "## Try it" heading. */
    static List<String> tryItLines() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int i = lines.indexOf("## Try it");
        assertThat(i).as("README.md has a \"## Try it\" section").isNotNegative();
        while (!lines.get(i).startsWith("```")) {
            i++;
        }
        List<String> out = new ArrayList<>();
        for (i++; !lines.get(i).startsWith("```"); i++) {
            out.add(lines.get(i));
        }
        return out;
    }

    /** Splits a shell command line: white space separates words, single quotes keep everything literally. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                w = w == null ? new StringBuilder() : w;
            } else if (c == ' ') {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        assertThat(quoted).as("unbalanced quote in %s", line).isFalse();
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void splitsLikeAShell() {
        assertThat(words("check '10.0.0.0/8, a.com' --ingress '' x")).containsExactly("check", "10.0.0.0/8, a.com",
                "--ingress", "", "x");
    }

    @Test
    void theSectionListsTheFirstCommandsOfEveryKind() throws IOException {
        List<String> commands = tryItLines().stream().filter(l -> l.startsWith(LAUNCHER))
                .map(l -> words(l).get(1)).toList();
        assertThat(commands).contains("check", "translate", "explain", "diagram", "aggregate");
        assertThat(tryItLines()).contains("mvn -B -ntp verify");
    }

    @TestFactory
    Stream<DynamicTest> everyTryItCommandRunsWithTheDocumentedExitCode() throws IOException {
        return tryItLines().stream().filter(l -> l.startsWith(LAUNCHER)).map(line -> DynamicTest.dynamicTest(line,
                () -> {
                    List<String> args = words(line.substring(LAUNCHER.length()));
                    byte[] input = new byte[0];
                    int redirect = args.indexOf("<");
                    if (redirect >= 0) {
                        input = Files.readAllBytes(ROOT.resolve(args.get(redirect + 1)));
                        args = args.subList(0, redirect);
                    }
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    InputStream saved = System.in;
                    int code;
                    try {
                        System.setIn(new ByteArrayInputStream(input));
                        code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                                args.toArray(new String[0]));
                    } finally {
                        System.setIn(saved);
                    }
                    int expected = args.get(0).equals("check") ? 1 : 0;
                    assertThat(code).as("exit code of %s%nstdout:%n%s%nstderr:%n%s", line, out, err)
                            .isEqualTo(expected);
                    assertThat(out.toString()).as("stdout of %s", line).isNotBlank();
                }));
    }
}
