package io.lblab.sandbox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sandbox --keep} driven by the real kubectl, as the README shows; skipped where no kubectl is found (see
 * {@link #findKubectl()}).
 */
class SandboxKubectlIT {

    private static final Path DIR = Path.of("target", "sandbox-kubectl-it");
    private static final Path KUBECONFIG = DIR.resolve("kubeconfig");
    private static final Path BUILD_SCRIPT = Path.of("src", "test", "kube", "build.sh");
    private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(60);
    private static final String OWN_PASSWORD_LAB = "internal-lab-own-password";
    private static final String PASSWORD = "Sandbox-Passw0rd!";

    private static Path kubectl;

    @Test
    void kubectlAppliesSeesReadyAndDeletesALab() throws Exception {
        Optional<Path> found = findKubectl();
        Assumptions.assumeTrue(found.isPresent(), "no kubectl found (system property lblab.kubectl, the PATH, "
                + BUILD_SCRIPT + " --print-dir, ~/.cache/lblab/kube/*/kubectl): skipping the kubectl sandbox test");
        kubectl = found.get();
        Files.createDirectories(DIR);
        Files.deleteIfExists(DIR.resolve("env"));
        try (SandboxProcess sandbox = SandboxProcess.start(DIR.resolve("run.log"), "--keep", "--no-samples",
                "--profile", "instant", "--kubeconfig", KUBECONFIG.toString(), "--env-file", DIR.resolve("env").toString())) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.exists(DIR.resolve("env")));
            assertThat(Files.readString(DIR.resolve("env"))).contains("KUBECONFIG=").contains("LBLAB_SIM_URL=");

            // a built-in kind: kubectl sends it as protobuf, which the in-process API must read
            assertThat(kubectl("create", "secret", "generic", "vm-password", "--from-literal=password=" + PASSWORD))
                    .contains("secret/vm-password created");
            assertThat(kubectl("get", "secret", "vm-password", "-o", "jsonpath={.data.password}").trim())
                    .isEqualTo(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));

            assertThat(kubectl("apply", "--validate=false", "-f", "deploy/samples/internal.yaml")).contains("created");
            assertThat(kubectl("apply", "--validate=false", "-f", ownPasswordLab().toString())).contains("created");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kubectl("get", "lblab"), table -> table.matches("(?s).*internal-lab\\s+Internal\\s+Ready\\s+10\\.1\\.0\\.\\d+.*"));
            assertThat(kubectl("get", "lblab")).contains("MODE").contains("PHASE").contains("FRONTEND-IP");
            assertThat(kubectl("describe", "lblab", "internal-lab")).contains("Provisioned");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kubectl("get", "lblab", OWN_PASSWORD_LAB, "-o", "jsonpath={.status.phase}").trim(), "Ready"::equals);
            // the lab used the Secret it names: the operator generated a password only for the other one
            assertThat(kubectl("get", "secrets", "-o", "name").lines().map(String::trim).toList())
                    .contains("secret/vm-password", "secret/internal-lab-vm-admin")
                    .doesNotContain("secret/" + OWN_PASSWORD_LAB + "-vm-admin");

            assertThat(kubectl("delete", "lblab", "internal-lab", OWN_PASSWORD_LAB, "--wait=false")).contains("deleted");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kubectl("get", "lblab", "-o", "name"), out -> !out.contains("internal-lab"));
            assertThat(kubectl("delete", "secret", "vm-password", "--wait=false")).contains("deleted");

            sandbox.stop();
            assertThat(sandbox.waitFor(2)).as(sandbox.output()).isZero();
            assertThat(sandbox.output()).contains("left in the subscription 0 resources");
        }
    }

    /** deploy/samples/internal.yaml under another name, with the VM password from Secret vm-password. */
    private static Path ownPasswordLab() throws IOException {
        String sample = Files.readString(Path.of("deploy", "samples", "internal.yaml"));
        String lab = sample.replace("name: internal-lab", "name: " + OWN_PASSWORD_LAB)
                .replace("# adminPasswordSecretRef: {name: vm-password, key: password}", "adminPasswordSecretRef: {name: vm-password, key: password}");
        assertThat(lab).as("deploy/samples/internal.yaml changed: adapt this test")
                .contains("name: " + OWN_PASSWORD_LAB).contains("\n    adminPasswordSecretRef: {name: vm-password");
        Path file = Files.createTempFile(DIR, OWN_PASSWORD_LAB, ".yaml");
        file.toFile().deleteOnExit();
        return Files.writeString(file, lab);
    }

    /**
     * kubectl from, in this order: the system property {@code lblab.kubectl} (which must work), the PATH, the directory
     * {@code src/test/kube/build.sh --print-dir} prints, or the newest {@code kubectl} under
     * {@code $LBLAB_KUBE_CACHE} (default {@code ~/.cache/lblab/kube}).
     */
    static Optional<Path> findKubectl() {
        String property = System.getProperty("lblab.kubectl");
        if (property != null && !property.isBlank()) {
            Path configured = Path.of(property);
            assertThat(works(configured)).as("-Dlblab.kubectl=" + property + " is not a working kubectl").isTrue();
            return Optional.of(configured);
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "kubectl"));
            }
        }
        buildScriptDir().ifPresent(dir -> candidates.add(dir.resolve("kubectl")));
        newestInCache().ifPresent(candidates::add);
        return candidates.stream().filter(Files::isExecutable).filter(SandboxKubectlIT::works).findFirst();
    }

    private static Optional<Path> buildScriptDir() {
        if (!Files.isRegularFile(BUILD_SCRIPT)) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder("bash", BUILD_SCRIPT.toString(), "--print-dir")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String dir = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 && !dir.isEmpty() ? Optional.of(Path.of(dir)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> newestInCache() {
        String configured = System.getenv("LBLAB_KUBE_CACHE");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "lblab", "kube");
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(cache)) {
            return dirs.filter(dir -> !dir.getFileName().toString().contains(".tmp."))
                    .map(dir -> dir.resolve("kubectl")).filter(Files::isExecutable)
                    .max(Comparator.comparing(file -> file.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean works(Path candidate) {
        try {
            Process process = new ProcessBuilder(candidate.toString(), "version", "--client")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs kubectl against the sandbox; fails on a non-zero exit or when it does not answer in time (a hang). */
    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", KUBECONFIG.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(DIR, "kubectl", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(KUBECTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not answer in "
                        + KUBECTL_TIMEOUT.toSeconds() + " s:\n" + Files.readString(output));
            }
            String text = Files.readString(output);
            assertThat(process.exitValue()).as("kubectl " + String.join(" ", args) + ":\n" + text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
