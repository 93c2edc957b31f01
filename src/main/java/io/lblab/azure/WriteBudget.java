package io.lblab.azure;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket that keeps the operator's writes to one subscription under ARM's write budget. It never
 * blocks: a caller that gets no token is told how long to wait and reschedules itself.
 * <p>
 * ARM's budget is the subscription's, shared with every other client (another operator, a pipeline). So besides its
 * own refill the bucket follows ARM's signal: each write's {@code x-ms-ratelimit-remaining-subscription-writes} caps
 * the tokens at what ARM still has minus a headroom left to the others, and a 429 empties the bucket for its
 * {@code Retry-After}. When tokens are scarce the last few go to the lab's critical path (see {@link Priority}).
 */
public final class WriteBudget {

    /** Who asks for a token. */
    public enum Priority {
        /** The steps the lab's time to Ready waits on (the Bastion and what it needs): may take the last tokens. */
        CRITICAL_PATH,
        /** Everything else: leaves {@code criticalReserve} tokens in the bucket. */
        NORMAL
    }

    private final LongSupplier clock;
    private final double capacity;
    private final double refillPerNano;
    private final int criticalReserve;
    private final int armHeadroom;
    private double tokens;
    private long lastRefill;
    private long lastArmRemaining = -1;

    public WriteBudget(int burst, double perSecond, int criticalReserve, int armHeadroom) {
        this(burst, perSecond, criticalReserve, armHeadroom, System::nanoTime);
    }

    WriteBudget(int burst, double perSecond, LongSupplier nanoClock) {
        this(burst, perSecond, 0, 0, nanoClock);
    }

    WriteBudget(int burst, double perSecond, int criticalReserve, int armHeadroom, LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.capacity = burst;
        this.refillPerNano = perSecond / 1_000_000_000d;
        this.criticalReserve = Math.max(0, criticalReserve);
        this.armHeadroom = Math.max(0, armHeadroom);
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes a token for a normal write; returns {@link Duration#ZERO} on success, else how long until one is available. */
    public Duration tryAcquire() {
        return tryAcquire(Priority.NORMAL);
    }

    /** Takes a token; returns {@link Duration#ZERO} on success, else how long until one is available to this priority. */
    public synchronized Duration tryAcquire(Priority priority) {
        refill();
        double needed = needed(priority);
        if (tokens >= needed) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return wait(needed);
    }

    /** Whole tokens available now to normal writes (what a planner may count on; {@link #tryAcquire()} still decides). */
    public synchronized int available() {
        refill();
        return (int) Math.max(0, Math.floor(tokens - criticalReserve));
    }

    /** Whole tokens in the bucket, the critical path's reserve included (what a metric shows). */
    public synchronized int tokens() {
        refill();
        return (int) Math.max(0, Math.floor(tokens));
    }

    /** How long until a normal write can have a token ({@link Duration#ZERO} if one can now). */
    public synchronized Duration untilNext() {
        refill();
        double needed = needed(Priority.NORMAL);
        return tokens >= needed ? Duration.ZERO : wait(needed);
    }

    /**
     * ARM's own count of writes left in the subscription, read from a response: the bucket never holds more than
     * that minus the headroom, so the operator slows down before ARM's budget is empty when another client shares it.
     */
    public synchronized void armRemaining(long remaining) {
        refill();
        lastArmRemaining = remaining;
        tokens = Math.min(tokens, remaining - armHeadroom);
    }

    /** ARM answered 429: no write until {@code retryAfter} has passed (the bucket goes into debt for that long). */
    public synchronized void throttled(Duration retryAfter) {
        refill();
        double debt = retryAfter.toNanos() * refillPerNano;
        tokens = Math.min(tokens, 1 - debt);
    }

    /** The last {@code x-ms-ratelimit-remaining-subscription-writes} seen, or -1 if none yet. */
    public synchronized long lastArmRemaining() {
        return lastArmRemaining;
    }

    private double needed(Priority priority) {
        return priority == Priority.CRITICAL_PATH ? 1 : 1 + criticalReserve;
    }

    private Duration wait(double needed) {
        return Duration.ofNanos((long) Math.ceil((needed - tokens) / refillPerNano));
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerNano);
        lastRefill = now;
    }
}
