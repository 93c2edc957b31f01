package io.lblab.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Fixed inputs and small JSON helpers shared by the blueprint tests. */
final class BlueprintTestSupport {

    static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
    static final String NAMESPACE = "labs";
    static final String NAME = "demo";
    static final String UID = "0b7c5e62-9d35-4b8e-a7f1-2c4b1d0e9f11";
    static final String PASSWORD = "Zq7!pL0ng-S3cret-Pa55w0rd";
    static final String RESOURCE_GROUP = "lblab-labs-demo";

    private BlueprintTestSupport() {
    }

    static BlueprintInputs inputs(LoadBalancerLabSpec spec) {
        return new BlueprintInputs(NAMESPACE, NAME, UID, SUBSCRIPTION, spec, PASSWORD);
    }

    static Blueprint blueprint(LoadBalancerLabSpec spec) {
        return Blueprints.of(inputs(spec));
    }

    static Blueprint defaults(Mode mode) {
        return blueprint(LoadBalancerLabSpec.of(mode));
    }

    /** A spec from YAML, defaults applied by the records exactly as when the operator reads a custom resource. */
    static LoadBalancerLabSpec spec(String yaml) {
        return Serialization.unmarshal(yaml, LoadBalancerLabSpec.class);
    }

    static DesiredResource resource(Blueprint blueprint, String name) {
        return blueprint.resources().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + name + " in " + names(blueprint)));
    }

    static List<String> names(Blueprint blueprint) {
        return blueprint.resources().stream().map(DesiredResource::name).toList();
    }

    /** The element of a named child array ({@code subnets}, {@code probes}...) with the given name. */
    static JsonNode child(JsonNode array, String name) {
        if (array == null || !array.isArray()) {
            throw new AssertionError("not an array: " + array);
        }
        for (JsonNode element : array) {
            if (name.equals(element.path("name").asText(null))) {
                return element;
            }
        }
        throw new AssertionError("no element named " + name + " in " + array);
    }

    static List<String> childNames(JsonNode array) {
        List<String> names = new ArrayList<>();
        if (array != null) {
            array.forEach(element -> names.add(element.path("name").asText()));
        }
        return names;
    }

    /** Every {@code "id"} value anywhere in the body, with its dotted path. */
    static List<Map.Entry<String, String>> references(JsonNode body) {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        collect("", body, found);
        return found;
    }

    private static void collect(String path, JsonNode node, List<Map.Entry<String, String>> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().equals("id")) {
                    found.add(Map.entry(childPath, field.getValue().asText()));
                } else {
                    collect(childPath, field.getValue(), found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), found);
            }
        }
    }
}
