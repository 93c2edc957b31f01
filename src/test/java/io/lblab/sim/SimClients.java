package io.lblab.sim;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.ResourceManager;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Azure SDK pointed at a simulator: azure-identity against its token endpoint, the
 * managers against its ARM endpoint, TLS trusting its certificate. Retries are the SDK's own
 * policy with short delays (Retry-After headers still win).
 */
final class SimClients {
    private final String subscriptionId;
    private final HttpClient http;
    private final TokenCredential credential;
    private final AzureProfile profile;
    private final RetryOptions retry;

    SimClients(SimulatorInfo info) {
        this(info, info.clientSecret(), 3);
    }

    SimClients(SimulatorInfo info, String secret, int maxRetries) {
        this(info, secret, maxRetries, null);
    }

    /**
     * @param responseTimeout the HTTP client's response timeout; null for azure-core's default (60 s, or
     *                        {@code AZURE_REQUEST_RESPONSE_TIMEOUT})
     */
    SimClients(SimulatorInfo info, String secret, int maxRetries, Duration responseTimeout) {
        this(info, info.subscriptionId(), secret, maxRetries, responseTimeout);
    }

    /** The clients of one of the simulator's subscriptions (the same principal reaches all of them). */
    static SimClients inSubscription(SimulatorInfo info, String subscriptionId) {
        return new SimClients(info, subscriptionId, info.clientSecret(), 3, null);
    }

    private SimClients(SimulatorInfo info, String subscriptionId, String secret, int maxRetries,
                       Duration responseTimeout) {
        this.subscriptionId = subscriptionId;
        JdkHttpClientBuilder builder = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(info.sslContext()));
        if (responseTimeout != null) {
            builder.responseTimeout(responseTimeout);
        }
        this.http = builder.build();
        this.credential = new ClientSecretCredentialBuilder()
                .tenantId(info.tenantId())
                .clientId(info.clientId())
                .clientSecret(secret)
                .authorityHost(info.baseUrl())
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", info.baseUrl());
        endpoints.put("managementEndpointUrl", info.baseUrl());
        endpoints.put("activeDirectoryEndpointUrl", info.baseUrl());
        this.profile = new AzureProfile(info.tenantId(), subscriptionId, new AzureEnvironment(endpoints));
        this.retry = new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(maxRetries)
                .setBaseDelay(Duration.ofMillis(20)).setMaxDelay(Duration.ofMillis(200)));
    }

    /** Poll interval for SyncPollers: the SDK's default is 30 s. */
    static final Duration POLL = Duration.ofMillis(50);

    String subscriptionId() {
        return subscriptionId;
    }

    HttpClient http() {
        return http;
    }

    TokenCredential credential() {
        return credential;
    }

    ResourceManager resources() {
        return ResourceManager.configure().withHttpClient(http).withRetryOptions(retry)
                .authenticate(credential, profile).withSubscription(subscriptionId);
    }

    NetworkManager network() {
        return NetworkManager.configure().withHttpClient(http).withRetryOptions(retry)
                .authenticate(credential, profile);
    }

    ComputeManager compute() {
        return ComputeManager.configure().withHttpClient(http).withRetryOptions(retry)
                .authenticate(credential, profile);
    }
}
