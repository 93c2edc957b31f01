package io.lblab.sim.lro;

import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ResourceId;

import java.time.Instant;

/**
 * One long-running operation. Identity and timing are fixed at start; status, error and end time
 * change once, when it finishes (under the store lock), and are volatile for lock-free polls.
 */
public final class Operation {
    public enum Status { InProgress, Succeeded, Failed, Canceled }

    /** Applies the outcome to the resources; called once, under the store lock. */
    @FunctionalInterface
    public interface Completion {
        void finish(Operation op, boolean succeeded);
    }

    private final String id;
    private final ResourceId resourceId;
    private final String typeKey;
    private final String method;
    private final boolean created;
    private final String providerNamespace;
    private final String location;
    private final String lockKey;
    private final Instant startedAt;
    private final long startNanos;
    private final long durationNanos;
    private final double simulatedSeconds;
    private final ArmException injectedFailure;
    private final Completion completion;
    private final boolean external;
    private volatile Status status = Status.InProgress;
    private volatile ArmException error;
    private volatile Instant endedAt;
    private volatile String unansweredFault;

    Operation(String id, ResourceId resourceId, String typeKey, String method, boolean created,
              String providerNamespace, String location, String lockKey, long durationNanos, double simulatedSeconds,
              ArmException injectedFailure, Completion completion, boolean external) {
        this.id = id;
        this.resourceId = resourceId;
        this.typeKey = typeKey;
        this.method = method;
        this.created = created;
        this.providerNamespace = providerNamespace;
        this.location = location;
        this.lockKey = lockKey;
        this.startedAt = Instant.now();
        this.startNanos = System.nanoTime();
        this.durationNanos = durationNanos;
        this.simulatedSeconds = simulatedSeconds;
        this.injectedFailure = injectedFailure;
        this.completion = completion;
        this.external = external;
    }

    /** Finished by whoever started it (a group cascade), never by its timer. */
    boolean external() {
        return external;
    }

    public String id() {
        return id;
    }

    public ResourceId resourceId() {
        return resourceId;
    }

    public String typeKey() {
        return typeKey;
    }

    public String method() {
        return method;
    }

    /** True for a PUT that created its resource (answered 201 Created); false for updates and deletes. */
    public boolean created() {
        return created;
    }

    public String providerNamespace() {
        return providerNamespace;
    }

    public String location() {
        return location;
    }

    public String lockKey() {
        return lockKey;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public double simulatedSeconds() {
        return simulatedSeconds;
    }

    public Status status() {
        return status;
    }

    public ArmException error() {
        return error;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /**
     * The after-commit fault that replaced the answer of the request that started this operation
     * ({@code afterCommitReset}…), or null when that request was answered.
     */
    public String unansweredFault() {
        return unansweredFault;
    }

    /** Records that the client never got the answer of the request that started this operation. */
    public void markUnanswered(String fault) {
        this.unansweredFault = fault;
    }

    public boolean inProgress() {
        return status == Status.InProgress;
    }

    ArmException injectedFailure() {
        return injectedFailure;
    }

    Completion completion() {
        return completion;
    }

    long remainingNanos() {
        return Math.max(0, startNanos + durationNanos - System.nanoTime());
    }

    boolean due() {
        return remainingNanos() == 0;
    }

    void end(Status status, ArmException error) {
        this.error = error;
        this.endedAt = Instant.now();
        this.status = status;
    }

    /**
     * Whole seconds a client should wait before polling again, or null when under a second (the
     * SDK treats 0 as absent and falls back to its own poll interval, so the header is left out).
     */
    public Integer retryAfterSeconds() {
        if (!inProgress()) {
            return null;
        }
        long remaining = remainingNanos();
        if (remaining < 1_000_000_000L) {
            return null;
        }
        return (int) Math.ceil(remaining / 1e9);
    }
}
