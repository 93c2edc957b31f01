package io.lblab.sim.resources;

import io.lblab.sim.arm.ResourceId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Resource handlers by {@code Namespace/type}, looked up case-insensitively. */
public final class HandlerRegistry {
    private final Map<String, ResourceTypeHandler> handlers = new LinkedHashMap<>();

    public void register(ResourceTypeHandler handler) {
        handlers.put(handler.type().key().toLowerCase(Locale.ROOT), handler);
    }

    public ResourceTypeHandler find(String namespace, String type) {
        return handlers.get((namespace + "/" + type).toLowerCase(Locale.ROOT));
    }

    /** The handler of the top-level resource an id belongs to; null for groups and unknown types. */
    public ResourceTypeHandler find(ResourceId id) {
        return id.isGroup() ? null : find(id.namespace(), id.type());
    }

    public Collection<ResourceTypeHandler> all() {
        return handlers.values();
    }
}
