package io.lblab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU and memory of the bench's processes over a measured window, and the verdict whether the harness (not the
 * operator) limited the run: a process or the machine CPU-saturated, above {@link #SATURATED} of the cores.
 */
final class ProcessMeter {

    /** Share of the machine's cores above which a process, or the machine, counts as saturated. */
    static final double SATURATED = 0.80;

    /** The window: every process's usage, the machine's busy share and load average, and the verdict. */
    record Window(double wallSeconds, int cores, List<BenchReport.Usage> processes, double machineBusyShare, double loadAverage) {

        /** Why the harness limited the run, or null when it did not. */
        String harnessBound() {
            return verdict(processes, machineBusyShare, cores);
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
    }

    Window stop() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        ProcStats.Machine machine = ProcStats.Machine.now();
        List<BenchReport.Usage> usages = new ArrayList<>();
        groups.forEach((name, supplier) -> {
            List<Long> pids = supplier.get();
            double cpu = cpu(pids) - cpuBefore.getOrDefault(name, 0.0);
            double rss = pids.stream().mapToDouble(ProcStats::peakRssMiB).sum();
            usages.add(new BenchReport.Usage(name, cpu, wall <= 0 ? 0 : cpu / wall / cores, rss));
        });
        return new Window(wall, cores, usages, machine.busyShareSince(machineBefore), ProcStats.loadAverage());
    }

    private static double cpu(List<Long> pids) {
        return pids.stream().mapToDouble(ProcStats::cpuSeconds).sum();
    }

    /** Null when no process and not the machine used more than {@link #SATURATED} of the cores; else why. */
    static String verdict(List<BenchReport.Usage> processes, double machineBusyShare, int cores) {
        List<String> reasons = new ArrayList<>();
        for (BenchReport.Usage u : processes) {
            if (u.shareOfCores() > SATURATED) {
                reasons.add(String.format(Locale.ROOT, "%s used %.0f%% of %d cores", u.name(), u.shareOfCores() * 100, cores));
            }
        }
        if (machineBusyShare > SATURATED) {
            reasons.add(String.format(Locale.ROOT, "the machine was %.0f%% busy", machineBusyShare * 100));
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }
}
