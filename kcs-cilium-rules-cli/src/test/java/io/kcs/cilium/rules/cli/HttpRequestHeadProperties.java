package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link HttpRequestHead#parse} over heads spliced from request-line and field pieces (valid and broken): it never
 * throws, a refusal is one of the statuses the server answers with a reason, and an accepted head has a method of
 * capital letters, a path starting with {@code /} and a Content-Length that is absent or not negative. The
 * generator's reach is asserted: it makes accepted heads, and refusals of each status.
 */
class HttpRequestHeadProperties {

    private static final List<String> LINES = List.of("GET / HTTP/1.1", "POST /validate HTTP/1.1",
            "POST /validate HTTP/1.0", "GET /x?y HTTP/2.0", "get / HTTP/1.1", "GET  / HTTP/1.1", "GET / HTTP/1.1 x",
            "GET * HTTP/1.1", "");
    private static final List<String> FIELDS = List.of("Host: a", "Host: b", "Content-Length: 12",
            "Content-Length: 0", "Content-Length: -1", "Content-Length: 99999999999999999999",
            "Transfer-Encoding: chunked", "Connection: close", "Connection: keep-alive", "Expect: 100-continue",
            " folded", "X-A:", "X-A : b", ": b", "X-\u00e9: b", "X-A: \u00e9", "X-A: \u0001", "X-A: b");
    private static final List<String> ENDS = List.of("\r\n", "\n", "\r", "");

    private static final Gen<String> HEADS = Generate.pick(LINES).zip(lists().of(Generate.pick(FIELDS)
            .zip(Generate.pick(ENDS).zip(integers().between(0, 9), (e, r) -> r < 9 ? "\r\n" : e), String::concat))
            .ofSizeBetween(0, 6), integers().between(0, 9), (l, f, r) -> l + "\r\n" + String.join("", f)
            + (r < 9 ? "\r\n" : ""));

    @Test
    void everyHeadIsReadOrRefusedWithAServerStatus() {
        Map<Integer, AtomicInteger> reach = new ConcurrentHashMap<>();
        qt().withExamples(5_000).forAll(HEADS).checkAssert(head -> {
            byte[] b = head.getBytes(StandardCharsets.UTF_8);
            HttpRequestHead h = HttpRequestHead.parse(b, b.length);
            int status = h.error().map(HttpRequestHead.Refusal::status).orElse(0);
            reach.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            if (h.error().isPresent()) {
                assertThat(status).as(head).isIn(400, 431, 505);
                assertThat(h.error().get().reason()).isNotBlank();
                assertThat(h.close()).isTrue();
            } else {
                assertThat(h.method()).as(head).matches("[A-Z]{1,16}");
                assertThat(h.path()).as(head).startsWith("/").doesNotContain("?", " ");
                assertThat(h.contentLength()).isGreaterThanOrEqualTo(-1);
            }
        });
        assertThat(reach.getOrDefault(0, new AtomicInteger()).get()).as("accepted heads").isGreaterThan(50);
        assertThat(reach.getOrDefault(400, new AtomicInteger()).get()).as("400").isGreaterThan(1_000);
        assertThat(reach.getOrDefault(505, new AtomicInteger()).get()).as("505").isGreaterThan(50);
    }
}
