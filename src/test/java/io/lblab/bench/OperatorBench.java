package io.lblab.bench;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.lblab.api.BastionSpec;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.api.SecretReference;
import io.lblab.azure.AzureHttpClients;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.sim.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark of issue 6, run by {@code ./mvnw -B -Pbench verify}: the operator, the Kubernetes mock server and
 * the ARM simulator ({@code realistic} profile, {@code -Dbench.timeScale}, default 0.01) in one process. Scenarios,
 * one after another on the same simulator: one lab per mode against the sample's sequential flow, steady state;
 * with {@code -Dbench.processes=false} also scale (10 and 100 labs, 1000 with {@code -Dbench.full}) and teardown, which
 * otherwise run in separate processes after {@code package} ({@link ScaleProcessesBench}). Writes {@code target/bench/report.json},
 * {@code report.md} and {@code timeline.svg}. Targets are reported, never asserted: the build fails only if the
 * harness itself breaks.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(value = BenchSimulatorResource.class, restrictToAnnotatedClass = true)
class OperatorBench {

    private static final Logger LOG = Logger.getLogger(OperatorBench.class);
    private static final Path OUTPUT = Path.of(System.getProperty("bench.output", "target/bench"));
    private static final SimulatorOptions.Throttling ARM = SimulatorOptions.Throttling.defaults();
    private static final String CREDENTIALS_SECRET = "bench-azure-credentials";

    @Inject
    KubernetesClient kubernetes;

    // read in the test, not injected: an injection point would be validated when other @QuarkusTest classes boot
    // the application without this test's resource, and fail them
    private String baseUrl;
    private String certificate;
    private String tenantId;
    private String clientId;
    private String clientSecret;
    private String subscriptionId;

    private final BenchSettings settings = BenchSettings.fromSystemProperties();
    private final PutDurations durations = SimulatorDurations.realistic();
    private final LabTracker tracker = new LabTracker();
    private final BenchReport report = new BenchReport();
    private final List<Timeline> timelines = new ArrayList<>();
    private final List<Double> teardownSeconds = new ArrayList<>();
    private final HiccupMeter hiccups = new HiccupMeter();
    private SimAdminClient admin;
    private SampleSequentialFlow sample;

    @Test
    void benchmark() throws Exception {
        Config config = ConfigProvider.getConfig();
        baseUrl = config.getValue("bench.sim.base-url", String.class);
        certificate = config.getValue("bench.sim.certificate", String.class);
        tenantId = config.getValue("bench.sim.tenant-id", String.class);
        clientId = config.getValue("bench.sim.client-id", String.class);
        clientSecret = config.getValue("bench.sim.client-secret", String.class);
        subscriptionId = config.getValue("bench.sim.subscription-id", String.class);
        assertThat(config.getValue("lblab.azure.resource-manager-endpoint", String.class))
                .as("the operator talks to the bench's simulator").isEqualTo(baseUrl);
        SimConnection sim = new SimConnection(baseUrl, AzureHttpClients.sslContextTrusting(Path.of(certificate)), tenantId,
                clientId, clientSecret, subscriptionId);
        admin = new SimAdminClient(sim);
        sample = new SampleSequentialFlow(sim, settings.wall(settings.pollSeconds()));
        report.settings(new BenchReport.Settings(settings.timeScale(), "realistic", settings.pollSeconds(),
                settings.driftSeconds(), ARM.writeBurst(), ARM.writesPerSecond(), ARM.readBurst(), ARM.readsPerSecond(),
                BenchSimulatorResource.WRITE_BURST, BenchSimulatorResource.WRITES_PER_SECOND, settings.full(),
                Instant.now().toString()));
        Files.deleteIfExists(OUTPUT.resolve("runs.txt"));
        SharedIndexInformer<LoadBalancerLab> informer = kubernetes.resources(LoadBalancerLab.class).inAnyNamespace()
                .inform(tracker, 0);
        Instant started = Instant.now();
        var system = ManagementFactory.getOperatingSystemMXBean();
        report.note(String.format(Locale.ROOT, "Machine: %d cores; load average %.2f at the start", system.getAvailableProcessors(),
                system.getSystemLoadAverage()));
        boolean inProcessScale = settings.runs("scale") && !settings.processes();
        try {
            if (settings.runs("single") || settings.runs("steady") || inProcessScale) {
                warmUp();
            }
            if (settings.runs("single")) {
                for (Mode mode : Mode.values()) {
                    report.single(mode.name(), single(mode));
                }
            }
            if (settings.runs("steady")) {
                report.steadyState(steadyState());
            }
            // the scale scenarios run in separate processes after package (ScaleProcessesBench) unless -Dbench.processes=false
            if (inProcessScale) {
                scale(10, false);
                scale(100, true);
                if (settings.full()) {
                    scale(1000, false);
                }
            }
        } catch (Throwable t) {
            report.note("The run stopped early: " + t);
            throw t;
        } finally {
            informer.stop();
            hiccups.close();
            report.note(String.format(Locale.ROOT, "Wall time of the scenarios: %.0f s; load average %.2f at the end.",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0, system.getSystemLoadAverage()));
            Files.createDirectories(OUTPUT);
            if (!timelines.isEmpty()) {
                Files.writeString(OUTPUT.resolve("timeline.svg"), TimelineSvg.render(
                        "One Public lab: each PUT from request to Succeeded (simulated seconds from the start)", timelines));
            }
            ReportWriter.write(report, OUTPUT, timelines.isEmpty() ? null : "timeline.svg");
            ReportWriter.saveState(report, OUTPUT);
            LOG.infof("benchmark report written to %s", OUTPUT.toAbsolutePath());
            System.out.println(Files.readString(OUTPUT.resolve("report.md")));
        }
        assertThat(OUTPUT.resolve("report.json")).exists();
    }

    /** A lab of the sample's defaults, with or without Bastion, naming the bench's credentials Secret if so configured. */
    private LoadBalancerLabSpec spec(Mode mode, boolean bastion) {
        return new LoadBalancerLabSpec(mode, null, null,
                settings.credentialsSecret() ? new SecretReference(CREDENTIALS_SECRET) : null, null, new BastionSpec(bastion),
                null, null, null, null, null, null);
    }

    /** One small lab through create and delete, and the sample's token, so no scenario pays for first use. */
    private void warmUp() throws Exception {
        sample.warmUp();
        LoadBalancerLabSpec spec = spec(Mode.Public, false);
        List<String> keys = create("bench-warm-up", "warm-up", 1, i -> spec);
        List<String> notReady = tracker.awaitReady(keys, deadline(600));
        assertThat(notReady).as("warm-up lab Ready").isEmpty();
        delete(keys);
        assertThat(tracker.awaitGone(keys, deadline(3000))).as("warm-up lab deleted").isEmpty();
        admin.reset();
    }

    /** One run of one flow: simulated seconds to done, its request counts, and its timeline. */
    private record Run(double seconds, SimAdminClient.Counts counts, Timeline timeline, double nominalSeconds) {
    }

    /**
     * The operator's lab and the sample's flow, {@code bench.repeat} times each, alternating so that both see the
     * same machine; the median of each figure is reported, and the timeline of the median runs is drawn.
     */
    private BenchReport.Single single(Mode mode) throws Exception {
        String namespace = "bench-single";
        String name = mode.name().toLowerCase(Locale.ROOT);
        LoadBalancerLabSpec spec = spec(mode, true);
        CriticalPath path = CriticalPath.of(blueprint(namespace, name, spec), durations);
        List<Run> operatorRuns = new ArrayList<>();
        List<Run> sampleRuns = new ArrayList<>();
        for (int i = 0; i < settings.repeat(); i++) {
            operatorRuns.add(operatorLab(mode, namespace, name, spec, path));
            sampleRuns.add(sampleFlow(mode));
        }
        Run operator = medianRun(operatorRuns);
        Run seed = medianRun(sampleRuns);
        if (mode == Mode.Public) {
            timelines.add(operator.timeline());
            timelines.add(seed.timeline());
        }
        report.note(String.format(Locale.ROOT, "one lab, %s, %d runs each: operator Ready after %s s; sample done after %s s; "
                        + "deleting the operator's lab took %s s", mode, settings.repeat(), runs(operatorRuns), runs(sampleRuns),
                String.join(", ", teardownSeconds.stream().map(ReportWriter::num).toList())));
        teardownSeconds.clear();
        return new BenchReport.Single(operator.seconds(), path.seconds(), seed.seconds(),
                median(operatorRuns, r -> r.counts().writes()), median(operatorRuns, r -> r.counts().reads()),
                median(sampleRuns, r -> r.counts().writes()), median(sampleRuns, r -> r.counts().reads()),
                path.steps(), seed.nominalSeconds());
    }

    private Run operatorLab(Mode mode, String namespace, String name, LoadBalancerLabSpec spec, CriticalPath path) throws Exception {
        SimAdminClient.Counts before = admin.counts();
        Map<String, Long> statusBefore = byStatus();
        long[] gcBefore = gc();
        hiccups.takeSummary();
        List<String> keys = create(namespace, name, 1, i -> spec);
        List<String> notReady = tracker.awaitReady(keys, deadline(path.seconds() * 3 + 600));
        SimAdminClient.Counts counts = admin.counts().minus(before);
        LabTracker.LabState state = tracker.state(keys.get(0));
        if (!notReady.isEmpty()) {
            report.note(mode + " lab not Ready in time; last reason " + state.lastReason);
        }
        double ready = notReady.isEmpty() ? settings.simulatedNanos(state.readyNanos - state.createdNanos) : Double.NaN;
        Timeline timeline = Timeline.of("Operator: LoadBalancerLab " + namespace + "/" + name + " (until Ready)",
                admin.operations(), BlueprintInputs.resourceGroupOf(namespace, name, spec), state.createdAt,
                settings.timeScale(), ready);
        Map<String, Long> statuses = byStatus();
        statusBefore.forEach((k, v) -> statuses.merge(k, -v, Long::sum));
        statuses.values().removeIf(v -> v == 0);
        long[] gcAfter = gc();
        detail("operator " + mode + ": Ready after " + ReportWriter.num(ready) + " s; responses by status " + statuses
                + String.format(Locale.ROOT, "; %d GCs, %d ms of GC; %s; load average %.2f", gcAfter[0] - gcBefore[0],
                gcAfter[1] - gcBefore[1], hiccups.takeSummary(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + "\n  Ready condition as it changed:\n" + String.join("\n", state.history.stream().map(h -> "    "
                + ReportWriter.num(settings.simulatedNanos(Long.parseLong(h.substring(0, h.indexOf("ns "))))) + " s "
                + h.substring(h.indexOf("ns ") + 3)).toList()), timeline);
        long deleting = System.nanoTime();
        delete(keys);
        tracker.awaitGone(keys, deadline(3000));
        teardownSeconds.add(settings.simulatedNanos(tracker.state(keys.get(0)).goneNanos - deleting));
        admin.reset();
        return new Run(ready, counts, timeline, Double.NaN);
    }

    private Run sampleFlow(Mode mode) throws java.io.IOException {
        SimAdminClient.Counts before = admin.counts();
        long[] gcBefore = gc();
        hiccups.takeSummary();
        SampleSequentialFlow.Result run = sample.run(mode);
        SimAdminClient.Counts counts = admin.counts().minus(before);
        double seconds = settings.simulated(run.elapsed());
        List<Timeline.Operation> operations = admin.operations().stream()
                .filter(o -> run.resourceGroup().equalsIgnoreCase(o.resourceGroup()) && o.method().equalsIgnoreCase("PUT"))
                .toList();
        double nominal = operations.stream().mapToDouble(Timeline.Operation::simulatedSeconds).sum();
        Timeline timeline = Timeline.of("Sample's sequential flow (" + run.resourceGroup() + ")", operations,
                run.resourceGroup(), run.start(), settings.timeScale(), seconds);
        long[] gcAfter = gc();
        detail("sample " + mode + ": done after " + ReportWriter.num(seconds) + " s" + String.format(Locale.ROOT,
                "; %d GCs, %d ms of GC; %s; load average %.2f", gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                hiccups.takeSummary(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()), timeline);
        sample.deleteResourceGroup(mode);
        admin.reset();
        return new Run(seconds, counts, timeline, nominal);
    }

    /** The run with the median time (NaN, a run that never finished, sorts last). */
    private static Run medianRun(List<Run> runs) {
        List<Run> sorted = runs.stream().sorted(Comparator.comparingDouble(r -> Double.isNaN(r.seconds()) ? Double.MAX_VALUE : r.seconds())).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> value) {
        List<Long> sorted = runs.stream().map(value::applyAsLong).sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String runs(List<Run> runs) {
        return String.join(", ", runs.stream().map(r -> ReportWriter.num(r.seconds())).toList());
    }

    private BenchReport.SteadyState steadyState() throws Exception {
        int labs = settings.steadyLabs();
        List<String> keys = create("bench-steady", "steady", labs, i -> spec(i % 2 == 0 ? Mode.Public : Mode.Internal, true));
        List<String> notReady = tracker.awaitReady(keys, deadline(3 * 604 + 600));
        if (!notReady.isEmpty()) {
            report.note("steady state: " + notReady.size() + " labs not Ready in time: " + reasons(notReady));
        }
        SimAdminClient.Counts before = admin.counts();
        Map<String, Long> typesBefore = byTypeAndMethod();
        // each lab checks once per period; half a period of margin so no check straddles the end
        Thread.sleep(settings.wall(settings.driftSeconds() * (settings.periods() + 0.5)).toMillis());
        SimAdminClient.Counts during = admin.counts().minus(before);
        Map<String, Long> byType = byTypeAndMethod();
        typesBefore.forEach((k, v) -> byType.merge(k, -v, Long::sum));
        byType.values().removeIf(v -> v == 0);
        int ready = labs - notReady.size();
        report.note(String.format(Locale.ROOT, "steady state: %d requests in %d periods of %d labs, by type and method: %s",
                during.requests(), settings.periods(), ready, byType));
        teardown(keys, null);
        admin.reset();
        double perLabPeriod = (double) ready * settings.periods();
        return new BenchReport.SteadyState(ready, settings.periods(), during.writes() / perLabPeriod, during.reads() / perLabPeriod);
    }

    private void scale(int labs, boolean reportTeardown) throws Exception {
        LoadBalancerLabSpec spec = spec(Mode.Public, settings.scaleBastion());
        String namespace = "bench-scale-" + labs;
        Blueprint blueprint = blueprint(namespace, "lab", spec);
        CriticalPath path = CriticalPath.of(blueprint, durations);
        double budget = ScaleBound.writeBudgetSeconds((long) labs * blueprint.stepCount(), ARM.writeBurst(), ARM.writesPerSecond());
        double bound = Math.max(path.seconds(), budget);
        // let the operator's own write budget refill as well
        Thread.sleep(settings.wall(BenchSimulatorResource.WRITE_BURST / BenchSimulatorResource.WRITES_PER_SECOND + 1).toMillis());
        System.gc();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        Map<Long, Long> threadCpuBefore = threadCpu();
        SimAdminClient.Counts before = admin.counts();
        long start = System.nanoTime();
        List<String> keys = create(namespace, "lab", labs, i -> spec);
        // the harness is CPU-bound at scale (about 0.15 CPU seconds per lab on top of the simulated time)
        List<String> notReady = tracker.awaitReady(keys, deadline(bound * 3 + 600) + Duration.ofMillis(200L * labs).toNanos());
        long end = keys.stream().mapToLong(k -> tracker.state(k).readyNanos).max().orElse(System.nanoTime());
        if (!notReady.isEmpty()) {
            end = System.nanoTime();
        }
        long cpu = os.getProcessCpuTime() - cpuBefore;
        SimAdminClient.Counts counts = admin.counts().minus(before);
        report.note(String.format(Locale.ROOT, "%d labs: process CPU %.1f s in %.1f s of wall time (%.0f%% of %d cores); %s",
                labs, cpu / 1e9, (end - start) / 1e9, 100.0 * cpu / (end - start) / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors(), phases(namespace, keys)));
        report.note(labs + " labs: CPU by thread group (threads alive at the end): " + cpuByThreadGroup(threadCpuBefore));
        System.gc();
        System.gc();
        double heapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
        List<Double> perLab = keys.stream().map(tracker::state).filter(s -> s.readyNanos != 0)
                .map(s -> settings.simulatedNanos(s.readyNanos - s.createdNanos)).sorted().toList();
        long everFailed = keys.stream().filter(k -> tracker.state(k).failure != null).count();
        if (everFailed > 0) {
            report.note(labs + " labs: " + everFailed + " labs were reported Failed on the way: " + failures(keys));
        }
        if (!notReady.isEmpty()) {
            report.note(labs + " labs: " + notReady.size() + " not Ready in time: " + reasons(notReady));
        }
        BenchReport.Scale result = new BenchReport.Scale(labs, settings.simulatedNanos(end - start), bound,
                percentile(perLab, 50), percentile(perLab, 95), counts.throttled429(), notReady.size(), heapMiB,
                cpu / 1e9, counts.requests(), counts.writes(), counts.reads(), settings.scaleBastion(), path.seconds(), budget);
        report.scale(result);
        LOG.infof("scale %d: %s", labs, result);
        teardown(keys, reportTeardown ? labs : null);
        admin.reset();
    }

    /** Deletes the labs at once and waits until every finalizer is released; reports it when {@code labs} is set. */
    private void teardown(List<String> keys, Integer labs) throws Exception {
        long start = System.nanoTime();
        delete(keys);
        List<String> left = tracker.awaitGone(keys, deadline(6000) + Duration.ofMillis(200L * keys.size()).toNanos());
        long end = keys.stream().mapToLong(k -> tracker.state(k).goneNanos).max().orElse(System.nanoTime());
        if (!left.isEmpty()) {
            report.note("teardown: " + left.size() + " labs still present after the deadline: " + reasons(left));
            end = System.nanoTime();
        }
        if (labs != null) {
            report.teardown(new BenchReport.Teardown(labs, settings.simulatedNanos(end - start)));
        }
    }

    private List<String> create(String namespace, String prefix, int count, IntFunction<LoadBalancerLabSpec> spec) throws Exception {
        if (settings.credentialsSecret()) {
            kubernetes.secrets().inNamespace(namespace).resource(new SecretBuilder()
                    .withNewMetadata().withName(CREDENTIALS_SECRET).withNamespace(namespace).endMetadata()
                    .withStringData(Map.of("AZURE_TENANT_ID", tenantId, "AZURE_CLIENT_ID", clientId,
                            "AZURE_CLIENT_SECRET", clientSecret, "AZURE_SUBSCRIPTION_ID", subscriptionId))
                    .build()).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        }
        List<LoadBalancerLab> labs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LoadBalancerLab lab = new LoadBalancerLab();
            lab.getMetadata().setNamespace(namespace);
            lab.getMetadata().setName(count == 1 ? prefix : String.format(Locale.ROOT, "%s-%04d", prefix, i));
            lab.setSpec(spec.apply(i));
            labs.add(lab);
        }
        return LabBatch.create(kubernetes, tracker, labs);
    }

    private void delete(List<String> keys) throws Exception {
        LabBatch.delete(kubernetes, keys);
    }

    private Blueprint blueprint(String namespace, String name, LoadBalancerLabSpec spec) {
        return Blueprints.of(new BlueprintInputs(namespace, name, "bench", subscriptionId, spec, "unused"));
    }

    private long deadline(double simulatedSeconds) {
        return System.nanoTime() + settings.wall(simulatedSeconds).toNanos() + Duration.ofSeconds(30).toNanos();
    }

    private String reasons(List<String> keys) {
        Map<String, Long> counts = new TreeMap<>();
        keys.forEach(k -> counts.merge(String.valueOf(tracker.state(k).lastReason), 1L, Long::sum));
        return counts.toString();
    }

    private String failures(List<String> keys) {
        Map<String, Long> counts = new TreeMap<>();
        keys.stream().map(tracker::state).filter(s -> s.failure != null)
                .forEach(s -> counts.merge(s.failure.length() > 200 ? s.failure.substring(0, 200) : s.failure, 1L, Long::sum));
        return counts.toString();
    }

    /**
     * Where each lab's time went, from the simulator's operation history: when its first PUT and its Bastion PUT
     * were sent and when the Bastion finished, relative to the lab's creation (p50 / max over the labs).
     */
    private String phases(String namespace, List<String> keys) {
        List<Timeline.Operation> operations = admin.operations();
        List<Double> firstPut = new ArrayList<>();
        List<Double> bastionPut = new ArrayList<>();
        List<Double> bastionDone = new ArrayList<>();
        for (String key : keys) {
            LabTracker.LabState state = tracker.state(key);
            String group = BlueprintInputs.resourceGroupOf(namespace, key.substring(key.indexOf('/') + 1), LoadBalancerLabSpec.of(Mode.Public));
            List<Timeline.Operation> mine = operations.stream()
                    .filter(o -> group.equalsIgnoreCase(o.resourceGroup()) && o.method().equalsIgnoreCase("PUT")).toList();
            mine.stream().map(Timeline.Operation::startedAt).min(Comparator.naturalOrder())
                    .ifPresent(t -> firstPut.add(Timeline.seconds(state.createdAt, t, settings.timeScale())));
            mine.stream().filter(o -> o.resourceType().equalsIgnoreCase("Microsoft.Network/bastionHosts")).findFirst().ifPresent(o -> {
                bastionPut.add(Timeline.seconds(state.createdAt, o.startedAt(), settings.timeScale()));
                if (o.endedAt() != null) {
                    bastionDone.add(Timeline.seconds(state.createdAt, o.endedAt(), settings.timeScale()));
                }
            });
        }
        return String.format(Locale.ROOT, "from creation, p50 / max: first PUT %s / %s s, Bastion PUT %s / %s s, Bastion done %s / %s s",
                ReportWriter.num(percentile(sorted(firstPut), 50)), ReportWriter.num(percentile(sorted(firstPut), 100)),
                ReportWriter.num(percentile(sorted(bastionPut), 50)), ReportWriter.num(percentile(sorted(bastionPut), 100)),
                ReportWriter.num(percentile(sorted(bastionDone), 50)), ReportWriter.num(percentile(sorted(bastionDone), 100)));
    }

    /** Collections and milliseconds spent in them so far, over all collectors. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private Map<String, Long> byStatus() {
        Map<String, Long> counts = new TreeMap<>();
        admin.stats().path("byStatus").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    /** Every one-lab run's PUTs, for looking into a slow run: {@code target/bench/runs.txt}. */
    private void detail(String heading, Timeline timeline) throws java.io.IOException {
        StringBuilder text = new StringBuilder(heading).append('\n');
        for (Timeline.Bar bar : timeline.bars()) {
            text.append(String.format(Locale.ROOT, "  %-28s %8.1f → %8.1f s%n", bar.label(), bar.startSeconds(), bar.endSeconds()));
        }
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("runs.txt"), text, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private Map<String, Long> byTypeAndMethod() {
        Map<String, Long> counts = new TreeMap<>();
        admin.stats().path("byType").fields().forEachRemaining(e -> e.getValue().fields()
                .forEachRemaining(m -> counts.merge(e.getKey() + " " + m.getKey(), m.getValue().asLong(), Long::sum)));
        return counts;
    }

    private static Map<Long, Long> threadCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long time = threads.getThreadCpuTime(id);
            if (time > 0) {
                cpu.put(id, time);
            }
        }
        return cpu;
    }

    /** CPU seconds per thread name with digits folded (vert.x-eventloop-thread-#, ReconcilerExecutor-#, ...), top 8. */
    private static String cpuByThreadGroup(Map<Long, Long> before) {
        var threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new java.util.HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long time = threads.getThreadCpuTime(info.getThreadId()) - before.getOrDefault(info.getThreadId(), 0L);
            if (time > 0) {
                groups.merge(info.getThreadName().replaceAll("\\d+", "#"), time, Long::sum);
            }
        }
        return groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue() / 1e9))
                .reduce((a, b) -> a + ", " + b).orElse("-");
    }

    private static List<Double> sorted(List<Double> values) {
        return values.stream().sorted().toList();
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.stream().sorted(Comparator.naturalOrder()).toList().get(Math.max(0, rank - 1));
    }
}
