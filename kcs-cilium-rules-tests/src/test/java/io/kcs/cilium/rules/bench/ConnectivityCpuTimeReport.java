package io.kcs.cilium.rules.bench;

import io.kcs.cilium.rules.policy.ConnectivityMap;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link ConnectivityBenchmark} workload (500 workloads, 249,500 cells, a fresh engine each time) timed by the
 * calling thread's CPU time on one thread, and by the wall clock on one and two threads: on a shared VM the CPU time
 * is what the code costs. Prints six rounds after the benchmark's setup.
 *
 * <p>Run: {@code java -cp ... io.kcs.cilium.rules.bench.ConnectivityCpuTimeReport} (see README).
 */
public final class ConnectivityCpuTimeReport {

    private ConnectivityCpuTimeReport() {}

    /** Prints the report. */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ConnectivityBenchmark b = new ConnectivityBenchmark();
        b.setup();
        for (int round = 1; round <= 6; round++) {
            long w0 = System.nanoTime();
            long t0 = mx.getCurrentThreadCpuTime();
            ConnectivityMap one = b.map1();
            long t1 = mx.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            ConnectivityMap two = b.map2();
            long w2 = System.nanoTime();
            System.out.printf("round %d: one thread %,.0f ms CPU (%,.0f ms wall); two threads %,.0f ms wall; %s%s%n",
                    round, (t1 - t0) / 1e6, (w1 - w0) / 1e6, (w2 - w1) / 1e6, one,
                    one.reachable().equals(two.reachable()) ? "" : " MAPS DIFFER");
        }
    }
}
