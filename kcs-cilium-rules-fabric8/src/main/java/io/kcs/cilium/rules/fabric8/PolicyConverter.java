package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kcs.cilium.rules.Entity;
import io.kcs.cilium.rules.fabric8.v2.AWSGroup;
import io.kcs.cilium.rules.fabric8.v2.Authentication;
import io.kcs.cilium.rules.fabric8.v2.CIDRRule;
import io.kcs.cilium.rules.fabric8.v2.DefaultDenyConfig;
import io.kcs.cilium.rules.fabric8.v2.EnvoyConfig;
import io.kcs.cilium.rules.fabric8.v2.FQDNSelector;
import io.kcs.cilium.rules.fabric8.v2.ICMPField;
import io.kcs.cilium.rules.fabric8.v2.ICMPRule;
import io.kcs.cilium.rules.fabric8.v2.K8sServiceNamespace;
import io.kcs.cilium.rules.fabric8.v2.PolicyLabel;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import io.kcs.cilium.rules.fabric8.v2.PortRuleKafka;
import io.kcs.cilium.rules.fabric8.v2.ServiceRef;
import io.kcs.cilium.rules.fabric8.v2.ServiceSelector;
import io.kcs.cilium.rules.fabric8.v2.TLSContext;
import io.kcs.cilium.rules.policy.AuthenticationMode;
import io.kcs.cilium.rules.policy.AwsGroup;
import io.kcs.cilium.rules.policy.CidrPrefix;
import io.kcs.cilium.rules.policy.CidrRule;
import io.kcs.cilium.rules.policy.DnsRule;
import io.kcs.cilium.rules.policy.EgressDenyRule;
import io.kcs.cilium.rules.policy.EgressRule;
import io.kcs.cilium.rules.policy.FqdnMatch;
import io.kcs.cilium.rules.policy.Groups;
import io.kcs.cilium.rules.policy.HeaderMatch;
import io.kcs.cilium.rules.policy.HttpRule;
import io.kcs.cilium.rules.policy.IcmpFamily;
import io.kcs.cilium.rules.policy.IcmpField;
import io.kcs.cilium.rules.policy.IcmpRule;
import io.kcs.cilium.rules.policy.IngressDenyRule;
import io.kcs.cilium.rules.policy.IngressRule;
import io.kcs.cilium.rules.policy.KafkaRule;
import io.kcs.cilium.rules.policy.L4Proto;
import io.kcs.cilium.rules.policy.L7Rules;
import io.kcs.cilium.rules.policy.Label;
import io.kcs.cilium.rules.policy.LabelSelector;
import io.kcs.cilium.rules.policy.LabelSelectorOperator;
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
import io.kcs.cilium.rules.policy.Subject;
import io.kcs.cilium.rules.policy.TlsContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Converts one fabric8 {@code cilium.io/v2} rule into the core {@link PolicyRule}, exactly as the agent imports it:
 * Cilium's {@code ParseToCiliumRule} ({@code pkg/k8s/apis/cilium.io/utils/utils.go}) after {@code Rule.Sanitize}.
 *
 * <ul>
 *   <li>Selector keys without a source are {@code any:} (Sanitize; done by {@link LabelSelector#of}).</li>
 *   <li>CNP subject: {@code k8s:io.kubernetes.pod.namespace=<namespace>} is set, replacing any value written for
 *   that key (an "illegal namespace match" the agent logs and removes).</li>
 *   <li>Peer endpoint selectors ({@code fromEndpoints}/{@code toEndpoints}, every section): unchanged when they have a
 *   {@code reserved:} key; else, when they name no namespace ({@code k8s:} or {@code any:}
 *   {@code io.kubernetes.pod.namespace}), a CNP adds its namespace unless the selector has a namespace-label key
 *   ({@code io.cilium.k8s.namespace.labels.*}), and a CCNP adds {@code k8s:io.kubernetes.pod.namespace exists} unless
 *   its subject selects initialising endpoints ({@code reserved:init}); then the cluster label.</li>
 *   <li>{@code fromNodes}/{@code toNodes}: {@code reserved:remote-node exists} is added, then the cluster label.</li>
 *   <li>Cluster label {@code k8s:io.cilium.k8s.policy.cluster=<cluster-name>}: added to peer endpoint and node
 *   selectors that name no cluster when the agent scopes policies to the local cluster
 *   ({@code policy-default-local-cluster}, Cilium 1.18+; default on from 1.19).</li>
 *   <li>Rule labels: the derived labels {@code k8s:io.cilium.k8s.policy.derived-from}, {@code .name},
 *   {@code .namespace} (CNP), {@code .uid}, then the rule's own labels (no source: {@code unspec}), sorted by key.</li>
 *   <li>Default deny per direction: {@link io.kcs.cilium.rules.policy.DefaultDeny#defaulting} with the agent's
 *   {@code enable-non-default-deny-policies}.</li>
 * </ul>
 *
 * <p>Fails with {@link Unrepresentable} (carrying the JSON path) on input the core model refuses; the reader turns
 * that into an ERROR. Not thread-safe (one instance per read).
 */
final class PolicyConverter {

    static final String NAMESPACE_KEY = "k8s:io.kubernetes.pod.namespace";
    static final String ANY_NAMESPACE_KEY = "any:io.kubernetes.pod.namespace";
    static final String NAMESPACE_LABELS_PREFIX = "k8s:io.cilium.k8s.namespace.labels.";
    static final String ANY_NAMESPACE_LABELS_PREFIX = "any:io.cilium.k8s.namespace.labels.";
    static final String CLUSTER_KEY = "k8s:io.cilium.k8s.policy.cluster";
    static final String ANY_CLUSTER_KEY = "any:io.cilium.k8s.policy.cluster";
    static final String RESERVED_PREFIX = "reserved:";
    static final String INIT_KEY = "reserved:init";
    static final String REMOTE_NODE_KEY = "reserved:remote-node";
    static final String LABEL_DERIVED_FROM = "io.cilium.k8s.policy.derived-from";
    static final String LABEL_NAME = "io.cilium.k8s.policy.name";
    static final String LABEL_NAMESPACE = "io.cilium.k8s.policy.namespace";
    static final String LABEL_UID = "io.cilium.k8s.policy.uid";

    /** A construct the core model cannot hold; {@code path} is relative to the rule ({@code egress[0]...}). */
    static final class Unrepresentable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String path;

        Unrepresentable(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }

        Unrepresentable(JsonPath path, String message) {
            this(path.toString(), message);
        }
    }

    private final MappingOptions options;
    private final PolicyKind kind;
    private final Optional<String> namespace;
    private final String name;
    private final String uid;
    /** The cluster name the agent scopes peers to, or empty ({@code PolicyAnyCluster}). */
    private final String clusterName;
    /** {@link #derivedLabels()}, sorted, made on first use (per read). */
    private List<Label> derived;
    /** Selector keys as written (with the source prefix) to their qualified form, per read: keys repeat. */
    private final Map<String, String> qualified = new java.util.HashMap<>();

    /** The order of a rule's labels: key, source, value. */
    private static final Comparator<Label> LABEL_ORDER = Comparator.comparing(Label::key)
            .thenComparing(Label::source).thenComparing(Label::value);
    /** Whether this pass makes JSON paths (a failed pass is redone with them, see {@link #convert}). */
    private boolean paths;
    /** Whether the subject of the rule being converted selects {@code reserved:init} (per rule). */
    private boolean init;
    // the conversions passed to items(), made once per read instead of once per call
    private final BiFunction<io.kcs.cilium.rules.fabric8.v2.IngressRule, JsonPath, IngressRule> ingressFn =
            this::ingress;
    private final BiFunction<io.kcs.cilium.rules.fabric8.v2.IngressRule, JsonPath, IngressDenyRule> ingressDenyFn =
            this::ingressDeny;
    private final BiFunction<io.kcs.cilium.rules.fabric8.v2.EgressRule, JsonPath, EgressRule> egressFn =
            this::egress;
    private final BiFunction<io.kcs.cilium.rules.fabric8.v2.EgressRule, JsonPath, EgressDenyRule> egressDenyFn =
            this::egressDeny;
    private final BiFunction<io.fabric8.kubernetes.api.model.LabelSelector, JsonPath, LabelSelector> peerEndpointsFn =
            this::peerEndpoints;
    private final BiFunction<io.fabric8.kubernetes.api.model.LabelSelector, JsonPath, LabelSelector> peerNodesFn =
            this::peerNodes;
    private final BiFunction<io.fabric8.kubernetes.api.model.LabelSelector, JsonPath, LabelSelector> selectorFn =
            this::selector;
    private final BiFunction<CIDRRule, JsonPath, CidrRule> cidrRuleFn = this::cidrRule;
    private final BiFunction<ServiceRef, JsonPath, ServicePeer> serviceFn = this::service;
    /** Most selector keys remembered per read. */
    private static final int QUALIFIED_LIMIT = 4_096;

    PolicyConverter(MappingOptions options, PolicyKind kind, Optional<String> namespace, String name, String uid) {
        this.options = options;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
        this.clusterName = options.agentConfig().policyDefaultLocalCluster(options.ciliumMinor())
                ? options.agentConfig().clusterName() : "";
    }

    /** The agent's labels of every rule of the policy: derived-from, name, namespace (CNP), uid. */
    List<Label> derivedLabels() {
        List<Label> out = new ArrayList<>();
        out.add(Label.k8s(LABEL_DERIVED_FROM, kind.kindName()));
        out.add(Label.k8s(LABEL_NAME, name));
        namespace.ifPresent(ns -> out.add(Label.k8s(LABEL_NAMESPACE, ns)));
        out.add(Label.k8s(LABEL_UID, uid));
        return out;
    }

    /**
     * Converts the rule at {@code specsIndex} (empty: {@code spec}): first without JSON paths ({@link JsonPath#NONE},
     * no path node is made), and when that fails, again with paths, so that the failure names where it is. The
     * conversion is deterministic (the per-read memos only remember results), so the second pass fails the same way.
     *
     * @throws Unrepresentable with the path, or another {@link RuntimeException}, as the second pass throws it
     */
    PolicyRule convert(io.kcs.cilium.rules.fabric8.v2.Rule r, OptionalInt specsIndex) {
        paths = false;
        try {
            return convertOnce(r, specsIndex);
        } catch (RuntimeException e) {
            paths = true;
            try {
                return convertOnce(r, specsIndex);
            } finally {
                paths = false;
            }
        }
    }

    /** A root path, or {@link JsonPath#NONE} in a pass without paths. */
    private JsonPath root(String text) {
        return paths ? JsonPath.of(text) : JsonPath.NONE;
    }

    private PolicyRule convertOnce(io.kcs.cilium.rules.fabric8.v2.Rule r, OptionalInt specsIndex) {
        if (derived == null) {
            List<Label> d = derivedLabels();
            d.sort(LABEL_ORDER);
            derived = List.copyOf(d);
        }
        List<Label> labels = derived;
        List<PolicyLabel> own = list(r.getLabels());
        for (int i = 0; i < own.size(); i++) {
            PolicyLabel l = own.get(i);
            if (l == null) {
                continue;
            }
            if (labels == derived) {
                labels = new ArrayList<>(derived);
            }
            String at = "labels[" + i + "]";
            labels.add(attempt(at, () -> Label.of(l.getSource() == null || l.getSource().isEmpty()
                    ? Label.SOURCE_UNSPEC : l.getSource(), nz(l.getKey()), nz(l.getValue()))));
        }
        if (labels != derived) {
            labels.sort(LABEL_ORDER);
        }
        PolicyOrigin origin;
        try {
            origin = new PolicyOrigin(kind, namespace, name, specsIndex, labels,
                    Optional.ofNullable(r.getDescription()));
        } catch (RuntimeException e) {
            throw failed("", e);
        }

        Subject subject;
        boolean matchesInit = false;
        if (r.getEndpointSelector() != null) {
            JsonPath at = root("endpointSelector");
            Parts parts = parts(r.getEndpointSelector(), at, "");
            if (namespace.isEmpty() || parts.labels.size() + parts.requirements.size()
                    >= LabelSelector.MAX_REQUIREMENTS) {
                // (an over-long selector: made twice as before, so that its error names its own size)
                LabelSelector es = attempt(at, () -> LabelSelector.of(parts.labels, parts.requirements));
                matchesInit = es.hasKey(INIT_KEY);
                subject = Subject.endpoints(namespace.isEmpty() ? es
                        : attempt(at, () -> withMatch(es, NAMESPACE_KEY, namespace.get())));
            } else {
                // Cilium's AddMatch of the namespace, on the parts: one LabelSelector made
                matchesInit = parts.hasKey(INIT_KEY);
                parts.labels.put(NAMESPACE_KEY, namespace.get());
                subject = Subject.endpoints(parts.selector(at));
            }
        } else if (r.getNodeSelector() != null) {
            subject = Subject.nodes(selector(r.getNodeSelector(), "nodeSelector"));
        } else {
            throw new Unrepresentable("", "the rule has neither endpointSelector nor nodeSelector");
        }
        init = matchesInit;

        List<IngressRule> ingress = items(r.getIngress(), "ingress", ingressFn);
        List<IngressDenyRule> ingressDeny = items(r.getIngressDeny(), "ingressDeny", ingressDenyFn);
        List<EgressRule> egress = items(r.getEgress(), "egress", egressFn);
        List<EgressDenyRule> egressDeny = items(r.getEgressDeny(), "egressDeny", egressDenyFn);

        DefaultDenyConfig dd = r.getEnableDefaultDeny();
        Optional<Boolean> in = dd == null ? Optional.empty() : Optional.ofNullable(dd.getIngress());
        Optional<Boolean> eg = dd == null ? Optional.empty() : Optional.ofNullable(dd.getEgress());
        Optional<String> log = Optional.empty();
        if (r.getLog() != null && r.getLog().getValue() != null && !r.getLog().getValue().isEmpty()) {
            log = Optional.of(r.getLog().getValue());
        }
        PolicyRule.Builder b = PolicyRule.builder(subject, origin).ingress(ingress).ingressDeny(ingressDeny)
                .egress(egress).egressDeny(egressDeny)
                .defaultDeny(in, eg, options.agentConfig().enableNonDefaultDenyPolicies()).log(log);
        try {
            return b.build();
        } catch (RuntimeException e) {
            throw failed("", e);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private interface Attempt<T> {
        T get();
    }

    private static <T> T attempt(String path, Attempt<T> a) {
        try {
            return a.get();
        } catch (Unrepresentable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Unrepresentable(path, String.valueOf(e.getMessage()));
        }
    }

    /** {@code e} as {@link #attempt} reports it: an {@link Unrepresentable} as it is, else one at {@code path}. */
    private static Unrepresentable failed(JsonPath path, RuntimeException e) {
        return e instanceof Unrepresentable u ? u
                : new Unrepresentable(path.toString(), String.valueOf(e.getMessage()));
    }

    private static Unrepresentable failed(String path, RuntimeException e) {
        return e instanceof Unrepresentable u ? u : new Unrepresentable(path, String.valueOf(e.getMessage()));
    }

    private static <T> T attempt(JsonPath path, Attempt<T> a) {
        try {
            return a.get();
        } catch (Unrepresentable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Unrepresentable(path.toString(), String.valueOf(e.getMessage()));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static JsonPath at(JsonPath path, String field) {
        return path.field(field);
    }

    /** Converts each item (a null item is Go's zero value: an empty object). */
    private static <F, T> List<T> items(List<F> in, JsonPath path, BiFunction<F, JsonPath, T> f) {
        List<F> l = list(in);
        int n = l.size();
        if (n == 0) {
            return List.of();
        }
        if (n == 1) {
            return List.of(f.apply(l.get(0), path.index(0)));
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.apply(l.get(i), path.index(i));
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) List.of(out); // immutable: the model keeps it without another copy
        return list;
    }

    private <F, T> List<T> items(List<F> in, String path, BiFunction<F, JsonPath, T> f) {
        return items(in, root(path), f);
    }

    /**
     * A present-or-absent list at {@code parent.field}: null stays absent (Cilium keeps nil and empty apart); the
     * path is made only for a present list.
     */
    private static <F, T> Optional<List<T>> optItems(List<F> in, JsonPath parent, String field,
            BiFunction<F, JsonPath, T> f) {
        return in == null ? Optional.empty() : Optional.of(items(in, parent.field(field), f));
    }

    /** {@link #items(List, JsonPath, BiFunction)} at {@code parent.field}, the path made only for a non-empty list. */
    private static <F, T> List<T> items(List<F> in, JsonPath parent, String field, BiFunction<F, JsonPath, T> f) {
        return in == null || in.isEmpty() ? List.of() : items(in, parent.field(field), f);
    }

    /** Cilium's {@code AddMatch}: set {@code key=value}, replacing an earlier value of the same key. */
    static LabelSelector withMatch(LabelSelector s, String key, String value) {
        Map<String, String> labels = new TreeMap<>(s.matchLabels());
        labels.put(key, value);
        return LabelSelector.of(labels, s.matchExpressions());
    }

    static boolean hasKeyPrefix(LabelSelector s, String prefix) {
        for (String k : s.matchLabels().keySet()) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        for (io.kcs.cilium.rules.policy.LabelSelectorRequirement r : s.matchExpressions()) {
            if (r.key().extendedKey().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A fabric8 selector as Cilium's sanitized EndpointSelector (keys qualified). */
    LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector s, String path) {
        return selector(s, root(path), "");
    }

    LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector s, JsonPath path) {
        return selector(s, path, "");
    }

    /** Cilium's {@code labels.NewSourceEncodedLabelKey}: a key without a source gets {@code sourcePrefix}. */
    private static String encode(String sourcePrefix, String key) {
        return sourcePrefix.isEmpty() || key.startsWith("$") || key.indexOf(':') >= 0 ? key : sourcePrefix + key;
    }

    /**
     * A fabric8 selector as Cilium's sanitized EndpointSelector: keys without a source get {@code sourcePrefix}
     * (Cilium's {@code NewESFromK8sLabelSelector(sourcePrefix, ...)}), then {@code any:}.
     */
    LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector s, JsonPath path, String sourcePrefix) {
        return parts(s, path, sourcePrefix).selector(path);
    }

    /**
     * The {@code matchLabels} of a selector being built: keys kept sorted (as a {@code TreeMap} would, so that
     * {@link LabelSelector#of} reads them in order) in two arrays, cheaper than a {@code TreeMap} for the few entries a
     * selector has. Not thread-safe.
     */
    private static final class SortedKeyValues extends java.util.AbstractMap<String, String> {
        private String[] keys = new String[4];
        private String[] values = new String[4];
        private int size;

        @Override
        public int size() {
            return size;
        }

        private int find(String key) {
            return java.util.Arrays.binarySearch(keys, 0, size, key);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && find(k) >= 0;
        }

        @Override
        public String get(Object key) {
            int i = key instanceof String k ? find(k) : -1;
            return i >= 0 ? values[i] : null;
        }

        /** Sets {@code key} to {@code value}; the previous value, or null. */
        @Override
        public String put(String key, String value) {
            int i = find(key);
            if (i >= 0) {
                String previous = values[i];
                values[i] = value;
                return previous;
            }
            int at = -i - 1;
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, 2 * size);
                values = java.util.Arrays.copyOf(values, 2 * size);
            }
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            keys[at] = key;
            values[at] = value;
            size++;
            return null;
        }

        /** Whether a key starts with {@code prefix} (the first key not below it does, when any does). */
        boolean hasKeyPrefix(String prefix) {
            int i = find(prefix);
            int at = i >= 0 ? i : -i - 1;
            return at < size && keys[at].startsWith(prefix);
        }

        @Override
        public java.util.Set<Map.Entry<String, String>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Map.Entry<String, String>> iterator() {
                    return new java.util.Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            if (next >= size) {
                                throw new java.util.NoSuchElementException();
                            }
                            int i = next++;
                            return new java.util.AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }

    /** A selector's parts with qualified keys, before the one {@link LabelSelector#of} call. */
    private static final class Parts {
        final SortedKeyValues labels = new SortedKeyValues();
        final List<io.kcs.cilium.rules.policy.LabelSelectorRequirement> requirements = new ArrayList<>();

        /** The selector of these parts; a failure is reported at {@code path}. */
        LabelSelector selector(JsonPath path) {
            try {
                return LabelSelector.of(labels, requirements);
            } catch (RuntimeException e) {
                throw failed(path, e);
            }
        }

        boolean hasKey(String qualified) {
            if (labels.containsKey(qualified)) {
                return true;
            }
            for (io.kcs.cilium.rules.policy.LabelSelectorRequirement r : requirements) {
                if (r.key().extendedKey().equals(qualified)) {
                    return true;
                }
            }
            return false;
        }

        boolean hasKeyPrefix(String prefix) {
            if (labels.hasKeyPrefix(prefix)) {
                return true;
            }
            for (io.kcs.cilium.rules.policy.LabelSelectorRequirement r : requirements) {
                if (r.key().extendedKey().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code Label.parseSelectLabel(key).extendedKey()}: a key already written {@code source:key} (a source of 1-63
     * characters, a key of 1-317 without {@code =}) is that text; any other is parsed.
     */
    static String selectKey(String key) {
        int colon = key.indexOf(':');
        int rest = key.length() - colon - 1;
        if (colon > 0 && colon <= Label.MAX_SOURCE_LENGTH && key.charAt(0) != '$' && rest >= 1
                && rest <= Label.MAX_KEY_LENGTH && key.indexOf('=') < 0) {
            return key;
        }
        return Label.parseSelectLabel(key).extendedKey();
    }

    /** {@link #selectKey}, remembered for the read (at most {@value #QUALIFIED_LIMIT} keys). */
    private String qualify(String key) {
        String q = qualified.get(key);
        if (q == null) {
            q = selectKey(key);
            if (qualified.size() < QUALIFIED_LIMIT) {
                qualified.put(key, q);
            }
        }
        return q;
    }

    /** The qualified parts of a fabric8 selector (keys as Cilium's Sanitize writes them). */
    private Parts parts(io.fabric8.kubernetes.api.model.LabelSelector s, JsonPath path, String sourcePrefix) {
        Parts parts = new Parts();
        if (s == null) {
            return parts; // Go: a null item of a selector list is the empty selector
        }
        try {
            if (s.getMatchLabels() != null) {
                for (Map.Entry<String, String> e : s.getMatchLabels().entrySet()) {
                    String key = qualify(encode(sourcePrefix, nz(e.getKey())));
                    String value = nz(e.getValue());
                    String previous = parts.labels.put(key, value);
                    if (previous != null && !previous.equals(value)) {
                        throw new IllegalArgumentException("matchLabels gives " + key + " two values, " + previous
                                + " and " + value + " (Cilium keeps either, by Go map order)");
                    }
                }
            }
            List<LabelSelectorRequirement> exprs = list(s.getMatchExpressions());
            for (int i = 0; i < exprs.size(); i++) {
                LabelSelectorRequirement e = exprs.get(i);
                if (e == null) {
                    continue;
                }
                JsonPath where = path.field("matchExpressions").index(i);
                LabelSelectorOperator op = LabelSelectorOperator.fromName(nz(e.getOperator()))
                        .orElseThrow(() -> new Unrepresentable(where + ".operator", "unknown operator "
                                + e.getOperator()));
                List<String> values = new ArrayList<>();
                for (String v : list(e.getValues())) {
                    values.add(nz(v));
                }
                parts.requirements.add(attempt(where, () -> io.kcs.cilium.rules.policy.LabelSelectorRequirement.of(
                        encode(sourcePrefix, nz(e.getKey())), op, values)));
            }
            return parts;
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    /** Cilium's {@code getEndpointSelector}: a peer endpoint selector with namespace and cluster rules. */
    private LabelSelector peerEndpoints(io.fabric8.kubernetes.api.model.LabelSelector raw, JsonPath path) {
        boolean matchesInit = init;
        Parts s = parts(raw, path, "");
        if (!s.hasKeyPrefix(RESERVED_PREFIX)) {
            if (!s.hasKey(NAMESPACE_KEY) && !s.hasKey(ANY_NAMESPACE_KEY)) {
                if (namespace.isEmpty()) {
                    if (!matchesInit) {
                        s.requirements.add(io.kcs.cilium.rules.policy.LabelSelectorRequirement.exists(NAMESPACE_KEY));
                    }
                } else if (!s.hasKeyPrefix(NAMESPACE_LABELS_PREFIX) && !s.hasKeyPrefix(ANY_NAMESPACE_LABELS_PREFIX)) {
                    s.labels.put(NAMESPACE_KEY, namespace.get());
                }
            }
            addCluster(s);
        }
        return s.selector(path);
    }

    /** Cilium's {@code addClusterFilterByDefault} on parts. */
    private void addCluster(Parts s) {
        if (!clusterName.isEmpty() && !s.hasKey(CLUSTER_KEY) && !s.hasKey(ANY_CLUSTER_KEY)) {
            s.labels.put(CLUSTER_KEY, clusterName);
        }
    }

    /** {@code fromNodes}/{@code toNodes}: the selector, {@code reserved:remote-node exists}, the cluster label. */
    private LabelSelector peerNodes(io.fabric8.kubernetes.api.model.LabelSelector raw, JsonPath path) {
        Parts s = parts(raw, path, "");
        s.requirements.add(io.kcs.cilium.rules.policy.LabelSelectorRequirement.exists(REMOTE_NODE_KEY));
        addCluster(s);
        return s.selector(path);
    }

    private Peers ingressPeers(io.kcs.cilium.rules.fabric8.v2.IngressRule in, JsonPath path) {
        Peers.Builder b = Peers.builder();
        if (in.getFromEndpoints() != null) {
            b.endpoints(items(in.getFromEndpoints(), path.field("fromEndpoints"), peerEndpointsFn));
        }
        if (in.getFromRequires() != null) {
            b.requires(items(in.getFromRequires(), path.field("fromRequires"), selectorFn));
        }
        if (in.getFromCIDR() != null) {
            b.cidrs(items(in.getFromCIDR(), path.field("fromCIDR"), PolicyConverter::cidr));
        }
        if (in.getFromCIDRSet() != null) {
            b.cidrSets(items(in.getFromCIDRSet(), path.field("fromCIDRSet"), cidrRuleFn));
        }
        if (in.getFromEntities() != null) {
            b.entities(items(in.getFromEntities(), path.field("fromEntities"), PolicyConverter::entity));
        }
        if (in.getFromGroups() != null) {
            b.groups(items(in.getFromGroups(), path.field("fromGroups"), PolicyConverter::groups));
        }
        if (in.getFromNodes() != null) {
            b.nodes(items(in.getFromNodes(), path.field("fromNodes"), peerNodesFn));
        }
        try {
            return b.build();
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private Peers egressPeers(io.kcs.cilium.rules.fabric8.v2.EgressRule e, JsonPath path) {
        Peers.Builder b = Peers.builder();
        if (e.getToEndpoints() != null) {
            b.endpoints(items(e.getToEndpoints(), path.field("toEndpoints"), peerEndpointsFn));
        }
        if (e.getToRequires() != null) {
            b.requires(items(e.getToRequires(), path.field("toRequires"), selectorFn));
        }
        if (e.getToCIDR() != null) {
            b.cidrs(items(e.getToCIDR(), path.field("toCIDR"), PolicyConverter::cidr));
        }
        if (e.getToCIDRSet() != null) {
            b.cidrSets(items(e.getToCIDRSet(), path.field("toCIDRSet"), cidrRuleFn));
        }
        if (e.getToEntities() != null) {
            b.entities(items(e.getToEntities(), path.field("toEntities"), PolicyConverter::entity));
        }
        if (e.getToServices() != null) {
            b.services(items(e.getToServices(), path.field("toServices"), serviceFn));
        }
        if (e.getToGroups() != null) {
            b.groups(items(e.getToGroups(), path.field("toGroups"), PolicyConverter::groups));
        }
        if (e.getToNodes() != null) {
            b.nodes(items(e.getToNodes(), path.field("toNodes"), peerNodesFn));
        }
        try {
            return b.build();
        } catch (RuntimeException x) {
            throw failed(path, x);
        }
    }

    private IngressRule ingress(io.kcs.cilium.rules.fabric8.v2.IngressRule in, JsonPath path) {
        io.kcs.cilium.rules.fabric8.v2.IngressRule r = in == null ? new io.kcs.cilium.rules.fabric8.v2.IngressRule()
                : in;
        Peers from = ingressPeers(r, path);
        List<PortRule> ports = items(r.getToPorts(), path, "toPorts", PolicyConverter::portRule);
        List<IcmpRule> icmps = items(r.getIcmps(), path, "icmps", PolicyConverter::icmpRule);
        Optional<AuthenticationMode> auth = authentication(r.getAuthentication(), path);
        try {
            return new IngressRule(from, ports, icmps, auth);
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private IngressDenyRule ingressDeny(io.kcs.cilium.rules.fabric8.v2.IngressRule in, JsonPath path) {
        io.kcs.cilium.rules.fabric8.v2.IngressRule r = in == null ? new io.kcs.cilium.rules.fabric8.v2.IngressRule()
                : in;
        Peers from = ingressPeers(r, path);
        List<PortDenyRule> ports = items(r.getToPorts(), path, "toPorts", PolicyConverter::portDenyRule);
        List<IcmpRule> icmps = items(r.getIcmps(), path, "icmps", PolicyConverter::icmpRule);
        try {
            return new IngressDenyRule(from, ports, icmps);
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private EgressRule egress(io.kcs.cilium.rules.fabric8.v2.EgressRule eg, JsonPath path) {
        io.kcs.cilium.rules.fabric8.v2.EgressRule r = eg == null ? new io.kcs.cilium.rules.fabric8.v2.EgressRule() : eg;
        Peers to = egressPeers(r, path);
        Optional<List<FqdnMatch>> fqdns = optItems(r.getToFQDNs(), path, "toFQDNs", PolicyConverter::fqdn);
        List<PortRule> ports = items(r.getToPorts(), path, "toPorts", PolicyConverter::portRule);
        List<IcmpRule> icmps = items(r.getIcmps(), path, "icmps", PolicyConverter::icmpRule);
        Optional<AuthenticationMode> auth = authentication(r.getAuthentication(), path);
        try {
            return new EgressRule(to, fqdns, ports, icmps, auth);
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private EgressDenyRule egressDeny(io.kcs.cilium.rules.fabric8.v2.EgressRule eg, JsonPath path) {
        io.kcs.cilium.rules.fabric8.v2.EgressRule r = eg == null ? new io.kcs.cilium.rules.fabric8.v2.EgressRule() : eg;
        Peers to = egressPeers(r, path);
        List<PortDenyRule> ports = items(r.getToPorts(), path, "toPorts", PolicyConverter::portDenyRule);
        List<IcmpRule> icmps = items(r.getIcmps(), path, "icmps", PolicyConverter::icmpRule);
        try {
            return new EgressDenyRule(to, ports, icmps);
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    // ------------------------------------------------------------------------------------------ peers

    private static CidrPrefix cidr(String text, JsonPath path) {
        try {
            return CidrPrefix.parse(nz(text));
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private CidrRule cidrRule(CIDRRule c, JsonPath path) {
        if (c == null) {
            throw new Unrepresentable(path, "an empty CIDR rule");
        }
        Optional<CidrPrefix> cidr = c.getCidr() == null ? Optional.empty()
                : Optional.of(cidr(c.getCidr(), at(path, "cidr")));
        List<CidrPrefix> except = items(c.getExcept(), path, "except", PolicyConverter::cidr);
        Optional<LabelSelector> group = c.getCidrGroupSelector() == null ? Optional.empty()
                : Optional.of(selector(c.getCidrGroupSelector(), at(path, "cidrGroupSelector"),
                        Label.SOURCE_CIDR_GROUP + ":")); // CIDRRule.sanitize: cidrgroup: keys
        Optional<String> ref = Optional.ofNullable(c.getCidrGroupRef());
        return attempt(path, () -> new CidrRule(cidr, except, ref, group));
    }

    private static Entity entity(String n, JsonPath path) {
        return Entity.fromCiliumName(nz(n)).orElseThrow(() -> new Unrepresentable(path, "unknown entity " + n));
    }

    private ServicePeer service(ServiceRef ref, JsonPath path) {
        if (ref != null && ref.getK8sService() != null) {
            K8sServiceNamespace s = ref.getK8sService();
            return attempt(at(path, "k8sService"), () -> new ServicePeer.ByName(nz(s.getServiceName()),
                    optional(s.getNamespace())));
        }
        if (ref != null && ref.getK8sServiceSelector() != null) {
            ServiceSelector s = ref.getK8sServiceSelector();
            LabelSelector sel = selector(s.getSelector() == null ? new io.fabric8.kubernetes.api.model.LabelSelector()
                    : s.getSelector(), at(path, "k8sServiceSelector.selector"));
            return attempt(at(path, "k8sServiceSelector"), () -> new ServicePeer.BySelector(sel,
                    optional(s.getNamespace())));
        }
        throw new Unrepresentable(path, "a toServices item needs k8sService or k8sServiceSelector");
    }

    private static Optional<String> optional(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Groups groups(io.kcs.cilium.rules.fabric8.v2.Groups g, JsonPath path) {
        AWSGroup aws = g == null ? null : g.getAws();
        if (aws == null) {
            return attempt(path, () -> new Groups(Optional.empty()));
        }
        Map<String, String> labels = new TreeMap<>();
        if (aws.getLabels() != null) {
            aws.getLabels().forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> ids = strings(aws.getSecurityGroupsIds());
        List<String> names = strings(aws.getSecurityGroupsNames());
        Optional<String> region = Optional.ofNullable(aws.getRegion());
        return attempt(path, () -> new Groups(Optional.of(new AwsGroup(labels, ids, names, region))));
    }

    private static List<String> strings(List<String> l) {
        List<String> out = new ArrayList<>();
        for (String x : list(l)) {
            out.add(String.valueOf(x));
        }
        return out;
    }

    private static FqdnMatch fqdn(FQDNSelector f, JsonPath path) {
        FQDNSelector x = f == null ? new FQDNSelector() : f;
        return attempt(path, () -> new FqdnMatch(Optional.ofNullable(x.getMatchName()),
                Optional.ofNullable(x.getMatchPattern())));
    }

    private static DnsRule dns(FQDNSelector f, JsonPath path) {
        FQDNSelector x = f == null ? new FQDNSelector() : f;
        return attempt(path, () -> new DnsRule(Optional.ofNullable(x.getMatchName()),
                Optional.ofNullable(x.getMatchPattern())));
    }

    // ------------------------------------------------------------------------------------------ ports, L7

    private static PortProtocol port(io.kcs.cilium.rules.fabric8.v2.PortProtocol p, JsonPath path) {
        if (p == null) {
            return attempt(path, () -> PortProtocol.of("", 0, L4Proto.ANY));
        }
        Optional<L4Proto> proto = L4Proto.parse(nz(p.getProtocol()));
        if (proto.isEmpty()) {
            throw new Unrepresentable(at(path, "protocol"), "unknown protocol " + p.getProtocol());
        }
        int end = p.getEndPort() == null ? 0 : p.getEndPort();
        try {
            return PortProtocol.of(nz(p.getPort()), end, proto.get());
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private static PortRule portRule(io.kcs.cilium.rules.fabric8.v2.PortRule p, JsonPath path) {
        if (p == null) {
            return attempt(path, () -> PortRule.of(List.of()));
        }
        List<PortProtocol> ports = items(p.getPorts(), path, "ports", PolicyConverter::port);
        Optional<TlsContext> terminating = p.getTerminatingTLS() == null ? Optional.empty()
                : tls(p.getTerminatingTLS(), at(path, "terminatingTLS"));
        Optional<TlsContext> originating = p.getOriginatingTLS() == null ? Optional.empty()
                : tls(p.getOriginatingTLS(), at(path, "originatingTLS"));
        List<String> serverNames = new ArrayList<>();
        for (String s : list(p.getServerNames())) {
            serverNames.add(nz(s));
        }
        Optional<Listener> listener = p.getListener() == null ? Optional.empty()
                : listener(p.getListener(), at(path, "listener"));
        Optional<L7Rules> rules = p.getRules() == null ? Optional.empty()
                : Optional.of(l7(p.getRules(), at(path, "rules")));
        try {
            return new PortRule(ports, terminating, originating, serverNames, listener, rules);
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private static PortDenyRule portDenyRule(io.kcs.cilium.rules.fabric8.v2.PortRule p, JsonPath path) {
        List<PortProtocol> ports = p == null ? List.of() : items(p.getPorts(), path, "ports", PolicyConverter::port);
        try {
            return new PortDenyRule(ports);
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private static Optional<TlsContext> tls(TLSContext t, JsonPath path) {
        if (t == null) {
            return Optional.empty();
        }
        Optional<Secret> secret = t.getSecret() == null ? Optional.empty() : secret(t.getSecret(), at(path, "secret"));
        return Optional.of(attempt(path, () -> new TlsContext(secret, Optional.ofNullable(t.getTrustedCA()),
                Optional.ofNullable(t.getCertificate()), Optional.ofNullable(t.getPrivateKey()))));
    }

    private static Optional<Secret> secret(io.kcs.cilium.rules.fabric8.v2.Secret s, JsonPath path) {
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(attempt(path, () -> new Secret(optional(s.getNamespace()), nz(s.getName()))));
    }

    private static Optional<Listener> listener(io.kcs.cilium.rules.fabric8.v2.Listener l, JsonPath path) {
        if (l == null) {
            return Optional.empty();
        }
        EnvoyConfig ec = l.getEnvoyConfig();
        String kindName = ec == null ? "" : nz(ec.getKind());
        String configName = ec == null ? "" : nz(ec.getName());
        int priority = l.getPriority() == null ? 0 : l.getPriority();
        return Optional.of(attempt(path, () -> new Listener(kindName, configName, nz(l.getName()), priority)));
    }

    /** The {@code authentication} of the rule at {@code rule}. */
    private static Optional<AuthenticationMode> authentication(Authentication a, JsonPath rule) {
        if (a == null || a.getMode() == null) {
            return Optional.empty();
        }
        String mode = a.getMode();
        return Optional.of(AuthenticationMode.parse(mode).orElseThrow(() -> new Unrepresentable(
                rule.field("authentication").field("mode"), "unknown authentication mode " + mode)));
    }

    private static L7Rules l7(io.kcs.cilium.rules.fabric8.v2.L7Rules r, JsonPath path) {
        List<HttpRule> http = items(r.getHttp(), path, "http", PolicyConverter::http);
        List<KafkaRule> kafka = items(r.getKafka(), path, "kafka", PolicyConverter::kafka);
        List<DnsRule> dns = items(r.getDns(), path, "dns", PolicyConverter::dns);
        List<Map<String, String>> generic = new ArrayList<>();
        for (Map<String, String> m : list(r.getL7())) {
            Map<String, String> copy = new TreeMap<>();
            if (m != null) {
                m.forEach((k, v) -> copy.put(nz(k), nz(v)));
            }
            generic.add(copy);
        }
        Optional<String> proto = optional(r.getL7proto());
        return attempt(path, () -> new L7Rules(http, kafka, dns, proto, generic));
    }

    private static HttpRule http(PortRuleHTTP h, JsonPath path) {
        if (h == null) {
            return attempt(path, () -> new HttpRule(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    List.of()));
        }
        List<String> headers = new ArrayList<>();
        for (String s : list(h.getHeaders())) {
            headers.add(nz(s));
        }
        List<HeaderMatch> matches = items(h.getHeaderMatches(), path, "headerMatches", PolicyConverter::header);
        return attempt(path, () -> new HttpRule(optional(h.getMethod()), optional(h.getPath()),
                optional(h.getHost()), headers, matches));
    }

    private static HeaderMatch header(io.kcs.cilium.rules.fabric8.v2.HeaderMatch m, JsonPath path) {
        io.kcs.cilium.rules.fabric8.v2.HeaderMatch h = m == null ? new io.kcs.cilium.rules.fabric8.v2.HeaderMatch() : m;
        Optional<HeaderMatch.Mismatch> mismatch = Optional.empty();
        if (h.getMismatch() != null && !h.getMismatch().isEmpty()) {
            String text = h.getMismatch();
            mismatch = Optional.of(HeaderMatch.Mismatch.parse(text).orElseThrow(() -> new Unrepresentable(
                    at(path, "mismatch"), "unknown mismatch action " + text)));
        }
        Optional<Secret> secret = h.getSecret() == null ? Optional.empty() : secret(h.getSecret(), at(path, "secret"));
        Optional<HeaderMatch.Mismatch> mm = mismatch;
        return attempt(path, () -> new HeaderMatch(mm, nz(h.getName()), secret, Optional.ofNullable(h.getValue())));
    }

    private static KafkaRule kafka(PortRuleKafka m, JsonPath path) {
        PortRuleKafka k = m == null ? new PortRuleKafka() : m;
        return attempt(path, () -> new KafkaRule(Optional.ofNullable(k.getRole()), Optional.ofNullable(k.getApiKey()),
                Optional.ofNullable(k.getApiVersion()), Optional.ofNullable(k.getClientID()),
                Optional.ofNullable(k.getTopic())));
    }

    private static IcmpRule icmpRule(ICMPRule r, JsonPath path) {
        List<IcmpField> fields = r == null ? List.of() : items(r.getFields(), path, "fields",
                PolicyConverter::icmpField);
        try {
            return new IcmpRule(fields);
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    private static IcmpField icmpField(ICMPField f, JsonPath path) {
        if (f == null || f.getType() == null) {
            throw new Unrepresentable(at(path, "type"), "an ICMP field needs a type");
        }
        String famText = f.getFamily() == null ? "" : f.getFamily();
        IcmpFamily family = IcmpFamily.parse(famText)
                .orElseThrow(() -> new Unrepresentable(at(path, "family"), "unknown ICMP family " + famText));
        IntOrString t = f.getType();
        if (t.getIntVal() != null) {
            return attempt(at(path, "type"), () -> IcmpField.ofNumber(family, t.getIntVal()));
        }
        String text = nz(t.getStrVal());
        return attempt(at(path, "type"), () -> text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                ? IcmpField.ofNumber(family, Integer.parseInt(text)) : IcmpField.ofName(family, text));
    }
}
