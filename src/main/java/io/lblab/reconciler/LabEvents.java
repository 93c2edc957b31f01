package io.lblab.reconciler;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.LoadBalancerLab;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Kubernetes Events on the lab: what {@code kubectl describe lblab} shows as it progresses or fails. */
@ApplicationScoped
public class LabEvents {

    private static final Logger LOG = Logger.getLogger(LabEvents.class);

    private final KubernetesClient kubernetes;

    public LabEvents(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    void normal(LoadBalancerLab lab, String reason, String message) {
        record(lab, "Normal", reason, message);
    }

    void warning(LoadBalancerLab lab, String reason, String message) {
        record(lab, "Warning", reason, message);
    }

    private void record(LoadBalancerLab lab, String type, String reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
        try {
            kubernetes.v1().events().inNamespace(lab.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(lab.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(lab.getMetadata().getNamespace())
                    .endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(lab.getApiVersion())
                            .withKind(lab.getKind())
                            .withName(lab.getMetadata().getName())
                            .withNamespace(lab.getMetadata().getNamespace())
                            .withUid(lab.getMetadata().getUid())
                            .build())
                    .withType(type)
                    .withReason(reason)
                    .withMessage(message)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withCount(1)
                    .withNewSource().withComponent("lblab-operator").endSource()
                    .build()).create();
        } catch (RuntimeException e) {
            LOG.debugf("could not record event %s on %s: %s", reason, lab.getMetadata().getName(), e.getMessage());
        }
        LOG.infof("%s/%s %s %s: %s", lab.getMetadata().getNamespace(), lab.getMetadata().getName(), type, reason, message);
    }
}
