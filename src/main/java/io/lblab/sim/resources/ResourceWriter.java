package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.store.ReferenceIndex;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.ResourceStore;
import io.lblab.sim.store.StoredResource;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The only way bodies enter or leave the store. Keeps the reference index and every
 * back reference consistent with what is stored. Callers hold the store lock.
 */
public final class ResourceWriter {
    private final ResourceStore store;
    private final ReferenceIndex index;
    private final HandlerRegistry registry;

    public ResourceWriter(ResourceStore store, ReferenceIndex index, HandlerRegistry registry) {
        this.store = store;
        this.index = index;
        this.registry = registry;
    }

    /** Stores {@code body}, re-indexes its references and refreshes everything they touch. */
    public StoredResource write(ResourceId rid, ObjectNode body, Instant createdTime, Instant changedTime) {
        ResourceTypeHandler handler = registry.find(rid);
        Set<String> affected = Set.of();
        if (handler != null) {
            List<Ref> refs = handler.references(rid, body);
            affected = index.replace(rid.key(), refs);
            handler.applyBackReferences(body, index.incoming(rid.key()));
        }
        StoredResource stored = StoredResource.of(rid, body, createdTime, changedTime);
        store.put(stored);
        for (String key : affected) {
            if (!key.equals(rid.key())) {
                refresh(key);
            }
        }
        return stored;
    }

    /** Re-applies back references to a stored resource whose incoming references changed. */
    public void refresh(String key) {
        StoredResource r = store.get(key);
        if (r == null) {
            return;
        }
        ResourceTypeHandler handler = registry.find(r.rid());
        if (handler == null) {
            return;
        }
        ObjectNode body = r.body();
        handler.applyBackReferences(body, index.incoming(key));
        StoredResource updated = r.withBody(body);
        if (!java.util.Arrays.equals(updated.json(), r.json())) {
            store.put(updated);
        }
    }

    /** Removes a resource, drops its references and refreshes what they pointed at. */
    public StoredResource remove(String key) {
        StoredResource r = store.remove(key);
        if (r == null) {
            return null;
        }
        Set<String> affected = index.replace(key, List.of());
        affected.forEach(this::refresh);
        ResourceTypeHandler handler = registry.find(r.rid());
        if (handler != null) {
            handler.onRemoved(r);
        }
        return r;
    }
}
