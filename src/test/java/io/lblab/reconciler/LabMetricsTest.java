package io.lblab.reconciler;

import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.Mode;
import io.lblab.api.Phase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The first Ready is counted once per lab: not again after drift, nor by a restarted operator finding it Ready. */
class LabMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LabMetrics metrics = new LabMetrics(registry);

    @Test
    void firstReadyIsCountedOncePerLab() {
        LoadBalancerLab lab = lab("uid-1", Instant.now().minusSeconds(42));
        metrics.reconciled(lab, null, status(Phase.Provisioning), null);
        metrics.reconciled(lab, status(Phase.Provisioning), status(Phase.Ready), null);
        assertThat(readyCount()).isEqualTo(1);
        assertThat(registry.get(LabMetrics.TIME_TO_FIRST_READY).timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isBetween(42.0, 60.0);

        // drift repaired: Ready, Provisioning, Ready again
        metrics.reconciled(lab, status(Phase.Ready), status(Phase.Provisioning), null);
        metrics.reconciled(lab, status(Phase.Provisioning), status(Phase.Ready), null);
        assertThat(readyCount()).isEqualTo(1);
    }

    @Test
    void aRestartedOperatorDoesNotCountLabsThatWereAlreadyReady() {
        LabMetrics restarted = new LabMetrics(registry);
        LoadBalancerLab lab = lab("uid-2", Instant.now().minusSeconds(3600));
        restarted.reconciled(lab, status(Phase.Ready), status(Phase.Ready), null);
        restarted.reconciled(lab, status(Phase.Ready), status(Phase.Provisioning), null);
        restarted.reconciled(lab, status(Phase.Provisioning), status(Phase.Ready), null);
        assertThat(registry.find(LabMetrics.TIME_TO_FIRST_READY).timers()).allSatisfy(t -> assertThat(t.count()).isZero());
    }

    private long readyCount() {
        return registry.find(LabMetrics.TIME_TO_FIRST_READY).timers().stream().mapToLong(Timer::count).sum();
    }

    private static LoadBalancerLab lab(String uid, Instant created) {
        LoadBalancerLab lab = LabTestSupport.lab("lab", new LoadBalancerLabSpec(Mode.Public, null, null, null, null, null,
                null, null, null, null, null, null));
        lab.getMetadata().setUid(uid);
        lab.getMetadata().setCreationTimestamp(created.toString());
        return lab;
    }

    private static LoadBalancerLabStatus status(Phase phase) {
        return new LoadBalancerLabStatus(phase, null, null, null, 1L, null, null, null);
    }
}
