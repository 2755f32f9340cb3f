package io.kcs.cilium.rules.events;

import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How events are merged: Cilium's {@code monitor-aggregation} level, {@code monitor-aggregation-interval} and
 * {@code monitor-aggregation-flags}.
 *
 * <p>The interval is kept as configured; the datapath uses its whole seconds (Go {@code int64(d.Seconds())}, so
 * {@code 1500ms} acts as 1s and {@code 500ms} as 0s), see {@link #intervalSeconds()}. Option text is read exactly as
 * the agent reads it through {@link CiliumAgentConfig#fromOptions} ({@link #fromOptions}).
 *
 * <pre>{@code
 * AggregationSettings s = AggregationSettings.fromOptions(Map.of(
 *         "monitor-aggregation", "medium", "monitor-aggregation-interval", "10s"));
 * s.level();            // MEDIUM
 * s.reportFlags();      // [FIN, SYN, RST] (agent default)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AggregationSettings {

    private static final AggregationSettings AGENT = new AggregationSettings(AggregationLevel.NONE,
            Duration.ofSeconds(5), TcpFlag.SYN.bit() | TcpFlag.FIN.bit() | TcpFlag.RST.bit());
    private static final AggregationSettings HELM = new AggregationSettings(AggregationLevel.MEDIUM,
            Duration.ofSeconds(5), 0xFF);

    private final AggregationLevel level;
    private final Duration interval;
    private final int flags;

    private AggregationSettings(AggregationLevel level, Duration interval, int flags) {
        this.level = level;
        this.interval = interval;
        this.flags = flags;
    }

    /** The Cilium agent's defaults: none, 5s, syn+fin+rst. */
    public static AggregationSettings agentDefaults() {
        return AGENT;
    }

    /** The Helm chart's defaults: medium, 5s, all flags. */
    public static AggregationSettings helmDefaults() {
        return HELM;
    }

    /**
     * Explicit settings.
     *
     * @throws IllegalArgumentException when the interval is negative
     */
    public static AggregationSettings of(AggregationLevel level, Duration interval, Set<TcpFlag> reportFlags) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(reportFlags, "reportFlags");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("negative aggregation interval " + interval);
        }
        return new AggregationSettings(level, interval, TcpFlag.toBits(reportFlags));
    }

    /** The settings of an agent configuration. */
    public static AggregationSettings from(CiliumAgentConfig config) {
        Objects.requireNonNull(config, "config");
        return new AggregationSettings(AggregationLevel.ofNumber(config.monitorAggregationLevel()),
                config.monitorAggregationInterval(), config.monitorAggregationFlagBits());
    }

    /**
     * The settings of agent options ({@code monitor-aggregation}, {@code monitor-aggregation-interval},
     * {@code monitor-aggregation-flags}; other keys ignored).
     *
     * @throws IllegalArgumentException naming the key and value Cilium would reject
     */
    public static AggregationSettings fromOptions(Map<String, String> options) {
        return from(CiliumAgentConfig.fromOptions(options));
    }

    /** The aggregation level. */
    public AggregationLevel level() {
        return level;
    }

    /** The interval as configured. */
    public Duration interval() {
        return interval;
    }

    /** The interval's whole seconds, as the datapath uses it. */
    public long intervalSeconds() {
        return interval.getSeconds();
    }

    /** The TCP flags whose first appearance in a connection half always causes a report. */
    public Set<TcpFlag> reportFlags() {
        return TcpFlag.fromBits(flags);
    }

    /** {@link #reportFlags()} as header bits. */
    public int reportFlagBits() {
        return flags;
    }

    /** A copy with another level. */
    public AggregationSettings withLevel(AggregationLevel level) {
        return new AggregationSettings(Objects.requireNonNull(level, "level"), interval, flags);
    }

    /** A copy with other report flags. */
    public AggregationSettings withReportFlags(Collection<TcpFlag> reportFlags) {
        return new AggregationSettings(level, interval, TcpFlag.toBits(reportFlags));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AggregationSettings s && s.level == level && s.interval.equals(interval) && s.flags == flags;
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, interval, flags);
    }

    @Override
    public String toString() {
        return "AggregationSettings[" + level + ", " + interval + ", " + reportFlags() + "]";
    }
}
