package io.lblab.sim;

import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ARM's per-subscription token buckets, and the SDK riding out a 429. */
class ThrottlingTest {

    @Test
    void writesBeyondTheBucketGet429WithRetryAfterAndTheSdkRetriesThrough() {
        SimulatorOptions options = SimulatorOptions.defaults()
                .withThrottling(new SimulatorOptions.Throttling(true, 100, 50, 3, 2));
        try (ArmSimulator sim = ArmSimulator.start(options)) {
            RawArm raw = new RawArm(sim.info());
            String body = "{\"location\":\"eastus\"}";
            RawArm.Response first = raw.call("PUT", raw.sub() + "/resourcegroups/a?" + RawArm.RG_API, body);
            assertThat(first.header("x-ms-ratelimit-remaining-subscription-writes")).isEqualTo("2");
            raw.call("PUT", raw.sub() + "/resourcegroups/b?" + RawArm.RG_API, body);
            raw.call("PUT", raw.sub() + "/resourcegroups/c?" + RawArm.RG_API, body);
            RawArm.Response throttled = raw.call("PUT", raw.sub() + "/resourcegroups/d?" + RawArm.RG_API, body);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.errorCode()).isEqualTo("SubscriptionRequestsThrottled");
            assertThat(Integer.parseInt(throttled.header("Retry-After"))).isGreaterThanOrEqualTo(1);
            assertThat(raw.call("GET", raw.sub() + "/resourcegroups/a?" + RawArm.RG_API, null).status())
                    .as("reads have their own bucket").isEqualTo(200);

            var groups = new SimClients(sim.info()).resources().serviceClient().getResourceGroups();
            for (int i = 0; i < 4; i++) {
                groups.createOrUpdate("sdk" + i, new ResourceGroupInner().withLocation("eastus"));
            }
            assertThat(groups.list().stream().count()).isEqualTo(7);
            SimulatorStats stats = sim.admin().stats();
            assertThat(stats.throttled()).isGreaterThanOrEqualTo(2);
            assertThat(stats.byStatus().get("429")).isEqualTo(stats.throttled());
        }
    }

    @Test
    void operationPollsCountAsReads() {
        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults())) {
            Lab lab = new Lab(new SimClients(sim.info()), sim.info(), "rg");
            lab.group();
            lab.vnet();
            SimulatorStats stats = sim.admin().stats();
            assertThat(stats.byType().get("operations").get("GET")).isEqualTo(1);
            assertThat(stats.reads()).isEqualTo(2); // the poll and the final GET
            assertThat(stats.writes()).isEqualTo(2);
            assertThat(stats.byType().get("Microsoft.Network/virtualNetworks")).containsEntry("PUT", 1L)
                    .containsEntry("GET", 1L);
        }
    }
}
