package io.lblab.sim;

import io.lblab.sim.server.SimulatorRuntime;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An in-process Azure Resource Manager simulator speaking HTTPS on 127.0.0.1, for the unchanged
 * Azure SDK: {@code ArmSimulator.start(SimulatorOptions.defaults())}, then point azure-identity's
 * authority host and the ARM endpoint at {@link SimulatorInfo#baseUrl()} and trust
 * {@link SimulatorInfo#certificate()}.
 */
public final class ArmSimulator implements AutoCloseable {
    private final SimulatorRuntime runtime;
    private final SimulatorInfo info;
    private final SimulatorAdmin admin;

    private ArmSimulator(SimulatorRuntime runtime, SimulatorInfo info) {
        this.runtime = runtime;
        this.info = info;
        this.admin = new SimulatorAdmin(runtime.admin());
    }

    /** Starts a simulator; port 0 picks a free port. */
    public static ArmSimulator start(SimulatorOptions options) {
        List<String> subscriptions = new ArrayList<>();
        subscriptions.add(orRandom(options.subscriptionId()));
        while (subscriptions.size() < options.subscriptions()) {
            subscriptions.add(UUID.randomUUID().toString());
        }
        SimulatorRuntime.Identity id = new SimulatorRuntime.Identity(
                orRandom(options.tenantId()), orRandom(options.clientId()),
                options.clientSecret() != null ? options.clientSecret() : randomSecret(), subscriptions);
        SimulatorRuntime runtime = SimulatorRuntime.start(options, id);
        SimulatorInfo info = new SimulatorInfo("https://127.0.0.1:" + runtime.port() + "/",
                runtime.tls().certificatePem(), runtime.tls().certificate(), id.tenantId(), id.clientId(),
                id.clientSecret(), id.subscriptionIds());
        return new ArmSimulator(runtime, info);
    }

    private static String orRandom(String value) {
        return value != null ? value : UUID.randomUUID().toString();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "sim~" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public SimulatorInfo info() {
        return info;
    }

    public SimulatorAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
