package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;
import java.util.Set;

/**
 * Cilium's ICMP type check ({@code pkg/policy/api/icmp.go ICMPField.UnmarshalJSON}): a type is a number, or a name
 * from the family's table ({@code IPv6} uses the ICMPv6 table, anything else the ICMPv4 one). Stateless.
 */
final class Icmp {

    private Icmp() {}

    static final Set<String> IPV4_TYPES = Set.of("EchoReply", "DestinationUnreachable", "Redirect", "Echo",
            "EchoRequest", "RouterAdvertisement", "RouterSelection", "TimeExceeded", "ParameterProblem", "Timestamp",
            "TimestampReply", "Photuris", "ExtendedEchoRequest", "ExtendedEchoReply");

    static final Set<String> IPV6_TYPES = Set.of("DestinationUnreachable", "PacketTooBig", "TimeExceeded",
            "ParameterProblem", "EchoRequest", "EchoReply", "MulticastListenerQuery", "MulticastListenerReport",
            "MulticastListenerDone", "RouterSolicitation", "RouterAdvertisement", "NeighborSolicitation",
            "NeighborAdvertisement", "RedirectMessage", "RouterRenumbering", "ICMPNodeInformationQuery",
            "ICMPNodeInformationResponse", "InverseNeighborDiscoverySolicitation",
            "InverseNeighborDiscoveryAdvertisement", "HomeAgentAddressDiscoveryRequest",
            "HomeAgentAddressDiscoveryReply", "MobilePrefixSolicitation", "MobilePrefixAdvertisement",
            "DuplicateAddressRequestCodeSuffix", "DuplicateAddressConfirmationCodeSuffix", "ExtendedEchoRequest",
            "ExtendedEchoReply");

    private static final String CHECK = " (Cilium icmp.go ICMPField.UnmarshalJSON: \"ICMP type not found\")";

    /** Why the agent refuses {@code type} in {@code family}, or empty. */
    static Optional<String> typeProblem(IntOrString type, String family) {
        if (type == null || (type.getIntVal() == null && type.getStrVal() == null)) {
            return Optional.of("the ICMP field has no type; set a type number or name" + CHECK);
        }
        if (type.getIntVal() != null) {
            return Optional.empty();
        }
        String s = type.getStrVal();
        if (s.equals("0") || goAtoi(s) != 0) {
            return Optional.empty();
        }
        boolean v6 = "IPv6".equals(family);
        Set<String> names = v6 ? IPV6_TYPES : IPV4_TYPES;
        if (names.contains(s)) {
            return Optional.empty();
        }
        String hint = Hints.closest(s, java.util.List.copyOf(names)).map(h -> " (did you mean " + PolicyChecks.q(h)
                + "?)").orElse("");
        return Optional.of("ICMP type " + PolicyChecks.q(s) + " is not an " + (v6 ? "ICMPv6" : "ICMPv4")
                + " type name" + hint + "; use a number or a name of the family's table (names are case-sensitive)"
                + CHECK);
    }

    /** Go {@code strconv.Atoi}, 0 on error (what {@code IntOrString.IntValue} returns). */
    static long goAtoi(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || digits.length() > 18) {
            return 0;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return 0;
            }
        }
        long n = Long.parseLong(digits);
        return s.startsWith("-") ? -n : n;
    }
}
