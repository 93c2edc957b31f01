package io.lblab.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.lblab.api.Condition;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.StepState;
import io.lblab.api.StepStatus;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every status written to the labs of a namespace, seen through a watch: a short-lived status (a failed step retried
 * 300 ms later) is recorded however busy the machine, where polling could miss it.
 */
final class StatusRecorder implements AutoCloseable {

    private record Seen(String lab, LoadBalancerLabStatus status) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Watch watch;

    private StatusRecorder(KubernetesClient kubernetes, String namespace) {
        watch = kubernetes.resources(LoadBalancerLab.class).inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, LoadBalancerLab lab) {
                if (lab.getStatus() != null) {
                    seen.add(new Seen(lab.getMetadata().getName(), lab.getStatus()));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    static StatusRecorder watch(KubernetesClient kubernetes, String namespace) {
        return new StatusRecorder(kubernetes, namespace);
    }

    /** The Ready condition's reasons seen, of every lab. */
    Set<String> readyReasons() {
        Set<String> reasons = new TreeSet<>();
        seen.forEach(s -> {
            Condition ready = s.status().condition(Condition.READY);
            if (ready != null && ready.reason() != null) {
                reasons.add(ready.reason());
            }
        });
        return reasons;
    }

    /** {@code lab/step} → the first message of each step seen Failed. */
    Map<String, String> failedSteps() {
        Map<String, String> failed = new TreeMap<>();
        for (Seen s : seen) {
            for (StepStatus step : s.status().steps()) {
                if (step.state() == StepState.Failed) {
                    failed.putIfAbsent(s.lab() + "/" + step.name(), Objects.toString(step.message()));
                }
            }
        }
        return failed;
    }

    @Override
    public void close() {
        watch.close();
    }
}
