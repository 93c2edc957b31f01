package io.lblab.azure;

import com.azure.core.management.profile.AzureProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One gateway (HTTP pipeline with its token cache) per credential, and one write budget per subscription. */
@ApplicationScoped
public class AzureGateways {

    private final AzureConfig config;
    private final AzureHttpClientHolder httpClient;
    private final Map<String, AzureGateway> gateways = new ConcurrentHashMap<>();
    private final Map<String, WriteBudget> budgets = new ConcurrentHashMap<>();

    public AzureGateways(AzureConfig config, AzureHttpClientHolder httpClient) {
        this.config = config;
        this.httpClient = httpClient;
    }

    public AzureGateway gateway(AzureAccess access) {
        return gateways.computeIfAbsent(access.cacheKey() + "|" + access.subscriptionId(), key -> {
            var environment = config.cloud().environment(config.resourceManagerEndpoint(), config.authorityHost());
            AzureProfile profile = new AzureProfile(null, access.subscriptionId(), environment);
            return new AzureGateway(access, profile, httpClient.client(), config.pollInterval(),
                    List.of(new ArmPacingPolicy(writeBudget(access.subscriptionId()))));
        });
    }

    public WriteBudget writeBudget(String subscriptionId) {
        return budgets.computeIfAbsent(subscriptionId.toLowerCase(),
                s -> new WriteBudget(config.writeBudget().burst(), config.writeBudget().perSecond(),
                        config.writeBudget().criticalReserve(), config.writeBudget().armHeadroom()));
    }
}
