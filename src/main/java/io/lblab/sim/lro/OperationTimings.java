package io.lblab.sim.lro;

import io.lblab.sim.LatencyProfile;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Simulated duration of each kind of operation (TIMINGS.md), overrides applied, and the time
 * scale that turns simulated seconds into wall time.
 */
public final class OperationTimings {
    private static final double NETWORK_FALLBACK = 3;
    private static final Map<String, Double> REALISTIC = new HashMap<>();

    static {
        both("Microsoft.Network/virtualNetworks", 4);
        both("Microsoft.Network/virtualNetworks/subnets", 3);
        both("Microsoft.Network/publicIPAddresses", 3);
        both("Microsoft.Network/networkSecurityGroups", 2);
        both("Microsoft.Network/networkSecurityGroups/securityRules", 2);
        both("Microsoft.Network/networkInterfaces", 3);
        both("Microsoft.Network/loadBalancers", 4);
        both("Microsoft.Network/loadBalancers/*", 3);
        REALISTIC.put("put microsoft.network/bastionhosts", 600.0);
        REALISTIC.put("delete microsoft.network/bastionhosts", 300.0);
        REALISTIC.put("put microsoft.compute/virtualmachines", 90.0);
        REALISTIC.put("delete microsoft.compute/virtualmachines", 60.0);
        REALISTIC.put("delete microsoft.compute/disks", 2.0);
        REALISTIC.put("put microsoft.resources/resourcegroups", 0.0);
    }

    private static void both(String type, double seconds) {
        REALISTIC.put("put " + type.toLowerCase(Locale.ROOT), seconds);
        REALISTIC.put("delete " + type.toLowerCase(Locale.ROOT), seconds);
    }

    private final LatencyProfile profile;
    private final double timeScale;
    private final Map<String, Double> overrides = new HashMap<>();

    public OperationTimings(LatencyProfile profile, double timeScale, Map<String, Double> overrides) {
        this.profile = profile;
        this.timeScale = timeScale;
        overrides.forEach((k, v) -> this.overrides.put(k.toLowerCase(Locale.ROOT), v));
    }

    public double timeScale() {
        return timeScale;
    }

    /** Simulated seconds for {@code method} on {@code typeKey} (e.g. "Microsoft.Network/virtualNetworks/subnets"). */
    public double simulatedSeconds(String method, String typeKey) {
        String type = typeKey.toLowerCase(Locale.ROOT);
        String m = method.toLowerCase(Locale.ROOT);
        Double v = lookup(overrides, m, type);
        if (v != null) {
            return v;
        }
        if (profile == LatencyProfile.INSTANT) {
            return 0;
        }
        v = lookup(REALISTIC, m, type);
        return v != null ? v : NETWORK_FALLBACK;
    }

    private static Double lookup(Map<String, Double> map, String method, String type) {
        Double v = map.get(method + " " + type);
        if (v == null) {
            v = map.get(type);
        }
        if (v == null && type.chars().filter(c -> c == '/').count() == 2) {
            String wildcard = type.substring(0, type.lastIndexOf('/')) + "/*";
            v = map.get(method + " " + wildcard);
            if (v == null) {
                v = map.get(wildcard);
            }
        }
        return v;
    }

    public long wallNanos(double simulatedSeconds) {
        return Math.round(simulatedSeconds * timeScale * 1e9);
    }
}
