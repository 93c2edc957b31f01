package io.lblab.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lblab.localkube.KubeBinaries;
import io.lblab.sim.ArmSimulator;
import io.lblab.sim.FaultConfig;
import io.lblab.sim.LatencyProfile;
import io.lblab.sim.SimulatorInfo;
import io.lblab.sim.SimulatorOptions;
import io.quarkus.runtime.Quarkus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sandbox}: the whole product on one machine. Starts a Kubernetes API (the in-process one, or with
 * {@code --api-server real} a real control plane on loopback) and the ARM simulator, installs the CRD, points the
 * operator's ordinary configuration at them (a CUSTOM cloud with a trusted certificate; a Kubernetes API URL, and for
 * the real API server its CA and a bearer token), boots the operator, and hands over to {@link SandboxApp} for the demo.
 */
public final class SandboxCommand {

    static final String CRD_RESOURCE = "/crds/loadbalancerlabs.lblab.io-v1.yml";

    private SandboxCommand() {
    }

    public static int run(String[] args) {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.err.print(SandboxOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.print(SandboxOptions.USAGE);
            return 0;
        }
        CustomResourceDefinition crd;
        try {
            crd = loadCrd();
        } catch (IOException e) {
            System.err.println("sandbox: " + e.getMessage());
            return 1;
        }
        Path work = options.kubeconfig().toAbsolutePath().getParent();
        KubeBinaries binaries = null;
        if (options.realApiServer()) {
            KubeBinaries.Located located = locateBinaries();
            if (!located.found()) {
                System.err.println("sandbox: --api-server real cannot run: " + oneLine(located.reason(), work) + ". " + howToFix());
                return 1;
            }
            binaries = located.binaries();
        }
        try (SandboxApiServer kubernetes = startApiServer(options, binaries, crd, work);
             ArmSimulator simulator = ArmSimulator.start(simulatorOptions(options))) {
            if (options.faults() > 0) {
                simulator.admin().injectFaults(faults(options.faults(), options.afterCommit()));
            }
            Files.createDirectories(work);
            Path certificate = work.resolve("simulator-cert.pem");
            Files.writeString(certificate, simulator.info().certificatePem());
            kubernetes.installCrd(crd);
            operatorConfiguration(options, kubernetes, simulator.info(), certificate, work).forEach(System::setProperty);
            SandboxApp.prepare(new SandboxApp.Setup(options, kubernetes, simulator, certificate));
            AtomicInteger exit = new AtomicInteger(1);
            Quarkus.run(null, (code, failure) -> {
                if (failure != null) {
                    System.err.println("sandbox: " + failure.getMessage());
                }
                exit.set(code);
            });
            return exit.get();
        } catch (IOException | RuntimeException e) {
            System.err.println("sandbox: failed: " + e.getMessage());
            return 1;
        }
    }

    /** The in-process API, or (--api-server real) etcd, kube-apiserver and kube-controller-manager under work/localkube. */
    private static SandboxApiServer startApiServer(SandboxOptions options, KubeBinaries binaries, CustomResourceDefinition crd,
                                                   Path work) throws IOException {
        if (!options.realApiServer()) {
            return SandboxKubernetes.start(crd);
        }
        Path dir = work.resolve("localkube");
        System.out.printf("sandbox: starting etcd, kube-apiserver and kube-controller-manager v%s (from %s; files and logs in %s)%n",
                binaries.kubernetesVersion(), binaries.dir(), dir);
        return RealApiServer.start(binaries, dir);
    }

    /** The binaries as they are; when missing or stale, built (which needs Go and takes several minutes once). */
    private static KubeBinaries.Located locateBinaries() {
        KubeBinaries.Located located = KubeBinaries.locate(false);
        if (located.found() || configuredKubeDir() != null || !Files.isRegularFile(KubeBinaries.BUILD_SCRIPT)) {
            return located;
        }
        System.out.println("sandbox: building " + String.join(", ", KubeBinaries.NAMES) + " with bash " + KubeBinaries.BUILD_SCRIPT
                + " (needs Go; several minutes, once)...");
        return KubeBinaries.locate(true);
    }

    /** LBLAB_KUBE_DIR (or -Dlblab.kube.dir), as {@link KubeBinaries#locate} reads it; null when not set. */
    private static String configuredKubeDir() {
        String configured = System.getProperty("lblab.kube.dir", System.getenv("LBLAB_KUBE_DIR"));
        return configured == null || configured.isBlank() ? null : configured;
    }

    private static String howToFix() {
        String binaries = String.join(", ", KubeBinaries.NAMES);
        String inProcess = "or run the sandbox without --api-server real (in-process API)";
        if (configuredKubeDir() != null) {
            return "Fix: point LBLAB_KUBE_DIR at a directory holding " + binaries + " (or unset it to build them with bash "
                    + KubeBinaries.BUILD_SCRIPT + "), " + inProcess;
        }
        if (!Files.isRegularFile(KubeBinaries.BUILD_SCRIPT)) {
            return "Fix: run the sandbox from the repository root, where " + KubeBinaries.BUILD_SCRIPT
                    + " builds them, or set LBLAB_KUBE_DIR to a directory holding " + binaries + ", " + inProcess;
        }
        return "Fix: install Go 1.26+ and run again (the sandbox builds them once with bash " + KubeBinaries.BUILD_SCRIPT
                + ", several minutes), or set LBLAB_KUBE_DIR to a directory holding " + binaries + ", " + inProcess;
    }

    /**
     * A reason on one line: a failed build's reason carries the build's whole output, which goes to
     * {@code work/localkube-build-failure.log} instead.
     */
    private static String oneLine(String reason, Path work) {
        String text = reason == null ? "unknown reason" : reason.strip();
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return text;
        }
        String first = text.substring(0, newline).strip();
        if (work == null) {
            return first + " ...";
        }
        try {
            Files.createDirectories(work);
            Path log = work.resolve("localkube-build-failure.log");
            Files.writeString(log, text + "\n");
            return first + " ... (the rest in " + log + ")";
        } catch (IOException e) {
            return first + " ...";
        }
    }

    /**
     * {@code --faults RATE --after-commit SHARE}: reads get RATE as 429/500/503 (2:1:1) before processing; writes get
     * RATE × (1 − SHARE) the same way and RATE × SHARE after commit, split evenly between reset, 500, 502, 504 and a
     * timeout (the answer held 65 s, past the Azure SDK's 60 s response timeout).
     */
    static FaultConfig faults(double rate, double afterCommitShare) {
        double before = rate * (1 - afterCommitShare) / 4;
        double after = rate * afterCommitShare / 5;
        double read = rate / 4;
        return new FaultConfig(null, List.of(
                new FaultConfig.FaultRule("*", "PUT|PATCH|DELETE|POST", before * 2, before, before, 0, 0, null)
                        .withAfterCommit(after, after, after, after, after),
                new FaultConfig.FaultRule("*", "*", read * 2, read, read, 0, 0, null)), List.of());
    }

    private static SimulatorOptions simulatorOptions(SandboxOptions options) {
        return SimulatorOptions.defaults()
                .withProfile("instant".equals(options.profile()) ? LatencyProfile.INSTANT : LatencyProfile.REALISTIC)
                .withTimeScale(options.timeScale())
                .withSeed(1);
    }

    /** The CRD as shipped in crds/ (also packaged in the jar), so kubectl and the operator see the real schema. */
    private static CustomResourceDefinition loadCrd() throws IOException {
        try (InputStream crd = SandboxCommand.class.getResourceAsStream(CRD_RESOURCE)) {
            if (crd == null) {
                throw new IOException("CRD " + CRD_RESOURCE + " is missing from the build");
            }
            return Serialization.unmarshal(crd, CustomResourceDefinition.class);
        }
    }

    /** The same keys a real deployment sets; the {@code sandbox} profile adds fast polling (application.properties). */
    private static Map<String, String> operatorConfiguration(SandboxOptions options, SandboxApiServer kubernetes, SimulatorInfo info,
                                                             Path certificate, Path work) {
        // ARM's budgets hold in simulated time, so the operator's own budgets scale with the clock
        double writesPerSecond = 8 / options.timeScale();
        Map<String, String> config = new java.util.LinkedHashMap<>(SimulatorCloud.operatorConfiguration(info, certificate));
        config.put("quarkus.profile", "sandbox");
        config.putAll(kubernetes.clientConfiguration());
        config.put("quarkus.kubernetes-client.namespace", "default");
        config.put("kubernetes.auth.tryKubeConfig", "false");
        config.put("kubernetes.auth.tryServiceAccount", "false");
        config.put("quarkus.log.file.path", work.resolve("operator.log").toString());
        config.put("lblab.azure.write-budget.per-second", String.valueOf(writesPerSecond));
        config.put("lblab.azure.read-budget.per-second", String.valueOf(20 / options.timeScale()));
        return config;
    }
}
