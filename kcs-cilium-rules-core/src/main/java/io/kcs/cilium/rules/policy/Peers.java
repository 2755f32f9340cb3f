package io.kcs.cilium.rules.policy;

import io.kcs.cilium.rules.Entity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The peer fields of one ingress or egress rule (Cilium's {@code IngressCommonRule} / {@code EgressCommonRule}):
 * {@code from}/{@code toEndpoints}, {@code Requires}, {@code CIDR}, {@code CIDRSet}, {@code Entities},
 * {@code toServices} (egress only), {@code Groups} and {@code Nodes}. ({@code toFQDNs} belongs to
 * {@link EgressRule}.)
 *
 * <p>Semantics, from Cilium's {@code ingress.go}/{@code egress.go}:
 * <ul>
 *   <li>A peer list is an OR: a peer matching any entry of any field is selected. {@code requires} are not peers but
 *   extra conditions (AND) on the peers of every rule selecting the same endpoint (removed in Cilium 1.19).</li>
 *   <li>An omitted field and an empty one differ, so each field is an {@link Optional}: a rule whose fields are
 *   all omitted ({@link #isUnrestricted()}) selects every peer (then only ports/ICMP restrict it); a present but
 *   empty list ({@code fromEndpoints: []}) selects nothing through that field.</li>
 *   <li>Every field is a set: entries are sorted and deduplicated (order does not change what a rule selects).</li>
 * </ul>
 *
 * <pre>{@code
 * Peers p = Peers.builder().endpoints(List.of(LabelSelector.of(Map.of("app", "db"))))
 *         .entities(List.of(Entity.HOST)).build();
 * p.toString();   // "endpoints=[{any:app=db}] entities=[host]"
 * Peers.unrestricted().isUnrestricted();   // true
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (the builder is mutable and not thread-safe).
 *
 * @param endpoints {@code from}/{@code toEndpoints}
 * @param requires {@code from}/{@code toRequires}
 * @param cidrs {@code from}/{@code toCIDR}
 * @param cidrSets {@code from}/{@code toCIDRSet}
 * @param entities {@code from}/{@code toEntities}
 * @param services {@code toServices}
 * @param groups {@code from}/{@code toGroups}
 * @param nodes {@code from}/{@code toNodes}
 */
public record Peers(Optional<List<LabelSelector>> endpoints, Optional<List<LabelSelector>> requires,
        Optional<List<CidrPrefix>> cidrs, Optional<List<CidrRule>> cidrSets, Optional<List<Entity>> entities,
        Optional<List<ServicePeer>> services, Optional<List<Groups>> groups, Optional<List<LabelSelector>> nodes) {

    private static final Peers UNRESTRICTED = new Peers(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Copies every given list, sorted and deduplicated. */
    public Peers {
        endpoints = set(endpoints, Comparator.naturalOrder(), "endpoints");
        requires = set(requires, Comparator.naturalOrder(), "requires");
        cidrs = set(cidrs, Comparator.naturalOrder(), "cidrs");
        cidrSets = set(cidrSets, Comparator.naturalOrder(), "cidrSets");
        entities = set(entities, Comparator.naturalOrder(), "entities");
        services = set(services, Comparator.naturalOrder(), "services");
        groups = set(groups, Comparator.naturalOrder(), "groups");
        nodes = set(nodes, Comparator.naturalOrder(), "nodes");
    }

    private static <T> Optional<List<T>> set(Optional<List<T>> values, Comparator<? super T> order, String what) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty()) {
            return values;
        }
        List<T> v = values.get();
        List<T> set = Checks.sortedSet(v, order, what);
        return set == v ? values : Optional.of(set);
    }

    /** No peer field given: every peer. */
    public static Peers unrestricted() {
        return UNRESTRICTED;
    }

    /** A builder with every field omitted. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this value's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoints = endpoints;
        b.requires = requires;
        b.cidrs = cidrs;
        b.cidrSets = cidrSets;
        b.entities = entities;
        b.services = services;
        b.groups = groups;
        b.nodes = nodes;
        return b;
    }

    /** Whether no peer field is given (so the rule selects every peer; {@code requires} counts as given). */
    public boolean isUnrestricted() {
        return endpoints.isEmpty() && requires.isEmpty() && cidrs.isEmpty() && cidrSets.isEmpty()
                && entities.isEmpty() && services.isEmpty() && groups.isEmpty() && nodes.isEmpty();
    }

    /** The endpoint selectors, or an empty list when the field is omitted. */
    public List<LabelSelector> endpointList() {
        return endpoints.orElse(List.of());
    }

    /** The entities, or an empty list when the field is omitted. */
    public List<Entity> entityList() {
        return entities.orElse(List.of());
    }

    /** The CIDRs, or an empty list when the field is omitted. */
    public List<CidrPrefix> cidrList() {
        return cidrs.orElse(List.of());
    }

    /** The CIDR sets, or an empty list when the field is omitted. */
    public List<CidrRule> cidrSetList() {
        return cidrSets.orElse(List.of());
    }

    /** The services, or an empty list when the field is omitted. */
    public List<ServicePeer> serviceList() {
        return services.orElse(List.of());
    }

    /** The node selectors, or an empty list when the field is omitted. */
    public List<LabelSelector> nodeList() {
        return nodes.orElse(List.of());
    }

    /** The names of the given fields in Cilium's spelling without the from/to prefix, e.g. {@code [Endpoints, CIDR]}. */
    public List<String> givenFields() {
        List<String> out = new ArrayList<>();
        endpoints.ifPresent(x -> out.add("Endpoints"));
        requires.ifPresent(x -> out.add("Requires"));
        cidrs.ifPresent(x -> out.add("CIDR"));
        cidrSets.ifPresent(x -> out.add("CIDRSet"));
        entities.ifPresent(x -> out.add("Entities"));
        services.ifPresent(x -> out.add("Services"));
        groups.ifPresent(x -> out.add("Groups"));
        nodes.ifPresent(x -> out.add("Nodes"));
        return List.copyOf(out);
    }

    /** The given fields, {@code name=[...]} separated by spaces; {@code *} when unrestricted. */
    @Override
    public String toString() {
        if (isUnrestricted()) {
            return "*";
        }
        List<String> parts = new ArrayList<>();
        add(parts, "endpoints", endpoints, Object::toString);
        add(parts, "requires", requires, Object::toString);
        add(parts, "cidrs", cidrs, Object::toString);
        add(parts, "cidrSets", cidrSets, Object::toString);
        add(parts, "entities", entities, Entity::ciliumName);
        add(parts, "services", services, Object::toString);
        add(parts, "groups", groups, Object::toString);
        add(parts, "nodes", nodes, Object::toString);
        return String.join(" ", parts);
    }

    private static <T> void add(List<String> parts, String name, Optional<List<T>> field, Function<T, String> show) {
        field.ifPresent(list -> parts.add(name + "=" + list.stream().map(show).toList()));
    }

    /**
     * A mutable builder of {@link Peers}; a setter given a list makes the field present (even when empty). Not
     * thread-safe.
     */
    public static final class Builder {
        private Optional<List<LabelSelector>> endpoints = Optional.empty();
        private Optional<List<LabelSelector>> requires = Optional.empty();
        private Optional<List<CidrPrefix>> cidrs = Optional.empty();
        private Optional<List<CidrRule>> cidrSets = Optional.empty();
        private Optional<List<Entity>> entities = Optional.empty();
        private Optional<List<ServicePeer>> services = Optional.empty();
        private Optional<List<Groups>> groups = Optional.empty();
        private Optional<List<LabelSelector>> nodes = Optional.empty();

        private Builder() {
        }

        private static <T> Optional<List<T>> given(Collection<? extends T> values, String what) {
            return Optional.of(Checks.list(values, what));
        }

        /** Sets {@code endpoints}. */
        public Builder endpoints(Collection<LabelSelector> values) {
            endpoints = given(values, "endpoints");
            return this;
        }

        /** Sets {@code requires}. */
        public Builder requires(Collection<LabelSelector> values) {
            requires = given(values, "requires");
            return this;
        }

        /** Sets {@code cidrs}. */
        public Builder cidrs(Collection<CidrPrefix> values) {
            cidrs = given(values, "cidrs");
            return this;
        }

        /** Sets {@code cidrSets}. */
        public Builder cidrSets(Collection<CidrRule> values) {
            cidrSets = given(values, "cidrSets");
            return this;
        }

        /** Sets {@code entities}. */
        public Builder entities(Collection<Entity> values) {
            entities = given(values, "entities");
            return this;
        }

        /** Sets {@code services}. */
        public Builder services(Collection<ServicePeer> values) {
            services = given(values, "services");
            return this;
        }

        /** Sets {@code groups}. */
        public Builder groups(Collection<Groups> values) {
            groups = given(values, "groups");
            return this;
        }

        /** Sets {@code nodes}. */
        public Builder nodes(Collection<LabelSelector> values) {
            nodes = given(values, "nodes");
            return this;
        }

        /** The value. */
        public Peers build() {
            return new Peers(endpoints, requires, cidrs, cidrSets, entities, services, groups, nodes);
        }
    }
}
