package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.common.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints diagnostics like a compiler: the entry text, a caret line under the offending span, code and message. */
final class Diagnostics {

    private Diagnostics() {}

    /** Prints {@code diagnostics} of {@code text}; returns whether any is an error. */
    static boolean print(PrintWriter w, String what, String text, List<Diagnostic> diagnostics) {
        boolean errors = false;
        for (Diagnostic d : diagnostics) {
            errors |= d.isError();
            w.println(what + ":" + (d.start() + 1) + ": " + d.severity().name().toLowerCase(Locale.ROOT) + " ["
                    + d.code() + "] " + d.message());
            int from = Math.max(0, text.lastIndexOf(',', Math.max(0, d.start() - 1)) + 1);
            int to = text.indexOf(',', d.end());
            to = to < 0 ? text.length() : to;
            if (to - from > 120 || text.substring(from, to).chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                continue; // long or unprintable: the message quotes the text
            }
            w.println("  " + text.substring(from, to));
            w.println("  " + " ".repeat(d.start() - from) + "^".repeat(Math.max(1, Math.min(d.end(), to) - d.start())));
        }
        return errors;
    }

    /** One diagnostic as a JSON object. */
    static String json(String what, Diagnostic d) {
        return "{\"list\":\"" + what + "\",\"severity\":\"" + d.severity() + "\",\"code\":\"" + d.code()
                + "\",\"start\":" + d.start() + ",\"end\":" + d.end() + ",\"message\":\"" + escape(d.message()) + "\"}";
    }

    private static String escape(String s) {
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
