package io.lblab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * CPU and memory of the bench's processes over a measured window, and the verdict whether the harness (not the
 * operator) limited the run: a process or the machine CPU-saturated, above {@link #SATURATED} of the cores over the
 * window, or the machine saturated in bursts (every core busy for more than {@link #BURSTS} of the window's seconds).
 * The bursts matter because the time scale compresses Azure's time but not CPU time: at 0.04, a second in which the
 * harness's processes queue for the cores is 25 simulated seconds added to every lab waiting in that queue.
 */
final class ProcessMeter {

    /** Share of the machine's cores above which a process, or the machine, counts as saturated. */
    static final double SATURATED = 0.80;
    /** A second in which the machine was at least this busy counts as saturated. */
    static final double FULL = 0.95;
    /** Share of the window's seconds that may be saturated before the run counts as harness-bound. */
    static final double BURSTS = 0.10;

    /**
     * The window: every process's usage, the machine's busy share and load average, the share of its seconds in which
     * the machine was saturated, and the verdict.
     */
    record Window(double wallSeconds, int cores, List<BenchReport.Usage> processes, double machineBusyShare, double loadAverage,
                  double saturatedShare) {

        /** Why the harness limited the run, or null when it did not. */
        String harnessBound() {
            return verdict(processes, machineBusyShare, saturatedShare, cores);
        }

        BenchReport.Usage process(String name) {
            return processes.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
        }
    }

    private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
    private final Map<String, Double> cpuBefore = new LinkedHashMap<>();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private ProcStats.Machine machineBefore;
    private long startNanos;
    private final List<Double> seconds = Collections.synchronizedList(new ArrayList<>());
    private ScheduledExecutorService sampler;

    /** A process group by name; its pids are looked up at each sample (processes may restart). */
    ProcessMeter add(String name, Supplier<List<Long>> pids) {
        groups.put(name, pids);
        return this;
    }

    void start() {
        cpuBefore.clear();
        groups.forEach((name, pids) -> cpuBefore.put(name, cpu(pids.get())));
        machineBefore = ProcStats.Machine.now();
        startNanos = System.nanoTime();
        seconds.clear();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-cpu-sampler");
            thread.setDaemon(true);
            return thread;
        });
        ProcStats.Machine[] last = {machineBefore};
        sampler.scheduleAtFixedRate(() -> {
            ProcStats.Machine now = ProcStats.Machine.now();
            seconds.add(now.busyShareSince(last[0]));
            last[0] = now;
        }, 1, 1, TimeUnit.SECONDS);
    }

    Window stop() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        sampler.shutdownNow();
        ProcStats.Machine machine = ProcStats.Machine.now();
        List<BenchReport.Usage> usages = new ArrayList<>();
        groups.forEach((name, supplier) -> {
            List<Long> pids = supplier.get();
            double cpu = cpu(pids) - cpuBefore.getOrDefault(name, 0.0);
            double rss = pids.stream().mapToDouble(ProcStats::peakRssMiB).sum();
            usages.add(new BenchReport.Usage(name, cpu, wall <= 0 ? 0 : cpu / wall / cores, rss));
        });
        double saturated;
        synchronized (seconds) {
            saturated = seconds.isEmpty() ? 0 : (double) seconds.stream().filter(b -> b >= FULL).count() / seconds.size();
        }
        return new Window(wall, cores, usages, machine.busyShareSince(machineBefore), ProcStats.loadAverage(), saturated);
    }

    private static double cpu(List<Long> pids) {
        return pids.stream().mapToDouble(ProcStats::cpuSeconds).sum();
    }

    /**
     * Null when no process and not the machine used more than {@link #SATURATED} of the cores, and the machine was
     * saturated in at most {@link #BURSTS} of the window's seconds; else why.
     */
    static String verdict(List<BenchReport.Usage> processes, double machineBusyShare, double saturatedShare, int cores) {
        List<String> reasons = new ArrayList<>();
        for (BenchReport.Usage u : processes) {
            if (u.shareOfCores() > SATURATED) {
                reasons.add(String.format(Locale.ROOT, "%s used %.0f%% of %d cores", u.name(), u.shareOfCores() * 100, cores));
            }
        }
        if (machineBusyShare > SATURATED) {
            reasons.add(String.format(Locale.ROOT, "the machine was %.0f%% busy", machineBusyShare * 100));
        } else if (saturatedShare > BURSTS) {
            reasons.add(String.format(Locale.ROOT, "the machine was %.0f%% busy, but saturated (%.0f%%+) in %.0f%% of the seconds",
                    machineBusyShare * 100, FULL * 100, saturatedShare * 100));
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }
}
