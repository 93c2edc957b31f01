package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Child-collection plumbing: ids, etags, types and states of the objects inside a resource. */
public final class Children {
    private Children() {
    }

    /**
     * Fills in id, etag, type and provisioningState of every child in the body's collections.
     *
     * @param onlyChild when non-null, only that child takes {@code state}; siblings keep theirs
     */
    public static void normalize(ObjectNode body, ResourceId id, ResourceType type, String etag, String state,
                                 String onlyChild) {
        ObjectNode props = Json.obj(body, "properties");
        for (ResourceType.ChildCollection c : type.children()) {
            if (!c.inBody()) {
                continue;
            }
            JsonNode arr = props.get(c.property());
            if (arr == null || arr.isNull()) {
                continue;
            }
            if (!arr.isArray()) {
                throw ArmErrors.invalidRequestFormat("Property 'properties." + c.property() + "' must be an array.");
            }
            Set<String> seen = new HashSet<>();
            for (JsonNode e : arr) {
                if (!(e instanceof ObjectNode child)) {
                    throw ArmErrors.invalidRequestFormat("Elements of 'properties." + c.property()
                            + "' must be objects.");
                }
                String name = Json.text(child, "name");
                if (name == null || name.isBlank()) {
                    throw ArmErrors.invalidRequestFormat("Every element of 'properties." + c.property()
                            + "' needs a name.");
                }
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw ArmErrors.invalidRequestFormat("Duplicate name '" + name + "' in 'properties."
                            + c.property() + "'.");
                }
                ObjectNode ordered = Json.object();
                ordered.put("name", name);
                ordered.put("id", id.child(c.segment(), name).id());
                ordered.put("etag", etag);
                ordered.put("type", type.childTypeKey(c));
                // other top-level fields of a child (a frontend's zones) are kept, as ARM does
                child.fields().forEachRemaining(f -> {
                    switch (f.getKey()) {
                        case "name", "id", "etag", "type", "properties" -> {
                        }
                        default -> ordered.set(f.getKey(), f.getValue());
                    }
                });
                ObjectNode childProps = child.get("properties") instanceof ObjectNode p ? p : Json.object();
                ordered.set("properties", childProps);
                child.removeAll();
                child.setAll(ordered);
                if (onlyChild == null || onlyChild.equalsIgnoreCase(name)
                        || !childProps.hasNonNull("provisioningState")) {
                    childProps.put("provisioningState", state);
                }
            }
        }
    }

    /** Sets provisioningState on the resource and every child. */
    public static void setStateEverywhere(ObjectNode body, ResourceType type, String state) {
        ObjectNode props = Json.obj(body, "properties");
        props.put("provisioningState", state);
        if (type == null) {
            return;
        }
        for (ResourceType.ChildCollection c : type.children()) {
            for (ObjectNode child : Json.objects(props, c.property())) {
                Json.obj(child, "properties").put("provisioningState", state);
            }
        }
    }

    /** The child named {@code name} (case-insensitive) in {@code props.property}, or null. */
    public static ObjectNode find(JsonNode props, String property, String name) {
        for (ObjectNode child : Json.objects(props, property)) {
            if (name.equalsIgnoreCase(Json.text(child, "name"))) {
                return child;
            }
        }
        return null;
    }

    /** Replaces (same name) or appends {@code child} in {@code props.property}. */
    public static boolean upsert(ObjectNode props, String property, ObjectNode child) {
        ArrayNode arr = props.get(property) instanceof ArrayNode a ? a : props.putArray(property);
        String name = Json.text(child, "name");
        for (int i = 0; i < arr.size(); i++) {
            if (name.equalsIgnoreCase(Json.text(arr.get(i), "name"))) {
                arr.set(i, child);
                return false;
            }
        }
        arr.add(child);
        return true;
    }

    public static void remove(ObjectNode props, String property, String name) {
        if (props.get(property) instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                if (name.equalsIgnoreCase(Json.text(arr.get(i), "name"))) {
                    arr.remove(i);
                    return;
                }
            }
        }
    }

    /** Replaces every {@code etag} field (resource and children) with {@code etag}. */
    public static void replaceEtags(JsonNode node, String etag) {
        if (node instanceof ObjectNode o) {
            if (o.has("etag")) {
                o.put("etag", etag);
            }
            o.forEach(v -> replaceEtags(v, etag));
        } else if (node instanceof ArrayNode a) {
            a.forEach(v -> replaceEtags(v, etag));
        }
    }

    /** Copy without etags and provisioning states: what "the same resource" means for idempotence. */
    public static JsonNode withoutVolatileFields(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("etag");
            o.remove("provisioningState");
            o.forEach(Children::strip);
        } else if (node instanceof ArrayNode a) {
            a.forEach(Children::strip);
        }
    }
}
