package io.kcs.cilium.rules.hubble;

import com.google.common.net.InternetDomainName;
import io.kcs.cilium.rules.CidrRule;
import io.kcs.cilium.rules.EndpointRule;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.EntityRule;
import io.kcs.cilium.rules.FqdnRule;
import io.kcs.cilium.rules.Rule;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.ServiceRule;
import io.kcs.cilium.rules.agent.CiliumAgentConfig;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fqdn.DnsCache;
import io.kcs.cilium.rules.fqdn.FqdnSelector;
import io.kcs.cilium.rules.hubble.LearnedProfile.Suggestion;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Learns the smallest exception lists that let one workload's observed traffic through ("autoprofile"): from its
 * Hubble flows over a window, a {@link RuntimeProfile} per direction.
 *
 * <h2>What each peer becomes</h2>
 * <ul>
 *   <li>reserved peers (host, remote node, kube-apiserver, ingress, health, init, unmanaged) → their entity;
 *   <li>pods → {@code endpoint:ns}; on egress, a pod reached through a Service whose labels the
 *       {@link ServiceCatalog} knows → {@code service:ns|labels} (a Service of unknown labels → {@code endpoint:ns});
 *   <li>world peers with a DNS name (egress only, and only with the L7 proxy, which FQDN exceptions need): the name
 *       from the flow ({@code destination_names}) or from the DNS answers seen in the flows before, the first in
 *       alphabetical order; when at least {@link Options#minSiblings()} distinct names share a parent that lies under
 *       a public suffix (Guava's {@link InternetDomainName#isUnderPublicSuffix()}: {@code example.com} yes,
 *       {@code co.uk} no), one {@code *.parent} instead (which matches exactly one more label, as the siblings have);
 *   <li>other world peers → their address as a host CIDR, or the prefix of {@link Options#ipv4Prefix()} /
 *       {@link Options#ipv6Prefix()} bits when at least {@link Options#minHostsPerPrefix()} distinct hosts share it.
 * </ul>
 * Every {@link Suggestion} lists the flows it covers (input lines, up to a limit, and a count).
 *
 * <h2>Law</h2>
 * Replaying the same flows ({@link TrafficReplay#forProfile}, same view and agent configuration) against the result
 * denies none of the flows learned from: the learner sees the peers exactly as the replay does (the same
 * {@link WorkloadView}, the same DNS answers fed in the same order), and every suggestion matches every peer it
 * covers. Flows Cilium dropped are not learned from unless {@link Options#includeDropped()} is set (a blocked attack
 * should not become an exception). A direction without flows is restricted with an empty list (block all) unless
 * the options leave it unrestricted.
 *
 * <pre>{@code
 * ProfileLearner learner = ProfileLearner.create(view, CiliumAgentConfig.defaults(), ProfileLearner.Options.defaults());
 * flows.forEach(learner::accept);
 * LearnedProfile lp = learner.result();
 * }</pre>
 *
 * <p>What it does not do: no ports (exceptions are per peer), no DNS lookups. Memory grows with the distinct peers,
 * not with the flows. Mutable and not thread-safe.
 */
public final class ProfileLearner {

    private final WorkloadView view;
    private final boolean fqdn;
    private final Options options;
    private final DnsCache dns = DnsCache.create();
    private final WorkloadView.PeerCache peers = new WorkloadView.PeerCache();
    private final EnumMap<Direction, Acc> acc = new EnumMap<>(Direction.class);
    private long learned;
    private long droppedIgnored;
    private long others;

    private ProfileLearner(WorkloadView view, CiliumAgentConfig config, Options options) {
        this.view = Objects.requireNonNull(view, "view");
        this.fqdn = config.enableL7Proxy();
        this.options = Objects.requireNonNull(options, "options");
        acc.put(Direction.INGRESS, new Acc());
        acc.put(Direction.EGRESS, new Acc());
    }

    /** A learner for the workload of {@code view} on an agent with {@code config}. */
    public static ProfileLearner create(WorkloadView view, CiliumAgentConfig config, Options options) {
        Objects.requireNonNull(config, "config");
        return new ProfileLearner(view, config, options);
    }

    /** Learns from one flow; false when it is not the workload's or a dropped flow that is not learned from. */
    public boolean accept(HubbleFlow flow) {
        WorkloadFlow wf = view.view(Objects.requireNonNull(flow, "flow"), peers);
        if (wf == null) {
            others++;
            return false;
        }
        if (wf.direction() == Direction.EGRESS && flow.dns().isPresent() && !flow.dns().get().ips().isEmpty()) {
            TrafficReplay.feed(dns, flow.dns().get(), flow); // as the replay does, also for dropped flows
        }
        if (flow.dropped() && !options.includeDropped()) {
            droppedIgnored++;
            return false;
        }
        learned++;
        Acc a = acc.get(wf.direction());
        Peer p = wf.remote();
        long line = flow.line();
        if (p instanceof Peer.Pod pod) {
            Map<String, String> serviceLabels = pod.service().map(Peer.Service::labels).orElse(Map.of());
            if (wf.direction() == Direction.EGRESS && !serviceLabels.isEmpty()) {
                a.cover(ServiceRule.withLabels(pod.namespace(), serviceLabels), "pods behind service "
                        + pod.namespace() + "/" + pod.service().get().name() + " " + serviceLabels, line, options);
            } else {
                a.cover(new EndpointRule(pod.namespace()), "pods of namespace " + pod.namespace()
                        + (pod.service().isPresent() ? " (service " + pod.service().get().name()
                                + " has no known labels)" : ""), line, options);
            }
        } else if (p instanceof Peer.World w) {
            String name = wf.direction() == Direction.EGRESS && fqdn ? name(w, flow) : null;
            if (name != null) {
                a.names.computeIfAbsent(name, k -> new Cover()).add(line, options);
            } else {
                a.hosts.computeIfAbsent(w.address(), k -> new Cover()).add(line, options);
            }
        } else {
            Entity e = p instanceof Peer.Host ? Entity.HOST : p instanceof Peer.RemoteNode ? Entity.REMOTE_NODE
                    : p instanceof Peer.KubeApiserver ? Entity.KUBE_APISERVER : p instanceof Peer.Ingress
                    ? Entity.INGRESS : p instanceof Peer.Health ? Entity.HEALTH : p instanceof Peer.Init
                    ? Entity.INIT : Entity.UNMANAGED;
            a.cover(new EntityRule(e), "reserved identity " + e.ciliumName(), line, options);
        }
        return true;
    }

    /** The first valid DNS name of the peer: its own names from the flow, else the cache's at the flow's time. */
    private String name(Peer.World w, HubbleFlow flow) {
        String n = firstValid(w.dnsNames());
        return n != null ? n : firstValid(new TreeSet<>(dns.namesFor(w.address(), flow.time())));
    }

    private static String firstValid(Set<String> names) {
        for (String n : names) {
            if (n.indexOf('*') < 0 && FqdnSelector.isValid(n)) {
                FqdnSelector s = FqdnSelector.parse(n);
                if (!s.isPattern() && s.value().equals(n)) {
                    return n;
                }
            }
        }
        return null;
    }

    /** The suggestion for everything learned so far. */
    public LearnedProfile result() {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        List<Suggestion> all = new ArrayList<>();
        for (Direction d : Direction.values()) {
            boolean restrict = d == Direction.INGRESS ? options.restrictIngress() : options.restrictEgress();
            if (!restrict) {
                continue;
            }
            List<Suggestion> s = acc.get(d).suggestions(d, options);
            all.addAll(s);
            RuleSet rules = RuleSet.of(s.stream().map(Suggestion::rule).toList());
            if (d == Direction.INGRESS) {
                b.restrictIngress(rules);
            } else {
                b.restrictEgress(rules);
            }
        }
        return new LearnedProfile(b.build(), all, learned, droppedIgnored, others);
    }

    /** The covered flows of one suggestion. */
    private static final class Cover {
        long flows;
        long[] lines = new long[4];
        int n;

        void add(long line, Options o) {
            flows++;
            if (n < o.maxLinesPerSuggestion()) {
                if (n == lines.length) {
                    lines = Arrays.copyOf(lines, Math.min(lines.length * 2, o.maxLinesPerSuggestion()));
                }
                lines[n++] = line;
            }
        }

        void addAll(Cover c, Options o) {
            for (int i = 0; i < c.n; i++) {
                add(c.lines[i], o);
            }
            flows += c.flows - c.n;
        }

        Suggestion toSuggestion(Direction d, Rule r, String reason) {
            List<Long> l = new ArrayList<>(n);
            long[] sorted = Arrays.copyOf(lines, n);
            Arrays.sort(sorted);
            for (long x : sorted) {
                l.add(x);
            }
            return new Suggestion(d, r, reason, flows, l, flows == n);
        }
    }

    /** What one direction saw. */
    private static final class Acc {
        final TreeMap<String, Rule> direct = new TreeMap<>(); // sort key -> rule
        final Map<String, Cover> directCovers = new TreeMap<>();
        final Map<String, String> directReasons = new TreeMap<>();
        final TreeMap<String, Cover> names = new TreeMap<>();
        final TreeMap<IpAddress, Cover> hosts = new TreeMap<>();

        void cover(Rule r, String reason, long line, Options o) {
            String key = sortKey(r);
            if (direct.putIfAbsent(key, r) == null) {
                directReasons.put(key, reason);
            }
            directCovers.computeIfAbsent(key, k -> new Cover()).add(line, o);
        }

        /** Entities first (by kind), then endpoints, then services. */
        private static String sortKey(Rule r) {
            if (r instanceof EntityRule e) {
                return "0" + (char) ('a' + e.entity().ordinal());
            }
            return (r instanceof EndpointRule ? "1" : "2") + r;
        }

        List<Suggestion> suggestions(Direction d, Options o) {
            List<Suggestion> out = new ArrayList<>();
            direct.forEach((k, r) -> out.add(directCovers.get(k).toSuggestion(d, r, directReasons.get(k))));
            // names: group by parent; generalise to *.parent with enough siblings under a public suffix
            TreeMap<String, List<String>> byParent = new TreeMap<>();
            for (String n : names.keySet()) {
                int dot = n.indexOf('.');
                byParent.computeIfAbsent(dot < 0 ? "" : n.substring(dot + 1), k -> new ArrayList<>()).add(n);
            }
            TreeMap<String, Suggestion> exact = new TreeMap<>();
            List<Suggestion> patterns = new ArrayList<>();
            byParent.forEach((parent, children) -> {
                FqdnSelector pattern = children.size() >= o.minSiblings() ? generalised(parent) : null;
                if (pattern != null) {
                    Cover c = new Cover();
                    for (String child : children) {
                        c.addAll(names.get(child), o);
                    }
                    patterns.add(c.toSuggestion(d, new FqdnRule(pattern), children.size() + " sibling names under "
                            + parent + " (" + String.join(", ", children.subList(0, Math.min(5, children.size())))
                            + (children.size() > 5 ? ", ..." : "") + ")"));
                } else {
                    for (String child : children) {
                        exact.put(child, names.get(child).toSuggestion(d, new FqdnRule(FqdnSelector.matchName(child)),
                                "world peer named " + child));
                    }
                }
            });
            out.addAll(exact.values());
            out.addAll(patterns);
            // hosts: aggregate to prefixes with enough hosts
            TreeMap<Cidr, List<IpAddress>> byPrefix = new TreeMap<>();
            for (IpAddress ip : hosts.keySet()) {
                byPrefix.computeIfAbsent(Cidr.of(ip, ip.isIpv4() ? o.ipv4Prefix() : o.ipv6Prefix()),
                        k -> new ArrayList<>()).add(ip);
            }
            TreeMap<Cidr, Suggestion> cidrs = new TreeMap<>();
            byPrefix.forEach((prefix, ips) -> {
                if (ips.size() >= o.minHostsPerPrefix()) {
                    Cover c = new Cover();
                    for (IpAddress ip : ips) {
                        c.addAll(hosts.get(ip), o);
                    }
                    cidrs.put(prefix, c.toSuggestion(d, new CidrRule(prefix), ips.size() + " hosts seen in "
                            + prefix));
                } else {
                    for (IpAddress ip : ips) {
                        Cidr host = Cidr.host(ip);
                        cidrs.put(host, hosts.get(ip).toSuggestion(d, new CidrRule(host), "world peer " + ip));
                    }
                }
            });
            out.addAll(cidrs.values());
            return out;
        }

        private static FqdnSelector generalised(String parent) {
            if (parent.isEmpty() || !InternetDomainName.isValid(parent)) {
                return null;
            }
            try {
                if (!InternetDomainName.from(parent).isUnderPublicSuffix()) {
                    return null;
                }
                String p = "*." + parent;
                return FqdnSelector.isValid(p) ? FqdnSelector.parse(p) : null;
            } catch (IllegalArgumentException | IllegalStateException e) {
                return null;
            }
        }
    }

    /**
     * How a {@link ProfileLearner} generalises.
     *
     * <p>Immutable and thread-safe.
     *
     * @param minSiblings distinct names under one parent that make a {@code *.parent} pattern (default 3; at least 1)
     * @param minHostsPerPrefix distinct world hosts in one prefix that make a prefix CIDR (default 3; at least 1)
     * @param ipv4Prefix the IPv4 aggregation prefix length (default 24)
     * @param ipv6Prefix the IPv6 aggregation prefix length (default 64)
     * @param includeDropped whether flows Cilium dropped are learned from too (default false)
     * @param restrictIngress whether ingress is restricted to what was learned (default true)
     * @param restrictEgress whether egress is restricted to what was learned (default true)
     * @param maxLinesPerSuggestion input lines listed per suggestion (default 1,000)
     */
    public record Options(int minSiblings, int minHostsPerPrefix, int ipv4Prefix, int ipv6Prefix,
            boolean includeDropped, boolean restrictIngress, boolean restrictEgress, int maxLinesPerSuggestion) {

        /** @throws IllegalArgumentException when a value is out of range */
        public Options {
            if (minSiblings < 1 || minHostsPerPrefix < 1) {
                throw new IllegalArgumentException("minSiblings and minHostsPerPrefix must be at least 1");
            }
            if (ipv4Prefix < 0 || ipv4Prefix > 32 || ipv6Prefix < 0 || ipv6Prefix > 128) {
                throw new IllegalArgumentException("prefix lengths must be 0-32 (IPv4) and 0-128 (IPv6): "
                        + ipv4Prefix + ", " + ipv6Prefix);
            }
            if (maxLinesPerSuggestion < 0) {
                throw new IllegalArgumentException("maxLinesPerSuggestion must be 0 or more");
            }
        }

        /** The defaults: 3 siblings, 3 hosts, /24 and /64, dropped flows ignored, both directions restricted. */
        public static Options defaults() {
            return new Options(3, 3, 24, 64, false, true, true, 1000);
        }

        /** With {@code k} as both {@link #minSiblings()} and {@link #minHostsPerPrefix()}. */
        public Options withMinShared(int k) {
            return new Options(k, k, ipv4Prefix, ipv6Prefix, includeDropped, restrictIngress, restrictEgress,
                    maxLinesPerSuggestion);
        }

        /** With the aggregation prefix lengths. */
        public Options withPrefixes(int v4, int v6) {
            return new Options(minSiblings, minHostsPerPrefix, v4, v6, includeDropped, restrictIngress,
                    restrictEgress, maxLinesPerSuggestion);
        }

        /** With dropped flows learned from, or not. */
        public Options withIncludeDropped(boolean include) {
            return new Options(minSiblings, minHostsPerPrefix, ipv4Prefix, ipv6Prefix, include, restrictIngress,
                    restrictEgress, maxLinesPerSuggestion);
        }

        /** With the restricted directions. */
        public Options withRestricted(boolean ingress, boolean egress) {
            return new Options(minSiblings, minHostsPerPrefix, ipv4Prefix, ipv6Prefix, includeDropped, ingress,
                    egress, maxLinesPerSuggestion);
        }
    }

    @Override
    public String toString() {
        return "ProfileLearner[" + view + "]";
    }
}
