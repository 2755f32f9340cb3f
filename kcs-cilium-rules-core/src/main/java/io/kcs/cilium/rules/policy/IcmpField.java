package io.kcs.cilium.rules.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One ICMP type allowed or denied (Cilium's {@code api.ICMPField}): a family and a type, written as a number 0–255
 * or as one of Cilium's type names ({@code EchoRequest}, {@code DestinationUnreachable}, {@code PacketTooBig}...;
 * the names differ per family: {@code EchoRequest} is 8 for IPv4 and 128 for IPv6).
 *
 * <p>The name, when written, is kept so a policy can be written back as it was; {@link #type()} is always the number.
 *
 * <pre>{@code
 * IcmpField.ofName(IcmpFamily.IPV6, "EchoRequest").type();   // 128
 * IcmpField.ofNumber(IcmpFamily.IPV4, 8).toString();          // "IPv4/8"
 * IcmpField.ofName(IcmpFamily.IPV4, "PacketTooBig");           // IllegalArgumentException: IPv6-only name
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param family the family
 * @param type the ICMP type number, 0–255
 * @param typeName the name the type was written as, when it was a name
 */
public record IcmpField(IcmpFamily family, int type, Optional<String> typeName) {

    private static final Map<String, Integer> IPV4_NAMES = names(
            "EchoReply", 0, "DestinationUnreachable", 3, "Redirect", 5, "Echo", 8, "EchoRequest", 8,
            "RouterAdvertisement", 9, "RouterSelection", 10, "TimeExceeded", 11, "ParameterProblem", 12,
            "Timestamp", 13, "TimestampReply", 14, "Photuris", 40, "ExtendedEchoRequest", 42,
            "ExtendedEchoReply", 43);

    private static final Map<String, Integer> IPV6_NAMES = names(
            "DestinationUnreachable", 1, "PacketTooBig", 2, "TimeExceeded", 3, "ParameterProblem", 4,
            "EchoRequest", 128, "EchoReply", 129, "MulticastListenerQuery", 130, "MulticastListenerReport", 131,
            "MulticastListenerDone", 132, "RouterSolicitation", 133, "RouterAdvertisement", 134,
            "NeighborSolicitation", 135, "NeighborAdvertisement", 136, "RedirectMessage", 137,
            "RouterRenumbering", 138, "ICMPNodeInformationQuery", 139, "ICMPNodeInformationResponse", 140,
            "InverseNeighborDiscoverySolicitation", 141, "InverseNeighborDiscoveryAdvertisement", 142,
            "HomeAgentAddressDiscoveryRequest", 144, "HomeAgentAddressDiscoveryReply", 145,
            "MobilePrefixSolicitation", 146, "MobilePrefixAdvertisement", 147, "DuplicateAddressRequestCodeSuffix", 157,
            "DuplicateAddressConfirmationCodeSuffix", 158, "ExtendedEchoRequest", 160, "ExtendedEchoReply", 161);

    private static Map<String, Integer> names(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * @throws IllegalArgumentException when the type is outside 0–255, or the name is not one of the family's names
     *     or does not stand for {@code type}
     */
    public IcmpField {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(typeName, "typeName");
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("ICMP type " + type + " is outside 0-255");
        }
        if (typeName.isPresent()) {
            Integer n = typeNames(family).get(typeName.get());
            if (n == null) {
                throw new IllegalArgumentException("ICMP type name " + Checks.quote(typeName.get())
                        + " is not a " + family.ciliumName() + " type name");
            }
            if (n != type) {
                throw new IllegalArgumentException("ICMP type name " + typeName.get() + " is " + n + ", not " + type);
            }
        }
    }

    /** A type given as a number. @throws IllegalArgumentException when outside 0–255 */
    public static IcmpField ofNumber(IcmpFamily family, int type) {
        return new IcmpField(family, type, Optional.empty());
    }

    /**
     * A type given as Cilium's name for it in {@code family} (exact, case-sensitive).
     *
     * @throws IllegalArgumentException when the family has no type of that name
     */
    public static IcmpField ofName(IcmpFamily family, String name) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        Integer n = typeNames(family).get(name);
        if (n == null) {
            throw new IllegalArgumentException("ICMP type name " + Checks.quote(name.length() > 64
                    ? name.substring(0, 64) + "..." : name) + " is not a " + family.ciliumName()
                    + " type name; known: " + typeNames(family).keySet());
        }
        return new IcmpField(family, n, Optional.of(name));
    }

    /** Cilium's type names for a family and their numbers, in Cilium's order. */
    public static Map<String, Integer> typeNames(IcmpFamily family) {
        return family == IcmpFamily.IPV4 ? IPV4_NAMES : IPV6_NAMES;
    }

    /** {@code family/type} or {@code family/name}. */
    @Override
    public String toString() {
        return family.ciliumName() + "/" + typeName.orElse(Integer.toString(type));
    }
}
