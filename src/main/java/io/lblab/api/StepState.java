package io.lblab.api;

/** Where one resource of the lab stands. */
public enum StepState {
    /** Waiting for the resources it depends on. */
    Pending,
    /** An Azure operation is running on it. */
    InProgress,
    /** Present in Azure as desired. */
    Succeeded,
    /** Azure refused it or its operation failed; see the step's message. */
    Failed,
    /** Being deleted (scale-down or teardown). */
    Deleting
}
