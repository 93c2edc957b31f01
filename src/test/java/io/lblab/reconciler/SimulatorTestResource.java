package io.lblab.reconciler;

import io.lblab.sandbox.SimulatorCloud;
import io.lblab.sim.ArmSimulator;
import io.lblab.sim.LatencyProfile;
import io.lblab.sim.SimulatorInfo;
import io.lblab.sim.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the ARM simulator in-process and points the operator at it the way a real deployment points it at a
 * custom cloud: CUSTOM endpoints, a trusted certificate, and a service principal for DefaultAzureCredential.
 * Realistic latencies compressed 200x (Bastion 3 s, VM 0.45 s) so steps overlap as they would in Azure. Two
 * subscriptions: the operator's own credential names the first; a credentials Secret may name the second.
 */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    public static final double TIME_SCALE = 0.005;
    private static ArmSimulator simulator;

    public static ArmSimulator simulator() {
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        simulator = ArmSimulator.start(SimulatorOptions.defaults()
                .withProfile(LatencyProfile.REALISTIC)
                .withTimeScale(TIME_SCALE)
                .withSeed(42)
                .withSubscriptions(2));
        SimulatorInfo info = simulator.info();
        Path pem;
        try {
            pem = Files.createTempFile("lblab-sim-", ".pem");
            Files.writeString(pem, info.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = SimulatorCloud.operatorConfiguration(info, pem);
        return config;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
