package io.lblab.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /_sim/*}: inspection, faults, reset and drift behind the client's back. */
class AdminApiTest extends SimulatorTestBase {

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void resourcesStatsAndOperationsOverHttp() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        lab.nic("nic1", false);
        lab.vm("vm1", "nic1", false);
        RawArm raw = new RawArm(sim.info());
        JsonNode resources = raw.admin("GET", "/_sim/resources", null).json();
        assertThat(resources.isArray()).isTrue();
        List<String> types = new ArrayList<>();
        resources.forEach(r -> types.add(r.get("type").asText()));
        assertThat(types).contains("Microsoft.Resources/resourceGroups", "Microsoft.Network/virtualNetworks",
                "Microsoft.Compute/virtualMachines", "Microsoft.Compute/disks");
        assertThat(raw.admin("GET", "/_sim/resources?id=" + lab.subnetId("myBackendSubnet"), null).json()
                .at("/properties/addressPrefix").asText()).isEqualTo("10.1.0.0/24");

        JsonNode stats = raw.admin("GET", "/_sim/stats", null).json();
        assertThat(fieldNames(stats)).containsExactly("requests", "reads", "writes", "byMethod", "byType", "byStatus",
                "throttled", "inFlight", "maxConcurrentInFlight", "maxInFlightByType", "unanswered", "unansweredWrites",
                "bySubscription");
        assertThat(stats.get("unanswered").asLong()).isZero();
        assertThat(stats.at("/byType/Microsoft.Network~1virtualNetworks/PUT").asInt()).isEqualTo(1);
        assertThat(stats.at("/byType/Microsoft.Resources~1resourceGroups/PUT").asInt()).isEqualTo(1);
        assertThat(stats.get("requests").asLong()).isEqualTo(stats.get("reads").asLong() + stats.get("writes").asLong());
        JsonNode subscription = stats.path("bySubscription").path(sim.info().subscriptionId());
        assertThat(fieldNames(subscription)).containsExactly("requests", "reads", "writes", "throttled",
                "tooManyRequests");
        assertThat(subscription.get("requests").asLong()).as("every request named the one subscription")
                .isEqualTo(stats.get("requests").asLong());

        JsonNode operations = raw.admin("GET", "/_sim/operations", null).json();
        assertThat(operations.size()).isEqualTo(4);
        assertThat(fieldNames(operations.get(0))).containsExactly("operationId", "resourceId", "resourceType",
                "method", "created", "status", "startedAt", "endedAt", "simulatedSeconds", "errorCode", "unanswered",
                "unansweredFault");
        assertThat(operations.get(0).get("unanswered").asBoolean()).isFalse();
        assertThat(operations.get(3).get("resourceType").asText()).isEqualTo("Microsoft.Compute/virtualMachines");
    }

    /**
     * {@code created} tells a PUT that created its resource (201) from one that replaced it (200): what "no resource
     * is created twice" is checked with. Resource groups are synchronous and have no operation.
     */
    @Test
    void operationsTellACreatingPutFromAReplacingOne() {
        RawArm raw = new RawArm(sim.info());
        String group = raw.sub() + "/resourceGroups/rgcreated";
        String groupBody = "{\"location\":\"eastus\"}";
        assertThat(raw.call("PUT", group + "?" + RawArm.RG_API, groupBody).status()).isEqualTo(201);
        assertThat(raw.call("PUT", group + "?" + RawArm.RG_API, groupBody).status()).isEqualTo(200);
        String vnet = group + "/providers/Microsoft.Network/virtualNetworks/v1";
        String vnetBody = "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":"
                + "{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}";
        String subnetBody = "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}";
        assertThat(raw.call("PUT", vnet + "?" + RawArm.NET_API, vnetBody).status()).isEqualTo(201);
        assertThat(raw.call("PUT", vnet + "?" + RawArm.NET_API, vnetBody).status()).isEqualTo(200);
        assertThat(raw.call("PUT", vnet + "/subnets/s1?" + RawArm.NET_API, subnetBody).status()).isEqualTo(201);
        assertThat(raw.call("PUT", vnet + "/subnets/s1?" + RawArm.NET_API, subnetBody).status()).isEqualTo(200);
        assertThat(raw.call("DELETE", vnet + "?" + RawArm.NET_API, null).status()).isEqualTo(202);

        JsonNode operations = raw.admin("GET", "/_sim/operations", null).json();
        List<String> seen = new ArrayList<>();
        operations.forEach(op -> seen.add(op.get("method").asText() + " " + op.get("resourceId").asText()
                .replaceFirst(".*/virtualNetworks/", "") + " " + op.get("created").asBoolean()));
        assertThat(seen).as("no operation for the synchronous group PUTs").containsExactly(
                "PUT v1 true", "PUT v1 false", "PUT v1/subnets/s1 true", "PUT v1/subnets/s1 false", "DELETE v1 false");
        assertThat(operations).allSatisfy(op -> assertThat(op.get("created").isBoolean()).isTrue());
        assertThat(sim.admin().operations()).extracting(SimOperation::created)
                .containsExactly(true, false, true, false, false);
    }

    @Test
    void inFlightOperationsAreListed() {
        try (ArmSimulator slow = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling()
                .withDuration("PUT", "Microsoft.Network/virtualNetworks", 30))) {
            Lab lab = new Lab(new SimClients(slow.info()), slow.info(), "rg");
            lab.group();
            lab.net.serviceClient().getVirtualNetworks().beginCreateOrUpdate("rg", "myVNet",
                    ErrorCodesTest.vnet("10.1.0.0/24"));
            SimulatorStats stats = slow.admin().stats();
            assertThat(stats.inFlight()).singleElement().satisfies(op -> {
                assertThat(op.resourceType()).isEqualTo("Microsoft.Network/virtualNetworks");
                assertThat(op.method()).isEqualTo("PUT");
                assertThat(op.resourceId()).endsWith("/virtualNetworks/myVNet");
            });
            assertThat(stats.maxConcurrentInFlight()).isEqualTo(1);
            assertThat(stats.maxInFlightByType()).containsEntry("Microsoft.Network/virtualNetworks", 1);
        }
    }

    @Test
    void faultsOverHttp() {
        RawArm raw = new RawArm(sim.info());
        String faults = "{\"seed\":7,\"rules\":[{\"type\":\"Microsoft.Network/*\",\"method\":\"GET\","
                + "\"error500\":0.1}],\"oneShots\":[{\"type\":\"Microsoft.Network/bastionHosts\",\"method\":\"PUT\","
                + "\"fault\":\"asyncFailure\",\"count\":2}]}";
        RawArm.Response posted = raw.admin("POST", "/_sim/faults", faults);
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().at("/oneShots/0/count").asInt()).isEqualTo(2);
        assertThat(raw.admin("GET", "/_sim/faults", null).json().at("/rules/0/error500").asDouble()).isEqualTo(0.1);
        assertThat(raw.admin("POST", "/_sim/faults", "{\"oneShots\":[{\"fault\":\"bogus\"}]}").status())
                .isEqualTo(400);
        assertThat(raw.admin("DELETE", "/_sim/faults", null).status()).isEqualTo(204);
        assertThat(sim.admin().faults().rules()).isEmpty();
    }

    @Test
    void driftDeleteAndPatchBehindTheClientsBack() throws Exception {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        lab.nic("nic1", false);
        RawArm raw = new RawArm(sim.info());
        String nic = lab.net("networkInterfaces", "nic1");
        assertThat(raw.admin("DELETE", "/_sim/resources?id=" + nic, null).status()).isEqualTo(204);
        assertThat(raw.admin("DELETE", "/_sim/resources?id=" + nic, null).status()).isEqualTo(404);
        assertThat(lab.net.serviceClient().getVirtualNetworks().getByResourceGroup("rg", "myVNet").subnets().get(0)
                .ipConfigurations()).as("back references follow drift").isNull();
        assertThat(sim.admin().operations()).as("no operation for drift").hasSize(3);

        String nsg = lab.net("networkSecurityGroups", "myNSG");
        var before = lab.net.serviceClient().getNetworkSecurityGroups().getByResourceGroup("rg", "myNSG");
        Thread.sleep(2);
        RawArm.Response patched = raw.admin("PATCH", "/_sim/resources?id=" + nsg,
                "{\"tags\":{\"drift\":\"yes\"},\"properties\":{\"securityRules\":[]}}");
        assertThat(patched.status()).isEqualTo(200);
        var after = lab.net.serviceClient().getNetworkSecurityGroups().getByResourceGroup("rg", "myNSG");
        assertThat(after.tags()).containsEntry("drift", "yes");
        assertThat(after.securityRules()).isEmpty();
        assertThat(after.etag()).isNotEqualTo(before.etag());
        var listed = lab.rm.serviceClient().getResources().listByResourceGroup("rg", null, "changedTime", null,
                com.azure.core.util.Context.NONE).stream().filter(r -> r.name().equals("myNSG")).findFirst()
                .orElseThrow();
        assertThat(sim.admin().resource(nsg)).isNotNull();
        assertThat(listed.changedTime().toInstant()).isAfter(java.time.Instant.now().minusSeconds(5));

        assertThat(sim.admin().deleteResource(lab.subnetId("AzureBastionSubnet"))).isTrue();
        assertThat(lab.net.serviceClient().getVirtualNetworks().getByResourceGroup("rg", "myVNet").subnets())
                .hasSize(1);
        ObjectNode child = sim.admin().patchResource(lab.subnetId("myBackendSubnet"),
                "{\"properties\":{\"addressPrefix\":\"10.1.5.0/24\"}}");
        assertThat(child.at("/properties/addressPrefix").asText()).isEqualTo("10.1.5.0/24");
    }

    @Test
    void resetEmptiesEverything() {
        lab("rg").group();
        RawArm raw = new RawArm(sim.info());
        assertThat(raw.admin("POST", "/_sim/reset", null).status()).isEqualTo(204);
        assertThat(sim.admin().resources()).isEmpty();
        assertThat(sim.admin().operations()).isEmpty();
        assertThat(sim.admin().stats().requests()).isZero();
        assertThat(raw.admin("GET", "/_sim/nothing", null).status()).isEqualTo(404);
    }
}
