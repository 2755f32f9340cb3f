package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.fabric8.v2.AWSGroup;
import io.kcs.cilium.rules.fabric8.v2.Authentication;
import io.kcs.cilium.rules.fabric8.v2.CIDRRule;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.DefaultDenyConfig;
import io.kcs.cilium.rules.fabric8.v2.EnvoyConfig;
import io.kcs.cilium.rules.fabric8.v2.FQDNSelector;
import io.kcs.cilium.rules.fabric8.v2.ICMPField;
import io.kcs.cilium.rules.fabric8.v2.ICMPRule;
import io.kcs.cilium.rules.fabric8.v2.K8sServiceNamespace;
import io.kcs.cilium.rules.fabric8.v2.LogConfig;
import io.kcs.cilium.rules.fabric8.v2.PolicyLabel;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import io.kcs.cilium.rules.fabric8.v2.PortRuleKafka;
import io.kcs.cilium.rules.fabric8.v2.ServiceRef;
import io.kcs.cilium.rules.fabric8.v2.ServiceSelector;
import io.kcs.cilium.rules.fabric8.v2.TLSContext;
import io.kcs.cilium.rules.policy.AwsGroup;
import io.kcs.cilium.rules.policy.CidrPrefix;
import io.kcs.cilium.rules.policy.CidrRule;
import io.kcs.cilium.rules.policy.DefaultDeny;
import io.kcs.cilium.rules.policy.DnsRule;
import io.kcs.cilium.rules.policy.EgressDenyRule;
import io.kcs.cilium.rules.policy.EgressRule;
import io.kcs.cilium.rules.policy.FqdnMatch;
import io.kcs.cilium.rules.policy.Groups;
import io.kcs.cilium.rules.policy.HeaderMatch;
import io.kcs.cilium.rules.policy.HttpRule;
import io.kcs.cilium.rules.policy.IcmpField;
import io.kcs.cilium.rules.policy.IcmpRule;
import io.kcs.cilium.rules.policy.IngressDenyRule;
import io.kcs.cilium.rules.policy.IngressRule;
import io.kcs.cilium.rules.policy.KafkaRule;
import io.kcs.cilium.rules.policy.L7Rules;
import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.LabelSelectorRequirement;
import io.kcs.cilium.rules.policy.Listener;
import io.kcs.cilium.rules.policy.Peers;
import io.kcs.cilium.rules.policy.PolicyKind;
import io.kcs.cilium.rules.policy.PolicyOrigin;
import io.kcs.cilium.rules.policy.PolicyRule;
import io.kcs.cilium.rules.policy.PortDenyRule;
import io.kcs.cilium.rules.policy.PortProtocol;
import io.kcs.cilium.rules.policy.PortRule;
import io.kcs.cilium.rules.policy.Secret;
import io.kcs.cilium.rules.policy.ServicePeer;
import io.kcs.cilium.rules.policy.TlsContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes core policy rules ({@link PolicyRule}, as {@link CiliumPolicyReader} produces them) back as fabric8
 * {@code cilium.io/v2} CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy objects: the inverse of reading, so that
 * {@code reader.read(writer.write(reader.read(p).rules()))} gives equal rules.
 *
 * <p>The rules are written as the agent holds them, after its rewriting: selector keys carry their source
 * ({@code any:app}, {@code k8s:io.kubernetes.pod.namespace}), injected namespaces and cluster labels are written out
 * (reading them again adds nothing, since the agent adds a namespace or cluster only where none is named), and the
 * agent's derived rule labels ({@code k8s:io.cilium.k8s.policy.*}) become {@code metadata} again (name, namespace and
 * {@code uid}) instead of rule labels. {@code enableDefaultDeny} is written where the policy wrote it
 * ({@link DefaultDeny#requested()}). Peer lists keep the difference between absent and empty; FQDN, CIDR and port
 * texts are written as read.
 *
 * <p>What it does not do: it does not undo the rewriting (the output is equivalent for the agent, not the original
 * text), validate (read the result to judge it), or merge rules of different policies into one object.
 *
 * <pre>{@code
 * PolicyReadResult r = CiliumPolicyReader.create(options).read(policy);
 * HasMetadata again = CiliumPolicyWriter.create().write(r.rules());   // one CNP or CCNP
 * CiliumPolicies.toYaml(again);
 * }</pre>
 *
 * <p>Stateless, immutable and thread-safe; every call returns new (mutable) fabric8 objects.
 */
public final class CiliumPolicyWriter {

    private static final Set<String> DERIVED = Set.of(PolicyConverter.LABEL_DERIVED_FROM, PolicyConverter.LABEL_NAME,
            PolicyConverter.LABEL_NAMESPACE, PolicyConverter.LABEL_UID);

    private static final CiliumPolicyWriter INSTANCE = new CiliumPolicyWriter();

    private CiliumPolicyWriter() {}

    /** The writer. */
    public static CiliumPolicyWriter create() {
        return INSTANCE;
    }

    /**
     * One policy object from the rules of one policy: a CiliumNetworkPolicy when their origin is namespaced, else a
     * CiliumClusterwideNetworkPolicy; the rule with no {@code specs} index is {@code spec}, the others go to
     * {@code specs} in index order.
     *
     * @throws IllegalArgumentException when {@code rules} is empty or its rules come from different policies (kind,
     *     namespace or name differ)
     */
    public HasMetadata write(List<PolicyRule> rules) {
        Objects.requireNonNull(rules, "rules");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no rule to write");
        }
        PolicyOrigin first = rules.get(0).origin();
        io.kcs.cilium.rules.fabric8.v2.Rule spec = null;
        TreeMap<Integer, io.kcs.cilium.rules.fabric8.v2.Rule> specs = new TreeMap<>();
        String uid = "";
        for (PolicyRule r : rules) {
            PolicyOrigin o = r.origin();
            if (o.kind() != first.kind() || !o.namespace().equals(first.namespace()) || !o.name().equals(first.name())) {
                throw new IllegalArgumentException("rules of different policies: " + first + " and " + o);
            }
            for (Label l : o.labels()) {
                if (uid.isEmpty() && l.source().equals(Label.SOURCE_K8S) && l.key().equals(PolicyConverter.LABEL_UID)) {
                    uid = l.value();
                }
            }
            io.kcs.cilium.rules.fabric8.v2.Rule written = rule(r);
            if (o.specsIndex().isPresent()) {
                specs.put(o.specsIndex().getAsInt(), written);
            } else {
                spec = written;
            }
        }
        ObjectMeta meta = new ObjectMeta();
        meta.setName(first.name());
        first.namespace().ifPresent(meta::setNamespace);
        if (!uid.isEmpty()) {
            meta.setUid(uid);
        }
        List<io.kcs.cilium.rules.fabric8.v2.Rule> specList = specs.isEmpty() ? null : new ArrayList<>(specs.values());
        if (first.kind() == PolicyKind.CNP) {
            CiliumNetworkPolicy p = new CiliumNetworkPolicy();
            p.setMetadata(meta);
            p.setSpec(spec);
            p.setSpecs(specList);
            return p;
        }
        CiliumClusterwideNetworkPolicy p = new CiliumClusterwideNetworkPolicy();
        p.setMetadata(meta);
        p.setSpec(spec);
        p.setSpecs(specList);
        return p;
    }

    /**
     * One policy object per policy the rules come from (kind, namespace and name), in order of first appearance.
     */
    public List<HasMetadata> writeAll(List<PolicyRule> rules) {
        Map<String, List<PolicyRule>> byPolicy = new LinkedHashMap<>();
        for (PolicyRule r : Objects.requireNonNull(rules, "rules")) {
            PolicyOrigin o = r.origin();
            byPolicy.computeIfAbsent(o.kind() + "/" + o.qualifiedName(), k -> new ArrayList<>()).add(r);
        }
        List<HasMetadata> out = new ArrayList<>();
        for (List<PolicyRule> one : byPolicy.values()) {
            out.add(write(one));
        }
        return out;
    }

    /** One rule in the v2 model. */
    public io.kcs.cilium.rules.fabric8.v2.Rule rule(PolicyRule r) {
        io.kcs.cilium.rules.fabric8.v2.Rule out = new io.kcs.cilium.rules.fabric8.v2.Rule();
        if (r.subject().isHostPolicy()) {
            out.setNodeSelector(selector(r.subject().selector()));
        } else {
            out.setEndpointSelector(selector(r.subject().selector()));
        }
        out.setIngress(nullIfEmpty(map(r.ingress(), this::ingress)));
        out.setIngressDeny(nullIfEmpty(map(r.ingressDeny(), this::ingressDeny)));
        out.setEgress(nullIfEmpty(map(r.egress(), this::egress)));
        out.setEgressDeny(nullIfEmpty(map(r.egressDeny(), this::egressDeny)));
        List<PolicyLabel> labels = new ArrayList<>();
        Set<String> derivedSeen = new java.util.HashSet<>();
        for (Label l : r.origin().labels()) {
            // one of each derived label is the agent's (metadata); a rule label with the same key stays a label
            if (l.source().equals(Label.SOURCE_K8S) && DERIVED.contains(l.key()) && isDerived(r.origin(), l)
                    && derivedSeen.add(l.key())) {
                continue;
            }
            PolicyLabel pl = new PolicyLabel().withKey(l.key()).withValue(l.value());
            if (!l.source().equals(Label.SOURCE_UNSPEC)) {
                pl.setSource(l.source());
            }
            labels.add(pl);
        }
        out.setLabels(nullIfEmpty(labels));
        r.origin().description().ifPresent(out::setDescription);
        Optional<Boolean> in = r.ingressDefaultDeny().requested();
        Optional<Boolean> eg = r.egressDefaultDeny().requested();
        if (in.isPresent() || eg.isPresent()) {
            out.setEnableDefaultDeny(new DefaultDenyConfig().withIngress(in.orElse(null)).withEgress(eg.orElse(null)));
        }
        r.log().ifPresent(v -> out.setLog(new LogConfig().withValue(v)));
        return out;
    }

    /** Whether {@code l} is the agent's derived label of {@code o} (the uid: any value, it is metadata's). */
    private static boolean isDerived(PolicyOrigin o, Label l) {
        return switch (l.key()) {
            case PolicyConverter.LABEL_DERIVED_FROM -> l.value().equals(o.kind().kindName());
            case PolicyConverter.LABEL_NAME -> l.value().equals(o.name());
            case PolicyConverter.LABEL_NAMESPACE -> o.namespace().map(l.value()::equals).orElse(false);
            default -> true;
        };
    }

    private static <T> List<T> nullIfEmpty(List<T> l) {
        return l.isEmpty() ? null : l;
    }

    private static <F, T> List<T> map(List<F> in, Function<F, T> f) {
        List<T> out = new ArrayList<>();
        for (F x : in) {
            out.add(f.apply(x));
        }
        return out;
    }

    private static <F, T> List<T> opt(Optional<List<F>> in, Function<F, T> f) {
        return in.map(l -> map(l, f)).orElse(null);
    }

    /** A core selector in fabric8 form, keys with their source. */
    static io.fabric8.kubernetes.api.model.LabelSelector selector(LabelSelector s) {
        io.fabric8.kubernetes.api.model.LabelSelector out = new io.fabric8.kubernetes.api.model.LabelSelector();
        if (!s.matchLabels().isEmpty()) {
            out.setMatchLabels(new TreeMap<>(s.matchLabels()));
        }
        if (!s.matchExpressions().isEmpty()) {
            List<io.fabric8.kubernetes.api.model.LabelSelectorRequirement> reqs = new ArrayList<>();
            for (LabelSelectorRequirement r : s.matchExpressions()) {
                io.fabric8.kubernetes.api.model.LabelSelectorRequirement x =
                        new io.fabric8.kubernetes.api.model.LabelSelectorRequirement();
                x.setKey(r.key().extendedKey());
                x.setOperator(r.operator().k8sName());
                if (!r.values().isEmpty()) {
                    x.setValues(new ArrayList<>(r.values()));
                }
                reqs.add(x);
            }
            out.setMatchExpressions(reqs);
        }
        return out;
    }

    private io.kcs.cilium.rules.fabric8.v2.IngressRule ingressPeers(Peers p) {
        io.kcs.cilium.rules.fabric8.v2.IngressRule in = new io.kcs.cilium.rules.fabric8.v2.IngressRule();
        in.setFromEndpoints(opt(p.endpoints(), CiliumPolicyWriter::selector));
        in.setFromRequires(opt(p.requires(), CiliumPolicyWriter::selector));
        in.setFromCIDR(opt(p.cidrs(), CidrPrefix::text));
        in.setFromCIDRSet(opt(p.cidrSets(), CiliumPolicyWriter::cidrRule));
        in.setFromEntities(opt(p.entities(), Entity::ciliumName));
        in.setFromGroups(opt(p.groups(), CiliumPolicyWriter::groups));
        in.setFromNodes(opt(p.nodes(), CiliumPolicyWriter::selector));
        return in;
    }

    private io.kcs.cilium.rules.fabric8.v2.EgressRule egressPeers(Peers p) {
        io.kcs.cilium.rules.fabric8.v2.EgressRule e = new io.kcs.cilium.rules.fabric8.v2.EgressRule();
        e.setToEndpoints(opt(p.endpoints(), CiliumPolicyWriter::selector));
        e.setToRequires(opt(p.requires(), CiliumPolicyWriter::selector));
        e.setToCIDR(opt(p.cidrs(), CidrPrefix::text));
        e.setToCIDRSet(opt(p.cidrSets(), CiliumPolicyWriter::cidrRule));
        e.setToEntities(opt(p.entities(), Entity::ciliumName));
        e.setToServices(opt(p.services(), CiliumPolicyWriter::service));
        e.setToGroups(opt(p.groups(), CiliumPolicyWriter::groups));
        e.setToNodes(opt(p.nodes(), CiliumPolicyWriter::selector));
        return e;
    }

    private io.kcs.cilium.rules.fabric8.v2.IngressRule ingress(IngressRule r) {
        io.kcs.cilium.rules.fabric8.v2.IngressRule in = ingressPeers(r.from());
        in.setToPorts(nullIfEmpty(map(r.toPorts(), CiliumPolicyWriter::portRule)));
        in.setIcmps(nullIfEmpty(map(r.icmps(), CiliumPolicyWriter::icmpRule)));
        r.authentication().ifPresent(a -> in.setAuthentication(new Authentication().withMode(a.ciliumName())));
        return in;
    }

    private io.kcs.cilium.rules.fabric8.v2.IngressRule ingressDeny(IngressDenyRule r) {
        io.kcs.cilium.rules.fabric8.v2.IngressRule in = ingressPeers(r.from());
        in.setToPorts(nullIfEmpty(map(r.toPorts(), CiliumPolicyWriter::portDenyRule)));
        in.setIcmps(nullIfEmpty(map(r.icmps(), CiliumPolicyWriter::icmpRule)));
        return in;
    }

    private io.kcs.cilium.rules.fabric8.v2.EgressRule egress(EgressRule r) {
        io.kcs.cilium.rules.fabric8.v2.EgressRule e = egressPeers(r.to());
        e.setToFQDNs(opt(r.toFqdns(), CiliumPolicyWriter::fqdn));
        e.setToPorts(nullIfEmpty(map(r.toPorts(), CiliumPolicyWriter::portRule)));
        e.setIcmps(nullIfEmpty(map(r.icmps(), CiliumPolicyWriter::icmpRule)));
        r.authentication().ifPresent(a -> e.setAuthentication(new Authentication().withMode(a.ciliumName())));
        return e;
    }

    private io.kcs.cilium.rules.fabric8.v2.EgressRule egressDeny(EgressDenyRule r) {
        io.kcs.cilium.rules.fabric8.v2.EgressRule e = egressPeers(r.to());
        e.setToPorts(nullIfEmpty(map(r.toPorts(), CiliumPolicyWriter::portDenyRule)));
        e.setIcmps(nullIfEmpty(map(r.icmps(), CiliumPolicyWriter::icmpRule)));
        return e;
    }

    private static CIDRRule cidrRule(CidrRule c) {
        CIDRRule out = new CIDRRule();
        c.cidr().ifPresent(p -> out.setCidr(p.text()));
        if (!c.except().isEmpty()) {
            out.setExcept(map(c.except(), CidrPrefix::text));
        }
        c.cidrGroupRef().ifPresent(out::setCidrGroupRef);
        c.cidrGroupSelector().ifPresent(s -> out.setCidrGroupSelector(selector(s)));
        return out;
    }

    private static ServiceRef service(ServicePeer s) {
        ServiceRef ref = new ServiceRef();
        if (s instanceof ServicePeer.ByName n) {
            K8sServiceNamespace k = new K8sServiceNamespace().withServiceName(n.serviceName());
            n.namespace().ifPresent(k::setNamespace);
            ref.setK8sService(k);
        } else if (s instanceof ServicePeer.BySelector b) {
            ServiceSelector k = new ServiceSelector().withSelector(selector(b.selector()));
            b.namespace().ifPresent(k::setNamespace);
            ref.setK8sServiceSelector(k);
        }
        return ref;
    }

    private static io.kcs.cilium.rules.fabric8.v2.Groups groups(Groups g) {
        io.kcs.cilium.rules.fabric8.v2.Groups out = new io.kcs.cilium.rules.fabric8.v2.Groups();
        g.aws().ifPresent(a -> out.setAws(aws(a)));
        return out;
    }

    private static AWSGroup aws(AwsGroup a) {
        AWSGroup out = new AWSGroup();
        if (!a.labels().isEmpty()) {
            out.setLabels(new TreeMap<>(a.labels()));
        }
        if (!a.securityGroupsIds().isEmpty()) {
            out.setSecurityGroupsIds(new ArrayList<>(a.securityGroupsIds()));
        }
        if (!a.securityGroupsNames().isEmpty()) {
            out.setSecurityGroupsNames(new ArrayList<>(a.securityGroupsNames()));
        }
        a.region().ifPresent(out::setRegion);
        return out;
    }

    private static FQDNSelector fqdn(FqdnMatch f) {
        FQDNSelector out = new FQDNSelector();
        f.matchName().ifPresent(out::setMatchName);
        f.matchPattern().ifPresent(out::setMatchPattern);
        return out;
    }

    private static FQDNSelector dns(DnsRule d) {
        FQDNSelector out = new FQDNSelector();
        d.matchName().ifPresent(out::setMatchName);
        d.matchPattern().ifPresent(out::setMatchPattern);
        return out;
    }

    private static io.kcs.cilium.rules.fabric8.v2.PortProtocol port(PortProtocol p) {
        io.kcs.cilium.rules.fabric8.v2.PortProtocol out = new io.kcs.cilium.rules.fabric8.v2.PortProtocol();
        out.setPort(p.port().toString());
        if (p.endPort() != 0) {
            out.setEndPort(p.endPort());
        }
        out.setProtocol(p.protocol().ciliumName());
        return out;
    }

    private static io.kcs.cilium.rules.fabric8.v2.PortRule portDenyRule(PortDenyRule p) {
        io.kcs.cilium.rules.fabric8.v2.PortRule out = new io.kcs.cilium.rules.fabric8.v2.PortRule();
        out.setPorts(nullIfEmpty(map(p.ports(), CiliumPolicyWriter::port)));
        return out;
    }

    private static io.kcs.cilium.rules.fabric8.v2.PortRule portRule(PortRule p) {
        io.kcs.cilium.rules.fabric8.v2.PortRule out = new io.kcs.cilium.rules.fabric8.v2.PortRule();
        out.setPorts(nullIfEmpty(map(p.ports(), CiliumPolicyWriter::port)));
        p.terminatingTls().ifPresent(t -> out.setTerminatingTLS(tls(t)));
        p.originatingTls().ifPresent(t -> out.setOriginatingTLS(tls(t)));
        if (!p.serverNames().isEmpty()) {
            out.setServerNames(new ArrayList<>(p.serverNames()));
        }
        p.listener().ifPresent(l -> out.setListener(listener(l)));
        p.rules().ifPresent(r -> out.setRules(l7(r)));
        return out;
    }

    private static TLSContext tls(TlsContext t) {
        TLSContext out = new TLSContext();
        t.secret().ifPresent(s -> out.setSecret(secret(s)));
        t.trustedCa().ifPresent(out::setTrustedCA);
        t.certificate().ifPresent(out::setCertificate);
        t.privateKey().ifPresent(out::setPrivateKey);
        return out;
    }

    private static io.kcs.cilium.rules.fabric8.v2.Secret secret(Secret s) {
        io.kcs.cilium.rules.fabric8.v2.Secret out = new io.kcs.cilium.rules.fabric8.v2.Secret();
        s.namespace().ifPresent(out::setNamespace);
        out.setName(s.name());
        return out;
    }

    private static io.kcs.cilium.rules.fabric8.v2.Listener listener(Listener l) {
        EnvoyConfig config = new EnvoyConfig();
        if (!l.envoyConfigKind().isEmpty()) {
            config.setKind(l.envoyConfigKind());
        }
        config.setName(l.envoyConfigName());
        io.kcs.cilium.rules.fabric8.v2.Listener out = new io.kcs.cilium.rules.fabric8.v2.Listener()
                .withEnvoyConfig(config).withName(l.name());
        if (l.priority() != 0) {
            out.setPriority(l.priority());
        }
        return out;
    }

    private static io.kcs.cilium.rules.fabric8.v2.L7Rules l7(L7Rules r) {
        io.kcs.cilium.rules.fabric8.v2.L7Rules out = new io.kcs.cilium.rules.fabric8.v2.L7Rules();
        out.setHttp(nullIfEmpty(map(r.http(), CiliumPolicyWriter::http)));
        out.setKafka(nullIfEmpty(map(r.kafka(), CiliumPolicyWriter::kafka)));
        out.setDns(nullIfEmpty(map(r.dns(), CiliumPolicyWriter::dns)));
        r.l7Proto().ifPresent(out::setL7proto);
        if (!r.l7().isEmpty()) {
            List<Map<String, String>> generic = new ArrayList<>();
            for (Map<String, String> m : r.l7()) {
                generic.add(new TreeMap<>(m));
            }
            out.setL7(generic);
        }
        return out;
    }

    private static PortRuleHTTP http(HttpRule h) {
        PortRuleHTTP out = new PortRuleHTTP();
        h.method().ifPresent(out::setMethod);
        h.path().ifPresent(out::setPath);
        h.host().ifPresent(out::setHost);
        if (!h.headers().isEmpty()) {
            out.setHeaders(new ArrayList<>(h.headers()));
        }
        if (!h.headerMatches().isEmpty()) {
            out.setHeaderMatches(map(h.headerMatches(), CiliumPolicyWriter::header));
        }
        return out;
    }

    private static io.kcs.cilium.rules.fabric8.v2.HeaderMatch header(HeaderMatch h) {
        io.kcs.cilium.rules.fabric8.v2.HeaderMatch out = new io.kcs.cilium.rules.fabric8.v2.HeaderMatch();
        h.mismatch().ifPresent(m -> out.setMismatch(m.name()));
        out.setName(h.name());
        h.secret().ifPresent(s -> out.setSecret(secret(s)));
        h.value().ifPresent(out::setValue);
        return out;
    }

    private static PortRuleKafka kafka(KafkaRule k) {
        PortRuleKafka out = new PortRuleKafka();
        k.role().ifPresent(out::setRole);
        k.apiKey().ifPresent(out::setApiKey);
        k.apiVersion().ifPresent(out::setApiVersion);
        k.clientId().ifPresent(out::setClientID);
        k.topic().ifPresent(out::setTopic);
        return out;
    }

    private static ICMPRule icmpRule(IcmpRule r) {
        ICMPRule out = new ICMPRule();
        List<ICMPField> fields = new ArrayList<>();
        for (IcmpField f : r.fields()) {
            ICMPField x = new ICMPField();
            x.setFamily(f.family().ciliumName());
            x.setType(f.typeName().map(IntOrString::new).orElseGet(() -> new IntOrString(f.type())));
            fields.add(x);
        }
        out.setFields(fields);
        return out;
    }

    /** Orders rules as {@link #write} does: {@code spec} first, then {@code specs} by index. */
    static Comparator<PolicyRule> documentOrder() {
        return Comparator.comparingInt(r -> r.origin().specsIndex().orElse(-1));
    }
}
