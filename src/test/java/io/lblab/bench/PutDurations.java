package io.lblab.bench;

import io.lblab.blueprint.ResourceKind;

/** Simulated seconds a PUT of each ARM type takes; the resource group's type is {@link #RESOURCE_GROUP_TYPE}. */
@FunctionalInterface
public interface PutDurations {

    String RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";

    /** @param armType {@code Namespace/type}, e.g. {@code Microsoft.Network/bastionHosts} */
    double seconds(String armType);

    default double of(ResourceKind kind) {
        return seconds(kind.armType());
    }

    default double resourceGroup() {
        return seconds(RESOURCE_GROUP_TYPE);
    }
}
