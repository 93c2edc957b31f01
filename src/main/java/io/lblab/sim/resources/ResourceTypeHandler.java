package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.util.List;

/** What one resource type adds to the generic ARM behaviour of {@link ResourceService}. */
public interface ResourceTypeHandler {

    ResourceType type();

    /**
     * Validates a PUT and completes the body in place: defaults, server-populated fields and
     * allocations. The generic part (id, name, type, location, etag, provisioningState, child ids)
     * is already filled in. Throws {@link io.lblab.sim.arm.ArmException} to reject.
     */
    void prepare(PutContext ctx);

    /** References this body holds to other resources (indexed for back references). */
    default List<Ref> references(ResourceId id, ObjectNode body) {
        return List.of();
    }

    /** Sets the back-reference fields from the references pointing at this resource. */
    default void applyBackReferences(ObjectNode body, List<Ref> incoming) {
    }

    /** Rejects a DELETE of something still in use. */
    default void checkDelete(StoredResource resource, List<Ref> incoming) {
    }

    /** Called after a PUT body was stored (e.g. a VM materialises its disks). */
    /** Changes the body when its PUT's operation ends successfully (before it is stored). */
    default void onPutSucceeded(ObjectNode body) {
    }

    default void afterPut(PutContext ctx, StoredResource stored) {
    }

    /** Called when a DELETE of this resource completes (not in a group cascade), before removal. */
    default void onDeleteCompleted(StoredResource resource, SimContext sim) {
    }

    /** Called whenever the resource leaves the store (release allocations). */
    default void onRemoved(StoredResource resource) {
    }

    /** provisioningState while a PUT runs: Network RP says Updating even for creates. */
    default String pendingState(boolean create) {
        return "Updating";
    }

    default boolean supportsPut() {
        return true;
    }

    /** A fresh etag; Network RP uses weak GUID etags, Compute counts. */
    default String nextEtag(String previous) {
        return "W/\"" + java.util.UUID.randomUUID() + "\"";
    }
}
