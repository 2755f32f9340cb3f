package io.kcs.cilium.rules.policy;

import static io.kcs.cilium.rules.policy.Rules.cnp;
import static io.kcs.cilium.rules.policy.Rules.endpoints;
import static io.kcs.cilium.rules.policy.Rules.out;
import static io.kcs.cilium.rules.policy.Rules.outDeny;
import static io.kcs.cilium.rules.policy.Rules.pods;
import static io.kcs.cilium.rules.policy.Rules.port;
import static io.kcs.cilium.rules.policy.Rules.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link Trace} and {@link Decision} are values whose explanation the engine builds lazily: a trace from the engine
 * equals (and hashes and prints like) the same trace built eagerly with the public constructors, the explanation is
 * the same string however often and from however many threads it is read, and a trace that differs in one
 * component only is not equal.
 */
class TraceValueTest {

    static final PolicyEngine ENGINE = PolicyEngineTest.engine(cnp("app", "range", pods("app", "kind", "client"))
            .egress(List.of(out(endpoints(pods("app", "kind", "echo")), port("8080", 8090, L4Proto.TCP))))
            .egressDeny(List.of(outDeny(endpoints(pods("app", "kind", "echo")), tcp(8085)))).build());

    static Trace trace(int port) {
        return ENGINE.trace(PolicyEngineTest.CLIENT, PolicyEngineTest.ECHO, Protocol.TCP, port, PolicyEngineTest.NOW);
    }

    static Decision eager(Decision d) {
        return new Decision(d.outcome(), d.allowedBy(), d.deniedBy(), d.l7Proxy(), d.reason());
    }

    static Trace eager(Trace t) {
        return new Trace(t.source(), t.destination(), t.protocol(), t.port(), eager(t.egress()), eager(t.ingress()),
                t.explanation());
    }

    @Test
    void anEngineTraceEqualsTheSameTraceBuiltEagerly() {
        for (int port : new int[] {8080, 8085, 8091}) {
            Trace lazy = trace(port);
            Trace fresh = trace(port);
            // hashCode before the explanation is built, equals after: consistent either way
            assertThat(lazy.hashCode()).isEqualTo(fresh.hashCode());
            Trace built = eager(lazy);
            assertThat(lazy).isEqualTo(built).hasSameHashCodeAs(built);
            assertThat(built).isEqualTo(lazy);
            assertThat(fresh).isEqualTo(lazy);
            assertThat(lazy.toString()).isEqualTo(built.toString()).startsWith("Trace[source=Pod[namespace=app, ")
                    .contains(", egress=Decision[outcome=").endsWith(", explanation=" + lazy.explanation() + "]");
            assertThat(lazy.egress()).isEqualTo(built.egress()).hasSameHashCodeAs(built.egress());
            assertThat(lazy.egress().toString()).isEqualTo(built.egress().toString());
        }
        assertThat(trace(8085).egress().outcome()).isEqualTo(Outcome.DENIED_BY_RULE);
        assertThat(trace(8091).egress().outcome()).isEqualTo(Outcome.DEFAULT_DENIED);
        assertThat(trace(8080).egress().outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void theLazyExplanationIsOneStringForEveryReaderAndThread() throws Exception {
        Trace t = trace(8085);
        List<CompletableFuture<String>> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(CompletableFuture.supplyAsync(t::explanation));
        }
        String first = t.explanation();
        assertThat(t.explanation()).isSameAs(first);
        for (CompletableFuture<String> r : readers) {
            assertThat(r.get()).isEqualTo(first);
        }
        assertThat(first).isEqualTo("Denied: TCP/8085 from pod app/{kind=client} to pod app/{kind=echo}. Egress: "
                + t.egress().reason() + " Ingress: " + t.ingress().reason());
        assertThat(t.egress().reason()).startsWith("egress of pod app/{kind=client} is denied by"
                + " CiliumNetworkPolicy app/range spec.egressDeny[0] (toEndpoints, toPorts[0]);");
    }

    @Test
    void tracesThatDifferInOneComponentAreNotEqual() {
        Trace t = trace(8080);
        Trace e = eager(t);
        assertThat(new Trace(t.source(), t.destination(), t.protocol(), t.port(), e.egress(), e.ingress(),
                t.explanation() + " ")).isNotEqualTo(t);
        assertThat(new Trace(t.source(), t.destination(), t.protocol(), 8081, e.egress(), e.ingress(),
                t.explanation())).isNotEqualTo(t);
        assertThat(new Trace(t.destination(), t.destination(), t.protocol(), t.port(), e.egress(), e.ingress(),
                t.explanation())).isNotEqualTo(t);
        Decision d = t.egress();
        assertThat(new Decision(d.outcome(), d.allowedBy(), d.deniedBy(), d.l7Proxy(), d.reason() + " "))
                .isNotEqualTo(d);
        assertThat(new Decision(d.outcome(), d.allowedBy(), d.deniedBy(), Optional.of("http"), d.reason()))
                .isNotEqualTo(d);
        assertThat(new Decision(d.outcome(), List.of(), d.deniedBy(), d.l7Proxy(), d.reason())).isNotEqualTo(d);
        assertThat(d).isNotEqualTo(null).isNotEqualTo("a decision");
    }

    @Test
    void thePublicConstructorsRejectNulls() {
        Trace t = trace(8080);
        Peer src = t.source();
        assertThatThrownBy(() -> new Trace(src, t.destination(), t.protocol(), t.port(), t.egress(), t.ingress(),
                null)).isInstanceOf(NullPointerException.class).hasMessage("explanation");
        assertThatThrownBy(() -> new Trace(null, t.destination(), t.protocol(), t.port(), t.egress(), t.ingress(),
                "x")).isInstanceOf(NullPointerException.class).hasMessage("source");
        assertThatThrownBy(() -> new Decision(Outcome.ALLOWED, List.of(), List.of(), Optional.empty(), (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("reason");
        assertThatThrownBy(() -> new Decision(null, List.of(), List.of(), Optional.empty(), "r"))
                .isInstanceOf(NullPointerException.class).hasMessage("outcome");
    }
}
