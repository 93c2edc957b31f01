package io.lblab.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The benchmark's knobs, from system properties ({@code -Dbench.timeScale=0.02}; Maven passes {@code -D} values to
 * the test JVM). Every duration is in simulated seconds; {@link #wall(double)} turns one into wall time.
 *
 * @param timeScale    wall seconds per simulated second
 * @param pollSeconds  how often a long-running operation is polled when the simulator sends no Retry-After, by the
 *                     operator and by the sample alike
 * @param driftSeconds the operator's drift-check interval
 * @param periods      drift-check periods measured in the steady-state scenario
 * @param full         also run 1000 labs
 * @param repeat       runs of each one-lab flow (operator and sample); the median is reported
 * @param scenarios    which scenarios to run: {@code single,steady,scale} (all by default)
 * @param credentials  {@code secret}: every lab names a credentials Secret ({@code spec.credentialsSecretRef});
 *                     {@code operator}: the labs use the operator's own credential ({@code lblab.azure.*})
 * @param processes    the scale scenarios with the packaged operator, the standalone simulator and the Kubernetes API
 *                     as separate processes ({@link ScaleProcessesBench}, after {@code package}); {@code false}: in the
 *                     one test JVM as before ({@link OperatorBench})
 */
public record BenchSettings(double timeScale, double pollSeconds, double driftSeconds, int periods, long seed,
                            boolean full, int steadyLabs, boolean scaleBastion, String credentials, int repeat,
                            String scenarios, boolean processes) {

    public static final String TIME_SCALE = "bench.timeScale";

    public static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Double.parseDouble(property(TIME_SCALE, "0.01")),
                Double.parseDouble(property("bench.pollSeconds", "10")),
                Double.parseDouble(property("bench.driftSeconds", "600")),
                Integer.parseInt(property("bench.periods", "3")),
                Long.parseLong(property("bench.seed", "6")),
                Boolean.parseBoolean(property("bench.full", "false")),
                Integer.parseInt(property("bench.steadyLabs", "10")),
                Boolean.parseBoolean(property("bench.scaleBastion", "true")),
                property("bench.credentials", "operator"),
                Integer.parseInt(property("bench.repeat", "3")),
                property("bench.scenarios", "single,steady,scale,pacing,shards,subscriptions"),
                Boolean.parseBoolean(property("bench.processes", "true")));
    }

    /** The same settings at another time scale (a rerun of a harness-bound scenario). */
    public BenchSettings withTimeScale(double scale) {
        return new BenchSettings(scale, pollSeconds, driftSeconds, periods, seed, full, steadyLabs, scaleBastion, credentials,
                repeat, scenarios, processes);
    }

    public boolean runs(String scenario) {
        return java.util.Arrays.stream(scenarios.split(",")).map(String::trim).anyMatch(scenario::equalsIgnoreCase);
    }

    public boolean credentialsSecret() {
        return !"operator".equalsIgnoreCase(credentials);
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public Duration wall(double simulatedSeconds) {
        return Duration.ofNanos(Math.round(simulatedSeconds * timeScale * 1e9));
    }

    /** A Quarkus/SmallRye duration value for {@code simulatedSeconds}, e.g. {@code 100ms}. */
    public String config(double simulatedSeconds) {
        return String.format(Locale.ROOT, "%dms", Math.max(1, Math.round(simulatedSeconds * timeScale * 1000)));
    }

    public double simulated(Duration wall) {
        return wall.toNanos() / 1e9 / timeScale;
    }

    public double simulatedNanos(long wallNanos) {
        return wallNanos / 1e9 / timeScale;
    }
}
