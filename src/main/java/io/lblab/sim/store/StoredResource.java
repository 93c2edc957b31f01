package io.lblab.sim.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;

import java.time.Instant;

/**
 * One stored top-level resource or resource group. The body is kept serialised, exactly as a GET
 * returns it, so reads are a map lookup plus a write of these bytes, and nothing is ever shared
 * mutably: {@link #body()} parses a fresh copy for whoever wants to change it.
 */
public record StoredResource(ResourceId rid, byte[] json, String provisioningState, String location,
                             Instant createdTime, Instant changedTime) {

    public static StoredResource of(ResourceId rid, ObjectNode body, Instant createdTime, Instant changedTime) {
        String state = Json.text(body.path("properties"), "provisioningState");
        return new StoredResource(rid, Json.bytes(body), state == null ? "Succeeded" : state,
                Json.text(body, "location"), createdTime, changedTime);
    }

    public ObjectNode body() {
        return Json.parseObject(json);
    }

    public String key() {
        return rid.key();
    }

    public String id() {
        return rid.id();
    }

    public String typeKey() {
        return rid.typeKey();
    }

    public StoredResource withBody(ObjectNode body) {
        return of(rid, body, createdTime, changedTime);
    }

    public StoredResource withBody(ObjectNode body, Instant changed) {
        return of(rid, body, createdTime, changed);
    }

    public boolean succeeded() {
        return "Succeeded".equalsIgnoreCase(provisioningState);
    }
}
