package io.kcs.cilium.rules.cli;

import java.util.Locale;

/** How a command writes its diagnostics (and, for explain, its verdict): for people or for machines. */
enum Format {
    /** Compiler-style lines with a caret under the offending text. */
    TEXT,
    /** One JSON object per line. */
    JSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
