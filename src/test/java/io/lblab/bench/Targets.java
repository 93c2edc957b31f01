package io.lblab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Issue 6's targets, judged against a report. The benchmark reports them; it never fails the build on them. */
public final class Targets {

    public static final double READY_OVER_CRITICAL_PATH = 1.10;
    public static final double SPEEDUP_OVER_SAMPLE = 1.5;
    public static final double WRITES_SHARE_OF_SAMPLE = 0.60;
    public static final double STEADY_READS_PER_LAB_PER_PERIOD = 1.5;
    public static final int SCALE_LABS = 100;
    public static final double ALL_READY_OVER_BOUND = 1.25;
    public static final double THROTTLED_SHARE = 0.01;

    /**
     * @param met null when the scenario did not run
     */
    public record Target(String scenario, String goal, String measured, Boolean met) {
        public String verdict() {
            return met == null ? "not run" : met ? "met" : "missed";
        }
    }

    private Targets() {
    }

    public static List<Target> judge(BenchReport report) {
        List<Target> targets = new ArrayList<>();
        for (String mode : List.of("Public", "Internal")) {
            BenchReport.Single s = report.single().get(mode);
            String scenario = "one lab, " + mode;
            if (s == null) {
                targets.add(new Target(scenario, "readySeconds ≤ 1.10 × criticalPathSeconds", "-", null));
                targets.add(new Target(scenario, "seedSequentialSeconds ÷ readySeconds ≥ 1.5", "-", null));
                targets.add(new Target(scenario, "writes ≤ 60% of seedWrites", "-", null));
                continue;
            }
            double overPath = s.readySeconds() / s.criticalPathSeconds();
            targets.add(new Target(scenario, "readySeconds ≤ 1.10 × criticalPathSeconds",
                    fmt("%.1f s = %.3f × %.1f s", s.readySeconds(), overPath, s.criticalPathSeconds()),
                    overPath <= READY_OVER_CRITICAL_PATH));
            double speedup = s.seedSequentialSeconds() / s.readySeconds();
            targets.add(new Target(scenario, "seedSequentialSeconds ÷ readySeconds ≥ 1.5",
                    fmt("%.1f s ÷ %.1f s = %.2f×", s.seedSequentialSeconds(), s.readySeconds(), speedup),
                    speedup >= SPEEDUP_OVER_SAMPLE));
            double share = (double) s.writes() / s.seedWrites();
            targets.add(new Target(scenario, "writes ≤ 60% of seedWrites",
                    fmt("%d of %d = %.0f%%", s.writes(), s.seedWrites(), share * 100), share <= WRITES_SHARE_OF_SAMPLE));
        }
        BenchReport.SteadyState steady = report.steadyState();
        targets.add(steady == null ? new Target("steady state", "0 writes per lab per period", "-", null)
                : new Target("steady state", "0 writes per lab per period",
                fmt("%.3f", steady.writesPerLabPerPeriod()), steady.writesPerLabPerPeriod() == 0));
        targets.add(steady == null ? new Target("steady state", "≤ 1.5 reads per lab per period", "-", null)
                : new Target("steady state", "≤ 1.5 reads per lab per period",
                fmt("%.3f", steady.readsPerLabPerPeriod()), steady.readsPerLabPerPeriod() <= STEADY_READS_PER_LAB_PER_PERIOD));
        BenchReport.Scale hundred = report.scale().stream().filter(s -> s.labs() == SCALE_LABS).findFirst().orElse(null);
        String scenario = SCALE_LABS + " labs";
        if (hundred == null) {
            targets.add(new Target(scenario, "all Ready, none failed", "-", null));
            targets.add(new Target(scenario, "allReadySeconds ≤ 1.25 × boundSeconds", "-", null));
            targets.add(new Target(scenario, "429s < 1% of requests", "-", null));
        } else {
            targets.add(new Target(scenario, "all Ready, none failed", fmt("%d failed", hundred.failedLabs()),
                    hundred.failedLabs() == 0));
            double overBound = hundred.allReadySeconds() / hundred.boundSeconds();
            targets.add(new Target(scenario, "allReadySeconds ≤ 1.25 × boundSeconds",
                    fmt("%.1f s = %.3f × %.1f s", hundred.allReadySeconds(), overBound, hundred.boundSeconds()),
                    overBound <= ALL_READY_OVER_BOUND));
            double share = hundred.requests() == 0 ? 0 : (double) hundred.throttled429() / hundred.requests();
            targets.add(new Target(scenario, "429s < 1% of requests",
                    fmt("%d of %d = %.2f%%", hundred.throttled429(), hundred.requests(), share * 100),
                    share < THROTTLED_SHARE));
        }
        return targets;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
