package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.lblab.sim.store.StoredResource;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Resource groups: synchronous PUT/PATCH, GET/HEAD, cascading DELETE, and the group's resource list. */
public final class ResourceGroupService {
    private static final String TYPE = "Microsoft.Resources/resourceGroups";
    private final SimContext sim;
    private final CascadeDelete cascade;

    public ResourceGroupService(SimContext sim, CascadeDelete cascade) {
        this.sim = sim;
        this.cascade = cascade;
    }

    public ArmResponse put(ArmRequest req, ArmRoute route) {
        synchronized (sim.store().lock()) {
            ObjectNode requested = RequestBodies.parse(req);
            String location = Json.text(requested, "location");
            if (location == null || location.isBlank()) {
                throw ArmErrors.locationRequired();
            }
            if (!Regions.isKnown(location)) {
                throw new ArmException(400, "LocationNotAvailableForResourceGroup", "The provided location '"
                        + location + "' is not available for resource group. List of available regions is '"
                        + Regions.listing() + "'.");
            }
            ResourceId byUrl = ResourceId.group(route.subscription(), route.group());
            StoredResource existing = sim.store().get(byUrl.key());
            if (existing != null && "Deleting".equalsIgnoreCase(existing.provisioningState())) {
                throw ArmErrors.groupBeingDeleted(existing.rid().resourceGroup());
            }
            String normalized = Regions.normalize(location);
            if (existing != null && !existing.location().equals(normalized)) {
                throw new ArmException(409, "InvalidResourceGroupLocation", "Invalid resource group location '"
                        + normalized + "'. The Resource group already exists in location '" + existing.location()
                        + "'.");
            }
            ResourceId rid = existing == null ? byUrl : existing.rid();
            ObjectNode body = Json.object();
            body.put("id", rid.id());
            body.put("name", rid.resourceGroup());
            body.put("type", TYPE);
            body.put("location", normalized);
            copy(requested, body, "managedBy");
            copy(requested, body, "tags");
            body.putObject("properties").put("provisioningState", "Succeeded");
            StoredResource stored = sim.writer().write(rid, body,
                    existing == null ? Timestamps.next() : existing.createdTime(), Timestamps.next());
            return ArmResponse.json(existing == null ? 201 : 200, stored.json());
        }
    }

    public ArmResponse patch(ArmRequest req, ArmRoute route) {
        synchronized (sim.store().lock()) {
            StoredResource existing = Groups.requireWritable(sim.store(), route.subscription(), route.group());
            ObjectNode requested = RequestBodies.parse(req);
            ObjectNode body = existing.body();
            copy(requested, body, "managedBy");
            copy(requested, body, "tags");
            StoredResource stored = sim.writer().write(existing.rid(), body, existing.createdTime(),
                    Timestamps.next());
            return ArmResponse.json(200, stored.json());
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null) {
            to.set(field, v.deepCopy());
        }
    }

    public ArmResponse get(ArmRoute route) {
        return ArmResponse.json(200, Groups.require(sim.store(), route.subscription(), route.group()).json());
    }

    public ArmResponse head(ArmRoute route) {
        StoredResource g = sim.store().get(ResourceId.group(route.subscription(), route.group()).key());
        return ArmResponse.empty(g == null ? 404 : 204);
    }

    public ArmResponse list(ArmRoute route) {
        List<byte[]> items = new ArrayList<>();
        for (StoredResource g : sim.store().groups()) {
            if (g.rid().subscription().equalsIgnoreCase(route.subscription())) {
                items.add(g.json());
            }
        }
        return ArmResponse.json(200, JsonLists.value(items));
    }

    public ArmResponse delete(ArmRequest req, ArmRoute route) {
        synchronized (sim.store().lock()) {
            StoredResource group = Groups.require(sim.store(), route.subscription(), route.group());
            Operation running = sim.operations().inFlightFor(group.key());
            if (running != null) {
                return OperationUrls.deleteAccepted(req, running.resourceId().subscription(), running);
            }
            return OperationUrls.deleteStarted(req, group.rid().subscription(), cascade.start(group));
        }
    }

    /** {@code GET …/resourceGroups/{rg}/resources?$expand=createdTime,changedTime,provisioningState}. */
    public ArmResponse resources(ArmRequest req, ArmRoute route) {
        StoredResource group = Groups.require(sim.store(), route.subscription(), route.group());
        String expand = req.query().getOrDefault("$expand", "");
        Set<String> expanded = Arrays.stream(expand.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<byte[]> items = new ArrayList<>();
        for (StoredResource r : sim.store().inGroup(group.key())) {
            ObjectNode body = r.body();
            ObjectNode item = Json.object();
            item.put("id", r.id());
            item.put("name", r.rid().name());
            item.put("type", r.typeKey());
            for (String field : List.of("sku", "kind", "location", "managedBy", "tags", "zones", "identity", "plan")) {
                copy(body, item, field);
            }
            if (expanded.contains("createdtime")) {
                item.put("createdTime", DateTimeFormatter.ISO_INSTANT.format(r.createdTime()));
            }
            if (expanded.contains("changedtime")) {
                item.put("changedTime", DateTimeFormatter.ISO_INSTANT.format(r.changedTime()));
            }
            if (expanded.contains("provisioningstate")) {
                item.put("provisioningState", r.provisioningState());
            }
            items.add(Json.bytes(item));
        }
        return ArmResponse.json(200, JsonLists.value(items));
    }
}
