package io.kcs.cilium.rules.events;

/**
 * Why an {@link AggregatedEvent} was reported.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum ReportReason {
    /** The level does not aggregate: every event is reported. */
    NOT_AGGREGATED,
    /** A dropped packet: always reported, never merged. */
    DROPPED,
    /** The first event of a connection half. */
    NEW_CONNECTION,
    /** The aggregation interval passed since the key's last report. */
    INTERVAL_ELAPSED,
    /** The event carries a report flag not yet seen for the key. */
    NEW_FLAG,
    /** A FIN or RST closes the connection half (and ends the key). */
    CONNECTION_CLOSED,
    /** Merged events of a key that stayed idle for longer than the interval. */
    IDLE_EXPIRED,
    /** Merged events of a key evicted because the tracked-connection cap was reached. */
    EVICTED,
    /** Merged events returned by {@link EventAggregator#flush()}. */
    FLUSHED
}
