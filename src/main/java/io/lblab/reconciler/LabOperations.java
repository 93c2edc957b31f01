package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lblab.azure.ArmErrorClassifier;
import io.lblab.azure.ArmFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The one place that starts an Azure call for a lab and tracks it: the call runs on the SDK's pollers, never on a
 * reconcile thread; its end, success or failure, is recorded in the lab's {@link LabState} (a failure with its
 * backoff) and triggers the next reconcile of the lab. Writes are logged at INFO, reads at DEBUG.
 */
@ApplicationScoped
public class LabOperations {

    private static final Logger LOG = Logger.getLogger(LabOperations.class);

    private final OperationEvents events;
    private final OperatorConfig config;
    @Inject
    LabMetrics metrics;

    public LabOperations(OperationEvents events, OperatorConfig config) {
        this.events = events;
        this.config = config;
    }

    /**
     * An operation of one lab: {@code name} keys it in the lab's state (a step, {@code delete:<id>}, ...). A write
     * names its HTTP {@code method} and ARM {@code resourceType} for the metrics (null: not an ARM write).
     */
    record Operation(ResourceID lab, String name, String description, boolean write, String fingerprint, String method,
                     String resourceType) {

        Operation(ResourceID lab, String name, String description, boolean write, String fingerprint) {
            this(lab, name, description, write, fingerprint, null, null);
        }

        /** The same operation as an ARM write of {@code resourceType} with {@code method} (PUT, DELETE). */
        Operation arm(String method, String resourceType) {
            return new Operation(lab, name, description, write, fingerprint, method, resourceType);
        }
    }

    <T> void start(LabState state, Operation operation, Mono<T> call, Consumer<T> onSuccess) {
        var handle = Disposables.swap();
        // registered before subscribing, so that a call ending at once cannot be lost
        state.started(operation.name(), handle);
        log(operation, "%s: %s started", label(operation.lab()), operation.description());
        handle.update(metrics.track(operation, call).subscribe(
                result -> onSuccess.accept(result),
                error -> ended(state, operation, handle, error),
                () -> ended(state, operation, handle, null)));
    }

    private void ended(LabState state, Operation operation, reactor.core.Disposable handle, Throwable error) {
        if (error == null) {
            state.succeeded(operation.name());
            log(operation, "%s: %s succeeded", label(operation.lab()), operation.description());
        } else {
            ArmFailure failure = ArmErrorClassifier.classify(error);
            StepFailure previous = state.failure(operation.name());
            int attempts = previous == null ? 1 : previous.attempts() + 1;
            Outcome outcome = metrics.error(Failures.outcome(failure, attempts, config));
            Duration delay = outcome.retrying() ? outcome.retryAfter() : Duration.ZERO;
            state.failed(operation.name(), new StepFailure(failure, outcome, attempts, Instant.now().plus(delay), operation.fingerprint()));
            state.markStale();
            LOG.warnf("%s: %s failed (attempt %d): %s; %s", label(operation.lab()), operation.description(), attempts,
                    failure.summary(), outcome.retrying() ? "retrying in " + delay.toMillis() + " ms"
                            : "not retried until the spec or credentials change");
        }
        state.ended(operation.name(), handle);
        events.operationFinished(operation.lab());
    }

    private static void log(Operation operation, String format, Object a, Object b) {
        if (operation.write()) {
            LOG.infof(format, a, b);
        } else {
            LOG.debugf(format, a, b);
        }
    }

    static String label(ResourceID lab) {
        return lab.getNamespace().orElse("") + "/" + lab.getName();
    }
}
