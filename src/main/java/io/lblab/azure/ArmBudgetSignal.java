package io.lblab.azure;

import java.time.Duration;

/** What ARM's answers tell a client-side budget ({@link WriteBudget}, {@link ReadBudget}): fed by {@link ArmPacingPolicy}. */
interface ArmBudgetSignal {

    /** ARM's own count of requests of this kind left in the subscription, read from a response's header. */
    void armRemaining(long remaining);

    /** ARM answered 429: none of these requests until {@code retryAfter} has passed. */
    void throttled(Duration retryAfter);
}
