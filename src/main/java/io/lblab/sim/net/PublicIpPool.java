package io.lblab.sim.net;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deterministic public address allocation from documentation ranges (RFC 5737: 203.0.113.0/24,
 * 198.51.100.0/24, 192.0.2.0/24), then the RFC 6598 shared range 100.64.0.0/10 so large
 * benchmarks never run dry. Released addresses are reused lowest first. Guarded by the store lock.
 */
public final class PublicIpPool {
    private static final List<Cidr> RANGES = List.of(
            Cidr.parse("203.0.113.0/24"), Cidr.parse("198.51.100.0/24"), Cidr.parse("192.0.2.0/24"),
            Cidr.parse("100.64.0.0/10"));

    private final Map<String, String> byOwner = new HashMap<>();
    private final TreeSet<Long> released = new TreeSet<>();
    private int range;
    private long cursor = RANGES.get(0).network() + 1;

    /** The owner's address, allocating one the first time. */
    public String allocate(String ownerKey) {
        String existing = byOwner.get(ownerKey);
        if (existing != null) {
            return existing;
        }
        long address;
        if (!released.isEmpty()) {
            address = released.pollFirst();
        } else {
            while (cursor >= RANGES.get(range).last()) {
                if (++range == RANGES.size()) {
                    throw new IllegalStateException("public address ranges exhausted");
                }
                cursor = RANGES.get(range).network() + 1;
            }
            address = cursor++;
        }
        String text = Cidr.format(address);
        byOwner.put(ownerKey, text);
        return text;
    }

    public void release(String ownerKey) {
        String address = byOwner.remove(ownerKey);
        if (address != null) {
            released.add(Cidr.parseAddress(address));
        }
    }

    public void clear() {
        byOwner.clear();
        released.clear();
        range = 0;
        cursor = RANGES.get(0).network() + 1;
    }
}
