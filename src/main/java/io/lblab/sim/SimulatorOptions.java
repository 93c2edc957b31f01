package io.lblab.sim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to run the simulator. Build from {@link #defaults()} with the {@code with…} methods.
 *
 * @param port              TCP port on 127.0.0.1; 0 picks a free one
 * @param timeScale         wall seconds per simulated second (0.01 makes a 600 s Bastion take 6 s)
 * @param seed              seed of the fault injector's random numbers
 * @param durationOverrides simulated seconds per operation; key {@code "PUT Microsoft.Network/bastionHosts"},
 *                          {@code "DELETE Microsoft.Compute/virtualMachines"} or, for both methods, just the type
 * @param tenantId          null: a random UUID (likewise clientId, clientSecret, subscriptionId)
 * @param subscriptionId    the first subscription's id; the others always get random ids
 * @param subscriptions     how many subscriptions the simulator serves (at least 1), each with its own token
 *                          buckets; the one principal has a role on all of them
 */
public record SimulatorOptions(int port, LatencyProfile profile, double timeScale, long seed, Throttling throttling,
                               Map<String, Double> durationOverrides, String tenantId, String clientId,
                               String clientSecret, String subscriptionId, int subscriptions) {

    /**
     * ARM's token buckets per subscription, in simulated time (refill in wall time is rate ÷ timeScale).
     * Defaults are ARM's documented figures: reads 250 burst at 25/s, writes 200 burst at 10/s.
     */
    public record Throttling(boolean enabled, int readBurst, double readsPerSecond, int writeBurst,
                             double writesPerSecond) {
        public static Throttling defaults() {
            return new Throttling(true, 250, 25, 200, 10);
        }

        public static Throttling disabled() {
            return new Throttling(false, 250, 25, 200, 10);
        }
    }

    public SimulatorOptions {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("timeScale must be > 0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (subscriptions < 1) {
            throw new IllegalArgumentException("subscriptions must be >= 1: " + subscriptions);
        }
        profile = profile == null ? LatencyProfile.INSTANT : profile;
        throttling = throttling == null ? Throttling.defaults() : throttling;
        durationOverrides = Map.copyOf(durationOverrides == null ? Map.of() : durationOverrides);
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, LatencyProfile.INSTANT, 1.0, 1L, Throttling.defaults(), Map.of(),
                null, null, null, null, 1);
    }

    public SimulatorOptions withPort(int port) {
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, durationOverrides, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }

    public SimulatorOptions withProfile(LatencyProfile profile) {
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, durationOverrides, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }

    public SimulatorOptions withTimeScale(double timeScale) {
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, durationOverrides, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }

    public SimulatorOptions withSeed(long seed) {
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, durationOverrides, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }

    public SimulatorOptions withThrottling(Throttling throttling) {
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, durationOverrides, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }

    public SimulatorOptions withoutThrottling() {
        return withThrottling(Throttling.disabled());
    }

    /**
     * Overrides one duration (simulated seconds). {@code method} is PUT, DELETE or null for both;
     * {@code type} is e.g. {@code Microsoft.Network/bastionHosts} or {@code Microsoft.Network/virtualNetworks/subnets}.
     */
    public SimulatorOptions withDuration(String method, String type, double simulatedSeconds) {
        Map<String, Double> copy = new LinkedHashMap<>(durationOverrides);
        copy.put(method == null ? type : method.toUpperCase(Locale.ROOT) + " " + type, simulatedSeconds);
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, copy, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }

    public SimulatorOptions withCredentials(String tenantId, String clientId, String clientSecret,
                                            String subscriptionId) {
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, durationOverrides, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }

    public SimulatorOptions withSubscriptions(int subscriptions) {
        return new SimulatorOptions(port, profile, timeScale, seed, throttling, durationOverrides, tenantId, clientId,
                clientSecret, subscriptionId, subscriptions);
    }
}
