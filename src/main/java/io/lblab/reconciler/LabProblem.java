package io.lblab.reconciler;

/**
 * A reason the lab cannot make progress until something outside Azure changes (spec, Secret, configuration).
 */
final class LabProblem extends Exception {

    private final transient Outcome outcome;

    LabProblem(ReadyReason reason, String message) {
        super(message, null, false, false);
        this.outcome = Outcome.waitForChange(reason, message);
    }

    Outcome outcome() {
        return outcome;
    }
}
