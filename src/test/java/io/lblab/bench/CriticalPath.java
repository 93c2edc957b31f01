package io.lblab.bench;

import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.DesiredResource;

import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The physical limit of one lab: the longest chain of PUT durations through the blueprint's dependency graph
 * ({@link DesiredResource#dependsOn()}), rooted at the resource group. No client can be faster, because each
 * resource may only be written once every resource it depends on has succeeded.
 *
 * @param seconds simulated seconds from the resource group's PUT to the end of the last resource on the path
 * @param steps   the path, resource group first
 */
public record CriticalPath(double seconds, List<String> steps) {

    public CriticalPath {
        steps = List.copyOf(steps);
    }

    public static CriticalPath of(Blueprint blueprint, PutDurations durations) {
        Map<String, Double> finish = new HashMap<>();
        Map<String, String> previous = new HashMap<>();
        finish.put(Blueprint.RESOURCE_GROUP_STEP, durations.resourceGroup());
        String last = Blueprint.RESOURCE_GROUP_STEP;
        // blueprint order is a topological order: every resource comes after the ones it depends on
        for (DesiredResource resource : blueprint.resources()) {
            String slowest = Blueprint.RESOURCE_GROUP_STEP;
            for (String dependency : resource.dependsOn().stream().sorted().toList()) {
                if (finish.get(dependency) > finish.get(slowest)) {
                    slowest = dependency;
                }
            }
            previous.put(resource.step(), slowest);
            finish.put(resource.step(), finish.get(slowest) + durations.of(resource.kind()));
            if (finish.get(resource.step()) > finish.get(last)) {
                last = resource.step();
            }
        }
        LinkedList<String> path = new LinkedList<>();
        for (String step = last; step != null; step = previous.get(step)) {
            path.addFirst(step);
        }
        return new CriticalPath(finish.get(last), path);
    }
}
