package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook server end to end over real HTTPS on 127.0.0.1 with certificates made in the test: AdmissionReviews
 * as the API server posts them (also 8 clients x 500 requests at once), health and metrics, 413 for a 10 MB body,
 * certificate rotation while serving, and a graceful stop. Nothing here measures or bounds time (speed is in the
 * JMH benchmarks).
 */
class WebhookServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CiliumPolicyAdmission ADMISSION = CiliumPolicyAdmission.create(MappingOptions.defaults()
            .withCiliumVersion("1.19"));

    @TempDir
    static Path dir;
    static TestCerts.Pair rsa;
    static TestCerts.Pair ec;

    Path cert;
    Path key;
    WebhookServer server;
    final StringWriter log = new StringWriter();

    @BeforeAll
    static void certificates() throws Exception {
        rsa = TestCerts.generate(dir, "webhook-a", "RSA");
        ec = TestCerts.generate(dir, "webhook-b", "EC");
    }

    WebhookServer start(int maxBody, Duration grace) throws Exception {
        cert = Files.writeString(dir.resolve("tls.crt"), TestCerts.certPem(rsa.cert()));
        key = Files.writeString(dir.resolve("tls.key"), TestCerts.pkcs1Pem(rsa.key()));
        server = WebhookServer.start(new WebhookServer.Config(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0), Optional.of(cert), Optional.of(key), false, maxBody, 64, Duration.ofSeconds(30), Duration.ofSeconds(90),
                Duration.ofHours(1), grace),
                ADMISSION, new PrintWriter(log, true));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpClient client(X509Certificate... trusted) throws Exception {
        return HttpClient.newBuilder().sslContext(TestCerts.trusting(trusted)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60)).build();
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    static String review(String uid, boolean valid) {
        String port = valid ? "80" : "99999";
        return """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "%s",
                   "kind": {"group": "cilium.io", "version": "v2", "kind": "CiliumNetworkPolicy"},
                   "resource": {"group": "cilium.io", "version": "v2", "resource": "ciliumnetworkpolicies"},
                   "name": "web", "namespace": "shop", "operation": "CREATE", "userInfo": {"username": "admin"},
                   "object": {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
                     "metadata": {"name": "web", "namespace": "shop"},
                     "spec": {"endpointSelector": {"matchLabels": {"app": "web"}},
                       "ingress": [{"toPorts": [{"ports": [{"port": "%s", "protocol": "TCP"}]}]}]}}}}"""
                .formatted(uid, port);
    }

    static HttpResponse<String> post(HttpClient c, URI uri, String body) throws Exception {
        return c.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertAnswer(HttpResponse<String> r, String uid, boolean allowed) throws Exception {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(answer.path("response").path("uid").asText()).isEqualTo(uid);
        assertThat(answer.path("response").path("allowed").asBoolean()).as(r.body()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(answer.path("response").path("status").path("code").asInt()).isEqualTo(422);
            assertThat(answer.path("response").path("status").path("message").asText())
                    .contains("spec.ingress[0].toPorts[0].ports[0].port");
        }
    }

    @Test
    void answersReviewsHealthAndMetricsOverHttps() throws Exception {
        start(4 << 20, Duration.ofSeconds(30));
        HttpClient c = client(rsa.cert());
        assertAnswer(post(c, uri("/validate"), review("u-valid", true)), "u-valid", true);
        assertAnswer(post(c, uri("/validate"), review("u-invalid", false)), "u-invalid", false);
        HttpResponse<String> bad = post(c, uri("/validate"), "{not json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("not JSON");
        HttpResponse<String> get = c.send(HttpRequest.newBuilder(uri("/validate")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        for (String path : new String[] {"/healthz", "/readyz"}) {
            HttpResponse<String> h = c.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(h.statusCode()).as(path).isEqualTo(200);
            assertThat(h.body()).isEqualTo("ok\n");
        }
        assertThat(c.send(HttpRequest.newBuilder(uri("/other")).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> m = c.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(m.body()).contains("kcs_webhook_requests_total{verdict=\"allowed\"} 1\n",
                "kcs_webhook_requests_total{verdict=\"denied\"} 1\n",
                "kcs_webhook_requests_total{verdict=\"bad_request\"} 2\n",
                "kcs_webhook_request_duration_seconds_bucket{le=\"+Inf\"} 4\n",
                "kcs_webhook_request_duration_seconds_count 4\n",
                "# TYPE kcs_webhook_request_duration_seconds histogram\n");
    }

    @Test
    void eightClientsTimes500RequestsAllAnsweredCorrectly() throws Exception {
        start(4 << 20, Duration.ofSeconds(30));
        int clients = 8;
        int requests = 500;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                done.add(pool.submit(() -> {
                    HttpClient c = client(rsa.cert());   // one keep-alive connection per client
                    int ok = 0;
                    for (int j = 0; j < requests; j++) {
                        boolean valid = (client + j) % 3 != 0;
                        String uid = "c" + client + "-r" + j;
                        assertAnswer(post(c, uri("/validate"), review(uid, valid)), uid, valid);
                        ok++;
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            assertThat(total).isEqualTo(clients * requests);
        } finally {
            pool.shutdownNow();
        }
        String metrics = server.metricsText();
        long allowed = 0;
        for (int client = 0; client < clients; client++) {
            for (int j = 0; j < requests; j++) {
                allowed += (client + j) % 3 != 0 ? 1 : 0;
            }
        }
        assertThat(metrics).contains("kcs_webhook_requests_total{verdict=\"allowed\"} " + allowed + "\n",
                "kcs_webhook_requests_total{verdict=\"denied\"} " + (clients * requests - allowed) + "\n");
    }

    /** Sends headers (and body bytes from another thread) on a raw TLS socket; returns the status line. */
    String rawPost(X509Certificate trusted, boolean contentLength, int bodyBytes) throws Exception {
        SSLContext tls = TestCerts.trusting(trusted);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setSoTimeout(120_000);
            OutputStream out = s.getOutputStream();
            String headers = "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + (contentLength ? "Content-Length: " + bodyBytes + "\r\n" : "Transfer-Encoding: chunked\r\n")
                    + "\r\n";
            out.write(headers.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                        int n = Math.min(chunk.length, bodyBytes - sent);
                        if (!contentLength) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(chunk, 0, n);
                        if (!contentLength) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (!contentLength) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    // the server refused the rest: expected
                }
            });
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            writer.cancel(true);
            return status;
        }
    }

    @Test
    void aTenMegabyteBodyIsRefusedWith413AndAChunkedOneWith411() throws Exception {
        start(4 << 20, Duration.ofSeconds(30));
        int tenMb = 10 * 1024 * 1024;
        assertThat(rawPost(rsa.cert(), true, tenMb)).startsWith("HTTP/1.1 413");
        // a chunked body is refused whatever its size: the server reads Content-Length bodies only
        assertThat(rawPost(rsa.cert(), false, tenMb)).startsWith("HTTP/1.1 411");
        assertThat(rawPost(rsa.cert(), false, 100)).startsWith("HTTP/1.1 411");
        // the server still serves
        assertAnswer(post(client(rsa.cert()), uri("/validate"), review("after", true)), "after", true);
        assertThat(server.metricsText()).contains("kcs_webhook_requests_total{verdict=\"too_large\"} 1\n",
                "kcs_webhook_requests_total{verdict=\"bad_request\"} 2\n");
    }

    static X509Certificate served(int port, X509Certificate... trusted) throws Exception {
        try (SSLSocket s = (SSLSocket) TestCerts.trusting(trusted).getSocketFactory().createSocket("127.0.0.1",
                port)) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void aRotatedCertificateIsServedWithoutRestart() throws Exception {
        start(4 << 20, Duration.ofSeconds(30));
        HttpClient before = client(rsa.cert());
        assertAnswer(post(before, uri("/validate"), review("a", true)), "a", true);
        assertThat(server.reload()).as("unchanged files").isFalse();
        // cert-manager writes the new pair (here an EC key in SEC1 form)
        Files.writeString(cert, TestCerts.certPem(ec.cert()));
        Files.writeString(key, TestCerts.sec1Pem(ec.key(), true));
        assertThat(server.reload()).isTrue();
        assertThat(served(server.port(), rsa.cert(), ec.cert())).isEqualTo(ec.cert());
        assertAnswer(post(client(ec.cert()), uri("/validate"), review("b", false)), "b", false);
        // a half-written pair (new certificate, old key) is refused and the served pair kept
        Files.writeString(cert, TestCerts.certPem(rsa.cert()));
        assertThat(server.reload()).isFalse();
        assertThat(log.toString()).contains("certificate reload failed, still serving the previous certificate");
        assertThat(served(server.port(), rsa.cert(), ec.cert())).isEqualTo(ec.cert());
        Files.writeString(key, TestCerts.pkcs8Pem(rsa.key()));
        assertThat(server.reload()).isTrue();
        assertThat(served(server.port(), rsa.cert(), ec.cert())).isEqualTo(rsa.cert());
        assertThat(server.metricsText()).contains("kcs_webhook_certificate_reloads_total{result=\"success\"} 2\n",
                "kcs_webhook_certificate_reloads_total{result=\"failure\"} 1\n");
    }

    @Test
    void closeFinishesTheRequestInFlightThenRefusesConnections() throws Exception {
        start(4 << 20, Duration.ofSeconds(120));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.beforeValidate = () -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        HttpClient c = client(rsa.cert());
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return post(c, uri("/validate"), review("slow", false));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        entered.await(); // the request reached the handler
        int port = server.port();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        assertThat(closing).as("close waits for the request in flight").isNotDone();
        release.countDown();
        assertAnswer(inFlight.get(), "slow", false);
        closing.get();
        assertThat(log.toString()).contains("webhook: stopped");
        assertThatThrownBy(() -> served(port, rsa.cert())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theCommandChecksItsOptions() {
        assertThat(CliRun.run("webhook", "--help").code()).isZero();
        CliRun none = CliRun.run("webhook", "--port", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--tls-cert");
        assertThat(CliRun.run("webhook", "--insecure-http", "--tls-cert", "x").code()).isEqualTo(2);
        assertThat(CliRun.run("webhook", "--insecure-http", "--bind", "localhost").err()).contains("--bind");
        CliRun missing = CliRun.run("webhook", "--port", "0", "--tls-cert", dir.resolve("nope.crt").toString(),
                "--tls-key", dir.resolve("nope.key").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.crt");
    }
}
