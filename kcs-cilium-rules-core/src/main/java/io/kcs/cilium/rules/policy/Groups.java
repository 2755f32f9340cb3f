package io.kcs.cilium.rules.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code toGroups}/{@code fromGroups} entry (Cilium's {@code api.Groups}): a provider's group of peers. Cilium
 * knows one provider, AWS. Kept as data (not resolved).
 *
 * <pre>{@code
 * new Groups(Optional.of(new AwsGroup(Map.of(), List.of("sg-1"), List.of(), Optional.empty())));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param aws the AWS group, when given
 */
public record Groups(Optional<AwsGroup> aws) implements Comparable<Groups> {
    /** Checks for null. */
    public Groups {
        Objects.requireNonNull(aws, "aws");
    }

    /** Orders by canonical text. */
    @Override
    public int compareTo(Groups o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return "groups{" + aws.map(AwsGroup::toString).orElse("") + "}";
    }
}
