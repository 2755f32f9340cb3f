package io.kcs.cilium.rules.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** In-process runs of the command line for tests: exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {

    static CliRun run(String... args) {
        return run(new byte[0], args);
    }

    static CliRun withInput(String input, String... args) {
        return run(input.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs with {@code input} as standard input. */
    static CliRun run(byte[] input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = runWith(input, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static int runWith(byte[] input, PrintWriter out, PrintWriter err, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input));
            return Main.run(out, err, args);
        } finally {
            System.setIn(saved);
        }
    }

    /** A writer that counts flushes, to see whether output is buffered. */
    static final class FlushCounter extends Writer {
        final StringBuilder text = new StringBuilder();
        int flushes;

        @Override
        public void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {}
    }
}
