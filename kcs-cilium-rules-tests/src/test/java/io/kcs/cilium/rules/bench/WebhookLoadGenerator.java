package io.kcs.cilium.rules.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A bounded, open-loop load generator for a running {@code kcs-cilium-rules webhook} (or any server answering
 * AdmissionReviews on a URL): {@code connections} client threads, each with its own keep-alive HTTP/1.1 connection
 * (HTTPS with TLS 1.3 or 1.2, or plain HTTP), post the 20-rule CNP review of {@link AdmissionBenchmark} (compact JSON,
 * as the API server sends it, each with its own {@code uid}) at a fixed total rate for a fixed time, then print the
 * achieved requests per second, latency percentiles, errors, the generator's own CPU use and the load average.
 *
 * <p>How it measures: request {@code i} of connection {@code c} is due at {@code start + (i * connections + c) /
 * rate}; a connection waits for its due time, sends, and reads the whole answer; latency is measured from the due
 * time, not the send time, so a server (or client) that falls behind shows it in the percentiles (no coordinated
 * omission). A connection behind schedule sends at once, so the achieved rate falls short of the target when the
 * server cannot keep up (warm-up requests still unsent when the measured time starts are dropped, and requests still
 * unsent when it ends are reported as missed). Every answer is checked: HTTP 200, the request's {@code uid}, {@code "allowed":true}; a
 * failed check, an I/O error or a timeout counts as an error (the connection is then opened anew) and is never
 * thrown. A warm-up phase at the same rate runs first and is not recorded.
 *
 * <p>What it does not do: HTTP/2, pipelining, or keeping a request open longer than its {@code timeout}. It is a
 * tool, not a test: {@code mvn verify} only smoke-runs it against an in-test server (without any assertion on time).
 *
 * <pre>
 * java -cp "kcs-cilium-rules-tests/target/test-classes:$(cat kcs-cilium-rules-tests/target/cp.txt)" \
 *     io.kcs.cilium.rules.bench.WebhookLoadGenerator --url https://127.0.0.1:8443/validate --rate 1000 \
 *     --duration 20 --warmup 10 --connections 8 --trust tls.crt [--server-pid PID]
 * </pre>
 * With {@code --server-pid} (a server on this machine) it also reports the server's CPU use, read from
 * {@code /proc/PID/stat}, and the part of it spent by the JVM's JIT compiler threads and by its GC and VM threads
 * (from {@code /proc/PID/task/TID/stat}; the serial collector collects in the VM thread). A server whose JIT compiler
 * threads still use more than {@value #STILL_COMPILING_CORES} of a core is flagged as not warmed up: on two cores a
 * cold server's compilations (about a minute at 1,000 requests/s) compete with the requests, and its latencies are
 * not its steady state.
 *
 * <p>Thread-safety: {@link #run(Options)} may be called from any thread; each call uses its own threads and
 * connections.
 */
public final class WebhookLoadGenerator {

    /** The longest run (warm-up plus measured time), so that a mistyped duration cannot run for hours. */
    static final Duration MAX_DURATION = Duration.ofMinutes(10);
    /** JIT compiler threads busier than this (cores) during the measured time mean the server is not warmed up. */
    static final double STILL_COMPILING_CORES = 0.05;
    private static final String UID_MARK = "705ab4f5-6393-11e8-b7cc-42010a800002";

    private WebhookLoadGenerator() {}

    /**
     * What to run.
     *
     * @param url the webhook's {@code /validate} URL ({@code http} or {@code https})
     * @param rate target requests per second over all connections (at least 1)
     * @param duration the measured time
     * @param warmup the unrecorded time before it (may be zero)
     * @param connections keep-alive connections, one client thread each (1 to 1024)
     * @param trust the PEM certificate(s) to trust for HTTPS (empty: the JDK's default trust store)
     * @param timeout the longest wait for one answer (and for connecting)
     * @param serverPid a server process on this machine whose CPU use is reported (Linux {@code /proc})
     */
    public record Options(URI url, int rate, Duration duration, Duration warmup, int connections,
                          Optional<Path> trust, Duration timeout, OptionalLong serverPid) {
        public Options {
            Objects.requireNonNull(url, "url");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("the URL must be http or https: " + url);
            }
            if (rate < 1 || connections < 1 || connections > 1024) {
                throw new IllegalArgumentException("rate >= 1 and 1 <= connections <= 1024");
            }
            if (duration.isNegative() || duration.isZero() || warmup.isNegative() || timeout.isNegative()
                    || timeout.isZero() || duration.plus(warmup).compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("duration > 0, warmup >= 0, timeout > 0, duration + warmup <= "
                        + MAX_DURATION);
            }
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(serverPid, "serverPid");
        }
    }

    /**
     * What a run measured.
     *
     * @param requests requests recorded (due in the measured time, sent and answered or failed)
     * @param completedInTime recorded requests finished within the measured time (the achieved rate's numerator)
     * @param missed requests due in the measured time that were not sent because their connection was still behind
     *        schedule when it ended (the server could not keep up)
     * @param errors recorded requests that failed (wrong answer, I/O error or timeout)
     * @param connectionsOpened connections opened over the whole run, warm-up included (with keep-alive, one per
     *        connection unless the server closes them or errors occur)
     * @param seconds the measured wall time
     * @param latencyMillis {p50, p90, p99, max} in milliseconds from each request's due time (zeros when nothing was
     *        recorded)
     * @param generatorCpuCores the generator's own CPU use during the measured time, in cores (1.0 = one core busy)
     * @param serverCpu the server's CPU use during the measured time, when its pid was given
     * @param loadBefore the 1-minute load average before the measured time
     * @param loadAfter the 1-minute load average after it
     * @param errorSamples the first few error descriptions
     */
    public record Report(long requests, long completedInTime, long missed, long errors, long connectionsOpened,
                         double seconds, double[] latencyMillis,
                         double generatorCpuCores, Optional<ServerCpu> serverCpu, double loadBefore,
                         double loadAfter, List<String> errorSamples) {
        public Report {
            latencyMillis = latencyMillis.clone();
            errorSamples = List.copyOf(errorSamples);
        }

        /** Requests per second achieved. */
        public double rate() {
            return seconds <= 0 ? 0 : completedInTime / seconds;
        }

        @Override
        public double[] latencyMillis() {
            return latencyMillis.clone();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "requests %d in %.1f s: %.0f req/s achieved, missed %d, errors %d,"
                    + " latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; connections opened %d; generator CPU"
                    + " %.2f cores%s; load average %.2f -> %.2f", requests, seconds, rate(), missed, errors, latencyMillis[0], latencyMillis[1], latencyMillis[2],
                    latencyMillis[3], connectionsOpened, generatorCpuCores, serverCpu.map(ServerCpu::toString).orElse(""), loadBefore, loadAfter)
                    + (errorSamples.isEmpty() ? "" : "; first errors: " + errorSamples);
        }
    }

    /**
     * The server's CPU use over the measured time, in cores (1.0 = one core busy).
     *
     * @param cores the whole process ({@code utime + stime} of {@code /proc/PID/stat}, exited threads included)
     * @param jitCores its JIT compiler threads ({@code C1 CompilerThre...}, {@code C2 CompilerThre...}; a compiler
     *        thread that exited during the measured time is not counted)
     * @param gcVmCores its garbage collector threads and the VM thread (where the serial collector runs)
     */
    public record ServerCpu(double cores, double jitCores, double gcVmCores) {
        /** Whether the JIT was still busy compiling: the latencies are then not the warm server's. */
        public boolean stillCompiling() {
            return jitCores > STILL_COMPILING_CORES;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, ", server CPU %.2f cores (JIT compiler threads %.2f, GC and VM threads"
                    + " %.2f)%s", cores, jitCores, gcVmCores, stillCompiling()
                    ? " [the server's JIT is still compiling: not warmed up, use a longer --warmup]" : "");
        }
    }

    /**
     * Runs: {@code --url URL --rate N --duration SECONDS [--warmup SECONDS] [--connections N] [--trust PEM]
     * [--timeout SECONDS] [--server-pid PID]}. Exit code 0 when no request failed, 1 otherwise, 2 on bad arguments.
     */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (RuntimeException e) {
            System.err.println("WebhookLoadGenerator: " + e.getMessage());
            System.err.println("usage: --url URL --rate N --duration SECONDS [--warmup SECONDS] [--connections N]"
                    + " [--trust PEM] [--timeout SECONDS] [--server-pid PID]");
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "target %d req/s over %d connections to %s for %d s (warm-up %d s)%n",
                o.rate(), o.connections(), o.url(), o.duration().toSeconds(), o.warmup().toSeconds());
        Report r = run(o);
        System.out.println(r);
        System.exit(r.errors() == 0 ? 0 : 1);
    }

    static Options parse(String[] args) {
        URI url = null;
        int rate = 0;
        double duration = 0;
        double warmup = 0;
        int connections = 8;
        Optional<Path> trust = Optional.empty();
        double timeout = 30;
        OptionalLong pid = OptionalLong.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--url" -> url = URI.create(v);
                case "--rate" -> rate = Integer.parseInt(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--trust" -> trust = Optional.of(Path.of(v));
                case "--timeout" -> timeout = Double.parseDouble(v);
                case "--server-pid" -> pid = OptionalLong.of(Long.parseLong(v));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        return new Options(url, rate, seconds(duration), seconds(warmup), connections, trust, seconds(timeout),
                pid);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** Runs the load and reports; never throws for a failing server (errors are counted). */
    public static Report run(Options o) throws Exception {
        Target target = Target.of(o);
        byte[][] body = bodyAroundUid();
        long period = Math.max(1, TimeUnit.SECONDS.toNanos(1) * o.connections() / o.rate());
        long warmupNanos = o.warmup().toNanos();
        long measureNanos = o.duration().toNanos();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        AtomicLong errors = new AtomicLong();
        AtomicLong connects = new AtomicLong();
        List<String> samples = new CopyOnWriteArrayList<>();
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < o.connections(); c++) {
            long offset = TimeUnit.SECONDS.toNanos(1) * c / o.rate();
            clients.add(new Client(target, body, c, start + offset, period, measureFrom, end, errors, connects,
                    samples));
        }
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Thread> threads = new ArrayList<>();
        for (Client c : clients) {
            Thread t = new Thread(c, "load-" + c.index);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        sleepUntil(measureFrom);
        double loadBefore = loadAverage();
        long cpu0 = cpu.getProcessCpuTime();
        Optional<CpuSnapshot> server0 = serverCpu(o.serverPid());
        long wall0 = System.nanoTime();
        sleepUntil(end);
        long cpu1 = cpu.getProcessCpuTime();
        Optional<CpuSnapshot> server1 = serverCpu(o.serverPid());
        long wall1 = System.nanoTime();
        double loadAfter = loadAverage();
        long joinBy = end + o.timeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : threads) {
            long left = joinBy - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        int recorded = 0;
        long inTime = 0;
        long missed = 0;
        for (Client c : clients) {
            c.stop();
            recorded += c.recorded();
            inTime += c.completedInTime();
            missed += c.missed();
        }
        long[] all = new long[recorded];
        int n = 0;
        for (Client c : clients) {
            System.arraycopy(c.latencies, 0, all, n, c.recorded());
            n += c.recorded();
        }
        Arrays.sort(all);
        double[] pct = all.length == 0 ? new double[4] : new double[] {pct(all, 0.50), pct(all, 0.90),
            pct(all, 0.99), all[all.length - 1] / 1e6};
        double wall = (wall1 - wall0) / 1e9;
        Optional<ServerCpu> serverCores = server0.isPresent() && server1.isPresent()
                ? Optional.of(server1.get().since(server0.get(), wall)) : Optional.empty();
        return new Report(all.length, inTime, missed, errors.get(), connects.get(), measureNanos / 1e9, pct, (cpu1 - cpu0) / 1e9 / wall,
                serverCores, loadBefore, loadAfter, samples);
    }

    /**
     * What {@link #exchangeUnpaced} saw: requests sent, failed ones, connections opened and up to five failures.
     *
     * @param requests requests sent
     * @param errors wrong answers, HTTP errors and I/O failures among them
     * @param connectionsOpened connections the client opened (1 with keep-alive)
     * @param errorSamples the first failures, as {@link Report#errorSamples()} gives them
     */
    record Exchanges(long requests, long errors, long connectionsOpened, List<String> errorSamples) {
    }

    /**
     * Sends {@code count} reviews one after another through one client of the kind {@link #run} uses (same requests,
     * same answer checks, same reconnects), with no pacing and no clock: what the tests check of the generator's
     * client, since a paced run measures time and belongs to the tool, not to {@code mvn verify}.
     */
    static Exchanges exchangeUnpaced(Options o, int count) throws Exception {
        AtomicLong errors = new AtomicLong();
        AtomicLong connects = new AtomicLong();
        List<String> samples = new CopyOnWriteArrayList<>();
        Client c = new Client(Target.of(o), bodyAroundUid(), 0, 0, 0, 0, 0, errors, connects, samples);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            c.count(c.exchange(request, "c0-" + i));
        }
        c.close();
        return new Exchanges(count, errors.get(), connects.get(), List.copyOf(samples));
    }

    /** The request body before and after the uid (compact JSON, as the API server sends it). */
    static byte[][] bodyAroundUid() throws IOException {
        String compact = new ObjectMapper().readTree(AdmissionBenchmark.review(AdmissionBenchmark.policy(false)))
                .toString();
        int at = compact.indexOf(UID_MARK);
        return new byte[][] {compact.substring(0, at).getBytes(StandardCharsets.UTF_8),
            compact.substring(at + UID_MARK.length()).getBytes(StandardCharsets.UTF_8)};
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * CPU time of a process and of its JIT compiler and GC/VM threads at one moment, in nanoseconds.
     *
     * @param total the whole process
     * @param jitByThread per thread id, the JIT compiler threads
     * @param gcVmByThread per thread id, the GC threads and the VM thread
     */
    record CpuSnapshot(long total, java.util.Map<String, Long> jitByThread, java.util.Map<String, Long> gcVmByThread) {
        ServerCpu since(CpuSnapshot before, double wallSeconds) {
            return new ServerCpu((total - before.total) / 1e9 / wallSeconds,
                    delta(before.jitByThread, jitByThread) / 1e9 / wallSeconds,
                    delta(before.gcVmByThread, gcVmByThread) / 1e9 / wallSeconds);
        }

        /** Threads alive at the end: their CPU since the start (all of it when they started later). */
        private static long delta(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
            long sum = 0;
            for (var e : after.entrySet()) {
                sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
            }
            return sum;
        }
    }

    /**
     * utime + stime of a process, from /proc/PID/stat, and of its JIT compiler and GC/VM threads, from
     * /proc/PID/task/TID/stat (Linux; clock ticks taken as 100 per second); empty when unreadable.
     */
    static Optional<CpuSnapshot> serverCpu(OptionalLong pid) {
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Path proc = Path.of("/proc", Long.toString(pid.getAsLong()));
        try {
            long total = statCpuNanos(Files.readString(proc.resolve("stat")));
            java.util.Map<String, Long> jit = new java.util.HashMap<>();
            java.util.Map<String, Long> gcVm = new java.util.HashMap<>();
            try (var tasks = Files.list(proc.resolve("task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException e) {
                        continue; // the thread exited meanwhile
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String tid = task.getFileName().toString();
                    if (isJitThread(name)) {
                        jit.put(tid, statCpuNanos(stat));
                    } else if (isGcOrVmThread(name)) {
                        gcVm.put(tid, statCpuNanos(stat));
                    }
                }
            }
            return Optional.of(new CpuSnapshot(total, jit, gcVm));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** HotSpot's compiler threads, as Linux shortens their names to 15 characters. */
    static boolean isJitThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /** HotSpot's collector threads (G1, parallel, ZGC, Shenandoah) and the VM thread (the serial collector's). */
    static boolean isGcOrVmThread(String name) {
        return name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")
                || name.startsWith("Z") && !name.startsWith("Zip") || name.startsWith("Shenandoah");
    }

    /** utime + stime (fields 14 and 15 of a /proc stat line, in clock ticks of 10 ms) in nanoseconds. */
    static long statCpuNanos(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** Where to connect and how. */
    private record Target(String host, int port, String path, Optional<SSLSocketFactory> tls, int timeoutMillis) {
        static Target of(Options o) throws Exception {
            URI u = o.url();
            boolean https = u.getScheme().equals("https");
            int port = u.getPort() >= 0 ? u.getPort() : https ? 443 : 80;
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            Optional<SSLSocketFactory> tls = Optional.empty();
            if (https) {
                SSLContext ctx = o.trust().isPresent() ? trusting(o.trust().get()) : SSLContext.getDefault();
                tls = Optional.of(ctx.getSocketFactory());
            }
            return new Target(u.getHost(), port, path, tls, (int) Math.min(Integer.MAX_VALUE,
                    o.timeout().toMillis()));
        }

        Socket connect() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            if (tls.isPresent()) {
                SSLSocket t = (SSLSocket) tls.get().createSocket(s, host, port, true);
                t.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                t.startHandshake();
                return t;
            }
            return s;
        }
    }

    /** One keep-alive connection sending on schedule. */
    private static final class Client implements Runnable {
        final Target target;
        final byte[][] body;
        final int index;
        final long first;
        final long period;
        final long measureFrom;
        final long end;
        final AtomicLong errors;
        final AtomicLong connects;
        final List<String> samples;
        long[] latencies = new long[1024];
        private int recorded;
        private long completedInTime;
        private volatile boolean stopped;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(Target target, byte[][] body, int index, long first, long period, long measureFrom, long end,
               AtomicLong errors, AtomicLong connects, List<String> samples) {
            this.target = target;
            this.body = body;
            this.index = index;
            this.first = first;
            this.period = period;
            this.measureFrom = measureFrom;
            this.end = end;
            this.errors = errors;
            this.connects = connects;
            this.samples = samples;
        }

        synchronized int recorded() {
            return recorded;
        }

        void stop() {
            stopped = true;
            close();
        }

        @Override
        public void run() {
            ByteArrayOutputStream request = new ByteArrayOutputStream(body[0].length + body[1].length + 256);
            for (long i = 0; !stopped; i++) {
                long due = first + i * period;
                if (due < measureFrom && System.nanoTime() >= measureFrom) {
                    // still behind with warm-up requests when the measured time starts: drop them
                    i = Math.max(i, (measureFrom - first + period - 1) / period) - 1;
                    continue;
                }
                if (due >= end || System.nanoTime() >= end) {
                    break;   // behind schedule at the end: the requests not sent count as missed
                }
                try {
                    sleepUntil(due);
                } catch (InterruptedException e) {
                    break;
                }
                String uid = "c" + index + "-" + i;
                String failure = exchange(request, uid);
                long done = System.nanoTime();
                long latency = done - due;
                if (due >= measureFrom) {
                    record(latency, done <= end);
                    count(failure);
                }
            }
            close();
        }

        /** Counts a failed exchange ({@code failure} non-null) and keeps the first five as samples. */
        void count(String failure) {
            if (failure != null) {
                errors.incrementAndGet();
                if (samples.size() < 5) {
                    samples.add(failure);
                }
            }
        }

        private synchronized void record(long latency, boolean inTime) {
            if (recorded == latencies.length) {
                latencies = Arrays.copyOf(latencies, recorded * 2);
            }
            latencies[recorded++] = latency;
            if (inTime) {
                completedInTime++;
            }
        }

        synchronized long completedInTime() {
            return completedInTime;
        }

        long missed() {
            long first = Math.max(0, (measureFrom - this.first + period - 1) / period);
            long last = Math.max(0, (end - this.first + period - 1) / period);
            return Math.max(0, last - first - recorded());
        }

        /** Sends one review and reads the answer; null when it is right, else what went wrong. */
        private String exchange(ByteArrayOutputStream request, String uid) {
            byte[] id = uid.getBytes(StandardCharsets.US_ASCII);
            request.reset();
            String head = "POST " + target.path() + " HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                    + (body[0].length + id.length + body[1].length) + "\r\n\r\n";
            request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(body[0]);
            request.writeBytes(id);
            request.writeBytes(body[1]);
            try {
                if (socket == null) {
                    connects.incrementAndGet();
                    socket = target.connect();
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                    out = socket.getOutputStream();
                }
                request.writeTo(out);
                out.flush();
                Response r = Response.read(in);
                if (r.close()) {
                    close();
                }
                String text = new String(r.body(), StandardCharsets.UTF_8);
                if (r.status() != 200) {
                    return "HTTP " + r.status() + ": " + abbreviate(text);
                }
                if (!text.contains("\"uid\":\"" + uid + "\"") || !text.contains("\"allowed\":true")) {
                    return "wrong answer: " + abbreviate(text);
                }
                return null;
            } catch (IOException | RuntimeException e) {
                close();
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        private synchronized void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** An HTTP/1.1 response read whole (Content-Length or chunked), and whether the server closes the connection. */
    record Response(int status, byte[] body, boolean close) {
        static Response read(InputStream in) throws IOException {
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + abbreviate(status));
            }
            int code = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = parts[0].equals("HTTP/1.0");
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    b.writeBytes(exactly(in, size));
                    line(in);
                }
                for (String t = line(in); !t.isEmpty(); t = line(in)) {
                    // trailers
                }
                body = b.toByteArray();
            } else if (length >= 0) {
                if (length > 64L << 20) {
                    throw new IOException("answer too large: " + length);
                }
                body = exactly(in, (int) length);
            } else if (code == 204 || code == 304) {
                body = new byte[0];
            } else {
                body = in.readNBytes(64 << 20);
                close = true;
            }
            return new Response(code, body, close);
        }

        private static byte[] exactly(InputStream in, int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new IOException("connection closed in the middle of an answer");
            }
            return b;
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (b.length() > 8192) {
                    throw new IOException("header line too long");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
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
