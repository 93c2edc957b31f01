package io.lblab.sim.resources.network;

import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.store.Ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Building and reading index references. */
public final class Refs {
    private Refs() {
    }

    /** Adds a reference to {@code out} unless {@code targetId} is not a resource id. */
    public static void add(List<Ref> out, Ref.Role role, String sourceId, ResourceId source, String targetId,
                           String attribute) {
        ResourceId target = ResourceId.parse(targetId);
        if (target == null || target.isGroup()) {
            return;
        }
        out.add(new Ref(role, sourceId, source.owner().key(), targetId, targetId.toLowerCase(Locale.ROOT),
                target.owner().key(), attribute));
    }

    /** Sorted distinct source ids of incoming references of a role to one target id. */
    public static List<String> sources(List<Ref> incoming, Ref.Role role, String targetId) {
        String key = targetId.toLowerCase(Locale.ROOT);
        TreeSet<String> ids = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Ref r : incoming) {
            if (r.role() == role && r.targetKey().equals(key)) {
                ids.add(r.sourceId());
            }
        }
        return new ArrayList<>(ids);
    }
}
