package io.lblab.reconciler;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.SecretKeyReference;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The VMs' administrator password: from the user's Secret, or generated once into Secret {@code <lab>-vm-admin},
 * owned by the lab so Kubernetes deletes it with the lab. The password never goes to spec, status, events or logs.
 */
@ApplicationScoped
public class AdminPasswords {

    static final String PASSWORD_KEY = "password";
    static final String USERNAME_KEY = "username";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SPECIAL = "!@#%^*-_=+";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient kubernetes;
    private final LabSecrets secrets;

    public AdminPasswords(KubernetesClient kubernetes, LabSecrets secrets) {
        this.kubernetes = kubernetes;
        this.secrets = secrets;
    }

    String passwordFor(LoadBalancerLab lab) throws LabProblem {
        String namespace = lab.getMetadata().getNamespace();
        SecretKeyReference ref = lab.getSpec().backends().adminPasswordSecretRef();
        if (ref != null) {
            Secret secret = secrets.get(namespace, ref.name()).orElse(null);
            String password = secret == null ? null : LabAccessResolver.decode(secret).get(ref.key());
            if (password == null || password.isBlank()) {
                throw new LabProblem(ReadyReason.AdminPasswordNotFound, "key '" + ref.key() + "' of Secret " + namespace + "/" + ref.name()
                        + " named by spec.backends.adminPasswordSecretRef was not found");
            }
            return password;
        }
        String name = generatedSecretName(lab);
        Secret existing = secrets.get(namespace, name).orElse(null);
        if (existing != null) {
            String password = LabAccessResolver.decode(existing).get(PASSWORD_KEY);
            if (password != null && !password.isBlank()) {
                return password;
            }
        }
        String password = generate();
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "lblab-operator", "lblab.io/lab", lab.getMetadata().getName()))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(lab.getApiVersion())
                        .withKind(lab.getKind())
                        .withName(lab.getMetadata().getName())
                        .withUid(lab.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(false)
                        .build())
                .endMetadata()
                .withType("Opaque")
                .withStringData(Map.of(USERNAME_KEY, lab.getSpec().backends().adminUsername(), PASSWORD_KEY, password))
                .build();
        try {
            kubernetes.secrets().inNamespace(namespace).resource(secret).create();
            return password;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // created concurrently (or by a previous run): use what is stored
                Secret stored = kubernetes.secrets().inNamespace(namespace).withName(name).get();
                String storedPassword = stored == null ? null : LabAccessResolver.decode(stored).get(PASSWORD_KEY);
                if (storedPassword != null) {
                    return storedPassword;
                }
            }
            throw e;
        }
    }

    static String generatedSecretName(LoadBalancerLab lab) {
        return lab.getMetadata().getName() + "-vm-admin";
    }

    /** 24 characters with upper and lower case letters, digits and symbols: meets Azure's complexity rules. */
    static String generate() {
        List<Character> characters = new ArrayList<>();
        String all = UPPER + LOWER + DIGITS + SPECIAL;
        for (String required : List.of(UPPER, LOWER, DIGITS, SPECIAL)) {
            characters.add(required.charAt(RANDOM.nextInt(required.length())));
        }
        while (characters.size() < 24) {
            characters.add(all.charAt(RANDOM.nextInt(all.length())));
        }
        Collections.shuffle(characters, RANDOM);
        StringBuilder password = new StringBuilder();
        characters.forEach(password::append);
        return password.toString();
    }
}
