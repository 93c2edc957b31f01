package io.lblab.sim.resources;

import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.store.ResourceStore;
import io.lblab.sim.store.StoredResource;

/** Resource-group lookups for requests addressed inside a group. */
public final class Groups {
    private Groups() {
    }

    /** The group, or 404 ResourceGroupNotFound. */
    public static StoredResource require(ResourceStore store, String subscription, String group) {
        StoredResource g = store.get(ResourceId.group(subscription, group).key());
        if (g == null) {
            throw ArmErrors.groupNotFound(group);
        }
        return g;
    }

    /** The group for a create/update inside it: 404 when missing, 409 while it is being deleted. */
    public static StoredResource requireWritable(ResourceStore store, String subscription, String group) {
        StoredResource g = require(store, subscription, group);
        if ("Deleting".equalsIgnoreCase(g.provisioningState())) {
            throw ArmErrors.groupBeingDeleted(g.rid().resourceGroup());
        }
        return g;
    }
}
