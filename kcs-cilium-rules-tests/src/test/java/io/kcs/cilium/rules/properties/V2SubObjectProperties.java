package io.kcs.cilium.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyReader;
import io.kcs.cilium.rules.fabric8.CiliumPolicyWriter;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyReadResult;
import io.kcs.cilium.rules.fabric8.v2.AWSGroup;
import io.kcs.cilium.rules.fabric8.v2.Authentication;
import io.kcs.cilium.rules.fabric8.v2.CiliumModel;
import io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy;
import io.kcs.cilium.rules.fabric8.v2.EgressRule;
import io.kcs.cilium.rules.fabric8.v2.EnvoyConfig;
import io.kcs.cilium.rules.fabric8.v2.Groups;
import io.kcs.cilium.rules.fabric8.v2.HeaderMatch;
import io.kcs.cilium.rules.fabric8.v2.IngressRule;
import io.kcs.cilium.rules.fabric8.v2.L7Rules;
import io.kcs.cilium.rules.fabric8.v2.Listener;
import io.kcs.cilium.rules.fabric8.v2.LogConfig;
import io.kcs.cilium.rules.fabric8.v2.PortProtocol;
import io.kcs.cilium.rules.fabric8.v2.PortRule;
import io.kcs.cilium.rules.fabric8.v2.PortRuleHTTP;
import io.kcs.cilium.rules.fabric8.v2.PortRuleKafka;
import io.kcs.cilium.rules.fabric8.v2.Rule;
import io.kcs.cilium.rules.fabric8.v2.Secret;
import io.kcs.cilium.rules.fabric8.v2.TLSContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Laws of the typed sub-objects of the {@code cilium.io/v2} model ({@link Listener}, {@link EnvoyConfig},
 * {@link TLSContext}, {@link Secret}, {@link PortRuleKafka}, {@link HeaderMatch}, {@link Groups}, {@link AWSGroup},
 * {@link Authentication}, {@link LogConfig}), over random instances placed in a policy (QuickTheories):
 * <ol>
 *   <li>any instance (absent fields, YAML-tricky strings such as {@code yes}, {@code 1e3} or {@code a: b}, unknown
 *   fields with nested values) is written by {@link CiliumPolicies} as YAML and as JSON and read back equal;</li>
 *   <li>a CRD-valid instance in canonical form (what the agent accepts, lists sorted) is read by
 *   {@link CiliumPolicyReader} into the core model and written back by {@link CiliumPolicyWriter} equal;</li>
 *   <li>a handful of CRD-valid policies pass {@code validate-cnp} (Cilium's CRD schema; the team workspace's tool,
 *   skipped with a message when absent), and a control that differs in one place does not.</li>
 * </ol>
 * How often the generator reaches each class and each interesting case is asserted after the run.
 */
class V2SubObjectProperties {

    private static final int EXAMPLES = 400;
    private static final Path VALIDATOR = Path.of("../../shared/tools/validate-cnp");
    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();

    private static void seen(String what) {
        SEEN.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private static long count(String what) {
        AtomicLong n = SEEN.get(what);
        return n == null ? 0 : n.get();
    }

    /** Strings a YAML reader could take for something else, or that need quoting or escaping. */
    private static final String[] TRICKY = {"", "yes", "no", "on", "null", "~", "true", "1e3", "0x1f", "012", "1_000",
        ".inf", "3:30", "a: b", "- x", "#c", "'q'", "\"dq\"", "é", "日本", "  lead", "trail ", "multi\nline",
        "tab\there", "{}", "[]", "*", "&a", "!tag", "%x", "@x", "`x", "?", "-", "a,b"};
    private static final String[] MISMATCH = {"LOG", "ADD", "DELETE", "REPLACE"};
    private static final String[] MODES = {"disabled", "required", "test-always-fail"};
    private static final String[] KINDS = {"CiliumEnvoyConfig", "CiliumClusterwideEnvoyConfig"};
    private static final String[] API_KEYS = {"produce", "fetch", "metadata", "offsetcommit", "joingroup"};

    /**
     * Random sub-objects: {@code valid} ones are CRD-valid, accepted by the agent and canonical (what the core model
     * keeps: no empty optional text, lists sorted and distinct, no unknown field); the others are anything.
     */
    static final class Gen {
        private final Random r;
        private final boolean valid;

        Gen(Random r, boolean valid) {
            this.r = r;
            this.valid = valid;
        }

        private boolean maybe() {
            return r.nextInt(10) < 3;
        }

        private String word() {
            int n = 1 + r.nextInt(10);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36)));
            }
            return b.toString();
        }

        /** Text: a word when valid; else a word or a tricky string. */
        private String text() {
            if (!valid && r.nextInt(3) == 0) {
                seen("tricky string");
                return TRICKY[r.nextInt(TRICKY.length)];
            }
            return word();
        }

        /** Optional text: null sometimes. */
        private String opt() {
            if (maybe()) {
                seen("absent field");
                return null;
            }
            return text();
        }

        /** One of {@code values} (or, sometimes when not valid, any text); counted per value and as "other". */
        private String pick(String what, String[] values) {
            if (!valid && r.nextInt(5) == 0) {
                seen(what + " other");
                return text();
            }
            String v = values[r.nextInt(values.length)];
            seen(what + " " + v);
            return v;
        }

        private List<String> strings() {
            if (maybe()) {
                return null;
            }
            int n = (valid ? 1 : 0) + r.nextInt(3);
            if (valid) {
                TreeSet<String> set = new TreeSet<>();
                while (set.size() < n) {
                    set.add(word());
                }
                return new ArrayList<>(set);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(text());
            }
            return out;
        }

        /** Adds unknown fields (never to valid objects): scalars, a nested map, a list. */
        private <T extends CiliumModel> T extra(T model, String what) {
            seen(what);
            if (!valid && r.nextInt(4) == 0) {
                seen("unknown field");
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    Object value = switch (r.nextInt(5)) {
                        case 0 -> text();
                        case 1 -> r.nextInt(2000) - 1000;
                        case 2 -> r.nextBoolean();
                        case 3 -> new LinkedHashMap<>(Map.of("k", text()));
                        default -> new ArrayList<>(List.of(1, word()));
                    };
                    model.setAdditionalProperty("x-" + word(), value);
                }
            }
            return model;
        }

        Secret secret() {
            return extra(new Secret().withName(valid ? word() : opt()).withNamespace(opt()), "Secret");
        }

        TLSContext tls() {
            return extra(new TLSContext().withSecret(valid || !maybe() ? secret() : null).withTrustedCA(opt())
                    .withCertificate(opt()).withPrivateKey(opt()), "TLSContext");
        }

        EnvoyConfig envoyConfig() {
            String kind = maybe() ? null : pick("envoy kind", KINDS);
            return extra(new EnvoyConfig().withKind(kind).withName(valid ? word() : opt()), "EnvoyConfig");
        }

        Listener listener() {
            Integer priority = maybe() ? null : valid ? 1 + r.nextInt(100) : r.nextInt(300) - 100;
            return extra(new Listener().withEnvoyConfig(valid || !maybe() ? envoyConfig() : null)
                    .withName(valid ? word() : opt()).withPriority(priority), "Listener");
        }

        PortRuleKafka kafka() {
            PortRuleKafka k = new PortRuleKafka();
            if (valid) {
                if (r.nextBoolean()) {
                    k.setRole(r.nextBoolean() ? "produce" : "consume");
                } else {
                    k.setApiKey(API_KEYS[r.nextInt(API_KEYS.length)]);
                }
                k.setApiVersion(maybe() ? null : String.valueOf(r.nextInt(32768)));
                k.setClientID(opt());
                k.setTopic(maybe() ? null : word() + "." + word());
            } else {
                k.withRole(opt()).withApiKey(opt()).withApiVersion(opt()).withClientID(opt()).withTopic(opt());
            }
            return extra(k, "PortRuleKafka");
        }

        HeaderMatch headerMatch() {
            String mismatch = maybe() ? null : pick("mismatch", MISMATCH);
            return extra(new HeaderMatch().withName(valid ? word() : opt()).withMismatch(mismatch)
                    .withSecret(maybe() ? secret() : null).withValue(opt()), "HeaderMatch");
        }

        AWSGroup aws() {
            Map<String, String> labels = null;
            if (!maybe()) {
                labels = new TreeMap<>();
                int n = (valid ? 1 : 0) + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    labels.put(valid || r.nextBoolean() ? word() : text(), text());
                }
            }
            return extra(new AWSGroup().withLabels(labels).withSecurityGroupsIds(strings())
                    .withSecurityGroupsNames(strings()).withRegion(opt()), "AWSGroup");
        }

        Groups groups() {
            return extra(new Groups().withAws(maybe() ? null : aws()), "Groups");
        }

        Authentication authentication() {
            String mode = pick("mode", MODES);
            return extra(new Authentication().withMode(valid || !maybe() ? mode : null), "Authentication");
        }

        LogConfig log() {
            return extra(new LogConfig().withValue(valid ? word() : opt()), "LogConfig");
        }

        private <T> List<T> list(java.util.function.Supplier<T> item) {
            int n = valid ? 1 : r.nextInt(3);
            List<T> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(item.get());
            }
            return out;
        }

        /** A policy holding every sub-object; {@code kafka}: with the Kafka rule (not in the 1.20 CRD). */
        CiliumNetworkPolicy policy(String name, boolean kafka) {
            Rule spec = new Rule().withEndpointSelector(new LabelSelector());
            spec.setIngress(new ArrayList<>(List.of(new IngressRule().withFromGroups(list(this::groups))
                    .withAuthentication(authentication()))));
            List<EgressRule> egress = new ArrayList<>();
            egress.add(new EgressRule().withToGroups(list(this::groups)).withAuthentication(authentication()));
            egress.add(toPorts("443", new PortRule().withTerminatingTLS(tls()).withOriginatingTLS(maybe() ? null : tls())
                    .withRules(new L7Rules().withHttp(new ArrayList<>(List.of(new PortRuleHTTP()
                            .withHeaderMatches(list(this::headerMatch))))))));
            egress.add(toPorts("8443", new PortRule().withListener(listener())));
            if (kafka) {
                egress.add(toPorts("9092", new PortRule().withRules(new L7Rules().withKafka(list(this::kafka)))));
            }
            spec.setEgress(egress);
            spec.setLog(log());
            CiliumNetworkPolicy p = new CiliumNetworkPolicy();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(name);
            meta.setNamespace("shop");
            p.setMetadata(meta);
            p.setSpec(spec);
            return p;
        }

        private static EgressRule toPorts(String port, PortRule rule) {
            rule.setPorts(new ArrayList<>(List.of(new PortProtocol().withPort(port).withProtocol("TCP"))));
            return new EgressRule().withToEndpoints(new ArrayList<>(List.of(new LabelSelector())))
                    .withToPorts(new ArrayList<>(List.of(rule)));
        }
    }

    @Test
    void anyInstanceIsWrittenAndReadBackEqual() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            CiliumNetworkPolicy p = new Gen(new Random(seed), false).policy("p", true);
            String yaml = CiliumPolicies.toYaml(p);
            CiliumNetworkPolicy back = CiliumPolicies.fromYaml(yaml, CiliumNetworkPolicy.class);
            assertThat(back).as(yaml).isEqualTo(p);
            assertThat(CiliumPolicies.toYaml(back)).isEqualTo(yaml);
            assertThat(CiliumPolicies.fromYaml(CiliumPolicies.toJson(p), CiliumNetworkPolicy.class)).isEqualTo(p);
            seen("written and read");
        });
    }

    private static final MappingOptions CILIUM_19 = MappingOptions.defaults().withCiliumVersion("1.19");

    @Test
    void aValidInstanceSurvivesTheCoreModelAndBack() {
        CiliumPolicyReader reader = CiliumPolicyReader.create(CILIUM_19);
        CiliumPolicyWriter writer = CiliumPolicyWriter.create();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            CiliumNetworkPolicy p = new Gen(new Random(seed), true).policy("p", true);
            PolicyReadResult read = reader.read(p);
            assertThat(read.valid()).as("%s", read.diagnostics()).isTrue();
            Rule in = p.getSpec();
            Rule out = writer.rule(read.rules().get(0));
            assertThat(out.getLog()).isEqualTo(in.getLog());
            assertThat(out.getIngress().get(0).getFromGroups()).isEqualTo(in.getIngress().get(0).getFromGroups());
            assertThat(out.getIngress().get(0).getAuthentication())
                    .isEqualTo(in.getIngress().get(0).getAuthentication());
            assertThat(out.getEgress().get(0).getToGroups()).isEqualTo(in.getEgress().get(0).getToGroups());
            assertThat(out.getEgress().get(0).getAuthentication()).isEqualTo(in.getEgress().get(0).getAuthentication());
            for (int i = 1; i < in.getEgress().size(); i++) {
                PortRule a = in.getEgress().get(i).getToPorts().get(0);
                PortRule b = out.getEgress().get(i).getToPorts().get(0);
                assertThat(b.getTerminatingTLS()).isEqualTo(a.getTerminatingTLS());
                assertThat(b.getOriginatingTLS()).isEqualTo(a.getOriginatingTLS());
                assertThat(b.getListener()).isEqualTo(a.getListener());
                assertThat(b.getRules()).isEqualTo(a.getRules());
            }
            seen("through the core model");
        });
    }

    @Test
    void validInstancesPassTheCrdSchema(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(VALIDATOR), "CRD validation skipped: " + VALIDATOR.toAbsolutePath()
                + " is absent (it lives in the team workspace, not in the repository)");
        List<Path> valid = new ArrayList<>();
        String first = null;
        for (int i = 0; i < 6; i++) {
            // Kafka rules are not in the 1.20 CRD, so they are left out here
            String yaml = CiliumPolicies.toYaml(new Gen(new Random(1_000 + i), true).policy("p" + i, false));
            first = first == null ? yaml : first;
            valid.add(Files.writeString(dir.resolve("generated-" + i + ".yaml"), yaml));
        }
        // the control differs from the first file in one place: an authentication mode the CRD enum refuses
        assertThat(first).contains("mode: ");
        Path control = Files.writeString(dir.resolve("control.yaml"),
                first.replaceFirst("mode: [a-z-]+", "mode: sometimes"));
        List<String> command = new ArrayList<>(List.of("bash", VALIDATOR.toString()));
        valid.forEach(p -> command.add(p.toString()));
        command.add(control.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("validator output").doesNotContain("cannot fetch");
        for (Path p : valid) {
            assertThat(output.lines().filter(l -> l.startsWith(p + ":")).toList())
                    .as("validator verdict for %s:%n%s", p.getFileName(), output).isNotEmpty()
                    .allMatch(l -> l.endsWith(": valid"));
        }
        assertThat(output.lines().filter(l -> l.startsWith(control + ":")))
                .as("the control must be refused:%n%s", output).anyMatch(l -> l.contains("mode"));
        assertThat(process.exitValue()).isEqualTo(1);
    }

    @AfterAll
    static void theGeneratorReachedEveryCase() {
        System.out.println("V2SubObjectProperties coverage: " + new TreeMap<>(SEEN));
        long written = count("written and read");
        if (written > 0) {
            assertThat(written).isGreaterThan(EXAMPLES / 2);
            for (String kind : List.of("tricky string", "absent field", "unknown field")) {
                assertThat(count(kind)).as(kind).isGreaterThan(written / 2);
            }
        }
        long runs = written + count("through the core model");
        if (runs > 0) {
            for (String c : List.of("Secret", "TLSContext", "EnvoyConfig", "Listener", "PortRuleKafka", "HeaderMatch",
                    "Groups", "AWSGroup", "Authentication", "LogConfig")) {
                assertThat(count(c)).as(c).isGreaterThan(runs / 4);
            }
            for (String v : MISMATCH) {
                assertThat(count("mismatch " + v)).as(v).isGreaterThan(runs / 50);
            }
            for (String v : MODES) {
                assertThat(count("mode " + v)).as(v).isGreaterThan(runs / 20);
            }
            for (String v : KINDS) {
                assertThat(count("envoy kind " + v)).as(v).isGreaterThan(runs / 20);
            }
            for (String what : List.of("mismatch", "mode", "envoy kind")) {
                assertThat(count(what + " other")).as(what + " other").isGreaterThan(written / 50);
            }
        }
    }
}
