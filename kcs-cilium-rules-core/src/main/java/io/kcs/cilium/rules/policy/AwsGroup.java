package io.kcs.cilium.rules.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code aws} entry of a {@code toGroups}/{@code fromGroups} peer (Cilium's {@code api.AWSGroup}): AWS
 * security groups by id, name or tags, in a region. Kept as data: Cilium's operator resolves them to CIDRs, this
 * library does not.
 *
 * <pre>{@code
 * new AwsGroup(Map.of(), List.of("sg-123"), List.of(), Optional.of("eu-west-1"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param labels tags (key sorted)
 * @param securityGroupsIds group ids (sorted set)
 * @param securityGroupsNames group names (sorted set)
 * @param region the region
 */
public record AwsGroup(Map<String, String> labels, List<String> securityGroupsIds, List<String> securityGroupsNames,
        Optional<String> region) {
    /** Copies and sorts. */
    public AwsGroup {
        labels = Checks.sortedMap(labels, "aws labels");
        securityGroupsIds = Checks.sortedSet(securityGroupsIds, Comparator.naturalOrder(), "securityGroupsIds");
        securityGroupsNames = Checks.sortedSet(securityGroupsNames, Comparator.naturalOrder(),
                "securityGroupsNames");
        Objects.requireNonNull(region, "region");
        Checks.optionalText(region, "region");
    }

    @Override
    public String toString() {
        return "aws{labels=" + labels + " securityGroupsIds=" + securityGroupsIds + " securityGroupsNames="
                + securityGroupsNames + region.map(r -> " region=" + r).orElse("") + "}";
    }
}
