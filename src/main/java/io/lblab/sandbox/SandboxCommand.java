package io.lblab.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sandbox}: the whole product on one machine. Starts the in-process Kubernetes API and the ARM simulator,
 * points the operator's ordinary configuration at them (a CUSTOM cloud with a trusted certificate, a Kubernetes
 * API URL), boots the operator, and hands over to {@link SandboxApp} for the demo.
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
        try (SandboxKubernetes kubernetes = SandboxKubernetes.start(crd);
             ArmSimulator simulator = ArmSimulator.start(simulatorOptions(options))) {
            if (options.faults() > 0) {
                double each = options.faults() / 4;
                simulator.admin().injectFaults(FaultConfig.of(new FaultConfig.FaultRule("*", "*", each * 2, each, each, 0, 0, null)));
            }
            Path work = options.kubeconfig().toAbsolutePath().getParent();
            Files.createDirectories(work);
            Path certificate = work.resolve("simulator-cert.pem");
            Files.writeString(certificate, simulator.info().certificatePem());
            applyCrd(kubernetes.url(), crd);
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

    private static void applyCrd(String url, CustomResourceDefinition crd) {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(url).withAutoConfigure(false).build()).build()) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
    }

    /** The same keys a real deployment sets; the {@code sandbox} profile adds fast polling (application.properties). */
    private static Map<String, String> operatorConfiguration(SandboxOptions options, SandboxKubernetes kubernetes, SimulatorInfo info,
                                                             Path certificate, Path work) {
        // ARM's write budget holds in simulated time, so the operator's own budget scales with the clock
        double writesPerSecond = 8 / options.timeScale();
        Map<String, String> config = new java.util.LinkedHashMap<>(SimulatorCloud.operatorConfiguration(info, certificate));
        config.put("quarkus.profile", "sandbox");
        config.put("quarkus.kubernetes-client.api-server-url", kubernetes.url());
        config.put("quarkus.kubernetes-client.namespace", "default");
        config.put("kubernetes.auth.tryKubeConfig", "false");
        config.put("kubernetes.auth.tryServiceAccount", "false");
        config.put("quarkus.log.file.path", work.resolve("operator.log").toString());
        config.put("lblab.azure.write-budget.per-second", String.valueOf(writesPerSecond));
        return config;
    }
}
