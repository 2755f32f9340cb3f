package io.kcs.cilium.rules.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A bounded open-loop load generator for a running {@code kcs-cilium-rules webhook}: {@code threads} clients, each
 * with its own keep-alive HTTP/1.1 connection, post the 20-rule CNP review of {@link AdmissionBenchmark} at a fixed
 * total rate for a fixed time (at most 120 s), and print the achieved requests per second and latency percentiles.
 * Latency is measured from each request's scheduled send time (no coordinated omission): a server that falls behind
 * shows it in p99. Every answer is checked (HTTP 200, the request's uid, allowed).
 *
 * <pre>
 * java -cp "kcs-cilium-rules-tests/target/test-classes:$(cat kcs-cilium-rules-tests/target/cp.txt)" \
 *     io.kcs.cilium.rules.bench.WebhookLoadGenerator https://127.0.0.1:8443/validate 1000 20 8 tls.crt
 * </pre>
 * Arguments: URL, requests per second, seconds, threads, and for HTTPS the PEM certificate to trust. Not run by
 * {@code mvn verify} (it needs a server); it is a tool, not a test.
 */
public final class WebhookLoadGenerator {

    private WebhookLoadGenerator() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Math.min(120, Integer.parseInt(args[2]));
        int threads = Integer.parseInt(args[3]);
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (args.length > 4) {
            b.sslContext(trusting(Path.of(args[4])));
        }
        String policy = AdmissionBenchmark.policy(false);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) * threads / rate;
        int perThread = (int) ((long) rate * seconds / threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            HttpClient client = b.build();
            results.add(pool.submit(() -> {
                long[] latencies = new long[perThread];
                long offset = periodNanos * thread / threads;
                for (int i = 0; i < perThread; i++) {
                    long due = start + offset + i * periodNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    String uid = "t" + thread + "-" + i;
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(AdmissionBenchmark.review(policy)
                                    .replace("705ab4f5-6393-11e8-b7cc-42010a800002", uid)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - due;
                    if (r.statusCode() != 200 || !r.body().contains("\"uid\":\"" + uid + "\"")
                            || !r.body().contains("\"allowed\":true")) {
                        throw new IllegalStateException("wrong answer " + r.statusCode() + ": " + r.body());
                    }
                }
                return latencies;
            }));
        }
        long[] all = new long[perThread * threads];
        int n = 0;
        for (Future<long[]> f : results) {
            long[] l = f.get();
            System.arraycopy(l, 0, all, n, l.length);
            n += l.length;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(all);
        System.out.printf("requests %d in %.1f s: %.0f req/s (target %d), latency p50 %.2f ms, p90 %.2f ms,"
                + " p99 %.2f ms, max %.2f ms%n", all.length, elapsed, all.length / elapsed, rate,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("c" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
