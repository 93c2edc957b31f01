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

    /**
     * One process (or a group: the API server's etcd, kube-apiserver and controller-manager) over a measured window.
     *
     * @param shareOfCores CPU seconds ÷ (wall seconds × cores)
     * @param peakRssMiB   the process's peak resident set since it started ({@code VmHWM})
     */
    public record Usage(String name, double cpuSeconds, double shareOfCores, double peakRssMiB) {
    }

    /**
     * A scenario run with the packaged operator, the standalone simulator and the Kubernetes API as separate
     * processes (one attempt; a harness-bound attempt is followed by one at a larger time scale).
     *
     * @param scenario                  {@code scale}, {@code pacing} (a second client takes half the write refill),
     *                                  {@code shards} (two operator processes)
     * @param kubernetesApi             what served the Kubernetes API: the real kube-apiserver, or the mock server
     * @param throttled429              the operator's 429s (another client's are not counted)
     * @param requests                  the operator's ARM requests
     * @param teardownSeconds           from deleting every lab until the last finalizer was released
     * @param operatorHeapMiB           the operator's heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}),
     *                                  summed over operator processes
     * @param operatorCpuSecondsPerLab  operator CPU seconds from creation until all Ready, per lab
     * @param steadyCpuMsPerLabPerPeriod operator CPU milliseconds per lab per drift period once all are Ready (NaN: not measured)
     * @param processes                 CPU and peak RSS of each process over the window from creation until all Ready
     * @param harnessBound              why a process or the machine was saturated in that window; null: a valid run
     * @param check                     a scenario's own check (shards: each lab reconciled by exactly one shard); null: none
     * @param checkPassed               its outcome
     */
    public record ProcessRun(String scenario, int labs, double timeScale, int attempt, String kubernetesApi,
                             double allReadySeconds, double boundSeconds, double p50ReadySeconds, double p95ReadySeconds,
                             long throttled429, long requests, long writes, int failedLabs, int notReady,
                             double teardownSeconds, double operatorHeapMiB, double operatorCpuSecondsPerLab,
                             double steadyCpuMsPerLabPerPeriod, List<Usage> processes, double wallSeconds,
                             double machineBusyShare, double loadAverage, String harnessBound, String check,
                             Boolean checkPassed, String detail) {

        public boolean valid() {
            return harnessBound == null;
        }
    }

    /**
     * One subscription's share of a {@code subscriptions} run (the attempt with the same scenario, labs, time scale and
     * attempt number): its labs and what the simulator counted for it.
     *
     * @param allReadySeconds from creating the labs until the last of this subscription's was Ready
     * @param boundSeconds    max(critical path, ARM write-budget time of this subscription's writes alone)
     * @param writes          ARM writes in this subscription, from the simulator's per-subscription counters
     * @param throttled429    429s answered in this subscription
     */
    public record SubscriptionShare(String scenario, int labs, double timeScale, int attempt, String subscriptionId,
                                    int subscriptionLabs, double allReadySeconds, double boundSeconds,
                                    double p50ReadySeconds, long requests, long writes, long throttled429, int notReady) {
        public boolean of(ProcessRun run) {
            return scenario.equals(run.scenario()) && labs == run.labs() && timeScale == run.timeScale()
                    && attempt == run.attempt();
        }
    }

    private Settings settings;
    private final List<SubscriptionShare> subscriptionShares = new ArrayList<>();
    private final Map<String, Single> single = new LinkedHashMap<>();
    private SteadyState steadyState;
    private final List<Scale> scale = new ArrayList<>();
    private Teardown teardown;
    private final List<ProcessRun> processRuns = new ArrayList<>();
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

    /** Every attempt of the separate-process scenarios, harness-bound ones included, in the order run. */
    public List<ProcessRun> processRuns() {
        return processRuns;
    }

    public BenchReport processRun(ProcessRun run) {
        processRuns.add(run);
        return this;
    }

    /**
     * The attempt that counts for a scenario and size: the last one run (a valid one ends the reruns; if every
     * attempt was harness-bound, the last, still flagged). Null when not run.
     */
    public ProcessRun finalRun(String scenario, int labs) {
        ProcessRun last = null;
        for (ProcessRun run : processRuns) {
            if (run.scenario().equals(scenario) && run.labs() == labs) {
                last = run;
            }
        }
        return last;
    }

    /** Every subscription's share of every {@code subscriptions} attempt, in the order run. */
    public List<SubscriptionShare> subscriptionShares() {
        return subscriptionShares;
    }

    public List<SubscriptionShare> subscriptionShares(ProcessRun run) {
        return subscriptionShares.stream().filter(s -> s.of(run)).toList();
    }

    public BenchReport subscriptionShare(SubscriptionShare share) {
        subscriptionShares.add(share);
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
