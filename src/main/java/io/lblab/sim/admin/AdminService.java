package io.lblab.sim.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.FaultConfig;
import io.lblab.sim.SimOperation;
import io.lblab.sim.SimulatorStats;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.faults.FaultInjector;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.net.PublicIpPool;
import io.lblab.sim.resources.Children;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.resources.SimContext;
import io.lblab.sim.resources.Timestamps;
import io.lblab.sim.store.StoredResource;
import io.lblab.sim.throttle.Throttlers;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** What the admin API can see and do, shared by {@code /_sim/*} and {@link io.lblab.sim.SimulatorAdmin}. */
public final class AdminService {
    private final SimContext sim;
    private final StatsRecorder stats;
    private final Throttlers throttlers;
    private final PublicIpPool publicIps;
    private final long seed;

    public AdminService(SimContext sim, StatsRecorder stats, Throttlers throttlers, PublicIpPool publicIps, long seed) {
        this.sim = sim;
        this.stats = stats;
        this.throttlers = throttlers;
        this.publicIps = publicIps;
        this.seed = seed;
    }

    /** Every resource group and resource (disks included), each with its full ARM body, in id order. */
    public List<ObjectNode> resources() {
        List<ObjectNode> out = new ArrayList<>();
        for (StoredResource r : sim.store().all()) {
            out.add(r.body());
        }
        return out;
    }

    /** The body of one resource, group or child; null when absent. */
    public ObjectNode resource(String id) {
        ResourceId rid = ResourceId.parse(id);
        if (rid == null) {
            return null;
        }
        StoredResource r = sim.store().get(rid.owner().key());
        if (r == null || !rid.isChild()) {
            return r == null ? null : r.body();
        }
        ResourceType.ChildCollection c = collection(rid);
        return c == null ? null : Children.find(r.body().path("properties"), c.property(), rid.childName());
    }

    public SimulatorStats stats() {
        return stats.snapshot(sim.operations());
    }

    public List<SimOperation> operations() {
        List<SimOperation> out = new ArrayList<>();
        for (Operation op : sim.operations().history()) {
            out.add(new SimOperation(op.id(), op.resourceId().id(), op.typeKey(), op.method(), op.created(),
                    op.status().name(), DateTimeFormatter.ISO_INSTANT.format(op.startedAt()),
                    op.endedAt() == null ? null : DateTimeFormatter.ISO_INSTANT.format(op.endedAt()),
                    op.simulatedSeconds(), op.error() == null ? null : op.error().code(),
                    op.unansweredFault() != null, op.unansweredFault()));
        }
        return out;
    }

    public FaultConfig faults() {
        return sim.faults().current();
    }

    public void injectFaults(FaultConfig config) {
        FaultInjector.validate(config);
        sim.faults().add(config);
    }

    public void clearFaults() {
        sim.faults().clear();
    }

    /** Empties the store and forgets stats, operations, faults and throttling state. */
    public void reset() {
        synchronized (sim.store().lock()) {
            sim.operations().reset();
            sim.store().clear();
            sim.index().clear();
            publicIps.clear();
        }
        stats.reset();
        sim.faults().reset(seed);
        throttlers.reset();
    }

    /**
     * Removes a resource (a group with its contents, or a child from its parent) behind the
     * client's back: no operation, no in-use checks. Returns false when it does not exist.
     */
    public boolean deleteResource(String id) {
        ResourceId rid = ResourceId.parse(id);
        if (rid == null) {
            return false;
        }
        synchronized (sim.store().lock()) {
            StoredResource owner = sim.store().get(rid.owner().key());
            if (owner == null) {
                return false;
            }
            if (rid.isGroup()) {
                for (StoredResource r : sim.store().inGroup(rid.key())) {
                    sim.writer().remove(r.key());
                }
                sim.writer().remove(rid.key());
                return true;
            }
            if (!rid.isChild()) {
                sim.writer().remove(rid.key());
                return true;
            }
            ResourceType.ChildCollection c = collection(rid);
            ObjectNode body = owner.body();
            ObjectNode props = Json.obj(body, "properties");
            if (c == null || Children.find(props, c.property(), rid.childName()) == null) {
                return false;
            }
            Children.remove(props, c.property(), rid.childName());
            sim.writer().write(owner.rid(), body, owner.createdTime(), Timestamps.next());
            return true;
        }
    }

    /**
     * Applies a JSON merge patch to a resource, group or child behind the client's back; the
     * resource gets a new etag and changedTime. Returns the new body, or null when absent.
     */
    public ObjectNode patchResource(String id, JsonNode patch) {
        ResourceId rid = ResourceId.parse(id);
        if (rid == null || !patch.isObject()) {
            return null;
        }
        synchronized (sim.store().lock()) {
            StoredResource owner = sim.store().get(rid.owner().key());
            if (owner == null) {
                return null;
            }
            ObjectNode body = owner.body();
            ObjectNode target = body;
            if (rid.isChild()) {
                ResourceType.ChildCollection c = collection(rid);
                target = c == null ? null : Children.find(body.path("properties"), c.property(), rid.childName());
                if (target == null) {
                    return null;
                }
            }
            Json.mergePatch(target, patch);
            ResourceTypeHandler h = sim.registry().find(owner.rid());
            if (h != null && body.has("etag")) {
                Children.replaceEtags(body, h.nextEtag(Json.text(body, "etag")));
            }
            StoredResource stored = sim.writer().write(owner.rid(), body, owner.createdTime(), Timestamps.next());
            return rid.isChild() ? resource(id) : stored.body();
        }
    }

    private ResourceType.ChildCollection collection(ResourceId rid) {
        ResourceTypeHandler h = sim.registry().find(rid);
        return h == null ? null : h.type().child(rid.childSegment());
    }
}
