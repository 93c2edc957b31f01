package io.lblab.localkube;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's own failures: each one names what went wrong, and none leaves a process behind. */
class LocalKubernetesIT {

    @Test
    void aMissingBinaryIsNamedAndNothingStarts() throws IOException {
        long before = childProcesses();
        Path empty = Files.createDirectories(Path.of("target", "localkube-it", "no-binaries"));
        assertThatThrownBy(() -> LocalKubernetes.start(new KubeBinaries(empty), Path.of("target", "localkube-it", "missing")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("etcd not found at " + empty.resolve("etcd"))
                .hasMessageContaining("src/test/kube/build.sh");
        assertThat(childProcesses()).isEqualTo(before);
    }

    @Test
    void anApiServerPortInUseIsReportedWithItsLogAndEverythingStops() throws IOException {
        KubeBinaries binaries = RealCluster.binaries();
        long before = childProcesses();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path dir = Path.of("target", "localkube-it", "port-in-use");
            assertThatThrownBy(() -> LocalKubernetes.start(binaries, dir, taken.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("kube-apiserver on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining(dir.toAbsolutePath().resolve("kube-apiserver.log").toString())
                    .hasMessageContaining("address already in use");
        }
        assertThat(childProcesses()).as("etcd stopped with the failed API server").isEqualTo(before);
    }

    @Test
    void theControlPlaneServesTheTestedVersionAndStopsCompletely() throws IOException {
        KubeBinaries binaries = RealCluster.binaries();
        long before = childProcesses();
        try (LocalKubernetes cluster = LocalKubernetes.start(binaries, Path.of("target", "localkube-it", "second"))) {
            assertThat(cluster.adminClient().getKubernetesVersion().getGitVersion()).isEqualTo("v" + binaries.kubernetesVersion());
            assertThat(new Kubectl(binaries.path("kubectl"), cluster.adminKubeconfig()).ok("version"))
                    .contains("Client Version: v" + binaries.kubernetesVersion())
                    .contains("Server Version: v" + binaries.kubernetesVersion());
            assertThat(childProcesses()).isEqualTo(before + 3);
        }
        assertThat(childProcesses()).isEqualTo(before);
    }

    /** The control-plane programs this JVM started and that still run (the shared cluster's included). */
    private static long childProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().orElse(""))
                .filter(c -> KubeBinaries.NAMES.stream().anyMatch(name -> c.endsWith("/" + name)))
                .count();
    }
}
