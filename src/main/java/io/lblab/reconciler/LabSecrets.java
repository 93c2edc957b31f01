package io.lblab.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lblab.api.LoadBalancerLab;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Secrets labs use, watched: the credentials of {@code spec.credentialsSecretRef}, the password of
 * {@code spec.backends.adminPasswordSecretRef} and the generated {@code <lab>-vm-admin}. Creating, fixing or deleting
 * one reconciles the labs that name it at once, and labs read them from this cache instead of the API server.
 */
@ApplicationScoped
public class LabSecrets {

    private static final String INDEX = "lblab-secrets";
    private volatile InformerEventSource<Secret, LoadBalancerLab> source;

    InformerEventSource<Secret, LoadBalancerLab> eventSource(EventSourceContext<LoadBalancerLab> context) {
        context.getPrimaryCache().addIndexer(INDEX, LabSecrets::secretKeys);
        InformerEventSourceConfiguration<Secret> configuration = InformerEventSourceConfiguration
                .from(Secret.class, LoadBalancerLab.class)
                .withName("secrets")
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                        .byIndex(INDEX, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName())).stream()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        source = new InformerEventSource<>(configuration, context);
        return source;
    }

    /** The Secret as last seen by the watch; empty when it does not exist (or the watch has not seen it yet). */
    Optional<Secret> get(String namespace, String name) {
        InformerEventSource<Secret, LoadBalancerLab> current = source;
        if (current == null) {
            throw new IllegalStateException("the Secret watch is not started");
        }
        return current.get(new ResourceID(name, namespace));
    }

    /** The Secrets a lab depends on, as index keys. */
    static List<String> secretKeys(LoadBalancerLab lab) {
        String namespace = lab.getMetadata().getNamespace();
        List<String> keys = new ArrayList<>();
        keys.add(key(namespace, AdminPasswords.generatedSecretName(lab)));
        if (lab.getSpec() != null && lab.getSpec().credentialsSecretRef() != null) {
            keys.add(key(namespace, lab.getSpec().credentialsSecretRef().name()));
        }
        if (lab.getSpec() != null && lab.getSpec().backends() != null && lab.getSpec().backends().adminPasswordSecretRef() != null) {
            keys.add(key(namespace, lab.getSpec().backends().adminPasswordSecretRef().name()));
        }
        return keys;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
