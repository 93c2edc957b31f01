package io.lblab.sim.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who references whom. Only touched while holding the store lock. */
public final class ReferenceIndex {
    private final Map<String, List<Ref>> bySourceOwner = new HashMap<>();
    private final Map<String, Set<Ref>> byTargetOwner = new HashMap<>();

    /**
     * Replaces all references held by {@code ownerKey}; returns the keys of the top-level resources
     * whose incoming references changed (they need their back references refreshed).
     */
    public Set<String> replace(String ownerKey, List<Ref> refs) {
        List<Ref> old = bySourceOwner.getOrDefault(ownerKey, List.of());
        Set<Ref> oldSet = new HashSet<>(old);
        Set<Ref> newSet = new HashSet<>(refs);
        Set<String> affected = new LinkedHashSet<>();
        for (Ref r : old) {
            if (!newSet.contains(r)) {
                Set<Ref> in = byTargetOwner.get(r.targetOwnerKey());
                if (in != null) {
                    in.remove(r);
                    if (in.isEmpty()) {
                        byTargetOwner.remove(r.targetOwnerKey());
                    }
                }
                affected.add(r.targetOwnerKey());
            }
        }
        for (Ref r : refs) {
            if (!oldSet.contains(r)) {
                byTargetOwner.computeIfAbsent(r.targetOwnerKey(), k -> new LinkedHashSet<>()).add(r);
                affected.add(r.targetOwnerKey());
            }
        }
        if (refs.isEmpty()) {
            bySourceOwner.remove(ownerKey);
        } else {
            bySourceOwner.put(ownerKey, List.copyOf(refs));
        }
        return affected;
    }

    /** References pointing into the top-level resource {@code ownerKey} (itself or its children). */
    public List<Ref> incoming(String ownerKey) {
        Set<Ref> in = byTargetOwner.get(ownerKey);
        return in == null ? List.of() : new ArrayList<>(in);
    }

    /** Incoming references of one role to one exact target (resource or child) key. */
    public List<Ref> incoming(String ownerKey, String targetKey, Ref.Role role) {
        List<Ref> out = new ArrayList<>();
        for (Ref r : incoming(ownerKey)) {
            if (r.role() == role && r.targetKey().equals(targetKey)) {
                out.add(r);
            }
        }
        return out;
    }

    public List<Ref> outgoing(String ownerKey) {
        return bySourceOwner.getOrDefault(ownerKey, List.of());
    }

    public void clear() {
        bySourceOwner.clear();
        byTargetOwner.clear();
    }
}
