package io.kcs.cilium.rules.policy;

import java.util.List;

/**
 * One {@code toPorts} entry of a deny rule (Cilium's {@code api.PortDenyRule}): ports only, no L7.
 *
 * <pre>{@code
 * new PortDenyRule(List.of(PortProtocol.tcp(22))).toString();   // "toPorts{ports=[22/TCP]}"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param ports the ports (any of them); empty: every port
 */
public record PortDenyRule(List<PortProtocol> ports) {
    /** Copies the list, written order kept. */
    public PortDenyRule {
        ports = Checks.list(ports, "ports");
    }

    @Override
    public String toString() {
        return "toPorts{ports=" + ports + "}";
    }
}
