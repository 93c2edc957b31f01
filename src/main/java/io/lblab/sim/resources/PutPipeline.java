package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.lro.OperationEngine;
import io.lblab.sim.store.StoredResource;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The generic part of every PUT: the server-owned top-level fields, child ids, type-specific
 * preparation, idempotent etags, storage, and the operation that ends it. Callers hold the lock.
 */
public final class PutPipeline {
    private final SimContext sim;

    public PutPipeline(SimContext sim) {
        this.sim = sim;
    }

    /**
     * Validates and stores a full body for {@code rid}.
     *
     * @param onlyChild when a child PUT/DELETE drives this, the child whose state changes
     * @param internal  server-side re-derivation: references are resolved but not re-validated
     */
    public StoredResource store(ResourceTypeHandler h, ResourceId rid, ObjectNode requested, StoredResource existing,
                                String location, String state, String onlyChild, boolean internal) {
        ObjectNode existingBody = existing == null ? null : existing.body();
        String previousEtag = existingBody == null ? null : Json.text(existingBody, "etag");
        String etag = h.nextEtag(previousEtag);
        ObjectNode body = baseBody(rid, h.type(), requested, location, etag, state);
        Children.normalize(body, rid, h.type(), etag, state, onlyChild);
        PutContext ctx = new PutContext(rid, body, existingBody, sim, internal);
        h.prepare(ctx);
        Instant now = Timestamps.next();
        StoredResource stored = sim.writer().write(rid, body, existing == null ? now : existing.createdTime(), now);
        if (existingBody != null && previousEtag != null) {
            ObjectNode storedBody = stored.body();
            if (Children.withoutVolatileFields(storedBody).equals(Children.withoutVolatileFields(existingBody))) {
                // an identical PUT keeps the etag, as ARM does
                Children.replaceEtags(storedBody, previousEtag);
                stored = stored.withBody(storedBody);
                sim.store().put(stored);
            }
        }
        h.afterPut(ctx, stored);
        return stored;
    }

    /** Top-level fields in ARM's order, then whatever else the caller sent. */
    static ObjectNode baseBody(ResourceId rid, ResourceType type, ObjectNode requested, String location, String etag,
                               String state) {
        ObjectNode body = Json.object();
        body.put("name", rid.name());
        body.put("id", rid.id());
        if (etag != null) {
            body.put("etag", etag);
        }
        body.put("type", type.key());
        body.put("location", location);
        Iterator<Map.Entry<String, JsonNode>> it = requested.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "name", "id", "etag", "type", "location" -> {
                }
                default -> body.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        ObjectNode props = body.get("properties") instanceof ObjectNode p ? p : Json.object();
        body.remove("properties");
        ObjectNode orderedProps = Json.object();
        orderedProps.put("provisioningState", state);
        props.remove("provisioningState");
        orderedProps.setAll(props);
        body.set("properties", orderedProps);
        return body;
    }

    /**
     * Starts the operation for a stored PUT; the caller answers, then arms it.
     *
     * @param created whether this PUT created {@code target} (the caller answers 201), recorded on the operation
     */
    public Operation beginPut(ResourceTypeHandler h, ResourceId target, ResourceId owner, String location,
                              boolean created) {
        ArmException failure = sim.faults().asyncFailure(target.typeKey(), "PUT",
                target.isChild() ? target.childName() : target.name());
        OperationEngine.Spec spec = new OperationEngine.Spec(target, canonicalTypeKey(h, target), "PUT",
                h.type().namespace(), location, owner.key(), created);
        return sim.operations().begin(spec, failure, (op, ok) -> completePut(h, owner, ok));
    }

    /** Ends a PUT: everything Succeeded, or Failed. */
    void completePut(ResourceTypeHandler h, ResourceId owner, boolean ok) {
        StoredResource r = sim.store().get(owner.key());
        if (r == null) {
            return;
        }
        ObjectNode body = r.body();
        Children.setStateEverywhere(body, h.type(), ok ? "Succeeded" : "Failed");
        if (ok) {
            h.onPutSucceeded(body);
        }
        sim.writer().write(r.rid(), body, r.createdTime(), Timestamps.next());
    }

    /** 409 AnotherOperationInProgress when an operation holds the resource (or its parent/children). */
    public void requireNoOperation(ArmRequest req, String lockKey) {
        Operation running = sim.operations().inFlightFor(lockKey);
        if (running != null) {
            throw ArmErrors.anotherOperationInProgress(running.resourceId().id(),
                    OperationUrls.asyncOperation(req, running.resourceId().subscription(), running));
        }
    }

    static String canonicalTypeKey(ResourceTypeHandler h, ResourceId rid) {
        if (!rid.isChild()) {
            return h.type().key();
        }
        ResourceType.ChildCollection c = h.type().child(rid.childSegment());
        return c == null ? rid.typeKey() : h.type().childTypeKey(c);
    }

    static ArmException unknownType(String namespace, String type, String apiVersion) {
        return new ArmException(404, "InvalidResourceType", "The resource type '" + type
                + "' could not be found in the namespace '" + namespace + "' for api version '" + apiVersion + "'.");
    }
}
