package io.lblab.reconciler;

import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.azure.ResourceGroupState;
import reactor.core.Disposable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator knows about one lab between reconciles: Azure's last observed state, the operations it has
 * running and the failures it is backing off from. Memory only: after a restart it is rebuilt from Azure.
 * Operation callbacks write to it from other threads, hence the concurrent maps.
 */
final class LabRuntime {

    /** Observed resources by lower-case id. */
    final Map<String, ObservedResource> observed = new ConcurrentHashMap<>();
    /** changedTime of each resource at the last list, by lower-case id. */
    final Map<String, OffsetDateTime> changedTimes = new ConcurrentHashMap<>();
    /** Running operations by step (or {@code delete:<id>}). */
    final Map<String, Disposable> inFlight = new ConcurrentHashMap<>();
    final Map<String, StepFailure> failures = new ConcurrentHashMap<>();
    /** The resource group's listing at the last refresh. */
    volatile List<ListedResource> listed = List.of();
    /** Set when what we hold may be stale (an operation failed, someone else is changing a resource). */
    volatile boolean needsRefresh;
    volatile ResourceGroupState resourceGroup;
    volatile Instant lastListed;
    /** The gateway (credential) this state was observed with; a different one means start over. */
    volatile String accessKey;

    void forgetObservations() {
        observed.clear();
        changedTimes.clear();
        resourceGroup = null;
        lastListed = null;
        listed = List.of();
    }

    /** After creating the group: nothing in it can exist yet, but the group itself is known. */
    void forgetObservationsExceptGroup() {
        observed.clear();
        changedTimes.clear();
        listed = List.of();
        lastListed = Instant.now();
        needsRefresh = false;
    }

    void cancelOperations() {
        inFlight.values().forEach(Disposable::dispose);
        inFlight.clear();
    }

    static String key(String id) {
        return id.toLowerCase(java.util.Locale.ROOT);
    }
}
