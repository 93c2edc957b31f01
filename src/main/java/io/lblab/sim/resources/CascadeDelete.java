package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.Regions;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.lro.OperationEngine;
import io.lblab.sim.store.StoredResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resource-group deletion: everything inside goes, in dependency order (VMs, then what they used,
 * then load balancers, public IPs and NSGs, then virtual networks). The resources of one level
 * are deleted concurrently, each with its own delete duration and its own recorded operation,
 * so the group's delete takes the sum of its levels. An injected failure lets the first level go
 * and then ends the group's operation Failed with the rest in place (Azure's group deletes fail part
 * way). Callers hold the store lock.
 */
public final class CascadeDelete {
    private static final List<List<String>> LEVELS = List.of(
            List.of("microsoft.compute/virtualmachines"),
            List.of("microsoft.network/networkinterfaces", "microsoft.network/bastionhosts",
                    "microsoft.compute/disks"),
            List.of("microsoft.network/loadbalancers"),
            List.of("microsoft.network/publicipaddresses", "microsoft.network/networksecuritygroups"),
            List.of("microsoft.network/virtualnetworks"));

    private final SimContext sim;

    public CascadeDelete(SimContext sim) {
        this.sim = sim;
    }

    /** Marks the group Deleting and starts deleting its contents; returns the group's operation. */
    public Operation start(StoredResource group) {
        ObjectNode body = group.body();
        Json.obj(body, "properties").put("provisioningState", "Deleting");
        sim.writer().write(group.rid(), body, group.createdTime(), Timestamps.next());
        List<List<String>> plan = plan(group);
        double total = 0;
        for (List<String> level : plan) {
            total += levelSeconds(level);
        }
        ArmException failure = sim.faults().asyncFailure("Microsoft.Resources/resourceGroups", "DELETE",
                group.rid().resourceGroup());
        OperationEngine.Spec spec = new OperationEngine.Spec(group.rid(), "Microsoft.Resources/resourceGroups",
                "DELETE", "Microsoft.Resources", Regions.normalize(group.location()), group.key());
        // the group's operation ends when its last level does, not by timer
        Operation op = sim.operations().beginExternal(spec, total);
        if (failure != null && plan.size() < 2) {
            sim.operations().afterSimulated(total, () -> fail(group, op, failure));
        } else {
            runLevel(group, op, plan, 0, failure);
        }
        return op;
    }

    private List<List<String>> plan(StoredResource group) {
        List<StoredResource> contents = sim.store().inGroup(group.key());
        List<List<String>> plan = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (StoredResource r : contents) {
            rest.add(r.key());
        }
        for (List<String> types : LEVELS) {
            List<String> level = new ArrayList<>();
            for (StoredResource r : contents) {
                if (types.contains(r.typeKey().toLowerCase(Locale.ROOT))) {
                    level.add(r.key());
                }
            }
            rest.removeAll(level);
            if (!level.isEmpty()) {
                plan.add(level);
            }
        }
        if (!rest.isEmpty()) {
            plan.add(rest);
        }
        return plan;
    }

    private double levelSeconds(List<String> level) {
        double max = 0;
        for (String key : level) {
            StoredResource r = sim.store().get(key);
            if (r != null) {
                max = Math.max(max, sim.operations().timings().simulatedSeconds("DELETE", r.typeKey()));
            }
        }
        return max;
    }

    /** Deletes level {@code index}, then the next; an injected {@code failure} strikes once the first level is gone. */
    private void runLevel(StoredResource group, Operation groupOp, List<List<String>> plan, int index,
                          ArmException failure) {
        if (!groupOp.inProgress()) {
            return;
        }
        if (failure != null && index == 1) {
            fail(group, groupOp, failure);
            return;
        }
        if (index == plan.size()) {
            sim.writer().remove(group.key());
            sim.operations().finish(groupOp, Operation.Status.Succeeded, null);
            return;
        }
        List<StoredResource> level = new ArrayList<>();
        for (String key : plan.get(index)) {
            StoredResource r = sim.store().get(key);
            if (r != null) {
                level.add(r);
            }
        }
        int[] pending = {level.size()};
        if (level.isEmpty()) {
            runLevel(group, groupOp, plan, index + 1, failure);
            return;
        }
        List<Operation> started = new ArrayList<>();
        for (StoredResource r : level) {
            Operation running = sim.operations().inFlightFor(r.key());
            if (running != null) {
                sim.operations().finish(running, Operation.Status.Canceled, new ArmException(409, "Canceled",
                        "The operation was canceled because resource group '" + group.rid().resourceGroup()
                                + "' is being deleted."));
            }
            ObjectNode body = r.body();
            Json.obj(body, "properties").put("provisioningState", "Deleting");
            sim.writer().write(r.rid(), body, r.createdTime(), Timestamps.next());
            ResourceId rid = r.rid();
            OperationEngine.Spec spec = new OperationEngine.Spec(rid, rid.typeKey(), "DELETE", rid.namespace(),
                    Regions.normalize(r.location()), rid.key());
            started.add(sim.operations().begin(spec, null, (o, ok) -> {
                sim.writer().remove(rid.key());
                if (--pending[0] == 0) {
                    runLevel(group, groupOp, plan, index + 1, failure);
                }
            }));
        }
        started.forEach(sim.operations()::arm);
    }

    private void fail(StoredResource group, Operation groupOp, ArmException failure) {
        StoredResource g = sim.store().get(group.key());
        if (g != null) {
            ObjectNode body = g.body();
            Json.obj(body, "properties").put("provisioningState", "Succeeded");
            sim.writer().write(g.rid(), body, g.createdTime(), Timestamps.next());
        }
        sim.operations().finish(groupOp, Operation.Status.Failed, failure);
    }
}
