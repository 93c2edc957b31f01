package io.lblab.blueprint;

import io.lblab.api.LoadBalancerLabSpec;

/**
 * Everything the desired state depends on. The blueprint is a pure function of this record.
 *
 * @param ownerUid      the lab's Kubernetes uid, written as a tag on the resource group it creates
 * @param adminPassword the VMs' administrator password (from the user's Secret or a generated one)
 */
public record BlueprintInputs(
        String namespace,
        String name,
        String ownerUid,
        String subscriptionId,
        LoadBalancerLabSpec spec,
        String adminPassword) {

    /** The resource group the lab lives in: {@code spec.resourceGroupName} or {@code lblab-<namespace>-<name>}. */
    public String resourceGroup() {
        return resourceGroupOf(namespace, name, spec);
    }

    public static String resourceGroupOf(String namespace, String name, LoadBalancerLabSpec spec) {
        String configured = spec.resourceGroupName();
        return configured == null || configured.isBlank() ? LabNames.defaultResourceGroup(namespace, name) : configured;
    }

    @Override
    public String toString() {
        return "BlueprintInputs[" + namespace + "/" + name + " rg=" + resourceGroup() + "]";
    }
}
