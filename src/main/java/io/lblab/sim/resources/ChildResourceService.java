package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.arm.ArmRoute;
import io.lblab.sim.arm.Regions;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.lro.OperationEngine;
import io.lblab.sim.store.StoredResource;

import java.util.ArrayList;
import java.util.List;

/**
 * Child resources (subnets, security rules, load-balancer parts…) addressed on their own. A child
 * write is a write of its parent with that child replaced or removed, validated by the parent's
 * rules, and it holds the parent's lock: ARM serialises writes to a parent and its children.
 */
public final class ChildResourceService {
    private final SimContext sim;
    private final ResourceService resources;
    private final PutPipeline pipeline;

    public ChildResourceService(SimContext sim, ResourceService resources, PutPipeline pipeline) {
        this.sim = sim;
        this.resources = resources;
        this.pipeline = pipeline;
    }

    private record Target(ResourceTypeHandler handler, ResourceType.ChildCollection collection, StoredResource group) {
    }

    private Target target(ArmRequest req, ArmRoute route) {
        ResourceTypeHandler h = resources.handler(req, route);
        ResourceType.ChildCollection c = h.type().child(route.childSegment());
        if (c == null) {
            throw PutPipeline.unknownType(route.namespace(), route.type() + "/" + route.childSegment(),
                    req.apiVersion());
        }
        return new Target(h, c, Groups.require(sim.store(), route.subscription(), route.group()));
    }

    private StoredResource parent(Target t, ArmRoute route) {
        ResourceId rid = resources.canonicalId(t.handler(), t.group(), route.name());
        StoredResource parent = sim.store().get(rid.key());
        if (parent == null) {
            throw ArmErrors.resourceNotFound(rid);
        }
        return parent;
    }

    public ArmResponse get(ArmRequest req, ArmRoute route) {
        Target t = target(req, route);
        StoredResource parent = parent(t, route);
        ObjectNode child = Children.find(parent.body().path("properties"), t.collection().property(),
                route.childName());
        if (child == null) {
            throw ArmErrors.resourceNotFound(parent.rid().child(t.collection().segment(), route.childName()));
        }
        return ArmResponse.json(200, child);
    }

    public ArmResponse list(ArmRequest req, ArmRoute route) {
        Target t = target(req, route);
        StoredResource parent = parent(t, route);
        List<byte[]> items = new ArrayList<>();
        for (ObjectNode child : Json.objects(parent.body().path("properties"), t.collection().property())) {
            items.add(Json.bytes(child));
        }
        return ArmResponse.json(200, JsonLists.value(items));
    }

    public ArmResponse put(ArmRequest req, ArmRoute route) {
        synchronized (sim.store().lock()) {
            Target t = target(req, route);
            Groups.requireWritable(sim.store(), route.subscription(), route.group());
            if (!t.collection().writable()) {
                throw notWritable(t);
            }
            ObjectNode requested = RequestBodies.parse(req);
            StoredResource parent = parent(t, route);
            ObjectNode parentBody = parent.body();
            ObjectNode props = Json.obj(parentBody, "properties");
            ObjectNode existingChild = Children.find(props, t.collection().property(), route.childName());
            RequestBodies.checkProvisioningState(requested, existingChild == null ? null
                    : Json.text(existingChild.path("properties"), "provisioningState"));
            pipeline.requireNoOperation(req, parent.key());
            String name = existingChild != null ? Json.text(existingChild, "name") : route.childName();
            ObjectNode child = Json.object();
            child.put("name", name);
            requested.fields().forEachRemaining(e -> {
                switch (e.getKey()) {
                    case "name", "id", "etag", "type", "properties" -> {
                    }
                    default -> child.set(e.getKey(), e.getValue().deepCopy());
                }
            });
            child.set("properties", requested.get("properties") instanceof ObjectNode p ? p.deepCopy()
                    : Json.object());
            boolean created = Children.upsert(props, t.collection().property(), child);
            String location = Regions.normalize(parent.location());
            StoredResource stored = pipeline.store(t.handler(), parent.rid(), parentBody, parent, location,
                    "Updating", name, false);
            ResourceId childId = parent.rid().child(t.collection().segment(), name);
            Operation op = pipeline.beginPut(t.handler(), childId, parent.rid(), location, created);
            ObjectNode storedChild = Children.find(stored.body().path("properties"), t.collection().property(), name);
            ArmResponse response = OperationUrls.putAccepted(ArmResponse.json(created ? 201 : 200, storedChild),
                    req, op.resourceId().subscription(), op);
            sim.operations().arm(op);
            return response;
        }
    }

    public ArmResponse delete(ArmRequest req, ArmRoute route) {
        synchronized (sim.store().lock()) {
            Target t = target(req, route);
            if (!t.collection().writable()) {
                throw notWritable(t);
            }
            ResourceId parentId = resources.canonicalId(t.handler(), t.group(), route.name());
            StoredResource parent = sim.store().get(parentId.key());
            ObjectNode parentBody = parent == null ? null : parent.body();
            ObjectNode child = parentBody == null ? null
                    : Children.find(parentBody.path("properties"), t.collection().property(), route.childName());
            if (child == null) {
                return ArmResponse.empty(204);
            }
            String name = Json.text(child, "name");
            ResourceId childId = parentId.child(t.collection().segment(), name);
            Operation running = sim.operations().inFlightFor(parentId.key());
            if (running != null) {
                if ("DELETE".equals(running.method()) && running.resourceId().key().equals(childId.key())) {
                    return OperationUrls.deleteAccepted(req, running.resourceId().subscription(), running);
                }
                pipeline.requireNoOperation(req, parentId.key());
            }
            String location = Regions.normalize(parent.location());
            // validate the parent without the child (in-use checks), then mark the child Deleting
            ObjectNode without = parentBody.deepCopy();
            Children.remove(Json.obj(without, "properties"), t.collection().property(), name);
            validateOnly(t.handler(), parentId, without, parentBody);
            Json.obj(child, "properties").put("provisioningState", "Deleting");
            Json.obj(parentBody, "properties").put("provisioningState", "Updating");
            sim.writer().write(parentId, parentBody, parent.createdTime(), Timestamps.next());
            String typeKey = t.handler().type().childTypeKey(t.collection());
            ArmException failure = sim.faults().asyncFailure(typeKey, "DELETE", name);
            OperationEngine.Spec spec = new OperationEngine.Spec(childId, typeKey, "DELETE",
                    t.handler().type().namespace(), location, parentId.key());
            Operation op = sim.operations().begin(spec, failure,
                    (o, ok) -> completeDelete(t, parentId, name, location, ok));
            ArmResponse response = OperationUrls.deleteStarted(req, op.resourceId().subscription(), op);
            sim.operations().arm(op);
            return response;
        }
    }

    private void validateOnly(ResourceTypeHandler h, ResourceId parentId, ObjectNode candidate, ObjectNode existing) {
        ObjectNode body = PutPipeline.baseBody(parentId, h.type(), candidate, Json.text(existing, "location"),
                Json.text(existing, "etag"), "Updating");
        Children.normalize(body, parentId, h.type(), Json.text(existing, "etag"), "Updating", "");
        h.prepare(new PutContext(parentId, body, existing, sim, true));
    }

    private void completeDelete(Target t, ResourceId parentId, String childName, String location, boolean ok) {
        StoredResource parent = sim.store().get(parentId.key());
        if (parent == null) {
            return;
        }
        if (ok) {
            ObjectNode body = parent.body();
            ObjectNode props = Json.obj(body, "properties");
            Children.remove(props, t.collection().property(), childName);
            try {
                pipeline.store(t.handler(), parentId, body, parent, location, "Succeeded", "", true);
                return;
            } catch (ArmException e) {
                markFailed(t, parent, childName);
                throw e;
            }
        }
        markFailed(t, parent, childName);
    }

    private void markFailed(Target t, StoredResource parent, String childName) {
        ObjectNode body = parent.body();
        ObjectNode props = Json.obj(body, "properties");
        ObjectNode child = Children.find(props, t.collection().property(), childName);
        if (child != null) {
            Json.obj(child, "properties").put("provisioningState", "Failed");
        }
        props.put("provisioningState", "Failed");
        sim.writer().write(parent.rid(), body, parent.createdTime(), Timestamps.next());
    }

    private static ArmException notWritable(Target t) {
        return new ArmException(405, "MethodNotAllowed", "'" + t.handler().type().childTypeKey(t.collection())
                + "' cannot be written on its own; update the parent resource instead.");
    }
}
