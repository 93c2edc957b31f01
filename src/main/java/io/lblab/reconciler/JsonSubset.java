package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Compares a desired ARM body with what Azure shows, on the fields the operator owns: every field of the
 * desired body must be present with the same value; fields Azure adds (ids of children, allocated addresses,
 * back references) are ignored. Named child collections (subnets, rules, pools...) must hold exactly the desired
 * names, because a PUT replaces them whole. Strings compare case-insensitively, as ARM treats ids and enums.
 */
public final class JsonSubset {

    private JsonSubset() {
    }

    /** The first difference as a dotted path, or null when the observed body already has everything desired. */
    public static String firstDifference(JsonNode desired, JsonNode observed, Set<String> ignoredPaths) {
        return difference("", desired, observed, ignoredPaths);
    }

    private static String difference(String path, JsonNode desired, JsonNode observed, Set<String> ignored) {
        if (ignored.contains(path)) {
            return null;
        }
        if (observed == null || observed.isMissingNode() || observed.isNull()) {
            // ARM leaves empty collections out of its responses (a NIC in no pool shows no loadBalancerBackendAddressPools)
            return desired.isNull() || desired.isArray() && desired.isEmpty() ? null : orRoot(path);
        }
        if (desired.isObject()) {
            if (!observed.isObject()) {
                return orRoot(path);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String difference = difference(join(path, field.getKey()), field.getValue(), observedField(observed, field.getKey()), ignored);
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (desired.isArray()) {
            return arrayDifference(path, desired, observed, ignored);
        }
        if (desired.isNumber()) {
            return observed.isNumber() && desired.decimalValue().compareTo(observed.decimalValue()) == 0 ? null : path;
        }
        if (desired.isTextual()) {
            return observed.isValueNode() && desired.asText().equalsIgnoreCase(observed.asText()) ? null : path;
        }
        return desired.equals(observed) ? null : path;
    }

    private static String arrayDifference(String path, JsonNode desired, JsonNode observed, Set<String> ignored) {
        if (!observed.isArray() || observed.size() != desired.size()) {
            return path;
        }
        boolean named = desired.size() > 0 && desired.get(0).has("name");
        for (int i = 0; i < desired.size(); i++) {
            JsonNode wanted = desired.get(i);
            JsonNode actual = named ? byName(observed, wanted.get("name").asText()) : observed.get(i);
            String element = named ? path + "[" + wanted.get("name").asText() + "]" : path + "[" + i + "]";
            if (actual == null) {
                return element;
            }
            String difference = difference(element, wanted, actual, ignored);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode element : array) {
            if (name.equalsIgnoreCase(element.path("name").asText())) {
                return element;
            }
        }
        return null;
    }

    /** Field names compare case-insensitively too: the SDK and ARM disagree on a few (publicIPAddress). */
    private static JsonNode observedField(JsonNode observed, String name) {
        JsonNode exact = observed.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<String> names = observed.fieldNames();
        while (names.hasNext()) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return observed.get(candidate);
            }
        }
        return null;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String orRoot(String path) {
        return path.isEmpty() ? "(resource)" : path;
    }
}
