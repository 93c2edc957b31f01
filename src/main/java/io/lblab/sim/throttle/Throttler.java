package io.lblab.sim.throttle;

import io.lblab.sim.SimulatorOptions;

/** One subscription's read and write buckets. */
public final class Throttler {
    private final boolean enabled;
    private final int readBurst;
    private final int writeBurst;
    private final TokenBucket reads;
    private final TokenBucket writes;

    public Throttler(SimulatorOptions.Throttling settings, double timeScale) {
        this.enabled = settings.enabled();
        this.readBurst = settings.readBurst();
        this.writeBurst = settings.writeBurst();
        this.reads = new TokenBucket(settings.readBurst(), settings.readsPerSecond(), timeScale);
        this.writes = new TokenBucket(settings.writeBurst(), settings.writesPerSecond(), timeScale);
    }

    /** Takes a token for a read or a write; always granted when throttling is off. */
    public TokenBucket.Take take(boolean write) {
        if (!enabled) {
            return new TokenBucket.Take(true, write ? writeBurst : readBurst, 0);
        }
        return (write ? writes : reads).take();
    }

    /** Tokens left without taking one (for headers on requests rejected before admission). */
    public long remaining(boolean write) {
        if (!enabled) {
            return write ? writeBurst : readBurst;
        }
        return (write ? writes : reads).remaining();
    }

    public void reset() {
        reads.reset();
        writes.reset();
    }
}
