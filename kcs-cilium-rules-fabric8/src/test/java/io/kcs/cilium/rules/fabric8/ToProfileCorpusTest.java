package io.kcs.cilium.rules.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.policy.EgressRule;
import io.kcs.cilium.rules.policy.IngressRule;
import io.kcs.cilium.rules.policy.Peers;
import io.kcs.cilium.rules.policy.PolicyRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code toProfile} over every policy of the shared Cilium corpus ({@code ../shared/reference/cilium-corpus/}: Cilium's
 * own examples, tests and docs; read in place, never copied; skipped with a message when absent): it never throws,
 * and it never drops an allow silently, the defect issue 10 found in four of Cilium's examples (DNS policies read as
 * "block all egress"). The oracle is independent of the derivation: it looks only at the reader's rules and asks
 * whether a direction answered "block all, exactly" has an allow entry that selects some peer.
 */
class ToProfileCorpusTest {

    private static final CiliumPolicyMapper MAPPER = CiliumPolicyMapper.create(ReaderCorpusTest.OPTIONS);

    @Test
    void noCorpusPolicyLosesAnAllowSilently() throws Exception {
        Path shared = ReaderCorpusTest.shared();
        Assumptions.assumeTrue(shared != null, "corpus check skipped: ../shared/reference/cilium-corpus is absent");
        List<Path> files;
        try (Stream<Path> s = Files.list(shared.resolve("reference/cilium-corpus"))) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        Map<Fidelity, Integer> egress = new EnumMap<>(Fidelity.class);
        Map<String, String> silent = new TreeMap<>();
        int read = 0;
        int valid = 0;
        int blockAll = 0;
        CiliumPolicyReader reader = CiliumPolicyReader.create(ReaderCorpusTest.OPTIONS);
        for (Path f : files) {
            HasMetadata policy;
            try {
                policy = ReaderCorpusTest.read(f);
            } catch (IllegalArgumentException e) {
                continue; // not deserialisable into the typed model (a deliberately broken test document)
            }
            read++;
            PolicyProfile p = MAPPER.toProfile(policy);
            assertThat(p.diagnostics()).as(f.toString()).allSatisfy(d -> assertThat(d.path()).isNotNull());
            if (!p.policyValid()) {
                assertThat(p.profile()).isEqualTo(io.kcs.cilium.rules.eval.RuntimeProfile.unrestricted());
                continue;
            }
            valid++;
            egress.merge(p.egress().fidelity(), 1, Integer::sum);
            List<PolicyRule> rules = reader.read(policy).rules().stream()
                    .filter(r -> r.subject().equals(p.subject().orElseThrow())).toList();
            for (Direction d : Direction.values()) {
                Optional<RuleSet> ex = p.profile().exceptions(d);
                boolean blockAllExactly = ex.isPresent() && ex.get().isEmpty()
                        && p.direction(d).fidelity() == Fidelity.EXACT;
                boolean selectsNothingWarned = p.diagnostics().stream()
                        .anyMatch(x -> x.code().equals(CiliumPolicyMapper.SELECTS_NOTHING));
                blockAll += blockAllExactly ? 1 : 0;
                if (blockAllExactly && !selectsNothingWarned && hasAllowWithPeers(rules, d)) {
                    silent.put(f.getFileName() + " " + d, p.toString());
                }
            }
        }
        System.out.println("ToProfileCorpusTest: " + read + " corpus documents read, " + valid
                + " valid; egress fidelity " + egress + "; " + blockAll + " directions block all");
        assertThat(read).isGreaterThan(200);
        assertThat(blockAll).as("the oracle is asked at all (default-deny examples)").isPositive();
        assertThat(egress.keySet()).as("the corpus reaches every fidelity").containsOnly(Fidelity.values());
        assertThat(silent).as("directions read as 'block all' although an allow selects peers").isEmpty();
    }

    /** Whether some allow entry of {@code d} selects a peer: a non-empty peer list, toFQDNs, or ports alone. */
    private static boolean hasAllowWithPeers(List<PolicyRule> rules, Direction d) {
        List<Peers> peers = new ArrayList<>();
        List<Boolean> portsOnly = new ArrayList<>();
        for (PolicyRule r : rules) {
            if (d == Direction.EGRESS) {
                for (EgressRule e : r.egress()) {
                    if (!e.fqdnList().isEmpty()) {
                        return true;
                    }
                    peers.add(e.to());
                    portsOnly.add(e.isPeerUnrestricted() && (!e.toPorts().isEmpty() || !e.icmps().isEmpty()));
                }
            } else {
                for (IngressRule i : r.ingress()) {
                    peers.add(i.from());
                    portsOnly.add(i.from().isUnrestricted() && (!i.toPorts().isEmpty() || !i.icmps().isEmpty()));
                }
            }
        }
        for (int i = 0; i < peers.size(); i++) {
            Peers p = peers.get(i);
            if (portsOnly.get(i) || !p.endpointList().isEmpty() || !p.entityList().isEmpty()
                    || !p.cidrList().isEmpty() || !p.cidrSetList().isEmpty() || !p.serviceList().isEmpty()
                    || !p.nodeList().isEmpty() || p.groups().map(g -> !g.isEmpty()).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
