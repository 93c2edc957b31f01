package io.lblab.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.Phase;
import io.lblab.api.StepState;
import io.lblab.api.StepStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's own metrics about labs (the ARM requests are counted by {@link io.lblab.azure.ArmMetricsPolicy}):
 * labs by phase, time from creation to the first Ready, ARM write operations with their outcome and duration, drift
 * repairs and errors by the Ready condition's reason. Labels are bounded: never a lab's name or a resource id.
 * Nothing here blocks: hooks only count, the gauges read JOSDK's informer cache when scraped.
 */
@Startup
@ApplicationScoped
public class LabMetrics {

    static final String RESOURCE_GROUPS = "Microsoft.Resources/resourceGroups";

    static final String LABS = "lblab.labs";
    static final String TIME_TO_FIRST_READY = "lblab.lab.time.to.first.ready";
    static final String OPERATION_DURATION = "lblab.arm.operation.duration";
    static final String DRIFT_REPAIRS = "lblab.drift.repairs";
    static final String RECONCILE_ERRORS = "lblab.reconcile.errors";

    private static final Duration[] READY_BUCKETS = {
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(12),
            Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(6)};
    private static final Duration[] OPERATION_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1)};

    private final MeterRegistry registry;
    /** JOSDK's cache of the labs, known once the controller has reconciled one (on the leader). */
    private volatile IndexedResourceCache<LoadBalancerLab> labs;
    /** Labs (uids) this process has seen Ready: their first Ready has been counted, by this process or before it. */
    private final Set<String> seenReady = ConcurrentHashMap.newKeySet();
    private final List<Gauge> gauges = new ArrayList<>();

    public LabMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Phase phase : Phase.values()) {
            // a fixed set of series, one per phase, computed from the informer cache on each scrape
            gauges.add(Gauge.builder(LABS, () -> count(phase))
                    .description("LoadBalancerLabs by status.phase (a lab without a status counts as Pending); "
                            + "0 on a replica that is not the leader")
                    .tag("phase", phase.name())
                    .register(registry));
        }
    }

    /**
     * The gauges read this instance: they go with it. (Quarkus' registry is Micrometer's global one, which outlives an
     * application restart in the same JVM, as in tests or dev mode; a gauge left behind would read a stopped cache.)
     */
    @PreDestroy
    void close() {
        gauges.forEach(registry::remove);
    }

    private long count(Phase phase) {
        IndexedResourceCache<LoadBalancerLab> cache = labs;
        return cache == null ? 0 : cache.list().filter(lab -> phaseOf(lab) == phase).count();
    }

    private static Phase phaseOf(LoadBalancerLab lab) {
        return lab.getStatus() == null || lab.getStatus().phase() == null ? Phase.Pending : lab.getStatus().phase();
    }

    // ---------------------------------------------------------------- hooks of the reconciler

    /**
     * After a reconcile whose status {@code next} was written (or found unchanged): counts the lab's first Ready.
     * A lab already Ready before (in the status it came with) counts as seen, so an operator that restarts does not
     * count Ready labs again.
     */
    void reconciled(LoadBalancerLab lab, LoadBalancerLabStatus previous, LoadBalancerLabStatus next,
                    Context<LoadBalancerLab> context) {
        if (labs == null && context != null) {
            labs = context.getPrimaryCache();
        }
        String uid = lab.getMetadata().getUid();
        if (previous != null && previous.phase() == Phase.Ready) {
            seenReady.add(uid);
            return;
        }
        if (next == null || next.phase() != Phase.Ready || !seenReady.add(uid)) {
            return;
        }
        Duration sinceCreation = sinceCreation(lab);
        if (sinceCreation != null) {
            Timer.builder(TIME_TO_FIRST_READY)
                    .description("Time from a lab's metadata.creationTimestamp to its first Ready, once per lab")
                    .tag("mode", lab.getSpec() == null || lab.getSpec().mode() == null ? "unknown" : lab.getSpec().mode().name())
                    .serviceLevelObjectives(READY_BUCKETS)
                    .register(registry)
                    .record(sinceCreation);
        }
    }

    /** The lab is gone (its finalizer released): forget it. */
    void forget(LoadBalancerLab lab) {
        seenReady.remove(lab.getMetadata().getUid());
    }

    /**
     * The writes a reconcile started: a PUT of a step that the lab's status showed Succeeded for the same spec
     * generation is a drift repair (someone deleted or changed the resource in Azure behind the operator's back).
     * Null when the plan was not carried out (a look at Azure was under way).
     */
    void writesStarted(LoadBalancerLab lab, Plan carriedOut) {
        LoadBalancerLabStatus status = lab.getStatus();
        if (carriedOut == null || status == null || !Objects.equals(status.observedGeneration(), lab.getMetadata().getGeneration())) {
            return;
        }
        Map<String, StepState> before = status.steps().stream()
                .filter(step -> step.name() != null && step.state() != null)
                .collect(Collectors.toMap(StepStatus::name, StepStatus::state, (a, b) -> a));
        for (StepDecision decision : carriedOut.decisions()) {
            if (decision instanceof StepDecision.Put put && before.get(put.step()) == StepState.Succeeded) {
                Counter.builder(DRIFT_REPAIRS)
                        .description("PUTs repairing a resource that was provisioned for the current spec: deleted or changed "
                                + "in Azure behind the operator's back")
                        .tag("resource_type", put.resource().kind().armType())
                        .register(registry).increment();
            }
        }
    }

    /** An error that ended a reconcile or an Azure operation of a lab, counted by the reason it shows; returned as is. */
    Outcome error(Outcome outcome) {
        Counter.builder(RECONCILE_ERRORS)
                .description("Failed reconciles and Azure operations, by the Ready condition's reason they map to")
                .tag("reason", outcome.reason().name())
                .register(registry).increment();
        return outcome;
    }

    /** The ARM write {@code call} of {@code operation}, timed from subscription to its end (succeeded, failed, cancelled). */
    <T> Mono<T> track(LabOperations.Operation operation, Mono<T> call) {
        if (!operation.write()) {
            return call;
        }
        String method = operation.method() == null ? "unknown" : operation.method();
        String type = operation.resourceType() == null ? "unknown" : operation.resourceType();
        Function<String, Timer> timer = outcome -> Timer.builder(OPERATION_DURATION)
                .description("ARM write operations of labs (PUT and DELETE, polled until ARM reports their end; "
                        + "resource-group PUTs are synchronous), by outcome")
                .tags("method", method, "resource_type", type, "outcome", outcome)
                .serviceLevelObjectives(OPERATION_BUCKETS)
                .register(registry);
        return Mono.defer(() -> {
            long started = System.nanoTime();
            // recorded before the operation's end is handled, so a scrape after the next reconcile sees it
            return call.doOnSuccess(ignored -> timer.apply("succeeded").record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                    .doOnError(ignored -> timer.apply("failed").record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                    .doOnCancel(() -> timer.apply("cancelled").record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        });
    }

    private static Duration sinceCreation(LoadBalancerLab lab) {
        String created = lab.getMetadata().getCreationTimestamp();
        if (created == null) {
            return null;
        }
        try {
            Duration duration = Duration.between(Instant.parse(created), Instant.now());
            return duration.isNegative() ? Duration.ZERO : duration;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
