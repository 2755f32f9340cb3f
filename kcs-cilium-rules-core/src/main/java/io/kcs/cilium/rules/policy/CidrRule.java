package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.net.CidrSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code fromCIDRSet}/{@code toCIDRSet} entry (Cilium's {@code api.CIDRRule}): exactly one of a CIDR (with
 * {@code except} prefixes), a {@code cidrGroupRef} (a CiliumCIDRGroup by name) or a {@code cidrGroupSelector}
 * (CiliumCIDRGroups by label). Groups are kept by name/selector: this library does not resolve them.
 *
 * <p>{@code except} is a set (sorted, deduplicated). The cidrGroupSelector's keys are qualified as written; Cilium
 * qualifies keys without a source with {@code cidrgroup:}, so the reader builds it with keys already prefixed.
 *
 * <pre>{@code
 * CidrRule r = CidrRule.of(CidrPrefix.parse("10.0.0.0/8"), List.of(CidrPrefix.parse("10.96.0.0/12")));
 * r.effective().contains(IpAddress.parse("10.96.0.1"));   // false
 * CidrRule.groupRef("corp-ranges").toString();             // "cidrGroupRef=corp-ranges"
 * }</pre>
 *
 * <p>What it does not check: that the except prefixes are inside the CIDR and of its family (the policy reader
 * reports it as Cilium's {@code CIDRRule.sanitize}); {@link #effective()} simply subtracts.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param cidr the CIDR, when this rule names one
 * @param except prefixes removed from the CIDR or the group's CIDRs
 * @param cidrGroupRef a CiliumCIDRGroup name
 * @param cidrGroupSelector a selector of CiliumCIDRGroups
 */
public record CidrRule(Optional<CidrPrefix> cidr, List<CidrPrefix> except, Optional<String> cidrGroupRef,
        Optional<LabelSelector> cidrGroupSelector) implements Comparable<CidrRule> {

    /**
     * @throws IllegalArgumentException when not exactly one of cidr, cidrGroupRef and cidrGroupSelector is given
     *     (Cilium: "one of cidr, cidrGroupRef, or cidrGroupSelector is required" / "more than one ... may not be
     *     set"), or the group name is empty or over 253 characters; {@code except} may go with a group too (Cilium
     *     applies it to the group's CIDRs and checks it only beside a {@code cidr})
     */
    public CidrRule {
        Objects.requireNonNull(cidr, "cidr");
        except = Checks.sortedSet(except, CidrPrefix::compareTo, "except");
        Objects.requireNonNull(cidrGroupRef, "cidrGroupRef");
        cidrGroupRef.ifPresent(g -> Checks.nonEmpty(g, "cidrGroupRef", 253));
        Objects.requireNonNull(cidrGroupSelector, "cidrGroupSelector");
        int n = (cidr.isPresent() ? 1 : 0) + (cidrGroupRef.isPresent() ? 1 : 0)
                + (cidrGroupSelector.isPresent() ? 1 : 0);
        if (n != 1) {
            throw new IllegalArgumentException("a CIDR rule needs exactly one of cidr, cidrGroupRef and "
                    + "cidrGroupSelector, got " + n);
        }
    }

    /** A CIDR with exceptions. */
    public static CidrRule of(CidrPrefix cidr, List<CidrPrefix> except) {
        return new CidrRule(Optional.of(cidr), except, Optional.empty(), Optional.empty());
    }

    /** A CIDR without exceptions. */
    public static CidrRule of(CidrPrefix cidr) {
        return of(cidr, List.of());
    }

    /** A CiliumCIDRGroup by name. */
    public static CidrRule groupRef(String name) {
        return new CidrRule(Optional.empty(), List.of(), Optional.of(name), Optional.empty());
    }

    /** CiliumCIDRGroups by selector. */
    public static CidrRule groupSelector(LabelSelector selector) {
        return new CidrRule(Optional.empty(), List.of(), Optional.empty(), Optional.of(selector));
    }

    /**
     * The addresses the CIDR names minus its exceptions; empty for group rules (groups are not resolved, so their
     * {@code except} entries are kept as data only).
     */
    public CidrSet effective() {
        if (cidr.isEmpty()) {
            return CidrSet.empty();
        }
        CidrSet base = CidrSet.of(cidr.get().cidr());
        if (except.isEmpty()) {
            return base;
        }
        return base.difference(CidrSet.of(except.stream().map(CidrPrefix::cidr).toList()));
    }

    /** Orders by canonical text. */
    @Override
    public int compareTo(CidrRule o) {
        return toString().compareTo(o.toString());
    }

    /** {@code cidr}, {@code cidrGroupRef=name} or {@code cidrGroupSelector=...}, then {@code except [a, b]} if any. */
    @Override
    public String toString() {
        String base = cidr.map(CidrPrefix::text).orElseGet(() -> cidrGroupRef.map(g -> "cidrGroupRef=" + g)
                .orElseGet(() -> "cidrGroupSelector=" + cidrGroupSelector.orElseThrow()));
        return except.isEmpty() ? base : base + " except " + except;
    }
}
