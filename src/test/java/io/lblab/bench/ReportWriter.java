package io.lblab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes {@code report.json} (issue 6's keys, nothing else) and {@code report.md} (the same plus targets and context). */
public final class ReportWriter {

    public static final List<String> MODES = List.of("Public", "Internal");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(BenchReport report, Path directory, String svgFileName) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("report.json"), json(report), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("report.md"), markdown(report, svgFileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(BenchReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode single = root.putObject("single");
        for (String mode : MODES) {
            BenchReport.Single s = report.single().get(mode);
            ObjectNode node = single.putObject(mode);
            put(node, "readySeconds", s == null ? null : s.readySeconds(), 2);
            put(node, "criticalPathSeconds", s == null ? null : s.criticalPathSeconds(), 2);
            put(node, "seedSequentialSeconds", s == null ? null : s.seedSequentialSeconds(), 2);
            put(node, "writes", s == null ? null : s.writes());
            put(node, "reads", s == null ? null : s.reads());
            put(node, "seedWrites", s == null ? null : s.seedWrites());
            put(node, "seedReads", s == null ? null : s.seedReads());
        }
        BenchReport.SteadyState steady = report.steadyState();
        ObjectNode steadyNode = root.putObject("steadyState");
        put(steadyNode, "labs", steady == null ? null : (long) steady.labs());
        put(steadyNode, "periods", steady == null ? null : (long) steady.periods());
        put(steadyNode, "writesPerLabPerPeriod", steady == null ? null : steady.writesPerLabPerPeriod(), 3);
        put(steadyNode, "readsPerLabPerPeriod", steady == null ? null : steady.readsPerLabPerPeriod(), 3);
        ArrayNode scale = root.putArray("scale");
        for (BenchReport.Scale s : report.scale()) {
            ObjectNode node = scale.addObject();
            put(node, "labs", (long) s.labs());
            put(node, "allReadySeconds", s.allReadySeconds(), 2);
            put(node, "boundSeconds", s.boundSeconds(), 2);
            put(node, "p50ReadySeconds", s.p50ReadySeconds(), 2);
            put(node, "p95ReadySeconds", s.p95ReadySeconds(), 2);
            put(node, "throttled429", s.throttled429());
            put(node, "failedLabs", (long) s.failedLabs());
            put(node, "heapMiB", s.heapMiB(), 1);
            put(node, "cpuSeconds", s.cpuSeconds(), 2);
        }
        BenchReport.Teardown teardown = report.teardown();
        ObjectNode teardownNode = root.putObject("teardown");
        put(teardownNode, "labs", teardown == null ? null : (long) teardown.labs());
        put(teardownNode, "seconds", teardown == null ? null : teardown.seconds(), 2);
        ArrayNode processes = root.putArray("processes");
        for (BenchReport.ProcessRun r : report.processRuns()) {
            ObjectNode node = processes.addObject();
            node.put("scenario", r.scenario());
            put(node, "labs", (long) r.labs());
            node.put("timeScale", r.timeScale());
            put(node, "attempt", (long) r.attempt());
            node.put("kubernetesApi", r.kubernetesApi());
            if (r.harnessBound() == null) {
                node.putNull("harnessBound");
            } else {
                node.put("harnessBound", r.harnessBound());
            }
            put(node, "allReadySeconds", r.allReadySeconds(), 2);
            put(node, "boundSeconds", r.boundSeconds(), 2);
            put(node, "p50ReadySeconds", r.p50ReadySeconds(), 2);
            put(node, "p95ReadySeconds", r.p95ReadySeconds(), 2);
            put(node, "throttled429", r.throttled429());
            put(node, "requests", r.requests());
            put(node, "failedLabs", (long) r.failedLabs());
            put(node, "notReady", (long) r.notReady());
            put(node, "teardownSeconds", r.teardownSeconds(), 2);
            put(node, "operatorHeapMiB", r.operatorHeapMiB(), 1);
            put(node, "operatorCpuSecondsPerLab", r.operatorCpuSecondsPerLab(), 4);
            put(node, "steadyCpuMsPerLabPerPeriod", r.steadyCpuMsPerLabPerPeriod(), 3);
            put(node, "wallSeconds", r.wallSeconds(), 2);
            put(node, "machineBusyShare", r.machineBusyShare(), 3);
            put(node, "loadAverage", r.loadAverage(), 2);
            ArrayNode usage = node.putArray("processUsage");
            for (BenchReport.Usage u : r.processes()) {
                ObjectNode un = usage.addObject();
                un.put("name", u.name());
                put(un, "cpuSeconds", u.cpuSeconds(), 2);
                put(un, "shareOfCores", u.shareOfCores(), 3);
                put(un, "peakRssMiB", u.peakRssMiB(), 1);
            }
            if (r.check() != null) {
                node.put("check", r.check());
                node.put("checkPassed", r.checkPassed());
            }
            if (r.detail() != null) {
                node.put("detail", r.detail());
            }
            List<BenchReport.SubscriptionShare> shares = report.subscriptionShares(r);
            if (!shares.isEmpty()) {
                ArrayNode bySubscription = node.putArray("bySubscription");
                for (BenchReport.SubscriptionShare share : shares) {
                    ObjectNode sn = bySubscription.addObject();
                    sn.put("subscriptionId", share.subscriptionId());
                    put(sn, "labs", (long) share.subscriptionLabs());
                    put(sn, "allReadySeconds", share.allReadySeconds(), 2);
                    put(sn, "boundSeconds", share.boundSeconds(), 2);
                    put(sn, "p50ReadySeconds", share.p50ReadySeconds(), 2);
                    put(sn, "requests", share.requests());
                    put(sn, "writes", share.writes());
                    put(sn, "throttled429", share.throttled429());
                    put(sn, "notReady", (long) share.notReady());
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ObjectNode node, String key, Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(key);
        } else {
            node.put(key, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        }
    }

    private static void put(ObjectNode node, String key, Long value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    public static String markdown(BenchReport report, String svgFileName) {
        StringBuilder md = new StringBuilder();
        md.append("# lblab-operator benchmark\n\nRerun with `./mvnw -B -Pbench verify`; see docs/benchmark.md for the method.\n\n");
        BenchReport.Settings settings = report.settings();
        if (settings != null) {
            md.append(fmt("Run %s. Simulator profile `%s`, time scale %s (1 simulated second = %s ms of wall time). "
                            + "All durations are simulated seconds. Long-running operations polled every %s s "
                            + "(operator and sample alike) unless the simulator sends `Retry-After`; drift check every %s s. "
                            + "ARM throttling on: writes %d burst + %s/s, reads %d burst + %s/s; the operator's own "
                            + "write budget %d burst + %s/s.%s\n\n",
                    settings.startedAt(), settings.profile(), num(settings.timeScale()), num(settings.timeScale() * 1000),
                    num(settings.pollSeconds()), num(settings.driftSeconds()), settings.writeBurst(),
                    num(settings.writesPerSecond()), settings.readBurst(), num(settings.readsPerSecond()),
                    settings.operatorWriteBurst(), num(settings.operatorWritesPerSecond()),
                    settings.full() ? " Full run (`-Dbench.full`)." : ""));
        }
        md.append("## Targets\n\n| Scenario | Target | Measured | |\n|---|---|---|---|\n");
        for (Targets.Target t : Targets.judge(report)) {
            md.append("| ").append(t.scenario()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
                    .append(" | ").append(t.verdict()).append(" |\n");
        }
        md.append("\n## One lab per mode: operator against the sample's sequential flow\n\n");
        md.append("| Mode | readySeconds | criticalPathSeconds | seedSequentialSeconds | seed ÷ ready | writes | seedWrites | reads | seedReads | critical path |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String mode : MODES) {
            BenchReport.Single s = report.single().get(mode);
            if (s == null) {
                md.append("| ").append(mode).append(" | not run | | | | | | | | |\n");
                continue;
            }
            md.append(fmt("| %s | %s | %s | %s | %s× | %d | %d | %d | %d | %s |\n", mode, num(s.readySeconds()),
                    num(s.criticalPathSeconds()), num(s.seedSequentialSeconds()),
                    num(s.seedSequentialSeconds() / s.readySeconds()), s.writes(), s.seedWrites(), s.reads(),
                    s.seedReads(), String.join(" → ", s.criticalPath())));
        }
        if (report.single().values().stream().anyMatch(s -> s.seedNominalSeconds() > 0)) {
            md.append("\nThe sample's nominal time (the sum of the simulator's durations of its operations, with no "
                    + "polling or client overhead): ");
            md.append(String.join(", ", MODES.stream().filter(report.single()::containsKey)
                    .map(m -> m + " " + num(report.single().get(m).seedNominalSeconds()) + " s").toList()));
            md.append(".\n");
        }
        md.append("\n## Steady state\n\n");
        BenchReport.SteadyState steady = report.steadyState();
        if (steady == null) {
            md.append("Not run.\n");
        } else {
            md.append("| labs | periods | writes per lab per period | reads per lab per period |\n|---|---|---|---|\n");
            md.append(fmt("| %d | %d | %s | %s |\n", steady.labs(), steady.periods(), num3(steady.writesPerLabPerPeriod()),
                    num3(steady.readsPerLabPerPeriod())));
        }
        md.append("\n## Scale (all labs created at once, ARM throttling on)\n\n");
        if (report.scale().isEmpty()) {
            md.append("Not run.\n");
        } else {
            md.append("| labs | allReadySeconds | boundSeconds | allReady ÷ bound | p50ReadySeconds | p95ReadySeconds "
                    + "| throttled429 | requests | failedLabs | heapMiB | cpuSeconds | writes | reads | Bastion |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (BenchReport.Scale s : report.scale()) {
                md.append(fmt("| %d | %s | %s | %s | %s | %s | %d | %d | %d | %s | %s | %d | %d | %s |\n", s.labs(),
                        num(s.allReadySeconds()), num(s.boundSeconds()), num3(s.allReadySeconds() / s.boundSeconds()),
                        num(s.p50ReadySeconds()), num(s.p95ReadySeconds()), s.throttled429(), s.requests(),
                        s.failedLabs(), num(s.heapMiB()), num(s.cpuSeconds()), s.writes(), s.reads(),
                        s.bastion() ? "yes" : "no"));
            }
            md.append("\nboundSeconds = max(critical path, (writes − ARM's write burst) ÷ ARM's write refill rate), with one "
                    + "write per resource of the blueprint. heapMiB is the whole test JVM's heap after `System.gc()` "
                    + "(operator, Kubernetes mock server and simulator together); cpuSeconds is the process's CPU "
                    + "time during the run, in wall seconds, likewise for all three.\n");
        }
        if (!report.processRuns().isEmpty()) {
            md.append(processes(report));
        }
        md.append("\n## Teardown\n\n");
        BenchReport.Teardown teardown = report.teardown();
        md.append(teardown == null ? "Not run.\n"
                : fmt("%d labs deleted at once: %s s until every finalizer was released.\n", teardown.labs(), num(teardown.seconds())));
        if (svgFileName != null) {
            md.append("\n## Timeline of one Public lab\n\n![timeline](").append(svgFileName).append(")\n");
        }
        if (!report.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /** The separate-process runs: one row per attempt, then each attempt's processes. */
    static String processes(BenchReport report) {
        StringBuilder md = new StringBuilder("\n## Scale with the operator, simulator and Kubernetes API as separate processes\n\n");
        BenchReport.ProcessRun first = report.processRuns().get(0);
        md.append("Kubernetes API: ").append(first.kubernetesApi()).append(". A run is **harness-bound** when a process or the "
                + "machine used more than 80% of the cores from creation until all Ready; it is not counted against a target "
                + "and the scenario is rerun at twice the time scale.\n\n");
        md.append("| scenario | labs | time scale | attempt | allReadySeconds | boundSeconds | allReady ÷ bound | p50 | p95 "
                + "| 429 / requests | failed / not Ready | teardown s | operator heap after GC MiB | operator CPU s per lab "
                + "| steady CPU ms per lab per period | machine busy | load | harness-bound |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchReport.ProcessRun r : report.processRuns()) {
            md.append(fmt("| %s | %d | %s | %d | %s | %s | %s | %s | %s | %d / %d | %d / %d | %s | %s | %s | %s | %.0f%% | %s | %s |\n",
                    r.scenario(), r.labs(), num(r.timeScale()), r.attempt(), num(r.allReadySeconds()), num(r.boundSeconds()),
                    num3(r.allReadySeconds() / r.boundSeconds()), num(r.p50ReadySeconds()), num(r.p95ReadySeconds()),
                    r.throttled429(), r.requests(), r.failedLabs(), r.notReady(), num(r.teardownSeconds()),
                    num(r.operatorHeapMiB()), num3(r.operatorCpuSecondsPerLab()), num(r.steadyCpuMsPerLabPerPeriod()),
                    r.machineBusyShare() * 100, num(r.loadAverage()), r.harnessBound() == null ? "no" : "**yes**: " + r.harnessBound()));
        }
        md.append("\nPer process, from creation until all Ready (CPU seconds in wall time, share of all cores, peak RSS since "
                + "the process started):\n\n| scenario | labs | time scale | process | CPU s | share of cores | peak RSS MiB |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (BenchReport.ProcessRun r : report.processRuns()) {
            for (BenchReport.Usage u : r.processes()) {
                md.append(fmt("| %s | %d | %s | %s | %s | %.0f%% | %s |\n", r.scenario(), r.labs(), num(r.timeScale()), u.name(),
                        num(u.cpuSeconds()), u.shareOfCores() * 100, num(u.peakRssMiB())));
            }
        }
        for (BenchReport.ProcessRun r : report.processRuns()) {
            if (r.detail() != null) {
                md.append(fmt("\n%s, %d labs, time scale %s: %s\n", r.scenario(), r.labs(), num(r.timeScale()), r.detail()));
            }
        }
        if (!report.subscriptionShares().isEmpty()) {
            md.append("\nPer subscription (`subscriptions`: half of the labs name a credentials Secret for each of the simulator's "
                    + "two subscriptions; each subscription's bound is max(critical path, its own writes' ARM write-budget time)):\n\n"
                    + "| labs | time scale | attempt | subscription | its labs | allReadySeconds | boundSeconds | allReady ÷ bound "
                    + "| p50 | writes | 429 / requests | not Ready |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (BenchReport.SubscriptionShare s : report.subscriptionShares()) {
                md.append(fmt("| %d | %s | %d | %s | %d | %s | %s | %s | %s | %d | %d / %d | %d |\n", s.labs(), num(s.timeScale()),
                        s.attempt(), s.subscriptionId(), s.subscriptionLabs(), num(s.allReadySeconds()), num(s.boundSeconds()),
                        num3(s.allReadySeconds() / s.boundSeconds()), num(s.p50ReadySeconds()), s.writes(), s.throttled429(),
                        s.requests(), s.notReady()));
            }
        }
        return md.toString();
    }

    private static final ObjectMapper STATE = new ObjectMapper()
            .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.ALL, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
            .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * The whole report as the next phase of the build reads it back ({@code report-state.json}): the in-JVM scenarios
     * run in the test phase, the separate-process ones after {@code package}, and both go into one report.
     */
    public static void saveState(BenchReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("report-state.json"), STATE.writeValueAsString(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state {@link #saveState} left, or an empty report when there is none. */
    public static BenchReport loadState(Path directory) {
        Path file = directory.resolve("report-state.json");
        if (!Files.exists(file)) {
            return new BenchReport();
        }
        try {
            return STATE.readValue(file.toFile(), BenchReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return BigDecimal.valueOf(value).setScale(value >= 1000 ? 0 : value >= 10 ? 1 : 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    static String num3(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
