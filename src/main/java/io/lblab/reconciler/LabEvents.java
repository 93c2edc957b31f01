package io.lblab.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.LoadBalancerLab;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes Events on the lab: what {@code kubectl describe lblab} shows as it progresses or fails. Like client-go's
 * event recorder, the Events are sent from a queue of their own: a reconcile never waits for the API server's answer,
 * and when the queue is full (the API server slow or away) an Event is dropped rather than a reconcile held up. The
 * log line is written at once either way.
 */
@ApplicationScoped
public class LabEvents {

    private static final Logger LOG = Logger.getLogger(LabEvents.class);
    private static final int QUEUE = 5_000;

    private final KubernetesClient kubernetes;
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "lblab-events");
                thread.setDaemon(true);
                return thread;
            }, (runnable, executor) -> LOG.debugf("event queue full (%d): an Event is dropped", QUEUE));

    public LabEvents(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    /** Sends what is queued, for a few seconds at most, before the client closes. */
    @PreDestroy
    void flush() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }

    void normal(LoadBalancerLab lab, String reason, String message) {
        record(lab, "Normal", reason, message);
    }

    void warning(LoadBalancerLab lab, String reason, String message) {
        record(lab, "Warning", reason, message);
    }

    private void record(LoadBalancerLab lab, String type, String reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
        String namespace = lab.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(lab.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(lab.getApiVersion())
                        .withKind(lab.getKind())
                        .withName(lab.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(lab.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent("lblab-operator").endSource()
                .build();
        LOG.infof("%s/%s %s %s: %s", namespace, lab.getMetadata().getName(), type, reason, message);
        if (sender.isShutdown()) {
            return;
        }
        sender.execute(() -> {
            try {
                kubernetes.v1().events().inNamespace(namespace).resource(event).create();
            } catch (RuntimeException e) {
                LOG.debugf("could not record event %s on %s: %s", reason, event.getInvolvedObject().getName(), e.getMessage());
            }
        });
    }
}
