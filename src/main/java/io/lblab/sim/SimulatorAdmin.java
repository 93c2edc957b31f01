package io.lblab.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.admin.AdminService;
import io.lblab.sim.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The admin API as Java: the same data and actions as {@code /_sim/*}. */
public final class SimulatorAdmin {
    private final AdminService admin;

    SimulatorAdmin(AdminService admin) {
        this.admin = admin;
    }

    /** Every resource group and resource (disks included) with its full ARM body, in id order. */
    public List<ObjectNode> resources() {
        return admin.resources();
    }

    /** One resource, group or child resource by id (case-insensitive); null when absent. */
    public ObjectNode resource(String id) {
        return admin.resource(id);
    }

    public SimulatorStats stats() {
        return admin.stats();
    }

    /** Every long-running operation since start (or reset), oldest first. */
    public List<SimOperation> operations() {
        return admin.operations();
    }

    /** Adds rules and one-shot faults (and re-seeds when {@code seed} is set). */
    public void injectFaults(FaultConfig faults) {
        admin.injectFaults(faults);
    }

    /** The faults still in force. */
    public FaultConfig faults() {
        return admin.faults();
    }

    public void clearFaults() {
        admin.clearFaults();
    }

    /** Empties every subscription and forgets stats, operations, faults and throttling state. */
    public void reset() {
        admin.reset();
    }

    /** Drift: removes a resource, group (with contents) or child without an operation; false if absent. */
    public boolean deleteResource(String id) {
        return admin.deleteResource(id);
    }

    /** Drift: JSON merge patch of a resource, group or child; new etag and changedTime. Null if absent. */
    public ObjectNode patchResource(String id, JsonNode mergePatch) {
        return admin.patchResource(id, mergePatch);
    }

    public ObjectNode patchResource(String id, String mergePatchJson) {
        try {
            return patchResource(id, Json.MAPPER.readTree(mergePatchJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
