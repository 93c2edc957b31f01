package io.lblab.api;

/** What deleting the LoadBalancerLab does to its Azure resource group. */
public enum DeletionPolicy {
    /** Delete the resource group, but only if this lab created it. */
    Delete,
    /** Leave everything in Azure and release the object at once. */
    Orphan,
    /**
     * As Delete, and also for a group adopted with {@code lblab.io/adopt-resource-group}: delete that group on deletion,
     * and resources in it the spec no longer wants. Without it the operator deletes nothing in an adopted group.
     */
    DeleteAdopted
}
