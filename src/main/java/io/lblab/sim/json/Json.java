package io.lblab.sim.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** One shared Jackson mapper and the small JSON helpers every handler needs. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static ArrayNode array() {
        return F.arrayNode();
    }

    public static ObjectNode parseObject(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Text of {@code node.path(field)}, or null when missing/null/not textual. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The object at {@code parent.field}, created when absent. */
    public static ObjectNode obj(ObjectNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    /** The array at {@code parent.field}, or an empty list view when absent. */
    public static List<ObjectNode> objects(JsonNode parent, String field) {
        List<ObjectNode> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        JsonNode v = parent.get(field);
        if (v != null && v.isArray()) {
            for (JsonNode e : v) {
                if (e instanceof ObjectNode o) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** {@code {"id": id}} — ARM's SubResource shape. */
    public static ObjectNode ref(String id) {
        ObjectNode o = F.objectNode();
        o.put("id", id);
        return o;
    }

    /** The id of a SubResource-valued field ({@code {"id": ...}}), or null. */
    public static String refId(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || !v.isObject() ? null : text(v, "id");
    }

    /** Ids of an array-of-SubResource field. */
    public static List<String> refIds(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (ObjectNode o : objects(node, field)) {
            String id = text(o, "id");
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    public static ArrayNode refArray(List<String> ids) {
        ArrayNode a = F.arrayNode();
        ids.forEach(id -> a.add(ref(id)));
        return a;
    }

    /** Sets {@code field} to an array of SubResources, or removes it when there are none. */
    public static void putRefsOrRemove(ObjectNode target, String field, List<String> ids) {
        if (ids.isEmpty()) {
            target.remove(field);
        } else {
            target.set(field, refArray(ids));
        }
    }

    public static void putIfAbsent(ObjectNode o, String field, String value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }

    public static void putIfAbsent(ObjectNode o, String field, int value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }

    public static void putIfAbsent(ObjectNode o, String field, boolean value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }

    public static void putEmptyArrayIfAbsent(ObjectNode o, String field) {
        if (!o.hasNonNull(field)) {
            o.putArray(field);
        }
    }

    /** RFC 7386 JSON merge patch, applied in place to {@code target}. */
    public static void mergePatch(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode existing) {
                mergePatch(existing, value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }
}
