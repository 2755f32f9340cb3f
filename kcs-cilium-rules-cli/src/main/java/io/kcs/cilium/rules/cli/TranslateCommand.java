package io.kcs.cilium.rules.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.Mapped;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code translate}: exception lists to a CiliumNetworkPolicy (or CCNP) in YAML or JSON.
 *
 * <p>Never prints a policy that differs from the lists without being asked: when the lists or the mapping have
 * errors (an exception left out, a list rejected whole), nothing is printed and the exit code is 1, so that
 * {@code translate ... | kubectl apply -f -} applies nothing rather than a policy that blocks more than intended.
 * {@code --strict} also refuses warnings (masked host bits, replaced entities, an empty selector).
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate ingress/egress exception lists into a CiliumNetworkPolicy (YAML on stdout,"
                + " diagnostics on stderr). When the lists or the mapping have errors, no policy is printed.",
        footer = {"", "Examples:",
            "  kcs-cilium-rules translate --namespace shop --name web-profile \\",
            "      --selector app=web \\",
            "      --egress 'entity:kube-apiserver, *.example.com, 10.0.0.0/8' \\",
            "      | kubectl apply -f -",
            "  kcs-cilium-rules translate --clusterwide --name baseline \\",
            "      --selector env=prod --ingress '' --strict",
            "", "Errors (an invalid exception, a list over the limits, an exception Cilium cannot express): no"
                    + " policy is printed, exit code 1. Warnings are printed and the policy too; with --strict,"
                    + " warnings also print no policy and exit with 1.",
            "", "Exit codes: 0 translated, 1 errors (or warnings with --strict): nothing printed, 2 bad usage,"
                    + " 3 internal error."})
final class TranslateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions lists = new ProfileOptions();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--namespace", description = "Namespace of the CiliumNetworkPolicy (not with --clusterwide).")
    String namespace;

    @Option(names = "--name", required = true, description = "Name of the policy.")
    String name;

    @Option(names = "--selector", paramLabel = "KEY=VALUE[,...]", description = "Endpoint selector labels"
            + " (repeatable; a key may carry Cilium's k8s: or any: source). Without it the policy selects every pod"
            + " of the namespace (of the cluster with --clusterwide), with a warning.")
    List<String> selector = new ArrayList<>();

    @Option(names = "--clusterwide", description = "Write a CiliumClusterwideNetworkPolicy.")
    boolean clusterwide;

    @Option(names = "--output", defaultValue = "yaml", paramLabel = "yaml|json",
            description = "The policy as yaml (default) or json.")
    String output;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Diagnostics on stderr as text (default,"
            + " compiler style) or json (one object per line).")
    Format format;

    @Option(names = "--strict", negatable = true, description = "Also refuse warnings: print no policy and exit"
            + " with 1 when there is any diagnostic.")
    boolean strict;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            lists.resolve();
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        String usage = usageProblem();
        if (usage != null) {
            throw Main.usage(spec, usage);
        }
        if (namespace != null) {
            Labels.namespace(spec, "--namespace", namespace);
        }
        Map<String, String> labels = Labels.selector(spec, "--selector", selector);
        CiliumPolicyMapper mapper = CiliumPolicyMapper.create(engine.mappingOptions(spec));
        ProfileOptions.Parsed parsed = lists.parse(err, engine.parser(), format);
        Mapped<? extends HasMetadata> mapped;
        try {
            mapped = map(mapper, parsed.profile(), labels);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        ProfileDiagnostics.Found found = ProfileDiagnostics.print(err, format, parsed, mapped.diagnostics(),
                p -> map(mapper, p, labels).diagnostics());
        boolean errors = parsed.errors() || found.errors();
        boolean warnings = parsed.warnings() || found.warnings();
        if (errors || (strict && warnings)) {
            if (format == Format.TEXT) {
                err.println("no policy printed: " + (errors ? "the lists or the mapping have errors"
                        : "--strict and there are warnings"));
            }
            err.flush();
            return Main.INPUT_ERROR;
        }
        out.print(output.equals("json") ? CiliumPolicies.toJson(mapped.value()) + "\n"
                : CiliumPolicies.toYaml(mapped.value()));
        out.flush();
        return 0;
    }

    private Mapped<? extends HasMetadata> map(CiliumPolicyMapper mapper, RuntimeProfile profile,
            Map<String, String> labels) {
        return clusterwide ? mapper.toClusterwidePolicy(profile, name, labels)
                : mapper.toNetworkPolicy(profile, namespace, name, labels);
    }

    private String usageProblem() {
        if (!clusterwide && namespace == null) {
            return "--namespace is required (or use --clusterwide)";
        }
        if (clusterwide && namespace != null) {
            return "--namespace does not apply to --clusterwide policies";
        }
        if (lists.isEmpty()) {
            return "give --egress and/or --ingress (an empty list blocks the direction)";
        }
        if (!output.equals("yaml") && !output.equals("json")) {
            return "--output takes yaml or json, got \"" + output + "\"";
        }
        return null;
    }
}
