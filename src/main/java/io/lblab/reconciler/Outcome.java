package io.lblab.reconciler;

import java.time.Duration;

/**
 * Why a lab is not (yet) Ready and what happens next.
 *
 * @param retryAfter when the operator tries again by itself; null when it waits for an event (a Secret, a spec change)
 */
record Outcome(ReadyReason reason, String message, Duration retryAfter) {

    static Outcome waitForChange(ReadyReason reason, String message) {
        return new Outcome(reason, message, null);
    }

    static Outcome retryIn(ReadyReason reason, String message, Duration delay) {
        return new Outcome(reason, message, delay);
    }

    boolean retrying() {
        return retryAfter != null;
    }
}
