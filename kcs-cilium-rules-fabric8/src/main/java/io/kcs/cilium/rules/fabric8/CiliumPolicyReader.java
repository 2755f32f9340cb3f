package io.kcs.cilium.rules.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.KubernetesNames;
import io.kcs.cilium.rules.common.Severity;
import io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import io.kcs.cilium.rules.policy.PolicyKind;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads any CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy into the core policy model
 * ({@link io.kcs.cilium.rules.policy.PolicyRule}), exactly as the Cilium agent imports it, and judges it as the agent
 * does.
 *
 * <p>Reading a policy: {@link CiliumPolicyValidator} first (every check of the agent's {@code Rule.Sanitize} and
 * {@code Parse}, for the Cilium line and agent options of the {@link MappingOptions}); a policy with an ERROR is
 * refused whole, as the agent refuses it, and gives no rule. Otherwise each rule ({@code spec}, then {@code specs}
 * in order) is converted with the agent's rewriting ({@code ParseToCiliumRule},
 * {@code pkg/k8s/apis/cilium.io/utils/utils.go}):
 * <ul>
 *   <li>selector keys without a source become {@code any:} keys;</li>
 *   <li>a CiliumNetworkPolicy's {@code endpointSelector} gets {@code k8s:io.kubernetes.pod.namespace=<namespace>},
 *   replacing a namespace written there;</li>
 *   <li>each {@code fromEndpoints}/{@code toEndpoints} selector (allow and deny sections) that names no namespace
 *   ({@code k8s:} or {@code any:} {@code io.kubernetes.pod.namespace}) gets the policy's namespace in a
 *   CiliumNetworkPolicy, unless it selects namespaces by their labels ({@code io.cilium.k8s.namespace.labels.*});
 *   in a CiliumClusterwideNetworkPolicy it gets {@code k8s:io.kubernetes.pod.namespace exists} instead (every pod
 *   of every namespace), unless the rule's subject selects {@code reserved:init}; a selector with a
 *   {@code reserved:} key is left alone;</li>
 *   <li>{@code fromNodes}/{@code toNodes} selectors get {@code reserved:remote-node exists};</li>
 *   <li>peer endpoint and node selectors that name no cluster get
 *   {@code k8s:io.cilium.k8s.policy.cluster=<cluster-name>} when the agent scopes policies to its cluster
 *   ({@code policy-default-local-cluster}: from Cilium 1.18, on by default from 1.19; {@code cluster-name} defaults
 *   to {@code default}; see {@link io.kcs.cilium.rules.agent.CiliumAgentConfig});</li>
 *   <li>each rule's labels are the agent's: {@code k8s:io.cilium.k8s.policy.derived-from=<kind>},
 *   {@code k8s:io.cilium.k8s.policy.name}, {@code k8s:io.cilium.k8s.policy.namespace} (namespaced policies) and
 *   {@code k8s:io.cilium.k8s.policy.uid} ({@code metadata.uid}, empty when absent), then the rule's own labels (no
 *   source: {@code unspec}), sorted by key, in {@link io.kcs.cilium.rules.policy.PolicyOrigin#labels()};</li>
 *   <li>the default-deny posture per direction follows {@code enableDefaultDeny} and the agent option
 *   {@code enable-non-default-deny-policies}.</li>
 * </ul>
 * A CiliumNetworkPolicy without {@code metadata.namespace} is read as the agent reads it: as a clusterwide policy
 * (the validator warns, {@link PolicyDiagnosticCodes#MISSING_NAMESPACE}). A CiliumClusterwideNetworkPolicy's
 * {@code metadata.namespace} is ignored.
 *
 * <p>Then the lints run on valid policies (WARNINGs, see the lint section of {@link PolicyDiagnosticCodes}; they never
 * make a policy invalid): empty endpoint selectors, {@code [{}]} peers in clusterwide policies, CIDRs over the
 * cluster's own ranges ({@link MappingOptions#withClusterCidrs}), allow rules shadowed by {@code all}/{@code world}
 * deny rules, {@code enableDefaultDeny} on a direction without rules. {@link #read(List)} adds the lints that need the
 * whole set: {@code toFQDNs} without a DNS rule that sends the endpoints' queries through the DNS proxy, and
 * {@code enableDefaultDeny: false} allow rules that nothing makes effective. They judge "the same endpoints" by the
 * smallest label set a rule's subject selects (its {@code matchLabels}, one value per requirement): another rule
 * covers them when its subject selects that label set.
 *
 * <p>What it does not do: it does not apply the CRD's OpenAPI schema, contact a cluster, resolve names, CIDR groups
 * or services, or evaluate traffic. It never throws on a policy: any object, nulls anywhere, very long lists (bounded
 * by the validator, {@link CiliumPolicyValidator#MAX_LIST_ITEMS}) give diagnostics.
 *
 * <pre>{@code
 * CiliumPolicyReader reader = CiliumPolicyReader.create(MappingOptions.defaults().withCiliumVersion("1.19"));
 * PolicyReadResult one = reader.read(policy);
 * PolicyReadResult all = reader.read(List.of(policyA, policyB));   // paths like "shop/web:spec.egress[0]"
 * }</pre>
 *
 * <p>Immutable and thread-safe (do not modify a policy while it is read: fabric8's models are mutable).
 */
public final class CiliumPolicyReader {

    private final MappingOptions options;
    private final CiliumPolicyValidator validator;

    private CiliumPolicyReader(MappingOptions options) {
        this.options = options;
        this.validator = CiliumPolicyValidator.create(options);
    }

    /**
     * A reader for the Cilium line and agent options of {@code options}.
     *
     * @throws NullPointerException when {@code options} is null
     */
    public static CiliumPolicyReader create(MappingOptions options) {
        return new CiliumPolicyReader(Objects.requireNonNull(options, "options"));
    }

    /** The options this reader reads by. */
    public MappingOptions options() {
        return options;
    }

    /**
     * Reads one CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy: its rules when the agent would import it, and
     * every diagnostic (paths from the resource root, e.g. {@code spec.egress[0].toPorts[1].ports[0].endPort}). Any
     * other object, or null, gives one ERROR {@link PolicyDiagnosticCodes#UNSUPPORTED_KIND}.
     *
     * @return never null; never throws
     */
    public PolicyReadResult read(HasMetadata policy) {
        Read r = readOne(policy, 0);
        return new PolicyReadResult(r.rules, r.diagnostics);
    }

    /**
     * Reads a set of policies as the agent would import them together: each policy is judged on its own (and
     * imported whole or not at all), and the lints that need the whole set run over the valid ones. Every
     * diagnostic's path starts with its policy: {@code <namespace>/<name>:} for a CiliumNetworkPolicy,
     * {@code <name>:} for a clusterwide one ({@code #<index>} stands for a missing name; the index is 0-based in
     * {@code policies}), e.g. {@code shop/web:spec.egress[0].toFQDNs}. {@link PolicyReadResult#rules()} holds the rules
     * of the valid policies, in input order.
     *
     * @param policies the policies; a null list reads as empty, null elements give ERRORs
     * @return never null; never throws
     */
    public PolicyReadResult read(List<? extends HasMetadata> policies) {
        List<PolicyRule> rules = new ArrayList<>();
        List<List<PolicyDiagnostic>> perPolicy = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<PolicyLints.RuleView> views = new ArrayList<>();
        List<HasMetadata> input = policies == null ? List.of() : new ArrayList<>(policies);
        for (int i = 0; i < input.size(); i++) {
            HasMetadata p = input.get(i);
            Read r = readOne(p, i);
            rules.addAll(r.rules);
            views.addAll(r.views);
            perPolicy.add(new ArrayList<>(r.diagnostics));
            prefixes.add(prefix(p, i));
        }
        if (!views.isEmpty()) {
            for (PolicyLints.Finding f : safeLints(() -> PolicyLints.cross(views, options))) {
                perPolicy.get(f.policy()).add(f.diagnostic());
            }
        }
        List<PolicyDiagnostic> diagnostics = new ArrayList<>();
        for (int i = 0; i < perPolicy.size(); i++) {
            for (PolicyDiagnostic d : perPolicy.get(i)) {
                diagnostics.add(d.withPathPrefix(prefixes.get(i)));
            }
        }
        return new PolicyReadResult(rules, diagnostics);
    }

    /** {@code namespace/name:} or {@code name:}; {@code #index} for a missing name. */
    static String prefix(HasMetadata p, int index) {
        ObjectMeta m = metadata(p);
        String name = m == null || m.getName() == null || m.getName().isEmpty() ? "#" + index : m.getName();
        String ns = p instanceof CiliumNetworkPolicy && m != null && m.getNamespace() != null
                && !m.getNamespace().isEmpty() ? m.getNamespace() + "/" : "";
        return ns + name + ":";
    }

    private static ObjectMeta metadata(HasMetadata p) {
        try {
            return p == null ? null : p.getMetadata();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The result of reading one policy: its rules (when valid), diagnostics, and views for the set lints. */
    private record Read(List<PolicyRule> rules, List<PolicyDiagnostic> diagnostics,
            List<PolicyLints.RuleView> views) {}

    private Read readOne(HasMetadata policy, int index) {
        List<PolicyDiagnostic> diagnostics = new ArrayList<>(validator.validate(policy));
        if (hasError(diagnostics)) {
            return new Read(List.of(), diagnostics, List.of());
        }
        Rule spec;
        List<Rule> specs;
        boolean namespaced;
        if (policy instanceof CiliumNetworkPolicy cnp) {
            spec = cnp.getSpec();
            specs = cnp.getSpecs();
            namespaced = true;
        } else if (policy instanceof CiliumClusterwideNetworkPolicy ccnp) {
            spec = ccnp.getSpec();
            specs = ccnp.getSpecs();
            namespaced = false;
        } else {
            // the validator reports anything else; keep the promise even if it did not
            diagnostics.add(PolicyDiagnostic.error(PolicyDiagnosticCodes.UNSUPPORTED_KIND, "kind",
                    "only CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) can be read"));
            return new Read(List.of(), diagnostics, List.of());
        }
        ObjectMeta meta = metadata(policy);
        String name = meta == null || meta.getName() == null ? "" : meta.getName();
        String uid = meta == null || meta.getUid() == null ? "" : meta.getUid();
        Optional<String> namespace = namespaced && meta != null && meta.getNamespace() != null
                && !meta.getNamespace().isEmpty() ? Optional.of(meta.getNamespace()) : Optional.empty();
        // the API server refuses objects with such names; no agent sees them
        KubernetesNames.objectNameProblem(name).ifPresent(problem -> diagnostics.add(PolicyDiagnostic.error(
                PolicyDiagnosticCodes.INVALID_OBJECT_NAME, "metadata.name", problem + " (the API server refuses the"
                        + " object, so no agent imports it); fix: an RFC 1123 subdomain name")));
        namespace.flatMap(KubernetesNames::namespaceProblem).ifPresent(problem -> diagnostics.add(
                PolicyDiagnostic.error(PolicyDiagnosticCodes.INVALID_OBJECT_NAME, "metadata.namespace", problem
                        + " (the API server refuses the object, so no agent imports it); fix: an RFC 1123 label")));
        if (hasError(diagnostics)) {
            return new Read(List.of(), diagnostics, List.of());
        }
        PolicyKind kind = namespace.isPresent() ? PolicyKind.CNP : PolicyKind.CCNP;
        PolicyConverter converter = new PolicyConverter(options, kind, namespace, name, uid);

        int count = (spec == null ? 0 : 1) + (specs == null ? 0 : specs.size());
        List<PolicyRule> rules = new ArrayList<>(count);
        List<PolicyLints.RuleView> views = new ArrayList<>(count);
        List<Rule> all = new ArrayList<>(count);
        List<OptionalInt> indexes = new ArrayList<>(count);
        if (spec != null) {
            all.add(spec);
            indexes.add(OptionalInt.empty());
        }
        if (specs != null) {
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i) != null) {
                    all.add(specs.get(i));
                    indexes.add(OptionalInt.of(i));
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            OptionalInt at = indexes.get(i);
            String path = at.isPresent() ? "specs[" + at.getAsInt() + "]" : "spec";
            try {
                PolicyRule rule = converter.convert(all.get(i), at);
                rules.add(rule);
                views.add(new PolicyLints.RuleView(index, path, all.get(i), kind == PolicyKind.CCNP,
                        rule.subject().selector(), rule.subject().isHostPolicy()));
            } catch (PolicyConverter.Unrepresentable e) {
                diagnostics.add(PolicyDiagnostic.error(PolicyDiagnosticCodes.NOT_REPRESENTABLE,
                        e.path.isEmpty() ? path : path + "." + e.path, "the reader cannot represent this: "
                                + e.getMessage() + " (the validator found no agent error here; please report it)"));
            } catch (RuntimeException e) {
                diagnostics.add(PolicyDiagnostic.error(PolicyDiagnosticCodes.NOT_REPRESENTABLE, path,
                        "the reader failed on this rule: " + e + " (please report it)"));
            }
        }
        if (hasError(diagnostics)) {
            return new Read(List.of(), diagnostics, List.of());
        }
        for (PolicyLints.Finding f : safeLints(() -> PolicyLints.single(views, options))) {
            diagnostics.add(f.diagnostic());
        }
        return new Read(rules, diagnostics, views);
    }

    private interface LintRun {
        List<PolicyLints.Finding> run();
    }

    /** Lints are advice: a failure of one must not cost the reader its result. */
    private static List<PolicyLints.Finding> safeLints(LintRun run) {
        try {
            return run.run();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static boolean hasError(List<PolicyDiagnostic> diagnostics) {
        for (PolicyDiagnostic d : diagnostics) {
            if (d.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }
}
