package io.kcs.cilium.rules.hubble;

import io.kcs.cilium.rules.eval.Packet;
import io.kcs.cilium.rules.eval.PolicyEvaluator;
import io.kcs.cilium.rules.eval.Verdict;
import io.kcs.cilium.rules.fqdn.DnsCache;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link TrafficReplay} asks of a candidate policy: would this packet pass at this time? A compiled runtime
 * profile answers through {@link #of(PolicyEvaluator)}; a future engine for sets of Cilium policies plugs in by
 * implementing this interface, built over the replay's {@link DnsCache} (see {@link TrafficReplay#create}), so that
 * FQDN rules see the DNS answers of the replayed flows.
 *
 * <pre>{@code
 * ConnectionPolicy p = ConnectionPolicy.of(PolicyEvaluator.compile(profile, config, dnsCache));
 * p.decide(Connection.outbound(Peer.world(ip)).request(), now).allowed();
 * }</pre>
 *
 * <p>Implementations must be safe to call from the replaying thread while the cache is fed between calls; the
 * profile adapter is immutable and thread-safe.
 */
@FunctionalInterface
public interface ConnectionPolicy {

    /** The decision for {@code packet} at {@code at}. */
    Decision decide(Packet packet, Instant at);

    /** The policy of a compiled runtime profile: its {@link Verdict}'s {@code allowed} and explanation. */
    static ConnectionPolicy of(PolicyEvaluator evaluator) {
        Objects.requireNonNull(evaluator, "evaluator");
        return (packet, at) -> {
            Verdict v = evaluator.evaluate(packet, at);
            return v.allowed() ? Decision.allow(v.explanation()) : Decision.deny(v.explanation());
        };
    }

    /**
     * A decision and the sentence that explains it.
     *
     * <p>Immutable and thread-safe.
     *
     * @param allowed whether the packet passes
     * @param explanation one sentence naming the rule (or its absence)
     */
    record Decision(boolean allowed, String explanation) {

        /** @throws NullPointerException when the explanation is null */
        public Decision {
            Objects.requireNonNull(explanation, "explanation");
        }

        /** An allowing decision. */
        public static Decision allow(String explanation) {
            return new Decision(true, explanation);
        }

        /** A denying decision. */
        public static Decision deny(String explanation) {
            return new Decision(false, explanation);
        }
    }
}
