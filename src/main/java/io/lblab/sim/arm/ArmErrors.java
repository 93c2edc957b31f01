package io.lblab.sim.arm;

import java.util.List;

/** Factories for the ARM errors the simulator produces, with ARM's codes, statuses and messages. */
public final class ArmErrors {
    private ArmErrors() {
    }

    public static ArmException groupNotFound(String group) {
        return new ArmException(404, "ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
    }

    public static ArmException resourceNotFound(String typeAndName, String group) {
        return new ArmException(404, "ResourceNotFound", "The Resource '" + typeAndName + "' under resource group '"
                + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public static ArmException resourceNotFound(ResourceId id) {
        String typeAndName = id.namespace() + "/" + id.type() + "/" + id.name()
                + (id.isChild() ? "/" + id.childSegment() + "/" + id.childName() : "");
        return resourceNotFound(typeAndName, id.resourceGroup());
    }

    public static ArmException invalidReference(String refId, String referrerId) {
        return new ArmException(400, "InvalidResourceReference", "Resource " + refId + " referenced by resource "
                + referrerId + " was not found. Please make sure that the referenced resource exists, and that both "
                + "resources are in the same region.");
    }

    /**
     * @param retryAfterSeconds what is left of the operation on the referenced resource (whole
     *                          seconds), or null to leave pacing to the client's backoff
     */
    public static ArmException notProvisioned(String refId, String referrerId, String state,
                                              Integer retryAfterSeconds) {
        String detail = "Cannot proceed with operation because resource " + refId + " used by resource " + referrerId
                + " is not in Succeeded state. Resource is in " + state + " state and the last operation that "
                + "updated/is updating the resource is PutOperation.";
        return new ArmException(429, "RetryableError", "A retryable error occurred.",
                List.of(new ArmException.Detail("ReferencedResourceNotProvisioned", detail)), retryAfterSeconds);
    }

    public static ArmException anotherOperationInProgress(String resourceId, String statusUrl) {
        return new ArmException(409, "AnotherOperationInProgress", "Another operation on this or dependent resource "
                + "is in progress. To retrieve status of the operation use uri: " + statusUrl + ".");
    }

    public static ArmException groupBeingDeleted(String group) {
        return new ArmException(409, "ResourceGroupBeingDeleted", "The resource group '" + group
                + "' is in deprovisioning state and cannot perform this operation.");
    }

    public static ArmException badRequest(String code, String message) {
        return new ArmException(400, code, message);
    }

    public static ArmException invalidRequestContent(String detail) {
        return new ArmException(400, "InvalidRequestContent",
                "The request content was invalid and could not be deserialized: '" + detail + "'.");
    }

    public static ArmException invalidRequestFormat(String message) {
        return new ArmException(400, "InvalidRequestFormat", "Cannot parse the request. " + message);
    }

    public static ArmException locationRequired() {
        return new ArmException(400, "LocationRequired", "The location property is required for this definition.");
    }

    public static ArmException invalidParameter(String target, String message) {
        return new ArmException(400, "InvalidParameter", message + " Target: '" + target + "'.");
    }
}
