package io.kcs.cilium.rules.bench;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The {@link AdmissionBenchmark} workload (a 20-rule CiliumNetworkPolicy CREATE, lints on) timed by the thread's CPU
 * time instead of the wall clock, split into the reader and the rest of the handler: on a shared 2-core VM the
 * wall-clock JMH score measures the scheduler, CPU time what the code costs. Prints microseconds of CPU and kilobytes
 * allocated per call (the allocation is what JMH's {@code -prof gc} reports, and does not depend on the load), six
 * rounds after a warm-up round, for:
 * <ul>
 *   <li>{@code read}: {@link CiliumPolicyReader#read} of the typed policy alone (the reader's share);</li>
 *   <li>{@code review}: {@link CiliumPolicyAdmission#review(AdmissionReview)} of a read review (decoding the object,
 *   reading, building the answer); {@code review - read} is the handler's own share;</li>
 *   <li>{@code readReview} and {@code writeReview}: the JSON envelope in and out, as the webhook server does it;</li>
 *   <li>{@code json}: bytes in, bytes out through the tree ({@code readReview}, {@code review},
 *   {@code writeReview});</li>
 *   <li>{@code bytes}: bytes in, bytes out with {@link CiliumPolicyAdmission#reviewJson(byte[])} and
 *   {@code writeReview}, as the webhook server does it; {@code bytes - read} is the server path's own share.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp ... io.kcs.cilium.rules.bench.AdmissionCpuTimeReport [calls per round [rounds]]} (see README).
 */
public final class AdmissionCpuTimeReport {

    private AdmissionCpuTimeReport() {}

    /** Prints the report; the arguments are the calls per round (default 2,000) and the rounds (default 6). */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        AdmissionBenchmark b = new AdmissionBenchmark();
        b.setup();
        CiliumPolicyReader reader = CiliumPolicyReader.create(MappingOptions.defaults().withCiliumVersion("1.19"));
        CiliumNetworkPolicy typed = CiliumPolicies.fromYaml(AdmissionBenchmark.policy(false),
                CiliumNetworkPolicy.class);
        AdmissionReview answer = b.reviewValid20Rules();
        String[] names = {"read", "review", "invalid review", "readReview", "writeReview", "json", "bytes",
            "invalid bytes"};
        List<ToIntFunction<Integer>> calls = List.of(
                i -> reader.read(typed).rules().size(),
                i -> b.reviewValid20Rules().getResponse().getAllowed() ? 1 : 0,
                i -> b.reviewInvalid20Rules().getResponse().getAllowed() ? 1 : 0,
                i -> CiliumPolicyAdmission.readReview(b.validJson).getRequest().getUid().length(),
                i -> CiliumPolicyAdmission.writeReview(answer).length,
                i -> b.jsonValid20Rules().length,
                i -> b.bytesValid20Rules().length,
                i -> b.bytesInvalid20Rules().length);
        for (int round = 0; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            double[] micros = new double[names.length];
            for (int c = 0; c < names.length; c++) {
                long[] cpuAndBytes = measure(n, calls.get(c));
                micros[c] = cpuAndBytes[0] / 1e3 / n;
                line.append(String.format(Locale.ROOT, " %s %.1f us %.0f kB,", names[c], micros[c],
                        cpuAndBytes[1] / 1024.0 / n));
            }
            line.append(String.format(Locale.ROOT, " handler (review - read) %.1f us, server path (bytes - read)"
                    + " %.1f us", micros[1] - micros[0], micros[6] - micros[0]));
            if (round > 0) {
                System.out.println(line);
            }
        }
    }

    /** {CPU nanoseconds, allocated bytes} of {@code n} calls on this thread. */
    private static long[] measure(int n, ToIntFunction<Integer> call) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long sink = 0;
        long a0 = mx.getThreadAllocatedBytes(id);
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += call.applyAsInt(i);
        }
        long t1 = mx.getCurrentThreadCpuTime();
        long a1 = mx.getThreadAllocatedBytes(id);
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink);
        }
        return new long[] {t1 - t0, a1 - a0};
    }
}
