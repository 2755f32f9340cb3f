package io.kcs.cilium.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code toPorts} entry of an allow rule (Cilium's {@code api.PortRule}): the ports (any one of them, OR),
 * optionally TLS contexts, SNI server names, an Envoy listener and L7 rules that every connection on those ports
 * must then pass. Written order is kept (diagnostics refer to indices).
 *
 * <pre>{@code
 * PortRule.of(List.of(PortProtocol.udp(53)), L7Rules.dns(List.of(DnsRule.matchPattern("*"))));
 * PortRule.of(List.of(PortProtocol.tcp(443))).toString();   // "toPorts{ports=[443/TCP]}"
 * }</pre>
 *
 * <p>What it does not do: no checks of Cilium's limits ({@code maxPorts} 40, L7 only on TCP, DNS on port 53...):
 * the policy reader reports those.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param ports the ports; empty: every port
 * @param terminatingTls TLS terminated by the proxy
 * @param originatingTls TLS originated by the proxy
 * @param serverNames TLS SNI names (Cilium allows {@code *} wildcards), in written order
 * @param listener an Envoy listener to redirect to
 * @param rules the L7 rules; empty when the policy has no {@code rules} block
 */
public record PortRule(List<PortProtocol> ports, Optional<TlsContext> terminatingTls,
        Optional<TlsContext> originatingTls, List<String> serverNames, Optional<Listener> listener,
        Optional<L7Rules> rules) {

    /** Copies the lists. */
    public PortRule {
        ports = Checks.list(ports, "ports");
        Objects.requireNonNull(terminatingTls, "terminatingTls");
        Objects.requireNonNull(originatingTls, "originatingTls");
        serverNames = Checks.list(serverNames, "serverNames");
        serverNames.forEach(s -> Checks.text(s, "server name", 255));
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(rules, "rules");
    }

    /** Ports only. */
    public static PortRule of(List<PortProtocol> ports) {
        return new PortRule(ports, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    /** Ports with L7 rules. */
    public static PortRule of(List<PortProtocol> ports, L7Rules rules) {
        return new PortRule(ports, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.of(rules));
    }

    /** Whether the rule has L7 rules that are not empty. */
    public boolean hasL7Rules() {
        return rules.isPresent() && !rules.get().isEmpty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("ports=" + ports);
        terminatingTls.ifPresent(t -> parts.add("terminatingTLS=" + t));
        originatingTls.ifPresent(t -> parts.add("originatingTLS=" + t));
        if (!serverNames.isEmpty()) {
            parts.add("serverNames=" + serverNames);
        }
        listener.ifPresent(l -> parts.add("listener=" + l));
        rules.ifPresent(r -> parts.add(r.toString()));
        return "toPorts{" + String.join(" ", parts) + "}";
    }
}
