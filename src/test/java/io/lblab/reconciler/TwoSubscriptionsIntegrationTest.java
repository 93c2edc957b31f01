package io.lblab.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.BackendsSpec;
import io.lblab.api.BastionSpec;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.api.SecretReference;
import io.lblab.sim.SimulatorInfo;
import io.lblab.sim.SimulatorStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, part 5: two labs whose credentials Secrets name two subscriptions of the simulator are built side by
 * side, each in its own subscription, and the operator keeps a write budget for each.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(SimulatorTestResource.class)
class TwoSubscriptionsIntegrationTest {
    private static final String BUDGET_GAUGE = "lblab.arm.write.budget.available";

    @Inject
    KubernetesClient kubernetes;
    @Inject
    MeterRegistry registry;

    @Test
    void labsInTwoSubscriptionsBecomeReadyEachInItsOwnSubscription() {
        SimulatorInfo info = SimulatorTestResource.simulator().info();
        List<String> subscriptions = info.subscriptionIds();
        assertThat(subscriptions).hasSize(2);
        LabTestSupport labs = new LabTestSupport(kubernetes);
        SimulatorStats before = SimulatorTestResource.simulator().admin().stats();
        for (int i = 0; i < 2; i++) {
            String namespace = "it-sub" + (i + 1);
            kubernetes.secrets().inNamespace(namespace).resource(credentialsSecret(info, namespace, subscriptions.get(i)))
                    .create();
            labs.create(namespace, LabTestSupport.lab("lab", spec()));
        }
        for (int i = 0; i < 2; i++) {
            String namespace = "it-sub" + (i + 1);
            LoadBalancerLab lab = labs.awaitReady(namespace, "lab");
            String group = lab.getStatus().resourceGroup();
            String mine = "/subscriptions/" + subscriptions.get(i) + "/resourceGroups/" + group;
            String other = "/subscriptions/" + subscriptions.get(1 - i) + "/resourceGroups/" + group;
            assertThat(SimulatorTestResource.simulator().admin().resource(mine)).as(mine).isNotNull();
            assertThat(SimulatorTestResource.simulator().admin().resource(other)).as(other).isNull();
            assertThat(SimulatorTestResource.simulator().admin().resources())
                    .filteredOn(r -> r.path("id").asText().toLowerCase().contains("/resourcegroups/" + group.toLowerCase() + "/"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.path("id").asText()).startsWithIgnoringCase(mine + "/"));
        }

        SimulatorStats after = SimulatorTestResource.simulator().admin().stats();
        assertThat(writes(after, subscriptions.get(1)) - writes(before, subscriptions.get(1)))
                .as("the second subscription's lab wrote there: at least its group, network, NSG, NIC, VM and LB")
                .isGreaterThanOrEqualTo(6);
        assertThat(registry.find(BUDGET_GAUGE).gauges()).extracting(g -> g.getId().getTag("subscription_id"))
                .as("a write budget per subscription").contains(subscriptions.get(0).toLowerCase(),
                        subscriptions.get(1).toLowerCase());
        assertThat(registry.find(BUDGET_GAUGE).tag("subscription_id", subscriptions.get(1).toLowerCase()).gauge())
                .extracting(Gauge::value).satisfies(v -> assertThat((double) v).isGreaterThan(0));

        labs.deleteAndAwaitGone("it-sub1", "lab");
        labs.deleteAndAwaitGone("it-sub2", "lab");
    }

    private static long writes(SimulatorStats stats, String subscription) {
        SimulatorStats.SubscriptionStats s = stats.bySubscription().get(subscription);
        return s == null ? 0 : s.writes();
    }

    private static LoadBalancerLabSpec spec() {
        return new LoadBalancerLabSpec(Mode.Internal, null, null, new SecretReference("azure-creds"), null,
                new BastionSpec(false), new BackendsSpec(1, null, null, null, null), null, null, null, null, null);
    }

    private static Secret credentialsSecret(SimulatorInfo info, String namespace, String subscription) {
        return new SecretBuilder().withNewMetadata().withName("azure-creds").withNamespace(namespace).endMetadata()
                .addToStringData("AZURE_TENANT_ID", info.tenantId())
                .addToStringData("AZURE_CLIENT_ID", info.clientId())
                .addToStringData("AZURE_CLIENT_SECRET", info.clientSecret())
                .addToStringData("AZURE_SUBSCRIPTION_ID", subscription)
                .build();
    }
}
