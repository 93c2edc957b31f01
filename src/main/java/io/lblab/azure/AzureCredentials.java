package io.lblab.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Builds credentials for the configured cloud: the operator's own, or one from a lab's Secret. */
@ApplicationScoped
public class AzureCredentials {

    private final AzureConfig config;
    private final HttpClient httpClient;
    private volatile TokenCredential operatorCredential;

    public AzureCredentials(AzureConfig config, AzureHttpClientHolder httpClient) {
        this.config = config;
        this.httpClient = httpClient.client();
    }

    private String authorityHost() {
        return config.cloud().environment(config.resourceManagerEndpoint(), config.authorityHost()).getActiveDirectoryEndpoint();
    }

    /** {@code DefaultAzureCredential} plus the configured subscription; empty when no subscription is configured. */
    public Optional<AzureAccess> operatorAccess() {
        return config.subscriptionId().filter(s -> !s.isBlank())
                .map(subscription -> new AzureAccess("operator", operatorCredential(), subscription));
    }

    private TokenCredential operatorCredential() {
        TokenCredential credential = operatorCredential;
        if (credential == null) {
            synchronized (this) {
                if (operatorCredential == null) {
                    DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                            .authorityHost(authorityHost())
                            .httpClient(httpClient)
                            .configuration(identityConfiguration());
                    if (config.disableInstanceDiscovery()) {
                        builder.disableInstanceDiscovery();
                    }
                    operatorCredential = builder.build();
                }
                credential = operatorCredential;
            }
        }
        return credential;
    }

    /** Environment variables as usual, overridden by explicitly configured values. */
    private Configuration identityConfiguration() {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        Configuration global = Configuration.getGlobalConfiguration();
        put(builder, Configuration.PROPERTY_AZURE_TENANT_ID, config.tenantId(), global);
        put(builder, Configuration.PROPERTY_AZURE_CLIENT_ID, config.clientId(), global);
        put(builder, Configuration.PROPERTY_AZURE_CLIENT_SECRET, config.clientSecret(), global);
        // EnvironmentCredential takes its authority from here, not from the builder
        builder.putProperty(Configuration.PROPERTY_AZURE_AUTHORITY_HOST, authorityHost());
        return builder.build();
    }

    private static void put(ConfigurationBuilder builder, String name, Optional<String> configured, Configuration global) {
        String value = configured.filter(v -> !v.isBlank()).orElse(global.get(name));
        if (value != null) {
            builder.putProperty(name, value);
        }
    }

    /** A service principal's credential, as a lab's {@code credentialsSecretRef} gives it. */
    public AzureAccess servicePrincipal(String tenantId, String clientId, String clientSecret, String subscriptionId) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(tenantId)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .authorityHost(authorityHost())
                .httpClient(httpClient);
        if (config.disableInstanceDiscovery()) {
            builder.disableInstanceDiscovery();
        }
        return new AzureAccess("sp-" + fingerprint(tenantId, clientId, clientSecret, subscriptionId), builder.build(), subscriptionId);
    }

    static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
