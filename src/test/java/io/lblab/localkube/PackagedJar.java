package io.lblab.localkube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) as its own process, as users run it: the standalone
 * {@code simulator} command, and the operator itself (production profile) configured only through the environment
 * variables a Deployment would set.
 */
public final class PackagedJar {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private PackagedJar() {
    }

    /** A running standalone simulator and the {@code KEY=value} lines of its env file. */
    public record Simulator(ManagedProcess process, Map<String, String> env) implements AutoCloseable {
        public String url() {
            return env.get("LBLAB_SIM_URL");
        }

        public Path certificate() {
            return Path.of(env.get("LBLAB_SIM_CERT"));
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** {@code simulator --profile realistic --time-scale F --env-file DIR/sim.env}. */
    public static Simulator simulator(Path dir, double timeScale) throws IOException {
        return simulator(dir, timeScale, List.of());
    }

    /** The same with more options ({@code --subscriptions 2}). */
    public static Simulator simulator(Path dir, double timeScale, List<String> more) throws IOException {
        Files.createDirectories(dir);
        Path envFile = dir.resolve("sim.env").toAbsolutePath();
        Files.deleteIfExists(envFile);
        List<String> args = new ArrayList<>(List.of("simulator", "--profile", "realistic", "--time-scale",
                Double.toString(timeScale), "--env-file", envFile.toString()));
        args.addAll(more);
        ManagedProcess process = ManagedProcess.start("simulator", java(args.toArray(String[]::new)), Map.of(),
                dir.resolve("simulator.log"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(envFile) || !Files.readString(envFile).contains("LBLAB_SIM_CERT=")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.close();
                throw new IOException("the simulator did not start; " + process.log() + ":\n" + process.tail(20));
            }
            sleep(100);
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Simulator(process, env);
    }

    /**
     * The operator as the Deployment of {@code deploy/} runs it, with the image's entrypoint and JVM options: its Kubernetes identity from {@code kubeconfig}, the
     * Azure credential from the AZURE_* variables (the Deployment's Secret), POD_NAME and POD_NAMESPACE for leader
     * election, and the simulator as a CUSTOM cloud; pacing shortened for the simulator's compressed time.
     */
    public static ManagedProcess operator(String podName, Path kubeconfig, Simulator simulator, Path log) throws IOException {
        return operator(podName, kubeconfig, simulator, log, Map.of());
    }

    /** The same, with more configuration ({@code LBLAB_OPERATOR_SHARD}, ...) as the Deployment's env would set it. */
    public static ManagedProcess operator(String podName, Path kubeconfig, Simulator simulator, Path log, Map<String, String> more)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        env.put("POD_NAME", podName);
        env.put("POD_NAMESPACE", "lblab-system");
        env.put("HOSTNAME", podName);
        for (String key : List.of("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_SUBSCRIPTION_ID")) {
            env.put(key, simulator.env().get(key));
        }
        env.put("LBLAB_AZURE_CLOUD", "CUSTOM");
        env.put("LBLAB_AZURE_RESOURCE_MANAGER_ENDPOINT", simulator.url());
        env.put("LBLAB_AZURE_AUTHORITY_HOST", simulator.url());
        env.put("LBLAB_AZURE_TRUST_CERTIFICATE", simulator.certificate().toString());
        env.put("LBLAB_AZURE_DISABLE_INSTANCE_DISCOVERY", "true");
        env.put("LBLAB_AZURE_POLL_INTERVAL", "100ms");
        // ARM's 25 reads per simulated second are 1250 per wall second at these tests' time scales (0.01, 0.02)
        env.put("LBLAB_AZURE_READ_BUDGET_PER_SECOND", "1000");
        env.put("LBLAB_OPERATOR_BUSY_RECHECK", "300ms");
        env.put("LBLAB_OPERATOR_INITIAL_BACKOFF", "300ms");
        env.put("LBLAB_OPERATOR_MAX_BACKOFF", "3s");
        env.put("LBLAB_OPERATOR_DRIFT_INTERVAL", "30s");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.putAll(more);
        // the image's JVM: its entrypoint's flags and JAVA_TOOL_OPTIONS (more may add to them)
        ContainerImage image = ContainerImage.read();
        String imageOptions = image.env().getOrDefault("JAVA_TOOL_OPTIONS", "");
        env.merge("JAVA_TOOL_OPTIONS", imageOptions, (extra, base) -> (base + " " + extra).trim());
        return ManagedProcess.start("operator " + podName, image.localEntrypoint(), env, log);
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
