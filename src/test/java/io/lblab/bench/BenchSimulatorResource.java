package io.lblab.bench;

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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the ARM simulator for {@link OperatorBench} with the {@code realistic} profile, the bench's time scale
 * and ARM's real throttling budgets, and points the operator at it. The operator's pacing is its production
 * configuration ({@code application.properties} without a profile) converted to wall time with the same time
 * scale, so it behaves in simulated time as it would in Azure; this overrides the {@code %test.} values, which are
 * tuned for fast functional tests and would distort the numbers. The write budget's refill rate is likewise
 * scaled by 1/timeScale (its burst is a count and stays).
 */
public class BenchSimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The operator's production pacing (application.properties), in simulated seconds. */
    static final double BUSY_RECHECK = 15;
    static final double INITIAL_BACKOFF = 5;
    static final double MAX_BACKOFF = 300;
    static final int WRITE_BURST = 150;
    static final double WRITES_PER_SECOND = 8;
    /** The operator's read budget per simulated second (its production default, under ARM's 25). */
    static final double READS_PER_SECOND = 20;

    private ArmSimulator simulator;
    private Path certificate;

    @Override
    public Map<String, String> start() {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        simulator = ArmSimulator.start(SimulatorOptions.defaults()
                .withProfile(LatencyProfile.REALISTIC)
                .withTimeScale(settings.timeScale())
                .withSeed(settings.seed())
                .withThrottling(SimulatorOptions.Throttling.defaults()));
        SimulatorInfo info = simulator.info();
        try {
            certificate = Files.createTempFile("lblab-bench-sim", ".pem");
            Files.writeString(certificate, info.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(SimulatorCloud.operatorConfiguration(info, certificate));
        config.put("lblab.azure.poll-interval", settings.config(settings.pollSeconds()));
        config.put("lblab.azure.write-budget.burst", String.valueOf(WRITE_BURST));
        config.put("lblab.azure.write-budget.per-second", String.format(Locale.ROOT, "%.3f", WRITES_PER_SECOND / settings.timeScale()));
        config.put("lblab.azure.read-budget.per-second", String.format(Locale.ROOT, "%.3f", READS_PER_SECOND / settings.timeScale()));
        config.put("lblab.operator.drift-interval", settings.config(settings.driftSeconds()));
        // no jitter: every lab checks once per period, so per-period counts are exact
        config.put("lblab.operator.drift-jitter", "0");
        config.put("lblab.operator.busy-recheck", settings.config(BUSY_RECHECK));
        config.put("lblab.operator.initial-backoff", settings.config(INITIAL_BACKOFF));
        config.put("lblab.operator.max-backoff", settings.config(MAX_BACKOFF));

        // other worktrees run tests on this machine too
        config.put("quarkus.http.test-port", "0");
        config.put("quarkus.log.category.\"io.lblab\".level", "WARN");
        config.put("quarkus.log.category.\"com.azure\".level", "ERROR");
        config.put("quarkus.log.category.\"io.javaoperatorsdk\".level", "WARN");
        config.put("quarkus.log.category.\"io.fabric8.kubernetes.client.informers\".level", "ERROR");
        // the mock Kubernetes API logs every request at INFO: thousands of lines, and CPU, at 100 labs
        config.put("quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");

        // for the test itself
        config.put("bench.sim.base-url", info.baseUrl());
        config.put("bench.sim.certificate", certificate.toString());
        config.put("bench.sim.tenant-id", info.tenantId());
        config.put("bench.sim.client-id", info.clientId());
        config.put("bench.sim.client-secret", info.clientSecret());
        config.put("bench.sim.subscription-id", info.subscriptionId());
        return config;
    }

    /**
     * Started after every other test resource, so that its {@code lblab.azure.*} values win: a global resource
     * such as {@code SimulatorTestResource} ({@code @QuarkusTestResource} without {@code restrictToAnnotatedClass})
     * applies to this test too and points the operator at its own simulator.
     */
    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (certificate != null) {
            try {
                Files.deleteIfExists(certificate);
            } catch (IOException ignored) {
                // temp file
            }
        }
    }
}
