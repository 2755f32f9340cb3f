package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpRequestHead}: the heads the API server, kubectl's proxies and probes send are read; malformed ones are
 * refused with the status the server answers. Negative rows differ from a valid head in one place.
 */
class HttpRequestHeadTest {

    static final String VALID = "POST /validate?timeout=5s HTTP/1.1\r\nHost: webhook.svc:443\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1234\r\nAccept-Encoding: gzip\r\n\r\n";

    static HttpRequestHead parse(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return HttpRequestHead.parse(b, b.length);
    }

    @Test
    void theApiServersRequestIsRead() {
        HttpRequestHead h = parse(VALID);
        assertThat(h.error()).isEmpty();
        assertThat(h.method()).isEqualTo("POST");
        assertThat(h.path()).isEqualTo("/validate");
        assertThat(h.contentLength()).isEqualTo(1234);
        assertThat(h.transferEncoding()).isFalse();
        assertThat(h.close()).isFalse();
        assertThat(h.expectContinue()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            probe GET, no body           | GET /healthz HTTP/1.1\\r\\nHost: 10.0.0.1:8443\\r\\n\\r\\n             | GET  | /healthz  | -1 | false | false | false
            close                        | GET /readyz HTTP/1.1\\r\\nHost: a\\r\\nConnection: Close\\r\\n\\r\\n   | GET  | /readyz   | -1 | true  | false | false
            close among tokens           | GET / HTTP/1.1\\r\\nHost: a\\r\\nConnection: x, close \\r\\n\\r\\n       | GET  | /         | -1 | true  | false | false
            HTTP/1.0 closes              | GET / HTTP/1.0\\r\\n\\r\\n                                              | GET  | /         | -1 | true  | false | false
            HTTP/1.0 keep-alive          | GET / HTTP/1.0\\r\\nConnection: keep-alive\\r\\n\\r\\n                  | GET  | /         | -1 | false | false | false
            chunked                      | POST /validate HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | POST | /validate | -1 | false | true | false
            expect continue              | POST /v HTTP/1.1\\r\\nhost: a\\r\\ncontent-length: 0\\r\\nExpect: 100-Continue\\r\\n\\r\\n | POST | /v | 0 | false | false | true
            value with tab and obs-text  | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-A:\\tv\u00e9 w\\t\\r\\n\\r\\n           | GET  | /         | -1 | false | false | false
            """)
    void accepted(String name, String head, String method, String path, long length, boolean close, boolean te,
                  boolean expect) {
        HttpRequestHead h = parse(head.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t"));
        assertThat(h.error()).as(name).isEmpty();
        assertThat(h.method()).isEqualTo(method);
        assertThat(h.path()).isEqualTo(path);
        assertThat(h.contentLength()).isEqualTo(length);
        assertThat(h.close()).isEqualTo(close);
        assertThat(h.transferEncoding()).isEqualTo(te);
        assertThat(h.expectContinue()).isEqualTo(expect);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lower-case method            | POST /validate?timeout=5s HTTP/1.1 | post /validate?timeout=5s HTTP/1.1   | 400
            absolute target              | POST /validate?timeout=5s HTTP/1.1 | POST http://a/validate HTTP/1.1      | 400
            two spaces                   | POST /validate?timeout=5s HTTP/1.1 | POST  /validate?timeout=5s HTTP/1.1  | 400
            HTTP/2.0                     | POST /validate?timeout=5s HTTP/1.1 | POST /validate?timeout=5s HTTP/2.0   | 505
            not HTTP                     | POST /validate?timeout=5s HTTP/1.1 | POST /validate?timeout=5s HTTQ/1.1   | 400
            control char in target       | POST /validate?timeout=5s HTTP/1.1 | POST /valid\u0001ate HTTP/1.1        | 400
            obs-fold                     | \\r\\nContent-Type:                | \\r\\n Content-Type:                 | 400
            space before colon           | Content-Type:                      | Content-Type :                       | 400
            no colon                     | Accept-Encoding: gzip              | Accept-Encoding gzip                 | 400
            empty name                   | Accept-Encoding: gzip              | : gzip                               | 400
            bare LF                      | Accept-Encoding: gzip\\r\\n        | Accept-Encoding: gzip\\n             | 400
            control char in value        | gzip                               | gz\u0000ip                           | 400
            signed length                | Content-Length: 1234               | Content-Length: +1234                | 400
            empty length                 | Content-Length: 1234               | Content-Length:                      | 400
            19-digit length              | Content-Length: 1234               | Content-Length: 1234567890123456789  | 400
            two lengths                  | Content-Length: 1234\\r\\n         | Content-Length: 1234\\r\\nContent-Length: 1234\\r\\n | 400
            no Host                      | Host: webhook.svc:443\\r\\n        | X-Host: webhook.svc:443\\r\\n        | 400
            two Hosts                    | Host: webhook.svc:443\\r\\n        | Host: a\\r\\nHost: b\\r\\n           | 400
            bytes after the head         | gzip\\r\\n\\r\\n                   | gzip\\r\\n\\r\\nx                    | 400
            """)
    void refused(String name, String from, String to, int status) {
        String f = from.replace("\\r", "\r").replace("\\n", "\n");
        assertThat(VALID).as(name).contains(f);
        HttpRequestHead h = parse(VALID.replace(f, to.replace("\\r", "\r").replace("\\n", "\n")));
        assertThat(h.error()).as(name).isPresent();
        assertThat(h.error().get().status()).as(name).isEqualTo(status);
        assertThat(h.error().get().reason()).isNotBlank();
        assertThat(h.close()).isTrue();
    }

    @Test
    void theFieldCountIsBounded() {
        String hundred = "X-A: b\r\n".repeat(HttpRequestHead.MAX_FIELDS - 1);
        assertThat(parse("GET / HTTP/1.1\r\nHost: a\r\n" + hundred + "\r\n").error()).isEmpty();
        Optional<HttpRequestHead.Refusal> more = parse("GET / HTTP/1.1\r\nHost: a\r\n" + hundred + "X-A: b\r\n\r\n")
                .error();
        assertThat(more).isPresent();
        assertThat(more.get().status()).isEqualTo(431);
    }

    @Test
    void theEndOfTheHeadIsFoundAfterItsStartOnly() {
        byte[] b = "x\r\n\r\nGET / HTTP/1.1\r\n\r\nGET".getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpRequestHead.headEnd(b, 0, b.length)).isEqualTo(5);
        assertThat(HttpRequestHead.headEnd(b, 3, b.length)).isEqualTo(23);   // not the CRLF CRLF before 3+3
        assertThat(HttpRequestHead.headEnd(b, 5, b.length)).isEqualTo(23);
        assertThat(HttpRequestHead.headEnd(b, 5, 22)).isEqualTo(-1);
        assertThat(HttpRequestHead.headEnd(b, 23, b.length)).isEqualTo(-1);
    }
}
