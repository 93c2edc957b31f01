package io.lblab.sim.lro;

import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.store.ResourceStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts, times and finishes long-running operations. Nothing blocks while an operation runs: a
 * timer finishes it when its scaled duration has elapsed, and a poll arriving after that moment
 * finishes it on the spot, so clients never see an operation outlive its duration.
 */
public final class OperationEngine {
    private static final Logger LOG = Logger.getLogger(OperationEngine.class.getName());

    /** Runs a task after a delay without holding a thread meanwhile. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(long delayMillis, Runnable task);
    }

    /**
     * What to start. {@code lockKey} serialises writes: one operation per top-level resource. {@code created}: a PUT
     * that creates its resource (answered 201), as opposed to one that replaces it (200) or a DELETE.
     */
    public record Spec(ResourceId resourceId, String typeKey, String method, String providerNamespace,
                       String location, String lockKey, boolean created) {
        /** An operation that creates nothing (a DELETE). */
        public Spec(ResourceId resourceId, String typeKey, String method, String providerNamespace, String location,
                    String lockKey) {
            this(resourceId, typeKey, method, providerNamespace, location, lockKey, false);
        }
    }

    private final ResourceStore store;
    private final Scheduler scheduler;
    private final OperationTimings timings;
    private final Map<String, Operation> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Operation> history = new ConcurrentLinkedQueue<>();
    // guarded by store.lock()
    private final Map<String, Operation> inFlightByLock = new HashMap<>();
    private final Map<String, Operation> inFlight = new LinkedHashMap<>();
    private final Map<String, Integer> inFlightByType = new HashMap<>();
    private final Map<String, Integer> maxInFlightByType = new HashMap<>();
    private int maxConcurrent;

    public OperationEngine(ResourceStore store, Scheduler scheduler, OperationTimings timings) {
        this.store = store;
        this.scheduler = scheduler;
        this.timings = timings;
    }

    public OperationTimings timings() {
        return timings;
    }

    /**
     * Registers a new operation (caller holds the store lock). It does not finish before
     * {@link #arm(Operation)}, so the caller can answer the request with the in-progress state first.
     *
     * @param injectedFailure non-null to make the operation fail with this error when it ends
     */
    public Operation begin(Spec spec, ArmException injectedFailure, Operation.Completion completion) {
        double simulated = timings.simulatedSeconds(spec.method(), spec.typeKey());
        return begin(spec, simulated, injectedFailure, completion);
    }

    public Operation begin(Spec spec, double simulatedSeconds, ArmException injectedFailure,
                           Operation.Completion completion) {
        return register(new Operation(UUID.randomUUID().toString(), spec.resourceId(), spec.typeKey(), spec.method(),
                spec.created(), spec.providerNamespace(), spec.location(), spec.lockKey(),
                timings.wallNanos(simulatedSeconds), simulatedSeconds, injectedFailure, completion, false));
    }

    /**
     * Registers an operation its starter finishes through {@link #finish}; {@code nominalSeconds}
     * only feeds Retry-After hints.
     */
    public Operation beginExternal(Spec spec, double nominalSeconds) {
        return register(new Operation(UUID.randomUUID().toString(), spec.resourceId(), spec.typeKey(), spec.method(),
                spec.created(), spec.providerNamespace(), spec.location(), spec.lockKey(),
                timings.wallNanos(nominalSeconds), nominalSeconds, null, (o, ok) -> { }, true));
    }

    /** Runs {@code task} under the store lock once {@code simulatedSeconds} have passed (inline when 0). */
    public void afterSimulated(double simulatedSeconds, Runnable task) {
        long nanos = timings.wallNanos(simulatedSeconds);
        if (nanos <= 0) {
            task.run();
        } else {
            scheduler.schedule(Math.max(1, (nanos + 999_999) / 1_000_000), () -> {
                synchronized (store.lock()) {
                    task.run();
                }
            });
        }
    }

    private Operation register(Operation op) {
        byId.put(op.id().toLowerCase(Locale.ROOT), op);
        history.add(op);
        if (op.lockKey() != null) {
            inFlightByLock.put(op.lockKey(), op);
        }
        inFlight.put(op.id(), op);
        int n = inFlightByType.merge(op.typeKey(), 1, Integer::sum);
        maxInFlightByType.merge(op.typeKey(), n, Math::max);
        maxConcurrent = Math.max(maxConcurrent, inFlight.size());
        return op;
    }

    /** Finishes the operation now if it is due, else schedules it (caller holds the store lock). */
    public void arm(Operation op) {
        if (op.external()) {
            return;
        }
        if (op.due()) {
            complete(op);
        } else {
            long millis = Math.max(1, (op.remainingNanos() + 999_999) / 1_000_000);
            scheduler.schedule(millis, () -> complete(op));
        }
    }

    /** Finishes a due operation that a timer has not reached yet (used by polls). */
    public void settle(Operation op) {
        if (op.inProgress() && !op.external() && op.due()) {
            complete(op);
        }
    }

    private void complete(Operation op) {
        synchronized (store.lock()) {
            if (!op.inProgress()) {
                return;
            }
            ArmException failure = op.injectedFailure();
            try {
                op.completion().finish(op, failure == null);
            } catch (ArmException e) {
                failure = e;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "completing operation " + op.id() + " on " + op.resourceId() + " failed", e);
                failure = new ArmException(500, "InternalServerError", "The operation failed: " + e);
            }
            finish(op, failure == null ? Operation.Status.Succeeded : Operation.Status.Failed, failure);
        }
    }

    /** Ends an operation with the given status (caller holds the store lock). */
    public void finish(Operation op, Operation.Status status, ArmException error) {
        if (!op.inProgress()) {
            return;
        }
        op.end(status, error);
        if (op.lockKey() != null && inFlightByLock.get(op.lockKey()) == op) {
            inFlightByLock.remove(op.lockKey());
        }
        inFlight.remove(op.id());
        inFlightByType.computeIfPresent(op.typeKey(), (k, v) -> v > 1 ? v - 1 : null);
    }

    /** The running operation holding {@code lockKey}, or null (caller holds the store lock). */
    public Operation inFlightFor(String lockKey) {
        Operation op = inFlightByLock.get(lockKey);
        return op != null && op.inProgress() ? op : null;
    }

    public Operation find(String operationId) {
        return byId.get(operationId.toLowerCase(Locale.ROOT));
    }

    public List<Operation> history() {
        return new ArrayList<>(history);
    }

    public List<Operation> inFlight() {
        synchronized (store.lock()) {
            return new ArrayList<>(inFlight.values());
        }
    }

    public int maxConcurrent() {
        synchronized (store.lock()) {
            return maxConcurrent;
        }
    }

    public Map<String, Integer> maxInFlightByType() {
        synchronized (store.lock()) {
            return new LinkedHashMap<>(maxInFlightByType);
        }
    }

    /** Cancels whatever runs and forgets all history (caller holds the store lock). */
    public void reset() {
        for (Operation op : new ArrayList<>(inFlight.values())) {
            op.end(Operation.Status.Canceled, new ArmException(500, "Canceled", "The simulator was reset."));
        }
        inFlight.clear();
        inFlightByLock.clear();
        inFlightByType.clear();
        maxInFlightByType.clear();
        maxConcurrent = 0;
        byId.clear();
        history.clear();
    }
}
