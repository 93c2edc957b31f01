package io.lblab.blueprint;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The desired state of one lab: its resource group (with the ownership tags) and the resources in it, in an
 * order where every resource comes after the ones it depends on.
 */
public record Blueprint(
        String subscriptionId,
        String resourceGroup,
        String location,
        Map<String, String> resourceGroupTags,
        List<DesiredResource> resources) {

    public static final String RESOURCE_GROUP_STEP = "resource-group";

    public Blueprint {
        resourceGroupTags = Map.copyOf(resourceGroupTags);
        resources = List.copyOf(resources);
        Map<String, DesiredResource> seen = new LinkedHashMap<>();
        for (DesiredResource resource : resources) {
            for (String dependency : resource.dependsOn()) {
                if (!dependency.equals(RESOURCE_GROUP_STEP) && !seen.containsKey(dependency)) {
                    throw new IllegalArgumentException(resource.step() + " depends on " + dependency + " which does not come before it");
                }
            }
            if (seen.put(resource.step(), resource) != null) {
                throw new IllegalArgumentException("duplicate step " + resource.step());
            }
        }
    }

    public String resourceGroupId() {
        return ResourceIds.resourceGroup(subscriptionId, resourceGroup);
    }

    public Optional<DesiredResource> step(String step) {
        return resources.stream().filter(r -> r.step().equals(step)).findFirst();
    }

    public Optional<DesiredResource> byId(String id) {
        return resources.stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The steps a lab's time to Ready waits on: the Bastion (ten minutes or more, by far the longest write) and every
     * step it needs, the resource group included. Empty when the lab has no Bastion.
     */
    public Set<String> criticalPath() {
        Set<String> path = new HashSet<>();
        step(Steps.BASTION_HOST).ifPresent(bastion -> addWithDependencies(bastion.step(), path));
        return Set.copyOf(path);
    }

    private void addWithDependencies(String step, Set<String> path) {
        if (path.add(step)) {
            step(step).ifPresent(resource -> resource.dependsOn().forEach(dependency -> addWithDependencies(dependency, path)));
        }
    }

    /** Number of steps shown in status, the resource group included. */
    public int stepCount() {
        return resources.size() + 1;
    }
}
