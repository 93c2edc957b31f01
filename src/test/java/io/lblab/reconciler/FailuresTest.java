package io.lblab.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lblab.azure.ArmFailure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One vocabulary of outcomes: each kind of failure, its reason, whether it is retried, and its backoff. */
class FailuresTest {

    private static final OperatorConfig CONFIG = new OperatorConfig() {
        public Duration driftInterval() { return Duration.ofMinutes(10); }
        public double driftJitter() { return 0; }
        public Duration busyRecheck() { return Duration.ofSeconds(15); }
        public Duration initialBackoff() { return Duration.ofSeconds(5); }
        public Duration maxBackoff() { return Duration.ofMinutes(5); }
        public java.util.Optional<String> shard() { return java.util.Optional.empty(); }
    };

    @Test
    void backoffDoublesWithJitterUpToItsCap() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long base = Math.min(5_000L << (attempt - 1), 300_000L);
            Duration delay = Failures.backoff(attempt, null, CONFIG);
            assertThat(delay.toMillis()).as("attempt %d", attempt).isBetween(base, Math.min(base * 3 / 2, 300_000L));
        }
    }

    @Test
    void backoffIsNeverSoonerThanArmsRetryAfter() {
        assertThat(Failures.backoff(1, Duration.ofSeconds(60), CONFIG)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Failures.backoff(8, Duration.ofSeconds(1), CONFIG)).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void azureFailuresMapToTheirReasons() {
        assertThat(outcome(ArmFailure.Category.THROTTLED).reason()).isEqualTo(ReadyReason.Throttled);
        assertThat(outcome(ArmFailure.Category.TRANSIENT).reason()).isEqualTo(ReadyReason.AzureError);
        assertThat(outcome(ArmFailure.Category.TRANSIENT).retrying()).isTrue();
        assertThat(outcome(ArmFailure.Category.AUTHENTICATION).reason()).isEqualTo(ReadyReason.AuthenticationFailed);
        Outcome quota = outcome(ArmFailure.Category.NEEDS_USER);
        assertThat(quota.reason()).isEqualTo(ReadyReason.AzureError);
        assertThat(quota.retrying()).as("only a person can fix it").isFalse();
        assertThat(quota.reason().phase(quota.retrying())).isEqualTo(io.lblab.api.Phase.Failed);
    }

    @Test
    void kubernetesAndUnexpectedErrorsAreNotMistakenForAzure() {
        Outcome kubernetes = Failures.outcome(new KubernetesClientException("forbidden", 403, null), 1, "ns/lab", CONFIG);
        assertThat(kubernetes.reason()).isEqualTo(ReadyReason.KubernetesError);
        assertThat(kubernetes.retrying()).isTrue();
        Outcome bug = Failures.outcome(new NullPointerException("spec.backends"), 3, "ns/lab", CONFIG);
        assertThat(bug.reason()).isEqualTo(ReadyReason.OperatorError);
        assertThat(bug.retryAfter()).as("third attempt backs off").isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        Outcome connection = Failures.outcome(new java.io.UncheckedIOException(new IOException("reset")), 1, "ns/lab", CONFIG);
        assertThat(connection.reason()).isEqualTo(ReadyReason.AzureError);
    }

    @Test
    void aProblemOutsideAzureWaitsForItsFix() {
        Outcome missing = Failures.outcome(new LabProblem(ReadyReason.CredentialsNotFound, "Secret x not found"), 1, "ns/lab", CONFIG);
        assertThat(missing).isEqualTo(Outcome.waitForChange(ReadyReason.CredentialsNotFound, "Secret x not found"));
    }

    private static Outcome outcome(ArmFailure.Category category) {
        return Failures.outcome(new ArmFailure("Code", "message", 400, category, null), 1, CONFIG);
    }
}
