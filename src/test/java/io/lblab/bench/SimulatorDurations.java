package io.lblab.bench;

import io.lblab.sim.LatencyProfile;
import io.lblab.sim.lro.OperationTimings;

import java.util.Map;

/**
 * The simulator's own per-type durations ({@link OperationTimings}), so the critical path is computed from
 * exactly what the simulator will make the operations take. Time scale 1: simulated seconds.
 */
public final class SimulatorDurations {

    private SimulatorDurations() {
    }

    public static PutDurations puts(LatencyProfile profile, Map<String, Double> overrides) {
        OperationTimings timings = new OperationTimings(profile, 1.0, overrides);
        return type -> timings.simulatedSeconds("PUT", type);
    }

    public static PutDurations realistic() {
        return puts(LatencyProfile.REALISTIC, Map.of());
    }
}
