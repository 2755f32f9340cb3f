package io.kcs.cilium.rules.hubble;

/**
 * The verdict of a Hubble flow, Cilium {@code flow.proto} enum {@code Verdict}, with its numbers.
 *
 * <p>Only {@link #DROPPED} means the packet did not pass; {@link #AUDIT} flows passed (policy audit mode: they would
 * have been dropped). What it does not say: why a flow was dropped (see {@link HubbleFlow#dropReason()}).
 *
 * <pre>{@code
 * if (flow.verdict() == FlowVerdict.DROPPED) { ... }   // also flow.dropped()
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum FlowVerdict {
    /** 0: no verdict. */
    VERDICT_UNKNOWN,
    /** 1: forwarded to the next processing entity. */
    FORWARDED,
    /** 2: dropped (see the drop reason). */
    DROPPED,
    /** 3: an error occurred while processing. */
    ERROR,
    /** 4: would have been dropped by policy, passed in audit mode. */
    AUDIT,
    /** 5: redirected to the proxy. */
    REDIRECTED,
    /** 6: observed at a trace point, no verdict yet. */
    TRACED,
    /** 7: an address was translated. */
    TRANSLATED;

    private static final FlowVerdict[] VALUES = values();

    /** The verdict with {@code flow.proto} number {@code n}, when there is one. */
    static FlowVerdict ofNumber(long n) {
        return n >= 0 && n < VALUES.length ? VALUES[(int) n] : null;
    }
}
