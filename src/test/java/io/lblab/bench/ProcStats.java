package io.lblab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux says about a process and the machine: CPU seconds from {@code /proc/<pid>/stat} (utime + stime + cutime
 * + cstime, children it waited for included), peak resident set from {@code /proc/<pid>/status} ({@code VmHWM}), the
 * machine's busy and total CPU time from {@code /proc/stat}, and the load average. Missing files (another OS, a
 * process gone) read as 0.
 */
final class ProcStats {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux the bench runs on. */
    static final double TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** CPU seconds the process (and its waited-for children) used so far. */
    static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() ? 0 : cpuTicksOfStat(stat) / TICKS_PER_SECOND;
    }

    /** utime + stime + cutime + cstime of a {@code /proc/<pid>/stat} line (fields 14 to 17; the name may hold spaces). */
    static long cpuTicksOfStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14
        long ticks = 0;
        for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks;
    }

    /** Peak resident set in MiB ({@code VmHWM}), 0 when unknown. */
    static double peakRssMiB(long pid) {
        return statusKiB(read(Path.of("/proc", Long.toString(pid), "status")), "VmHWM") / 1024.0;
    }

    static long statusKiB(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** The machine's CPU time: busy and total ticks over all cores since boot. */
    record Machine(long busyTicks, long totalTicks) {
        static Machine now() {
            String stat = read(Path.of("/proc/stat"));
            return stat.isEmpty() ? new Machine(0, 0) : ofStatLine(stat.lines().findFirst().orElse(""));
        }

        /** The {@code cpu} line: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy. */
        static Machine ofStatLine(String line) {
            String[] f = line.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new Machine(total - idle, total);
        }

        /** Share of all cores busy between {@code earlier} and this, 0..1. */
        double busyShareSince(Machine earlier) {
            long total = totalTicks - earlier.totalTicks;
            return total <= 0 ? 0 : (double) (busyTicks - earlier.busyTicks) / total;
        }
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        String load = read(Path.of("/proc/loadavg"));
        return load.isEmpty() ? Double.NaN : Double.parseDouble(load.split("\\s+")[0]);
    }

    /** Processes under this JVM whose command ends with one of {@code names} (etcd, kube-apiserver, ...). */
    static List<ProcessHandle> descendantsNamed(List<String> names) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> names.stream().anyMatch(n -> c.endsWith("/" + n))).orElse(false))
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
