package io.kcs.cilium.rules.events;

/**
 * What the datapath did with the packet of a {@link NetworkEvent}. Drops are never aggregated.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum EventVerdict {
    /** The packet passed. */
    FORWARDED,
    /** The packet was dropped. */
    DROPPED
}
