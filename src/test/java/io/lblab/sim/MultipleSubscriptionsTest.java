package io.lblab.sim;

import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A simulator serving two subscriptions: separate resources, separate token buckets, one principal. */
class MultipleSubscriptionsTest {
    private static final String RG_BODY = "{\"location\":\"eastus\"}";

    @Test
    void theSameGroupNameInTwoSubscriptionsIsTwoIndependentGroups() {
        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults().withSubscriptions(2))) {
            SimulatorInfo info = sim.info();
            assertThat(info.subscriptionIds()).hasSize(2).doesNotHaveDuplicates();
            String a = info.subscriptionId();
            String b = info.subscriptionIds().get(1);
            Lab inA = new Lab(SimClients.inSubscription(info, a), info, "rg");
            Lab inB = new Lab(SimClients.inSubscription(info, b), info, "rg");
            inA.group();
            VirtualNetworkInner vnet = inA.vnet();
            inB.rm.serviceClient().getResourceGroups().createOrUpdate("rg",
                    new ResourceGroupInner().withLocation("westus"));

            assertThat(vnet.id()).startsWith("/subscriptions/" + a + "/resourceGroups/rg/");
            assertThat(inB.rm.serviceClient().getResourceGroups().get("rg").location())
                    .as("a group of the same name elsewhere does not pin the location").isEqualTo("westus");
            assertThat(inB.rm.serviceClient().getResourceGroups().list().stream().map(g -> g.id()))
                    .containsExactly("/subscriptions/" + b + "/resourceGroups/rg");
            assertThat(inB.net.serviceClient().getVirtualNetworks().listByResourceGroup("rg").stream().count())
                    .isZero();
            assertThat(inB.net.serviceClient().getVirtualNetworks().list().stream().count()).isZero();

            Lab.done(inB.rm.serviceClient().getResourceGroups().beginDelete("rg"));
            assertThat(sim.admin().resource("/subscriptions/" + b + "/resourceGroups/rg")).isNull();
            assertThat(sim.admin().resource(vnet.id())).as("the other subscription's group survives").isNotNull();
            assertThat(inA.rm.serviceClient().getResourceGroups().list().stream().count()).isEqualTo(1);
        }
    }

    @Test
    void referencesAndOperationsDoNotCrossSubscriptions() {
        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults().withSubscriptions(2))) {
            SimulatorInfo info = sim.info();
            String a = "/subscriptions/" + info.subscriptionId();
            String b = "/subscriptions/" + info.subscriptionIds().get(1);
            RawArm raw = new RawArm(info);
            raw.call("PUT", a + "/resourcegroups/rg?" + RawArm.RG_API, RG_BODY);
            raw.call("PUT", b + "/resourcegroups/rg?" + RawArm.RG_API, RG_BODY);
            RawArm.Response vnet = raw.call("PUT", a + "/resourcegroups/rg/providers/Microsoft.Network/virtualNetworks/"
                    + "v?" + RawArm.NET_API, "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":"
                    + "{\"addressPrefixes\":[\"10.0.0.0/16\"]},\"subnets\":[{\"name\":\"s\",\"properties\":"
                    + "{\"addressPrefix\":\"10.0.0.0/24\"}}]}}");
            assertThat(vnet.status()).isEqualTo(201);

            String asyncOperation = vnet.header("Azure-AsyncOperation");
            assertThat(asyncOperation).contains(a + "/providers/");
            String path = asyncOperation.substring(info.baseUrl().length() - 1);
            assertThat(raw.call("GET", path, null).status()).isEqualTo(200);
            RawArm.Response elsewhere = raw.call("GET", path.replace(a, b), null);
            assertThat(elsewhere.status()).isEqualTo(404);
            assertThat(elsewhere.errorCode()).isEqualTo("OperationNotFound");

            String subnetInA = a + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s";
            RawArm.Response nic = raw.call("PUT", b + "/resourcegroups/rg/providers/Microsoft.Network/"
                    + "networkInterfaces/n?" + RawArm.NET_API, "{\"location\":\"eastus\",\"properties\":"
                    + "{\"ipConfigurations\":[{\"name\":\"ip\",\"properties\":{\"subnet\":{\"id\":\"" + subnetInA
                    + "\"}}}]}}");
            assertThat(nic.status()).isEqualTo(400);
            assertThat(nic.errorCode()).isEqualTo("InvalidResourceReference");
        }
    }

    @Test
    void drainingOneSubscriptionsWriteBucketThrottlesOnlyThatSubscription() {
        SimulatorOptions options = SimulatorOptions.defaults().withSubscriptions(2)
                .withThrottling(new SimulatorOptions.Throttling(true, 100, 50, 3, 0.001));
        try (ArmSimulator sim = ArmSimulator.start(options)) {
            String a = sim.info().subscriptionId();
            String b = sim.info().subscriptionIds().get(1);
            RawArm raw = new RawArm(sim.info());
            for (String name : List.of("g1", "g2", "g3")) {
                assertThat(raw.call("PUT", "/subscriptions/" + a + "/resourcegroups/" + name + "?" + RawArm.RG_API,
                        RG_BODY).status()).isEqualTo(201);
            }
            RawArm.Response throttled = raw.call("PUT", "/subscriptions/" + a + "/resourcegroups/g4?"
                    + RawArm.RG_API, RG_BODY);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.errorCode()).isEqualTo("SubscriptionRequestsThrottled");
            assertThat(throttled.json().path("error").path("message").asText()).contains(a);

            RawArm.Response other = raw.call("PUT", "/subscriptions/" + b + "/resourcegroups/g4?" + RawArm.RG_API,
                    RG_BODY);
            assertThat(other.status()).isEqualTo(201);
            assertThat(other.header("x-ms-ratelimit-remaining-subscription-writes")).isEqualTo("2");

            SimulatorStats stats = sim.admin().stats();
            assertThat(stats.throttled()).isEqualTo(1);
            assertThat(stats.bySubscription()).containsOnlyKeys(a, b);
            assertThat(stats.bySubscription().get(a))
                    .isEqualTo(new SimulatorStats.SubscriptionStats(4, 0, 4, 1, 1));
            assertThat(stats.bySubscription().get(b))
                    .isEqualTo(new SimulatorStats.SubscriptionStats(1, 0, 1, 0, 0));
            JsonNode json = raw.admin("GET", "/_sim/stats", null).json();
            assertThat(json.path("bySubscription").path(a).path("throttled").asLong()).isEqualTo(1);
            assertThat(json.path("throttled").asLong()).isEqualTo(1);
        }
    }

    @Test
    void listsEverySubscriptionAndAnUnknownOneIsStillNotFound() {
        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults().withSubscriptions(3))) {
            RawArm raw = new RawArm(sim.info());
            List<String> listed = new ArrayList<>();
            raw.call("GET", "/subscriptions?api-version=2022-12-01", null).json().path("value")
                    .forEach(s -> listed.add(s.path("subscriptionId").asText()));
            assertThat(listed).isEqualTo(sim.info().subscriptionIds());
            String second = sim.info().subscriptionIds().get(1);
            assertThat(raw.call("GET", "/subscriptions/" + second.toUpperCase() + "?api-version=2022-12-01", null)
                    .json().path("subscriptionId").asText()).isEqualTo(second);

            RawArm.Response unknown = raw.call("GET", "/subscriptions/" + UUID.randomUUID() + "/resourcegroups?"
                    + RawArm.RG_API, null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("SubscriptionNotFound");
        }
    }

    @Test
    void oneSubscriptionByDefault() {
        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults())) {
            assertThat(sim.info().subscriptionIds()).containsExactly(sim.info().subscriptionId());
            RawArm raw = new RawArm(sim.info());
            assertThat(raw.call("GET", "/subscriptions?api-version=2022-12-01", null).json().path("value").size())
                    .isEqualTo(1);
            assertThat(sim.admin().stats().bySubscription()).containsOnlyKeys(sim.info().subscriptionId());
        }
    }
}
