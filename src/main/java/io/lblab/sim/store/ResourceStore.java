package io.lblab.sim.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every resource group and top-level resource, keyed by lower-cased id. Sorted, so a group's
 * contents are one key range. Reads are lock-free; every mutation happens while holding
 * {@link #lock()}, which keeps multi-resource changes (back references, allocations) atomic.
 */
public final class ResourceStore {
    private final ConcurrentSkipListMap<String, StoredResource> map = new ConcurrentSkipListMap<>();
    private final Object lock = new Object();

    public Object lock() {
        return lock;
    }

    public StoredResource get(String key) {
        return map.get(key);
    }

    public void put(StoredResource r) {
        map.put(r.key(), r);
    }

    public StoredResource remove(String key) {
        return map.remove(key);
    }

    /** Resources inside a group (not the group itself), in id order. */
    public List<StoredResource> inGroup(String groupKey) {
        ConcurrentNavigableMap<String, StoredResource> sub = map.subMap(groupKey + "/", groupKey + "/\uffff");
        return new ArrayList<>(sub.values());
    }

    public List<StoredResource> groups() {
        List<StoredResource> out = new ArrayList<>();
        for (StoredResource r : map.values()) {
            if (r.rid().isGroup()) {
                out.add(r);
            }
        }
        return out;
    }

    public Collection<StoredResource> all() {
        return map.values();
    }

    public int size() {
        return map.size();
    }

    public void clear() {
        map.clear();
    }
}
