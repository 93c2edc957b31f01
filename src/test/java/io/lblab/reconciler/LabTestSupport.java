package io.lblab.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lblab.api.Condition;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Phase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Creating labs in the mock Kubernetes API and waiting on their status. */
final class LabTestSupport {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final KubernetesClient kubernetes;

    LabTestSupport(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    static LoadBalancerLab sample(String file) {
        try (InputStream in = Files.newInputStream(Path.of("deploy/samples", file))) {
            return Serialization.unmarshal(in, LoadBalancerLab.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadBalancerLab lab(String name, LoadBalancerLabSpec spec) {
        LoadBalancerLab lab = new LoadBalancerLab();
        lab.getMetadata().setName(name);
        lab.setSpec(spec);
        return lab;
    }

    LoadBalancerLab create(String namespace, LoadBalancerLab lab) {
        lab.getMetadata().setNamespace(namespace);
        return kubernetes.resources(LoadBalancerLab.class).inNamespace(namespace).resource(lab).create();
    }

    LoadBalancerLab get(String namespace, String name) {
        return kubernetes.resources(LoadBalancerLab.class).inNamespace(namespace).withName(name).get();
    }

    /** A user's edit of the spec: read, change, write with optimistic locking, again on a conflict (as kubectl edit). */
    LoadBalancerLab updateSpec(String namespace, String name, java.util.function.UnaryOperator<LoadBalancerLabSpec> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return kubernetes.resources(LoadBalancerLab.class).inNamespace(namespace).withName(name)
                        .edit(lab -> {
                            lab.setSpec(change.apply(lab.getSpec()));
                            return lab;
                        });
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** Sets (value non-null) or removes an annotation, as {@code kubectl annotate} does. */
    LoadBalancerLab annotate(String namespace, String name, String key, String value) {
        for (int attempt = 1; ; attempt++) {
            try {
                return kubernetes.resources(LoadBalancerLab.class).inNamespace(namespace).withName(name)
                        .edit(lab -> {
                            java.util.Map<String, String> annotations = lab.getMetadata().getAnnotations() == null
                                    ? new java.util.HashMap<>() : new java.util.HashMap<>(lab.getMetadata().getAnnotations());
                            if (value == null) {
                                annotations.remove(key);
                            } else {
                                annotations.put(key, value);
                            }
                            lab.getMetadata().setAnnotations(annotations);
                            return lab;
                        });
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** The reasons of the Events recorded on a lab, oldest first. */
    java.util.List<String> eventReasons(String namespace, String name) {
        return kubernetes.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .sorted(java.util.Comparator.comparing(e -> e.getLastTimestamp() == null ? "" : e.getLastTimestamp()))
                .map(io.fabric8.kubernetes.api.model.Event::getReason).toList();
    }

    LoadBalancerLab awaitStatus(String namespace, String name, Duration timeout, Predicate<LoadBalancerLab> condition) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> get(namespace, name), lab -> lab != null && lab.getStatus() != null && condition.test(lab));
    }

    LoadBalancerLab awaitReady(String namespace, String name) {
        return awaitStatus(namespace, name, READY_TIMEOUT, lab -> lab.getStatus().phase() == Phase.Ready
                && lab.getStatus().observedGeneration().equals(lab.getMetadata().getGeneration()));
    }

    LoadBalancerLab awaitReason(String namespace, String name, String reason) {
        return awaitStatus(namespace, name, READY_TIMEOUT, lab -> {
            Condition ready = lab.getStatus().condition(Condition.READY);
            return ready != null && reason.equals(ready.reason());
        });
    }

    void delete(String namespace, String name) {
        kubernetes.resources(LoadBalancerLab.class).inNamespace(namespace).withName(name).delete();
    }

    void awaitGone(String namespace, String name) {
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> get(namespace, name) == null);
    }

    void deleteAndAwaitGone(String namespace, String name) {
        delete(namespace, name);
        awaitGone(namespace, name);
    }
}
