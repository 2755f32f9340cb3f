package io.kcs.cilium.rules.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link PolicyEngineBenchmark} {@code trace} workload (and the verdict-only {@code allows} on the same flows)
 * timed by the thread's CPU time instead of the wall clock: on a shared 2-core VM the wall-clock JMH score measures
 * the scheduler, CPU time what the code costs. Prints nanoseconds of CPU per call, eight rounds of 200,000 calls
 * after the benchmark's setup.
 *
 * <p>Run: {@code java -cp ... io.kcs.cilium.rules.bench.PolicyEngineCpuTimeReport} (see README).
 */
public final class PolicyEngineCpuTimeReport {

    private PolicyEngineCpuTimeReport() {}

    /** Prints the report. */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        PolicyEngineBenchmark b = new PolicyEngineBenchmark();
        b.setup();
        int n = 200_000;
        for (int round = 1; round <= 8; round++) {
            long sink = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += b.trace().allowed() ? 1 : 0;
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                PolicyEngineBenchmark.Flow f = b.flows[i & (b.flows.length - 1)];
                sink += b.engine.allows(f.source(), f.destination(), f.protocol(), f.port(),
                        PolicyEngineBenchmark.NOW) ? 1 : 0;
            }
            long t2 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: trace %,.0f ns CPU per call, allows %,.0f ns CPU per call (%d)%n", round,
                    (t1 - t0) / (double) n, (t2 - t1) / (double) n, sink);
        }
    }
}
