package io.lblab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured. Durations are simulated seconds (wall seconds ÷ time scale). Only the
 * fields named in issue 6 go to {@code report.json} (see {@link ReportWriter#json}); the rest is context for
 * {@code report.md}. A scenario that did not run stays null and is written as null.
 */
public final class BenchReport {

    /** How the run was set up. */
    public record Settings(double timeScale, String profile, double pollSeconds, double driftSeconds,
                           int writeBurst, double writesPerSecond, int readBurst, double readsPerSecond,
                           int operatorWriteBurst, double operatorWritesPerSecond, boolean full, String startedAt) {
    }

    /**
     * One lab of one mode, the operator against the sample's sequential flow.
     *
     * @param criticalPath       the steps of the critical path, resource group first
     * @param seedNominalSeconds sum of the simulator's durations of the sample's operations (its time with zero
     *                           polling and client overhead)
     */
    public record Single(double readySeconds, double criticalPathSeconds, double seedSequentialSeconds, long writes,
                         long reads, long seedWrites, long seedReads, List<String> criticalPath,
                         double seedNominalSeconds) {
    }

    public record SteadyState(int labs, int periods, double writesPerLabPerPeriod, double readsPerLabPerPeriod) {
    }

    /**
     * N labs created at once.
     *
     * @param requests ARM requests during the run (for the 429 share)
     * @param bastion  whether the labs had Bastion (the default) or ran without it to save time
     */
    public record Scale(int labs, double allReadySeconds, double boundSeconds, double p50ReadySeconds,
                        double p95ReadySeconds, long throttled429, int failedLabs, double heapMiB, double cpuSeconds,
                        long requests, long writes, long reads, boolean bastion, double criticalPathSeconds,
                        double writeBudgetSeconds) {
    }

    public record Teardown(int labs, double seconds) {
    }

    private Settings settings;
    private final Map<String, Single> single = new LinkedHashMap<>();
    private SteadyState steadyState;
    private final List<Scale> scale = new ArrayList<>();
    private Teardown teardown;
    private final List<String> notes = new ArrayList<>();

    public Settings settings() {
        return settings;
    }

    public BenchReport settings(Settings settings) {
        this.settings = settings;
        return this;
    }

    /** By mode name: {@code Public}, {@code Internal}. */
    public Map<String, Single> single() {
        return single;
    }

    public BenchReport single(String mode, Single result) {
        single.put(mode, result);
        return this;
    }

    public SteadyState steadyState() {
        return steadyState;
    }

    public BenchReport steadyState(SteadyState steadyState) {
        this.steadyState = steadyState;
        return this;
    }

    public List<Scale> scale() {
        return scale;
    }

    public BenchReport scale(Scale result) {
        scale.add(result);
        return this;
    }

    public Teardown teardown() {
        return teardown;
    }

    public BenchReport teardown(Teardown teardown) {
        this.teardown = teardown;
        return this;
    }

    /** Free-text observations (a scenario that failed, something the operator did that looked wrong). */
    public List<String> notes() {
        return notes;
    }

    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }
}
