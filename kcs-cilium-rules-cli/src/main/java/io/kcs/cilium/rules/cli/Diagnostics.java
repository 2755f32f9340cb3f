package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.common.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints diagnostics like a compiler: a header line with the position, severity, code and message, then (when the
 * offending entry is short printable ASCII) the entry and a caret line under the offending span.
 *
 * <p>Positions are 1-based. A list given on one line is located by character ({@code list:20:}); a list with line
 * breaks (read from standard input or a file) by line and column ({@code stdin:2:3:}). The caret line always lies
 * under the printed entry, whatever the text and the diagnostic range: the printer never throws for a range inside
 * the text and clamps a range outside it.
 *
 * <p>Stateless; thread-safe apart from the writer it is given.
 */
final class Diagnostics {

    /** Longest entry printed above a caret line; longer ones are only quoted in the message. */
    private static final int MAX_CONTEXT = 120;

    private Diagnostics() {}

    /** Prints {@code diagnostics} of {@code text}; returns whether any is an error. */
    static boolean print(PrintWriter w, String what, String text, List<Diagnostic> diagnostics) {
        boolean multiLine = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        boolean errors = false;
        for (Diagnostic d : diagnostics) {
            errors |= d.isError();
            int start = Math.min(d.start(), text.length());
            String where = multiLine ? lineOf(text, start) + ":" + columnOf(text, start) : String.valueOf(start + 1);
            printOne(w, what + ":" + where + ": ", text, d);
        }
        return errors;
    }

    /**
     * Prints one diagnostic of {@code text} after the location prefix {@code location} (for example
     * {@code "profile.yaml:7: egress entry 3: "}), with the entry and caret line when printable.
     */
    static void printOne(PrintWriter w, String location, String text, Diagnostic d) {
        w.println(location + d.severity().name().toLowerCase(Locale.ROOT) + " [" + d.code() + "] " + d.message());
        String[] lines = caretLines(text, d.start(), d.end());
        if (lines.length == 2) {
            w.println("  " + lines[0]);
            w.println("  " + lines[1]);
        }
    }

    /**
     * The entry around {@code [start, end)} of {@code text} and the caret line under the span, or no lines when the
     * entry is empty, longer than 120 characters or not printable ASCII. The entry is bounded by the commas and line
     * breaks around the span; the caret line has at least one caret and never reaches past the entry.
     */
    static String[] caretLines(String text, int start, int end) {
        int n = text.length();
        start = Math.max(0, Math.min(start, n));
        end = Math.max(start, Math.min(end, n));
        int from = 0;
        for (int i = start - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n' || c == '\r') {
                from = i + 1;
                break;
            }
        }
        int to = n;
        for (int i = end; i < n; i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n' || c == '\r') {
                to = i;
                break;
            }
        }
        for (int i = start; i < to; i++) { // the span may cross a line break: stop at the first
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                to = i;
                break;
            }
        }
        if (start >= to) { // the span is empty at the end of its entry, or the entry is empty
            if (start > from && start == to && end == start) {
                start--; // point at the last character of the entry
            } else if (start >= to) {
                return new String[0];
            }
        }
        if (to - from > MAX_CONTEXT) {
            return new String[0];
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return new String[0]; // unprintable: the message quotes the text escaped
            }
        }
        int carets = Math.max(1, Math.min(end, to) - start);
        return new String[] {text.substring(from, to), " ".repeat(start - from) + "^".repeat(carets)};
    }

    /** The 1-based line of offset {@code at} ({@code \n}, {@code \r\n} and {@code \r} end lines). */
    static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column (in UTF-16 units, as diagnostic offsets count) of offset {@code at} in its line. */
    static int columnOf(String text, int at) {
        int lineStart = 0;
        for (int i = Math.min(at, text.length()) - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lineStart = i + 1;
                break;
            }
        }
        return at - lineStart + 1;
    }

    /** One diagnostic as a JSON object. */
    static String json(String what, Diagnostic d) {
        return "{\"list\":\"" + what + "\",\"severity\":\"" + d.severity() + "\",\"code\":\"" + d.code()
                + "\",\"start\":" + d.start() + ",\"end\":" + d.end() + ",\"message\":\"" + escape(d.message()) + "\"}";
    }

    /**
     * One diagnostic as a JSON object with its place: {@link #json} plus {@code "file"} (omitted when empty),
     * {@code "line"}, {@code "column"} (1-based; omitted when 0, unknown) and {@code "entry"} (1-based list item of
     * a profile file; omitted when 0).
     */
    static String json(String what, Diagnostic d, String file, int line, int column, int entry) {
        String base = json(what, d);
        return base.substring(0, base.length() - 1) + (file.isEmpty() ? "" : ",\"file\":\"" + escape(file) + "\"")
                + ",\"line\":" + line + (column > 0 ? ",\"column\":" + column : "")
                + (entry > 0 ? ",\"entry\":" + entry : "") + "}";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * Prints {@code diagnostics} of the list {@code what} (text {@code text}) in {@code format}: compiler-style lines
     * with carets, or one JSON object per line. Returns whether any is an error.
     */
    static boolean report(PrintWriter w, Format format, String what, String text, List<Diagnostic> diagnostics) {
        if (format == Format.TEXT) {
            return print(w, what, text, diagnostics);
        }
        boolean errors = false;
        for (Diagnostic d : diagnostics) {
            errors |= d.isError();
            w.println(json(what, d));
        }
        return errors;
    }

    /**
     * Prints one diagnostic about {@code what} that points into no list (its offsets are meaningless), such as
     * the endpoint selector's: {@code what: severity [code] message}, or a JSON object. Returns whether it is an
     * error.
     */
    static boolean reportUnplaced(PrintWriter w, Format format, String what, Diagnostic d) {
        if (format == Format.TEXT) {
            w.println(what + ": " + d.severity().name().toLowerCase(Locale.ROOT) + " [" + d.code() + "] "
                    + d.message());
        } else {
            w.println(json(what, d));
        }
        return d.isError();
    }
}
