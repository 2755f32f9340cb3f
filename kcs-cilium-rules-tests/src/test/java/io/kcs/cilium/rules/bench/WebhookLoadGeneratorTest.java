package io.kcs.cilium.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client of {@link WebhookLoadGenerator} against small in-test servers answering with
 * {@link CiliumPolicyAdmission} (plain HTTP and HTTPS with a keytool certificate), through
 * {@link WebhookLoadGenerator#exchangeUnpaced}: every answer is checked, failures are counted instead of thrown, the
 * client reconnects when the server closes and reads chunked and {@code Content-Length} answers; also the response
 * reader and the options. Nothing here paces requests or measures time: the paced run is the tool's, run by hand
 * (see README).
 */
class WebhookLoadGeneratorTest {

    static final CiliumPolicyAdmission ADMISSION = CiliumPolicyAdmission.create(MappingOptions.defaults()
            .withCiliumVersion("1.19"));

    @TempDir
    Path dir;

    HttpServer server;
    ExecutorService workers;
    final AtomicInteger served = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Answers reviews; {@code status} 200 answers with the review, anything else with that status. */
    HttpHandler handler(int status, boolean close, boolean chunked) {
        return ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                served.incrementAndGet();
                byte[] answer = status == 200
                        ? CiliumPolicyAdmission.writeReview(ADMISSION.reviewJson(body))
                        : "no\n".getBytes(StandardCharsets.UTF_8);
                if (close) {
                    ex.getResponseHeaders().set("Connection", "close");
                }
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(status, chunked ? 0 : answer.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
            }
        };
    }

    URI start(HttpServer s, HttpHandler h) {
        server = s;
        workers = Executors.newFixedThreadPool(4);
        s.setExecutor(workers);
        s.createContext("/validate", h);
        s.start();
        return URI.create((s instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + s.getAddress().getPort() + "/validate");
    }

    static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    static WebhookLoadGenerator.Options options(URI url, Optional<Path> trust) {
        return new WebhookLoadGenerator.Options(url, 20, Duration.ofSeconds(2), Duration.ofMillis(500), 2, trust,
                Duration.ofSeconds(60), OptionalLong.empty());
    }

    static final int REQUESTS = 20;

    static WebhookLoadGenerator.Exchanges exchange(URI url, Optional<Path> trust) throws Exception {
        WebhookLoadGenerator.Exchanges r = WebhookLoadGenerator.exchangeUnpaced(options(url, trust), REQUESTS);
        assertThat(r.requests()).isEqualTo(REQUESTS);
        assertThat(r.errorSamples()).hasSizeLessThanOrEqualTo(5);
        return r;
    }

    @Test
    void aKeepAliveConnectionOverHttpAnswersEveryRequestRight() throws Exception {
        URI url = start(HttpServer.create(loopback(), 0), handler(200, false, false));
        WebhookLoadGenerator.Exchanges r = exchange(url, Optional.empty());
        assertThat(r.errors()).as("%s", r).isZero();
        assertThat(r.errorSamples()).isEmpty();
        assertThat(served.get()).isEqualTo(REQUESTS);
        assertThat(r.connectionsOpened()).as("keep-alive: one connection").isEqualTo(1);
    }

    @Test
    void anHttpsClientTrustsTheGivenCertificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(keytool.toString(), "-genkeypair", "-alias", "k", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-dname", "CN=load", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keyalg", "EC", "-groupname", "secp256r1");
        Path pem = dir.resolve("tls.crt");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "k", "-keystore", store.toString(), "-storepass",
                "changeit", "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(loopback(), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        URI url = start(https, handler(200, false, false));
        WebhookLoadGenerator.Exchanges r = exchange(url, Optional.of(pem));
        assertThat(r.errors()).as("%s", r).isZero();
        assertThat(served.get()).isEqualTo(REQUESTS);
    }

    @Test
    void wrongAnswersAreCountedNotThrown() throws Exception {
        URI url = start(HttpServer.create(loopback(), 0), handler(500, false, false));
        WebhookLoadGenerator.Exchanges r = exchange(url, Optional.empty());
        assertThat(r.errors()).as("%s", r).isEqualTo(REQUESTS);
        assertThat(r.errorSamples()).hasSize(5).first().asString().startsWith("HTTP 500");
    }

    @Test
    void aServerClosingEveryConnectionOrSendingChunksIsFollowed() throws Exception {
        URI url = start(HttpServer.create(loopback(), 0), handler(200, true, true));
        WebhookLoadGenerator.Exchanges r = exchange(url, Optional.empty());
        assertThat(r.errors()).as("%s", r).isZero();
        assertThat(served.get()).isEqualTo(REQUESTS);
        assertThat(r.connectionsOpened()).as("a new connection per request").isEqualTo(REQUESTS);
    }

    @Test
    void aServerThatIsNotListeningGivesErrorsNotExceptions() throws Exception {
        int port;
        // a port nothing listens on: bound, then closed (a never-started HttpServer keeps its socket after stop)
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WebhookLoadGenerator.Exchanges r = exchange(URI.create("http://127.0.0.1:" + port + "/validate"),
                Optional.empty());
        assertThat(r.errors()).isEqualTo(REQUESTS);
        assertThat(r.errorSamples()).first().asString().contains("ConnectException");
    }

    @Test
    void responsesAreReadWithContentLengthOrChunked() throws Exception {
        String fixed = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n";
        String closing = "HTTP/1.1 413 Too Large\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno";
        for (String[] row : new String[][] {{fixed, "200", "hello", "false"}, {chunked, "200", "hello", "false"},
                {closing, "413", "no", "true"}}) {
            WebhookLoadGenerator.Response r = WebhookLoadGenerator.Response.read(new ByteArrayInputStream(
                    row[0].getBytes(StandardCharsets.US_ASCII)));
            assertThat(r.status()).isEqualTo(Integer.parseInt(row[1]));
            assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo(row[2]);
            assertThat(r.close()).isEqualTo(Boolean.parseBoolean(row[3]));
        }
        for (String broken : List.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", "SSH-2.0\r\n\r\n", "")) {
            assertThatThrownBy(() -> WebhookLoadGenerator.Response.read(new ByteArrayInputStream(
                    broken.getBytes(StandardCharsets.US_ASCII)))).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void optionsAreCheckedAndParsed() {
        WebhookLoadGenerator.Options o = WebhookLoadGenerator.parse(new String[] {"--url",
            "https://127.0.0.1:8443/validate", "--rate", "1000", "--duration", "20", "--warmup", "5",
            "--connections", "16", "--trust", "tls.crt", "--server-pid", "42"});
        assertThat(o.rate()).isEqualTo(1000);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.connections()).isEqualTo(16);
        assertThat(o.trust()).contains(Path.of("tls.crt"));
        assertThat(o.serverPid()).hasValue(42);
        for (String[] bad : new String[][] {
                {"--rate", "10", "--duration", "1"},
                {"--url", "ftp://x/validate", "--rate", "10", "--duration", "1"},
                {"--url", "http://x/validate", "--rate", "0", "--duration", "1"},
                {"--url", "http://x/validate", "--rate", "10", "--duration", "0"},
                {"--url", "http://x/validate", "--rate", "10", "--duration", "1", "--connections", "0"},
                {"--url", "http://x/validate", "--rate", "10", "--duration", "700"},
                {"--url", "http://x/validate", "--rate", "10", "--duration", "1", "--bogus", "1"},
                {"--url"}}) {
            assertThatThrownBy(() -> WebhookLoadGenerator.parse(bad)).as(String.join(" ", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theServerCpuIsSplitIntoJitAndGcThreadsByTheirLinuxNames() {
        // HotSpot's thread names as /proc shows them (15 characters), and rows that differ in one place
        assertThat(WebhookLoadGenerator.isJitThread("C2 CompilerThre")).isTrue();
        assertThat(WebhookLoadGenerator.isJitThread("C1 CompilerThre")).isTrue();
        assertThat(WebhookLoadGenerator.isJitThread("C3 CompilerThre")).isFalse();
        assertThat(WebhookLoadGenerator.isJitThread("webhook-worker-")).isFalse();
        assertThat(WebhookLoadGenerator.isGcOrVmThread("VM Thread")).isTrue();
        assertThat(WebhookLoadGenerator.isGcOrVmThread("VM Periodic Tas")).isFalse();
        assertThat(WebhookLoadGenerator.isGcOrVmThread("GC Thread#0")).isTrue();
        assertThat(WebhookLoadGenerator.isGcOrVmThread("G1 Refine#0")).isTrue();
        assertThat(WebhookLoadGenerator.isGcOrVmThread("ZWorker#0")).isTrue();
        assertThat(WebhookLoadGenerator.isGcOrVmThread("Zip")).isFalse();
        assertThat(WebhookLoadGenerator.isGcOrVmThread("HTTP-Dispatcher")).isFalse();
    }

    @Test
    void serverCpuCountsThreadsAliveAtTheEndAndFlagsAStillCompilingJit() {
        var before = new WebhookLoadGenerator.CpuSnapshot(1_000_000_000L,
                java.util.Map.of("11", 500_000_000L, "12", 100_000_000L), java.util.Map.of("7", 0L));
        // thread 11 compiled 0.2 s more, 12 exited (not counted), 13 started and compiled 0.1 s; GC 0.1 s
        var after = new WebhookLoadGenerator.CpuSnapshot(3_000_000_000L,
                java.util.Map.of("11", 700_000_000L, "13", 100_000_000L), java.util.Map.of("7", 100_000_000L));
        WebhookLoadGenerator.ServerCpu cpu = after.since(before, 2.0);
        assertThat(cpu.cores()).isEqualTo(1.0);
        assertThat(cpu.jitCores()).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cpu.gcVmCores()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cpu.stillCompiling()).isTrue();
        assertThat(cpu.toString()).contains("server CPU 1.00 cores (JIT compiler threads 0.15, GC and VM threads 0.05)")
                .contains("still compiling");
        WebhookLoadGenerator.ServerCpu warm = new WebhookLoadGenerator.ServerCpu(0.5, 0.05, 0.01);
        assertThat(warm.stillCompiling()).isFalse();
        assertThat(warm.toString()).doesNotContain("still compiling");
    }

    @Test
    void aProcStatLineGivesUserPlusSystemTicksAndANameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        // fixed text in the layout of proc(5): pid (comm) state ppid ... utime(14) stime(15) ...
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 100 0 0 0 250 30 0 0 20 0 40 0";
        assertThat(WebhookLoadGenerator.statCpuNanos(stat)).isEqualTo(280 * 10_000_000L);
        String odd = "4242 (a) b (c) S 1 4242 4242 0 -1 4194368 100 0 0 0 250 31 0 0 20 0 40 0";
        assertThat(WebhookLoadGenerator.statCpuNanos(odd)).isEqualTo(281 * 10_000_000L);
        assertThat(WebhookLoadGenerator.serverCpu(OptionalLong.empty())).isEmpty();
        assertThat(WebhookLoadGenerator.serverCpu(OptionalLong.of(Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void theRequestBodyIsTheBenchmarkReviewInCompactJson() throws Exception {
        byte[][] parts = WebhookLoadGenerator.bodyAroundUid();
        byte[] body = (new String(parts[0], StandardCharsets.UTF_8) + "u-1" + new String(parts[1],
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("\n").doesNotContain(": ");
        AdmissionReview answer = ADMISSION.reviewJson(body);
        assertThat(answer.getResponse().getUid()).isEqualTo("u-1");
        assertThat(answer.getResponse().getAllowed()).isTrue();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
