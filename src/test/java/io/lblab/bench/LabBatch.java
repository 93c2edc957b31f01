package io.lblab.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.LoadBalancerLab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates and deletes many labs at once, 32 Kubernetes calls in parallel. The bound assumes the labs are created
 * together; with 8 calls in parallel, creating 1000 labs on the 2-core test machine took 90 s, which at time scale 0.2
 * is 460 simulated seconds of the run spent by the harness, not the operator.
 */
final class LabBatch {

    private static final int PARALLEL = 32;

    private LabBatch() {
    }

    /** Creates the labs, telling the tracker of each just before its call; returns their tracker keys in order. */
    static List<String> create(KubernetesClient kubernetes, LabTracker tracker, List<LoadBalancerLab> labs) throws Exception {
        List<String> keys = new ArrayList<>();
        List<Runnable> calls = new ArrayList<>();
        for (LoadBalancerLab lab : labs) {
            String key = LabTracker.key(lab.getMetadata().getNamespace(), lab.getMetadata().getName());
            keys.add(key);
            calls.add(() -> {
                tracker.creating(key);
                kubernetes.resources(LoadBalancerLab.class).inNamespace(lab.getMetadata().getNamespace()).resource(lab).create();
            });
        }
        runAll(calls);
        return keys;
    }

    /** Deletes the labs named by tracker keys ({@code namespace/name}). */
    static void delete(KubernetesClient kubernetes, List<String> keys) throws Exception {
        List<Runnable> calls = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split("/");
            calls.add(() -> kubernetes.resources(LoadBalancerLab.class).inNamespace(parts[0]).withName(parts[1]).delete());
        }
        runAll(calls);
    }

    private static void runAll(List<Runnable> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, calls.size())));
        try {
            List<Future<?>> running = new ArrayList<>();
            calls.forEach(call -> running.add(pool.submit(call)));
            for (Future<?> call : running) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
