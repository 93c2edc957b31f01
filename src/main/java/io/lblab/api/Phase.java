package io.lblab.api;

/** The lab's life cycle as shown in {@code kubectl get lblab}. */
public enum Phase {
    Pending, Provisioning, Ready, Failed, Deleting, Paused
}
