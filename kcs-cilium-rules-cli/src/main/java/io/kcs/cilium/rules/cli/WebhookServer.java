package io.kcs.cilium.rules.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The validating admission webhook server of {@code kcs-cilium-rules webhook}: the JDK's {@link HttpsServer} (TLS 1.2
 * and 1.3) answering {@code POST /validate} with {@link CiliumPolicyAdmission}, {@code GET /healthz},
 * {@code GET /readyz} and Prometheus text metrics on {@code GET /metrics}.
 *
 * <p>Production shape: request bodies above {@link Config#maxBodyBytes()} are refused with 413 (by
 * {@code Content-Length} before reading, or once the limit is passed; the rest of the body, up to 16 MiB or four times
 * the limit, is read and discarded first so that the client sees the 413 rather than a reset connection); a fixed pool of worker threads with a bounded
 * queue (when it is full, the accepting thread serves the request itself, which stops accepting: back pressure, never
 * unbounded growth); the JDK server's request and response time limits; the certificate and key files are re-read
 * when their content changes (checked every {@link Config#reloadInterval()}; a broken pair is logged and the previous
 * one kept), and new TLS handshakes use the new pair without a restart; {@link #close()} stops accepting, turns
 * {@code /readyz} to 503 and waits for the requests in flight (at most {@link Config#shutdownGrace()}). Answers carry a
 * {@code Content-Length} (never chunked) on keep-alive connections with {@code TCP_NODELAY} (the JDK server's
 * {@code sun.net.httpserver.nodelay}, set unless given), and the policy is bound straight from the request bytes
 * ({@link CiliumPolicyAdmission#reviewJson(byte[])}).
 * {@link Config#insecure()} serves plain HTTP (for local tests only; the command warns loudly).
 *
 * <p>What it does not do: authenticate the API server (use a NetworkPolicy / the Service), HTTP/2, or mutate objects.
 *
 * <pre>{@code
 * WebhookServer s = WebhookServer.start(config, CiliumPolicyAdmission.create(MappingOptions.defaults()), log);
 * s.awaitClosed();
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} may be called from any thread, more than once.
 */
final class WebhookServer implements AutoCloseable {

    /** The latency histogram's bucket bounds, in seconds. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    static final String ALIAS = "webhook";

    /**
     * The server's settings.
     *
     * @param address where to listen
     * @param certFile the PEM certificate chain (empty with {@code insecure})
     * @param keyFile the PEM private key (empty with {@code insecure})
     * @param insecure plain HTTP
     * @param maxBodyBytes the largest request body read
     * @param workers worker threads
     * @param queue requests waiting for a worker before back pressure
     * @param reloadInterval how often the certificate files are checked
     * @param shutdownGrace how long {@link #close()} waits for requests in flight
     */
    record Config(InetSocketAddress address, Optional<Path> certFile, Optional<Path> keyFile, boolean insecure,
                  int maxBodyBytes, int workers, int queue, Duration reloadInterval, Duration shutdownGrace) {
        Config {
            Objects.requireNonNull(address, "address");
            if (!insecure && (certFile.isEmpty() || keyFile.isEmpty())) {
                throw new IllegalArgumentException("TLS needs a certificate and a key file");
            }
            if (maxBodyBytes < 1 || workers < 1 || queue < 1) {
                throw new IllegalArgumentException("maxBodyBytes, workers and queue must be positive");
            }
        }
    }

    private final Config config;
    private final CiliumPolicyAdmission admission;
    private final PrintWriter log;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService reloader;
    private final ReloadingKeyManager keys;
    private final Metrics metrics = new Metrics();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Test hook: runs in the worker before a /validate request is judged. */
    volatile Runnable beforeValidate = () -> { };
    private byte[] loadedDigest = new byte[0];
    private byte[] failedDigest = new byte[0];

    private WebhookServer(Config config, CiliumPolicyAdmission admission, PrintWriter log) throws IOException {
        this.config = config;
        this.admission = admission;
        this.log = log;
        defaultProperty("sun.net.httpserver.maxReqTime", "30");
        defaultProperty("sun.net.httpserver.maxRspTime", "30");
        defaultProperty("sun.net.httpserver.idleInterval", "90");
        // TCP_NODELAY: the JDK server writes the response head and body separately, and with Nagle's algorithm on
        // the body waits for the client's (delayed, up to 40 ms) ACK of the head on a keep-alive connection
        defaultProperty("sun.net.httpserver.nodelay", "true");
        if (config.insecure()) {
            keys = null;
            server = HttpServer.create(config.address(), 128);
        } else {
            keys = new ReloadingKeyManager(PemFiles.load(config.certFile().orElseThrow(),
                    config.keyFile().orElseThrow()));
            loadedDigest = digest();
            HttpsServer https = HttpsServer.create(config.address(), 128);
            SSLContext tls;
            try {
                tls = SSLContext.getInstance("TLS");
                tls.init(new javax.net.ssl.KeyManager[] {keys}, null, null);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = tls.getDefaultSSLParameters();
                    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    p.setNeedClientAuth(false);
                    params.setSSLParameters(p);
                }
            });
            server = https;
        }
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(config.workers(), config.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queue()), r -> {
                    Thread t = new Thread(r, "webhook-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(workers);
        server.createContext("/validate", counted(this::validate));
        server.createContext("/healthz", counted(ex -> text(ex, 200, "ok\n")));
        server.createContext("/readyz", counted(ex -> text(ex, ready.get() ? 200 : 503, ready.get() ? "ok\n"
                : "shutting down\n")));
        server.createContext("/metrics", counted(ex -> {
            if (!ex.getRequestMethod().equals("GET")) {
                text(ex, 405, "GET only\n");
            } else {
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.render().getBytes(StandardCharsets.UTF_8));
            }
        }));
        server.createContext("/", counted(ex -> text(ex, 404,
                "not found: POST /validate, GET /healthz, /readyz, /metrics\n")));
        reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-cert-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a server.
     *
     * @throws IOException when the address cannot be bound or TLS cannot be set up
     * @throws IllegalArgumentException when the certificate or key is unusable (the message names the file)
     */
    static WebhookServer start(Config config, CiliumPolicyAdmission admission, PrintWriter log) throws IOException {
        WebhookServer s = new WebhookServer(config, admission, log);
        s.server.start();
        if (!config.insecure()) {
            long ms = Math.max(1, config.reloadInterval().toMillis());
            s.reloader.scheduleWithFixedDelay(s::reloadQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
        s.ready.set(true);
        return s;
    }

    /** Counts the requests in flight, for {@link #close()} (which alone waits on the count: no lock per request). */
    private com.sun.net.httpserver.HttpHandler counted(com.sun.net.httpserver.HttpHandler h) {
        return ex -> {
            inFlight.incrementAndGet();
            try {
                h.handle(ex);
            } finally {
                if (inFlight.decrementAndGet() == 0 && closing.get()) {
                    synchronized (inFlight) {
                        inFlight.notifyAll();
                    }
                }
            }
        };
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The bound port. */
    int port() {
        return server.getAddress().getPort();
    }

    /** The certificate chain served to new handshakes. */
    java.util.List<X509Certificate> servedChain() {
        return keys == null ? java.util.List.of() : keys.current.chain();
    }

    /**
     * Re-reads the certificate and key when their content changed; a broken pair is logged once and the served pair
     * kept.
     *
     * @return whether a new pair is now served
     */
    synchronized boolean reload() {
        if (keys == null) {
            return false;
        }
        byte[] d;
        try {
            d = digest();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Arrays.equals(d, loadedDigest) || Arrays.equals(d, failedDigest)) {
            return false;
        }
        try {
            keys.current = PemFiles.load(config.certFile().orElseThrow(), config.keyFile().orElseThrow());
            loadedDigest = d;
            metrics.reloads.increment();
            log("certificate reloaded: " + keys.current.chain().get(0).getSubjectX500Principal().getName()
                    + ", valid until " + keys.current.chain().get(0).getNotAfter().toInstant());
            return true;
        } catch (IllegalArgumentException e) {
            failedDigest = d;
            metrics.reloadFailures.increment();
            log("certificate reload failed, still serving the previous certificate: " + e.getMessage());
            return false;
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log("certificate reload failed: " + e);
        }
    }

    private byte[] digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(PemFiles.read(config.certFile().orElseThrow()).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(PemFiles.read(config.keyFile().orElseThrow()).getBytes(StandardCharsets.US_ASCII));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void validate(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        String verdict = "error";
        try {
            if (!ex.getRequestMethod().equals("POST")) {
                verdict = "bad_request";
                ex.getResponseHeaders().set("Allow", "POST");
                text(ex, 405, "POST an AdmissionReview\n");
                return;
            }
            String length = ex.getRequestHeaders().getFirst("Content-Length");
            if (length != null && tooLong(length)) {
                verdict = "too_large";
                ex.getResponseHeaders().set("Connection", "close");
                discardBody(ex, lingerBytes());
                text(ex, 413, "request body larger than " + config.maxBodyBytes() + " bytes\n");
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = readBody(in, length);
            }
            if (body.length > config.maxBodyBytes()) {
                verdict = "too_large";
                ex.getResponseHeaders().set("Connection", "close");
                discardBody(ex, lingerBytes());
                text(ex, 413, "request body larger than " + config.maxBodyBytes() + " bytes\n");
                return;
            }
            beforeValidate.run();
            AdmissionReview answer;
            try {
                // the policy is bound straight from the bytes (no JSON tree of it), as review(readReview(body))
                answer = admission.reviewJson(body);
            } catch (IllegalArgumentException e) {
                verdict = "bad_request";
                text(ex, 400, e.getMessage() + "\n");
                return;
            }
            verdict = Boolean.TRUE.equals(answer.getResponse().getAllowed()) ? "allowed" : "denied";
            send(ex, 200, "application/json", CiliumPolicyAdmission.writeReview(answer));
        } catch (RuntimeException e) {
            verdict = "error";
            log("internal error: " + e);
            text(ex, 500, "internal error\n");
        } finally {
            metrics.observe(verdict, System.nanoTime() - start);
            ex.close();
        }
    }

    /**
     * The body, at most {@code maxBodyBytes + 1} bytes (one more tells it is too long): read into one array of the
     * announced {@code Content-Length} when there is one, else in chunks.
     */
    private byte[] readBody(InputStream in, String length) throws IOException {
        int limit = config.maxBodyBytes() + 1;
        long announced = -1;
        if (length != null) {
            try {
                announced = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = -1;
            }
        }
        if (announced < 0 || announced >= limit) {
            return in.readNBytes(limit);
        }
        byte[] body = new byte[(int) announced];
        int n = in.readNBytes(body, 0, body.length);
        return n == body.length ? body : Arrays.copyOf(body, n);
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > config.maxBodyBytes();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * How much of a refused body is read and thrown away before the 413 is sent (a lingering close): a client still
     * sending when the server closes gets a TCP reset, which on Linux discards the 413 before the client reads it.
     * Bounded, so a client sending gigabytes is cut off after this many bytes (or by the read timeout).
     */
    private long lingerBytes() {
        return Math.max(16L << 20, 4L * config.maxBodyBytes());
    }

    private static void discardBody(HttpExchange ex, long limit) {
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        try {
            InputStream in = ex.getRequestBody();
            int n;
            while (read < limit && (n = in.read(sink, 0, (int) Math.min(sink.length, limit - read))) > 0) {
                read += n;
            }
        } catch (IOException e) {
            // the client stopped sending or the read timed out: answer anyway
        }
    }

    private static void text(HttpExchange ex, int code, String body) throws IOException {
        send(ex, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private void log(String line) {
        synchronized (log) {
            log.println("webhook: " + line);
            log.flush();
        }
    }

    /** The metrics text, as {@code GET /metrics} serves it. */
    String metricsText() {
        return metrics.render();
    }

    /**
     * Stops gracefully: {@code /readyz} answers 503, no new connection is accepted, requests in flight finish (at most
     * {@link Config#shutdownGrace()}), then the workers stop.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        ready.set(false);
        reloader.shutdownNow();
        // The JDK 17 server's stop(delay) waits the whole delay when no exchange is in flight (JDK-8304065, fixed
        // in 21): wait for our own in-flight count to reach zero (at most the grace), then stop with one second for
        // a request that raced in.
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                try {
                    inFlight.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        server.stop(1);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log("stopped");
        closed.countDown();
    }

    /** Waits until {@link #close()} has finished. */
    void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves the current pair to every new handshake. */
    private static final class ReloadingKeyManager extends X509ExtendedKeyManager {
        volatile PemFiles.KeyMaterial current;

        ReloadingKeyManager(PemFiles.KeyMaterial initial) {
            this.current = initial;
        }

        private String aliasFor(String keyType) {
            return keyType != null && keyType.toUpperCase(Locale.ROOT).equals(
                    current.key().getAlgorithm().toUpperCase(Locale.ROOT)) ? ALIAS : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            String a = aliasFor(keyType);
            return a == null ? null : new String[] {a};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return aliasFor(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyType);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? current.chain().toArray(new X509Certificate[0]) : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? current.key() : null;
        }
    }

    /** Counters by verdict and a latency histogram, in Prometheus' text format. */
    static final class Metrics {
        static final String[] VERDICTS = {"allowed", "denied", "bad_request", "too_large", "error"};
        final LongAdder[] requests = new LongAdder[VERDICTS.length];
        final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
        final LongAdder sumNanos = new LongAdder();
        final LongAdder reloads = new LongAdder();
        final LongAdder reloadFailures = new LongAdder();

        Metrics() {
            for (int i = 0; i < requests.length; i++) {
                requests[i] = new LongAdder();
            }
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(String verdict, long nanos) {
            int v = 0;
            while (v < VERDICTS.length - 1 && !VERDICTS[v].equals(verdict)) {
                v++;   // an unknown verdict counts as the last, "error"
            }
            requests[v].increment();
            double seconds = nanos / 1e9;
            int b = 0;
            while (b < BUCKETS.length && seconds > BUCKETS[b]) {
                b++;
            }
            buckets[b].increment();
            sumNanos.add(nanos);
        }

        String render() {
            StringBuilder s = new StringBuilder();
            s.append("# HELP kcs_webhook_requests_total Requests to /validate by verdict.\n");
            s.append("# TYPE kcs_webhook_requests_total counter\n");
            for (int i = 0; i < VERDICTS.length; i++) {
                s.append("kcs_webhook_requests_total{verdict=\"").append(VERDICTS[i]).append("\"} ")
                        .append(requests[i].sum()).append('\n');
            }
            s.append("# HELP kcs_webhook_request_duration_seconds Time to answer /validate.\n");
            s.append("# TYPE kcs_webhook_request_duration_seconds histogram\n");
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += buckets[i].sum();
                String le = i < BUCKETS.length ? String.valueOf(BUCKETS[i]) : "+Inf";
                s.append("kcs_webhook_request_duration_seconds_bucket{le=\"").append(le).append("\"} ")
                        .append(cumulative).append('\n');
            }
            s.append("kcs_webhook_request_duration_seconds_sum ").append(sumNanos.sum() / 1e9).append('\n');
            s.append("kcs_webhook_request_duration_seconds_count ").append(cumulative).append('\n');
            s.append("# HELP kcs_webhook_certificate_reloads_total Certificate reloads by result.\n");
            s.append("# TYPE kcs_webhook_certificate_reloads_total counter\n");
            s.append("kcs_webhook_certificate_reloads_total{result=\"success\"} ").append(reloads.sum()).append('\n');
            s.append("kcs_webhook_certificate_reloads_total{result=\"failure\"} ").append(reloadFailures.sum())
                    .append('\n');
            return s.toString();
        }
    }
}
