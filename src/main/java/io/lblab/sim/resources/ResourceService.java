package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.arm.ArmRoute;
import io.lblab.sim.arm.Regions;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.lro.OperationEngine;
import io.lblab.sim.resources.compute.VmViews;
import io.lblab.sim.store.StoredResource;

import java.util.ArrayList;
import java.util.List;

/** GET, list, PUT and DELETE of top-level resources, the same for every type. */
public final class ResourceService {
    private final SimContext sim;
    private final PutPipeline pipeline;

    public ResourceService(SimContext sim, PutPipeline pipeline) {
        this.sim = sim;
        this.pipeline = pipeline;
    }

    ResourceTypeHandler handler(ArmRequest req, ArmRoute route) {
        ResourceTypeHandler h = sim.registry().find(route.namespace(), route.type());
        if (h == null) {
            throw PutPipeline.unknownType(route.namespace(), route.type(), req.apiVersion());
        }
        return h;
    }

    /** The resource's id with canonical casing: the group's and type's stored casing, and the name's. */
    ResourceId canonicalId(ResourceTypeHandler h, StoredResource group, String name) {
        ResourceId byUrl = ResourceId.resource(group.rid().subscription(), group.rid().resourceGroup(),
                h.type().namespace(), h.type().type(), name);
        StoredResource existing = sim.store().get(byUrl.key());
        return existing == null ? byUrl : existing.rid();
    }

    public ArmResponse get(ArmRequest req, ArmRoute route) {
        ResourceTypeHandler h = handler(req, route);
        Groups.require(sim.store(), route.subscription(), route.group());
        ResourceId rid = ResourceId.resource(route.subscription(), route.group(), h.type().namespace(),
                h.type().type(), route.name());
        StoredResource r = sim.store().get(rid.key());
        if (r == null) {
            throw ArmErrors.resourceNotFound(rid);
        }
        return ArmResponse.json(200, VmViews.json(r, req, true));
    }

    public ArmResponse list(ArmRequest req, ArmRoute route) {
        ResourceTypeHandler h = handler(req, route);
        String typeKey = h.type().key();
        List<byte[]> items = new ArrayList<>();
        if (route.group() != null) {
            StoredResource group = Groups.require(sim.store(), route.subscription(), route.group());
            for (StoredResource r : sim.store().inGroup(group.key())) {
                if (r.typeKey().equalsIgnoreCase(typeKey)) {
                    items.add(VmViews.json(r, req, false));
                }
            }
        } else {
            for (StoredResource r : sim.store().all()) {
                if (!r.rid().isGroup() && r.typeKey().equalsIgnoreCase(typeKey)
                        && r.rid().subscription().equalsIgnoreCase(route.subscription())) {
                    items.add(VmViews.json(r, req, false));
                }
            }
        }
        return ArmResponse.json(200, JsonLists.value(items));
    }

    public ArmResponse put(ArmRequest req, ArmRoute route) {
        ResourceTypeHandler h = handler(req, route);
        synchronized (sim.store().lock()) {
            StoredResource group = Groups.requireWritable(sim.store(), route.subscription(), route.group());
            ObjectNode requested = RequestBodies.parse(req);
            if (!h.supportsPut()) {
                throw new ArmException(405, "MethodNotAllowed", "The simulator does not create '" + h.type().key()
                        + "' resources directly; they appear with the resources that own them.");
            }
            ResourceId rid = canonicalId(h, group, route.name());
            StoredResource existing = sim.store().get(rid.key());
            String location = RequestBodies.location(requested, h.type().key());
            if (existing != null && !Regions.normalize(existing.location()).equals(location)) {
                throw new ArmException(409, "InvalidResourceLocation", "The resource '" + rid.name()
                        + "' already exists in location '" + existing.location() + "' in resource group '"
                        + rid.resourceGroup() + "'. A resource with the same name cannot be created in location '"
                        + location + "'. Please select a new resource name.");
            }
            RequestBodies.checkProvisioningState(requested, existing == null ? null : existing.provisioningState());
            pipeline.requireNoOperation(req, rid.key());
            String state = h.pendingState(existing == null);
            StoredResource stored = pipeline.store(h, rid, requested, existing, location, state, null, false);
            Operation op = pipeline.beginPut(h, rid, rid, location, existing == null);
            ArmResponse response = OperationUrls.putAccepted(ArmResponse.json(existing == null ? 201 : 200,
                    VmViews.json(stored, req, false)), req, op.resourceId().subscription(), op);
            sim.operations().arm(op);
            return response;
        }
    }

    public ArmResponse delete(ArmRequest req, ArmRoute route) {
        ResourceTypeHandler h = handler(req, route);
        synchronized (sim.store().lock()) {
            StoredResource group = Groups.require(sim.store(), route.subscription(), route.group());
            ResourceId rid = canonicalId(h, group, route.name());
            StoredResource existing = sim.store().get(rid.key());
            if (existing == null) {
                return ArmResponse.empty(204);
            }
            Operation running = sim.operations().inFlightFor(rid.key());
            if (running != null) {
                if ("DELETE".equals(running.method()) && running.resourceId().key().equals(rid.key())) {
                    return OperationUrls.deleteAccepted(req, running.resourceId().subscription(), running);
                }
                pipeline.requireNoOperation(req, rid.key());
            }
            h.checkDelete(existing, sim.index().incoming(rid.key()));
            ObjectNode body = existing.body();
            Json.obj(body, "properties").put("provisioningState", "Deleting");
            sim.writer().write(rid, body, existing.createdTime(), Timestamps.next());
            ArmException failure = sim.faults().asyncFailure(h.type().key(), "DELETE", rid.name());
            OperationEngine.Spec spec = new OperationEngine.Spec(rid, h.type().key(), "DELETE",
                    h.type().namespace(), Regions.normalize(existing.location()), rid.key());
            Operation op = sim.operations().begin(spec, failure, (o, ok) -> completeDelete(h, rid, ok));
            ArmResponse response = OperationUrls.deleteStarted(req, op.resourceId().subscription(), op);
            sim.operations().arm(op);
            return response;
        }
    }

    /** {@code PATCH} (UpdateTags): replaces the tags synchronously. */
    public ArmResponse patch(ArmRequest req, ArmRoute route) {
        ResourceTypeHandler h = handler(req, route);
        synchronized (sim.store().lock()) {
            StoredResource group = Groups.requireWritable(sim.store(), route.subscription(), route.group());
            ObjectNode requested = RequestBodies.parse(req);
            ResourceId rid = canonicalId(h, group, route.name());
            StoredResource existing = sim.store().get(rid.key());
            if (existing == null) {
                throw ArmErrors.resourceNotFound(rid);
            }
            pipeline.requireNoOperation(req, rid.key());
            if (VmViews.TYPE_KEY.equalsIgnoreCase(h.type().key()) && hasMoreThanTags(requested)) {
                return updateVm(req, h, rid, existing, requested);
            }
            ObjectNode body = existing.body();
            if (requested.has("tags")) {
                body.set("tags", requested.get("tags").deepCopy());
            }
            StoredResource stored = sim.writer().write(rid, body, existing.createdTime(), Timestamps.next());
            return ArmResponse.json(200, VmViews.json(stored, req, false));
        }
    }

    private static boolean hasMoreThanTags(ObjectNode requested) {
        java.util.Iterator<String> names = requested.fieldNames();
        while (names.hasNext()) {
            if (!"tags".equals(names.next())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compute's VirtualMachines_Update: the given fields are merged into the VM (objects field by
     * field, arrays and values replaced, nulls removing), then validated and stored as a PUT of the
     * result would be; a long-running update answered 200 with Azure-AsyncOperation.
     */
    private ArmResponse updateVm(ArmRequest req, ResourceTypeHandler h, ResourceId rid, StoredResource existing,
                                 ObjectNode requested) {
        ObjectNode merged = existing.body();
        if (merged.get("properties") instanceof ObjectNode props) {
            props.remove("provisioningState");
        }
        ObjectNode patch = requested.deepCopy();
        if (patch.get("properties") instanceof ObjectNode pp) {
            pp.remove("provisioningState");
        }
        patch.remove("location");
        Json.mergePatch(merged, patch);
        String location = Regions.normalize(existing.location());
        StoredResource stored = pipeline.store(h, rid, merged, existing, location, h.pendingState(false), null, false);
        Operation op = pipeline.beginPut(h, rid, rid, location, false);
        ArmResponse response = OperationUrls.putAccepted(ArmResponse.json(200, VmViews.json(stored, req, false)), req,
                op.resourceId().subscription(), op);
        sim.operations().arm(op);
        return response;
    }

    private void completeDelete(ResourceTypeHandler h, ResourceId rid, boolean ok) {
        StoredResource r = sim.store().get(rid.key());
        if (r == null) {
            return;
        }
        if (ok) {
            h.onDeleteCompleted(r, sim);
            sim.writer().remove(rid.key());
        } else {
            ObjectNode body = r.body();
            Json.obj(body, "properties").put("provisioningState", "Failed");
            sim.writer().write(rid, body, r.createdTime(), Timestamps.next());
        }
    }
}
