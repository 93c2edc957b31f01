package io.lblab.azure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code lblab.azure.*}: where Azure is and how the operator talks to it. */
@ConfigMapping(prefix = "lblab.azure")
public interface AzureConfig {

    /** AZURE, AZURE_CHINA, AZURE_US_GOVERNMENT or CUSTOM. */
    @WithDefault("AZURE")
    AzureCloud cloud();

    /** CUSTOM cloud: the ARM endpoint, e.g. {@code https://management.local.azurestack.external/}. */
    Optional<String> resourceManagerEndpoint();

    /** CUSTOM cloud: the token authority; defaults to the ARM endpoint. */
    Optional<String> authorityHost();

    /** PEM certificate to trust in addition to the JDK's (a private cloud's or the simulator's CA). */
    Optional<String> trustCertificate();

    /** Skip MSAL's instance discovery (needed for private clouds and the simulator). */
    @WithDefault("false")
    boolean disableInstanceDiscovery();

    /** Subscription for labs that use the operator's own credential. */
    Optional<String> subscriptionId();

    /**
     * The operator's own credential is {@code DefaultAzureCredential}; these, when set, are handed to it in
     * place of the AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET environment variables.
     */
    Optional<String> tenantId();

    Optional<String> clientId();

    Optional<String> clientSecret();

    /** How often to poll a long-running operation when ARM sends no Retry-After. */
    @WithDefault("10s")
    Duration pollInterval();

    /** Client-side write budget per subscription, kept under ARM's (200 burst, 10/s refill). */
    WriteBudgetConfig writeBudget();

    interface WriteBudgetConfig {
        @WithDefault("150")
        int burst();

        @WithDefault("8")
        double perSecond();

        /** Tokens only the critical path (the Bastion and what it needs) may take when the bucket runs low. */
        @WithDefault("10")
        int criticalReserve();

        /** ARM's remaining writes the operator leaves to other clients of the subscription. */
        @WithDefault("20")
        int armHeadroom();
    }

    /** Client-side read budget per subscription, kept under ARM's (250 burst, 25/s refill). */
    ReadBudgetConfig readBudget();

    interface ReadBudgetConfig {
        @WithDefault("200")
        int burst();

        @WithDefault("20")
        double perSecond();

        /** ARM's remaining reads the operator leaves to other clients of the subscription. */
        @WithDefault("20")
        int armHeadroom();
    }
}
