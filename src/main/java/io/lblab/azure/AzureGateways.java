package io.lblab.azure;

import com.azure.core.management.profile.AzureProfile;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One gateway (HTTP pipeline with its token cache) per credential, and one write and one read budget per subscription. */
@ApplicationScoped
public class AzureGateways {

    private final AzureConfig config;
    private final AzureHttpClientHolder httpClient;
    private final MeterRegistry registry;
    private final ArmMetricsPolicy armMetrics;
    private final Map<String, AzureGateway> gateways = new ConcurrentHashMap<>();
    private final Map<String, WriteBudget> budgets = new ConcurrentHashMap<>();
    private final Map<String, ReadBudget> readBudgets = new ConcurrentHashMap<>();
    private final Map<String, Gauge> budgetGauges = new ConcurrentHashMap<>();

    public AzureGateways(AzureConfig config, AzureHttpClientHolder httpClient, MeterRegistry registry) {
        this.config = config;
        this.httpClient = httpClient;
        this.registry = registry;
        this.armMetrics = new ArmMetricsPolicy(registry);
    }

    public AzureGateway gateway(AzureAccess access) {
        return gateways.computeIfAbsent(access.cacheKey() + "|" + access.subscriptionId(), key -> {
            var environment = config.cloud().environment(config.resourceManagerEndpoint(), config.authorityHost());
            AzureProfile profile = new AzureProfile(null, access.subscriptionId(), environment);
            return new AzureGateway(access, profile, httpClient.client(), config.pollInterval(),
                    List.of(new ArmPacingPolicy(writeBudget(access.subscriptionId()), readBudget(access.subscriptionId())), armMetrics));
        });
    }

    public WriteBudget writeBudget(String subscriptionId) {
        return budgets.computeIfAbsent(subscriptionId.toLowerCase(), s -> {
            WriteBudget budget = new WriteBudget(config.writeBudget().burst(), config.writeBudget().perSecond(),
                    config.writeBudget().criticalReserve(), config.writeBudget().armHeadroom());
            // budgets are never dropped, so neither is the gauge: one series per subscription the operator writes to
            budgetGauges.put(s, Gauge.builder("lblab.arm.write.budget.available", budget, WriteBudget::tokens)
                    .description("Write tokens left in the operator's client-side write budget of the subscription")
                    .baseUnit("tokens")
                    .tag("subscription_id", s)
                    .strongReference(true)
                    .register(registry));
            return budget;
        });
    }

    public ReadBudget readBudget(String subscriptionId) {
        return readBudgets.computeIfAbsent(subscriptionId.toLowerCase(), s -> new ReadBudget(config.readBudget().burst(),
                config.readBudget().perSecond(), config.readBudget().armHeadroom()));
    }

    /** The budgets' gauges go with them (the registry may outlive this application, as in tests). */
    @PreDestroy
    void close() {
        budgetGauges.values().forEach(registry::remove);
    }
}
