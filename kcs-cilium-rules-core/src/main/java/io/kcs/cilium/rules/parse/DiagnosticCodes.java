package io.kcs.cilium.rules.parse;

import java.util.List;

/**
 * The fixed list of diagnostic codes the exception-list parser emits. Codes are stable API: tools branch on them,
 * never on message wording. The README's syntax reference lists the same codes with examples.
 *
 * <p>Thread-safe (constants only).
 */
public final class DiagnosticCodes {

    /** ERROR: the text is longer than the parser's maximum length, or has more items than its maximum. */
    public static final String INPUT_TOO_LARGE = "input-too-large";
    /** WARNING: an empty entry between commas (or a trailing comma); skipped. */
    public static final String EMPTY_ENTRY = "empty-entry";
    /** WARNING: an entry equal to an earlier one (after normalisation); skipped. */
    public static final String DUPLICATE_ENTRY = "duplicate-entry";
    /** ERROR: white space inside a CIDR or FQDN entry (entries are separated by commas). */
    public static final String WHITESPACE_IN_ENTRY = "whitespace-in-entry";
    /** ERROR: a malformed IPv4 address or CIDR (leading zeros, short forms, out-of-range octets...). */
    public static final String INVALID_IPV4 = "invalid-ipv4";
    /** ERROR: a malformed IPv6 address or CIDR (zones, too many groups, two {@code ::}...). */
    public static final String INVALID_IPV6 = "invalid-ipv6";
    /** ERROR: a prefix length that is missing, not decimal, has a sign or leading zero, or is out of range. */
    public static final String INVALID_PREFIX_LENGTH = "invalid-prefix-length";
    /** WARNING: a CIDR with host bits set; applied with them cleared, as Cilium does. */
    public static final String HOST_BITS_SET = "host-bits-set";
    /** WARNING: an IPv4-mapped IPv6 prefix; it never matches IPv4 traffic. */
    public static final String IPV4_MAPPED_IPV6 = "ipv4-mapped-ipv6";
    /** ERROR: an FQDN name or pattern Cilium's CRD would reject. */
    public static final String INVALID_FQDN = "invalid-fqdn";
    /** ERROR: {@code word:} where the word is not {@code entity}, {@code endpoint} or {@code service}. */
    public static final String UNKNOWN_PREFIX = "unknown-prefix";
    /** ERROR: {@code entity:} with a name Cilium does not know. */
    public static final String UNKNOWN_ENTITY = "unknown-entity";
    /** WARNING: an entity Cilium knows but the CRD enum rejects ({@code world-ipv4}, {@code world-ipv6}, {@code cluster-mesh}). */
    public static final String ENTITY_NOT_IN_CRD = "entity-not-in-crd";
    /** ERROR: a namespace that is not an RFC 1123 label. */
    public static final String INVALID_NAMESPACE = "invalid-namespace";
    /** ERROR: a malformed service label; the whole service entry is skipped. */
    public static final String INVALID_LABEL = "invalid-label";
    /** ERROR (two values for one key; entry skipped) or WARNING (the same label twice; repetition ignored). */
    public static final String DUPLICATE_LABEL = "duplicate-label";
    /** WARNING: an item after service labels that the comma rule reads one way but whose spacing suggests the other. */
    public static final String AMBIGUOUS_LABEL_BOUNDARY = "ambiguous-label-boundary";
    /** WARNING: a Cilium-format entry skipped because the CNI is not Cilium. */
    public static final String CNI_IGNORED = "cni-ignored";
    /** ERROR or WARNING: more diagnostics than the parser lists; this one covers the rest of them. */
    public static final String TOO_MANY_DIAGNOSTICS = "too-many-diagnostics";

    /** Every code above, in declaration order. */
    public static final List<String> ALL = List.of(INPUT_TOO_LARGE, EMPTY_ENTRY, DUPLICATE_ENTRY, WHITESPACE_IN_ENTRY,
            INVALID_IPV4, INVALID_IPV6, INVALID_PREFIX_LENGTH, HOST_BITS_SET, IPV4_MAPPED_IPV6, INVALID_FQDN,
            UNKNOWN_PREFIX, UNKNOWN_ENTITY, ENTITY_NOT_IN_CRD, INVALID_NAMESPACE, INVALID_LABEL, DUPLICATE_LABEL,
            AMBIGUOUS_LABEL_BOUNDARY, CNI_IGNORED, TOO_MANY_DIAGNOSTICS);

    private DiagnosticCodes() {}
}
