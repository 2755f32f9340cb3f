package io.kcs.cilium.rules.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles on its own (its imports, then statements) against the library,
 * and runs without an exception: the README's Java is exactly what users copy.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("../README.md");

    @TempDir
    static Path out;

    /** One {@code ```java} block: its first line number and its text. */
    record Snippet(int line, String text) {}

    static List<Snippet> snippets(List<String> lines) {
        List<Snippet> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                int start = i + 1;
                StringBuilder b = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    b.append(lines.get(i)).append('\n');
                }
                found.add(new Snippet(start + 1, b.toString()));
            }
        }
        return found;
    }

    /** The snippet as a compilation unit: its imports, then its statements in the body of {@code run()}. */
    static String unit(String className, String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String l : snippet.split("\n", -1)) {
            (l.startsWith("import ") ? imports : body).append(l).append('\n');
        }
        return imports + "public class " + className + " {\n    public static void run() throws Exception {\n" + body
                + "    }\n}\n";
    }

    @Test
    void theReadmeHasJavaSnippets() throws IOException {
        assertThat(snippets(Files.readAllLines(README, StandardCharsets.UTF_8))).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aSnippetWithoutItsImportsDoesNotCompile() throws IOException {
        String snippet = "import io.kcs.cilium.rules.net.Cidr;\nCidr.parse(\"10.0.0.0/8\");\n";
        assertThat(compile("WithImport", snippet)).isEmpty();
        assertThat(compile("WithoutImport", snippet.substring(snippet.indexOf('\n') + 1))).contains("Cidr");
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompilesAndRuns() throws IOException {
        List<Snippet> all = snippets(Files.readAllLines(README, StandardCharsets.UTF_8));
        return all.stream().map(s -> DynamicTest.dynamicTest("README.md line " + s.line(), () -> {
            String name = "ReadmeSnippetAtLine" + s.line();
            assertThat(compile(name, s.text())).as("compiler output for the snippet at README.md line %d:%n%s",
                    s.line(), unit(name, s.text())).isEmpty();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    ReadmeSnippetsTest.class.getClassLoader())) {
                try {
                    loader.loadClass(name).getMethod("run").invoke(null);
                } catch (InvocationTargetException e) {
                    throw new AssertionError("the snippet at README.md line " + s.line() + " threw", e.getCause());
                }
            }
        }));
    }

    /** Compiles the snippet into {@link #out}; returns the compiler's errors, empty on success. */
    private static String compile(String className, String snippet) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        JavaFileObject source = new SimpleJavaFileObject(
                Path.of(className + ".java").toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit(className, snippet);
            }
        };
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(errors, files, null, List.of("-d", out.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-proc:none", "-Xlint:none"), null, List.of(source)).call();
            return ok ? "" : errors.toString();
        }
    }
}
