package io.lblab.reconciler;

import io.lblab.azure.ArmFailure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter that never retries sooner than ARM's Retry-After. */
final class Backoff {

    private Backoff() {
    }

    static Duration delay(int attempt, ArmFailure failure, Duration initial, Duration max) {
        long base = initial.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(base, 1), max.toMillis());
        long jittered = capped + (long) (capped * 0.5 * ThreadLocalRandom.current().nextDouble());
        Duration delay = Duration.ofMillis(Math.min(jittered, max.toMillis()));
        if (failure.retryAfter() != null && failure.retryAfter().compareTo(delay) > 0) {
            return failure.retryAfter();
        }
        return delay;
    }
}
