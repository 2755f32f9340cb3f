package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link ReaderBenchmark} workloads (and a typical 20-rule CNP, the size of an admission review) timed by the
 * thread's CPU time instead of the wall clock: on a shared 2-core VM the wall-clock JMH score measures the scheduler,
 * CPU time what the code costs. Prints microseconds of CPU per read, eight rounds after the benchmark's setup: the
 * 500-rule CNP ({@code readOneCnpWith500Rules}), a 20-rule CNP from the same generator, and the 1,000-policy set with
 * the cross-policy lints ({@code readSetOf1000Policies}).
 *
 * <p>Run: {@code java -cp ... io.kcs.cilium.rules.bench.ReaderCpuTimeReport} (see README).
 */
public final class ReaderCpuTimeReport {

    private ReaderCpuTimeReport() {}

    /** Prints the report. */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ReaderBenchmark b = new ReaderBenchmark();
        b.setup();
        CiliumPolicyReader reader = b.reader;
        CiliumNetworkPolicy small = ReaderBenchmark.bigPolicy(20, 20);
        int big = 400;
        int twenty = 10_000;
        int sets = 20;
        for (int round = 1; round <= 8; round++) {
            long sink = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < big; i++) {
                sink += size(b.readOneCnpWith500Rules());
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < twenty; i++) {
                sink += size(reader.read(small));
            }
            long t2 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < sets; i++) {
                sink += size(b.readSetOf1000Policies());
            }
            long t3 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: 500-rule CNP %,.0f us, 20-rule CNP %,.1f us, 1,000-policy set %,.0f us"
                    + " CPU per read (%d)%n", round, (t1 - t0) / 1e3 / big, (t2 - t1) / 1e3 / twenty,
                    (t3 - t2) / 1e3 / sets, sink);
        }
    }

    private static long size(PolicyReadResult r) {
        return r.rules().size() + r.diagnostics().size();
    }
}
