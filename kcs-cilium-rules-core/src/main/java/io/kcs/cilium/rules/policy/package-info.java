/**
 * An immutable model of Cilium network policy rules (CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy) as the
 * Cilium agent imports them: {@link io.kcs.cilium.rules.policy.PolicyRule} with its
 * {@link io.kcs.cilium.rules.policy.Subject}, {@link io.kcs.cilium.rules.policy.PolicyOrigin}, four sections
 * ({@link io.kcs.cilium.rules.policy.IngressRule}, {@link io.kcs.cilium.rules.policy.IngressDenyRule},
 * {@link io.kcs.cilium.rules.policy.EgressRule}, {@link io.kcs.cilium.rules.policy.EgressDenyRule}) and the
 * per-direction {@link io.kcs.cilium.rules.policy.DefaultDeny} posture; labels
 * ({@link io.kcs.cilium.rules.policy.Label}, {@link io.kcs.cilium.rules.policy.Labels}) and selectors
 * ({@link io.kcs.cilium.rules.policy.LabelSelector}) with Cilium's source rules; peers, ports, ICMP and L7 rules as
 * data.
 *
 * <p>How a rule combines: entries of a section are alternatives (OR); inside an entry the peer fields are an OR,
 * and a connection must match a peer AND (when given) one port or ICMP rule; deny sections beat allows. Every type
 * is a value (records or final classes), normalised once when made (set-like lists sorted and deduplicated, written
 * order kept where it is meaningful), compared by value, and thread-safe. No type here depends on fabric8, Jackson
 * or Kubernetes classes; the fabric8 module's reader converts policy objects into this model and reports Cilium's
 * validation errors as diagnostics.
 */
package io.kcs.cilium.rules.policy;
