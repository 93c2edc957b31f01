package io.lblab.localkube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The real-API-server tier's control plane, one per test JVM: built from {@code src/test/kube} on first use, started
 * once, stopped when the JVM exits (and by {@link ManagedProcess}'s watchdog if the JVM is killed).
 *
 * <p>Where it cannot run (no Go to build the binaries), tests are skipped with one line saying why and how to enable
 * them, except under {@code CI=true}, where that is a failure.
 */
public final class RealCluster {

    private static final Path DIR = Path.of("target", "localkube");
    private static KubeBinaries binaries;
    private static LocalKubernetes cluster;
    private static String unavailable;
    private static boolean installed;
    private static String installOutput = "";

    private RealCluster() {
    }

    /** The running cluster; skips (or, on CI, fails) the calling test when it cannot run here. */
    public static synchronized LocalKubernetes get() {
        KubeBinaries kube = binaries();
        if (cluster == null) {
            try {
                cluster = LocalKubernetes.start(kube, DIR);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the local control plane: " + e.getMessage(), e);
            }
        }
        return cluster;
    }

    /**
     * The tier's binaries, built on first use, without starting the shared cluster (for tests that start their own
     * control plane, such as the sandbox's); skips (or, on CI, fails) the calling test when there are none.
     */
    public static synchronized KubeBinaries binaries() {
        if (binaries == null && unavailable == null) {
            KubeBinaries.Located located = KubeBinaries.locate(true);
            if (located.found()) {
                binaries = located.binaries();
            } else {
                unavailable = located.reason();
                System.out.println("real-API-server tests skipped: " + unavailable
                        + ". Install Go (1.26+) and rerun ./mvnw -B verify to build the binaries, or set LBLAB_KUBE_DIR.");
            }
        }
        if (binaries == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but the real-API-server tier cannot run: " + unavailable);
            }
            Assumptions.abort("real-API-server tier unavailable: " + unavailable);
        }
        return binaries;
    }

    public static Kubectl kubectl() {
        LocalKubernetes c = get();
        return new Kubectl(c.binaries().path("kubectl"), c.adminKubeconfig());
    }

    public static KubernetesClient adminClient() {
        return get().adminClient();
    }

    /** {@code kubectl apply -f crds/} then {@code kubectl apply -f deploy/}, once per JVM; returns their output. */
    public static synchronized String install() {
        Kubectl kubectl = kubectl();
        if (!installed) {
            String crds = kubectl.ok("apply", "-f", "crds/");
            kubectl.ok("wait", "--for=condition=Established", "crd/loadbalancerlabs.lblab.io", "--timeout=60s");
            String deploy = kubectl.ok("apply", "-f", "deploy/");
            installed = true;
            installOutput = crds + deploy;
        }
        return installOutput;
    }
}
