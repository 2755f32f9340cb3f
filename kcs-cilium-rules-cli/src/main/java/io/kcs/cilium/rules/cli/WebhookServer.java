package io.kcs.cilium.rules.cli;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The validating admission webhook server of {@code kcs-cilium-rules webhook}: a small HTTP/1.1 server of its own on
 * blocking TLS sockets (TLS 1.3 and 1.2; {@link SSLServerSocket}), one thread per connection, answering
 * {@code POST /validate} with {@link CiliumPolicyAdmission}, {@code GET /healthz}, {@code GET /readyz} and Prometheus
 * text metrics on {@code GET /metrics}. (It replaced the JDK's {@code HttpsServer}, whose selector thread and
 * hand-off to a worker pool cost about a fifth of the server's CPU per request.)
 *
 * <p>Production shape: keep-alive connections with {@code TCP_NODELAY}, each served by its own thread, at most
 * {@link Config#maxConnections()} at once (more wait in the listen backlog until one closes); the request head is
 * parsed strictly by {@link HttpRequestHead} from a buffer of {@link #MAX_HEAD_BYTES} (a longer head gets 431);
 * bodies must come with a {@code Content-Length} (a {@code Transfer-Encoding} gets 411) and above
 * {@link Config#maxBodyBytes()} are refused with 413 (the rest of the body, up to 16 MiB or four times the limit, is
 * read and discarded first so that the client sees the 413 rather than a reset connection); the head and body of a
 * request must arrive within {@link Config#requestTimeout()} of its first byte, and an idle keep-alive connection is
 * closed after {@link Config#idleTimeout()}; answers carry a {@code Content-Length} and are written with one write;
 * the certificate and key files are re-read when their content changes (checked every
 * {@link Config#reloadInterval()}; a broken pair is logged and the previous one kept), and new TLS handshakes use the
 * new pair without a restart; {@link #close()} stops accepting, turns {@code /readyz} to 503, waits for the requests
 * in flight (at most {@link Config#shutdownGrace()}) and then closes the idle connections. The policy is bound
 * straight from the request bytes ({@link CiliumPolicyAdmission#reviewJson(byte[])}).
 * {@link Config#insecure()} serves plain HTTP (for local tests only; the command warns loudly).
 *
 * <p>What it does not do: authenticate the API server (use a NetworkPolicy / the Service), HTTP/2, chunked request
 * bodies, pipelining beyond reading the next request after an answer, or mutate objects. A client that stops reading
 * its answer blocks only its own connection thread (answers are a few kilobytes, below the socket buffers).
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
    /** The longest request head (request line and header fields); longer ones get 431. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    /**
     * The server's settings.
     *
     * @param address where to listen
     * @param certFile the PEM certificate chain (empty with {@code insecure})
     * @param keyFile the PEM private key (empty with {@code insecure})
     * @param insecure plain HTTP
     * @param maxBodyBytes the largest request body read
     * @param maxConnections connections served at once (one thread each)
     * @param requestTimeout how long the head and body of one request may take to arrive, from its first byte (and
     *        the TLS handshake)
     * @param idleTimeout how long a keep-alive connection may wait for its next request
     * @param reloadInterval how often the certificate files are checked
     * @param shutdownGrace how long {@link #close()} waits for requests in flight
     */
    record Config(InetSocketAddress address, Optional<Path> certFile, Optional<Path> keyFile, boolean insecure,
                  int maxBodyBytes, int maxConnections, Duration requestTimeout, Duration idleTimeout,
                  Duration reloadInterval, Duration shutdownGrace) {
        Config {
            Objects.requireNonNull(address, "address");
            if (!insecure && (certFile.isEmpty() || keyFile.isEmpty())) {
                throw new IllegalArgumentException("TLS needs a certificate and a key file");
            }
            if (maxBodyBytes < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("maxBodyBytes and maxConnections must be positive");
            }
            if (requestTimeout.toMillis() < 1 || idleTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("the timeouts must be at least a millisecond");
            }
        }
    }

    private final Config config;
    private final CiliumPolicyAdmission admission;
    private final PrintWriter log;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final ThreadPoolExecutor connectionThreads;
    /** The answer (411) to a body sent with a {@code Transfer-Encoding}: this server reads {@code Content-Length} only. */
    private static final String CHUNKED_REFUSAL = "send the body with a Content-Length, not a Transfer-Encoding\n";
    private final Semaphore connectionSlots;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reloader;
    private final ReloadingKeyManager keys;
    private final Metrics metrics = new Metrics();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Test hook: runs in the connection thread before a /validate request is judged. */
    volatile Runnable beforeValidate = () -> { };
    private byte[] loadedDigest = new byte[0];
    private byte[] failedDigest = new byte[0];

    private WebhookServer(Config config, CiliumPolicyAdmission admission, PrintWriter log) throws IOException {
        this.config = config;
        this.admission = admission;
        this.log = log;
        if (config.insecure()) {
            keys = null;
            listener = new ServerSocket();
        } else {
            keys = new ReloadingKeyManager(PemFiles.load(config.certFile().orElseThrow(),
                    config.keyFile().orElseThrow()));
            loadedDigest = digest();
            SSLContext tls;
            try {
                tls = SSLContext.getInstance("TLS");
                tls.init(new javax.net.ssl.KeyManager[] {keys}, null, null);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
            SSLServerSocket tlsListener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
            tlsListener.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            tlsListener.setNeedClientAuth(false);
            listener = tlsListener;
        }
        try {
            listener.setReuseAddress(true);
            listener.bind(config.address(), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        connectionSlots = new Semaphore(config.maxConnections());
        AtomicInteger n = new AtomicInteger();
        connectionThreads = new ThreadPoolExecutor(0, config.maxConnections(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "webhook-connection-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        acceptor = new Thread(this::acceptLoop, "webhook-accept");
        acceptor.setDaemon(true);
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
        s.acceptor.start();
        if (!config.insecure()) {
            long ms = Math.max(1, config.reloadInterval().toMillis());
            s.reloader.scheduleWithFixedDelay(s::reloadQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
        s.ready.set(true);
        return s;
    }

    /** The bound port. */
    int port() {
        return listener.getLocalPort();
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

    /** Accepts until the listener is closed; waits for a free connection slot before each accept. */
    private void acceptLoop() {
        while (!closing.get()) {
            try {
                connectionSlots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                connectionSlots.release();
                if (closing.get() || listener.isClosed()) {
                    return;
                }
                log("accept failed: " + e.getMessage());
                continue;
            }
            Connection c = new Connection(socket);
            connections.add(c);
            try {
                connectionThreads.execute(c);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                c.finish();   // only when stopping: the slots keep the pool below its maximum
            }
        }
    }

    /** Closes the idle connections now, and makes busy ones close after their answer. */
    private void closeIdleConnections() {
        for (Connection c : connections) {
            c.closeIfIdle();
        }
    }

    /**
     * One accepted connection and the loop serving its requests, one after another. The head is read into a buffer
     * of its own ({@link #MAX_HEAD_BYTES}), which also keeps the bytes read beyond it (the start of the body, or of the
     * next request).
     */
    private final class Connection implements Runnable {
        private final Socket socket;
        private final byte[] buffer = new byte[MAX_HEAD_BYTES];
        /** Bytes of {@link #buffer} read from the socket but not yet used: {@code [start, end)}. */
        private int start;
        private int end;
        /** Whether a request is being answered; guarded by this. */
        private boolean busy;
        private boolean done;
        private boolean first = true;

        Connection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            try {
                socket.setTcpNoDelay(true);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (!closing.get()) {
                    if (!serveOne(in, out)) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the client went away, timed out or sent garbage TLS: nothing to answer
            } finally {
                finish();
            }
        }

        void finish() {
            synchronized (this) {
                done = true;
            }
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            if (connections.remove(this)) {
                connectionSlots.release();
            }
        }

        synchronized void closeIfIdle() {
            if (!busy && !done) {
                try {
                    socket.close();   // unblocks the read of the next request
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        private synchronized boolean markBusy(boolean b) {
            busy = b;
            return !done;
        }

        /** Reads and answers one request; whether the connection stays open for another. */
        private boolean serveOne(InputStream in, OutputStream out) throws IOException {
            // wait for the first byte of the next request at most the idle timeout (for the TLS handshake and the
            // first byte of the first request, the request timeout), then for the whole head the request timeout
            Duration wait = first ? config.requestTimeout() : config.idleTimeout();
            first = false;
            if (start == end && !fill(in, System.nanoTime() + wait.toNanos(), true)) {
                return false;
            }
            long deadline = System.nanoTime() + config.requestTimeout().toNanos();
            int headEnd;
            while ((headEnd = HttpRequestHead.headEnd(buffer, start, end)) < 0) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.length) {
                    return refuseHead(out, 431, "the request head is longer than " + MAX_HEAD_BYTES + " bytes");
                }
                if (!fill(in, deadline, false)) {
                    return false;
                }
            }
            HttpRequestHead head = HttpRequestHead.parse(Arrays.copyOfRange(buffer, start, headEnd),
                    headEnd - start);
            start = headEnd;
            if (head.error().isPresent()) {
                return refuseHead(out, head.error().get().status(), head.error().get().reason());
            }
            if (!markBusy(true)) {
                return false;
            }
            inFlight.incrementAndGet();
            try {
                return answer(head, in, out, deadline);
            } finally {
                markBusy(false);
                if (inFlight.decrementAndGet() == 0 && closing.get()) {
                    synchronized (inFlight) {
                        inFlight.notifyAll();
                    }
                }
            }
        }

        private boolean refuseHead(OutputStream out, int status, String reason) throws IOException {
            send(out, status, "text/plain; charset=utf-8", (reason + "\n").getBytes(StandardCharsets.UTF_8), true,
                    "");
            return false;
        }

        /** Answers a request whose head was read; whether the connection stays open. */
        private boolean answer(HttpRequestHead head, InputStream in, OutputStream out, long deadline)
                throws IOException {
            boolean keep = !head.close() && !closing.get();
            switch (head.path()) {
                case "/validate" -> {
                    return validate(head, in, out, deadline, keep);
                }
                case "/healthz", "/readyz", "/metrics" -> {
                    if (!skipBody(head, in, out, deadline)) {
                        return false;
                    }
                    if (head.path().equals("/metrics")) {
                        if (!head.method().equals("GET")) {
                            return text(out, 405, "GET only\n", keep, "Allow: GET\r\n");
                        }
                        return send(out, 200, "text/plain; version=0.0.4; charset=utf-8",
                                metrics.render().getBytes(StandardCharsets.UTF_8), !keep, "");
                    }
                    boolean ok = head.path().equals("/healthz") || ready.get();
                    return text(out, ok ? 200 : 503, ok ? "ok\n" : "shutting down\n", keep, "");
                }
                default -> {
                    if (!skipBody(head, in, out, deadline)) {
                        return false;
                    }
                    return text(out, 404, "not found: POST /validate, GET /healthz, /readyz, /metrics\n", keep, "");
                }
            }
        }

        /** Reads and drops the (small) body of a request to another path; false when refused or cut. */
        private boolean skipBody(HttpRequestHead head, InputStream in, OutputStream out, long deadline)
                throws IOException {
            if (head.transferEncoding() || head.contentLength() > MAX_HEAD_BYTES) {
                return refuseBody(head, in, out, deadline, head.transferEncoding() ? 411 : 413,
                        head.transferEncoding() ? CHUNKED_REFUSAL
                                : "request body larger than " + MAX_HEAD_BYTES + " bytes\n");
            }
            return head.contentLength() <= 0 || readBody(in, (int) head.contentLength(), deadline) != null;
        }

        private boolean validate(HttpRequestHead head, InputStream in, OutputStream out, long deadline,
                                 boolean keep) throws IOException {
            long started = System.nanoTime();
            String verdict = "error";
            try {
                if (!head.method().equals("POST")) {
                    verdict = "bad_request";
                    if (!skipBody(head, in, out, deadline)) {
                        return false;
                    }
                    return text(out, 405, "POST an AdmissionReview\n", keep, "Allow: POST\r\n");
                }
                if (head.transferEncoding()) {
                    verdict = "bad_request";
                    return refuseBody(head, in, out, deadline, 411,
                            CHUNKED_REFUSAL);
                }
                if (head.contentLength() > config.maxBodyBytes()) {
                    verdict = "too_large";
                    return refuseBody(head, in, out, deadline, 413,
                            "request body larger than " + config.maxBodyBytes() + " bytes\n");
                }
                if (head.expectContinue()) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                byte[] body = readBody(in, (int) Math.max(0, head.contentLength()), deadline);
                if (body == null) {
                    return false;
                }
                beforeValidate.run();
                AdmissionReview answer;
                try {
                    // the policy is bound straight from the bytes (no JSON tree of it), as review(readReview(body))
                    answer = admission.reviewJson(body);
                } catch (IllegalArgumentException e) {
                    verdict = "bad_request";
                    return text(out, 400, e.getMessage() + "\n", keep, "");
                }
                verdict = Boolean.TRUE.equals(answer.getResponse().getAllowed()) ? "allowed" : "denied";
                return send(out, 200, "application/json", CiliumPolicyAdmission.writeReview(answer),
                        !keep || closing.get(), "");
            } catch (RuntimeException e) {
                verdict = "error";
                log("internal error: " + e);
                return text(out, 500, "internal error\n", false, "");
            } finally {
                metrics.observe(verdict, System.nanoTime() - started);
            }
        }

        /**
         * Answers {@code status} to a body not read: a lingering close, reading and dropping up to
         * {@link #lingerBytes()} of it first (a client still sending when the server closes gets a TCP reset, which
         * on Linux discards the answer before the client reads it).
         */
        private boolean refuseBody(HttpRequestHead head, InputStream in, OutputStream out, long deadline, int status,
                                   String reason) throws IOException {
            long limit = head.contentLength() >= 0 ? Math.min(head.contentLength(), lingerBytes()) : lingerBytes();
            long dropped = Math.min(end - start, limit);
            start += (int) dropped;
            byte[] sink = new byte[64 * 1024];
            try {
                while (dropped < limit) {
                    if (!setTimeout(deadline)) {
                        break;
                    }
                    int n = in.read(sink, 0, (int) Math.min(sink.length, limit - dropped));
                    if (n < 0) {
                        break;
                    }
                    dropped += n;
                }
            } catch (SocketTimeoutException e) {
                // answer anyway
            }
            text(out, status, reason, false, "");
            return false;
        }

        /** Exactly {@code length} body bytes (the buffered ones first); null when the client stopped or timed out. */
        private byte[] readBody(InputStream in, int length, long deadline) throws IOException {
            byte[] body = new byte[length];
            int have = Math.min(end - start, length);
            System.arraycopy(buffer, start, body, 0, have);
            start += have;
            try {
                while (have < length) {
                    if (!setTimeout(deadline)) {
                        return null;
                    }
                    int n = in.read(body, have, length - have);
                    if (n < 0) {
                        return null;
                    }
                    have += n;
                }
            } catch (SocketTimeoutException e) {
                return null;
            }
            return body;
        }

        /**
         * Reads more bytes into the buffer (after compacting it) before {@code deadline}; false at end of stream or
         * timeout. With {@code idle}, the end of stream between requests is the client's normal close.
         */
        private boolean fill(InputStream in, long deadline, boolean idle) throws IOException {
            if (start == end) {
                start = 0;
                end = 0;
            }
            try {
                if (!setTimeout(deadline)) {
                    return false;
                }
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    return false;
                }
                end += n;
                return true;
            } catch (SocketTimeoutException | EOFException e) {
                return false;
            } catch (SocketException e) {
                if (idle) {
                    return false;   // closed by close() while idle, or reset by the client
                }
                throw e;
            }
        }

        /** Sets the socket's read timeout to what is left until {@code deadline}; false when nothing is left. */
        private boolean setTimeout(long deadline) throws SocketException {
            long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (ms < 1) {
                return false;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
            return true;
        }
    }

    /**
     * How much of a refused body is read and thrown away before the answer (a lingering close). Bounded, so a client
     * sending gigabytes is cut off after this many bytes (or by the request timeout).
     */
    private long lingerBytes() {
        return Math.max(16L << 20, 4L * config.maxBodyBytes());
    }

    private static boolean text(OutputStream out, int code, String body, boolean keep, String extraHeaders)
            throws IOException {
        return send(out, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), !keep,
                extraHeaders);
    }

    /**
     * Writes one answer (head and body in one write); returns whether the connection stays open.
     *
     * @param extraHeaders further header lines, each ending in CRLF
     */
    private static boolean send(OutputStream out, int code, String type, byte[] body, boolean close,
                                String extraHeaders) throws IOException {
        byte[] head = ("HTTP/1.1 " + code + " " + reasonPhrase(code) + "\r\nContent-Type: " + type
                + "\r\nCache-Control: no-store\r\nContent-Length: " + body.length + "\r\n" + extraHeaders
                + (close ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        out.write(all);
        out.flush();
        return !close;
    }

    private static String reasonPhrase(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
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
     * {@link Config#shutdownGrace()}; their answers say {@code Connection: close}), then the idle connections are
     * closed.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        ready.set(false);
        reloader.shutdownNow();
        try {
            listener.close();   // no new connection; the acceptor ends
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
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
        closeIdleConnections();
        connectionThreads.shutdown();
        try {
            if (!connectionThreads.awaitTermination(1, TimeUnit.SECONDS)) {
                for (Connection c : connections) {
                    c.finish();
                }
                connectionThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            connectionThreads.shutdownNow();
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
