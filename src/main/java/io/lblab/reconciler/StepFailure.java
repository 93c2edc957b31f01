package io.lblab.reconciler;

import io.lblab.azure.ArmFailure;

import java.time.Instant;

/**
 * The last failure of one step and when it may be tried again.
 *
 * @param fingerprint for failures that need the user: the spec generation and credentials they happened with; the
 *                    step is not retried until that changes
 */
record StepFailure(ArmFailure failure, int attempts, Instant notBefore, String fingerprint) {
}
