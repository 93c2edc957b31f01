package io.lblab.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lblab.azure.ArmErrorClassifier;
import io.lblab.azure.ArmFailure;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one function from a failure and the number of times it happened in a row to an {@link Outcome}: which reason,
 * whether to retry, and after what backoff. Kubernetes API errors and unexpected exceptions are kept apart from
 * Azure's and logged, since they mean something is wrong on this side.
 */
final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class);

    private Failures() {
    }

    static Outcome outcome(Throwable error, int attempt, String lab, OperatorConfig config) {
        if (error instanceof LabProblem problem) {
            return problem.outcome();
        }
        if (error instanceof KubernetesClientException kubernetes) {
            LOG.warnf("%s: Kubernetes API call failed (HTTP %d): %s", lab, kubernetes.getCode(), kubernetes.getMessage());
            return Outcome.retryIn(ReadyReason.KubernetesError, "Kubernetes API: " + firstLine(kubernetes.getMessage()),
                    backoff(attempt, null, config));
        }
        ArmFailure failure = ArmErrorClassifier.classifyAzure(error);
        if (failure == null) {
            LOG.warnf(error, "%s: unexpected error", lab);
            return Outcome.retryIn(ReadyReason.OperatorError, error.getClass().getSimpleName() + ": " + firstLine(error.getMessage()),
                    backoff(attempt, null, config));
        }
        return outcome(failure, attempt, config);
    }

    static Outcome outcome(ArmFailure failure, int attempt, OperatorConfig config) {
        return switch (failure.category()) {
            case THROTTLED -> Outcome.retryIn(ReadyReason.Throttled, failure.summary(), backoff(attempt, failure.retryAfter(), config));
            case TRANSIENT -> Outcome.retryIn(ReadyReason.AzureError, failure.summary(), backoff(attempt, failure.retryAfter(), config));
            case AUTHENTICATION -> Outcome.retryIn(ReadyReason.AuthenticationFailed, failure.summary(), backoff(attempt, null, config));
            case NEEDS_USER -> Outcome.waitForChange(ReadyReason.AzureError, failure.summary());
        };
    }

    /** Exponential backoff with jitter (initial × 2^(attempt-1), +0–50%, capped), never sooner than ARM's Retry-After. */
    static Duration backoff(int attempt, Duration retryAfter, OperatorConfig config) {
        long max = config.maxBackoff().toMillis();
        long base = Math.min(config.initialBackoff().toMillis() << Math.min(Math.max(attempt, 1) - 1, 20), max);
        long jittered = Math.min(base + (long) (base * 0.5 * ThreadLocalRandom.current().nextDouble()), max);
        Duration delay = Duration.ofMillis(Math.max(jittered, 1));
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
