package io.kcs.cilium.rules.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link HubbleBenchmark} workloads timed by the thread's CPU time instead of the wall clock: on a machine shared
 * with other work (the 2-core VM these figures come from ran at a load average above 20), wall-clock JMH scores
 * measure the scheduler, CPU time what the code costs. Prints flows per CPU-second for read+map and replay, eight
 * rounds of 100 passes over the 4,096 lines after the same setup.
 *
 * <p>Run: {@code java -cp ... io.kcs.cilium.rules.bench.HubbleCpuTimeReport} (see README).
 */
public final class HubbleCpuTimeReport {

    private HubbleCpuTimeReport() {}

    /** Prints the report. */
    public static void main(String[] args) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        HubbleBenchmark b = new HubbleBenchmark();
        b.setup();
        double flows = 100.0 * HubbleBenchmark.LINES;
        for (int round = 1; round <= 8; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            long sink = 0;
            for (int i = 0; i < 100; i++) {
                sink += b.readAndMap();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                sink += b.replay();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: read+map %,.0f flows per CPU-second, replay %,.0f flows per CPU-second"
                    + " (%d)%n", round, flows / ((t1 - t0) / 1e9), flows / ((t2 - t1) / 1e9), sink);
        }
    }
}
