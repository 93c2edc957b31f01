package io.lblab.sim.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Azure reserves the first four addresses and the last one of every subnet, so the first
 * dynamic address is .4 and allocation takes the lowest free address above that.
 */
public final class PrivateIpAllocator {
    private PrivateIpAllocator() {
    }

    /** The lowest free usable address, or null when the subnet is full. */
    public static String allocate(Cidr subnet, Set<String> used) {
        for (long a = subnet.network() + 4; a < subnet.last(); a++) {
            String candidate = Cidr.format(a);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The first address of the lowest free aligned block of {@code 2^(32-prefixLength)} usable addresses
     * (none reserved, none in {@code used}, given as [first, last] ranges), or null when there is none.
     */
    public static Long allocateBlock(Cidr subnet, int prefixLength, List<long[]> used) {
        long size = 1L << (32 - prefixLength);
        List<long[]> sorted = new ArrayList<>(used);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        int next = 0;
        long start = subnet.network();
        while (start + size - 1 <= subnet.last()) {
            long end = start + size - 1;
            if (!usable(subnet, start) || !usable(subnet, end)) {
                start += size;
                continue;
            }
            while (next < sorted.size() && sorted.get(next)[1] < start) {
                next++;
            }
            if (next < sorted.size() && sorted.get(next)[0] <= end) {
                // jump to the first aligned block after the range in the way
                long after = sorted.get(next)[1] + 1;
                start = subnet.network() + ((after - subnet.network() + size - 1) / size) * size;
                continue;
            }
            return start;
        }
        return null;
    }

    /** Whether {@code address} is one a caller may ask for statically. */
    public static boolean usable(Cidr subnet, long address) {
        return address >= subnet.network() + 4 && address < subnet.last();
    }
}
