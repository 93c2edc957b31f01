package io.lblab.reconciler;

/**
 * A reason the lab cannot make progress until something outside Azure changes (spec, Secret, configuration).
 *
 * @param reason the Ready condition's reason, e.g. {@code CredentialsNotFound}
 */
final class LabProblem extends Exception {

    private final String reason;

    LabProblem(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
