package io.lblab.sim.throttle;

/**
 * A token bucket refilling in simulated time: {@code ratePerSecond} tokens per simulated second,
 * i.e. {@code ratePerSecond / timeScale} per wall second.
 */
public final class TokenBucket {
    /** Outcome of a take: whether a token was granted, what is left, and when to retry if not. */
    public record Take(boolean granted, long remaining, int retryAfterSeconds) {
    }

    private final int capacity;
    private final double ratePerWallNano;
    private double tokens;
    private long lastNanos;

    public TokenBucket(int capacity, double ratePerSecond, double timeScale) {
        this.capacity = capacity;
        this.ratePerWallNano = ratePerSecond / timeScale / 1e9;
        this.tokens = capacity;
        this.lastNanos = System.nanoTime();
    }

    public synchronized Take take() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return new Take(true, (long) Math.floor(tokens), 0);
        }
        double wallSeconds = ratePerWallNano <= 0 ? 3600 : (1 - tokens) / ratePerWallNano / 1e9;
        return new Take(false, 0, (int) Math.max(1, Math.ceil(wallSeconds)));
    }

    public synchronized long remaining() {
        refill();
        return (long) Math.floor(tokens);
    }

    public synchronized void reset() {
        tokens = capacity;
        lastNanos = System.nanoTime();
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * ratePerWallNano);
        lastNanos = now;
    }
}
