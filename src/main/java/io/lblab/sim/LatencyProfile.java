package io.lblab.sim;

/** How long simulated long-running operations take before the time scale is applied. */
public enum LatencyProfile {
    /** Every operation finishes at once, still through the full LRO protocol. */
    INSTANT,
    /** Per-type durations from TIMINGS.md (Bastion 600 s, VM 90 s, network resources 2–5 s). */
    REALISTIC
}
