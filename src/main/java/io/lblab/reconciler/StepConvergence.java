package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.StepState;
import io.lblab.api.StepStatus;
import io.lblab.azure.ArmErrorClassifier;
import io.lblab.azure.ArmFailure;
import io.lblab.azure.AzureGateway;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.azure.WriteBudget;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.DesiredResource;
import io.lblab.blueprint.ResourceKind;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One convergence pass over a lab's graph: for each resource, in dependency order, decide from what is known
 * whether it is done, waiting, or needs a write, and start the writes whose inputs are ready. Writes run
 * asynchronously; their completion updates the runtime and asks for another reconcile. Nothing here waits for
 * a long-running operation.
 */
final class StepConvergence {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StepConvergence.class);

    /** What the pass found, for the status and for when to look again. */
    record Result(List<StepStatus> steps, boolean complete, boolean anyRunning, boolean waitingOnAzure,
                  Instant earliestRetry, boolean needsUser, boolean throttled, String failedStep, ArmFailure failure) {
    }

    private final Blueprint blueprint;
    private final LabRuntime runtime;
    private final AzureGateway gateway;
    private final WriteBudget budget;
    private final String fingerprint;
    private final OperatorConfig config;
    private final Runnable onOperationFinished;
    private final Map<String, StepState> states = new HashMap<>();
    private final List<StepStatus> steps = new ArrayList<>();
    private boolean anyRunning;
    private boolean waitingOnAzure;
    private Instant earliestRetry;
    private boolean needsUser;
    private boolean throttled;
    private String failedStep;
    private ArmFailure failure;

    StepConvergence(Blueprint blueprint, LabRuntime runtime, AzureGateway gateway, WriteBudget budget, String fingerprint,
                    OperatorConfig config, Runnable onOperationFinished) {
        this.blueprint = blueprint;
        this.runtime = runtime;
        this.gateway = gateway;
        this.budget = budget;
        this.fingerprint = fingerprint;
        this.config = config;
        this.onOperationFinished = onOperationFinished;
    }

    Result run() {
        states.put(Blueprint.RESOURCE_GROUP_STEP, StepState.Succeeded);
        steps.add(new StepStatus(Blueprint.RESOURCE_GROUP_STEP, StepState.Succeeded, blueprint.resourceGroupId(), null));
        List<ListedResource> obsolete = ObsoleteResources.find(blueprint, runtime.listed);
        for (DesiredResource desired : blueprint.resources()) {
            StepStatus status = converge(desired, obsolete);
            states.put(desired.step(), status.state());
            steps.add(status);
        }
        for (ListedResource resource : obsolete) {
            steps.add(remove(resource, obsolete));
        }
        boolean complete = obsolete.isEmpty() && steps.stream().allMatch(s -> s.state() == StepState.Succeeded);
        return new Result(List.copyOf(steps), complete, anyRunning, waitingOnAzure, earliestRetry, needsUser, throttled,
                failedStep, failure);
    }

    private StepStatus converge(DesiredResource desired, List<ListedResource> obsolete) {
        String step = desired.step();
        if (runtime.inFlight.containsKey(step)) {
            anyRunning = true;
            return status(desired, StepState.InProgress, "operation running");
        }
        ObservedResource observed = runtime.observed.get(LabRuntime.key(desired.id()));
        if (observed != null && observed.busy()) {
            waitingOnAzure = true;
            runtime.needsRefresh = true;
            return status(desired, StepState.InProgress, "Azure reports " + observed.provisioningState());
        }
        String difference = observed == null ? "absent"
                : observed.failed() ? "provisioningState " + observed.provisioningState()
                : JsonSubset.firstDifference(desired.body(), observed.body(), desired.createOnlyPaths());
        StepFailure lastFailure = runtime.failures.get(step);
        if (difference == null) {
            runtime.failures.remove(step);
            return status(desired, StepState.Succeeded, null);
        }
        List<String> waitingFor = desired.dependsOn().stream()
                .filter(d -> states.getOrDefault(d, StepState.Pending) != StepState.Succeeded)
                .sorted().collect(Collectors.toList());
        if (!waitingFor.isEmpty()) {
            return status(desired, StepState.Pending, "waiting for " + String.join(", ", waitingFor));
        }
        if (desired.kind() == ResourceKind.VIRTUAL_NETWORK
                && obsolete.stream().anyMatch(o -> ResourceKind.fromArmType(o.type()) == ResourceKind.BASTION_HOST)) {
            return status(desired, StepState.Pending, "waiting for the Bastion host to be removed");
        }
        if (lastFailure != null) {
            StepStatus blocked = blockedByFailure(desired, lastFailure);
            if (blocked != null) {
                return blocked;
            }
        }
        Duration wait = budget.tryAcquire();
        if (!wait.isZero()) {
            throttled = true;
            retryAt(Instant.now().plus(wait));
            return status(desired, StepState.Pending, "waiting for the subscription's write budget");
        }
        JsonNode body = observed == null ? desired.body() : forUpdate(desired, observed);
        start(step, "PUT", desired.id(), gateway.put(desired.kind(), blueprint.resourceGroup(), desired.name(), body)
                .doOnNext(result -> {
                    String key = LabRuntime.key(desired.id());
                    runtime.observed.put(key, result);
                    runtime.changedTimes.remove(key);
                }).then());
        anyRunning = true;
        return status(desired, StepState.InProgress, observed == null ? "creating" : "updating " + difference);
    }

    /** The step's last failure, if it still holds the step back; null when it may be retried now. */
    private StepStatus blockedByFailure(DesiredResource desired, StepFailure lastFailure) {
        ArmFailure armFailure = lastFailure.failure();
        if (!armFailure.retryable() && fingerprint.equals(lastFailure.fingerprint())) {
            needsUser = true;
            noteFailure(desired.step(), armFailure);
            return status(desired, StepState.Failed, armFailure.summary());
        }
        if (lastFailure.notBefore().isAfter(Instant.now())) {
            noteFailure(desired.step(), armFailure);
            throttled |= armFailure.category() == ArmFailure.Category.THROTTLED;
            retryAt(lastFailure.notBefore());
            return status(desired, StepState.Failed, armFailure.summary() + " (attempt " + lastFailure.attempts() + ", retrying)");
        }
        return null;
    }

    private StepStatus remove(ListedResource resource, List<ListedResource> obsolete) {
        String step = "delete:" + LabRuntime.key(resource.id());
        ResourceKind kind = ResourceKind.fromArmType(resource.type());
        if (runtime.inFlight.containsKey(step)) {
            anyRunning = true;
            return new StepStatus(resource.name(), StepState.Deleting, resource.id(), "deleting");
        }
        if (ObsoleteResources.waitsFor(resource, obsolete)) {
            return new StepStatus(resource.name(), StepState.Deleting, resource.id(), "waiting for the resource using it to be removed");
        }
        StepFailure lastFailure = runtime.failures.get(step);
        if (lastFailure != null && lastFailure.notBefore().isAfter(Instant.now())) {
            retryAt(lastFailure.notBefore());
            noteFailure(resource.name(), lastFailure.failure());
            return new StepStatus(resource.name(), StepState.Deleting, resource.id(), lastFailure.failure().summary() + " (retrying)");
        }
        Duration wait = budget.tryAcquire();
        if (!wait.isZero()) {
            throttled = true;
            retryAt(Instant.now().plus(wait));
            return new StepStatus(resource.name(), StepState.Deleting, resource.id(), "waiting for the subscription's write budget");
        }
        start(step, "DELETE", resource.id(), gateway.delete(kind, blueprint.resourceGroup(), resource.name())
                .doOnSuccess(ignored -> {
                    runtime.observed.remove(LabRuntime.key(resource.id()));
                    runtime.needsRefresh = true;
                }));
        anyRunning = true;
        return new StepStatus(resource.name(), StepState.Deleting, resource.id(), "no longer in the spec");
    }

    /**
     * Runs the operation in the background. Its end, success or failure, is recorded in the runtime and
     * triggers a reconcile. The placeholder goes in before subscribing so a fast completion cannot be lost.
     */
    private void start(String step, String method, String id, Mono<Void> operation) {
        var slot = Disposables.swap();
        runtime.inFlight.put(step, slot);
        LOG.infof("ARM %s %s started", method, id);
        slot.update(operation.subscribe(
                ignored -> { },
                error -> finished(step, method, id, slot, error),
                () -> finished(step, method, id, slot, null)));
    }

    private void finished(String step, String method, String id, reactor.core.Disposable slot, Throwable error) {
        if (error == null) {
            LOG.infof("ARM %s %s succeeded", method, id);
            runtime.failures.remove(step);
        } else {
            ArmFailure armFailure = ArmErrorClassifier.classify(error);
            StepFailure previous = runtime.failures.get(step);
            int attempts = previous == null ? 1 : previous.attempts() + 1;
            Duration delay = Backoff.delay(attempts, armFailure, config.initialBackoff(), config.maxBackoff());
            runtime.failures.put(step, new StepFailure(armFailure, attempts, Instant.now().plus(delay), fingerprint));
            runtime.needsRefresh = true;
            LOG.warnf("ARM %s %s failed (attempt %d): %s; %s", method, id, attempts, armFailure.summary(),
                    armFailure.retryable() ? "retrying in " + delay.toMillis() + " ms" : "not retried until the spec or credentials change");
        }
        runtime.inFlight.remove(step, slot);
        onOperationFinished.run();
    }

    /**
     * The body for an update: properties Azure only takes on create (the VM's OS profile with its password, its
     * storage profile) are sent back as Azure holds them.
     */
    private static JsonNode forUpdate(DesiredResource desired, ObservedResource observed) {
        ObjectNode body = desired.body().deepCopy();
        for (String path : desired.createOnlyPaths()) {
            String[] parts = path.split("\\.");
            JsonNode source = observed.body();
            ObjectNode target = body;
            for (int i = 0; i < parts.length - 1 && target != null; i++) {
                source = source.path(parts[i]);
                target = target.get(parts[i]) instanceof ObjectNode next ? next : null;
            }
            if (target == null) {
                continue;
            }
            JsonNode current = source.path(parts[parts.length - 1]);
            if (current.isMissingNode()) {
                target.remove(parts[parts.length - 1]);
            } else {
                target.set(parts[parts.length - 1], current.deepCopy());
            }
        }
        return body;
    }

    private void noteFailure(String step, ArmFailure armFailure) {
        if (failure == null) {
            failedStep = step;
            failure = armFailure;
        }
    }

    private void retryAt(Instant at) {
        if (earliestRetry == null || at.isBefore(earliestRetry)) {
            earliestRetry = at;
        }
    }

    private static StepStatus status(DesiredResource desired, StepState state, String message) {
        return new StepStatus(desired.step(), state, desired.id(), message);
    }
}
