package io.kcs.cilium.rules.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Prints the CPU time (not wall-clock time) of one {@code analyze} and one {@code diff} of the
 * {@link AnalysisBenchmark} workload: the median of 50 runs after 50 warm-up runs, measured with
 * {@link ThreadMXBean#getCurrentThreadCpuTime()}. On a shared machine whose load exceeds its cores, JMH's wall-clock
 * figures include the time the thread waited for a core; this report does not. A measurement to run by hand, not a
 * test: {@code java -cp <test classpath> io.kcs.cilium.rules.bench.AnalysisCpuTimeReport}.
 */
public final class AnalysisCpuTimeReport {

    private AnalysisCpuTimeReport() {}

    public static void main(String[] args) {
        AnalysisBenchmark b = new AnalysisBenchmark();
        b.setup();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] analyze = new long[50];
        long[] diff = new long[50];
        int sink = 0;
        for (int round = -50; round < 50; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            sink += b.analyze().size();
            long t1 = mx.getCurrentThreadCpuTime();
            sink += b.diff().egress().newlyAllowed().size();
            long t2 = mx.getCurrentThreadCpuTime();
            if (round >= 0) {
                analyze[round] = t1 - t0;
                diff[round] = t2 - t1;
            }
        }
        Arrays.sort(analyze);
        Arrays.sort(diff);
        System.out.printf("analyze: median %.1f ms CPU (min %.1f, max %.1f); diff: median %.1f ms CPU (min %.1f,"
                + " max %.1f) [%d]%n", analyze[25] / 1e6, analyze[0] / 1e6, analyze[49] / 1e6, diff[25] / 1e6,
                diff[0] / 1e6, diff[49] / 1e6, sink);
    }
}
