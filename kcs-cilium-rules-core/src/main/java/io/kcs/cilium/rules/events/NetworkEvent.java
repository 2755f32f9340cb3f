package io.kcs.cilium.rules.events;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One network event as the datapath reports it: when, between which addresses and ports, which protocol and TCP
 * flags, the bundled traffic direction, whether the packet belongs to the connection's reply half, and whether it
 * was forwarded or dropped.
 *
 * <p>The connection key is the 5-tuple as seen from the opener: for a reply packet the source is the opener's
 * destination, so a request {@code A:1 -> B:2} and its reply {@code B:2 -> A:1} share one connection (and are kept
 * apart by the reply half).
 *
 * <pre>{@code
 * NetworkEvent e = NetworkEvent.builder()
 *         .timestamp(Instant.parse("2026-01-01T00:00:00Z"))
 *         .source(IpAddress.parse("10.0.0.1"), 40000).destination(IpAddress.parse("10.0.0.2"), 443)
 *         .protocol(Protocol.TCP).flags(TcpFlag.SYN)
 *         .trafficDirection(Direction.EGRESS).reply(false).verdict(EventVerdict.FORWARDED)
 *         .build();
 * }</pre>
 *
 * <p>What it does not do: no payload, no identities. Immutable and thread-safe; the builder is not thread-safe.
 */
public final class NetworkEvent {

    private static final Instant MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    private static final Instant MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private final Instant timestamp;
    private final long nanos;
    private final IpAddress source;
    private final int sourcePort;
    private final IpAddress destination;
    private final int destinationPort;
    private final Protocol protocol;
    private final int flags;
    private final Direction direction;
    private final boolean reply;
    private final EventVerdict verdict;

    private NetworkEvent(Builder b) {
        this.timestamp = b.timestamp;
        this.nanos = toNanos(b.timestamp);
        this.source = b.source;
        this.sourcePort = b.sourcePort;
        this.destination = b.destination;
        this.destinationPort = b.destinationPort;
        this.protocol = b.protocol;
        this.flags = b.flags;
        this.direction = b.direction;
        this.reply = b.reply;
        this.verdict = b.verdict;
    }

    /** A builder; timestamp, source, destination, protocol and traffic direction are required. */
    public static Builder builder() {
        return new Builder();
    }

    static long toNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** When the packet was seen. */
    public Instant timestamp() {
        return timestamp;
    }

    /** {@link #timestamp()} as nanoseconds since the epoch. */
    public long epochNanos() {
        return nanos;
    }

    /** The packet's source address. */
    public IpAddress sourceAddress() {
        return source;
    }

    /** The packet's source port (0 where the protocol has none). */
    public int sourcePort() {
        return sourcePort;
    }

    /** The packet's destination address. */
    public IpAddress destinationAddress() {
        return destination;
    }

    /** The packet's destination port (0 where the protocol has none). */
    public int destinationPort() {
        return destinationPort;
    }

    /** The L4 protocol. */
    public Protocol protocol() {
        return protocol;
    }

    /** The TCP flags (empty for other protocols). */
    public Set<TcpFlag> flags() {
        return TcpFlag.fromBits(flags);
    }

    /** The TCP flags as header bits. */
    public int flagBits() {
        return flags;
    }

    /** The bundled traffic direction (the connection opener's). */
    public Direction trafficDirection() {
        return direction;
    }

    /** Whether the packet belongs to the connection's reply half. */
    public boolean reply() {
        return reply;
    }

    /** Forwarded or dropped. */
    public EventVerdict verdict() {
        return verdict;
    }

    /** The opener's address (the source of a request, the destination of a reply). */
    public IpAddress openerAddress() {
        return reply ? destination : source;
    }

    /** The opener's port. */
    public int openerPort() {
        return reply ? destinationPort : sourcePort;
    }

    /** The responder's address. */
    public IpAddress responderAddress() {
        return reply ? source : destination;
    }

    /** The responder's port. */
    public int responderPort() {
        return reply ? sourcePort : destinationPort;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkEvent e && e.nanos == nanos && e.sourcePort == sourcePort
                && e.destinationPort == destinationPort && e.flags == flags && e.reply == reply
                && e.protocol == protocol && e.direction == direction && e.verdict == verdict
                && e.source.equals(source) && e.destination.equals(destination);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nanos, source, sourcePort, destination, destinationPort, protocol, flags, direction, reply,
                verdict);
    }

    @Override
    public String toString() {
        return timestamp + " " + verdict + " " + direction + (reply ? " reply " : " ") + protocol + " " + source + ":"
                + sourcePort + " -> " + destination + ":" + destinationPort + (flags == 0 ? "" : " " + flags());
    }

    /** Builds a {@link NetworkEvent}. Not thread-safe. */
    public static final class Builder {
        private Instant timestamp;
        private IpAddress source;
        private int sourcePort;
        private IpAddress destination;
        private int destinationPort;
        private Protocol protocol;
        private int flags;
        private Direction direction;
        private boolean reply;
        private EventVerdict verdict = EventVerdict.FORWARDED;

        private Builder() {}

        /**
         * When the packet was seen.
         *
         * @throws IllegalArgumentException outside the years 1678-2261 (nanosecond epoch range)
         */
        public Builder timestamp(Instant timestamp) {
            Objects.requireNonNull(timestamp, "timestamp");
            if (timestamp.isBefore(MIN) || timestamp.isAfter(MAX)) {
                throw new IllegalArgumentException("timestamp outside the nanosecond epoch range: " + timestamp);
            }
            this.timestamp = timestamp;
            return this;
        }

        /** The packet's source. @throws IllegalArgumentException when the port is outside 0-65535 */
        public Builder source(IpAddress address, int port) {
            this.source = Objects.requireNonNull(address, "address");
            this.sourcePort = checkPort(port);
            return this;
        }

        /** The packet's destination. @throws IllegalArgumentException when the port is outside 0-65535 */
        public Builder destination(IpAddress address, int port) {
            this.destination = Objects.requireNonNull(address, "address");
            this.destinationPort = checkPort(port);
            return this;
        }

        /** The L4 protocol. */
        public Builder protocol(Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** The TCP flags (none by default). */
        public Builder flags(TcpFlag... flags) {
            int b = 0;
            for (TcpFlag f : flags) {
                b |= Objects.requireNonNull(f, "flag").bit();
            }
            this.flags = b;
            return this;
        }

        /** The TCP flags as header bits (0-255). */
        public Builder flagBits(int bits) {
            if (bits < 0 || bits > 0xFF) {
                throw new IllegalArgumentException("TCP flag bits must be 0-255: " + bits);
            }
            this.flags = bits;
            return this;
        }

        /** The bundled traffic direction. */
        public Builder trafficDirection(Direction direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        /** Whether the packet belongs to the reply half (false by default). */
        public Builder reply(boolean reply) {
            this.reply = reply;
            return this;
        }

        /** Forwarded (default) or dropped. */
        public Builder verdict(EventVerdict verdict) {
            this.verdict = Objects.requireNonNull(verdict, "verdict");
            return this;
        }

        /**
         * The event.
         *
         * @throws IllegalStateException when a required part is missing
         * @throws IllegalArgumentException when the addresses are of different families or a non-TCP event has
         *     TCP flags
         */
        public NetworkEvent build() {
            if (timestamp == null || source == null || destination == null || protocol == null || direction == null) {
                throw new IllegalStateException("timestamp, source, destination, protocol and trafficDirection are"
                        + " required");
            }
            if (source.isIpv4() != destination.isIpv4()) {
                throw new IllegalArgumentException("source " + source + " and destination " + destination
                        + " are of different families");
            }
            if (flags != 0 && protocol != Protocol.TCP) {
                throw new IllegalArgumentException("TCP flags on a " + protocol + " event");
            }
            return new NetworkEvent(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            return port;
        }
    }
}
