package io.lblab.sim;

import com.azure.resourcemanager.network.fluent.models.BastionHostInner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The long-running-operation protocol exactly as the SDK's pollers read it (CONTRACT.md §3–4). */
class LroProtocolTest extends SimulatorTestBase {
    private static final String VNET_BODY = "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":"
            + "{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}";

    private String rg(RawArm raw, String name) {
        RawArm.Response r = raw.call("PUT", raw.sub() + "/resourcegroups/" + name + "?" + RawArm.RG_API,
                "{\"location\":\"eastus\"}");
        assertThat(r.status()).isEqualTo(201);
        return raw.sub() + "/resourceGroups/" + name;
    }

    @Test
    void networkPutIsCreatedUpdatingWithAzureAsyncOperationThenOkOnReplace() {
        RawArm raw = new RawArm(sim.info());
        String vnet = rg(raw, "rg1") + "/providers/Microsoft.Network/virtualNetworks/v1?" + RawArm.NET_API;
        RawArm.Response created = raw.call("PUT", vnet, VNET_BODY);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/properties/provisioningState").asText()).isEqualTo("Updating");
        String async = created.header("Azure-AsyncOperation");
        assertThat(async).matches("https://127\\.0\\.0\\.1:\\d+/subscriptions/" + sim.info().subscriptionId()
                + "/providers/Microsoft.Network/locations/eastus/operations/[0-9a-f-]+\\?api-version=2025-03-01");
        assertThat(created.header("Retry-After")).as("instant: under a second, so omitted").isNull();
        RawArm.Response status = raw.follow(async);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("status").asText()).isEqualTo("Succeeded");
        assertThat(status.json().has("startTime")).isTrue();
        assertThat(status.json().has("endTime")).isTrue();
        assertThat(status.json().has("name")).isTrue();
        assertThat(raw.call("GET", vnet, null).json().at("/properties/provisioningState").asText())
                .isEqualTo("Succeeded");

        RawArm.Response replaced = raw.call("PUT", vnet, VNET_BODY);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.header("Azure-AsyncOperation")).isNotNull();
        assertThat(replaced.json().get("etag").asText()).as("identical PUT keeps the etag")
                .isEqualTo(created.json().get("etag").asText());
    }

    @Test
    void computePutSaysCreatingAndPollsUnderMicrosoftCompute() throws Exception {
        Lab lab = lab("rgvm");
        lab.group();
        lab.vnet();
        lab.nsg();
        lab.nic("nic1", false);
        RawArm raw = new RawArm(sim.info());
        String body = lab.vmBody("vm1", "nic1", false).toJsonString();
        RawArm.Response r = raw.call("PUT", raw.sub() + "/resourceGroups/rgvm/providers/Microsoft.Compute/"
                + "virtualMachines/vm1?" + RawArm.COMPUTE_API, body);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().at("/properties/provisioningState").asText()).isEqualTo("Creating");
        assertThat(r.json().at("/properties/osProfile").has("adminPassword")).isFalse();
        assertThat(r.header("Azure-AsyncOperation")).contains("/providers/Microsoft.Compute/locations/eastus/operations/");
        RawArm.Response deleted = raw.call("DELETE", raw.sub() + "/resourceGroups/rgvm/providers/Microsoft.Compute/"
                + "virtualMachines/vm1?" + RawArm.COMPUTE_API, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.header("Location")).contains("/providers/Microsoft.Compute/locations/eastus/operations/")
                .contains("monitor=true");
        assertThat(raw.follow(deleted.header("Location")).status()).isEqualTo(200);
    }

    @Test
    void deletesAnswer202WithLocationThen204AndAbsentResourcesAnswer204() {
        RawArm raw = new RawArm(sim.info());
        String vnet = rg(raw, "rg2") + "/providers/Microsoft.Network/virtualNetworks/v1?" + RawArm.NET_API;
        raw.call("PUT", vnet, VNET_BODY);
        RawArm.Response deleted = raw.call("DELETE", vnet, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.header("Location")).contains("/providers/Microsoft.Network/locations/eastus/operationResults/");
        // as the Network RP does, both headers, naming the same operation
        String async = deleted.header("Azure-AsyncOperation");
        assertThat(async).contains("/providers/Microsoft.Network/locations/eastus/operations/");
        String operationId = async.replaceFirst(".*/operations/([^?]+).*", "$1");
        assertThat(deleted.header("Location")).contains("/operationResults/" + operationId + "?");
        RawArm.Response status = raw.follow(async);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("status").asText()).isEqualTo("Succeeded");
        assertThat(raw.follow(deleted.header("Location")).status()).isEqualTo(204);
        assertThat(raw.call("GET", vnet, null).status()).isEqualTo(404);
        assertThat(raw.call("DELETE", vnet, null).status()).isEqualTo(204);
        RawArm.Response missingGroup = raw.call("DELETE", raw.sub()
                + "/resourceGroups/nope/providers/Microsoft.Network/virtualNetworks/v1?" + RawArm.NET_API, null);
        assertThat(missingGroup.status()).isEqualTo(404);
        assertThat(missingGroup.errorCode()).isEqualTo("ResourceGroupNotFound");
    }

    /**
     * Network DELETEs carry Azure-AsyncOperation and Location: the SDK polls the operation status, then reads the
     * Location for the final result. Through the SDK: running, succeeded, failed (the status's error), child deletes.
     */
    @Test
    void networkDeletesThroughTheSdkFollowBothHeaders() {
        try (ArmSimulator slow = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling()
                .withDuration("DELETE", "Microsoft.Network/virtualNetworks", 1)
                .withDuration("DELETE", "Microsoft.Network/virtualNetworks/subnets", 1))) {
            Lab lab = new Lab(new SimClients(slow.info()), slow.info(), "rg");
            lab.group();
            lab.vnet();
            var net = lab.net.serviceClient();
            RawArm raw = new RawArm(slow.info());
            RawArm.Response deleting = raw.call("DELETE", raw.sub() + "/resourceGroups/rg/providers/Microsoft.Network/"
                    + "virtualNetworks/myVNet/subnets/AzureBastionSubnet?" + RawArm.NET_API, null);
            assertThat(deleting.header("Azure-AsyncOperation")).isNotNull();
            assertThat(raw.follow(deleting.header("Azure-AsyncOperation")).json().get("status").asText())
                    .isEqualTo("InProgress");
            assertThat(raw.follow(deleting.header("Location")).status()).isEqualTo(202);
            RawArm.Response again = raw.call("DELETE", raw.sub() + "/resourceGroups/rg/providers/Microsoft.Network/"
                    + "virtualNetworks/myVNet/subnets/AzureBastionSubnet?" + RawArm.NET_API, null);
            assertThat(again.header("Azure-AsyncOperation")).as("a repeated DELETE joins the running one")
                    .isEqualTo(deleting.header("Azure-AsyncOperation"));
            Lab.done(net.getSubnets().beginDelete("rg", "myVNet", "AzureBastionSubnet"));
            assertThat(raw.follow(deleting.header("Location")).status()).isEqualTo(204);

            long started = System.nanoTime();
            Lab.done(net.getVirtualNetworks().beginDelete("rg", "myVNet")
                    .setPollInterval(Duration.ofMillis(50)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the operation")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(slow.admin().resource(lab.net("virtualNetworks", "myVNet"))).isNull();

            lab.vnet();
            slow.admin().injectFaults(FaultConfig.of(new FaultConfig.OneShotFault("Microsoft.Network/virtualNetworks",
                    "DELETE", "asyncFailure", 1, null, "VnetDeleteFailed", "Simulated.")));
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    com.azure.core.management.exception.ManagementException.class,
                    () -> Lab.orError(net.getVirtualNetworks().beginDeleteAsync("rg", "myVNet"), net));
            assertThat(e.getValue().getCode()).isEqualTo("VnetDeleteFailed");
        }
    }

    @Test
    void groupDeleteAnswers202WithOperationResultsLocationThen200() {
        RawArm raw = new RawArm(sim.info());
        rg(raw, "rg3");
        RawArm.Response deleted = raw.call("DELETE", raw.sub() + "/resourcegroups/rg3?" + RawArm.RG_API, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.header("Location")).matches(".*/subscriptions/" + sim.info().subscriptionId()
                + "/operationresults/[0-9a-f-]+\\?api-version=2025-04-01");
        assertThat(raw.follow(deleted.header("Location")).status()).isEqualTo(200);
        assertThat(raw.call("HEAD", raw.sub() + "/resourcegroups/rg3?" + RawArm.RG_API, null).status()).isEqualTo(404);
    }

    @Test
    void retryAfterIsScaledWholeSecondsAndOmittedUnderASecond() {
        SimulatorOptions slow = SimulatorOptions.defaults().withoutThrottling().withProfile(LatencyProfile.REALISTIC);
        try (ArmSimulator wholeSeconds = ArmSimulator.start(slow);
             ArmSimulator fast = ArmSimulator.start(slow.withTimeScale(0.1))) {
            RawArm raw = new RawArm(wholeSeconds.info());
            String vnet = rg(raw, "rg") + "/providers/Microsoft.Network/virtualNetworks/v1?" + RawArm.NET_API;
            RawArm.Response put = raw.call("PUT", vnet, VNET_BODY);
            assertThat(put.header("Retry-After")).isEqualTo("4");
            RawArm.Response poll = raw.follow(put.header("Azure-AsyncOperation"));
            assertThat(poll.json().get("status").asText()).isEqualTo("InProgress");
            assertThat(Integer.parseInt(poll.header("Retry-After"))).isBetween(1, 4);
            RawArm.Response conflict = raw.call("PUT", vnet, VNET_BODY);
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.errorCode()).isEqualTo("AnotherOperationInProgress");

            RawArm rawFast = new RawArm(fast.info());
            String vnetFast = rg(rawFast, "rg") + "/providers/Microsoft.Network/virtualNetworks/v1?" + RawArm.NET_API;
            RawArm.Response fastPut = rawFast.call("PUT", vnetFast, VNET_BODY);
            assertThat(fastPut.json().at("/properties/provisioningState").asText()).isEqualTo("Updating");
            assertThat(fastPut.header("Retry-After")).as("0.4 s scaled: omitted").isNull();
        }
    }

    @Test
    void compressedRealisticBastionCompletesInAboutItsScaledTime() {
        // 600 s × 0.005 = 3 s; everything else stays quick
        SimulatorOptions options = SimulatorOptions.defaults().withoutThrottling()
                .withProfile(LatencyProfile.REALISTIC).withTimeScale(0.005);
        try (ArmSimulator realistic = ArmSimulator.start(options)) {
            Lab lab = new Lab(new SimClients(realistic.info()), realistic.info(), "rgbastion");
            lab.group();
            lab.vnet();
            lab.pip("myBastionIP");
            var poller = lab.net.serviceClient().getBastionHosts().beginCreateOrUpdate(lab.rg, "myBastionHost",
                    lab.bastionBody());
            long start = System.nanoTime();
            poller.setPollInterval(SimClients.POLL);
            BastionHostInner bastion = poller.getFinalResult();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(bastion.provisioningState().toString()).isEqualTo("Succeeded");
            assertThat(took).isBetween(Duration.ofMillis(2900), Duration.ofMillis(4500));
            List<SimOperation> ops = realistic.admin().operations();
            SimOperation op = ops.stream().filter(o -> o.resourceType().equals("Microsoft.Network/bastionHosts"))
                    .findFirst().orElseThrow();
            assertThat(op.simulatedSeconds()).isEqualTo(600.0);
            assertThat(op.status()).isEqualTo("Succeeded");
            Duration wall = Duration.between(java.time.Instant.parse(op.startedAt()),
                    java.time.Instant.parse(op.endedAt()));
            assertThat(wall).isBetween(Duration.ofMillis(2950), Duration.ofMillis(4500));
        }
    }

    @Test
    void everyResponseCarriesArmRequestHeadersAndEchoesTheCorrelationId() {
        RawArm raw = new RawArm(sim.info());
        RawArm.Response r = raw.callWithHeader("GET", raw.sub() + "/resourcegroups/none?" + RawArm.RG_API, null,
                "x-ms-correlation-request-id", "abc-123");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("x-ms-request-id")).isNotBlank();
        assertThat(r.header("x-ms-routing-request-id")).isNotBlank();
        assertThat(r.header("x-ms-correlation-request-id")).isEqualTo("abc-123");
        assertThat(r.header("x-ms-ratelimit-remaining-subscription-reads")).isNotBlank();
        RawArm.Response w = raw.call("PUT", raw.sub() + "/resourcegroups/x?" + RawArm.RG_API, "{\"location\":\"eastus\"}");
        assertThat(w.header("x-ms-ratelimit-remaining-subscription-writes")).isNotBlank();
        assertThat(w.header("x-ms-correlation-request-id")).isNotBlank();
    }
}
