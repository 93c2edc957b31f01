package io.lblab.api;

/** What deleting the LoadBalancerLab does to its Azure resource group. */
public enum DeletionPolicy {
    /** Delete the resource group, but only if this lab created it. */
    Delete,
    /** Leave everything in Azure and release the object at once. */
    Orphan
}
