package io.lblab.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.lblab.sim.ArmSimulator;
import io.lblab.sim.SimulatorInfo;
import io.lblab.sim.SimulatorOptions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArmPacingPolicyTest {

    private static final Duration CALL = Duration.ofSeconds(30);
    private static final ReadBudget UNLIMITED_READS = new ReadBudget(100_000, 100_000, 0);

    @Test
    void anotherClientsWritesInTheSubscriptionSlowTheOperatorDownBeforeArmIsEmpty() {
        // ARM: 40 writes of burst, refilled slowly enough that the test sees no refill worth counting
        var throttling = new SimulatorOptions.Throttling(true, 250, 25, 40, 0.01);
        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults().withThrottling(throttling))) {
            WriteBudget ours = new WriteBudget(20, 8, 0, 5);
            AzureGateway operator = gateway(sim.info(), List.of(new ArmPacingPolicy(ours, UNLIMITED_READS)));
            AzureGateway someoneElse = gateway(sim.info(), List.of());

            operator.putResourceGroup("ours", "westeurope", Map.of()).block(CALL);
            assertThat(ours.lastArmRemaining()).as("ARM's count after our first write").isEqualTo(39);
            assertThat(ours.available()).as("ARM has more than our bucket less the headroom: our own bucket decides").isEqualTo(20);

            for (int i = 0; i < 30; i++) {
                someoneElse.putResourceGroup("theirs-" + i, "westeurope", Map.of()).block(CALL);
            }
            operator.putResourceGroup("ours", "westeurope", Map.of("touched", "again")).block(CALL);
            assertThat(ours.lastArmRemaining()).isEqualTo(8);
            assertThat(ours.available()).as("ARM has 8 left; 5 of them are left to the other client").isEqualTo(3);
            assertThat(ours.tokens()).isEqualTo(3);
        }
    }

    @Test
    void a429OnAWriteEmptiesTheBucketForItsRetryAfter() {
        WriteBudget ours = new WriteBudget(150, 8, 0, 5);
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "7");
        var pipeline = new HttpPipelineBuilder().policies(new ArmPacingPolicy(ours, UNLIMITED_READS))
                .httpClient(request -> Mono.just(new FakeHttpResponse(request, 429, headers, null))).build();

        pipeline.send(new HttpRequest(HttpMethod.PUT, "https://management.azure.com/subscriptions/s/resourcegroups/rg")).block(CALL);

        assertThat(ours.tryAcquire(WriteBudget.Priority.CRITICAL_PATH)).as("not even the critical path writes before Retry-After")
                .isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7));
    }

    @Test
    void readsNeitherSpendNorCapTheWriteBudget() {
        WriteBudget ours = new WriteBudget(150, 8, 0, 5);
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString(ArmPacingPolicy.REMAINING_READS), "3")
                .set(HttpHeaderName.fromString(ArmPacingPolicy.REMAINING_WRITES), "3");
        var pipeline = new HttpPipelineBuilder().policies(new ArmPacingPolicy(ours, UNLIMITED_READS))
                .httpClient(request -> Mono.just(new FakeHttpResponse(request, 200, headers, "{}"))).build();

        pipeline.send(new HttpRequest(HttpMethod.GET, "https://management.azure.com/subscriptions/s/resourcegroups/rg")).block(CALL);

        assertThat(ours.available()).isEqualTo(150);
    }

    @Test
    void readsWaitForTheirBudgetAndArmsRemainingReadsCapIt() {
        long start = System.nanoTime();
        ReadBudget reads = new ReadBudget(2, 5, 20);
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString(ArmPacingPolicy.REMAINING_READS), "1000");
        List<Long> sentAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        var pipeline = new HttpPipelineBuilder().policies(new ArmPacingPolicy(new WriteBudget(150, 8, 0, 5), reads))
                .httpClient(request -> {
                    sentAt.add(System.nanoTime());
                    return Mono.just(new FakeHttpResponse(request, 200, headers, "{}"));
                }).build();
        for (int i = 0; i < 3; i++) {
            pipeline.send(new HttpRequest(HttpMethod.GET, "https://management.azure.com/subscriptions/s/resourcegroups/rg")).block(CALL);
        }
        assertThat(sentAt).hasSize(3);
        // a burst of 2, then 5 per second: the third read cannot leave before its token has refilled, 200 ms after the bucket's start
        assertThat(Duration.ofNanos(sentAt.get(2) - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));

        reads.armRemaining(21);
        assertThat(reads.tokens()).as("ARM has 21 reads left; 20 are left to the subscription's other clients").isZero();
    }

    @Test
    void a429OnAReadPutsTheReadsInDebtNotTheWrites() {
        WriteBudget writes = new WriteBudget(150, 8, 0, 5);
        ReadBudget reads = new ReadBudget(200, 20, 20);
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "3");
        var pipeline = new HttpPipelineBuilder().policies(new ArmPacingPolicy(writes, reads))
                .httpClient(request -> Mono.just(new FakeHttpResponse(request, 429, headers, null))).build();

        pipeline.send(new HttpRequest(HttpMethod.GET, "https://management.azure.com/subscriptions/s/resourcegroups/rg")).block(CALL);

        assertThat(reads.reserve()).isBetween(Duration.ofMillis(2900), Duration.ofMillis(3100));
        assertThat(writes.available()).isEqualTo(150);
    }

    private static AzureGateway gateway(SimulatorInfo info, List<com.azure.core.http.policy.HttpPipelinePolicy> policies) {
        var http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(info.sslContext())).build();
        var credential = new ClientSecretCredentialBuilder().tenantId(info.tenantId()).clientId(info.clientId())
                .clientSecret(info.clientSecret()).authorityHost(info.baseUrl()).disableInstanceDiscovery().httpClient(http).build();
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", info.baseUrl());
        endpoints.put("managementEndpointUrl", info.baseUrl());
        endpoints.put("activeDirectoryEndpointUrl", info.baseUrl());
        AzureProfile profile = new AzureProfile(info.tenantId(), info.subscriptionId(), new AzureEnvironment(endpoints));
        return new AzureGateway(new AzureAccess("sim", credential, info.subscriptionId()), profile, http, Duration.ofMillis(20), policies);
    }
}
