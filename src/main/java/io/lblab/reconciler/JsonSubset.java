package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.blueprint.OwnedTags;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares a desired ARM body with what Azure shows, on the fields the operator owns: every field of the
 * desired body must be present with the same value; fields Azure adds (ids of children, allocated addresses,
 * back references, NSG {@code defaultSecurityRules}) are ignored. Strings compare case-insensitively, as ARM
 * treats ids and enums.
 * <ul>
 *   <li><b>Named collections</b>: an array whose desired elements all carry a {@code name} (subnets, security
 *       rules, frontends, pools, probes, rules, ip configurations) is matched element by element by name,
 *       case-insensitively and in any order. It must hold exactly the desired names: a missing element is a
 *       difference, and so is an extra one, because ARM's PUT replaces the collection whole. Other arrays compare
 *       by position and length.</li>
 *   <li><b>Tags</b> (the body's top-level {@code tags}): values compare case-sensitively, as Azure's tag values
 *       are; and a tag Azure holds that the operator owns ({@link OwnedTags}: its {@code lblab.io/} tags and the
 *       keys its record tag names) but the desired body no longer has is a difference. Tags someone else added
 *       are not.</li>
 * </ul>
 */
public final class JsonSubset {

    private static final String TAGS = "tags";

    private JsonSubset() {
    }

    /** Marks an element or tag Azure holds that the desired body does not want. */
    static final String NOT_WANTED = " (not wanted)";

    /**
     * The first difference as a dotted path ({@code properties.subnets[myBackendSubnet].properties.addressPrefix}),
     * followed by {@value #NOT_WANTED} for something Azure holds that is not desired; null when the observed body
     * already has everything desired.
     *
     * @param ignoredPaths dotted paths not compared (the create-only parts of a body)
     */
    public static String firstDifference(JsonNode desired, JsonNode observed, Set<String> ignoredPaths) {
        return difference("", desired, observed, ignoredPaths, null);
    }

    /** Every difference {@link #firstDifference} would find, in the same order and notation; empty when none. */
    public static List<String> differences(JsonNode desired, JsonNode observed, Set<String> ignoredPaths) {
        List<String> all = new ArrayList<>();
        report(difference("", desired, observed, ignoredPaths, all), all);
        return all;
    }

    /**
     * Compares one node. With {@code all} null it returns the first difference; otherwise it adds every difference
     * below a container to {@code all} and returns only a difference of the node itself, for its caller to add.
     */
    private static String difference(String path, JsonNode desired, JsonNode observed, Set<String> ignored, List<String> all) {
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
            if (path.equals(TAGS)) {
                return tagsDifference(desired, observed, all);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String difference = difference(join(path, field.getKey()), field.getValue(), observedField(observed, field.getKey()), ignored, all);
                if (difference != null && !report(difference, all)) {
                    return difference;
                }
            }
            return null;
        }
        if (desired.isArray()) {
            return arrayDifference(path, desired, observed, ignored, all);
        }
        if (desired.isNumber()) {
            return observed.isNumber() && desired.decimalValue().compareTo(observed.decimalValue()) == 0 ? null : path;
        }
        if (desired.isTextual()) {
            return observed.isValueNode() && desired.asText().equalsIgnoreCase(observed.asText()) ? null : path;
        }
        return desired.equals(observed) ? null : path;
    }

    /** Collects a difference when collecting all (true), else leaves it to be returned (false). */
    private static boolean report(String difference, List<String> all) {
        if (all == null) {
            return false;
        }
        if (difference != null) {
            all.add(difference);
        }
        return true;
    }

    private static String arrayDifference(String path, JsonNode desired, JsonNode observed, Set<String> ignored, List<String> all) {
        if (!observed.isArray()) {
            return path;
        }
        if (desired.isEmpty()) {
            return observed.isEmpty() ? null : observed.get(0).hasNonNull("name") ? notWanted(path, observed.get(0)) : path;
        }
        return allNamed(desired) ? namedArrayDifference(path, desired, observed, ignored, all)
                : positionalDifference(path, desired, observed, ignored, all);
    }

    /** Elements matched by name; then anything Azure holds under another name (or none) is not wanted. */
    private static String namedArrayDifference(String path, JsonNode desired, JsonNode observed, Set<String> ignored, List<String> all) {
        Set<String> wanted = new HashSet<>();
        for (JsonNode element : desired) {
            String name = element.get("name").asText();
            wanted.add(name.toLowerCase(Locale.ROOT));
            String elementPath = path + "[" + name + "]";
            JsonNode actual = byName(observed, name);
            String difference = actual == null ? elementPath : difference(elementPath, element, actual, ignored, all);
            if (difference != null && !report(difference, all)) {
                return difference;
            }
        }
        for (JsonNode element : observed) {
            String name = element.path("name").asText("");
            if (!wanted.contains(name.toLowerCase(Locale.ROOT)) && !report(notWanted(path, element), all)) {
                return notWanted(path, element);
            }
        }
        return null;
    }

    private static String positionalDifference(String path, JsonNode desired, JsonNode observed, Set<String> ignored, List<String> all) {
        if (observed.size() != desired.size()) {
            return path;
        }
        for (int i = 0; i < desired.size(); i++) {
            String difference = difference(path + "[" + i + "]", desired.get(i), observed.get(i), ignored, all);
            if (difference != null && !report(difference, all)) {
                return difference;
            }
        }
        return null;
    }

    private static boolean allNamed(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject() || !element.path("name").isTextual() || element.get("name").asText().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String notWanted(String path, JsonNode element) {
        String name = element.path("name").asText("");
        return path + "[" + (name.isEmpty() ? "?" : name) + "]" + NOT_WANTED;
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode element : array) {
            if (name.equalsIgnoreCase(element.path("name").asText())) {
                return element;
            }
        }
        return null;
    }

    /** Desired tags present with the same value (case-sensitive), then no owned tag Azure holds beyond them. */
    private static String tagsDifference(JsonNode desired, JsonNode observed, List<String> all) {
        Map<String, String> wanted = OwnedTags.asMap(desired);
        Map<String, String> held = OwnedTags.asMap(observed);
        Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode actual = observedField(observed, field.getKey());
            if (field.getValue().isNull()) {
                continue;
            }
            if ((actual == null || !actual.isValueNode() || !field.getValue().asText().equals(actual.asText()))
                    && !report(join(TAGS, field.getKey()), all)) {
                return join(TAGS, field.getKey());
            }
        }
        return OwnedTags.stale(wanted, held).map(key -> join(TAGS, key) + NOT_WANTED).orElse(null);
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
