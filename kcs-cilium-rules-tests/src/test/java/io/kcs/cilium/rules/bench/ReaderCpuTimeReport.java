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
 * the cross-policy lints ({@code readSetOf1000Policies}), with the bytes each read allocates (the thread's allocation
 * counter: independent of the machine's load).
 *
 * <p>Run: {@code java -cp ... io.kcs.cilium.rules.bench.ReaderCpuTimeReport} (see README).
 */
public final class ReaderCpuTimeReport {

    private ReaderCpuTimeReport() {}

    /** Prints the report. */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        long me = Thread.currentThread().getId();
        ReaderBenchmark b = new ReaderBenchmark();
        b.setup();
        CiliumPolicyReader reader = b.reader;
        CiliumNetworkPolicy small = ReaderBenchmark.bigPolicy(20, 20);
        int big = 400;
        int twenty = 10_000;
        int sets = 20;
        for (int round = 1; round <= 8; round++) {
            long sink = 0;
            long a0 = alloc.getThreadAllocatedBytes(me);
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < big; i++) {
                sink += size(b.readOneCnpWith500Rules());
            }
            long t1 = mx.getCurrentThreadCpuTime();
            long a1 = alloc.getThreadAllocatedBytes(me);
            for (int i = 0; i < twenty; i++) {
                sink += size(reader.read(small));
            }
            long t2 = mx.getCurrentThreadCpuTime();
            long a2 = alloc.getThreadAllocatedBytes(me);
            for (int i = 0; i < sets; i++) {
                sink += size(b.readSetOf1000Policies());
            }
            long t3 = mx.getCurrentThreadCpuTime();
            long a3 = alloc.getThreadAllocatedBytes(me);
            System.out.printf("round %d: 500-rule CNP %,.0f us (%,d KB), 20-rule CNP %,.1f us (%,d KB), 1,000-policy"
                    + " set %,.0f us (%,d KB) CPU per read (allocated) (%d)%n", round, (t1 - t0) / 1e3 / big,
                    (a1 - a0) / 1024 / big, (t2 - t1) / 1e3 / twenty, (a2 - a1) / 1024 / twenty,
                    (t3 - t2) / 1e3 / sets, (a3 - a2) / 1024 / sets, sink);
        }
    }

    private static long size(PolicyReadResult r) {
        return r.rules().size() + r.diagnostics().size();
    }
}
