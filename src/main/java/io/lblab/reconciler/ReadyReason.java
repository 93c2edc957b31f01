package io.lblab.reconciler;

import io.lblab.api.Phase;

/**
 * The reasons of the {@code Ready} condition: the one vocabulary of outcomes that convergence, teardown and status
 * share. Each says which phase it shows while the operator keeps trying and which once it waits for a person.
 */
public enum ReadyReason {

    Provisioned(Phase.Ready, Phase.Ready, "every resource exists in Azure as the spec asks"),
    Provisioning(Phase.Provisioning, Phase.Provisioning, "Azure operations are running; `status.steps` shows which"),
    WaitingForBastion(Phase.Provisioning, Phase.Provisioning,
            "only the Bastion host (about 10 minutes in Azure) is still being created"),
    AzureError(Phase.Provisioning, Phase.Failed, "Azure refused a request or an operation failed; the message carries "
            + "Azure's error code and message; retried with backoff unless only a person can fix it"),
    Throttled(Phase.Provisioning, Phase.Provisioning, "Azure answered 429 or the subscription's write budget is spent; "
            + "the operator waits as long as Azure asks"),
    ResourceGroupDeleting(Phase.Provisioning, Phase.Provisioning,
            "the lab's resource group is still being deleted in Azure; it is recreated once it is gone"),
    CredentialsNotFound(Phase.Failed, Phase.Failed, "the Secret of `spec.credentialsSecretRef` (or one of its four keys) "
            + "is missing, or the operator has no credential of its own; creating or fixing the Secret resumes the lab"),
    AdminPasswordNotFound(Phase.Failed, Phase.Failed, "the Secret or key of `spec.backends.adminPasswordSecretRef` is "
            + "missing; creating or fixing it resumes the lab"),
    AuthenticationFailed(Phase.Failed, Phase.Failed, "Azure AD refused the credential; retried with backoff"),
    ResourceGroupConflict(Phase.Failed, Phase.Failed,
            "the resource group exists and was not created by this lab; it is never adopted without `lblab.io/adopt-resource-group`"),
    InvalidSpec(Phase.Failed, Phase.Failed, "the spec breaks a rule below (on a cluster that did not enforce the "
            + "schema, or edited around it), or an `lblab.io/` annotation has a value the operator cannot act on; the message "
            + "names the field; nothing is created in Azure"),
    Paused(Phase.Paused, Phase.Paused, "annotation `lblab.io/paused: \"true\"`: nothing is written to Azure and drift is not "
            + "repaired (the message counts what differs); `status.steps` shows what would be written; removing the annotation "
            + "resumes; deletion still works"),
    PlanReady(Phase.Pending, Phase.Pending, "annotation `lblab.io/plan-only: \"true\"`: nothing is written to Azure; "
            + "`status.plan` lists what applying the spec would create, update and delete, in order; removing the annotation "
            + "applies the plan as it then stands"),
    KubernetesError(Phase.Provisioning, Phase.Provisioning,
            "a call to the Kubernetes API failed (a Secret read or write); retried with backoff"),
    OperatorError(Phase.Provisioning, Phase.Provisioning,
            "an unexpected error in the operator, logged with its stack trace; retried with backoff"),
    Deleting(Phase.Deleting, Phase.Deleting, "the lab is being deleted; the finalizer is released once Azure reports "
            + "the resource group gone (or at once with `deletionPolicy: Orphan`)");

    private final Phase whileRetrying;
    private final Phase whenStuck;
    private final String description;

    ReadyReason(Phase whileRetrying, Phase whenStuck, String description) {
        this.whileRetrying = whileRetrying;
        this.whenStuck = whenStuck;
        this.description = description;
    }

    /** The lab's phase with this reason; {@code retrying} false means only a change by a person can help. */
    public Phase phase(boolean retrying) {
        return retrying ? whileRetrying : whenStuck;
    }

    public String description() {
        return description;
    }
}
