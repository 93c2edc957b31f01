package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;

/**
 * One PUT being prepared.
 *
 * @param body     the body to store, filled in place by the handler
 * @param existing the stored body before this PUT, or null on create
 * @param internal true when the server re-derives a body itself (completing a child delete):
 *                 references are then resolved but not re-validated
 */
public record PutContext(ResourceId id, ObjectNode body, ObjectNode existing, SimContext sim, boolean internal) {

    public boolean create() {
        return existing == null;
    }

    public ObjectNode properties() {
        return Json.obj(body, "properties");
    }

    public String location() {
        return Json.text(body, "location");
    }

    /** The stored child of that name in the existing body, or null. */
    public ObjectNode existingChild(String property, String name) {
        if (existing == null) {
            return null;
        }
        return Children.find(existing.path("properties"), property, name);
    }

    /**
     * A server-set property keeps the value it already had (resourceGuid, macAddress...); on create it takes
     * {@code fresh}.
     */
    public void keepServerValue(String field, java.util.function.Supplier<String> fresh) {
        String old = existing == null ? null : Json.text(Json.obj(existing, "properties"), field);
        properties().put(field, old != null ? old : fresh.get());
    }

    public References refs() {
        return new References(sim, id, location(), internal);
    }
}
