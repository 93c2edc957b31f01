package io.lblab.azure;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket that keeps the operator's writes to one subscription under ARM's write budget. It never
 * blocks: a caller that gets no token is told how long to wait and reschedules itself.
 */
public final class WriteBudget {

    private final LongSupplier clock;
    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long lastRefill;

    public WriteBudget(int burst, double perSecond) {
        this(burst, perSecond, System::nanoTime);
    }

    WriteBudget(int burst, double perSecond, LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.capacity = burst;
        this.refillPerNano = perSecond / 1_000_000_000d;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes a token; returns {@link Duration#ZERO} on success, else how long until one is available. */
    public synchronized Duration tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / refillPerNano));
    }

    /** Whole tokens available now (what a planner may count on; {@link #tryAcquire()} still decides). */
    public synchronized int available() {
        refill();
        return (int) Math.floor(tokens);
    }

    /** How long until one token is available ({@link Duration#ZERO} if one is). */
    public synchronized Duration untilNext() {
        refill();
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / refillPerNano));
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerNano);
        lastRefill = now;
    }
}
