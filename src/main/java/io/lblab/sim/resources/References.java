package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.Regions;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.store.StoredResource;

/**
 * Resolves references in a PUT body the way ARM validates them: the target must exist, be in the
 * same region ({@code InvalidResourceReference} otherwise) and be provisioned
 * ({@code ReferencedResourceNotProvisioned} otherwise).
 */
public final class References {
    private final SimContext sim;
    private final ResourceId referrer;
    private final String referrerLocation;
    private final boolean internal;

    /**
     * @param target the referenced child object, or the owner's body for a top-level reference
     */
    public record Resolved(ResourceId rid, StoredResource owner, ObjectNode ownerBody, ObjectNode target) {
        public ObjectNode targetProperties() {
            return Json.obj(target, "properties");
        }
    }

    References(SimContext sim, ResourceId referrer, String referrerLocation, boolean internal) {
        this.sim = sim;
        this.referrer = referrer;
        this.referrerLocation = referrerLocation;
        this.internal = internal;
    }

    /** Resolves {@code holder.field.id} if present; null when the field is absent. */
    public Resolved optional(JsonNode holder, String field, String expectedTypeKey) {
        String id = Json.refId(holder, field);
        return id == null ? null : require(id, expectedTypeKey);
    }

    /**
     * Resolves a reference to a resource or child of type {@code expectedTypeKey}
     * (e.g. {@code Microsoft.Network/virtualNetworks/subnets}). In internal mode a dangling
     * reference yields null instead of an error.
     */
    public Resolved require(String refId, String expectedTypeKey) {
        ResourceId rid = ResourceId.parse(refId);
        if (rid == null || rid.isGroup() || !rid.typeKey().equalsIgnoreCase(expectedTypeKey)
                || !rid.subscription().equalsIgnoreCase(referrer.subscription())) {
            return fail(refId);
        }
        StoredResource owner = sim.store().get(rid.owner().key());
        if (owner == null) {
            return fail(refId);
        }
        ObjectNode ownerBody = owner.body();
        ObjectNode target = ownerBody;
        if (rid.isChild()) {
            ResourceTypeHandler h = sim.registry().find(rid);
            ResourceType.ChildCollection c = h == null ? null : h.type().child(rid.childSegment());
            target = c == null ? null : Children.find(ownerBody.path("properties"), c.property(), rid.childName());
            if (target == null) {
                return fail(refId);
            }
        }
        Resolved resolved = new Resolved(rid, owner, ownerBody, target);
        if (internal) {
            return resolved;
        }
        if (!Regions.normalize(owner.location()).equals(Regions.normalize(referrerLocation))) {
            throw ArmErrors.invalidReference(refId, referrer.id());
        }
        String ownerState = owner.provisioningState();
        if (!"Succeeded".equalsIgnoreCase(ownerState)) {
            throw ArmErrors.notProvisioned(owner.id(), referrer.id(), ownerState, retryAfter(owner));
        }
        String targetState = Json.text(target.path("properties"), "provisioningState");
        if (target != ownerBody && targetState != null && !"Succeeded".equalsIgnoreCase(targetState)) {
            throw ArmErrors.notProvisioned(refId, referrer.id(), targetState, retryAfter(owner));
        }
        return resolved;
    }

    private Integer retryAfter(StoredResource owner) {
        Operation running = sim.operations().inFlightFor(owner.key());
        return running == null ? null : running.retryAfterSeconds();
    }

    private Resolved fail(String refId) {
        if (internal) {
            return null;
        }
        throw ArmErrors.invalidReference(refId, referrer.id());
    }
}
