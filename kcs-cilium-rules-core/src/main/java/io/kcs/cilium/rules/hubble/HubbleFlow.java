package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.events.EventVerdict;
import io.kcs.cilium.rules.events.NetworkEvent;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.net.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Hubble flow (Cilium {@code api/v1/flow/flow.proto}, message {@code Flow}) as {@link HubbleFlows} read it: the
 * fields this library uses, typed, nothing else. Field by field (proto name, JSON name):
 * {@code time}; {@code verdict}; {@code drop_reason_desc}; {@code IP.source}, {@code IP.destination}
 * ({@code IP.ipVersion} is checked against the addresses); {@code l4.TCP|UDP|SCTP.source_port|destination_port},
 * {@code l4.TCP.flags}, {@code l4.ICMPv4|ICMPv6.type|code}; {@code traffic_direction}; {@code is_reply} (a
 * {@code BoolValue}: absent means unknown); {@code source}, {@code destination} ({@link Endpoint}); {@code
 * source_names}, {@code destination_names}; {@code source_service}, {@code destination_service}; {@code l7.dns}
 * ({@link DnsAnswer}); {@code node_name}; {@code Type}.
 *
 * <p>What it is not: not the whole flow (Ethernet, HTTP, Kafka, trace points are skipped) and not interpreted: which
 * side is the workload and what the peer is are decided by {@link WorkloadView}.
 *
 * <pre>{@code
 * HubbleFlow f = HubbleFlows.parseLine("{\"flow\":{\"time\":\"2026-01-01T00:00:00Z\",\"verdict\":\"FORWARDED\","
 *         + "\"IP\":{\"source\":\"10.0.0.5\",\"destination\":\"10.0.0.9\",\"ipVersion\":\"IPv4\"}}}", 1).flow().get();
 * f.protocol();   // OTHER: no l4 field
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param line the 1-based input line the flow was read from (0 when not read from an input)
 * @param time when the packet was seen
 * @param verdict what Cilium did
 * @param dropReason {@code drop_reason_desc} (e.g. {@code POLICY_DENIED}), empty when absent
 * @param sourceIp {@code IP.source}
 * @param destinationIp {@code IP.destination} (same family)
 * @param protocol the {@code l4} protocol, {@link Protocol#OTHER} when there is none
 * @param sourcePort the source port (0 for protocols without ports)
 * @param destinationPort the destination port (0 for protocols without ports)
 * @param tcpFlags TCP flag bits as in the header (FIN 0x01 ... CWR 0x80; NS is not kept)
 * @param icmpType the ICMP type (0 when not ICMP)
 * @param icmpCode the ICMP code (0 when not ICMP)
 * @param trafficDirection {@code traffic_direction}, relative to the endpoint where Hubble observed the packet;
 *     empty when unknown
 * @param reply {@code is_reply}; empty when absent (unknown)
 * @param source the source endpoint
 * @param destination the destination endpoint
 * @param sourceNames DNS names of the source IP
 * @param destinationNames DNS names of the destination IP
 * @param sourceService the Service of the source, when Hubble knows it
 * @param destinationService the Service of the destination, when Hubble knows it
 * @param dns the DNS record of an L7 DNS flow
 * @param nodeName the node that observed the flow, empty when absent
 * @param l7 whether the flow is an L7 flow ({@code Type: L7})
 */
public record HubbleFlow(long line, Instant time, FlowVerdict verdict, String dropReason, IpAddress sourceIp,
        IpAddress destinationIp, Protocol protocol, int sourcePort, int destinationPort, int tcpFlags, int icmpType,
        int icmpCode, Optional<Direction> trafficDirection, Optional<Boolean> reply, Endpoint source,
        Endpoint destination, List<String> sourceNames, List<String> destinationNames,
        Optional<ServiceName> sourceService, Optional<ServiceName> destinationService, Optional<DnsAnswer> dns,
        String nodeName, boolean l7) {

    private static final Instant EVENT_MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    private static final Instant EVENT_MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    /**
     * @throws NullPointerException when a reference is null
     * @throws IllegalArgumentException when the addresses are of different families, a port is outside 0-65535 or
     *     flag bits outside 0-255
     */
    public HubbleFlow {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(dropReason, "dropReason");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(destinationIp, "destinationIp");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(trafficDirection, "trafficDirection");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        sourceNames = List.copyOf(sourceNames);
        destinationNames = List.copyOf(destinationNames);
        Objects.requireNonNull(sourceService, "sourceService");
        Objects.requireNonNull(destinationService, "destinationService");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(nodeName, "nodeName");
        if (sourceIp.isIpv4() != destinationIp.isIpv4()) {
            throw new IllegalArgumentException("source " + sourceIp + " and destination " + destinationIp
                    + " are of different families");
        }
        if ((sourcePort | destinationPort) < 0 || sourcePort > 0xFFFF || destinationPort > 0xFFFF) {
            throw new IllegalArgumentException("ports must be 0-65535: " + sourcePort + ", " + destinationPort);
        }
        if (tcpFlags < 0 || tcpFlags > 0xFF) {
            throw new IllegalArgumentException("TCP flag bits must be 0-255: " + tcpFlags);
        }
    }

    /** Whether Cilium dropped the packet ({@link FlowVerdict#DROPPED}). */
    public boolean dropped() {
        return verdict == FlowVerdict.DROPPED;
    }

    /**
     * This flow as a {@link NetworkEvent} (direction and reply half as Hubble reports them, relative to the observed
     * endpoint; drops and errors as {@link EventVerdict#DROPPED}); empty when the traffic direction is unknown or the
     * time lies outside the years 1678-2261 that {@link NetworkEvent} holds. An unknown {@code is_reply} is read as a
     * request.
     */
    public Optional<NetworkEvent> toEvent() {
        if (trafficDirection.isEmpty() || time.isBefore(EVENT_MIN) || time.isAfter(EVENT_MAX)) {
            return Optional.empty();
        }
        return Optional.of(NetworkEvent.builder().timestamp(time).source(sourceIp, sourcePort)
                .destination(destinationIp, destinationPort).protocol(protocol)
                .flagBits(protocol == Protocol.TCP ? tcpFlags : 0).trafficDirection(trafficDirection.get())
                .reply(reply.orElse(false))
                .verdict(verdict == FlowVerdict.DROPPED || verdict == FlowVerdict.ERROR ? EventVerdict.DROPPED
                        : EventVerdict.FORWARDED)
                .build());
    }

    /**
     * A flow endpoint ({@code Endpoint} in {@code flow.proto}).
     *
     * <p>Immutable and thread-safe.
     *
     * @param id the Cilium endpoint ID ({@code ID}; 0 when not a local endpoint)
     * @param identity the numeric security identity ({@code identity}, an unsigned 32-bit value)
     * @param namespace the Kubernetes namespace, empty when none
     * @param labels the identity labels as Hubble prints them, {@code source:key=value}
     *     ({@code k8s:app=web}, {@code reserved:world})
     * @param podName the pod name, empty when none
     */
    public record Endpoint(long id, long identity, String namespace, List<String> labels, String podName) {

        /** An endpoint about which nothing is known (identity 0). */
        public static final Endpoint UNKNOWN = new Endpoint(0, 0, "", List.of(), "");

        /** @throws IllegalArgumentException when the identity or ID is outside the unsigned 32-bit range */
        public Endpoint {
            Objects.requireNonNull(namespace, "namespace");
            labels = List.copyOf(labels);
            Objects.requireNonNull(podName, "podName");
            if (identity < 0 || identity > 0xFFFF_FFFFL || id < 0 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("identity and ID are unsigned 32-bit values: " + identity + ", "
                        + id);
            }
        }
    }

    /**
     * A Service named in a flow ({@code Service} in {@code flow.proto}).
     *
     * <p>Immutable and thread-safe.
     *
     * @param name the Service name
     * @param namespace its namespace
     */
    public record ServiceName(String name, String namespace) {

        /** @throws NullPointerException when an argument is null */
        public ServiceName {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /**
     * The DNS part of an L7 DNS flow ({@code l7.dns}): the query and, in a response, its answers.
     *
     * <p>Immutable and thread-safe.
     *
     * @param query the name looked up, as Hubble prints it (usually with a trailing dot)
     * @param ips the addresses in the answer
     * @param ttl the answer's TTL in seconds (unsigned 32-bit)
     * @param rcode the DNS return code (0 = NOERROR)
     */
    public record DnsAnswer(String query, List<IpAddress> ips, long ttl, int rcode) {

        /** @throws IllegalArgumentException when the TTL is outside the unsigned 32-bit range */
        public DnsAnswer {
            Objects.requireNonNull(query, "query");
            ips = List.copyOf(ips);
            if (ttl < 0 || ttl > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("TTL is an unsigned 32-bit value: " + ttl);
            }
        }
    }
}
