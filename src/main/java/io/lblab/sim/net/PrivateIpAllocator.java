package io.lblab.sim.net;

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

    /** Whether {@code address} is one a caller may ask for statically. */
    public static boolean usable(Cidr subnet, long address) {
        return address >= subnet.network() + 4 && address < subnet.last();
    }
}
