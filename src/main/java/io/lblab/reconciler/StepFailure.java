package io.lblab.reconciler;

import io.lblab.azure.ArmFailure;

import java.time.Duration;
import java.time.Instant;

/**
 * The last failure of one operation of a lab and what follows from it.
 *
 * @param outcome     the failure in the operator's vocabulary (reason, message, whether it is retried)
 * @param notBefore   when it may be tried again
 * @param fingerprint the spec generation and credentials it happened with: a failure only a person can fix is not
 *                    retried until that changes
 */
record StepFailure(ArmFailure failure, Outcome outcome, int attempts, Instant notBefore, String fingerprint) {

    /** Only a person can fix it, and nothing they could have changed has changed. */
    boolean needsUser(String currentFingerprint) {
        return !outcome.retrying() && fingerprint.equals(currentFingerprint);
    }

    /** It still holds its operation back: it needs a person, or its backoff has not run out. */
    boolean holdsBack(String currentFingerprint, Instant now) {
        return needsUser(currentFingerprint) || (outcome.retrying() && notBefore.isAfter(now));
    }

    /** The outcome to report while it holds back, with the time left until the retry. */
    Outcome remaining(Instant now) {
        return outcome.retrying()
                ? Outcome.retryIn(outcome.reason(), outcome.message(), Duration.between(now, notBefore).plusMillis(10))
                : outcome;
    }
}
