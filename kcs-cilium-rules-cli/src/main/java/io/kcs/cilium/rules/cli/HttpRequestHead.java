package io.kcs.cilium.rules.cli;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The head of one HTTP/1.1 request (request line and header fields) as {@link WebhookServer} reads it, parsed
 * strictly from its bytes, or the error status that refuses it.
 *
 * <p>What it accepts: {@code METHOD SP origin-form SP HTTP/1.1} (or {@code HTTP/1.0}) and header fields
 * {@code name ":" OWS value OWS}, each line ending in CRLF, the head ending with an empty line; a method of upper-case
 * letters (at most 16), a target starting with {@code /} of visible ASCII, at most {@link #MAX_FIELDS} fields, tokens
 * as field names and values of visible ASCII, space, tab or bytes 0x80-0xFF. Of the fields it keeps what the server
 * needs: {@code Content-Length} (digits only, at most 18; a repeated one is refused), {@code Transfer-Encoding} (the
 * server refuses every request with one: it reads {@code Content-Length} bodies only), {@code Connection} (the token
 * {@code close}; HTTP/1.0 without {@code keep-alive} closes too), {@code Expect: 100-continue} and whether {@code Host}
 * was sent (HTTP/1.1 needs exactly one). What it refuses, with the status to answer: a bare LF, obsolete line
 * folding, a space before the colon, control characters, a missing or repeated {@code Host} in HTTP/1.1 and any other
 * malformed line give 400; another HTTP version 505; more fields than allowed 431 (a head longer than the server's
 * buffer is the server's 431). It never throws on any input and does no I/O and no DNS lookup.
 *
 * <pre>{@code
 * byte[] head = "POST /validate HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n".getBytes(US_ASCII);
 * HttpRequestHead h = HttpRequestHead.parse(head, head.length);
 * h.error();          // Optional.empty()
 * h.path();           // "/validate"
 * h.contentLength();  // 2
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param method the request method ("" with an error)
 * @param path the target without its query ("" with an error)
 * @param contentLength the {@code Content-Length}, or -1 when absent
 * @param transferEncoding whether a {@code Transfer-Encoding} field was sent
 * @param close whether the connection is to be closed after the answer
 * @param expectContinue whether the client waits for {@code 100 Continue} before sending the body
 * @param error the status and reason refusing the request, when the head is malformed
 */
record HttpRequestHead(String method, String path, long contentLength, boolean transferEncoding, boolean close,
                       boolean expectContinue, Optional<Refusal> error) {

    /** The most header fields accepted. */
    static final int MAX_FIELDS = 100;

    /**
     * Why a head is refused.
     *
     * @param status the HTTP status to answer (400, 431 or 505)
     * @param reason a one-line explanation for the answer's body
     */
    record Refusal(int status, String reason) {
    }

    /**
     * Parses {@code length} bytes of {@code buffer}: the whole head, its final empty line included (the server finds
     * the end, CRLF CRLF, first). Never throws for any content of {@code buffer}.
     */
    static HttpRequestHead parse(byte[] buffer, int length) {
        int end = Math.min(length, buffer.length);
        int lineEnd = lineEnd(buffer, 0, end);
        if (lineEnd < 0) {
            return refuse(400, "the request line does not end in CRLF");
        }
        // request line: METHOD SP target SP version
        int sp1 = indexOf(buffer, 0, lineEnd, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(buffer, sp1 + 1, lineEnd, (byte) ' ');
        if (sp1 <= 0 || sp2 < 0 || sp1 > 16 || indexOf(buffer, sp2 + 1, lineEnd, (byte) ' ') >= 0) {
            return refuse(400, "a malformed request line (METHOD /path HTTP/1.1)");
        }
        for (int i = 0; i < sp1; i++) {
            if (buffer[i] < 'A' || buffer[i] > 'Z') {
                return refuse(400, "a malformed request method");
            }
        }
        if (sp2 == sp1 + 1 || buffer[sp1 + 1] != '/') {
            return refuse(400, "the request target must be a path starting with /");
        }
        int query = sp2;
        for (int i = sp1 + 1; i < sp2; i++) {
            int b = buffer[i] & 0xff;
            if (b <= 0x20 || b >= 0x7f) {
                return refuse(400, "the request target has a character outside visible ASCII");
            }
            if (b == '?' && query == sp2) {
                query = i;
            }
        }
        boolean http10;
        if (equalsAscii(buffer, sp2 + 1, lineEnd, "HTTP/1.1")) {
            http10 = false;
        } else if (equalsAscii(buffer, sp2 + 1, lineEnd, "HTTP/1.0")) {
            http10 = true;
        } else if (lineEnd - sp2 - 1 == 8 && startsWithAscii(buffer, sp2 + 1, "HTTP/")) {
            return refuse(505, "only HTTP/1.1 (and 1.0) is served");
        } else {
            return refuse(400, "a malformed HTTP version");
        }
        String method = new String(buffer, 0, sp1, StandardCharsets.US_ASCII);
        String path = new String(buffer, sp1 + 1, query - sp1 - 1, StandardCharsets.US_ASCII);
        long contentLength = -1;
        boolean transferEncoding = false;
        boolean close = http10;
        boolean expectContinue = false;
        int hosts = 0;
        int fields = 0;
        int at = lineEnd + 2;
        while (true) {
            int e = lineEnd(buffer, at, end);
            if (e < 0) {
                return refuse(400, "a header line does not end in CRLF");
            }
            if (e == at) {
                at = e + 2;
                break; // the empty line ends the head
            }
            if (++fields > MAX_FIELDS) {
                return refuse(431, "more than " + MAX_FIELDS + " header fields");
            }
            if (buffer[at] == ' ' || buffer[at] == '\t') {
                return refuse(400, "obsolete line folding in a header field");
            }
            int colon = indexOf(buffer, at, e, (byte) ':');
            if (colon <= at) {
                return refuse(400, "a header line without a field name and a colon");
            }
            for (int i = at; i < colon; i++) {
                if (!isTokenChar(buffer[i])) {
                    return refuse(400, "a header field name with a character outside the token set");
                }
            }
            int v = colon + 1;
            int ve = e;
            while (v < ve && (buffer[v] == ' ' || buffer[v] == '\t')) {
                v++;
            }
            while (ve > v && (buffer[ve - 1] == ' ' || buffer[ve - 1] == '\t')) {
                ve--;
            }
            for (int i = v; i < ve; i++) {
                int b = buffer[i] & 0xff;
                if (b < 0x20 && b != '\t' || b == 0x7f) {
                    return refuse(400, "a header field value with a control character");
                }
            }
            if (nameIs(buffer, at, colon, "content-length")) {
                if (contentLength >= 0) {
                    return refuse(400, "more than one Content-Length");
                }
                if (ve == v || ve - v > 18) {
                    return refuse(400, "a Content-Length that is not a number of at most 18 digits");
                }
                long n = 0;
                for (int i = v; i < ve; i++) {
                    if (buffer[i] < '0' || buffer[i] > '9') {
                        return refuse(400, "a Content-Length that is not a number of at most 18 digits");
                    }
                    n = n * 10 + (buffer[i] - '0');
                }
                contentLength = n;
            } else if (nameIs(buffer, at, colon, "transfer-encoding")) {
                transferEncoding = true;
            } else if (nameIs(buffer, at, colon, "host")) {
                hosts++;
            } else if (nameIs(buffer, at, colon, "connection")) {
                if (hasToken(buffer, v, ve, "close")) {
                    close = true;
                } else if (http10 && hasToken(buffer, v, ve, "keep-alive")) {
                    close = false;
                }
            } else if (nameIs(buffer, at, colon, "expect")) {
                expectContinue = equalsIgnoreCaseAscii(buffer, v, ve, "100-continue");
            }
            at = e + 2;
        }
        if (at != end) {
            return refuse(400, "bytes after the end of the head");
        }
        if (!http10 && hosts != 1) {
            return refuse(400, "an HTTP/1.1 request needs exactly one Host field");
        }
        return new HttpRequestHead(method, path, contentLength, transferEncoding, close, expectContinue,
                Optional.empty());
    }

    /**
     * Where the head starting at {@code from} ends before {@code to}: the index just after its CRLF CRLF, or -1 when
     * it has not ended yet.
     */
    static int headEnd(byte[] buffer, int from, int to) {
        for (int i = Math.max(0, from) + 3; i < Math.min(to, buffer.length); i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static HttpRequestHead refuse(int status, String reason) {
        return new HttpRequestHead("", "", -1, false, true, false, Optional.of(new Refusal(status, reason)));
    }

    /** The index of the CR of the CRLF ending the line starting at {@code from}; -1 without one or on a bare CR/LF. */
    private static int lineEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return -1; // a bare LF
            }
            if (b[i] == '\r') {
                return i + 1 < to && b[i + 1] == '\n' ? i : -1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isTokenChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c > ' ' && c < 0x7f && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean equalsAscii(byte[] b, int from, int to, String s) {
        return to - from == s.length() && startsWithAscii(b, from, s);
    }

    private static boolean startsWithAscii(byte[] b, int from, String s) {
        if (from + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Case-insensitive comparison with a lower-case ASCII {@code s}. */
    private static boolean equalsIgnoreCaseAscii(byte[] b, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean nameIs(byte[] b, int from, int to, String lowerName) {
        return equalsIgnoreCaseAscii(b, from, to, lowerName);
    }

    /** Whether a comma-separated list holds {@code token} (case-insensitive). */
    private static boolean hasToken(byte[] b, int from, int to, String token) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ',') {
                int s = start;
                int e = i;
                while (s < e && (b[s] == ' ' || b[s] == '\t')) {
                    s++;
                }
                while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                    e--;
                }
                if (equalsIgnoreCaseAscii(b, s, e, token)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
