package io.kcs.cilium.rules.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A report of the {@link EventAggregator}: one event standing for {@link #count()} events of the same connection
 * half (itself included) since that key's previous report.
 *
 * <p>{@link #event()} is the event that caused the report; for reports of idle, evicted or flushed keys it is the
 * key's latest merged event, rebuilt from the key (same 5-tuple, direction, half and protocol; its flags are the
 * merged events' flags). {@link #first()} and {@link #last()} are the earliest and latest timestamps among the events
 * counted; {@link #flags()} is the union of their TCP flags.
 *
 * <p>Immutable and thread-safe.
 */
public final class AggregatedEvent {

    private final NetworkEvent event;
    private final long count;
    private final long firstNanos;
    private final long lastNanos;
    private final int flags;
    private final ReportReason reason;

    AggregatedEvent(NetworkEvent event, long count, long firstNanos, long lastNanos, int flags, ReportReason reason) {
        this.event = event;
        this.count = count;
        this.firstNanos = firstNanos;
        this.lastNanos = lastNanos;
        this.flags = flags;
        this.reason = reason;
    }

    /** The event that caused the report (see the class documentation for idle, evicted and flushed keys). */
    public NetworkEvent event() {
        return event;
    }

    /** How many events this report stands for, itself included; at least 1. */
    public long count() {
        return count;
    }

    /** The earliest timestamp among the counted events. */
    public Instant first() {
        return Instant.ofEpochSecond(Math.floorDiv(firstNanos, 1_000_000_000L), Math.floorMod(firstNanos, 1_000_000_000L));
    }

    /** The latest timestamp among the counted events. */
    public Instant last() {
        return Instant.ofEpochSecond(Math.floorDiv(lastNanos, 1_000_000_000L), Math.floorMod(lastNanos, 1_000_000_000L));
    }

    /** The union of the counted events' TCP flags. */
    public Set<TcpFlag> flags() {
        return TcpFlag.fromBits(flags);
    }

    /** {@link #flags()} as header bits. */
    public int flagBits() {
        return flags;
    }

    /** Why it was reported. */
    public ReportReason reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AggregatedEvent a && a.count == count && a.firstNanos == firstNanos
                && a.lastNanos == lastNanos && a.flags == flags && a.reason == reason && a.event.equals(event);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, count, firstNanos, lastNanos, flags, reason);
    }

    @Override
    public String toString() {
        return reason + " x" + count + " [" + first() + " .. " + last() + "] " + event;
    }
}
