package io.kcs.cilium.rules.eval;

import io.kcs.cilium.rules.common.Direction;

import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.CidrSet;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.common.Diagnostic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, as Cilium would, whether packets pass a workload's {@link RuntimeProfile}: a profile compiled once into
 * per-kind indexes, evaluated many times.
 *
 * <h2>Semantics (Cilium's, see the README)</h2>
 * <ul>
 *   <li>Traffic bundling: a packet's direction is its connection opener's. A request passes iff its direction is
 *       unrestricted or an exception of that direction matches the peer; a reply passes iff its request does
 *       (replies skip policy in Cilium's datapath), so the replies of an allowed egress connection enter even when
 *       ingress blocks everything.
 *   <li>CIDR exceptions select only peers outside the cluster ({@link Peer.World}, an external
 *       {@link Peer.KubeApiserver}), family-strict; node IPs too with {@code policy-cidr-match-mode=nodes}; never
 *       pods or unmanaged endpoints.
 *   <li>FQDN exceptions (egress only) select world peers whose IP the {@link DnsCache} holds, live at {@code now},
 *       for a matching name, or whose own DNS names match.
 *   <li>Entities select as listed in {@link Peer}; {@code endpoint:ns} selects pods of {@code ns};
 *       {@code service:ns|labels} selects, on egress, pods backing a Service of {@code ns} whose labels match and, on
 *       ingress (Cilium has no fromServices; a WARNING says so), pods of {@code ns} whose pod labels match. A
 *       key-only label requires the key to exist.
 * </ul>
 * When several exceptions match, the reported one is the most specific: for pods a service, then an endpoint, then
 * an entity exception; for peers with an IP the longest CIDR, then an exact FQDN name, then the first matching FQDN
 * pattern, then an entity; among entity exceptions the first in list order.
 *
 * <h2>Applicability</h2>
 * {@link #compile} runs {@link Applicability#check} (the same check the fabric8 mapper runs) and throws
 * {@link PolicyNotApplicableException} when it reports an error: FQDN exceptions with {@code enable-l7-proxy=false},
 * or FQDN exceptions restricting ingress. Warnings (service exceptions on ingress) are in {@link #diagnostics()}.
 * Codes: {@link ApplicabilityCodes}.
 *
 * <pre>{@code
 * PolicyEvaluator ev = PolicyEvaluator.compile(
 *         RuntimeProfile.builder().restrictIngress(RuleSet.empty())
 *                 .restrictEgress(RuleSet.parse("10.0.0.0/8, *.example.com")).build(),
 *         CiliumAgentConfig.defaults(), DnsCache.create());
 * Connection c = Connection.outbound(Peer.world(IpAddress.parse("10.1.2.3")));
 * ev.evaluate(c.request(), Instant.now()).allowed();  // true
 * ev.evaluate(c.reply(), Instant.now()).allowed();    // true, though ingress blocks everything
 * }</pre>
 *
 * <p>What it does not do: no ports, protocols or L7 rules; no deny rules; no DNS lookups (names come from the
 * cache and the peer). Immutable and thread-safe; {@link #evaluate} takes no lock and, for CIDR, entity, endpoint and
 * unrestricted verdicts, allocates nothing.
 */
public final class PolicyEvaluator {

    private final RuntimeProfile profile;
    private final CiliumAgentConfig config;
    private final DnsCache dnsCache;
    private final Index ingress;
    private final Index egress;
    private final Verdict unrestrictedIngress;
    private final Verdict unrestrictedEgress;
    private final List<Diagnostic> diagnostics;

    private PolicyEvaluator(RuntimeProfile profile, CiliumAgentConfig config, DnsCache dnsCache,
            List<Diagnostic> diagnostics) {
        this.profile = profile;
        this.config = config;
        this.dnsCache = dnsCache;
        this.diagnostics = List.copyOf(diagnostics);
        this.ingress = profile.ingressExceptions().map(rs -> new Index(Direction.INGRESS, rs, config)).orElse(null);
        this.egress = profile.egressExceptions().map(rs -> new Index(Direction.EGRESS, rs, config)).orElse(null);
        this.unrestrictedIngress = unrestricted(Direction.INGRESS);
        this.unrestrictedEgress = unrestricted(Direction.EGRESS);
    }

    private static Verdict unrestricted(Direction d) {
        Verdict reply = new Verdict(true, d, null, Reason.REPLY_OF_ALLOWED_CONNECTION, "Allowed: reply of an "
                + d.lowerName() + " connection; " + d.lowerName() + " is not restricted by the runtime profile.", null);
        return new Verdict(true, d, null, Reason.UNRESTRICTED, "Allowed: " + d.lowerName()
                + " is not restricted by the runtime profile.", reply);
    }

    /**
     * Compiles {@code profile} for an agent with {@code config}, resolving FQDN exceptions through
     * {@code dnsCache} at evaluation time.
     *
     * @throws PolicyNotApplicableException when {@link Applicability#check} reports an error; it carries every
     *     diagnostic of that check
     */
    public static PolicyEvaluator compile(RuntimeProfile profile, CiliumAgentConfig config, DnsCache dnsCache) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dnsCache, "dnsCache");
        List<Diagnostic> diagnostics = Applicability.check(profile, config);
        if (Applicability.hasError(diagnostics)) {
            throw new PolicyNotApplicableException(diagnostics);
        }
        return new PolicyEvaluator(profile, config, dnsCache, diagnostics);
    }

    /** The profile this evaluator was compiled from. */
    public RuntimeProfile profile() {
        return profile;
    }

    /** The agent configuration this evaluator assumes. */
    public CiliumAgentConfig config() {
        return config;
    }

    /** The warnings of {@link Applicability#check} for this profile (errors make {@link #compile} throw). */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * The verdict for {@code packet} at {@code now} (the time matters for DNS-learned FQDN matches only).
     *
     * @throws NullPointerException when an argument is null
     */
    public Verdict evaluate(Packet packet, Instant now) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(now, "now");
        Connection c = packet.connection();
        boolean in = c.direction() == Direction.INGRESS;
        Index index = in ? ingress : egress;
        Verdict request = index == null ? (in ? unrestrictedIngress : unrestrictedEgress)
                : index.match(c.remote(), dnsCache, now);
        return packet.reply() ? request.reply() : request;
    }

    static String describe(Rule r, RuleSet rs, int index, Direction d) {
        return "exception " + r + rs.spanOf(index).map(s -> " (" + d.lowerName() + " list, columns " + (s.start() + 1) + "-"
                + s.end() + ")")
                .orElse(" (exception " + (index + 1) + " of the " + d.lowerName() + " list)");
    }

    @Override
    public String toString() {
        return "PolicyEvaluator[" + profile + ", " + config + "]";
    }

    // ---------------------------------------------------------------------------------------------- indexes

    /** The entities that select {@code peer}: delegates to {@link PeerSelection#entityBits(Peer)}. */
    static int entityBits(Peer peer) {
        return PeerSelection.entityBits(peer);
    }

    private static final class Index {
        private final Direction direction;
        private final CiliumAgentConfig config;
        private final Verdict deny;
        private final CidrSet cidrs;
        private final PrefixTable cidrVerdicts;
        private final int[] entityOrder; // entity ordinals in list order, distinct
        private final Verdict[] entityVerdicts; // by ordinal
        private final int entityBits;
        private final Map<String, Verdict> endpoints = new HashMap<>();
        private final Map<String, List<ServiceEntry>> services = new HashMap<>();
        private final Map<String, Verdict> exactNames = new HashMap<>();
        private final List<PatternEntry> patterns = new ArrayList<>();

        Index(Direction direction, RuleSet rules, CiliumAgentConfig config) {
            this.direction = direction;
            this.config = config;
            String dir = direction.lowerName();
            Verdict denyReply = new Verdict(false, direction, null, Reason.REPLY_OF_DENIED_CONNECTION, "Denied: reply"
                    + " of an " + dir + " connection that the runtime profile denies (no " + dir
                    + " exception matches the peer).", null);
            this.deny = new Verdict(false, direction, null, Reason.NO_EXCEPTION_MATCHED, "Denied: " + dir
                    + " is restricted and " + (rules.isEmpty() ? "the " + dir + " exception list is empty."
                            : "no " + dir + " exception matches the peer."), denyReply);
            List<Cidr> cidrList = new ArrayList<>();
            List<Verdict> cidrVerdictList = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            Verdict[] byEntity = new Verdict[Entity.values().length];
            int present = 0;
            for (int i = 0; i < rules.size(); i++) {
                Rule r = rules.rules().get(i);
                String what = describe(r, rules, i, direction);
                Verdict reply = new Verdict(true, direction, r, Reason.REPLY_OF_ALLOWED_CONNECTION, "Allowed: reply of"
                        + " an " + dir + " connection allowed by " + what + "; replies skip policy.", null);
                Verdict v = new Verdict(true, direction, r, Reason.EXCEPTION_MATCHED, "Allowed: " + dir
                        + " is restricted and " + what + " matches the peer.", reply);
                if (r instanceof CidrRule c) {
                    cidrList.add(c.cidr());
                    cidrVerdictList.add(v);
                } else if (r instanceof EntityRule e) {
                    int o = e.entity().ordinal();
                    if (byEntity[o] == null) {
                        byEntity[o] = v;
                        order.add(o);
                        present |= 1 << o;
                    }
                } else if (r instanceof EndpointRule e) {
                    endpoints.putIfAbsent(e.namespace(), v);
                } else if (r instanceof ServiceRule s) {
                    services.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(new ServiceEntry(s, v));
                } else if (r instanceof FqdnRule f) {
                    if (f.selector().isPattern()) {
                        patterns.add(new PatternEntry(f.selector(), v));
                    } else {
                        exactNames.putIfAbsent(f.selector().value(), v);
                    }
                }
            }
            this.cidrs = CidrSet.of(cidrList);
            this.cidrVerdicts = new PrefixTable(cidrList, cidrVerdictList);
            this.entityOrder = order.stream().mapToInt(Integer::intValue).toArray();
            this.entityVerdicts = byEntity;
            this.entityBits = present;
        }

        Verdict match(Peer peer, DnsCache dns, Instant now) {
            Verdict v = null;
            if (peer instanceof Peer.Pod p) {
                v = matchPod(p);
            }
            Optional<IpAddress> cidrIp = PeerSelection.cidrAddress(peer, config);
            if (v == null && cidrIp.isPresent()) {
                v = matchCidr(cidrIp.get());
            }
            if (v == null && direction == Direction.EGRESS && !(exactNames.isEmpty() && patterns.isEmpty())) {
                Optional<IpAddress> ip = PeerSelection.fqdnAddress(peer);
                if (ip.isPresent()) {
                    v = matchNames(PeerSelection.ownNames(peer));
                    if (v == null) {
                        v = matchNames(dns.namesFor(ip.get(), now));
                    }
                }
            }
            if (v == null && entityBits != 0) {
                v = matchEntity(entityBits(peer));
            }
            return v == null ? deny : v;
        }

        private Verdict matchEntity(int peerBits) {
            int hits = peerBits & entityBits;
            if (hits == 0) {
                return null;
            }
            for (int o : entityOrder) {
                if ((hits & (1 << o)) != 0) {
                    return entityVerdicts[o];
                }
            }
            return null;
        }

        private Verdict matchPod(Peer.Pod p) {
            List<ServiceEntry> candidates = services.get(p.namespace());
            if (candidates != null) {
                Map<String, String> labels = direction == Direction.EGRESS
                        ? PeerSelection.serviceOf(p).map(Peer.Service::labels).orElse(null)
                        : p.labels();
                if (labels != null) {
                    for (ServiceEntry e : candidates) {
                        if (e.matches(labels)) {
                            return e.verdict;
                        }
                    }
                }
            }
            return endpoints.get(p.namespace());
        }

        private Verdict matchCidr(IpAddress ip) {
            if (ip.isIpv4()) {
                int bits = (int) ip.low();
                int len = cidrs.longestMatchLengthIpv4(bits);
                return len < 0 ? null : cidrVerdicts.get4(bits & Cidr.ipv4Mask(len), len);
            }
            int len = cidrs.longestMatchLengthIpv6(ip.high(), ip.low());
            return len < 0 ? null
                    : cidrVerdicts.get6(ip.high() & Cidr.highMask(len), ip.low() & Cidr.lowMask(len), len);
        }

        private Verdict matchNames(Set<String> names) {
            if (names.isEmpty()) {
                return null;
            }
            for (String n : names) {
                Verdict v = exactNames.get(n);
                if (v != null) {
                    return v;
                }
            }
            for (PatternEntry p : patterns) {
                for (String n : names) {
                    if (p.selector.matches(n)) {
                        return p.verdict;
                    }
                }
            }
            return null;
        }
    }

    /** A service exception with its verdict. */
    private static final class ServiceEntry {
        private final ServiceRule rule;
        private final Verdict verdict;

        ServiceEntry(ServiceRule rule, Verdict verdict) {
            this.rule = rule;
            this.verdict = verdict;
        }

        /** Kubernetes label-selector semantics: key=value requires equality, a key alone requires existence. */
        boolean matches(Map<String, String> labels) {
            for (Map.Entry<String, Optional<String>> e : rule.labels().entrySet()) {
                String actual = labels.get(e.getKey());
                if (actual == null || (e.getValue().isPresent() && !e.getValue().get().equals(actual))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An FQDN pattern exception with its verdict. */
    private static final class PatternEntry {
        private final FqdnSelector selector;
        private final Verdict verdict;

        PatternEntry(FqdnSelector selector, Verdict verdict) {
            this.selector = selector;
            this.verdict = verdict;
        }
    }
}
