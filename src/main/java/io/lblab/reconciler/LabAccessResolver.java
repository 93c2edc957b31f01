package io.lblab.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.lblab.api.LoadBalancerLab;
import io.lblab.azure.AzureAccess;
import io.lblab.azure.AzureCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Which credential and subscription a lab uses: its {@code credentialsSecretRef}, else the operator's own. */
@ApplicationScoped
public class LabAccessResolver {

    static final String TENANT = "AZURE_TENANT_ID";
    static final String CLIENT = "AZURE_CLIENT_ID";
    static final String SECRET = "AZURE_CLIENT_SECRET";
    static final String SUBSCRIPTION = "AZURE_SUBSCRIPTION_ID";

    private final LabSecrets secrets;
    private final AzureCredentials credentials;

    public LabAccessResolver(LabSecrets secrets, AzureCredentials credentials) {
        this.secrets = secrets;
        this.credentials = credentials;
    }

    AzureAccess resolve(LoadBalancerLab lab) throws LabProblem {
        var ref = lab.getSpec().credentialsSecretRef();
        if (ref == null) {
            return credentials.operatorAccess().orElseThrow(() -> new LabProblem(ReadyReason.CredentialsNotFound,
                    "the lab has no spec.credentialsSecretRef and the operator has no subscription configured (lblab.azure.subscription-id)"));
        }
        String namespace = lab.getMetadata().getNamespace();
        Secret secret = secrets.get(namespace, ref.name()).orElse(null);
        if (secret == null) {
            throw new LabProblem(ReadyReason.CredentialsNotFound, "Secret " + namespace + "/" + ref.name() + " named by spec.credentialsSecretRef was not found");
        }
        Map<String, String> values = decode(secret);
        List<String> missing = new ArrayList<>();
        for (String key : List.of(TENANT, CLIENT, SECRET, SUBSCRIPTION)) {
            if (values.getOrDefault(key, "").isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new LabProblem(ReadyReason.CredentialsNotFound, "Secret " + namespace + "/" + ref.name() + " lacks " + String.join(", ", missing));
        }
        return credentials.servicePrincipal(values.get(TENANT).trim(), values.get(CLIENT).trim(), values.get(SECRET).trim(),
                values.get(SUBSCRIPTION).trim());
    }

    static Map<String, String> decode(Secret secret) {
        Map<String, String> values = new java.util.HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }
}
