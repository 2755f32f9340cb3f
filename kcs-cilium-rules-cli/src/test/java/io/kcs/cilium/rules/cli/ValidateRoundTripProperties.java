package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.eval.RuntimeProfile;
import io.kcs.cilium.rules.fabric8.CiliumPolicies;
import io.kcs.cilium.rules.fabric8.CiliumPolicyMapper;
import io.kcs.cilium.rules.fabric8.MappingOptions;
import io.kcs.cilium.rules.fabric8.PolicyProfile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Policies this library writes, concatenated into one multi-document file, are read by {@code validate}'s document
 * reader into objects equal to the written ones, with no problem, valid for the policy reader, and read back by
 * {@code toProfile} exactly into the profiles they were written from. The oracle is the written value itself.
 */
class ValidateRoundTripProperties {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(MappingOptions.defaults());

    /** Exceptions to draw from: every peer kind the mapper writes, with number-like and dotted texts. */
    private static final List<String> POOL = List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "entity:world",
            "entity:kube-apiserver", "entity:host", "endpoint:payments", "endpoint:3e9", "service:db|app=postgres",
            "service:cache", "service:shop|app.kubernetes.io/name=web,tier", "api.example.com", "*.example.com",
            "**.cdn.example.net");

    enum Case { INGRESS_RESTRICTED, EGRESS_RESTRICTED, FQDN, SERVICE, BLOCK_ALL, SEVERAL_DOCUMENTS }

    private static final Map<Case, AtomicLong> SEEN = new EnumMap<>(Case.class);
    private static final AtomicLong RUNS = new AtomicLong();

    static {
        for (Case c : Case.values()) {
            SEEN.put(c, new AtomicLong());
        }
    }

    private static RuleSet exceptions(Random r, boolean egress) {
        List<String> picked = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String e = POOL.get(r.nextInt(POOL.size()));
            boolean fqdn = !e.contains(":") && !Character.isDigit(e.charAt(0));
            if (!egress && fqdn) {
                continue; // FQDN exceptions are egress only
            }
            picked.add(e);
        }
        if (picked.isEmpty()) {
            SEEN.get(Case.BLOCK_ALL).incrementAndGet();
        }
        return RuleSet.parse(String.join(", ", picked));
    }

    private static RuntimeProfile profile(Random r) {
        RuntimeProfile.Builder b = RuntimeProfile.builder();
        if (r.nextBoolean()) {
            b.restrictIngress(exceptions(r, false));
            SEEN.get(Case.INGRESS_RESTRICTED).incrementAndGet();
        }
        if (r.nextInt(4) > 0) {
            b.restrictEgress(exceptions(r, true));
            SEEN.get(Case.EGRESS_RESTRICTED).incrementAndGet();
        }
        return b.build();
    }

    private static Set<String> texts(RuntimeProfile p, boolean ingress) {
        Set<String> out = new HashSet<>();
        (ingress ? p.ingressExceptions() : p.egressExceptions()).ifPresent(rs -> rs.forEach(x -> {
            String t = x.toString();
            // documented: an ingress service rule without labels is written (and read) as endpoint:
            out.add(ingress && t.startsWith("service:") && !t.contains("|") ? "endpoint:" + t.substring(8) : t);
        }));
        return out;
    }

    @Test
    void writtenPoliciesAreReadBackEqualValidAndExact() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            RUNS.incrementAndGet();
            Random r = new Random(seed);
            int n = 1 + r.nextInt(3);
            List<RuntimeProfile> profiles = new ArrayList<>();
            List<HasMetadata> written = new ArrayList<>();
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < n; i++) {
                RuntimeProfile p = profile(r);
                if (p.equals(RuntimeProfile.unrestricted())) {
                    // nothing to enforce: the mapper refuses (a rule without sections is invalid in Cilium)
                    assertThat(MAPPER.toNetworkPolicy(p, "shop", "p", Map.of("app", "web")).diagnostics())
                            .extracting(d -> d.code()).contains(CiliumPolicyMapper.NOTHING_RESTRICTED);
                    p = RuntimeProfile.builder().restrictIngress(RuleSet.empty()).build();
                }
                HasMetadata policy = r.nextBoolean()
                        ? MAPPER.toNetworkPolicy(p, "shop", "p" + i, Map.of("app", "web" + i)).value()
                        : MAPPER.toClusterwidePolicy(p, "c" + i, Map.of("app", "web" + i)).value();
                profiles.add(p);
                written.add(policy);
                file.append(i == 0 ? "" : "---\n").append(CiliumPolicies.toYaml(policy));
                String text = p.toString();
                if (text.contains(".com") || text.contains(".net")) {
                    SEEN.get(Case.FQDN).incrementAndGet();
                }
                if (text.contains("service:")) {
                    SEEN.get(Case.SERVICE).incrementAndGet();
                }
            }
            if (n > 1) {
                SEEN.get(Case.SEVERAL_DOCUMENTS).incrementAndGet();
            }
            List<PolicyDocuments.Document> docs = PolicyDocuments.parse("f.yaml", file.toString());
            assertThat(docs).hasSize(n);
            for (int i = 0; i < n; i++) {
                PolicyDocuments.Document d = docs.get(i);
                assertThat(d.problems()).as("%s", file).isEmpty();
                assertThat(d.object()).as("%s", file).hasValue(written.get(i));
                PolicyProfile back = MAPPER.toProfile(d.object().get());
                assertThat(back.hasErrors()).as("%s", back.diagnostics()).isFalse();
                assertThat(back.isExact()).as("%s", back).isTrue();
                RuntimeProfile p = profiles.get(i);
                assertThat(back.profile().ingressExceptions().isPresent()).isEqualTo(p.ingressExceptions().isPresent());
                assertThat(back.profile().egressExceptions().isPresent()).isEqualTo(p.egressExceptions().isPresent());
                assertThat(texts(back.profile(), true)).isEqualTo(texts(p, true));
                assertThat(texts(back.profile(), false)).isEqualTo(texts(p, false));
            }
        });
    }

    @AfterAll
    static void everyCaseWasReached() {
        long runs = RUNS.get();
        System.out.println("ValidateRoundTripProperties over " + runs + " files: " + SEEN);
        for (Case c : Case.values()) {
            assertThat(SEEN.get(c).get()).as("%s reached", c).isGreaterThanOrEqualTo(runs / 20);
        }
    }
}
