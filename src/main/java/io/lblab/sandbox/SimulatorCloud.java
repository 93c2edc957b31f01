package io.lblab.sandbox;

import io.lblab.sim.SimulatorInfo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's ordinary Azure configuration pointed at an ARM simulator: a CUSTOM cloud whose ARM endpoint and
 * authority are the simulator, its certificate trusted, and its service principal handed to
 * DefaultAzureCredential. Used by the sandbox, the integration tests and the benchmark alike.
 */
public final class SimulatorCloud {

    private SimulatorCloud() {
    }

    /** {@code lblab.azure.*} keys; {@code certificatePem} is the simulator's certificate written to a file. */
    public static Map<String, String> operatorConfiguration(SimulatorInfo info, Path certificatePem) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("lblab.azure.cloud", "CUSTOM");
        config.put("lblab.azure.resource-manager-endpoint", info.baseUrl());
        config.put("lblab.azure.authority-host", info.baseUrl());
        config.put("lblab.azure.trust-certificate", certificatePem.toString());
        config.put("lblab.azure.disable-instance-discovery", "true");
        config.put("lblab.azure.tenant-id", info.tenantId());
        config.put("lblab.azure.client-id", info.clientId());
        config.put("lblab.azure.client-secret", info.clientSecret());
        config.put("lblab.azure.subscription-id", info.subscriptionId());
        return config;
    }
}
