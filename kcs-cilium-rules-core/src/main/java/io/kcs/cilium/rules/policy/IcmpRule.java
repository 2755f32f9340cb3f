package io.kcs.cilium.rules.policy;

import java.util.List;

/**
 * One {@code icmps} entry (Cilium's {@code api.ICMPRule}): ICMP types, any of which is allowed (or denied).
 *
 * <pre>{@code
 * new IcmpRule(List.of(IcmpField.ofName(IcmpFamily.IPV4, "EchoRequest"))).toString();   // "icmps{IPv4/EchoRequest}"
 * }</pre>
 *
 * <p>What it does not check: Cilium's limit of 40 fields (the policy reader reports it).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param fields the ICMP types, in written order
 */
public record IcmpRule(List<IcmpField> fields) {
    /** Copies the list. */
    public IcmpRule {
        fields = Checks.list(fields, "fields");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("icmps{");
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(fields.get(i));
        }
        return sb.append('}').toString();
    }
}
