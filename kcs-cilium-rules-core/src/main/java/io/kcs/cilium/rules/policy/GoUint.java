package io.kcs.cilium.rules.policy;

/** Go's {@code strconv.ParseUint(s, 0, 16)} for port text that is not a service name. Package-private. */
final class GoUint {
    private GoUint() {
    }

    static int parse16(String s) {
        String shown = s.length() > 32 ? Checks.quote(s.substring(0, 32)) + "..." : Checks.quote(s);
        int base = 10;
        int start = 0;
        if (s.length() > 1 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'x') {
                base = 16;
                start = 2;
            } else if (c == 'o') {
                base = 8;
                start = 2;
            } else if (c == 'b') {
                base = 2;
                start = 2;
            } else {
                base = 8;
                start = 1;
            }
        }
        // Underscores: only with base prefix semantics (base 0), each between digits or after the prefix.
        boolean lastWasDigit = start == 1; // after a lone '0' octal prefix, '_' may follow
        boolean sawDigit = false;
        long value = 0;
        if (start == 2 && s.length() == 2) {
            throw new IllegalArgumentException("port " + shown + " has no digits after the base prefix");
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (!(lastWasDigit || (i == start && start == 2))) {
                    throw new IllegalArgumentException("port " + shown + " has a misplaced '_'");
                }
                lastWasDigit = false;
                continue;
            }
            int d = Character.digit(c, base);
            if (d < 0 || c > 0x7f) {
                throw new IllegalArgumentException("port " + shown + " is not a number or a port name");
            }
            value = value * base + d;
            if (value > Port.MAX_PORT) {
                throw new IllegalArgumentException("port " + shown + " is out of range 0-" + Port.MAX_PORT);
            }
            lastWasDigit = true;
            sawDigit = true;
        }
        if (!lastWasDigit || (!sawDigit && start != 1)) {
            throw new IllegalArgumentException("port " + shown + " is not a number or a port name");
        }
        return (int) value;
    }
}
