package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.api.PlanAction;
import io.lblab.api.PlanStatus;
import io.lblab.api.PlannedChange;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.azure.ResourceGroupState;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.DesiredResource;
import io.lblab.blueprint.OwnedTags;
import io.lblab.blueprint.ResourceKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code status.plan}: what applying the spec would do to each resource, from the blueprint and the last look at
 * Azure, without writing anything. Pure. A write's order is its wave: 1 for writes that can start at once, then one
 * more than the latest write it waits for (a dependency being created or updated, a resource being deleted first).
 * Unchanged resources have no order. Secrets in bodies are never shown.
 */
final class PlanPreview {

    static final String GROUP_TYPE = "Microsoft.Resources/resourceGroups";

    private PlanPreview() {
    }

    /**
     * @param group the resource group as read (empty: absent)
     */
    static PlanStatus of(Blueprint blueprint, Observation observation, Optional<ResourceGroupState> group, Long generation) {
        return of(blueprint, observation, group, false, true, generation);
    }

    /**
     * @param adopting  the lab adopts the existing group now (its tags are written)
     * @param mayDelete false in an adopted group without deletionPolicy DeleteAdopted: nothing is deleted
     */
    static PlanStatus of(Blueprint blueprint, Observation observation, Optional<ResourceGroupState> group, boolean adopting,
                         boolean mayDelete, Long generation) {
        List<PlannedChange> changes = new ArrayList<>();
        Map<String, Integer> waves = new HashMap<>();
        int groupWave;
        if (group.isEmpty()) {
            groupWave = 1;
            changes.add(new PlannedChange(1, PlanAction.Create, blueprint.resourceGroup(), GROUP_TYPE, List.of()));
        } else if (OwnedTags.differ(ResourceGroupStep.desiredTags(blueprint, group.get(), adopting), group.get().tags())) {
            groupWave = 1;
            changes.add(new PlannedChange(1, PlanAction.Update, blueprint.resourceGroup(), GROUP_TYPE, List.of("tags")));
        } else {
            groupWave = 0;
            changes.add(new PlannedChange(null, PlanAction.NoChange, blueprint.resourceGroup(), GROUP_TYPE, List.of()));
        }
        waves.put(Blueprint.RESOURCE_GROUP_STEP, groupWave);

        List<ListedResource> obsolete = group.isEmpty() || !mayDelete ? List.of() : ObsoleteResources.find(blueprint, observation.listed());
        List<PlannedChange> deletions = new ArrayList<>();
        int bastionRemoval = 0;
        for (ListedResource resource : obsolete) {
            int wave = ObsoleteResources.waitsFor(resource, obsolete) ? 2 : 1;
            if (ResourceKind.fromArmType(resource.type()) == ResourceKind.BASTION_HOST) {
                bastionRemoval = wave;
            }
            deletions.add(new PlannedChange(wave, PlanAction.Delete, resource.name(), resource.type(), List.of()));
        }

        for (DesiredResource desired : blueprint.resources()) {
            ObservedResource observed = group.isEmpty() ? null : observation.get(desired.id());
            PlanAction action;
            List<String> fields = List.of();
            if (observed == null) {
                action = PlanAction.Create;
            } else if (observed.failed()) {
                action = PlanAction.Update;
                fields = List.of("provisioningState: " + observed.provisioningState() + " -> Succeeded");
            } else {
                List<String> differences = JsonSubset.differences(desired.body(), observed.body(), desired.createOnlyPaths());
                action = differences.isEmpty() ? PlanAction.NoChange : PlanAction.Update;
                fields = differences.stream().map(path -> describe(path, desired.body(), observed.body())).toList();
            }
            int after = desired.dependsOn().stream().mapToInt(d -> waves.getOrDefault(d, 0)).max().orElse(0);
            if (desired.kind() == ResourceKind.VIRTUAL_NETWORK) {
                after = Math.max(after, bastionRemoval);
            }
            int wave = action == PlanAction.NoChange ? 0 : after + 1;
            waves.put(desired.step(), wave);
            changes.add(new PlannedChange(wave == 0 ? null : wave, action, desired.name(), desired.kind().armType(), fields));
        }
        changes.addAll(deletions);
        List<PlannedChange> ordered = new ArrayList<>(changes);
        // by wave (unchanged last), then as the blueprint lists them
        ordered.sort(java.util.Comparator.comparingInt(c -> c.order() == null ? Integer.MAX_VALUE : c.order()));
        return new PlanStatus(generation, summary(ordered), ordered);
    }

    static String summary(List<PlannedChange> changes) {
        Map<PlanAction, Long> counts = new HashMap<>();
        changes.forEach(c -> counts.merge(c.action(), 1L, Long::sum));
        return counts.getOrDefault(PlanAction.Create, 0L) + " to create, " + counts.getOrDefault(PlanAction.Update, 0L)
                + " to update, " + counts.getOrDefault(PlanAction.Delete, 0L) + " to delete, "
                + counts.getOrDefault(PlanAction.NoChange, 0L) + " unchanged";
    }

    /** {@code path: Azure's value -> the spec's} for a changed value; the path alone otherwise; secrets masked. */
    static String describe(String path, JsonNode desired, JsonNode observed) {
        if (path.endsWith(JsonSubset.NOT_WANTED)) {
            return path;
        }
        JsonNode want = at(desired, path);
        JsonNode have = at(observed, path);
        boolean values = (want == null || want.isValueNode()) && (have == null || have.isValueNode()) && want != null;
        if (!values) {
            return path;
        }
        if (secret(path)) {
            return path + ": (secret)";
        }
        return path + ": " + (have == null ? "(none)" : have.asText()) + " -> " + want.asText();
    }

    static boolean secret(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("customdata") || lower.contains("key");
    }

    /** The node at a path in {@link JsonSubset}'s notation, or null. */
    static JsonNode at(JsonNode body, String path) {
        if (path.startsWith("tags.")) {
            return field(body.path("tags"), path.substring("tags.".length()));
        }
        JsonNode node = body;
        for (String segment : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            int bracket = segment.indexOf('[');
            node = field(node, bracket < 0 ? segment : segment.substring(0, bracket));
            if (bracket >= 0 && node != null) {
                String selector = segment.substring(bracket + 1, segment.length() - 1);
                node = selector.chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(selector)) : byName(node, selector);
            }
        }
        return node;
    }

    private static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return node.get(candidate);
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
}
