package io.lblab.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.Phase;
import io.lblab.sim.ArmSimulator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo, run once the operator is up: apply the samples, show progress, print the frontend IPs, delete the labs,
 * wait for the finalizers, check the simulated subscription is empty, and summarise. It runs only when
 * {@link SandboxCommand} prepared it; in the operator proper it does nothing. (It is deliberately not a
 * {@code QuarkusApplication}: quarkus-operator-sdk only boots the operator when the app has none.)
 */
@ApplicationScoped
public class SandboxApp {

    private static final String NAMESPACE = "default";
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final Duration TICK = Duration.ofMillis(250);

    record Setup(SandboxOptions options, SandboxApiServer kubernetes, ArmSimulator simulator, Path certificate) {
    }

    private static volatile Setup setup;

    static void prepare(Setup value) {
        setup = value;
    }

    @Inject
    KubernetesClient kubernetes;

    private final PrintStream out = System.out;

    void onStart(@Observes StartupEvent event) {
        if (setup == null) {
            return;
        }
        Thread demo = new Thread(() -> {
            int code;
            try {
                code = run();
            } catch (Exception e) {
                out.println("sandbox: FAILED: " + e);
                code = 1;
            }
            Quarkus.asyncExit(code);
        }, "lblab-sandbox");
        demo.setDaemon(true);
        demo.start();
    }

    int run() throws Exception {
        SandboxOptions options = setup.options();
        ProgressView view = new ProgressView(out, System.console() != null, options.timeScale());
        Instant start = Instant.now();
        out.printf("lblab sandbox: Kubernetes API %s, ARM simulator %s (%s profile, time scale %s)%n",
                setup.kubernetes().description(), setup.simulator().info().baseUrl(), options.profile(), options.timeScale());
        Path kubeconfig = setup.kubernetes().writeKubeconfig(options.kubeconfig());
        if (options.envFile() != null) {
            writeEnvFile(options.envFile(), kubeconfig);
        }
        List<String> names = options.samples() ? applySamples(options.labs()) : List.of();
        Map<String, Duration> readyAfter = new LinkedHashMap<>();
        if (!names.isEmpty()) {
            String failure = awaitReady(names, view, start, readyAfter);
            if (failure != null) {
                out.println("sandbox: " + failure);
                teardown(view, start);
                return 1;
            }
            printAddresses(names);
        }
        if (options.keep()) {
            printKeepInstructions(kubeconfig);
            StopSignal.await();
            out.println("\nCtrl-C: deleting every lab and waiting for the operator to remove its resource groups...");
        }
        Instant deleteStart = Instant.now();
        String teardownFailure = teardown(view, start);
        Duration teardown = Duration.between(deleteStart, Instant.now());
        List<?> leftovers = setup.simulator().admin().resources();
        printSummary(readyAfter, teardown, Duration.between(start, Instant.now()), leftovers.size());
        if (teardownFailure != null) {
            out.println("sandbox: FAILED: " + teardownFailure);
            return 1;
        }
        if (!leftovers.isEmpty()) {
            out.println("sandbox: FAILED: the simulated subscription still holds " + leftovers.size() + " resources");
            return 1;
        }
        out.println("sandbox: OK: every lab was Ready and nothing is left in the simulated subscription");
        return 0;
    }

    private List<String> applySamples(int copies) throws IOException {
        List<String> names = new ArrayList<>();
        for (String sample : List.of("public.yaml", "internal.yaml")) {
            for (int i = 1; i <= copies; i++) {
                LoadBalancerLab lab = loadSample(sample);
                if (copies > 1) {
                    lab.getMetadata().setName(lab.getMetadata().getName() + "-" + i);
                }
                lab.getMetadata().setNamespace(NAMESPACE);
                kubernetes.resources(LoadBalancerLab.class).inNamespace(NAMESPACE).resource(lab).create();
                names.add(lab.getMetadata().getName());
            }
        }
        out.println("applied " + String.join(", ", names) + " from deploy/samples/");
        return names;
    }

    private static LoadBalancerLab loadSample(String sample) throws IOException {
        Path file = Path.of("deploy", "samples", sample);
        if (!Files.exists(file)) {
            throw new IOException(file + " not found: run the sandbox from the repository root");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Serialization.unmarshal(in, LoadBalancerLab.class);
        }
    }

    /** @return null when every lab is Ready, else why not */
    private String awaitReady(List<String> names, ProgressView view, Instant start, Map<String, Duration> readyAfter)
            throws InterruptedException {
        Instant deadline = start.plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            List<LoadBalancerLab> labs = labs();
            view.show(labs, Duration.between(start, Instant.now()));
            for (LoadBalancerLab lab : labs) {
                if (lab.getStatus() != null && lab.getStatus().phase() == Phase.Ready) {
                    readyAfter.putIfAbsent(lab.getMetadata().getName(), Duration.between(start, Instant.now()));
                }
                if (lab.getStatus() != null && lab.getStatus().phase() == Phase.Failed) {
                    var ready = lab.getStatus().condition("Ready");
                    return lab.getMetadata().getName() + " failed: " + (ready == null ? "" : ready.reason() + ": " + ready.message());
                }
            }
            if (readyAfter.keySet().containsAll(names)) {
                return null;
            }
            Thread.sleep(TICK.toMillis());
        }
        return "labs not Ready after " + TIMEOUT.toMinutes() + " minutes";
    }

    /** Deletes every lab and waits for the finalizers; null when all are gone. */
    private String teardown(ProgressView view, Instant start) throws InterruptedException {
        kubernetes.resources(LoadBalancerLab.class).inAnyNamespace().list().getItems()
                .forEach(lab -> kubernetes.resource(lab).delete());
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            List<LoadBalancerLab> remaining = kubernetes.resources(LoadBalancerLab.class).inAnyNamespace().list().getItems();
            view.show(remaining, Duration.between(start, Instant.now()));
            if (remaining.isEmpty()) {
                return null;
            }
            Thread.sleep(TICK.toMillis());
        }
        return "labs still present " + TIMEOUT.toMinutes() + " minutes after deletion";
    }

    private List<LoadBalancerLab> labs() {
        return kubernetes.resources(LoadBalancerLab.class).inNamespace(NAMESPACE).list().getItems();
    }

    private void printAddresses(List<String> names) {
        out.println();
        for (LoadBalancerLab lab : labs()) {
            if (names.contains(lab.getMetadata().getName())) {
                out.printf("%-22s Ready  frontendIP=%s%s%n", lab.getMetadata().getName(), lab.getStatus().frontendIP(),
                        lab.getStatus().outboundIP() == null ? "" : "  outboundIP=" + lab.getStatus().outboundIP());
            }
        }
    }

    private void printKeepInstructions(Path kubeconfig) {
        String admin = setup.simulator().info().baseUrl();
        String simulator = admin.endsWith("/") ? admin : admin + "/";
        if (setup.kubernetes().kubectlNeedsNoWorkarounds()) {
            out.printf("""

                    The sandbox stays up until Ctrl-C. Try:
                      kubectl --kubeconfig %1$s get lblab -w
                      kubectl --kubeconfig %1$s apply -f deploy/samples/internal.yaml
                      kubectl --kubeconfig %1$s wait --for=condition=Ready lblab --all --timeout=10m
                      kubectl --kubeconfig %1$s describe lblab internal-lab
                      kubectl --kubeconfig %1$s delete lblab internal-lab
                    What "Azure" holds:
                      curl -sk %2$s_sim/resources
                      curl -sk %2$s_sim/stats
                    """, kubeconfig, simulator);
            return;
        }
        // the in-process API serves no OpenAPI document (client-side validation) and no watch (kubectl delete waits with one)
        out.printf("""

                The sandbox stays up until Ctrl-C. Try:
                  kubectl --kubeconfig %1$s get lblab
                  kubectl --kubeconfig %1$s apply --validate=false -f deploy/samples/internal.yaml
                  kubectl --kubeconfig %1$s describe lblab internal-lab
                  kubectl --kubeconfig %1$s delete lblab internal-lab --wait=false
                What "Azure" holds:
                  curl -sk %2$s_sim/resources
                  curl -sk %2$s_sim/stats
                """, kubeconfig, simulator);
    }

    private void printSummary(Map<String, Duration> readyAfter, Duration teardown, Duration total, int leftovers) {
        double scale = setup.options().timeScale();
        var stats = setup.simulator().admin().stats();
        out.println();
        out.println("summary");
        readyAfter.forEach((name, wall) -> out.printf("  %-22s Ready after %6.1f s wall = %5.1f simulated Azure minutes%n",
                name, wall.toMillis() / 1000.0, wall.toMillis() / 1000.0 / scale / 60));
        out.printf("  teardown                 %6.1f s wall = %5.1f simulated Azure minutes%n",
                teardown.toMillis() / 1000.0, teardown.toMillis() / 1000.0 / scale / 60);
        out.printf("  total                    %6.1f s wall = %5.1f simulated Azure minutes%n",
                total.toMillis() / 1000.0, total.toMillis() / 1000.0 / scale / 60);
        out.printf("  ARM requests             %d (%d reads, %d writes, %d throttled)%n",
                stats.requests(), stats.reads(), stats.writes(), stats.throttled());
        out.printf("  left in the subscription %d resources%n", leftovers);
    }

    private void writeEnvFile(Path file, Path kubeconfig) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        String lines = setup.simulator().info().toEnvLines(setup.certificate().toString())
                + "KUBECONFIG=" + kubeconfig.toAbsolutePath() + "\n";
        Files.writeString(file, lines);
    }
}
