package io.lblab.localkube;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * helm, built from the Go module pinned in {@code src/test/kube/helm} by its {@code build.sh} (cached under
 * {@code ~/.cache/lblab/helm/<version>/}) on first use, and run from the repository root as a user would type it.
 * Where it cannot be built (no Go), tests are skipped with one line saying why, except under {@code CI=true}, where
 * that is a failure (as for the control plane's binaries, {@link RealCluster}).
 */
public record Helm(Path binary, Path kubeconfig) {

    public static final Path BUILD_SCRIPT = Path.of("src", "test", "kube", "helm", "build.sh");
    public static final Path CHART = Path.of("deploy", "helm", "lblab-operator");
    private static final long BUILD_TIMEOUT_MINUTES = 30;
    private static final int NO_GO = 2;

    private static Path located;
    private static String unavailable;

    public record Result(int exitCode, String output) {
    }

    /** helm without a cluster ({@code lint}, {@code template}). */
    public static Helm offline() {
        return new Helm(locateBinary(), null);
    }

    /** helm talking to the given cluster as its admin. */
    public static Helm on(LocalKubernetes cluster) {
        return new Helm(locateBinary(), cluster.adminKubeconfig());
    }

    /**
     * The binary: {@code LBLAB_HELM} (or system property {@code lblab.helm}) when set, otherwise what the build
     * script makes or finds up to date.
     */
    public static synchronized Path locateBinary() {
        if (located == null && unavailable == null) {
            try {
                located = locate();
            } catch (IOException e) {
                unavailable = e.getMessage();
                System.out.println("helm tests skipped: " + unavailable
                        + ". Install Go (1.26+) and rerun ./mvnw -B verify to build helm, or set LBLAB_HELM.");
            }
        }
        if (located == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but helm is not available: " + unavailable);
            }
            Assumptions.abort("helm unavailable: " + unavailable);
        }
        return located;
    }

    private static Path locate() throws IOException {
        String configured = System.getProperty("lblab.helm", System.getenv("LBLAB_HELM"));
        if (configured != null && !configured.isBlank()) {
            Path binary = Path.of(configured);
            if (!Files.isExecutable(binary)) {
                throw new IOException("LBLAB_HELM=" + configured + " is not an executable");
            }
            return binary;
        }
        if (!Files.isRegularFile(BUILD_SCRIPT)) {
            throw new IOException(BUILD_SCRIPT + " not found (run from the repository root, or set LBLAB_HELM)");
        }
        Path binary = Path.of(run(List.of("bash", BUILD_SCRIPT.toString(), "--print-dir"), 1).output().trim()).resolve("helm");
        if (Files.isExecutable(binary) && run(List.of("bash", BUILD_SCRIPT.toString(), "--check"), 1).exitCode() == 0) {
            return binary;
        }
        Result build = run(List.of("bash", BUILD_SCRIPT.toString()), BUILD_TIMEOUT_MINUTES);
        System.out.print(build.output());
        if (build.exitCode() == NO_GO) {
            throw new IOException(build.output().trim());
        }
        if (build.exitCode() != 0 || !Files.isExecutable(binary)) {
            throw new IllegalStateException("bash " + BUILD_SCRIPT + " failed (exit " + build.exitCode() + "):\n" + build.output());
        }
        return binary;
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (kubeconfig != null) {
            command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        }
        command.addAll(List.of(args));
        try {
            return run(command, 3);
        } catch (IOException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Runs and requires exit 0; returns the output (stdout and stderr). */
    public String ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("helm " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    private static Result run(List<String> command, long timeoutMinutes) throws IOException {
        Path out = Files.createTempFile("lblab-helm", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutMinutes + " min: "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
