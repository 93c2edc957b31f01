package io.lblab.sandbox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code sandbox --keep} driven by the real kubectl, as the README shows; skipped where kubectl is absent. */
class SandboxKubectlIT {

    private static final Path DIR = Path.of("target", "sandbox-kubectl-it");
    private static final Path KUBECONFIG = DIR.resolve("kubeconfig");

    @Test
    void kubectlAppliesSeesReadyAndDeletesALab() throws Exception {
        Assumptions.assumeTrue(kubectlAvailable(), "kubectl is not on the PATH: skipping the kubectl sandbox test");
        Files.deleteIfExists(DIR.resolve("env"));
        try (SandboxProcess sandbox = SandboxProcess.start(DIR.resolve("run.log"), "--keep", "--no-samples",
                "--profile", "instant", "--kubeconfig", KUBECONFIG.toString(), "--env-file", DIR.resolve("env").toString())) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.exists(DIR.resolve("env")));
            assertThat(Files.readString(DIR.resolve("env"))).contains("KUBECONFIG=").contains("LBLAB_SIM_URL=");

            assertThat(kubectl("apply", "--validate=false", "-f", "deploy/samples/internal.yaml")).contains("created");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kubectl("get", "lblab"), table -> table.matches("(?s).*internal-lab\\s+Internal\\s+Ready\\s+10\\.1\\.0\\.\\d+.*"));
            assertThat(kubectl("get", "lblab")).contains("MODE").contains("PHASE").contains("FRONTEND-IP");
            assertThat(kubectl("describe", "lblab", "internal-lab")).contains("Provisioned");

            assertThat(kubectl("delete", "lblab", "internal-lab", "--wait=false")).contains("deleted");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kubectl("get", "lblab"), out -> !out.contains("internal-lab"));

            sandbox.stop();
            assertThat(sandbox.waitFor(2)).as(sandbox.output()).isZero();
            assertThat(sandbox.output()).contains("left in the subscription 0 resources");
        }
    }

    private static boolean kubectlAvailable() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", KUBECONFIG.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.waitFor(60, TimeUnit.SECONDS);
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
