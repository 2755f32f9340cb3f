import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.Mapped;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.common.Diagnostic;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import java.util.Map;

/**
 * Translates egress and ingress exception lists into a CiliumNetworkPolicy and prints its YAML; diagnostics go to
 * standard error. Arguments: namespace name app-label egress-list [ingress-list]. See README "Try it".
 */
public class TranslateExample {
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: TranslateExample NAMESPACE NAME APP_LABEL EGRESS_LIST [INGRESS_LIST]");
            System.exit(2);
        }
        RuntimeProfile.Builder profile = RuntimeProfile.builder();
        boolean errors = false;
        String[] directions = {"egress", "ingress"};
        for (int i = 3; i < Math.min(args.length, 5); i++) {
            ParseResult r = RuleParser.lenient().parse(args[i]);
            for (Diagnostic d : r.diagnostics()) {
                System.err.println(directions[i - 3] + ": " + d);
                errors |= d.isError();
            }
            RuleSet rules = r.rules();
            if (i == 3) {
                profile.restrictEgress(rules);
            } else {
                profile.restrictIngress(rules);
            }
        }
        Mapped<CiliumNetworkPolicy> policy = CiliumPolicyMapper.create(MappingOptions.defaults())
                .toNetworkPolicy(profile.build(), args[0], args[1], Map.of("app", args[2]));
        for (Diagnostic d : policy.diagnostics()) {
            System.err.println("mapping: " + d);
            errors |= d.isError();
        }
        System.out.print(CiliumPolicies.toYaml(policy.value()));
        System.exit(errors ? 1 : 0);
    }
}
