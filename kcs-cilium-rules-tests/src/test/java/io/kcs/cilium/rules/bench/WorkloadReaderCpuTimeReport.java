package io.kcs.cilium.rules.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link WorkloadReaderBenchmark} workloads timed by the thread's CPU time instead of the wall clock (on a shared
 * machine wall-clock JMH scores measure the scheduler): milliseconds of CPU per read of the 1,120-document text, for
 * the strict YAML alone, the whole strict read and the deprecated lenient path, eight rounds of 5 reads each.
 *
 * <p>Run: {@code java -cp ... io.kcs.cilium.rules.bench.WorkloadReaderCpuTimeReport} (see README).
 */
public final class WorkloadReaderCpuTimeReport {

    private WorkloadReaderCpuTimeReport() {}

    /** Prints the report. */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        WorkloadReaderBenchmark b = new WorkloadReaderBenchmark();
        b.setup();
        int reads = 5;
        for (int round = 1; round <= 8; round++) {
            long sink = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < reads; i++) {
                sink += b.yamlDocumentsOnly().size();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < reads; i++) {
                sink += b.read1000Workloads().workloads().size();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < reads; i++) {
                sink += b.deprecatedLenientPath().size();
            }
            long t3 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: YamlDocuments %.1f ms, WorkloadReader.read %.1f ms, deprecated lenient path"
                    + " %.1f ms of CPU per read (%d)%n", round, (t1 - t0) / 1e6 / reads, (t2 - t1) / 1e6 / reads,
                    (t3 - t2) / 1e6 / reads, sink);
        }
    }
}
