package io.lblab.blueprint;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * One node of a lab's desired-state graph: a whole ARM resource body (as ARM's JSON) and the steps it waits for.
 *
 * @param step            stable step name shown in {@code status.steps}
 * @param body            the full PUT body; treat as read-only
 * @param dependsOn       steps that must be {@code Succeeded} before this one is written
 * @param createOnlyPaths dotted paths of the body that are sent on create only and never compared afterwards
 *                        (write-only secrets such as the VM password, or properties Azure cannot change in place)
 */
public record DesiredResource(
        String step,
        ResourceKind kind,
        String name,
        String id,
        ObjectNode body,
        Set<String> dependsOn,
        Set<String> createOnlyPaths) {

    public DesiredResource {
        dependsOn = Set.copyOf(dependsOn);
        createOnlyPaths = Set.copyOf(createOnlyPaths);
    }

    @Override
    public String toString() {
        // never print the body: a VM body carries the admin password
        return "DesiredResource[" + step + " " + kind.armType() + "/" + name + " after " + dependsOn + "]";
    }
}
