package io.kcs.cilium.rules.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * The {@code port} of a {@link PortProtocol}: a number ({@link Numbered}, 0 meaning every port) or a named container
 * port ({@link Named}).
 *
 * <p>Read as Cilium's {@code PortProtocol.sanitize}: text that is an IANA service name (1–15 characters of letters,
 * digits and single inner hyphens, at least one letter; {@code iana.IsSvcName}) is a name, lower-cased; otherwise it
 * is a number parsed as Go's {@code strconv.ParseUint(text, 0, 16)} does, so {@code 010} is octal 8 and
 * {@code 1_000} is 1000, while {@code 0x10} is a name (it has letters). Empty text is port 0, which Cilium treats as
 * "every port" (and refuses unless extended IP protocols are enabled; the policy reader reports that).
 *
 * <pre>{@code
 * Port.parse("443");      // Numbered[number=443]
 * Port.parse("HTTP-alt"); // Named[name=http-alt]
 * Port.parse("010");      // Numbered[number=8]  (Go base-0: octal)
 * Port.parse("65536");    // IllegalArgumentException: out of range
 * }</pre>
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface Port permits Port.Numbered, Port.Named {

    /** Highest port number. */
    int MAX_PORT = 65_535;

    /**
     * Parses port text as Cilium does (see the type's description).
     *
     * @throws IllegalArgumentException when the text is neither a service name nor a number in 0–65535
     */
    static Port parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return new Numbered(0);
        }
        if (Named.isSvcName(text)) {
            return new Named(text.toLowerCase(Locale.ROOT));
        }
        return new Numbered(GoUint.parse16(text));
    }

    /**
     * Whether {@code text} is a valid port name, Cilium's {@code iana.IsSvcName}: 1–15 letters, digits and single
     * inner hyphens with at least one letter ({@code "http"}, {@code "dns-tcp"}; not {@code "80"}, {@code "-a"},
     * {@code "a--b"}). Case is kept as given; {@link Named} lower-cases. Checked without a regex; thread-safe.
     */
    static boolean isServiceName(String text) {
        return Named.isSvcName(Objects.requireNonNull(text, "text"));
    }

    /** Whether this is port 0 ("every port"). */
    default boolean isZero() {
        return this instanceof Numbered n && n.number() == 0;
    }

    /**
     * A port number, 0–65535; 0 means every port.
     *
     * @param number the port number
     */
    record Numbered(int number) implements Port {
        /** @throws IllegalArgumentException when outside 0–65535 */
        public Numbered {
            if (number < 0 || number > MAX_PORT) {
                throw new IllegalArgumentException("port " + number + " is outside 0-" + MAX_PORT);
            }
        }

        /** The number in decimal. */
        @Override
        public String toString() {
            return Integer.toString(number);
        }
    }

    /**
     * A named container port, lower case, an IANA service name.
     *
     * @param name the name
     */
    record Named(String name) implements Port {

        /** Lower-cases the name. @throws IllegalArgumentException when it is not an IANA service name */
        public Named {
            Objects.requireNonNull(name, "name");
            if (!isSvcName(name)) {
                throw new IllegalArgumentException("port name " + Checks.quote(name.length() > 64
                        ? name.substring(0, 64) + "..." : name)
                        + " is not an IANA service name (1-15 letters, digits and inner single hyphens, one letter)");
            }
            name = name.toLowerCase(Locale.ROOT);
        }

        /**
         * Cilium's {@code iana.IsSvcName} ({@code ^([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$}, at most 15
         * characters): letters, digits and single inner hyphens, at least one letter; checked without a regex.
         */
        static boolean isSvcName(String s) {
            int n = s.length();
            if (n == 0 || n > 15 || s.charAt(0) == '-' || s.charAt(n - 1) == '-') {
                return false;
            }
            boolean letter = false;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                    letter = true;
                } else if (c == '-') {
                    if (s.charAt(i - 1) == '-') {
                        return false;
                    }
                } else if (c < '0' || c > '9') {
                    return false;
                }
            }
            return letter;
        }

        /** The name. */
        @Override
        public String toString() {
            return name;
        }
    }
}
