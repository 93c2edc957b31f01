package io.lblab.reconciler;

import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.azure.ResourceGroupState;
import reactor.core.Disposable;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the operator knows about one lab between reconciles: Azure's last observed state, the operations it has
 * running and the failures it is backing off from. Memory only: after a restart it is rebuilt from Azure. Operation
 * callbacks (Reactor threads) and reconciles both use it, so every field is safe to share.
 */
final class LabState {

    private final Map<String, ObservedResource> observed = new ConcurrentHashMap<>();
    private final Map<String, OffsetDateTime> changedTimes = new ConcurrentHashMap<>();
    private final Map<String, Disposable> running = new ConcurrentHashMap<>();
    private final Map<String, StepFailure> failures = new ConcurrentHashMap<>();
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
    /** When our own writes and deletes ended, per resource ({@link #clock()}), to tell them from older looks. */
    private final Map<String, Long> touched = new ConcurrentHashMap<>();
    private final AtomicInteger reconcileFailures = new AtomicInteger();
    private volatile List<ListedResource> listed = List.of();
    private volatile Instant lastListed;
    private volatile boolean stale;
    /** null: not read yet; empty: Azure says it does not exist. */
    private volatile Optional<ResourceGroupState> group;
    private volatile String accessKey;
    private volatile TeardownProbe teardown;
    private volatile long generation = -1;
    private volatile StepPlanner.Mode mode;
    /** The last value of lblab.io/retry seen ("" when absent); null until the first reconcile. */
    private volatile String retry;

    /** What the group's deletion found out, once it has run. */
    enum TeardownProbe { GONE, NOT_OURS, ADOPTED }

    // ---------------------------------------------------------------- access

    /** Switches to another credential or subscription: what was seen with the old one no longer counts. */
    void useAccess(String key) {
        if (!key.equals(accessKey)) {
            accessKey = key;
            forgetAzure();
            failures.clear();
        }
    }

    /** Notes the spec generation being reconciled; true when it differs from the last one (the spec was edited). */
    boolean specChanged(Long specGeneration) {
        long current = specGeneration == null ? 0 : specGeneration;
        boolean changed = generation != -1 && generation != current;
        generation = current;
        return changed;
    }

    /** Notes whether the lab is applied, paused or only planned; true when that changed since the last reconcile. */
    boolean modeChanged(StepPlanner.Mode current) {
        boolean changed = mode != null && mode != current;
        mode = current;
        return changed;
    }

    private volatile String adopted;

    /** The lab's tags are now on a group it adopted. */
    void adopted(String group) {
        adopted = group;
    }

    /** The group adopted since the last call, or null. */
    String takeAdopted() {
        String group = adopted;
        adopted = null;
        return group;
    }

    /** Notes the value of lblab.io/retry; true when it changed since the last reconcile (not at the first one). */
    boolean retryRequested(String value) {
        boolean changed = retry != null && !retry.equals(value) && !value.isEmpty();
        retry = value;
        return changed;
    }

    // ---------------------------------------------------------------- resource group

    /** null until read. */
    Optional<ResourceGroupState> group() {
        return group;
    }

    void groupRead(Optional<ResourceGroupState> state) {
        group = state;
    }

    /** A group this lab just created holds nothing yet: no listing needed before the first writes. */
    void groupCreated(ResourceGroupState state) {
        group = Optional.of(state);
        unconfirmed.clear();
        touched.clear();
        observed.clear();
        changedTimes.clear();
        listed = List.of();
        lastListed = Instant.now();
        stale = false;
    }

    // ---------------------------------------------------------------- observation

    Observation observation() {
        return new Observation(Map.copyOf(observed), listed, lastListed);
    }

    OffsetDateTime changedTime(String id) {
        return changedTimes.get(key(id));
    }

    ObservedResource observed(String id) {
        return observed.get(key(id));
    }

    boolean observationDue(Duration interval, Instant now) {
        return lastListed == null || stale || !lastListed.plus(interval).isAfter(now);
    }

    boolean observedOnce() {
        return lastListed != null;
    }

    /** A monotonic instant to compare the start of a look with the end of our own writes. */
    static long clock() {
        return System.nanoTime();
    }

    /**
     * The result of one list of the group plus the GETs it called for, started at {@code lookStarted}
     * ({@link #clock()}). What it says of a resource our own write or delete changed after the look began is older
     * than what that write taught us, and is ignored (a write answered during the listing is not "absent").
     */
    void observed(List<ListedResource> listing, Map<String, ObservedResource> reads, Set<String> absent, long lookStarted) {
        java.util.function.Predicate<String> older = id -> {
            Long at = touched.get(key(id));
            return at != null && at - lookStarted > 0;
        };
        absent.stream().filter(older.negate()).forEach(id -> {
            observed.remove(key(id));
            changedTimes.remove(key(id));
            unconfirmed.remove(key(id));
        });
        reads.forEach((id, resource) -> {
            if (!older.test(id)) {
                observed.put(key(id), resource);
                unconfirmed.remove(key(id));
            }
        });
        for (ListedResource line : listing) {
            if (reads.containsKey(line.id()) && !older.test(line.id()) && line.changedTime() != null) {
                changedTimes.put(key(line.id()), line.changedTime());
            }
        }
        listed = List.copyOf(listing);
        lastListed = Instant.now();
        stale = false;
    }

    /** Some resource's body is known from our own write, not yet from a read after it (with its changedTime). */
    boolean writesUnconfirmed() {
        return !unconfirmed.isEmpty();
    }

    /** Our own write's result: the body is known, the changedTime it got is not (the next listing reads it once). */
    void written(ObservedResource resource) {
        observed.put(key(resource.id()), resource);
        changedTimes.remove(key(resource.id()));
        unconfirmed.add(key(resource.id()));
        touched.put(key(resource.id()), clock());
    }

    void deleted(String id) {
        touched.put(key(id), clock());
        unconfirmed.remove(key(id));
        observed.remove(key(id));
        changedTimes.remove(key(id));
        stale = true;
    }

    /** What we hold may be out of date (an operation failed, a resource is busy): list again at the next chance. */
    void markStale() {
        stale = true;
    }

    void forgetAzure() {
        unconfirmed.clear();
        touched.clear();
        observed.clear();
        changedTimes.clear();
        listed = List.of();
        lastListed = null;
        group = null;
        teardown = null;
    }

    // ---------------------------------------------------------------- operations and failures

    boolean running(String operation) {
        return running.containsKey(operation);
    }

    Set<String> runningOperations() {
        return Set.copyOf(running.keySet());
    }

    void started(String operation, Disposable handle) {
        running.put(operation, handle);
    }

    void ended(String operation, Disposable handle) {
        running.remove(operation, handle);
    }

    Map<String, StepFailure> failures() {
        return Map.copyOf(failures);
    }

    StepFailure failure(String operation) {
        return failures.get(operation);
    }

    void failed(String operation, StepFailure failure) {
        failures.put(operation, failure);
    }

    void succeeded(String operation) {
        failures.remove(operation);
    }

    /** Cancels our pollers (Azure's operations go on), except {@code keep}. */
    void cancelOperations(String keep) {
        running.forEach((operation, handle) -> {
            if (!operation.equals(keep)) {
                handle.dispose();
                running.remove(operation, handle);
            }
        });
    }

    /** How many reconciles in a row ended in an error before reaching Azure: the backoff's attempt number. */
    int reconcileFailed() {
        return reconcileFailures.incrementAndGet();
    }

    void reconcileSucceeded() {
        reconcileFailures.set(0);
    }

    TeardownProbe teardown() {
        return teardown;
    }

    void teardownFound(TeardownProbe probe) {
        teardown = probe;
    }

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
