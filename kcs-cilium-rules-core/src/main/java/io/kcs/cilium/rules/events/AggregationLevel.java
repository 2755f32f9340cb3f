package io.kcs.cilium.rules.events;

/**
 * Cilium's {@code monitor-aggregation} level ({@code pkg/option/monitor.go}). {@link #NONE}, {@link #LOWEST} and
 * {@link #LOW} report every event; {@link #MEDIUM} and {@link #MAXIMUM} (which behaves as medium) aggregate per
 * connection.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum AggregationLevel {
    /** 0: no aggregation ({@code none}, {@code disabled}, empty). */
    NONE,
    /** 1: at most one trace event per packet. */
    LOWEST,
    /** 2: as lowest. */
    LOW,
    /** 3: periodic reports per connection unless there is new information. */
    MEDIUM,
    /** 4: the maximum; behaves as medium. */
    MAXIMUM;

    /** The numeric level 0-4. */
    public int number() {
        return ordinal();
    }

    /** Whether events are merged per connection at this level. */
    public boolean aggregates() {
        return this == MEDIUM || this == MAXIMUM;
    }

    /**
     * The level of a numeric value 0-4.
     *
     * @throws IllegalArgumentException outside 0-4
     */
    public static AggregationLevel ofNumber(int level) {
        if (level < 0 || level > 4) {
            throw new IllegalArgumentException("monitor aggregation level must be between 0 and 4: " + level);
        }
        return values()[level];
    }
}
