package io.lblab.bench;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.lblab.api.Condition;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.Phase;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every lab (an informer on the mock Kubernetes API) and notes, in wall-clock nanoseconds, when each was
 * created, first seen Ready, and gone; and whether it was ever reported Failed, with the reason.
 */
final class LabTracker implements ResourceEventHandler<LoadBalancerLab> {

    static final class LabState {
        volatile long createdNanos;
        volatile Instant createdAt;
        volatile long readyNanos;
        volatile long goneNanos;
        volatile String lastReason;
        volatile String failure;
        /** Distinct Ready-condition reasons and messages, with when they were first seen (simulated seconds later). */
        final List<String> history = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    }

    private final Map<String, LabState> labs = new ConcurrentHashMap<>();

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    LabState state(String key) {
        return labs.computeIfAbsent(key, k -> new LabState());
    }

    /** Call just before the create request. */
    void creating(String key) {
        LabState state = state(key);
        state.createdAt = Instant.now();
        state.createdNanos = System.nanoTime();
        state.readyNanos = 0;
        state.goneNanos = 0;
        state.failure = null;
        state.history.clear();
        state.seen.clear();
    }

    @Override
    public void onAdd(LoadBalancerLab lab) {
        observe(lab);
    }

    @Override
    public void onUpdate(LoadBalancerLab old, LoadBalancerLab lab) {
        observe(lab);
    }

    @Override
    public void onDelete(LoadBalancerLab lab, boolean deletedFinalStateUnknown) {
        long now = System.nanoTime();
        LabState state = state(key(lab.getMetadata().getNamespace(), lab.getMetadata().getName()));
        if (state.goneNanos == 0) {
            state.goneNanos = now;
        }
    }

    private void observe(LoadBalancerLab lab) {
        long now = System.nanoTime();
        LabState state = state(key(lab.getMetadata().getNamespace(), lab.getMetadata().getName()));
        LoadBalancerLabStatus status = lab.getStatus();
        if (status == null) {
            return;
        }
        Condition ready = status.condition(Condition.READY);
        if (ready != null) {
            state.lastReason = ready.reason();
            String entry = ready.status() + " " + ready.reason() + ": " + ready.message();
            if (state.history.size() < 40 && state.seen.add(entry)) {
                state.history.add((now - state.createdNanos) + "ns " + entry);
            }
        }
        if (state.readyNanos == 0 && ready != null && Condition.TRUE.equals(ready.status())) {
            state.readyNanos = now;
        }
        if (status.phase() == Phase.Failed && state.failure == null) {
            state.failure = (ready == null ? "Failed" : ready.reason() + ": " + ready.message());
        }
    }

    /** Waits until every lab is Ready or the deadline passes; returns the labs not Ready. */
    List<String> awaitReady(Collection<String> keys, long deadlineNanos) throws InterruptedException {
        while (true) {
            List<String> waiting = keys.stream().filter(k -> state(k).readyNanos == 0).toList();
            if (waiting.isEmpty() || System.nanoTime() > deadlineNanos) {
                return waiting;
            }
            Thread.sleep(2);
        }
    }

    /** Waits until every lab is gone (its finalizer released) or the deadline passes; returns the labs left. */
    List<String> awaitGone(Collection<String> keys, long deadlineNanos) throws InterruptedException {
        while (true) {
            List<String> left = keys.stream().filter(k -> state(k).goneNanos == 0).toList();
            if (left.isEmpty() || System.nanoTime() > deadlineNanos) {
                return left;
            }
            Thread.sleep(2);
        }
    }
}
