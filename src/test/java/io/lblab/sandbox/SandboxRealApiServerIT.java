package io.lblab.sandbox;

import io.lblab.localkube.KubeBinaries;
import io.lblab.localkube.Kubectl;
import io.lblab.localkube.RealCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sandbox --api-server real}: the sandbox on a real kube-apiserver (etcd, kube-apiserver and
 * kube-controller-manager it starts itself), driven by the built kubectl with no workaround flags, and nothing of
 * the control plane left once it stops. Skipped where the binaries cannot be found or built, except under
 * {@code CI=true}, where that fails ({@link RealCluster#binaries()}).
 */
class SandboxRealApiServerIT {

    private static final Path DIR = Path.of("target", "sandbox-real-it");
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void kubectlWorksWithoutWorkaroundsAndTheControlPlaneStopsWithTheSandbox() throws Exception {
        KubeBinaries binaries = RealCluster.binaries();
        Path dir = DIR.resolve("keep");
        Path kubeconfig = dir.resolve("kubeconfig");
        Path env = dir.resolve("env");
        Path localkube = dir.resolve("localkube").toAbsolutePath();
        Files.createDirectories(dir);
        Files.deleteIfExists(env);
        try (SandboxProcess sandbox = SandboxProcess.start(dir.resolve("run.log"), "--api-server", "real", "--keep", "--no-samples",
                "--profile", "instant", "--kubeconfig", kubeconfig.toString(), "--env-file", env.toString())) {
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertThat(sandbox.isAlive()).as("the sandbox exited before it was up:\n%s", sandbox.output()).isTrue();
                return Files.exists(env) && sandbox.output().contains("stays up until Ctrl-C");
            });
            assertThat(controlPlane(localkube)).as("the sandbox's own control plane")
                    .anyMatch(c -> c.contains("/etcd ")).anyMatch(c -> c.contains("/kube-apiserver "))
                    .anyMatch(c -> c.contains("/kube-controller-manager "));
            String instructions = sandbox.output();
            assertThat(instructions).contains("Kubernetes API https://127.0.0.1:")
                    .contains("get lblab -w").contains("wait --for=condition=Ready lblab --all")
                    .doesNotContain("--validate=false").doesNotContain("--wait=false");
            assertThat(Files.readString(env)).contains("KUBECONFIG=" + kubeconfig.toAbsolutePath()).contains("LBLAB_SIM_URL=");

            Kubectl kubectl = new Kubectl(binaries.path("kubectl"), kubeconfig);
            assertThat(kubectl.ok("version")).contains("Server Version: v" + binaries.kubernetesVersion());
            Path watchOutput = dir.resolve("watch.out");
            Process watch = new ProcessBuilder(binaries.path("kubectl").toString(), "--kubeconfig", kubeconfig.toString(),
                    "get", "lblab", "-w").redirectErrorStream(true).redirectOutput(watchOutput.toFile()).start();
            try {
                assertThat(kubectl.ok("apply", "-f", "deploy/samples/internal.yaml"))
                        .contains("loadbalancerlab.lblab.io/internal-lab created");
                assertThat(kubectl.ok("wait", "--for=condition=Ready", "lblab", "--all", "--timeout=120s"))
                        .contains("internal-lab condition met");
                assertThat(kubectl.ok("get", "lblab")).containsPattern("NAME\\s+MODE\\s+PHASE\\s+FRONTEND-IP\\s+AGE")
                        .containsPattern("internal-lab\\s+Internal\\s+Ready\\s+10\\.1\\.0\\.\\d+");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                        assertThat(Files.readString(watchOutput)).as("kubectl get lblab -w")
                                .containsPattern("internal-lab\\s+Internal\\s+Provisioning")
                                .containsPattern("internal-lab\\s+Internal\\s+Ready\\s+10\\.1\\.0\\.\\d+"));
            } finally {
                watch.destroy();
                watch.waitFor(10, TimeUnit.SECONDS);
            }

            // a plain delete waits for the finalizer: when it returns, the operator has seen the resource group gone
            assertThat(kubectl.ok("delete", "lblab", "internal-lab")).contains("\"internal-lab\" deleted");
            assertThat(kubectl.ok("get", "lblab", "-o", "name")).doesNotContain("internal-lab");

            sandbox.stop();
            assertThat(sandbox.waitFor(3)).as(sandbox.output()).isZero();
            assertThat(sandbox.output()).contains("left in the subscription 0 resources").contains("sandbox: OK");
        }
        assertThat(controlPlane(localkube)).as("etcd, kube-apiserver, kube-controller-manager (or their watchdogs) still running")
                .isEmpty();
    }

    @Test
    void theDemoRunsBothSamplesOnTheRealApiServer() throws Exception {
        RealCluster.binaries();
        Path dir = DIR.resolve("demo");
        Path localkube = dir.resolve("localkube").toAbsolutePath();
        long start = System.nanoTime();
        try (SandboxProcess sandbox = SandboxProcess.start(dir.resolve("run.log"), "--api-server", "real", "--profile", "instant",
                "--kubeconfig", dir.resolve("kubeconfig").toString())) {
            int exit = sandbox.waitFor(5);
            String output = sandbox.output();
            assertThat(exit).as(output).isZero();
            assertThat(output).contains("Kubernetes API https://127.0.0.1:")
                    .containsPattern("public-lab +Ready +frontendIP=\\d+\\.\\d+\\.\\d+\\.\\d+ +outboundIP=\\d+\\.\\d+\\.\\d+\\.\\d+")
                    .containsPattern("internal-lab +Ready +frontendIP=10\\.1\\.0\\.\\d+")
                    .contains("left in the subscription 0 resources")
                    .contains("sandbox: OK");
        }
        System.out.printf("sandbox --api-server real --profile instant: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(controlPlane(localkube)).as("control-plane processes left behind").isEmpty();
    }

    @Test
    void withoutBinariesItExitsWithOneLineSayingWhyAndHowToFixIt() throws Exception {
        Path empty = Files.createDirectories(DIR.resolve("no-binaries"));
        try (SandboxProcess sandbox = SandboxProcess.start(DIR.resolve("no-binaries.log"),
                Map.of("LBLAB_KUBE_DIR", empty.toAbsolutePath().toString()),
                "--api-server", "real", "--kubeconfig", empty.resolve("kubeconfig").toString())) {
            assertThat(sandbox.waitFor(1)).as(sandbox.output()).isEqualTo(1);
            List<String> lines = sandbox.output().lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as(sandbox.output()).hasSize(1);
            assertThat(lines.get(0)).startsWith("sandbox: --api-server real cannot run: ")
                    .contains("LBLAB_KUBE_DIR=" + empty.toAbsolutePath() + " lacks etcd")
                    .contains("Fix: ").contains("--api-server");
        }
    }

    /** Command lines of live processes that run from {@code localkube}: the control-plane programs and their watchdogs. */
    private static List<String> controlPlane(Path localkube) {
        String marker = localkube.toString() + "/";
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(marker))
                .toList();
    }
}
