package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ProfileLearner} suggests: a {@link RuntimeProfile} and, for each of its exceptions, why and which
 * flows it covers.
 *
 * <pre>{@code
 * LearnedProfile lp = learner.result();
 * lp.profile().egressExceptions();        // Optional[entity:kube-apiserver, endpoint:db, *.example.com, ...]
 * lp.suggestions().get(0).lines();        // input lines of the flows the first exception covers
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param profile the suggested profile
 * @param suggestions one per exception, in the profile's order (ingress first)
 * @param flowsLearned flows the suggestion was learned from
 * @param droppedFlowsIgnored flows Cilium dropped, not learned from (unless the learner includes them)
 * @param flowsOfOtherWorkloads flows in which neither side is the workload (skipped)
 */
public record LearnedProfile(RuntimeProfile profile, List<Suggestion> suggestions, long flowsLearned,
        long droppedFlowsIgnored, long flowsOfOtherWorkloads) {

    /** @throws NullPointerException when a reference is null */
    public LearnedProfile {
        Objects.requireNonNull(profile, "profile");
        suggestions = List.copyOf(suggestions);
    }

    /**
     * One suggested exception, with the flows it covers.
     *
     * <p>Immutable and thread-safe.
     *
     * @param direction the list it belongs to
     * @param rule the exception
     * @param reason why, in one sentence (e.g. {@code 4 hosts seen in 198.51.100.0/24})
     * @param flows how many flows it covers
     * @param lines the input lines of the covered flows, in input order, at most the learner's limit
     * @param linesComplete whether {@link #lines()} lists every covered flow
     */
    public record Suggestion(Direction direction, Rule rule, String reason, long flows, List<Long> lines,
            boolean linesComplete) {

        /** @throws NullPointerException when a reference is null */
        public Suggestion {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            lines = List.copyOf(lines);
        }
    }
}
