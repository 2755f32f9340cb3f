package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.Mapped;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.parse.Cni;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.RuleParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code translate}: exception lists to a CiliumNetworkPolicy (or CCNP) in YAML or JSON. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate ingress/egress exception lists into a CiliumNetworkPolicy (YAML on stdout,"
                + " diagnostics on stderr).",
        footer = {"", "Examples:",
            "  kcs-cilium-rules translate --namespace shop --name web-profile --selector app=web \\",
            "      --egress 'entity:kube-apiserver, *.example.com, 10.0.0.0/8, service:db|app=postgres'",
            "  kcs-cilium-rules translate --clusterwide --name baseline --selector env=prod --ingress ''",
            "", "Exit codes: 0 translated, 1 the lists or the mapping have errors (the policy is still printed),"
                    + " 2 bad usage."})
final class TranslateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions lists = new ProfileOptions();

    @Option(names = "--namespace", description = "Namespace of the CiliumNetworkPolicy (not with --clusterwide).")
    String namespace;

    @Option(names = "--name", required = true, description = "Name of the policy.")
    String name;

    @Option(names = "--selector", description = "Endpoint selector label key=value (repeatable).")
    List<String> selector = new ArrayList<>();

    @Option(names = "--clusterwide", description = "Write a CiliumClusterwideNetworkPolicy.")
    boolean clusterwide;

    @Option(names = "--output", defaultValue = "yaml", description = "yaml (default) or json.")
    String output;

    @Option(names = "--cilium-version", defaultValue = MappingOptions.NEWEST_CILIUM_VERSION,
            description = "Target Cilium version, e.g. 1.16 (default ${DEFAULT-VALUE}).")
    String ciliumVersion;

    @Option(names = "--cni", defaultValue = "cilium", description = "cilium (default) or other: with another CNI,"
            + " entity:/endpoint:/service: entries are ignored with a warning.")
    String cni;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            lists.resolve();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        String usage = usageProblem();
        if (usage != null) {
            err.println("error: " + usage);
            err.println("try: kcs-cilium-rules translate --help");
            return 2;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String kv : selector) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                err.println("error: --selector takes key=value, got \"" + kv + "\"");
                return 2;
            }
            labels.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        MappingOptions options;
        try {
            options = MappingOptions.defaults().withCiliumVersion(ciliumVersion);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        RuleParser parser = RuleParser.lenient().withCni(cni.equals("other") ? Cni.OTHER : Cni.CILIUM);
        ProfileOptions.Parsed parsed = lists.parse(err, parser);
        boolean errors = parsed.errors();
        CiliumPolicyMapper mapper = CiliumPolicyMapper.create(options);
        Mapped<? extends HasMetadata> mapped;
        try {
            mapped = clusterwide ? mapper.toClusterwidePolicy(parsed.profile(), name, labels)
                    : mapper.toNetworkPolicy(parsed.profile(), namespace, name, labels);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        for (Diagnostic d : mapped.diagnostics()) {
            err.println("mapping: " + d.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + d.code() + ": "
                    + d.message());
        }
        errors |= mapped.hasErrors();
        out.print(output.equals("json") ? CiliumPolicies.toJson(mapped.value()) + "\n"
                : CiliumPolicies.toYaml(mapped.value()));
        out.flush();
        return errors ? 1 : 0;
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
        if (!cni.equals("cilium") && !cni.equals("other")) {
            return "--cni takes cilium or other, got \"" + cni + "\"";
        }
        return null;
    }
}
