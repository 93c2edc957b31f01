package io.lblab.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.lblab.api.BastionSpec;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.azure.AzureHttpClients;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.localkube.KubeBinaries;
import io.lblab.localkube.LocalKubernetes;
import io.lblab.localkube.ManagedProcess;
import io.lblab.localkube.PackagedJar;
import io.lblab.localkube.RealCluster;
import io.lblab.sim.SimulatorOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the scale scenarios with every part in its own process, as in production. The packaged operator
 * ({@code java -jar target/quarkus-app/quarkus-run.jar}, prod profile, configured through its environment as the
 * Deployment does), the standalone {@code simulator} command, and the Kubernetes API: the real kube-apiserver with
 * etcd and kube-controller-manager ({@link RealCluster}) when its binaries are built, else fabric8's mock server in
 * this JVM (the report says which). This JVM only creates the labs and watches them.
 *
 * <p>Each scenario attempt gets a fresh simulator and operator at its time scale. CPU and peak RSS of each process, and
 * the machine's busy share, are taken over the window from creating the labs until all are Ready; an attempt in which a
 * process or the machine used more than 80% of the cores is harness-bound: reported, not counted, and rerun at twice
 * the time scale ({@code bench.maxAttempts}, default 3). Runs after {@code package} (failsafe, {@code -Pbench}); reads
 * the in-JVM scenarios' results from {@code report-state.json} and rewrites the one report.
 */
class ScaleProcessesBench {

    private static final Path OUTPUT = Path.of(System.getProperty("bench.output", "target/bench"));
    private static final Path DIR = OUTPUT.resolve("processes");
    private static final SimulatorOptions.Throttling ARM = SimulatorOptions.Throttling.defaults();
    private static final List<String> API_PROCESSES = List.of("etcd", "kube-apiserver", "kube-controller-manager");

    private final BenchSettings settings = BenchSettings.fromSystemProperties();
    private final PutDurations durations = SimulatorDurations.realistic();
    private final LabTracker tracker = new LabTracker();
    private final int maxAttempts = Integer.parseInt(System.getProperty("bench.maxAttempts", "3"));
    private BenchReport report;
    private KubernetesClient admin;
    private Path operatorKubeconfig;
    private String kubernetesApi;
    private Supplier<List<Long>> apiPids = List::of;
    private KubernetesMockServer mockServer;

    @Test
    void benchmark() throws Exception {
        report = ReportWriter.loadState(OUTPUT);
        if (report.settings() == null) {
            report.settings(new BenchReport.Settings(settings.timeScale(), "realistic", settings.pollSeconds(),
                    settings.driftSeconds(), ARM.writeBurst(), ARM.writesPerSecond(), ARM.readBurst(), ARM.readsPerSecond(),
                    BenchSimulatorResource.WRITE_BURST, BenchSimulatorResource.WRITES_PER_SECOND, settings.full(),
                    Instant.now().toString()));
        }
        boolean any = settings.runs("scale") || settings.runs("pacing") || settings.runs("shards")
                || settings.runs(SubscriptionsScenario.NAME);
        if (!any || !settings.processes()) {
            return;
        }
        assertThat(PackagedJar.JAR).as("the packaged jar (run after package)").exists();
        Instant started = Instant.now();
        report.note(String.format(Locale.ROOT, "Separate processes: load average %.2f at the start", ProcStats.loadAverage()));
        SharedIndexInformer<LoadBalancerLab> informer = null;
        try {
            kubernetes();
            informer = admin.resources(LoadBalancerLab.class).inAnyNamespace().inform(tracker, 0);
            if (settings.runs("scale")) {
                for (int labs : sizes("bench.scaleSizes", settings.full() ? "1,10,100,1000" : "1,10,100")) {
                    withReruns("scale", labs);
                }
            }
            if (settings.runs("pacing")) {
                for (int labs : sizes("bench.pacingLabs", "100")) {
                    withReruns("pacing", labs);
                }
            }
            if (settings.runs("shards")) {
                for (int labs : sizes("bench.shardLabs", "200")) {
                    withReruns("shards", labs);
                }
            }
            if (settings.runs(SubscriptionsScenario.NAME)) {
                for (int labs : sizes("bench.subscriptionLabs", "200")) {
                    withReruns(SubscriptionsScenario.NAME, labs);
                }
            }
        } catch (Throwable t) {
            report.note("The separate-process scenarios stopped early: " + t);
            throw t;
        } finally {
            if (informer != null) {
                informer.stop();
            }
            report.note(String.format(Locale.ROOT, "Separate processes: wall time %.0f s; load average %.2f at the end.",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0, ProcStats.loadAverage()));
            if (mockServer != null) {
                admin.close();
                mockServer.destroy();
            }
            ReportWriter.write(report, OUTPUT, Files.exists(OUTPUT.resolve("timeline.svg")) ? "timeline.svg" : null);
            ReportWriter.saveState(report, OUTPUT);
            System.out.println(Files.readString(OUTPUT.resolve("report.md")));
        }
    }

    /** Lab counts from a property ({@code -Dbench.scaleSizes=1,10} while working on the bench). */
    private static List<Integer> sizes(String property, String fallback) {
        String value = System.getProperty(property);
        return java.util.Arrays.stream((value == null || value.isBlank() ? fallback : value).split(","))
                .map(String::trim).map(Integer::parseInt).toList();
    }

    /** The real API server when its binaries are here (never built from here: that takes minutes), else the mock. */
    private void kubernetes() throws IOException {
        KubeBinaries.Located located = "mock".equals(System.getProperty("bench.kube")) ? null : KubeBinaries.locate(false);
        if (located != null && located.found()) {
            LocalKubernetes cluster = RealCluster.get();
            RealCluster.install();
            admin = cluster.adminClient();
            String token = cluster.serviceAccountToken("lblab-system", "lblab-operator", Duration.ofHours(6));
            operatorKubeconfig = cluster.writeKubeconfig(DIR.resolve("operator.kubeconfig"), "lblab-operator", token);
            kubernetesApi = "the real kube-apiserver " + located.binaries().kubernetesVersion()
                    + " with etcd and kube-controller-manager, as separate processes (the operator with its ServiceAccount's rights)";
            apiPids = () -> ProcStats.descendantsNamed(API_PROCESSES).stream().map(ProcessHandle::pid).toList();
        } else {
            var responses = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
            mockServer = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                    new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(responses), false);
            mockServer.init();
            // leader election (prod profile) first asks what it may do: everything
            mockServer.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, """
                            {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
                             "spec": {"namespace": "lblab-system"},
                             "status": {"incomplete": false, "nonResourceRules": [],
                                        "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}]}}
                            """).always();
            admin = mockServer.createClient();
            Files.createDirectories(DIR);
            operatorKubeconfig = Files.writeString(DIR.resolve("operator.kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster: {server: "http://localhost:%d"}
                    users:
                    - name: mock
                      user: {token: mock}
                    contexts:
                    - name: mock
                      context: {cluster: mock, user: mock}
                    current-context: mock
                    """.formatted(mockServer.getPort()));
            kubernetesApi = "fabric8's mock server (CRUD mode) inside the harness JVM, not a separate process: "
                    + (located == null ? "-Dbench.kube=mock" : "no kube binaries (" + located.reason() + ")");
        }
    }

    /** Runs a scenario; while it is harness-bound, again at twice the time scale, up to {@code bench.maxAttempts} attempts. */
    private void withReruns(String scenario, int labs) throws Exception {
        double timeScale = settings.timeScale();
        // -Dbench.rerunMaxLabs=20: rerun only the small sizes (a 100-lab rerun costs minutes on a shared machine)
        int attempts = labs <= Integer.parseInt(System.getProperty("bench.rerunMaxLabs", "100000")) ? maxAttempts : 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            BenchReport.ProcessRun run = attempt(scenario, labs, timeScale, attempt);
            report.processRun(run);
            ReportWriter.saveState(report, OUTPUT);
            System.out.printf(Locale.ROOT, "bench %s %d labs, time scale %s, attempt %d: %s%n", scenario, labs,
                    ReportWriter.num(timeScale), attempt, run);
            if (run.valid()) {
                return;
            }
            timeScale *= 2;
        }
    }

    private BenchReport.ProcessRun attempt(String scenario, int labs, double timeScale, int attempt) throws Exception {
        BenchSettings at = settings.withTimeScale(timeScale);
        Path dir = DIR.resolve(String.format(Locale.ROOT, "%s-%d-%s", scenario, labs, ReportWriter.num(timeScale)));
        List<ManagedProcess> operators = new ArrayList<>();
        boolean subscriptions = scenario.equals(SubscriptionsScenario.NAME);
        try (PackagedJar.Simulator simulator = PackagedJar.simulator(dir, timeScale,
                subscriptions ? SubscriptionsScenario.SIMULATOR_ARGS : List.of())) {
            SubscriptionsScenario subs = subscriptions ? new SubscriptionsScenario(simulator) : null;
            SimConnection sim = new SimConnection(simulator.url(), AzureHttpClients.sslContextTrusting(simulator.certificate()),
                    simulator.env().get("AZURE_TENANT_ID"), simulator.env().get("AZURE_CLIENT_ID"),
                    simulator.env().get("AZURE_CLIENT_SECRET"), simulator.env().get("AZURE_SUBSCRIPTION_ID"));
            SimAdminClient simAdmin = new SimAdminClient(sim);
            List<String> shards = scenario.equals("shards") ? List.of("a", "b") : List.of("");
            for (String shard : shards) {
                operators.add(operator(dir, at, simulator, shard));
            }
            for (int i = 0; i < shards.size(); i++) {
                awaitLeader(shards.get(i), operators.get(i));
            }
            String prefix = String.format(Locale.ROOT, "bench-%s-%d-%d", scenario, labs, attempt);
            warmUp(prefix + "-warm", shards, at);
            simAdmin.reset();

            LoadBalancerLabSpec spec = new LoadBalancerLabSpec(Mode.Public, null, null, null, null, new BastionSpec(true),
                    null, null, null, null, null, null);
            Blueprint blueprint = Blueprints.of(new BlueprintInputs(prefix, "lab", "bench", sim.subscriptionId(), spec, "unused"));
            CriticalPath path = CriticalPath.of(blueprint, durations);
            long writes = (long) labs * blueprint.stepCount();
            // pacing: the other client takes half of ARM's refill, so the operator gets the burst and the other half
            double refill = scenario.equals("pacing") ? ARM.writesPerSecond() / 2 : ARM.writesPerSecond();
            double bound = subs != null ? SubscriptionsScenario.bound(labs, path.seconds(), blueprint.stepCount(), ARM)
                    : Math.max(path.seconds(), ScaleBound.writeBudgetSeconds(writes, ARM.writeBurst(), refill));
            // let the operator's write budget refill after the warm-up; meanwhile, the operators' CPU with no lab at all
            // (lease renewals, informers' watches, timers: per wall second, so 100× larger per simulated second at 0.01)
            double idleBefore = cpuOf(operators);
            long idleStart = System.nanoTime();
            Thread.sleep(Math.max(3000, at.wall(BenchSimulatorResource.WRITE_BURST / BenchSimulatorResource.WRITES_PER_SECOND + 1).toMillis()));
            double idleCpuPerWallSecond = (cpuOf(operators) - idleBefore) / ((System.nanoTime() - idleStart) / 1e9);

            ProcessMeter meter = new ProcessMeter();
            for (int i = 0; i < operators.size(); i++) {
                ManagedProcess op = operators.get(i);
                meter.add(shards.size() == 1 ? "operator" : "operator shard " + shards.get(i), () -> pid(op));
            }
            meter.add("simulator", () -> pid(simulator.process()));
            if (mockServer == null) {
                meter.add("kubernetes API (etcd, kube-apiserver, kube-controller-manager)", apiPids);
                meter.add("harness JVM", () -> List.of(ProcessHandle.current().pid()));
            } else {
                meter.add("harness JVM with the mock Kubernetes API", () -> List.of(ProcessHandle.current().pid()));
            }
            OtherClient other = scenario.equals("pacing") ? new OtherClient(sim, ARM.writesPerSecond() / 2 / timeScale) : null;
            if (subs != null) {
                subs.createSecrets(admin, prefix);
            }
            SimAdminClient.Counts before = simAdmin.counts();
            Map<String, SimAdminClient.Counts> beforeBySubscription = simAdmin.countsBySubscription();
            meter.start();
            long start = System.nanoTime();
            if (other != null) {
                other.start();
            }
            List<String> keys = create(prefix, labs, subs != null ? SubscriptionsScenario.specs(spec) : i -> spec,
                    i -> shards.get(i % shards.size()));
            List<String> notReady = tracker.awaitReady(keys, System.nanoTime() + at.wall(bound * 3 + 600).toNanos()
                    + Duration.ofSeconds(60).toNanos() + Duration.ofMillis(300L * labs).toNanos());
            long end = notReady.isEmpty() ? keys.stream().mapToLong(k -> tracker.state(k).readyNanos).max().orElseThrow() : System.nanoTime();
            ProcessMeter.Window window = meter.stop();
            String otherSummary = null;
            String otherShort = null;
            OtherClient.Counts otherCounts = new OtherClient.Counts(0, 0, 0);
            if (other != null) {
                otherCounts = other.stop();
                double rate = otherCounts.requests() / at.simulatedNanos(System.nanoTime() - start);
                if (rate < 0.9 * ARM.writesPerSecond() / 2) {
                    // the scenario's premise did not hold: this machine could not send the other client's writes
                    otherShort = String.format(Locale.ROOT, "the other client reached only %s of %s writes per simulated second",
                            ReportWriter.num(rate), ReportWriter.num(ARM.writesPerSecond() / 2));
                }
                otherSummary = String.format(Locale.ROOT, "the other client sent %d resource-group PUTs (%d answered 429, %d failed), "
                        + "%s per simulated second (meant: %s)", otherCounts.requests(), otherCounts.throttled(), otherCounts.errors(),
                        ReportWriter.num(otherCounts.requests() / at.simulatedNanos(System.nanoTime() - start)),
                        ReportWriter.num(ARM.writesPerSecond() / 2));
            }
            SimAdminClient.Counts counts = simAdmin.counts().minus(before);
            List<BenchReport.SubscriptionShare> shares = subs == null ? List.of() : subs.shares(scenario, labs, attempt, at,
                    keys, tracker, start, path.seconds(), blueprint.stepCount(), ARM, beforeBySubscription,
                    simAdmin.countsBySubscription());
            report.note(String.format(Locale.ROOT, "%s %d labs at %s: %s", scenario, labs, ReportWriter.num(timeScale),
                    phases(simAdmin, spec, keys, at)));
            double operatorCpu = operatorCpu(window);

            double steadyMs = Double.NaN;
            String steadyNote = null;
            if (scenario.equals("scale") && labs >= 10 && notReady.isEmpty()) {
                int periods = 2;
                double cpuBefore = cpuOf(operators);
                long steadyStart = System.nanoTime();
                Thread.sleep(at.wall(at.driftSeconds() * periods).toMillis());
                double wall = (System.nanoTime() - steadyStart) / 1e9;
                double total = cpuOf(operators) - cpuBefore;
                // what the labs cost: the operator's CPU minus what it used with no lab over the same wall time
                steadyMs = Math.max(0, total - idleCpuPerWallSecond * wall) * 1000 / labs / periods;
                steadyNote = String.format(Locale.ROOT, "steady state: the operator used %.2f CPU s in %d drift periods (%.1f s of "
                        + "wall time) with %d labs Ready, of which %.2f s is its idle rate (%.3f CPU s per wall second with no "
                        + "lab); without subtracting it, %.1f ms per lab per period", total, periods, wall, labs,
                        idleCpuPerWallSecond * wall, idleCpuPerWallSecond, total * 1000 / labs / periods);
            }
            double heap = 0;
            for (ManagedProcess op : operators) {
                heap += heapAfterGcMiB(pid(op));
            }
            List<Double> perLab = keys.stream().map(tracker::state).filter(s -> s.readyNanos != 0)
                    .map(s -> at.simulatedNanos(s.readyNanos - s.createdNanos)).sorted().toList();
            int failed = (int) keys.stream().filter(k -> tracker.state(k).failure != null).count();
            String check = null;
            Boolean checkPassed = null;
            String detail = otherSummary != null ? otherSummary : steadyNote;
            if (subs != null) {
                detail = SubscriptionsScenario.sharedBudgetNote(labs, path.seconds(), blueprint.stepCount(), ARM);
            }
            if (scenario.equals("shards")) {
                check = "each lab reconciled by exactly one shard, the one its label names";
                Map<String, Integer> wrong = shardCheck(keys, shards, operators);
                checkPassed = wrong.values().stream().allMatch(v -> v == 0);
                detail = String.format(Locale.ROOT, "%d labs, from the shards' logs: %d named by the other shard's log, %d by neither",
                        labs, wrong.get("both"), wrong.get("none"));
            }

            long teardownStart = System.nanoTime();
            delete(keys);
            List<String> left = tracker.awaitGone(keys, System.nanoTime() + at.wall(6000).toNanos() + Duration.ofMillis(300L * labs).toNanos());
            long teardownEnd = left.isEmpty() ? keys.stream().mapToLong(k -> tracker.state(k).goneNanos).max().orElseThrow() : System.nanoTime();
            if (!left.isEmpty()) {
                report.note(scenario + " " + labs + " labs: " + left.size() + " labs still present after the teardown deadline");
            }
            admin.namespaces().withName(prefix).delete();
            if (failed > 0 || !notReady.isEmpty()) {
                report.note(String.format(Locale.ROOT, "%s %d labs at %s: %d failed on the way, %d not Ready", scenario, labs,
                        ReportWriter.num(timeScale), failed, notReady.size()));
            }
            shares.forEach(report::subscriptionShare);
            return new BenchReport.ProcessRun(scenario, labs, timeScale, attempt, kubernetesApi,
                    at.simulatedNanos(end - start), bound, OperatorBench.percentile(perLab, 50), OperatorBench.percentile(perLab, 95),
                    counts.throttled429() - otherCounts.throttled(), counts.requests() - otherCounts.requests(),
                    counts.writes() - otherCounts.requests(), failed, notReady.size(),
                    at.simulatedNanos(teardownEnd - teardownStart), heap, operatorCpu / labs, steadyMs, window.processes(),
                    window.wallSeconds(), window.machineBusyShare(), window.loadAverage(), joined(window.harnessBound(), otherShort), check,
                    checkPassed, detail);
        } finally {
            operators.forEach(ManagedProcess::close);
        }
    }

    /**
     * Where the labs' time went, from the simulator's operation history: when each lab's first PUT and its Bastion PUT
     * were sent, relative to the lab's creation, and how long after what the Bastion waits for (the network and its
     * public IP) ended in the simulator the Bastion's PUT was sent (the operator noticing the completions: polling, its
     * own queues, the write budget); p50 / max.
     */
    private String phases(SimAdminClient simAdmin, LoadBalancerLabSpec spec, List<String> keys, BenchSettings at) {
        List<Timeline.Operation> operations = simAdmin.operations();
        List<Double> firstPut = new ArrayList<>();
        List<Double> bastionPut = new ArrayList<>();
        List<Double> vnetToBastion = new ArrayList<>();
        for (String key : keys) {
            LabTracker.LabState state = tracker.state(key);
            String group = BlueprintInputs.resourceGroupOf(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1), spec);
            List<Timeline.Operation> mine = operations.stream()
                    .filter(o -> group.equalsIgnoreCase(o.resourceGroup()) && o.method().equalsIgnoreCase("PUT")).toList();
            mine.stream().map(Timeline.Operation::startedAt).min(java.util.Comparator.naturalOrder())
                    .ifPresent(t -> firstPut.add(Timeline.seconds(state.createdAt, t, at.timeScale())));
            var bastion = mine.stream().filter(o -> o.resourceType().equalsIgnoreCase("Microsoft.Network/bastionHosts")).findFirst();
            // the Bastion waits for the network and its public IP: the later of their ends in the simulator
            var ready = mine.stream().filter(o -> o.endedAt() != null
                            && (o.resourceType().equalsIgnoreCase("Microsoft.Network/virtualNetworks")
                            || o.resourceId().toLowerCase(Locale.ROOT).endsWith("/publicipaddresses/mybastionip")))
                    .map(Timeline.Operation::endedAt).max(java.util.Comparator.naturalOrder());
            bastion.ifPresent(o -> bastionPut.add(Timeline.seconds(state.createdAt, o.startedAt(), at.timeScale())));
            if (bastion.isPresent() && ready.isPresent()) {
                vnetToBastion.add(Timeline.seconds(ready.get(), bastion.get().startedAt(), at.timeScale()));
            }
        }
        return String.format(Locale.ROOT, "from creation, p50 / max: first PUT %s / %s s, Bastion PUT %s / %s s; from the end "
                        + "of the network and the Bastion's IP in the simulator to the Bastion's PUT %s / %s s",
                pct(firstPut, 50), pct(firstPut, 100), pct(bastionPut, 50), pct(bastionPut, 100), pct(vnetToBastion, 50),
                pct(vnetToBastion, 100));
    }

    private static String pct(List<Double> values, int p) {
        return ReportWriter.num(OperatorBench.percentile(values.stream().sorted().toList(), p));
    }

    private static String joined(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static double cpuOf(List<ManagedProcess> processes) {
        return processes.stream().mapToDouble(o -> pid(o).stream().mapToDouble(ProcStats::cpuSeconds).sum()).sum();
    }

    private static double operatorCpu(ProcessMeter.Window window) {
        return window.processes().stream().filter(u -> u.name().startsWith("operator")).mapToDouble(BenchReport.Usage::cpuSeconds).sum();
    }

    /** The packaged operator with its production pacing converted to wall time with the time scale. */
    private ManagedProcess operator(Path dir, BenchSettings at, PackagedJar.Simulator simulator, String shard) throws IOException {
        String pod = shard.isEmpty() ? "lblab-operator-0" : "lblab-operator-" + shard + "-0";
        Map<String, String> env = new HashMap<>();
        env.put("LBLAB_AZURE_POLL_INTERVAL", at.config(at.pollSeconds()));
        env.put("LBLAB_AZURE_WRITE_BUDGET_BURST", String.valueOf(BenchSimulatorResource.WRITE_BURST));
        env.put("LBLAB_AZURE_WRITE_BUDGET_PER_SECOND",
                String.format(Locale.ROOT, "%.3f", BenchSimulatorResource.WRITES_PER_SECOND / at.timeScale()));
        env.put("LBLAB_AZURE_READ_BUDGET_PER_SECOND",
                String.format(Locale.ROOT, "%.3f", BenchSimulatorResource.READS_PER_SECOND / at.timeScale()));
        env.put("LBLAB_OPERATOR_DRIFT_INTERVAL", at.config(at.driftSeconds()));
        env.put("LBLAB_OPERATOR_DRIFT_JITTER", "0");
        env.put("LBLAB_OPERATOR_BUSY_RECHECK", at.config(BenchSimulatorResource.BUSY_RECHECK));
        env.put("LBLAB_OPERATOR_INITIAL_BACKOFF", at.config(BenchSimulatorResource.INITIAL_BACKOFF));
        env.put("LBLAB_OPERATOR_MAX_BACKOFF", at.config(BenchSimulatorResource.MAX_BACKOFF));
        if (!shard.isEmpty()) {
            env.put("LBLAB_OPERATOR_SHARD", shard);
        }
        // -Dbench.operatorJvmOptions=-XX:StartFlightRecording=... to profile the operator where it runs as in production
        String jvmOptions = System.getProperty("bench.operatorJvmOptions", "");
        if (!jvmOptions.isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", jvmOptions.replace("{pod}", pod));
        }
        return PackagedJar.operator(pod, operatorKubeconfig, simulator, dir.resolve(pod + ".log"), env);
    }

    /** Until the operator holds its Lease (so lab creation does not include its boot). */
    private void awaitLeader(String shard, ManagedProcess operator) throws Exception {
        String lease = shard.isEmpty() ? "lblab-operator" : "lblab-operator-" + shard;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            Lease current = admin.leases().inNamespace("lblab-system").withName(lease).get();
            if (current != null && current.getSpec() != null && operator.name().endsWith(String.valueOf(current.getSpec().getHolderIdentity()))) {
                return;
            }
            if (!operator.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(operator.name() + " did not take its Lease " + lease + "; " + operator.tail(30));
            }
            Thread.sleep(200);
        }
    }

    /** One small lab per shard through create and delete, so no measured run pays for first use (JIT, token, caches). */
    private void warmUp(String namespace, List<String> shards, BenchSettings at) throws Exception {
        LoadBalancerLabSpec spec = new LoadBalancerLabSpec(Mode.Public, null, null, null, null, new BastionSpec(false),
                null, null, null, null, null, null);
        List<String> keys = create(namespace, shards.size(), i -> spec, i -> shards.get(i));
        assertThat(tracker.awaitReady(keys, System.nanoTime() + at.wall(1200).toNanos() + Duration.ofSeconds(60).toNanos()))
                .as("warm-up labs Ready").isEmpty();
        delete(keys);
        assertThat(tracker.awaitGone(keys, System.nanoTime() + at.wall(3000).toNanos() + Duration.ofSeconds(60).toNanos()))
                .as("warm-up labs deleted").isEmpty();
        admin.namespaces().withName(namespace).delete();
    }

    private List<String> create(String namespace, int count, IntFunction<LoadBalancerLabSpec> spec, IntFunction<String> shard)
            throws Exception {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        List<LoadBalancerLab> labs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LoadBalancerLab lab = new LoadBalancerLab();
            lab.getMetadata().setNamespace(namespace);
            lab.getMetadata().setName(String.format(Locale.ROOT, "lab-%04d", i));
            String s = shard.apply(i);
            if (!s.isEmpty()) {
                lab.getMetadata().setLabels(Map.of(io.lblab.reconciler.Shard.LABEL, s));
            }
            lab.setSpec(spec.apply(i));
            labs.add(lab);
        }
        return LabBatch.create(admin, tracker, labs);
    }

    private void delete(List<String> keys) throws Exception {
        LabBatch.delete(admin, keys);
    }

    /**
     * Which shard reconciled which lab, from the operator's own log (it logs every Event it records on a lab as
     * {@code namespace/name Type Reason: message}): counts of labs named in the log of a shard other than their label's
     * ({@code both}), and of labs named in no log ({@code none}).
     */
    private static Map<String, Integer> shardCheck(List<String> keys, List<String> shards, List<ManagedProcess> operators)
            throws IOException {
        List<String> logs = new ArrayList<>();
        for (ManagedProcess op : operators) {
            logs.add(Files.readString(op.log()));
        }
        int both = 0;
        int none = 0;
        for (int i = 0; i < keys.size(); i++) {
            Pattern named = Pattern.compile(Pattern.quote(keys.get(i)) + "[ :]");
            int own = i % shards.size();
            boolean inOwn = named.matcher(logs.get(own)).find();
            boolean inOther = false;
            for (int j = 0; j < logs.size(); j++) {
                if (j != own && named.matcher(logs.get(j)).find()) {
                    inOther = true;
                }
            }
            both += inOther ? 1 : 0;
            none += !inOwn && !inOther ? 1 : 0;
        }
        return Map.of("both", both, "none", none);
    }

    private static List<Long> pid(ManagedProcess process) {
        return process.program().map(p -> List.of(p.pid())).orElse(List.of());
    }

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** {@code jcmd <pid> GC.run}, then the heap in use from {@code jcmd <pid> GC.heap_info}, in MiB; NaN if unknown. */
    static double heapAfterGcMiB(List<Long> pids) {
        if (pids.isEmpty()) {
            return Double.NaN;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            run(jcmd, pids.get(0).toString(), "GC.run");
            Matcher m = HEAP_USED.matcher(run(jcmd, pids.get(0).toString(), "GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
