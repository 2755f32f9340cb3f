package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzz target for the webhook server's request-head parsing ({@link HttpRequestHead#headEnd} and
 * {@link HttpRequestHead#parse}) over arbitrary bytes. In a plain {@code mvn verify} it replays its seed corpus
 * ({@code src/test/resources/io/kcs/cilium/rules/cli/HttpRequestHeadFuzzTestInputs/fuzzHead/}).
 *
 * <p>Laws: never an exception; the end of the head is after its start and within the bytes; a refusal carries a
 * server status (400, 431, 505) and a reason and closes the connection; an accepted head has a method of capital
 * letters and a path starting with {@code /}.
 */
class HttpRequestHeadFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fuzzHead(byte[] data) {
        if (data == null) {
            return;
        }
        int end = HttpRequestHead.headEnd(data, 0, data.length);
        assertThat(end).isBetween(-1, data.length);
        HttpRequestHead h = HttpRequestHead.parse(data, end < 0 ? data.length : end);
        if (h.error().isPresent()) {
            assertThat(h.error().get().status()).isIn(400, 431, 505);
            assertThat(h.error().get().reason()).isNotBlank();
            assertThat(h.close()).isTrue();
        } else {
            assertThat(h.method()).matches("[A-Z]{1,16}");
            assertThat(h.path()).startsWith("/");
            assertThat(h.contentLength()).isGreaterThanOrEqualTo(-1);
        }
    }
}
